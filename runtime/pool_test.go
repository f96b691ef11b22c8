package runtime_test

import (
	"bytes"
	"context"
	"errors"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/winhttpjs/winhttpjs/runtime"
	"go.uber.org/goleak"
)

// lockedBuffer is a bytes.Buffer for writers shared between runtimes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// One compiled program runs on pooled runtimes from several goroutines at
// once; each runtime is set up once with the host's object.
func TestPoolSharedProgram(t *testing.T) {
	ignore := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, ignore) })
	var out lockedBuffer
	var mu sync.Mutex
	setups := 0
	pool := runtime.NewPool(runtime.PoolOptions{
		Options: runtime.Options{Stdout: &out, Env: []string{}},
		Setup: func(rt *runtime.Runtime) error {
			mu.Lock()
			setups++
			mu.Unlock()
			return rt.Set("double", func(n int) int { return 2 * n })
		},
		MaxIdle: 2,
	})
	prog, err := runtime.Compile("job.js", []byte(`var runs = (typeof runs === "number" ? runs : 0) + 1;
WScript.Echo("double", double(21));`))
	if err != nil {
		t.Fatal(err)
	}
	const goroutines, each = 4, 5
	var wg sync.WaitGroup
	errs := make(chan error, goroutines*each)
	for range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				if code, err := pool.Run(context.Background(), prog); code != 0 || err != nil {
					errs <- errors.Join(err, errors.New("non-zero exit"))
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	sort.Strings(lines)
	if len(lines) != goroutines*each || lines[0] != "double 42" || lines[len(lines)-1] != "double 42" {
		t.Errorf("output: %q", out.String())
	}
	if setups < 1 || setups > goroutines*each {
		t.Errorf("%d runtimes set up", setups)
	}
	if err := pool.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Get(); !errors.Is(err, runtime.ErrClosed) {
		t.Errorf("Get after Close: %v, want ErrClosed", err)
	}
}

// Put keeps runtimes for reuse, up to MaxIdle, and closes the others.
func TestPoolReuse(t *testing.T) {
	pool := runtime.NewPool(runtime.PoolOptions{MaxIdle: 1, Options: runtime.Options{Env: []string{}}})
	defer pool.Close()
	a, err := pool.Get()
	if err != nil {
		t.Fatal(err)
	}
	b, err := pool.Get()
	if err != nil {
		t.Fatal(err)
	}
	if a == b {
		t.Fatal("two Gets returned the same runtime")
	}
	if _, err := a.RunScript(context.Background(), "t.js", []byte(`var kept = "state"`)); err != nil {
		t.Fatal(err)
	}
	pool.Put(a)
	pool.Put(b) // beyond MaxIdle: closed
	if _, err := b.RunScript(context.Background(), "t.js", []byte(`1`)); !errors.Is(err, runtime.ErrClosed) {
		t.Errorf("runtime beyond MaxIdle: %v, want ErrClosed", err)
	}
	c, err := pool.Get()
	if err != nil {
		t.Fatal(err)
	}
	if c != a {
		t.Error("Get did not reuse the idle runtime")
	}
	if v, err := c.Get("kept"); v != "state" || err != nil {
		t.Errorf("reused runtime's global: %v, %v", v, err)
	}
	c.Close()
	pool.Put(c) // closed: not kept
	d, err := pool.Get()
	if err != nil {
		t.Fatal(err)
	}
	if d == c {
		t.Error("a closed runtime was reused")
	}
	d.Close()
	pool.Close()
	e, err := runtime.New(runtime.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pool.Put(e) // the pool is closed: e is closed
	if _, err := e.RunScript(context.Background(), "t.js", []byte(`1`)); !errors.Is(err, runtime.ErrClosed) {
		t.Errorf("runtime put into a closed pool: %v, want ErrClosed", err)
	}
}

// Compile reports syntax errors as ScriptErrors; a compiled program's
// runtime errors are mapped to its source, JScript rewrite included.
func TestCompile(t *testing.T) {
	_, err := runtime.Compile("bad.js", []byte("var = 1"))
	var se *runtime.ScriptError
	if !errors.As(err, &se) || se.Error() != "bad.js:1:5: SyntaxError: Unexpected token =" {
		t.Errorf("syntax error: %v", err)
	}
	prog, err := runtime.Compile("ok.js", []byte("\n\nvar a = null; a.f()"))
	if err != nil {
		t.Fatal(err)
	}
	if prog.Name() != "ok.js" {
		t.Errorf("Name = %q", prog.Name())
	}
	rt, err := runtime.New(runtime.Options{QuietErrors: true, Env: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	defer rt.Close()
	code, err := rt.RunProgram(context.Background(), prog)
	if code != 1 || err == nil || err.Error() != "ok.js:3:15: TypeError: Cannot read property 'f' of undefined or null" {
		t.Errorf("run: %d, %v", code, err)
	}
}
