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
	// Native is the Go value behind the object, for hosts and other objects
	// that accept it as an argument (NativeOf). A Native with a
	// `Bytes() []byte` method is accepted as a byte body by
	// WinHttpRequest.Send, as an IStream is on Windows.
	Native any
}

// EventSink receives an object's COM events, on the script's goroutine.
type EventSink interface {
	// Fire delivers one event to its handler, if there is one.
	Fire(event string, args []goja.Value)
	// Handles reports whether event has a handler now. An object may
	// skip work that only a handler would need, up to not firing the
	// event (WinHttpRequest builds no array for OnResponseDataAvailable
	// without a handler, and keeps no copy of a body its handler takes,
	// when asked not to).
	Handles(event string) bool
}

// EventFunc is an EventSink that calls itself for every event and
// reports every event as handled.
type EventFunc func(event string, args []goja.Value)

// Fire calls f.
func (f EventFunc) Fire(event string, args []goja.Value) { f(event, args) }

// Handles reports true: f takes every event.
func (f EventFunc) Handles(string) bool { return true }

// NewObject returns an object with the given members, found
// case-insensitively. Reading or writing an unknown member throws JScript
// error 438 "Object doesn't support this property or method" (0x800A01B6).
//
// Without Default the object is a goja dynamic object (typeof "object");
// with Default it is a Proxy over a function, so typeof gives "function".
func NewObject(rt *goja.Runtime, members []Member, opts ObjectOptions) *goja.Object {
	d := newDispatch(rt, members, opts)
	if opts.Default != nil {
		d.self = newCallable(rt, d)
	} else {
		d.self = rt.NewDynamicObject(d)
	}
	return d.self
}

// SetEventSink attaches sink to obj's events (nil detaches). It reports
// false when obj is not a COM-like object with events.
func SetEventSink(obj *goja.Object, sink EventSink) bool {
	d := dispatchOf(obj)
	if d == nil {
		return false
	}
	return d.setEvents(sink)
}

// Canonical returns obj's member names in their canonical spelling (for
// completion and inspection), or nil when obj is not COM-like.
func Canonical(obj *goja.Object) []string {
	d := dispatchOf(obj)
	if d == nil {
		return nil
	}
	return d.Keys()
}

// Inspect returns obj's one-line summary (ObjectOptions.Inspect). ok is
// false when obj is not COM-like or has no summary.
func Inspect(obj *goja.Object) (summary string, ok bool) {
	d := dispatchOf(obj)
	if d == nil {
		return "", false
	}
	return d.inspect()
}

// NativeOf returns ObjectOptions.Native of an object made by NewObject.
func NativeOf(obj *goja.Object) (native any, ok bool) {
	d := dispatchOf(obj)
	if d == nil || d.opts.Native == nil {
		return nil, false
	}
	return d.opts.Native, true
}

// IsObject reports whether obj was made by NewObject.
func IsObject(obj *goja.Object) bool { return dispatchOf(obj) != nil }
