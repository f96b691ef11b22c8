package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestSandboxFlags runs scripts that touch files and programs with and
// without --sandbox and the --allow-* grants.
func TestSandboxFlags(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	out := filepath.Join(dir, "out")
	for _, d := range []string{in, out} {
		if err := os.Mkdir(d, 0o777); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(in, "data.txt"), []byte("secret"), 0o666); err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(dir, "touch.js")
	src := `var fso = new ActiveXObject("Scripting.FileSystemObject");
function attempt(label, f) { try { WScript.Echo(label + ": " + f()); } catch (e) { WScript.Echo(label + ": " + e.description); } }
attempt("read", function () { return fso.OpenTextFile(WScript.Arguments(0) + "/data.txt").ReadAll(); });
attempt("write", function () { fso.CreateTextFile(WScript.Arguments(1) + "/new.txt").Write("w"); return "ok"; });
attempt("run", function () { return new ActiveXObject("WScript.Shell").Run("true", 0, true); });
`
	if err := os.WriteFile(script, []byte(src), 0o666); err != nil {
		t.Fatal(err)
	}
	readDenied := "read: Permission denied: read access to " + filepath.Join(in, "data.txt") + " is not allowed (grant a folder containing it with --allow-read=DIR)\n"
	writeDenied := "write: Permission denied: write access to " + filepath.Join(out, "new.txt") + " is not allowed (grant a folder containing it with --allow-write=DIR)\n"
	runDenied := "run: Access is denied: running true is not allowed (grant it with --allow-run)\n"
	tests := []struct {
		name   string
		flags  []string
		stdout string
		wrote  bool
	}{
		{"default allows all", nil, "read: secret\nwrite: ok\nrun: 0\n", true},
		{"sandbox denies all", []string{"--sandbox"}, readDenied + writeDenied + runDenied, false},
		{"read granted", []string{"--sandbox", "--allow-read=" + in}, "read: secret\n" + writeDenied + runDenied, false},
		{"write granted", []string{"--sandbox", "--allow-write", out, "--allow-run"}, readDenied + "write: ok\nrun: 0\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_ = os.Remove(filepath.Join(out, "new.txt"))
			args := append(append([]string{"run"}, tt.flags...), script, in, out)
			runCLI(t, "", nil, args...).check(t, 0, tt.stdout, "")
			_, err := os.Stat(filepath.Join(out, "new.txt"))
			if wrote := err == nil; wrote != tt.wrote {
				t.Errorf("new.txt written: %v, want %v", wrote, tt.wrote)
			}
		})
	}
	usage := []struct {
		args   []string
		stderr string
	}{
		{[]string{"run", "--allow-run", script}, "winhttpjs: --allow-read, --allow-write and --allow-run only make sense with --sandbox (without it everything is allowed)\n"},
		{[]string{"run", "--sandbox", "--allow-read=" + filepath.Join(dir, "missing"), script}, "winhttpjs: --allow-read=" + filepath.Join(dir, "missing") + ": no such file or directory\n"},
		{[]string{"run", "--sandbox", "--allow-write=" + script, script}, "winhttpjs: --allow-write=" + script + ": not a folder\n"},
	}
	for _, u := range usage {
		runCLI(t, "", nil, u.args...).check(t, 2, "", u.stderr)
	}
}
