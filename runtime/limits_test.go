package runtime_test

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/runtime"
)

// panicky is a host object whose method panics: goja calls methods itself,
// so the panic cannot become a JavaScript error; it must come back as a
// clean Go error and leave the runtime refusing further use.
type panicky struct{}

// Explode panics, as a buggy host method would.
func (panicky) Explode() string { panic("host method bug") }

// The limits a host sets hold for calls as for runs.
func TestEmbedLimits(t *testing.T) {
	src := `function recurse(n) { return recurse(n + 1) + 1 }
function spin() { for (;;) {} }
function boom() { return host.Explode() }`
	tests := []struct {
		name string
		opts runtime.Options
		fn   string
		err  string
		is   error
	}{
		{"call-stack depth", runtime.Options{MaxCallStackSize: 50}, "recurse",
			"t.js:1:37: RangeError: Maximum call stack size exceeded", nil},
		{"wall-clock limit", runtime.Options{Timeout: 20 * time.Millisecond}, "spin",
			"t.js: script execution time was exceeded (time limit 20ms); script terminated", runtime.ErrTimeout},
		{"host method panic", runtime.Options{}, "boom",
			"t.js: internal error in winhttpjs: host method bug", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			rt := newRuntime(t, tt.opts, &out)
			if err := rt.Set("host", panicky{}); err != nil {
				t.Fatal(err)
			}
			run(t, rt, src)
			_, err := rt.Call(context.Background(), tt.fn, 0)
			if err == nil || err.Error() != tt.err {
				t.Fatalf("err = %v, want %s", err, tt.err)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("%v is not %v", err, tt.is)
			}
			if out.Len() != 0 {
				t.Errorf("output %q", out.String())
			}
		})
	}
	// After a panic escaped, the runtime refuses to run rather than run
	// on a VM in an unknown state.
	var out bytes.Buffer
	rt := newRuntime(t, runtime.Options{QuietErrors: true}, &out)
	_ = rt.Set("host", panicky{})
	if _, err := rt.RunScript(context.Background(), "t.js", []byte(`host.Explode()`)); err == nil {
		t.Fatal("no error from a panicking host method")
	}
	if err := rt.Set("x", 1); err == nil || err.Error() != "runtime is unusable after an internal error" {
		t.Errorf("Set after the panic: %v", err)
	}
}

// Call works before any script ran, on functions set by the host (Go or
// defined through WithVM); Close during a Call ends it with ErrClosed.
func TestEmbedCallHostFunctions(t *testing.T) {
	var out bytes.Buffer
	rt := newRuntime(t, runtime.Options{}, &out)
	if err := rt.Set("twice", func(s string) string { return s + s }); err != nil {
		t.Fatal(err)
	}
	if v, err := rt.Call(context.Background(), "twice", "ab"); v != "abab" || err != nil {
		t.Errorf("twice: %v, %v", v, err)
	}
	if err := rt.WithVM(func(vm *goja.Runtime) error {
		_, err := vm.RunString(`function viaVM(a) { return [a, typeof WScript] }`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	v, err := rt.Call(context.Background(), "viaVM", true)
	if got, ok := v.([]any); !ok || len(got) != 2 || got[0] != true || got[1] != "object" || err != nil {
		t.Errorf("viaVM: %#v, %v", v, err)
	}
	if err := rt.WithVM(func(vm *goja.Runtime) error { panic("host bug") }); err == nil || err.Error() != "runtime: host bug" {
		t.Errorf("WithVM panic: %v", err)
	}

	if _, err := rt.RunScript(context.Background(), "t.js", []byte(`function waitForever() { WScript.Sleep(1e9) }`)); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { _, err := rt.Call(context.Background(), "waitForever"); done <- err }()
	// Close from another goroutine: the call ends whenever Close lands,
	// before or during the sleep.
	rt.Close()
	if err := <-done; !errors.Is(err, runtime.ErrClosed) {
		t.Errorf("Call after Close: %v, want ErrClosed", err)
	}
	if err := rt.Set("x", 1); !errors.Is(err, runtime.ErrClosed) {
		t.Errorf("Set after Close: %v, want ErrClosed", err)
	}
}
