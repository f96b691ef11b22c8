package runtime

import (
	"github.com/dop251/goja"
	"github.com/dop251/goja_nodejs/errors"
)

// activeTimer is a timer, interval or immediate the script has scheduled
// and that has neither fired (for one-shot kinds) nor been cleared.
type activeTimer struct {
	handle goja.Value
	clear  goja.Callable
}

// wrapTimers replaces the event loop's timer functions so that
//   - a callback that throws ends the run (the loop would drop the error);
//   - the runtime knows which timers are pending, to clear them when a run
//     ends early: the loop's Terminate stops them but leaves them counted,
//     and the next run would wait for them forever.
func (r *Runtime) wrapTimers(vm *goja.Runtime) {
	r.timers = map[any]activeTimer{}
	pairs := []struct {
		set, clear string
		once       bool
	}{
		{"setTimeout", "clearTimeout", true},
		{"setInterval", "clearInterval", false},
		{"setImmediate", "clearImmediate", true},
	}
	for _, p := range pairs {
		set, ok1 := goja.AssertFunction(vm.Get(p.set))
		clear, ok2 := goja.AssertFunction(vm.Get(p.clear))
		if !ok1 || !ok2 {
			continue
		}
		once := p.once
		vm.Set(p.set, func(call goja.FunctionCall) goja.Value {
			fn, ok := goja.AssertFunction(call.Argument(0))
			if !ok {
				panic(errors.NewNotCorrectTypeError(vm, "callback", "function"))
			}
			var key any
			wrapped := vm.ToValue(func(c goja.FunctionCall) goja.Value {
				if once {
					delete(r.timers, key)
				}
				if st := r.cur; st == nil || st.stopped {
					return goja.Undefined() // the run is ending
				}
				if _, err := fn(goja.Undefined(), c.Arguments...); err != nil {
					r.fail(err)
				}
				return goja.Undefined()
			})
			args := append([]goja.Value{wrapped}, call.Arguments[1:]...)
			h, err := set(call.This, args...)
			if err != nil {
				panic(err)
			}
			key = h.Export()
			r.timers[key] = activeTimer{handle: h, clear: clear}
			return h
		})
		vm.Set(p.clear, func(call goja.FunctionCall) goja.Value {
			if h := call.Argument(0); !goja.IsUndefined(h) && !goja.IsNull(h) {
				delete(r.timers, h.Export())
			}
			if _, err := clear(call.This, call.Arguments...); err != nil {
				panic(err)
			}
			return goja.Undefined()
		})
	}
}

// clearTimers clears every pending timer. It runs between runs, when the
// loop is stopped and nothing else uses the VM.
func (r *Runtime) clearTimers() {
	for k, t := range r.timers {
		_, _ = t.clear(goja.Undefined(), t.handle)
		delete(r.timers, k)
	}
}
