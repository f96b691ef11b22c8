package runtime

import (
	"github.com/dop251/goja"
	"github.com/dop251/goja_nodejs/errors"
)

// wrapTimers replaces setTimeout, setInterval and setImmediate with
// versions whose callbacks end the run when they throw: the event loop
// itself drops a callback's exception silently.
func (r *Runtime) wrapTimers(vm *goja.Runtime) {
	for _, name := range []string{"setTimeout", "setInterval", "setImmediate"} {
		orig, ok := goja.AssertFunction(vm.Get(name))
		if !ok {
			continue
		}
		vm.Set(name, func(call goja.FunctionCall) goja.Value {
			fn, ok := goja.AssertFunction(call.Argument(0))
			if !ok {
				panic(errors.NewNotCorrectTypeError(vm, "callback", "function"))
			}
			wrapped := vm.ToValue(func(c goja.FunctionCall) goja.Value {
				if st := r.cur; st == nil || st.stopped {
					return goja.Undefined() // the run is ending
				}
				if _, err := fn(goja.Undefined(), c.Arguments...); err != nil {
					r.fail(err)
				}
				return goja.Undefined()
			})
			args := append([]goja.Value{wrapped}, call.Arguments[1:]...)
			v, err := orig(call.This, args...)
			if err != nil {
				panic(err)
			}
			return v
		})
	}
}
