package runtime

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// result is what a script run produced.
type result struct {
	code           int
	stdout, stderr string
	err            error
}

// runJS runs src (named "t.js") in a fresh runtime built from opts, with
// output captured. Bindings are left out unless withBindings is set.
func runJS(t *testing.T, opts Options, src string) result {
	t.Helper()
	return runNamed(t, opts, "t.js", src)
}

func runNamed(t *testing.T, opts Options, name, src string) result {
	t.Helper()
	var out, errb bytes.Buffer
	opts.Stdout, opts.Stderr = &out, &errb
	if opts.HostPath == "" {
		opts.HostPath = "/opt/winhttpjs/bin/winhttpjs"
	}
	if opts.Env == nil {
		opts.Env = []string{"WINHTTPJS_TEST=1"}
	}
	rt, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	defer rt.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	code, err := rt.RunScript(ctx, name, []byte(src))
	return result{code: code, stdout: out.String(), stderr: errb.String(), err: err}
}

// noCOM returns options without the WinHttpRequest bindings.
func noCOM() Options { return Options{noBindings: true} }

// check compares a run with the expected exit code and output.
func (r result) check(t *testing.T, code int, stdout, stderr string) {
	t.Helper()
	if r.code != code {
		t.Errorf("exit code = %d, want %d (err %v)", r.code, code, r.err)
	}
	if r.stdout != stdout {
		t.Errorf("stdout =\n%s\nwant\n%s", quoteLines(r.stdout), quoteLines(stdout))
	}
	if r.stderr != stderr {
		t.Errorf("stderr =\n%s\nwant\n%s", quoteLines(r.stderr), quoteLines(stderr))
	}
}

func quoteLines(s string) string {
	return "|" + strings.ReplaceAll(s, "\n", "⏎\n|")
}

// bytesBuffer is a bytes.Buffer (named for tests that need a pointer).
type bytesBuffer = bytes.Buffer
