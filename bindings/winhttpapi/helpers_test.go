package winhttpapi

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/dop251/goja_nodejs/require"
	"github.com/mccutchen/go-httpbin/v2/httpbin"
)

// testLoop is a small host.Loop: jobs run in the order queued, on the
// goroutine that calls run.
type testLoop struct {
	mu          sync.Mutex
	outstanding int
	jobs        chan func() error
}

func newTestLoop() *testLoop { return &testLoop{jobs: make(chan func() error, 1<<16)} }

// Reserve implements host.Loop.
func (l *testLoop) Reserve() func(func() error) {
	l.mu.Lock()
	l.outstanding++
	l.mu.Unlock()
	var once sync.Once
	return func(job func() error) {
		once.Do(func() { l.jobs <- job })
	}
}

// Wait implements host.Loop.
func (l *testLoop) Wait(done <-chan struct{}, _ time.Duration) (bool, error) {
	for {
		select {
		case <-done:
			return true, nil
		case job := <-l.jobs:
			if err := l.runOne(job); err != nil {
				return false, err
			}
		}
	}
}

func (l *testLoop) runOne(job func() error) error {
	l.mu.Lock()
	l.outstanding--
	l.mu.Unlock()
	if job == nil {
		return nil
	}
	return job()
}

// run runs queued jobs until no reservation is outstanding.
func (l *testLoop) run() error {
	for {
		l.mu.Lock()
		n := l.outstanding
		l.mu.Unlock()
		if n == 0 {
			return nil
		}
		if err := l.runOne(<-l.jobs); err != nil {
			return err
		}
	}
}

// env is a runtime with the module, an output buffer and (optionally) a loop.
type env struct {
	t    *testing.T
	rt   *goja.Runtime
	out  *strings.Builder
	loop *testLoop
}

// newEnv makes a runtime whose scripts can require("winhttp") and print.
func newEnv(t *testing.T, opts Options) *env {
	t.Helper()
	e := &env{t: t, rt: goja.New(), out: &strings.Builder{}, loop: newTestLoop()}
	if opts.Loop == nil {
		opts.Loop = e.loop
	}
	if opts.Context == nil {
		// As the runtime does when a run ends: cancel what is in flight
		// (before the test servers close, as cleanups run last-in first).
		ctx, cancel := context.WithCancel(context.Background())
		t.Cleanup(cancel)
		opts.Context = ctx
	}
	reg := require.NewRegistry()
	reg.RegisterNativeModule(ModuleName, New(opts))
	reg.Enable(e.rt)
	_ = e.rt.Set("print", func(call goja.FunctionCall) goja.Value {
		parts := make([]string, len(call.Arguments))
		for i, a := range call.Arguments {
			parts[i] = a.String()
		}
		e.out.WriteString(strings.Join(parts, " ") + "\n")
		return goja.Undefined()
	})
	return e
}

// run runs script, then the loop until idle, and returns the printed text.
func (e *env) run(script string) (string, error) {
	e.t.Helper()
	if _, err := e.rt.RunString(script); err != nil {
		return e.out.String(), err
	}
	err := e.loop.run()
	return e.out.String(), err
}

// mustRun is run that fails the test on a script error.
func (e *env) mustRun(script string) string {
	e.t.Helper()
	out, err := e.run(script)
	if err != nil {
		var ex *goja.Exception
		if errors.As(err, &ex) {
			e.t.Fatalf("script failed: %v\noutput so far:\n%s", ex.String(), out)
		}
		e.t.Fatalf("script failed: %v\noutput so far:\n%s", err, out)
	}
	return out
}

// httpbinServer starts a loopback httpbin.
func httpbinServer(t *testing.T) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(httpbin.New().Handler())
	t.Cleanup(s.Close)
	return s
}

// hostPort returns the host and port of a test server as JS literals.
func hostPort(s *httptest.Server) (string, string) {
	addr := strings.TrimPrefix(strings.TrimPrefix(s.URL, "http://"), "https://")
	i := strings.LastIndex(addr, ":")
	return addr[:i], addr[i+1:]
}

// js replaces {{HOST}} and {{PORT}} (and {{URL}}) in a script.
func js(script string, s *httptest.Server) string {
	host, port := hostPort(s)
	return strings.NewReplacer("{{HOST}}", host, "{{PORT}}", port, "{{URL}}", s.URL).Replace(script)
}

// prelude declares w = require("winhttp") and a helper that makes
// failures visible.
const prelude = `
var w = require("winhttp");
function check(v, what) { if (v === null || v === false) throw new Error(what + " failed: " + w.GetLastError()); return v; }
`
