// Package bindings holds the JavaScript faces of the engine: the
// WinHttpRequest COM object, the ProgID registry behind ActiveXObject, and
// HRESULT errors (package com).
package bindings

import (
	"context"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/bindings/winhttp"
	"github.com/winhttpjs/winhttpjs/engine"
)

// Options configure the bindings installed in one runtime.
type Options struct {
	// Context bounds every request made from the runtime: cancelling it
	// aborts requests in flight (WScript.Quit, an interrupted script).
	Context context.Context
	// Pool shares keep-alive connections between the runtime's objects;
	// nil gives each object its own, as separate WinHTTP sessions have.
	Pool *engine.Pool
	// Registry receives the ProgIDs; nil makes a new one.
	Registry *com.Registry
	// Events, when set, lets the host's event loop deliver the events of
	// asynchronous requests while the script sleeps: wait on
	// Events.Ready() and call Events.Deliver() on the script goroutine.
	// Without it such events are delivered only inside WaitForResponse.
	Events *winhttp.Dispatcher
}

// Install registers the WinHttpRequest ProgIDs ("WinHttp.WinHttpRequest.5.1"
// and "WinHttp.WinHttpRequest.5") and enables ActiveXObject on rt. It
// returns the registry so that hosts can add their own classes and create
// objects (WScript.CreateObject).
func Install(rt *goja.Runtime, opts Options) *com.Registry {
	reg := opts.Registry
	if reg == nil {
		reg = com.NewRegistry()
	}
	factory := winhttp.Factory(winhttp.Config{Context: opts.Context, Pool: opts.Pool, Dispatcher: opts.Events})
	for _, id := range winhttp.ProgIDs() {
		reg.Register(id, factory)
	}
	reg.Enable(rt)
	return reg
}
