//go:build js && wasm

// Command wasm is the playground's WebAssembly entry point: the winhttpjs
// runtime (goja, the WinHttpRequest bindings and the engine, which sends
// through the browser's fetch) exposed to the page as globalThis.winhttpjs:
//
//	winhttpjs.run(name, source, args) → Promise<{code, stopped, error}>
//	winhttpjs.stop()                  → ends the running script
//	winhttpjs.eval(source, args)      → Promise<{code, stopped, error}>
//	winhttpjs.onoutput = (stream, text) => {...}  // "stdout" or "stderr"
//
// Scripts run on goroutines of their own, never inside a JavaScript
// callback, so a synchronous Send can wait for fetch. When the API is
// ready the page's globalThis.winhttpjsReady(api) is called.
package main

import (
	"context"
	"syscall/js"
)

func main() {
	p := newPlayground()
	api := js.Global().Get("Object").New()
	api.Set("run", js.FuncOf(func(_ js.Value, args []js.Value) any {
		name, source, scriptArgs := arg(args, 0).String(), arg(args, 1).String(), strings(arg(args, 2))
		return p.claimed(func(ctx context.Context) js.Value { return p.run(ctx, name, source, scriptArgs) })
	}))
	api.Set("eval", js.FuncOf(func(_ js.Value, args []js.Value) any {
		source, scriptArgs := arg(args, 0).String(), strings(arg(args, 1))
		return p.claimed(func(ctx context.Context) js.Value { return p.eval(ctx, source, scriptArgs) })
	}))
	api.Set("stop", js.FuncOf(func(js.Value, []js.Value) any {
		p.stop()
		return nil
	}))
	p.api = api
	js.Global().Set("winhttpjs", api)
	if ready := js.Global().Get("winhttpjsReady"); ready.Type() == js.TypeFunction {
		ready.Invoke(api)
	}
	select {} // serve the page until it goes away
}

// arg is args[i], or undefined.
func arg(args []js.Value, i int) js.Value {
	if i < len(args) {
		return args[i]
	}
	return js.Undefined()
}

// strings converts a JavaScript array of strings (or undefined) to Go.
func strings(v js.Value) []string {
	if v.Type() != js.TypeObject {
		return nil
	}
	out := make([]string, v.Length())
	for i := range out {
		out[i] = v.Index(i).String()
	}
	return out
}
