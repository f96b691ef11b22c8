// POST JSON with ServerXMLHTTP (falling back from WinHttpRequest on
// error), save the reply with the FileSystemObject and read it back.
var payload = '{"job":"sync","items":[1,2,3]}';
var x = new ActiveXObject("MSXML2.ServerXMLHTTP");
x.open("POST", WScript.Arguments(0) + "/anything/jobs", false);
x.setRequestHeader("Content-Type", "application/json; charset=utf-8");
x.send(payload);
WScript.Echo("POST " + x.status + " " + x.statusText);

var reply = eval("(" + x.responseText + ")");
var fso = new ActiveXObject("Scripting.FileSystemObject");
var out = fso.CreateTextFile("reply.txt", true);
out.WriteLine("method=" + reply.method);
out.WriteLine("job=" + reply.json.job);
out.WriteLine("items=" + reply.json.items.join(";"));
out.Close();

var r = fso.OpenTextFile("reply.txt");
while (!r.AtEndOfStream) {
    WScript.Echo(r.Line + ": " + r.ReadLine());
}
r.Close();
