package main

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/winhttpjs/winhttpjs/internal/testbin"
)

// build compiles the example into a temporary folder.
func build(t *testing.T) string {
	t.Helper()
	bin, err := testbin.Build(t.TempDir(), ".")
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

// The example is built and run against loopback servers: a passing and a
// failing target, a script that may not read files, bad usage, and an
// interrupt during a stalled request.
func TestEmbedExample(t *testing.T) {
	bin := build(t)
	healthy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/health" {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write([]byte("ok"))
	}))
	defer healthy.Close()
	dir := t.TempDir()
	snoop := filepath.Join(dir, "snoop.js")
	if err := os.WriteFile(snoop, []byte(`var fso = new ActiveXObject("Scripting.FileSystemObject");`), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name           string
		args           []string
		code           int
		stdout, stderr string
	}{
		{"healthy", []string{"-target", healthy.URL, "check.js"}, 1,
			"OK status: HTTP 200\nOK body: body ok\nFAIL strict status: status: got 200, want 204\n", ""},
		{"missing page", []string{"-target", healthy.URL + "/nope", "check.js"}, 1,
			"FAIL status: HTTP 404\nFAIL body: body 404 page not found\n\nFAIL strict status: status: got 404, want 204\n", ""},
		{"class not allowed", []string{"-target", healthy.URL, snoop}, 1, "",
			snoop + ":1:11\nvar fso = new ActiveXObject(\"Scripting.FileSystemObject\");\n          ^\n" +
				"Error: Automation server can't create object (HRESULT 0x800A01AD, Microsoft JScript runtime error): ProgID \"Scripting.FileSystemObject\" is not registered\n" +
				"    at " + snoop + ":1:11\n"},
		{"usage", nil, 2, "", "usage: embed -target URL script.js\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			cmd := exec.Command(bin, tt.args...)
			cmd.Stdout, cmd.Stderr = &out, &errb
			err := cmd.Run()
			code := 0
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if code != tt.code || out.String() != tt.stdout || errb.String() != tt.stderr {
				t.Errorf("code %d, stdout %q, stderr %q\nwant %d, %q, %q", code, out.String(), errb.String(), tt.code, tt.stdout, tt.stderr)
			}
		})
	}

	t.Run("interrupt", func(t *testing.T) {
		arrived, aborted, end := make(chan struct{}, 1), make(chan struct{}, 1), make(chan struct{})
		stalled := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			arrived <- struct{}{}
			select {
			case <-r.Context().Done():
				aborted <- struct{}{}
			case <-end:
			}
		}))
		defer stalled.Close()
		defer close(end)
		var out, errb bytes.Buffer
		cmd := exec.Command(bin, "-target", stalled.URL, "check.js")
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		<-arrived
		if err := cmd.Process.Signal(os.Interrupt); err != nil {
			t.Fatal(err)
		}
		err := cmd.Wait()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 130 || out.String() != "" || errb.String() != "check interrupted\n" {
			t.Errorf("err %v, stdout %q, stderr %q; want exit 130 and \"check interrupted\"", err, out.String(), errb.String())
		}
		<-aborted // the request was aborted when the script was interrupted
	})
}
