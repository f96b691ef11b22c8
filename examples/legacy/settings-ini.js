// Read key=value settings from an INI-style file (written on first run)
// and use them for a request.
var fso = new ActiveXObject("Scripting.FileSystemObject");
var ini = "settings.ini";
if (!fso.FileExists(ini)) {
    var w = fso.CreateTextFile(ini);
    w.WriteLine("; client settings");
    w.WriteLine("[http]");
    w.WriteLine("agent=LegacyClient/2.1");
    w.WriteLine("token = abc123");
    w.WriteLine("");
    w.Close();
}

var settings = {};
var r = fso.OpenTextFile(ini, 1);
while (!r.AtEndOfStream) {
    var line = r.ReadLine();
    if (line == "" || line.charAt(0) == ";" || line.charAt(0) == "[") continue;
    var eq = line.indexOf("=");
    settings[line.substring(0, eq).replace(/\s+$/, "")] = line.substring(eq + 1).replace(/^\s+/, "");
}
WScript.Echo("read " + (r.Line - 1) + " lines");
r.Close();

var http = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
http.Open("GET", WScript.Arguments(0) + "/headers", false);
http.SetRequestHeader("User-Agent", settings.agent);
http.SetRequestHeader("Authorization", "Bearer " + settings.token);
http.Send();
var h = eval("(" + http.ResponseText + ")").headers;
WScript.Echo("User-Agent: " + h["User-Agent"]);
WScript.Echo("Authorization: " + h["Authorization"]);
