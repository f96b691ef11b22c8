// Package bindings holds the JavaScript faces of the engine: the
// WinHttpRequest COM object, the ProgID registry behind ActiveXObject, and
// HRESULT errors (package com).
package bindings

import (
	"context"
	"net"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/bindings/host"
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
	// Loop is the host's event loop (see host.Loop). With it, an
	// asynchronous Send keeps the script alive until the request ends, and
	// its COM events are delivered whenever the loop runs: while the
	// script sleeps or waits, and after its code has finished. Without it
	// they are delivered only inside WaitForResponse.
	Loop host.Loop
	// Resolver resolves host names for every object's requests; nil means
	// net.DefaultResolver.
	Resolver *net.Resolver
	// DialContext opens every object's TCP connections to a resolved
	// "ip:port"; nil means a plain net.Dialer. With Resolver it lets a Go
	// host route connections, and tests make them stall.
	DialContext func(ctx context.Context, network, address string) (net.Conn, error)
	// Observe, when set, sees every WinHttpRequest request (see
	// winhttp.Config.Observe); the REPL's .trace uses it.
	Observe func(req *engine.Request) (ended func(resp *engine.Response, err error))
	// DiscardStreamedBody: a body delivered to OnResponseDataAvailable is
	// not also kept (see winhttp.Config.DiscardStreamedBody).
	DiscardStreamedBody bool
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
	factory := winhttp.Factory(winhttp.Config{
		Context:     opts.Context,
		Pool:        opts.Pool,
		Loop:        opts.Loop,
		Resolver:    opts.Resolver,
		DialContext: opts.DialContext,
		Observe:     opts.Observe,

		DiscardStreamedBody: opts.DiscardStreamedBody,
	})
	for _, id := range winhttp.ProgIDs() {
		reg.Register(id, factory)
	}
	reg.Enable(rt)
	return reg
}
