// Run with --sandbox --allow-write=. : writing here works; reading
// elsewhere and running programs fail with errors naming the flag.
var fso = new ActiveXObject("Scripting.FileSystemObject");
var t = fso.CreateTextFile("allowed.txt");
t.WriteLine("ok");
t.Close();
WScript.Echo("wrote allowed.txt: " + fso.FileExists("allowed.txt"));
WScript.Echo("sees /etc/hosts: " + fso.FileExists("/etc/hosts"));
try {
    fso.OpenTextFile("/etc/hosts", 1);
} catch (e) {
    WScript.Echo("read denied: " + (e.number & 0xFFFF) + " " + e.description);
}
try {
    new ActiveXObject("WScript.Shell").Run("ls", 0, true);
} catch (e) {
    WScript.Echo("run denied: " + e.description);
}
var s = new ActiveXObject("ADODB.Stream");
s.Open();
s.WriteText("x");
s.SaveToFile("/tmp/winhttpjs-sandbox-test.txt", 2);
