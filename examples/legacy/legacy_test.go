// Package legacy holds scripts written the way real cscript automation
// scripts are — downloaders with ADODB.Stream, form posters, API clients
// that log with the FileSystemObject and read settings from WScript.Shell,
// MSXML fallbacks — and runs each one unchanged through the winhttpjs
// binary against a local httpbin.
package legacy

import (
	"bytes"
	"flag"
	"io/fs"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/winhttpjs/winhttpjs/internal/testbin"

	"github.com/mccutchen/go-httpbin/v2/httpbin"
)

var update = flag.Bool("update", false, "rewrite expected/ from the scripts' current output")

var binary string

func TestMain(m *testing.M) {
	flag.Parse()
	testbin.Main(m, &binary, "../../cmd/winhttpjs")
}

// runs lists what differs from the default run of a script (no flags, the
// httpbin URL as the only argument, exit code 0, nothing on stderr).
var runs = map[string]struct {
	flags []string
	args  []string
	code  int
}{
	"sandbox-denied":    {flags: []string{"--sandbox", "--allow-write=."}, code: 1},
	"shell-environment": {args: []string{"/verbose"}},
}

// TestLegacyScripts runs each *.js in a fresh temporary working directory
// with the httpbin base URL as argument 0 (and HTTPBIN_URL set, as
// `run --httpbin` does). It compares standard output with
// expected/NAME.txt, standard error with expected/NAME.stderr (empty when
// absent), and every file the script left in its directory, byte for
// byte, with expected/NAME.files/. {{BASE}} stands for the base URL and
// {{DIR}} for the working directory.
func TestLegacyScripts(t *testing.T) {
	server := httptest.NewServer(httpbin.New().Handler())
	t.Cleanup(server.Close)
	scripts, err := filepath.Glob("*.js")
	if err != nil || len(scripts) < 15 {
		t.Fatalf("want at least 15 legacy scripts, found %d (%v)", len(scripts), err)
	}
	for _, script := range scripts {
		name := strings.TrimSuffix(script, ".js")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cfg := runs[name]
			work := t.TempDir()
			abs, err := filepath.Abs(script)
			if err != nil {
				t.Fatal(err)
			}
			args := append([]string{"run"}, cfg.flags...)
			args = append(args, abs, server.URL)
			args = append(args, cfg.args...)
			cmd := exec.Command(binary, args...)
			cmd.Dir = work
			cmd.Env = append(environ(), "HTTPBIN_URL="+server.URL)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err = cmd.Run()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			norm := func(s string) string {
				return strings.NewReplacer(server.URL, "{{BASE}}", work, "{{DIR}}", abs, "{{SCRIPT}}").Replace(s)
			}
			files := listFiles(t, work)
			if *update {
				writeExpected(t, name, norm(stdout.String()), norm(stderr.String()), work, files)
				return
			}
			if code != cfg.code {
				t.Errorf("exit code %d, want %d\nstderr:\n%s", code, cfg.code, stderr.String())
			}
			compare(t, "stdout", norm(stdout.String()), readOr(t, filepath.Join("expected", name+".txt"), false))
			compare(t, "stderr", norm(stderr.String()), readOr(t, filepath.Join("expected", name+".stderr"), true))
			wantDir := filepath.Join("expected", name+".files")
			want := listFiles(t, wantDir)
			if strings.Join(files, " ") != strings.Join(want, " ") {
				t.Errorf("files written: %q, want %q", files, want)
			}
			for _, f := range files {
				got, err := os.ReadFile(filepath.Join(work, f))
				if err != nil {
					t.Fatal(err)
				}
				exp, err := os.ReadFile(filepath.Join(wantDir, f))
				if err != nil {
					continue // reported above
				}
				if !bytes.Equal(got, exp) {
					t.Errorf("%s differs: got %q, want %q", f, clip(got), clip(exp))
				}
			}
		})
	}
}

// environ is the test's environment without variables the scripts read.
func environ() []string {
	var out []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "API_BASE=") && !strings.HasPrefix(kv, "HTTPBIN_URL=") {
			out = append(out, kv)
		}
	}
	return out
}

// listFiles returns the regular files under dir, relative and sorted;
// none when dir does not exist.
func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) && p == dir {
				return filepath.SkipDir
			}
			return err
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func readOr(t *testing.T, path string, optional bool) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		if optional && os.IsNotExist(err) {
			return ""
		}
		t.Fatalf("every legacy script needs %s: %v", path, err)
	}
	return string(b)
}

func compare(t *testing.T, what, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s differs\n--- got\n%s--- want\n%s", what, got, want)
	}
}

func clip(b []byte) []byte {
	if len(b) > 200 {
		return b[:200]
	}
	return b
}

func writeExpected(t *testing.T, name, stdout, stderr, work string, files []string) {
	t.Helper()
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll("expected", 0o777))
	must(os.WriteFile(filepath.Join("expected", name+".txt"), []byte(stdout), 0o666))
	errPath := filepath.Join("expected", name+".stderr")
	if stderr != "" {
		must(os.WriteFile(errPath, []byte(stderr), 0o666))
	} else {
		_ = os.Remove(errPath)
	}
	dir := filepath.Join("expected", name+".files")
	must(os.RemoveAll(dir))
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(work, f))
		must(err)
		must(os.MkdirAll(filepath.Dir(filepath.Join(dir, f)), 0o777))
		must(os.WriteFile(filepath.Join(dir, f), b, 0o666))
	}
}
