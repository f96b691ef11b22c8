package runtime

import (
	goruntime "runtime"

	"github.com/dop251/goja"
	"github.com/dop251/goja_nodejs/require"
	"github.com/dop251/goja_nodejs/util"
)

const (
	consoleModule = "console"
	processModule = "process"
)

// The console and process globals are built directly at start-up, not
// through require(): resolving a module name costs more than the object.
// require("console") and require("process") then hand out those same
// objects (the loaders below), so console === require("console") holds as
// before. "node:console" and "node:process" are modules of their own, each
// built at its first require, as they always were.

// moduleOf returns a loader whose module exports obj.
func moduleOf(obj **goja.Object) require.ModuleLoader {
	return func(_ *goja.Runtime, module *goja.Object) {
		_ = module.Set("exports", *obj)
	}
}

// requireConsole builds a fresh console module ("node:console").
func (r *Runtime) requireConsole(vm *goja.Runtime, module *goja.Object) {
	_ = module.Set("exports", r.newConsole(vm))
}

// requireProcess builds a fresh process module ("node:process").
func (r *Runtime) requireProcess(vm *goja.Runtime, module *goja.Object) {
	_ = module.Set("exports", r.newProcess(vm))
}

// newConsole returns a console printing to the runtime's writers, one line
// per call: log, info and debug to Stdout, warn and error to Stderr. Like
// goja_nodejs' console, which it replaces, each call formats its
// arguments with the "util" module's format, looked up at every call; the
// module itself is loaded at the first call rather than at start-up.
func (r *Runtime) newConsole(vm *goja.Runtime) *goja.Object {
	var utilMod *goja.Object
	method := func(w func(string)) func(goja.FunctionCall) goja.Value {
		return func(call goja.FunctionCall) goja.Value {
			if utilMod == nil {
				m, err := r.modules.Require(util.ModuleName)
				if err != nil {
					panic(err)
				}
				utilMod = m.(*goja.Object)
			}
			format, ok := goja.AssertFunction(utilMod.Get("format"))
			if !ok {
				panic(vm.NewTypeError("util.format is not a function"))
			}
			s, err := format(utilMod, call.Arguments...)
			if err != nil {
				panic(err)
			}
			w(s.String())
			return nil
		}
	}
	out := func(s string) { _, _ = r.opts.Stdout.Write([]byte(s + "\n")) }
	errOut := func(s string) { _, _ = r.opts.Stderr.Write([]byte(s + "\n")) }
	c := vm.NewObject()
	_ = c.Set("log", method(out))
	_ = c.Set("error", method(errOut))
	_ = c.Set("warn", method(errOut))
	_ = c.Set("info", method(out))
	_ = c.Set("debug", method(out))
	return c
}

// newProcess returns a small "process" object: env comes from Options.Env
// (the stock module always reads the process environment).
func (r *Runtime) newProcess(vm *goja.Runtime) *goja.Object {
	p := vm.NewObject()
	env := vm.NewObject()
	for k, v := range r.env {
		_ = env.Set(k, v)
	}
	_ = p.Set("env", env)
	_ = p.Set("platform", goruntime.GOOS)
	_ = p.Set("exit", func(call goja.FunctionCall) goja.Value {
		r.quit(int(call.Argument(0).ToInteger()))
		return goja.Undefined()
	})
	return p
}
