package wshell_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/winhttpjs/winhttpjs/bindings/host"
	"github.com/winhttpjs/winhttpjs/bindings/internal/comtest"
)

func newShell(t *testing.T, perms host.Permissions, env map[string]string) (*comtest.Env, string) {
	dir := t.TempDir()
	e := comtest.New(t, comtest.Config{Perms: perms, Dir: dir, Env: env})
	e.Run(t, `var sh = WScript_Shell = new ActiveXObject("WScript.Shell")`)
	return e, dir
}

func TestEnvironment(t *testing.T) {
	env := map[string]string{"HTTPBIN_URL": "http://127.0.0.1:9", "Path": "/bin"}
	e, _ := newShell(t, host.Permissions{}, env)
	tests := []struct{ src, want string }{
		{`sh.Environment("PROCESS")("HTTPBIN_URL")`, "http://127.0.0.1:9"},
		{`sh.Environment("process").Item("httpbin_url")`, "http://127.0.0.1:9"},
		{`sh.Environment("PROCESS")("PATH")`, "/bin"},
		{`sh.Environment("PROCESS")("UNSET")`, ""},
		{`sh.ExpandEnvironmentStrings("%HttpBin_Url%/get?%NOPE%")`, "http://127.0.0.1:9/get?%NOPE%"},
		{`var p = sh.Environment("PROCESS"); p("NEW", __winhttpjs_propput__).value = "v1"; p("NEW") + "," + sh.ExpandEnvironmentStrings("%NEW%")`, "v1,v1"},
		{`var p = sh.Environment("PROCESS"); p.Item("NEW", __winhttpjs_propput__).value = "v2"; p("new")`, "v2"},
		{`sh.Environment("PROCESS").Remove("NEW"); sh.Environment("PROCESS")("NEW")`, ""},
		{`sh.Environment("PROCESS").Count() + "," + sh.Environment("PROCESS").length`, "2,2"},
		{`var a = []; for (var en = new Enumerator(sh.Environment("PROCESS")); !en.atEnd(); en.moveNext()) a.push(en.item()); a.join(";")`, "HTTPBIN_URL=http://127.0.0.1:9;Path=/bin"},
		// SYSTEM (the default) and USER read the runtime's environment;
		// their writes stay out of PROCESS, as on Windows.
		{`sh.Environment()("PATH") + "," + sh.Environment("USER")("HTTPBIN_URL")`, "/bin,http://127.0.0.1:9"},
		{`sh.Environment("USER")("ONLYUSER", __winhttpjs_propput__).value = "u"; sh.Environment("USER")("ONLYUSER") + "|" + sh.Environment("PROCESS")("ONLYUSER") + "|" + new ActiveXObject("WScript.Shell").Environment("USER")("onlyuser")`, "u||u"},
		{`sh.Environment("SYSTEM").Remove("PATH"); sh.Environment("SYSTEM")("PATH") + "|" + sh.Environment("PROCESS")("PATH")`, "|/bin"},
	}
	for _, tt := range tests {
		if got := e.String(t, tt.src); got != tt.want {
			t.Errorf("%s = %q, want %q", tt.src, got, tt.want)
		}
	}
	// Writes reach the runtime's environment block, not the Go process's.
	// (The runtime's loader rewrites env("X") = v into this form.)
	e.Run(t, `sh.Environment("PROCESS")("WINHTTPJS_TEST_VAR", __winhttpjs_propput__).value = "x"`)
	if env["WINHTTPJS_TEST_VAR"] != "x" || os.Getenv("WINHTTPJS_TEST_VAR") != "" {
		t.Errorf("runtime env %q, process env %q", env["WINHTTPJS_TEST_VAR"], os.Getenv("WINHTTPJS_TEST_VAR"))
	}
	hr, desc := e.Caught(t, `sh.Environment("REGISTRY")`)
	if hr != 0x80070057 || desc != "The parameter is incorrect." {
		t.Errorf("bad type: %#x %q", hr, desc)
	}
}

func TestCurrentDirectoryPopupLogEvent(t *testing.T) {
	e, dir := newShell(t, host.Permissions{Write: nil, Read: nil}, nil)
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o777); err != nil {
		t.Fatal(err)
	}
	e.Sys.Perms = host.Permissions{Write: []string{dir}}
	if got := e.String(t, `sh.CurrentDirectory = "sub"; sh.CurrentDirectory`); got != sub {
		t.Errorf("CurrentDirectory = %q, want %q", got, sub)
	}
	// Relative paths of the other classes follow it.
	e.Run(t, `new ActiveXObject("Scripting.FileSystemObject").CreateTextFile("here.txt").Write("h")`)
	if b, err := os.ReadFile(filepath.Join(sub, "here.txt")); err != nil || string(b) != "h" {
		t.Errorf("here.txt: %q %v", b, err)
	}
	hr, desc := e.Caught(t, `sh.CurrentDirectory = "missing"`)
	if hr != 0x80070003 || desc != "The system cannot find the path specified." {
		t.Errorf("missing dir: %#x %q", hr, desc)
	}
	hr, desc = e.Caught(t, `sh.CurrentDirectory = "/"`)
	if hr != 0x80070005 || desc != "Access is denied: read access to / is not allowed (grant a folder containing it with --allow-read=DIR)" {
		t.Errorf("denied dir: %#x %q", hr, desc)
	}
	if got := e.String(t, `[sh.Popup("Done", 5, "Title", 64), sh.Popup("No title"), sh.LogEvent(0, "started"), sh.LogEvent(1, "failed")].join()`); got != "-1,-1,true,true" {
		t.Errorf("results %q", got)
	}
	if want := "Title: Done\nWindows Script Host: No title\nLogEvent SUCCESS: started\nLogEvent ERROR: failed\n"; e.Stderr.String() != want {
		t.Errorf("stderr %q, want %q", e.Stderr.String(), want)
	}
	hr, desc = e.Caught(t, `sh.RegRead("HKCU\\Software\\x")`)
	if hr != 0x80004001 || desc != "Not implemented: RegRead is not supported (there is no registry)" {
		t.Errorf("RegRead: %#x %q", hr, desc)
	}
}

func TestRunDenied(t *testing.T) {
	e, _ := newShell(t, host.Permissions{Read: []string{"/"}}, nil)
	for _, src := range []string{`sh.Run("echo hi", 0, true)`, `sh.Exec("echo hi")`} {
		hr, desc := e.Caught(t, src)
		if hr != 0x80070005 || desc != "Access is denied: running echo hi is not allowed (grant it with --allow-run)" {
			t.Errorf("%s: %#x %q", src, hr, desc)
		}
	}
}

func TestRunAndExec(t *testing.T) {
	e, dir := newShell(t, host.Permissions{Run: true, Write: []string{t.TempDir()}}, map[string]string{"PATH": os.Getenv("PATH"), "GREETING": "hello"})
	tests := []struct{ src, want string }{
		{`sh.Run("sh -c \"exit 3\"", 0, true)`, "3"},
		{`sh.Run("true", 0, true)`, "0"},
		{`sh.Run("sh -c \"echo %GREETING% > run.txt\"", 0, true)`, "0"},
		{`var x = sh.Exec("sh -c \"echo out; echo err >&2; exit 4\""); var o = x.StdOut.ReadAll(), er = x.StdErr.ReadAll(); while (x.Status == 0) {} [o, er, x.ExitCode, x.Status].join("|")`, "out\n|err\n|4|1"},
		{`var x = sh.Exec("cat"); x.StdIn.WriteLine("line one"); x.StdIn.Write("two"); x.StdIn.Close(); var a = []; while (!x.StdOut.AtEndOfStream) a.push(x.StdOut.ReadLine()); a.join("|")`, "line one|two"},
		{`var x = sh.Exec("sh -c \"printf %s \\\"$GREETING\\\"; pwd\""); x.StdOut.ReadAll()`, "hello" + dir + "\n"},
		{`var x = sh.Exec("sleep 30"); x.Terminate(); x.StdOut.AtEndOfStream + "," + (x.ProcessID > 0)`, "true,true"},
	}
	for _, tt := range tests {
		if got := e.String(t, tt.src); got != tt.want {
			t.Errorf("%s = %q, want %q", tt.src, got, tt.want)
		}
	}
	if b, err := os.ReadFile(filepath.Join(dir, "run.txt")); err != nil || string(b) != "hello\n" {
		t.Errorf("run.txt = %q %v (Run expands %%VARS%%)", b, err)
	}
	hr, desc := e.Caught(t, `sh.Exec("no-such-program-winhttpjs")`)
	if hr != 0x80070002 || desc != "The system cannot find the file specified." {
		t.Errorf("missing program: %#x %q", hr, desc)
	}
	hr, _ = e.Caught(t, `sh.Run("")`)
	if hr != 0x80070057 {
		t.Errorf("empty command: %#x", hr)
	}
	if strings.Contains(e.Stderr.String(), "panic") {
		t.Errorf("stderr: %s", e.Stderr.String())
	}
}

// TestProgramLookup: a path is taken from the runtime's current directory
// and a bare name is searched in the runtime's PATH, not the process's.
func TestProgramLookup(t *testing.T) {
	bin := t.TempDir()
	script := "#!/bin/sh\necho \"tool $1\"\n"
	if err := os.WriteFile(filepath.Join(bin, "wjs-tool"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	e, dir := newShell(t, host.Permissions{Run: true}, map[string]string{"PATH": bin})
	if err := os.WriteFile(filepath.Join(dir, "local.sh"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ src, want string }{
		{`sh.Exec("wjs-tool one").StdOut.ReadAll()`, "tool one\n"},
		{`sh.Exec("./local.sh two").StdOut.ReadAll()`, "tool two\n"},
	}
	for _, tt := range tests {
		if got := e.String(t, tt.src); got != tt.want {
			t.Errorf("%s = %q, want %q", tt.src, got, tt.want)
		}
	}
	// sh itself is not in this runtime's PATH.
	hr, _ := e.Caught(t, `sh.Exec("sh -c true")`)
	if hr != 0x80070002 {
		t.Errorf("sh found outside the runtime's PATH: %#x", hr)
	}
}
