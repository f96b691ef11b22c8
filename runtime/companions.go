package runtime

import (
	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/adodb"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/bindings/hostsys"
	"github.com/winhttpjs/winhttpjs/bindings/msxml"
	"github.com/winhttpjs/winhttpjs/bindings/scripting"
	"github.com/winhttpjs/winhttpjs/bindings/vbarray"
	"github.com/winhttpjs/winhttpjs/bindings/wshell"
)

// installCompanions registers the classes real cscript scripts use next to
// WinHttpRequest — ADODB.Stream, Scripting.FileSystemObject, WScript.Shell
// and the MSXML HTTP objects — and defines the VBArray and Enumerator
// built-ins. The classes reach files and programs only as
// Options.Permissions allows; WScript.Shell's PROCESS environment is the
// runtime's (Options.Env), shared with process.env's source.
func (r *Runtime) installCompanions(vm *goja.Runtime) {
	sys := hostsys.New(hostsys.Config{
		Perms:   r.opts.Permissions,
		Env:     r.env,
		Stderr:  r.opts.Stderr,
		Context: r.reqCtx,
		Loop:    r.loop,
	})
	register := func(ids []string, f com.Factory) {
		for _, id := range ids {
			r.registry.Register(id, f)
		}
	}
	register(adodb.ProgIDs(), adodb.Factory(sys))
	register(scripting.ProgIDs(), scripting.Factory(sys))
	register(wshell.ProgIDs(), wshell.Factory(sys))
	if !r.opts.noBindings {
		// The MSXML objects are HTTP clients: they come with the engine.
		cfg := msxml.Config{Context: r.reqCtx, Pool: r.pool, Sys: sys}
		register(msxml.ProgIDs(), msxml.Factory(cfg, false))
		register(msxml.ServerProgIDs(), msxml.Factory(cfg, true))
	}
	// JScript's VBArray and Enumerator, which few HTTP scripts use, are
	// built at their first use, as Buffer and URL are.
	defineLazyGlobals(vm, []string{"VBArray", "Enumerator"}, vbarray.Install)
}
