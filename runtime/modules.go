package runtime

import (
	goruntime "runtime"

	"github.com/dop251/goja"
	"github.com/dop251/goja_nodejs/console"
	"github.com/dop251/goja_nodejs/require"
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

// printer sends console output to the runtime's writers, one line per call.
type printer struct{ r *Runtime }

// Log implements console.Printer (console.log, info, debug).
func (p printer) Log(s string) { _, _ = p.r.opts.Stdout.Write([]byte(s + "\n")) }

// Warn implements console.Printer.
func (p printer) Warn(s string) { _, _ = p.r.opts.Stderr.Write([]byte(s + "\n")) }

// Error implements console.Printer.
func (p printer) Error(s string) { _, _ = p.r.opts.Stderr.Write([]byte(s + "\n")) }

// requireConsole builds a fresh console module ("node:console").
func (r *Runtime) requireConsole(vm *goja.Runtime, module *goja.Object) {
	_ = module.Set("exports", r.newConsole(vm))
}

// requireProcess builds a fresh process module ("node:process").
func (r *Runtime) requireProcess(vm *goja.Runtime, module *goja.Object) {
	_ = module.Set("exports", r.newProcess(vm))
}

// newConsole returns goja_nodejs' console bound to the runtime's writers
// (the stock module prints to the process's own stdout), built by calling
// its loader directly rather than through require().
func (r *Runtime) newConsole(vm *goja.Runtime) *goja.Object {
	module := vm.NewObject()
	exports := vm.NewObject()
	_ = module.Set("exports", exports)
	console.RequireWithPrinter(printer{r})(vm, module)
	if o, ok := module.Get("exports").(*goja.Object); ok {
		return o
	}
	return exports
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
