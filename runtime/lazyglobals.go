package runtime

import "github.com/dop251/goja"

// defineLazyGlobals puts names on the global object as accessors that
// install them, through enable, the first time a script reads or writes
// one of them; from then on they are ordinary data properties (writable,
// configurable, not enumerable, as the host's other globals are after
// hideGlobals). Building Buffer and URL (two goja_nodejs modules, each
// with its prototype of native functions) was a sixth of an empty
// script's start-up, and most scripts use neither; VBArray and Enumerator
// are rarer still.
//
// enable must define every name as a global (goja_nodejs' Enable
// functions and vbarray.Install do). "name" in globalThis is true before
// the first use; only Object.getOwnPropertyDescriptor tells an accessor
// until then.
func defineLazyGlobals(vm *goja.Runtime, names []string, enable func(*goja.Runtime)) {
	g := vm.GlobalObject()
	installed := false
	install := func() {
		if installed {
			return
		}
		installed = true
		for _, name := range names {
			g.Delete(name)
		}
		enable(vm)
		for _, name := range names {
			_ = g.DefineDataProperty(name, g.Get(name), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		}
	}
	for _, name := range names {
		get := vm.ToValue(func(goja.FunctionCall) goja.Value {
			install()
			return g.Get(name)
		})
		set := vm.ToValue(func(call goja.FunctionCall) goja.Value {
			install()
			_ = g.Set(name, call.Argument(0))
			return goja.Undefined()
		})
		_ = g.DefineAccessorProperty(name, get, set, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
}
