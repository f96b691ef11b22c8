package runtime

import (
	"github.com/dop251/goja"
	"github.com/dop251/goja_nodejs/require"
	"github.com/winhttpjs/winhttpjs/bindings/winhttpapi"
)

// registerFlatAPI makes require("winhttp") give the flat WinHTTP API. The
// loader runs at the first require, after setup made the pool, so it reads
// the runtime's state then. Proxy settings come from the environment the
// runtime started with: a copy, since engine goroutines read it while the
// script may change its own environment.
func (r *Runtime) registerFlatAPI(reg *require.Registry) {
	env := envMap(r.opts.Env)
	reg.RegisterNativeModule(winhttpapi.ModuleName, func(vm *goja.Runtime, module *goja.Object) {
		winhttpapi.New(winhttpapi.Options{
			Context: r.reqCtx,
			Pool:    r.pool,
			Loop:    r.loop,
			Getenv:  func(name string) string { return env[name] },
			Observe: r.observe,
		})(vm, module)
	})
}
