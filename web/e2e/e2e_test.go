package e2e

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/winhttpjs/winhttpjs/internal/testbin"
)

// root is the module's folder, from this package's.
const root = "../.."

// corsScript fails on line 6: localhost is another origin than the page's
// 127.0.0.1, and the page's own server sends no CORS headers.
const corsScript = `// cors.js — another origin that does not allow this page
var base = WScript.Arguments(0);
var other = base.replace("//127.0.0.1", "//localhost").replace(/\/httpbin$/, "/");
var req = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
req.Open("GET", other, false);
req.Send();
WScript.Echo("not reached");
`

// corsOutput is what the page shows for corsScript; PORT is the server's.
const corsOutput = `script.js:6:9
req.Send();
        ^
Error: A security error occurred (HRESULT 0x80072F8F, WinHttp.WinHttpRequest): send http://localhost:PORT/: blocked by CORS: http://localhost:PORT answered, but it does not allow pages from http://127.0.0.1:PORT to read its responses (no Access-Control-Allow-Origin for this request); the browser enforces this, winhttpjs on the command line does not (TypeError: Failed to fetch)
    at script.js:6:9
Exit code 1.
`

// loopScript never yields: Stop has to restart the runtime's worker.
const loopScript = "WScript.Echo('looping');\nwhile (true) {}\n"

// delayScript waits for a slow response: Stop aborts the request.
const delayScript = `var req = new ActiveXObject('WinHttp.WinHttpRequest.5.1');
req.Open('GET', WScript.Arguments(0) + '/delay/10', false);
WScript.Echo('sending');
req.Send();
`

type runResult struct {
	State         string  `json:"state"`
	Output        string  `json:"output"`
	ErrorLine     int     `json:"errorLine"`
	ErrorLineText *string `json:"errorLineText"`
	Editor        string  `json:"editor"`
	Status        string  `json:"status"`
	REPL          *string `json:"repl"`
}

type report struct {
	ReadyMs  float64     `json:"readyMs"`
	Examples []string    `json:"examples"`
	Results  []runResult `json:"results"`
	Shared   struct {
		Hash string `json:"hash"`
		Text string `json:"text"`
	} `json:"shared"`
	PageErrors []string `json:"pageErrors"`
}

func TestPlaygroundInChromium(t *testing.T) {
	chromium := requirements(t)
	bin := buildBinary(t)
	base := startWeb(t, bin)
	port := base.Port()

	cases := []map[string]string{
		{"example": "post-json.js"},
		{"example": "basic-auth.js"},
		{"repl": `WinHttpReq.Status + " " + WinHttpReq.StatusText`},
		{"source": loopScript, "stop": "1"},
		// Run and Stop in one go: the run must not start after Stop.
		{"source": delayScript, "stop": "now"},
		{"source": delayScript, "stop": "1"},
		{"source": corsScript},
	}
	rep := drive(t, chromium, base.String()+"/", cases)
	t.Logf("time until the page could run a script: %.0f ms", rep.ReadyMs)
	logWasmSize(t)

	paths, _ := filepath.Glob(filepath.Join(root, "examples", "*.js"))
	var names []string
	for _, p := range paths {
		names = append(names, filepath.Base(p))
	}
	if strings.Join(rep.Examples, ",") != strings.Join(names, ",") {
		t.Errorf("examples menu %q, want examples/*.js %q (web/dist is stale: go run ./web/build)", rep.Examples, names)
	}
	if len(rep.PageErrors) != 0 {
		t.Errorf("page errors: %q", rep.PageErrors)
	}
	if len(rep.Results) != len(cases) {
		t.Fatalf("got %d results, want %d", len(rep.Results), len(cases))
	}
	for i, name := range []string{"post-json", "basic-auth"} {
		want := readFile(t, filepath.Join(root, "examples", "expected", name+".txt")) + "Exit code 0.\n"
		r := rep.Results[i]
		if r.Output != want || r.State != "done" || r.ErrorLine != 0 {
			t.Errorf("%s.js: state %q, error line %d, output:\n%s\nwant state \"done\", no error line, output:\n%s", name, r.State, r.ErrorLine, r.Output, want)
		}
	}
	if r := rep.Results[2].REPL; r == nil || *r != "> WinHttpReq.Status + \" \" + WinHttpReq.StatusText\n\"200 OK\"\n" {
		t.Errorf("REPL log = %v, want the expression and \"200 OK\"", deref(r))
	}
	stops := []struct{ name, want string }{
		{"while (true) {}", "looping\nStopped (the script did not yield: the runtime was restarted).\n"},
		{"/delay/10, Stop with Run", "Stopped.\n"},
		{"/delay/10", "sending\nStopped.\n"},
	}
	for i, s := range stops {
		if r := rep.Results[3+i]; r.Output != s.want || r.State != "done" {
			t.Errorf("Stop during %s: state %q, output %q, want \"done\", %q", s.name, r.State, r.Output, s.want)
		}
	}
	r := rep.Results[6]
	want := strings.ReplaceAll(corsOutput, "PORT", port)
	if r.State != "failed" || r.Output != want {
		t.Errorf("cors.js: state %q, output:\n%s\nwant state \"failed\", output:\n%s", r.State, r.Output, want)
	}
	if r.ErrorLine != 6 || deref(r.ErrorLineText) != "req.Send();" {
		t.Errorf("cors.js: highlighted line %d %q, want 6 \"req.Send();\" (status %q, editor %q)", r.ErrorLine, deref(r.ErrorLineText), r.Status, r.Editor)
	}
	if r.Editor != corsScript {
		t.Errorf("editor holds %q, want the typed script", r.Editor)
	}
	if !strings.HasPrefix(rep.Shared.Hash, "#code=") || rep.Shared.Text != corsScript {
		t.Errorf("shared link %q opened with %q, want the script", rep.Shared.Hash, rep.Shared.Text)
	}
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

// requirements fails the test unless Chromium and web/node_modules are
// there, and returns Chromium's path.
func requirements(t *testing.T) string {
	t.Helper()
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		t.Fatalf("Chromium is needed at %s (or set $CHROMIUM): apt-get update && apt-get install -y chromium (%v)", chromium, err)
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Fatalf("node is needed to run playground.mjs: apt-get install -y nodejs npm (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(root, "web", "node_modules", "playwright-core")); err != nil {
		t.Fatalf("web/node_modules/playwright-core is missing: run (cd web && npm ci) (%v)", err)
	}
	return chromium
}

// buildBinary builds cmd/winhttpjs into a temporary folder.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin, err := testbin.Build(t.TempDir(), filepath.Join(root, "cmd", "winhttpjs"))
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

// startWeb runs `winhttpjs web` on a free port until the test ends and
// returns its base URL.
func startWeb(t *testing.T, bin string) *url.URL {
	t.Helper()
	cmd := exec.Command(bin, "web", "--addr", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("winhttpjs web: %v", err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("winhttpjs web ended with %v\n%s", err, stderr.String())
			}
		case <-time.After(15 * time.Second):
			cmd.Process.Kill()
			<-done
			t.Errorf("winhttpjs web did not stop on SIGINT")
		}
	})
	line := make(chan string, 1)
	go func() {
		s := bufio.NewScanner(stdout)
		if s.Scan() {
			line <- s.Text()
		}
		close(line)
		io.Copy(io.Discard, stdout)
	}()
	select {
	case l, ok := <-line:
		if !ok {
			t.Fatalf("winhttpjs web printed no URL\n%s", stderr.String())
		}
		u, err := url.Parse(strings.TrimSuffix(l, "/"))
		if err != nil || u.Host == "" {
			t.Fatalf("winhttpjs web printed %q, want its URL", l)
		}
		return u
	case <-time.After(30 * time.Second):
		t.Fatalf("winhttpjs web printed no URL within 30s\n%s", stderr.String())
	}
	return nil
}

// drive runs playground.mjs on the page with cases and decodes its report.
func drive(t *testing.T, chromium, page string, cases []map[string]string) *report {
	t.Helper()
	dir := t.ArtifactDir()
	casesFile := filepath.Join(t.TempDir(), "cases.json")
	b, _ := json.Marshal(cases)
	if err := os.WriteFile(casesFile, b, 0o644); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(dir, "playground.png")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", "e2e/playground.mjs", page, casesFile, shot)
	cmd.Dir = filepath.Join(root, "web")
	cmd.Env = append(os.Environ(), "CHROMIUM="+chromium)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			t.Fatalf("playground.mjs did not finish within 5 minutes\n%s", stderr.String())
		}
		t.Fatalf("playground.mjs: %v\n%s", err, stderr.String())
	}
	t.Logf("screenshot: %s", shot)
	var rep report
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("playground.mjs printed %q: %v", stdout.String(), err)
	}
	return &rep
}

// logWasmSize logs the runtime's size, raw and as served (gzip).
func logWasmSize(t *testing.T) {
	t.Helper()
	gz, err := os.ReadFile(filepath.Join(root, "web", "dist", "winhttpjs.wasm.gz"))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	n, err := io.Copy(io.Discard, zr)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("winhttpjs.wasm: %d bytes raw, %d bytes gzip (served compressed)", n, len(gz))
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
