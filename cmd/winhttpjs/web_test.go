package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestWebHelp(t *testing.T) {
	want, err := os.ReadFile(filepath.Join("testdata", "help-web.txt"))
	if err != nil {
		t.Fatal(err)
	}
	runCLI(t, "", nil, "web", "--help").check(t, 0, string(want), "")
}

func TestWebUsage(t *testing.T) {
	runCLI(t, "", nil, "web", "extra").check(t, 2, "",
		"winhttpjs: unknown command \"extra\" for \"winhttpjs web\"\nRun 'winhttpjs --help' for usage.\n")
}

// TestWebServes starts `winhttpjs web` on a free port and checks the page,
// the compressed runtime and the same-origin httpbin, then stops it with
// SIGINT.
func TestWebServes(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binPath, "web", "--addr", "127.0.0.1:0")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("reading the URL: %v", err)
	}
	base := strings.TrimSuffix(strings.TrimSpace(line), "/")
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Errorf("first line %q, want http://127.0.0.1:PORT/", line)
	}

	get := func(path, acceptEncoding string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+path, nil)
		if acceptEncoding != "" {
			req.Header.Set("Accept-Encoding", acceptEncoding)
		}
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		return resp, b
	}
	resp, body := get("/", "")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" ||
		!strings.Contains(string(body), "<title>winhttpjs playground</title>") {
		t.Errorf("GET /: %d %q %.80q", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	resp, body = get("/winhttpjs.wasm", "gzip")
	if resp.Header.Get("Content-Encoding") != "gzip" || resp.Header.Get("Content-Type") != "application/wasm" ||
		len(body) < 2 || body[0] != 0x1f || body[1] != 0x8b {
		t.Errorf("GET /winhttpjs.wasm (gzip): %q %q, body starts % x", resp.Header.Get("Content-Encoding"), resp.Header.Get("Content-Type"), body[:min(4, len(body))])
	}
	resp, body = get("/httpbin/get?x=1", "")
	var echo struct {
		Args map[string][]string `json:"args"`
	}
	if err := json.Unmarshal(body, &echo); err != nil || resp.StatusCode != 200 || echo.Args["x"][0] != "1" {
		t.Errorf("GET /httpbin/get?x=1: %d %v %s", resp.StatusCode, err, body)
	}
	resp, _ = get("/httpbin/redirect-to?url=/get", "")
	if resp.StatusCode != 302 || resp.Header.Get("Location") != "/httpbin/get" {
		t.Errorf("httpbin redirect: %d Location %q, want 302 /httpbin/get", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, _ = get("/nope", ""); resp.StatusCode != 404 {
		t.Errorf("GET /nope: %d, want 404", resp.StatusCode)
	}

	cmd.Process.Signal(syscall.SIGINT)
	if err := cmd.Wait(); err != nil {
		t.Errorf("winhttpjs web after SIGINT: %v", err)
	}
}
