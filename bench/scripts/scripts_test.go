package scripts_test

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/winhttpjs/winhttpjs/bench/scripts"
	"github.com/winhttpjs/winhttpjs/bench/target"
	"github.com/winhttpjs/winhttpjs/internal/testbin"
)

var binary string

func TestMain(m *testing.M) { testbin.Main(m, &binary, "../../cmd/winhttpjs") }

// startTarget starts the driver's target server for the test.
func startTarget(t *testing.T) *target.Server {
	t.Helper()
	srv, err := target.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

// Every winhttpjs workload script runs through the binary, as the driver
// runs it, against the target, and reports the requests and bytes it was
// asked for; empty.js (the start-up workload) prints nothing.
func TestWinhttpjsScripts(t *testing.T) {
	srv := startTarget(t)
	names, err := fs.Glob(scripts.FS, "winhttpjs/*.js")
	if err != nil {
		t.Fatal(err)
	}
	if len(names) < 12 {
		t.Fatalf("found %d scripts: %q", len(names), names)
	}
	dir := t.TempDir()
	for _, name := range names {
		base := filepath.Base(name)
		t.Run(base, func(t *testing.T) {
			src, err := fs.ReadFile(scripts.FS, name)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, base)
			if err := os.WriteFile(path, src, 0o644); err != nil {
				t.Fatal(err)
			}
			n, want := 50, "BENCH requests=50 bytes=650 "
			switch {
			case base == "empty.js":
				want = ""
			case strings.HasPrefix(base, "download-"), base == "upload.js":
				n, want = 300_001, "BENCH requests=1 bytes=300001 "
			}
			args := []string{"run", path, srv.URL, fmt.Sprint(n)}
			saved := filepath.Join(dir, base+".out")
			if base == "download-adodb.js" {
				args = append(args, saved) // the file it saves the body to
			}
			out, err := exec.Command(binary, args...).CombinedOutput()
			if err != nil {
				t.Fatalf("exit: %v\n%s", err, out)
			}
			if base == "download-adodb.js" {
				if fi, err := os.Stat(saved); err != nil || fi.Size() != int64(n) {
					t.Errorf("saved file: %v, %v; want %d bytes", fi, err, n)
				}
			}
			if got := string(out); (want == "" && got != "") || !strings.HasPrefix(got, want) || strings.Count(got, "\n") > 1 {
				t.Errorf("printed %q, want a line starting %q", got, want)
			}
		})
	}
}

// The large-bodies probe (bench/probes) runs every step on a small body
// and cleans up after itself.
func TestLargeBodiesProbe(t *testing.T) {
	srv := startTarget(t)
	dir := t.TempDir()
	out, err := exec.Command(binary, "run", "../probes/large-bodies.js", srv.URL, "300001", dir).CombinedOutput()
	if err != nil {
		t.Fatalf("exit: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 12 || !strings.HasPrefix(lines[0], "WinHttpRequest Send + ResponseBody: ") ||
		!strings.HasPrefix(lines[11], "MSXML2.ServerXMLHTTP send(string): ") {
		t.Errorf("printed %d lines:\n%s", len(lines), out)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("files left in %s: %v", dir, left)
	}
}
