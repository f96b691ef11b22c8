// Moves one large body through every object a legacy script moves bodies
// with, and prints how long each step took: the probe behind phase 8 of
// bench/RESULTS.md. Files go to DIR and are removed at the end.
// Usage: winhttpjs run large-bodies.js BASE_URL SIZE DIR
//   (BASE_URL from `go run ./bench/cmd/bench serve`)
var base = WScript.Arguments(0), size = +WScript.Arguments(1), dir = WScript.Arguments(2);
var fso = new ActiveXObject("Scripting.FileSystemObject");
var t0 = Date.now();

function step(name) {
    WScript.Echo(name + ": " + (Date.now() - t0) + " ms");
    t0 = Date.now();
}

function check(what, got) {
    if (got !== size) {
        WScript.StdErr.WriteLine(what + ": " + got + " bytes, want " + size);
        WScript.Quit(1);
    }
}

var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
r.Open("GET", base + "/bytes/" + size, false);
r.Send();
var body = r.ResponseBody;
check("ResponseBody", body.length);
step("WinHttpRequest Send + ResponseBody");
var text = r.ResponseText;
check("ResponseText", text.length);
step("ResponseText");

var x = new ActiveXObject("MSXML2.XMLHTTP");
x.open("GET", base + "/bytes/" + size, false);
x.send();
step("MSXML2.XMLHTTP send");
check("responseBody", x.responseBody.length);
step("responseBody");
check("responseText", x.responseText.length);
step("responseText");
x = null;

var s = new ActiveXObject("ADODB.Stream");
s.Type = 1;
s.Open();
s.Write(body);
check("ADODB.Stream.Write", s.Size);
step("ADODB.Stream.Write(ResponseBody)");
var saved = fso.BuildPath(dir, "large-bodies.bin");
s.SaveToFile(saved, 2);
s.Close();
step("ADODB.Stream.SaveToFile");

var chunks = new ActiveXObject("ADODB.Stream");
chunks.Type = 1;
chunks.Open();
var ev = WScript.CreateObject("WinHttp.WinHttpRequest.5.1", "ev_");
function ev_OnResponseDataAvailable(data) { chunks.Write(data); }
ev.Open("GET", base + "/bytes/" + size, false);
ev.Send();
check("chunks written", chunks.Size);
chunks.Close();
step("ADODB.Stream.Write per OnResponseDataAvailable chunk");

var textFile = fso.BuildPath(dir, "large-bodies.txt");
var f = fso.CreateTextFile(textFile, true);
f.Write(text);
f.Close();
step("TextStream.Write");
f = fso.OpenTextFile(textFile, 1);
check("TextStream.ReadAll", f.ReadAll().length);
f.Close();
step("TextStream.ReadAll");

r.Open("POST", base + "/upload", false);
r.Send(text);
check("Send(string)", +r.ResponseText);
step("WinHttpRequest Send(string)");
var sx = new ActiveXObject("MSXML2.ServerXMLHTTP");
sx.open("POST", base + "/upload", false);
sx.send(text);
check("send(string)", +sx.responseText);
step("MSXML2.ServerXMLHTTP send(string)");

fso.DeleteFile(saved);
fso.DeleteFile(textFile);
