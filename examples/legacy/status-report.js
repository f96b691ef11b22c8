// Check a list of endpoints and write a CSV report with the
// FileSystemObject, then print a summary.
var base = WScript.Arguments(0);
var paths = ["/status/200", "/status/404", "/status/500", "/get", "/redirect/1"];
var fso = new ActiveXObject("Scripting.FileSystemObject");
var csv = fso.CreateTextFile("status.csv", true);
csv.WriteLine("path,status,ok");
var failed = 0;
for (var i = 0; i < paths.length; i++) {
    var x = new ActiveXObject("Microsoft.XMLHTTP");
    x.open("GET", base + paths[i], false);
    x.send();
    var ok = x.status >= 200 && x.status < 300;
    if (!ok) failed++;
    csv.WriteLine(paths[i] + "," + x.status + "," + (ok ? "yes" : "no"));
}
csv.Close();
WScript.Echo(paths.length + " checked, " + failed + " failed");
WScript.Echo("report: " + fso.GetFile("status.csv").Size + " bytes");
