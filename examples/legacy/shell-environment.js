// Settings from WScript.Shell: environment variables (read, set for child
// programs), expansion, the current directory, and named arguments.
var sh = WScript.CreateObject("WScript.Shell");
var env = sh.Environment("PROCESS");
WScript.Echo("HTTPBIN_URL set: " + (env("HTTPBIN_URL") != ""));
env("APP_MODE") = "batch";
WScript.Echo("APP_MODE=" + sh.ExpandEnvironmentStrings("%APP_MODE%") + " missing=" + sh.ExpandEnvironmentStrings("%NOT_SET_ANYWHERE%"));
var out = sh.Exec("sh -c \"echo mode=$APP_MODE\"").StdOut.ReadAll();
WScript.Echo("child sees " + out.replace(/\n$/, ""));
env.Remove("APP_MODE");
WScript.Echo("after Remove: [" + env("APP_MODE") + "]");

var fso = new ActiveXObject("Scripting.FileSystemObject");
fso.CreateFolder("data");
sh.CurrentDirectory = "data";
fso.CreateTextFile("note.txt").WriteLine("in data");
WScript.Echo("cwd ends with data: " + (fso.GetFileName(sh.CurrentDirectory) == "data"));

var args = [];
for (var e = new Enumerator(WScript.Arguments); !e.atEnd(); e.moveNext()) args.push(e.item());
WScript.Echo(args.length + " argument(s); verbose=" + WScript.Arguments.Named.Exists("verbose"));
