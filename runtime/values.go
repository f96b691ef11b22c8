package runtime

import (
	"fmt"
	"reflect"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
)

// Values cross between Go and JavaScript only on the goroutine that holds
// the runtime. Set, Get and WithVM hold it for their own duration, as a
// run does: called while a script runs (from another goroutine, or from a
// host function the script called), they return ErrBusy rather than touch
// a VM that is in use. Queueing them onto the loop instead would let a
// host's Set land at an unpredictable point of the script; a host that
// needs to talk to a running script gives it a Go function to call.

// Set defines the global name as value, for the scripts run afterwards.
//
// Go values keep goja's mapping: numbers, strings, bools, slices, maps,
// structs (fields and methods named by Options.FieldNames) and functions.
// A function whose last result is a non-nil error throws a JavaScript
// Error with the error's message, which scripts can catch. A panic in a
// function set here (or passed to Call) is thrown as a JavaScript Error
// too; a panic anywhere else in host code (a struct's method) ends the
// run with an internal error and leaves the runtime unusable, never
// crashing the host.
func (r *Runtime) Set(name string, value any) error {
	return r.hold(func() error { return r.vm.Set(name, r.toJS(value)) })
}

// Get returns the global name exported to a Go value: nil for undefined
// or null, float64 or int64 for numbers, string, bool, []any for arrays,
// map[string]any for plain objects, and the Go value itself for values
// that came from Go.
func (r *Runtime) Get(name string) (any, error) {
	var out any
	err := r.hold(func() error {
		out = exportValue(r.vm.Get(name))
		return nil
	})
	return out, err
}

// WithVM calls fn with the runtime's goja VM, for hosts that need goja
// itself. fn runs on the calling goroutine, which holds the runtime (as
// for Set), and must not keep the VM or its values after it returns. A
// panic in fn is returned as an error.
func (r *Runtime) WithVM(fn func(vm *goja.Runtime) error) error {
	return r.hold(func() error { return fn(r.vm) })
}

// hold runs fn while holding the runtime, so that no script runs on the
// VM meanwhile; a Go panic in fn is returned as an error.
func (r *Runtime) hold(fn func() error) (err error) {
	if err := r.begin(); err != nil {
		return err
	}
	defer r.end()
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("runtime: %v", p)
		}
	}()
	return fn()
}

// exportValue converts a JavaScript value to Go, with nil for undefined
// and null. A throwing getter met on the way is reported as a nil value
// rather than a panic in the host.
func exportValue(v goja.Value) (out any) {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil
	}
	defer func() {
		if recover() != nil {
			out = nil
		}
	}()
	return com.Export(v)
}

// toJS converts a host value for the VM; Go functions are guarded so that
// their panics become JavaScript errors.
func (r *Runtime) toJS(value any) goja.Value {
	if v, ok := value.(goja.Value); ok {
		return v
	}
	rv := reflect.ValueOf(value)
	if rv.Kind() == reflect.Func && !rv.IsNil() {
		return r.vm.ToValue(r.guard(rv).Interface())
	}
	return r.vm.ToValue(value)
}

// guard wraps a Go function so that a panic in it throws a JavaScript
// Error ("panic in host function: …") instead of unwinding through the VM.
// goja's own panics (a thrown value, an interrupt) pass through untouched.
func (r *Runtime) guard(fn reflect.Value) reflect.Value {
	t := fn.Type()
	return reflect.MakeFunc(t, func(args []reflect.Value) []reflect.Value {
		defer func() {
			if p := recover(); p != nil {
				if fromGoja(p) {
					panic(p)
				}
				panic(r.vm.NewGoError(fmt.Errorf("panic in host function: %v", p)))
			}
		}()
		if t.IsVariadic() {
			return fn.CallSlice(args)
		}
		return fn.Call(args)
	})
}

// fromGoja reports whether a panic value is one of goja's own (a thrown
// JavaScript value, an exception, an interrupt), which must keep going.
func fromGoja(p any) bool {
	if _, ok := p.(goja.Value); ok {
		return true
	}
	t := reflect.TypeOf(p)
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t != nil && t.PkgPath() == reflect.TypeOf((*goja.Runtime)(nil)).Elem().PkgPath()
}
