package com

import "github.com/dop251/goja"

// Member is one member of a COM-like object. Set exactly one of Method or
// Get (with optional Set and Put).
type Member struct {
	// Name is the canonical name ("ResponseText"); lookups ignore case.
	Name string
	// Method is called for obj.Name(args…). A parameterized property
	// (Option(n)) is a Method that reads, plus Put.
	Method func(call goja.FunctionCall) goja.Value
	// Get reads a property; Set writes it (nil: read-only, writing throws).
	Get func() goja.Value
	Set func(v goja.Value)
	// Put assigns a parameterized property: `obj.Name(args…) = v`, which
	// the script loader rewrites to obj.Name(args…, PutMarker).value = v.
	Put func(args []goja.Value, v goja.Value)
}

// ObjectOptions are the optional parts of a COM-like object.
type ObjectOptions struct {
	// Source names the object in errors ("WinHttp.WinHttpRequest").
	Source string
	// Default, when set, makes the object callable: obj(args…) calls it
	// (WScript.Arguments(0)).
	Default func(call goja.FunctionCall) goja.Value
	// Events, when set, is told of the sink a host attaches with
	// SetEventSink (nil when detached). The object fires its events by
	// calling the sink it was last given.
	Events func(sink EventSink)
	// Inspect returns a one-line summary for consoles and the REPL.
	Inspect func() string
}

// EventSink receives an object's COM events, on the script's goroutine.
type EventSink func(event string, args []goja.Value)

// NewObject returns an object with the given members, found
// case-insensitively. Reading or writing an unknown member throws JScript
// error 438 "Object doesn't support this property or method" (0x800A01B6).
func NewObject(rt *goja.Runtime, members []Member, opts ObjectOptions) *goja.Object {
	panic("TODO")
}

// SetEventSink attaches sink to obj's events (nil detaches). It reports
// false when obj is not a COM-like object with events.
func SetEventSink(obj *goja.Object, sink EventSink) bool { panic("TODO") }

// Canonical returns obj's member names in their canonical spelling (for
// completion and inspection), or nil when obj is not COM-like.
func Canonical(obj *goja.Object) []string { panic("TODO") }
