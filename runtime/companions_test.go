package runtime

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/winhttpjs/winhttpjs/bindings/host"
)

// TestCompanions runs the companion classes through the real runtime: the
// script loader's rewrite of env("X") = v, the runtime's environment
// (Options.Env) behind WScript.Shell, and Options.Permissions.
func TestCompanions(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f.txt")
	if err := os.WriteFile(file, []byte("content"), 0o666); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		perms  host.Permissions
		src    string
		stdout string
	}{
		{"environment", host.Permissions{}, `var sh = WScript.CreateObject("WScript.Shell"); var env = sh.Environment("PROCESS");
			WScript.Echo(env("HTTPBIN_URL")); env("ADDED") = "yes"; WScript.Echo(sh.ExpandEnvironmentStrings("%added%"));`,
			"http://127.0.0.1:1\nyes\n"},
		{"zero permissions deny files", host.Permissions{}, `var fso = new ActiveXObject("Scripting.FileSystemObject");
			try { fso.OpenTextFile("` + file + `"); } catch (e) { WScript.Echo(e.number, e.description); }
			WScript.Echo(fso.FileExists("` + file + `"));`,
			"-2146828218 Permission denied: read access to " + file + " is not allowed (grant a folder containing it with --allow-read=DIR)\n0\n"},
		{"zero permissions deny programs", host.Permissions{}, `try { new ActiveXObject("WScript.Shell").Run("true"); } catch (e) { WScript.Echo(e.description); }`,
			"Access is denied: running true is not allowed (grant it with --allow-run)\n"},
		{"granted read", host.Permissions{Read: []string{dir}}, `WScript.Echo(new ActiveXObject("Scripting.FileSystemObject").OpenTextFile("` + file + `").ReadAll());`,
			"content\n"},
		{"enumerator and vbarray", host.Unrestricted(), `var s = new ActiveXObject("ADODB.Stream"); s.Type = 1; s.Open(); s.LoadFromFile("` + file + `");
			s.Position = 0; var a = new VBArray(s.Read(3)); WScript.Echo(a.toArray().join(","));
			for (var e = new Enumerator(new ActiveXObject("Scripting.FileSystemObject").GetFolder("` + dir + `").Files); !e.atEnd(); e.moveNext()) WScript.Echo(e.item().Name);`,
			"99,111,110\nf.txt\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runJS(t, Options{Permissions: tt.perms, Env: []string{"HTTPBIN_URL=http://127.0.0.1:1"}}, tt.src)
			r.check(t, 0, tt.stdout, "")
		})
	}
}

func TestSandbox(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o666); err != nil {
		t.Fatal(err)
	}
	p, err := Sandbox([]string{dir}, []string{dir}, true)
	if err != nil || len(p.Read) != 1 || p.Read[0] != dir || p.Write[0] != dir || !p.Run || p.All {
		t.Errorf("Sandbox = %+v, %v", p, err)
	}
	tests := []struct {
		read, write []string
		err         string
	}{
		{[]string{filepath.Join(dir, "missing")}, nil, "--allow-read=" + filepath.Join(dir, "missing") + ": no such file or directory"},
		{nil, []string{file}, "--allow-write=" + file + ": not a folder"},
	}
	for _, tt := range tests {
		_, err := Sandbox(tt.read, tt.write, false)
		if err == nil || err.Error() != tt.err {
			t.Errorf("Sandbox(%q, %q) error %v, want %q", tt.read, tt.write, err, tt.err)
		}
	}
	if p, err := Sandbox(nil, nil, false); err != nil || p.CheckRead(dir) == nil || !strings.Contains(p.CheckRun("x").Error(), "--allow-run") {
		t.Errorf("empty sandbox: %+v %v", p, err)
	}
}
