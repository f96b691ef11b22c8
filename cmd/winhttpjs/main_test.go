package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	goruntime "runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/winhttpjs/winhttpjs/internal/testbin"
)

// binPath is the winhttpjs binary built once for the tests.
var binPath string

const testVersion = "v0.0.0-test"

func TestMain(m *testing.M) {
	testbin.Main(m, &binPath, ".", "-ldflags", "-X main.version="+testVersion)
}

// cliResult is what one run of the binary produced.
type cliResult struct {
	code           int
	stdout, stderr string
}

// runCLI runs the binary with args and stdin, with HTTPBIN_URL pointing
// nowhere unless the test sets it, and a deadline against hangs.
func runCLI(t *testing.T, stdin string, env []string, args ...string) cliResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binPath, args...)
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Env = append(os.Environ(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running %v: %v", args, err)
	}
	return cliResult{code: code, stdout: out.String(), stderr: errb.String()}
}

func (r cliResult) check(t *testing.T, code int, stdout, stderr string) {
	t.Helper()
	if r.code != code {
		t.Errorf("exit code = %d, want %d", r.code, code)
	}
	if r.stdout != stdout {
		t.Errorf("stdout =\n%q\nwant\n%q", r.stdout, stdout)
	}
	if r.stderr != stderr {
		t.Errorf("stderr =\n%q\nwant\n%q", r.stderr, stderr)
	}
}

func TestVersion(t *testing.T) {
	want := fmt.Sprintf("winhttpjs %s\ngo: %s\ngoja: %s\ngoja_nodejs: %s\n",
		testVersion, goruntime.Version(), depVersion("github.com/dop251/goja"), depVersion("github.com/dop251/goja_nodejs"))
	if strings.Contains(want, "unknown") {
		t.Fatalf("test binary has no module versions: %q", want)
	}
	runCLI(t, "", nil, "version").check(t, 0, want, "")
}

// TestCompletionCommand checks that cobra's completion command is still
// there: "winhttpjs run …" leaves it out of its command tree.
func TestCompletionCommand(t *testing.T) {
	r := runCLI(t, "", nil, "completion", "bash")
	if r.code != 0 || !strings.Contains(r.stdout, "bash completion") {
		t.Errorf("completion bash: code %d, stdout %.80q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

func TestHelp(t *testing.T) {
	tests := []struct {
		args   []string
		golden string
	}{
		{[]string{"--help"}, "help-root.txt"},
		{[]string{"run", "--help"}, "help-run.txt"},
		// "run" first builds only the run command (start-up); through
		// "help" the whole tree is built, and the help must not differ.
		{[]string{"help", "run"}, "help-run.txt"},
		{[]string{"httpbin", "--help"}, "help-httpbin.txt"},
		{[]string{"version", "--help"}, "help-version.txt"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join("testdata", tt.golden))
			if err != nil {
				t.Fatal(err)
			}
			runCLI(t, "", nil, tt.args...).check(t, 0, string(want), "")
		})
	}
}

func TestRun(t *testing.T) {
	tests := []struct {
		name           string
		stdin          string
		args           []string
		code           int
		stdout, stderr string
	}{
		{"arguments verbatim", "", []string{"run", "testdata/args.js", "one", "/v", "/out:x.txt", "--httpbin", "-h", "--"}, 0,
			"args.js 6\n0: one\n1: /v\n2: /out:x.txt\n3: --httpbin\n4: -h\n5: --\nnamed v: -1 out: x.txt\nunnamed: 4\n", ""},
		{"script from stdin", `WScript.Echo(WScript.ScriptName, WScript.Arguments(0)); WScript.Echo(WScript.StdIn.AtEndOfStream)`,
			[]string{"run", "-", "arg"}, 0, "<stdin> arg\n-1\n", ""},
		{"quit code", "", []string{"run", "testdata/quit.js", "42"}, 42, "quitting\n", ""},
		{"quit zero", "", []string{"run", "testdata/quit.js"}, 0, "quitting\n", ""},
		{"uncaught error", "", []string{"run", "testdata/error.js"}, 1, "",
			"testdata/error.js:3:11\n    throw new Error(\"unexpected status \" + req.status);\n          ^\nError: unexpected status 404\n    at check (testdata/error.js:3:11)\n    at testdata/error.js:6:6\n"},
		{"syntax error from stdin", "var x = (;\n", []string{"run", "-"}, 1, "",
			"<stdin>:1:10\nvar x = (;\n         ^\nSyntaxError: Unexpected token ;\n"},
		{"parameterized property put", "", []string{"run", "testdata/option.js"}, 1, "redirects: 0\n",
			"testdata/option.js:3:74\nWScript.Echo(\"redirects:\", req.Option(6)); req.Option(4) = 13056; missing();\n                                                                         ^\nReferenceError: missing is not defined\n    at testdata/option.js:3:74\n"},
		{"missing file", "", []string{"run", "testdata/nope.js"}, 1, "",
			"winhttpjs: cannot read script testdata/nope.js: no such file or directory\n"},
		{"no file", "", []string{"run"}, 2, "", "winhttpjs: run needs a script: winhttpjs run FILE|- [args...]\n"},
		{"unknown flag", "", []string{"run", "--nope", "x.js"}, 2, "", "winhttpjs: unknown flag: --nope\nRun 'winhttpjs run --help' for usage.\n"},
		{"unknown command", "", []string{"launch"}, 2, "", "winhttpjs: unknown command \"launch\" for \"winhttpjs\"\nRun 'winhttpjs --help' for usage.\n"},
		{"negative timeout", "", []string{"run", "--timeout", "-1s", "testdata/loop.js"}, 2, "", "winhttpjs: --timeout must not be negative (got -1s)\n"},
		{"timeout flag", "", []string{"run", "--timeout", "200ms", "testdata/loop.js"}, 1, "looping\n",
			"testdata/loop.js: script execution time was exceeded (time limit 200ms); script terminated\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runCLI(t, tt.stdin, nil, tt.args...).check(t, tt.code, tt.stdout, tt.stderr)
		})
	}
}

func TestRunWithHTTPBin(t *testing.T) {
	runCLI(t, "", nil, "run", "--httpbin", "testdata/httpbin_get.js").check(t, 0, "200 OK\n1 yes\n", "")
	// The URL is passed through the environment, without a trailing slash.
	r := runCLI(t, `WScript.Echo(/^http:\/\/127\.0\.0\.1:[0-9]+$/.test(process.env.HTTPBIN_URL))`, nil, "run", "--httpbin", "-")
	r.check(t, 0, "-1\n", "")
}

// --discard-streamed-body: the events still carry the whole body, but
// the arrays are the handler's for the call only and the body is not kept.
func TestRunDiscardStreamedBody(t *testing.T) {
	runCLI(t, "", nil, "run", "--httpbin", "testdata/stream.js", "300000").check(t, 0,
		"streamed 300000, first array kept\nResponseBody 300000\n", "")
	runCLI(t, "", nil, "run", "--httpbin", "--discard-streamed-body", "testdata/stream.js", "300000").check(t, 0,
		"streamed 300000, first array taken back (length 0)\nResponseBody: 80072ef3 The handle supplied is not in the correct state for this operation\n", "")
}

// An array lent to OnResponseDataAvailable and kept past its handler is
// detached: APIs handed it answer as for a value of the wrong kind (or
// with goja's TypeError), never with an internal error.
func TestRunDetachedArray(t *testing.T) {
	runCLI(t, "", nil, "run", "--httpbin", "--discard-streamed-body", "testdata/detached.js").check(t, 0,
		"kept length 0\n"+
			"WinHttpSetTimeouts: false 87\n"+
			"WinHttpCloseHandle: false 6\n"+
			"WinHttpOpen: null 87\n"+
			"Send threw: 800a000d Type mismatch\n"+
			"SetTimeouts threw: ArrayBuffer is detached\n"+
			"WScript.Echo threw: ArrayBuffer is detached\n"+
			"clearTimeout: cleared\n"+
			"Enumerator: true\n"+
			"console.log threw: ArrayBuffer is detached\n", "")
}

// Where goja itself reads such an array (Buffer.from exports it), the run
// ends with an internal error that says what the script did.
func TestRunDetachedArrayInGoja(t *testing.T) {
	msg := "testdata/detached.js: internal error in winhttpjs: runtime error: unsafe.Slice: len out of range: " +
		"a typed array whose ArrayBuffer is detached was passed to a function that reads it " +
		"(an array lent to OnResponseDataAvailable is valid during its handler only; copy it there with slice())"
	runCLI(t, "", nil, "run", "--httpbin", "--discard-streamed-body", "testdata/detached.js", "buffer").check(t, 1,
		"kept length 0\n", msg+"\nwinhttpjs: "+msg+"\n")
}

// startCLI starts the binary and returns it with a reader of its stdout.
func startCLI(t *testing.T, env []string, args ...string) (*exec.Cmd, *bufio.Reader, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(binPath, args...)
	cmd.Env = append(os.Environ(), env...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	return cmd, bufio.NewReader(stdout), &errb
}

// readLine reads one line of the child's output, failing after a while.
func readLine(t *testing.T, r *bufio.Reader) string {
	t.Helper()
	got := make(chan string, 1)
	go func() {
		s, _ := r.ReadString('\n')
		got <- s
	}()
	select {
	case s := <-got:
		return s
	case <-time.After(20 * time.Second):
		t.Fatal("no output from winhttpjs")
		return ""
	}
}

// waitExit waits for the child to exit and returns its exit code.
func waitExit(t *testing.T, cmd *exec.Cmd, stdout *bufio.Reader) int {
	t.Helper()
	_, _ = io.Copy(io.Discard, stdout)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0
	case <-time.After(10 * time.Second):
		t.Fatal("winhttpjs did not exit")
		return -1
	}
}

func TestHTTPBinCommand(t *testing.T) {
	cmd, stdout, stderr := startCLI(t, nil, "httpbin", "--addr", "127.0.0.1:0")
	url := strings.TrimSuffix(readLine(t, stdout), "\n")
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("first line %q is not a local URL", url)
	}
	resp, err := http.Get(url + "/status/418")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 418 {
		t.Errorf("GET /status/418: %d", resp.StatusCode)
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if code := waitExit(t, cmd, stdout); code != 0 || stderr.String() != "" {
		t.Errorf("exit code %d, stderr %q", code, stderr.String())
	}
}

func TestHTTPBinAddressInUse(t *testing.T) {
	cmd, stdout, _ := startCLI(t, nil, "httpbin", "--addr", "127.0.0.1:0")
	url := strings.TrimSuffix(readLine(t, stdout), "\n")
	addr := strings.TrimPrefix(url, "http://")
	r := runCLI(t, "", nil, "httpbin", "--addr", addr)
	want := "winhttpjs: httpbin: listen tcp " + addr + ": bind: address already in use\n"
	r.check(t, 1, "", want)
	_ = cmd.Process.Signal(syscall.SIGINT)
	waitExit(t, cmd, stdout)
}

func TestSignals(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		ready string
		sig   syscall.Signal
		code  int
	}{
		{"busy script", []string{"run", "testdata/loop.js"}, "looping\n", syscall.SIGINT, 130},
		{"request in flight", []string{"run", "--httpbin", "testdata/slow.js"}, "sending\n", syscall.SIGINT, 130},
		{"SIGTERM", []string{"run", "testdata/loop.js"}, "looping\n", syscall.SIGTERM, 143},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd, stdout, stderr := startCLI(t, nil, tt.args...)
			if line := readLine(t, stdout); line != tt.ready {
				t.Fatalf("first line %q, want %q", line, tt.ready)
			}
			time.Sleep(100 * time.Millisecond) // let the request get under way
			start := time.Now()
			if err := cmd.Process.Signal(tt.sig); err != nil {
				t.Fatal(err)
			}
			if code := waitExit(t, cmd, stdout); code != tt.code {
				t.Errorf("exit code %d, want %d", code, tt.code)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v to stop", d)
			}
			if stderr.String() != "" {
				t.Errorf("stderr %q", stderr.String())
			}
		})
	}
}
