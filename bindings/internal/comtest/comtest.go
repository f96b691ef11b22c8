// Package comtest runs scripts against the companion classes in a bare goja
// runtime, for the bindings' tests: ActiveXObject knows ADODB.Stream,
// Scripting.FileSystemObject, WScript.Shell and the MSXML objects, and
// VBArray and Enumerator are defined.
package comtest

import (
	"bytes"
	"context"
	"testing"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/adodb"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/bindings/host"
	"github.com/winhttpjs/winhttpjs/bindings/hostsys"
	"github.com/winhttpjs/winhttpjs/bindings/msxml"
	"github.com/winhttpjs/winhttpjs/bindings/scripting"
	"github.com/winhttpjs/winhttpjs/bindings/vbarray"
	"github.com/winhttpjs/winhttpjs/bindings/wshell"
)

// Env is one runtime with the classes installed.
type Env struct {
	RT     *goja.Runtime
	Sys    *hostsys.System
	Stderr *bytes.Buffer
	// Out collects what scripts pass to echo(…), one entry per call.
	Out []string
}

// Config adjusts New.
type Config struct {
	Perms host.Permissions
	Dir   string
	Env   map[string]string
	Loop  host.Loop
}

// New returns an Env whose current directory is cfg.Dir.
func New(t testing.TB, cfg Config) *Env {
	t.Helper()
	e := &Env{RT: goja.New(), Stderr: &bytes.Buffer{}}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	e.Sys = hostsys.New(hostsys.Config{Perms: cfg.Perms, Dir: cfg.Dir, Env: cfg.Env, Stderr: e.Stderr, Context: ctx, Loop: cfg.Loop})
	reg := com.NewRegistry()
	for _, id := range adodb.ProgIDs() {
		reg.Register(id, adodb.Factory(e.Sys))
	}
	for _, id := range scripting.ProgIDs() {
		reg.Register(id, scripting.Factory(e.Sys))
	}
	for _, id := range wshell.ProgIDs() {
		reg.Register(id, wshell.Factory(e.Sys))
	}
	mcfg := msxml.Config{Context: ctx, Sys: e.Sys}
	for _, id := range msxml.ProgIDs() {
		reg.Register(id, msxml.Factory(mcfg, false))
	}
	for _, id := range msxml.ServerProgIDs() {
		reg.Register(id, msxml.Factory(mcfg, true))
	}
	reg.Enable(e.RT)
	vbarray.Install(e.RT)
	e.RT.Set("echo", func(call goja.FunctionCall) goja.Value {
		parts := ""
		for i, a := range call.Arguments {
			if i > 0 {
				parts += " "
			}
			parts += a.String()
		}
		e.Out = append(e.Out, parts)
		return goja.Undefined()
	})
	return e
}

// Run runs src and returns its value; an exception fails the test.
func (e *Env) Run(t testing.TB, src string) goja.Value {
	t.Helper()
	v, err := e.RT.RunString(src)
	if err != nil {
		t.Fatalf("%s\n→ %v", src, err)
	}
	return v
}

// String runs src and returns its value as text.
func (e *Env) String(t testing.TB, src string) string {
	t.Helper()
	return e.Run(t, src).String()
}

// Caught runs src, which must throw a COM-style error, and returns its
// number as an unsigned HRESULT and its description.
func (e *Env) Caught(t testing.TB, src string) (uint32, string) {
	t.Helper()
	v := e.Run(t, `(function(){ try { `+src+`; } catch (e) { return [e.number, e.description, e.message === e.description, e instanceof Error]; } return "no exception"; })()`)
	arr, ok := v.Export().([]any)
	if !ok {
		t.Fatalf("%s: did not throw (%v)", src, v)
	}
	n, ok := arr[0].(int64)
	if !ok || arr[2] != true || arr[3] != true {
		t.Fatalf("%s: not a JScript-style Error: %v", src, arr)
	}
	desc, _ := arr[1].(string)
	return uint32(int32(n)), desc
}
