// Run a command with WScript.Shell.Exec and read its output line by line;
// Run with WaitOnReturn gives the exit code.
var sh = new ActiveXObject("WScript.Shell");
var p = sh.Exec("printf \"alpha\\nbeta\\n\"");
var lines = [];
while (!p.StdOut.AtEndOfStream) {
    lines.push(p.StdOut.ReadLine());
}
while (p.Status == 0) {
    WScript.Sleep(10);
}
WScript.Echo("lines: " + lines.join(", ") + "; exit code " + p.ExitCode);
WScript.Echo("sh exit code: " + sh.Run("sh -c \"exit 7\"", 0, true));
try {
    sh.Exec("no-such-command-here");
} catch (e) {
    WScript.Echo("0x" + (e.number >>> 0).toString(16) + " " + e.description);
}
