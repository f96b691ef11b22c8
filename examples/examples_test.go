// Package examples holds runnable example scripts; this test runs every one
// of them through the real winhttpjs binary against a local httpbin and
// compares what it prints with expected/NAME.txt.
package examples

import (
	"bytes"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/winhttpjs/winhttpjs/internal/testbin"

	"github.com/mccutchen/go-httpbin/v2/httpbin"
)

var binary string

func TestMain(m *testing.M) { testbin.Main(m, &binary, "../cmd/winhttpjs") }

// TestExamples runs each examples/*.js with the httpbin base URL as its
// argument. Expected output uses {{BASE}} for that URL.
func TestExamples(t *testing.T) {
	server := httptest.NewServer(httpbin.New().Handler())
	t.Cleanup(server.Close) // after the parallel subtests, unlike defer

	scripts, err := filepath.Glob("*.js")
	if err != nil || len(scripts) < 8 {
		t.Fatalf("want at least 8 example scripts, found %d (%v)", len(scripts), err)
	}
	for _, script := range scripts {
		name := strings.TrimSuffix(script, ".js")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			want, err := os.ReadFile(filepath.Join("expected", name+".txt"))
			if err != nil {
				t.Fatalf("every example needs expected/%s.txt: %v", name, err)
			}
			cmd := exec.Command(binary, "run", script, server.URL)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Run(); err != nil {
				t.Fatalf("winhttpjs run %s: %v\nstderr:\n%s", script, err, stderr.String())
			}
			got := strings.ReplaceAll(stdout.String(), server.URL, "{{BASE}}")
			if got != string(want) {
				t.Errorf("output of %s differs\n--- got\n%s--- want\n%s", script, got, want)
			}
			if stderr.Len() != 0 {
				t.Errorf("unexpected stderr: %s", stderr.String())
			}
		})
	}
}

// TestQuickStart runs the README's quick-start command form: the script
// takes its base URL from HTTPBIN_URL, set by `run --httpbin`.
func TestQuickStart(t *testing.T) {
	out, err := exec.Command(binary, "run", "--httpbin", "get.js").CombinedOutput()
	if err != nil {
		t.Fatalf("winhttpjs run --httpbin get.js: %v\n%s", err, out)
	}
	want, err := os.ReadFile(filepath.Join("expected", "get.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != string(want) {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}
