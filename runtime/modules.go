package runtime

import (
	goruntime "runtime"

	"github.com/dop251/goja"
	"github.com/dop251/goja_nodejs/console"
)

const (
	consoleModule = "console"
	processModule = "process"
)

// printer sends console output to the runtime's writers, one line per call.
type printer struct{ r *Runtime }

// Log implements console.Printer (console.log, info, debug).
func (p printer) Log(s string) { _, _ = p.r.opts.Stdout.Write([]byte(s + "\n")) }

// Warn implements console.Printer.
func (p printer) Warn(s string) { _, _ = p.r.opts.Stderr.Write([]byte(s + "\n")) }

// Error implements console.Printer.
func (p printer) Error(s string) { _, _ = p.r.opts.Stderr.Write([]byte(s + "\n")) }

// requireConsole is goja_nodejs' console bound to the runtime's writers
// (the stock module prints to the process's own stdout).
func (r *Runtime) requireConsole(vm *goja.Runtime, module *goja.Object) {
	console.RequireWithPrinter(printer{r})(vm, module)
}

// requireProcess is a small "process" module: env comes from
// Options.Env (the stock module always reads the process environment).
func (r *Runtime) requireProcess(vm *goja.Runtime, module *goja.Object) {
	exports := module.Get("exports").(*goja.Object)
	env := vm.NewObject()
	for k, v := range r.env {
		_ = env.Set(k, v)
	}
	_ = exports.Set("env", env)
	_ = exports.Set("platform", goruntime.GOOS)
	_ = exports.Set("exit", func(call goja.FunctionCall) goja.Value {
		r.quit(int(call.Argument(0).ToInteger()))
		return goja.Undefined()
	})
}
