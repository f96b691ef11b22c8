package com

import "github.com/dop251/goja"

// errorInfoKey hides an error's HRESULT and source from scripts. It is
// created once and never changed; symbols are immutable and goja's own
// well-known symbols are shared across runtimes the same way.
var errorInfoKey = goja.NewSymbol("winhttpjs.com.errorInfo")

// errorInfo is what IErrorInfo would carry for a thrown error.
type errorInfo struct {
	hr     uint32
	source string
	detail string
}

// NewError returns a JScript-style Error object: name "Error", number = the
// HRESULT as a signed 32-bit integer, description and message = description,
// and a hidden source (e.g. "WinHttp.WinHttpRequest") for error reports.
func NewError(rt *goja.Runtime, hr uint32, description, source string) *goja.Object {
	return newError(rt, hr, description, source, "")
}

// NewErrorDetail is NewError with a detail for error reports (the member or
// ProgID at fault) that is kept out of description, whose JScript text
// scripts may compare.
func NewErrorDetail(rt *goja.Runtime, hr uint32, description, source, detail string) *goja.Object {
	return newError(rt, hr, description, source, detail)
}

func newError(rt *goja.Runtime, hr uint32, description, source, detail string) *goja.Object {
	// A TypeError made by the runtime is a genuine error object (with a
	// captured stack); moving it onto the intrinsic Error.prototype makes it
	// a plain Error without going through a global a script may replace.
	e := rt.NewTypeError(description)
	if proto := e.Prototype(); proto != nil && proto.Prototype() != nil {
		_ = e.SetPrototype(proto.Prototype())
	}
	_ = e.DefineDataProperty("name", rt.ToValue("Error"), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = e.DefineDataProperty("number", rt.ToValue(int64(int32(hr))), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = e.DefineDataProperty("description", rt.ToValue(description), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	info := &errorInfo{hr: hr, source: source, detail: detail}
	_ = e.DefineDataPropertySymbol(errorInfoKey, rt.ToValue(info), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	return e
}

// Throw panics with NewError's object, which goja throws into the script.
func Throw(rt *goja.Runtime, hr uint32, description, source string) {
	panic(newError(rt, hr, description, source, ""))
}

// ThrowDetail panics with NewErrorDetail's object.
func ThrowDetail(rt *goja.Runtime, hr uint32, description, source, detail string) {
	panic(newError(rt, hr, description, source, detail))
}

// ErrorInfo returns the HRESULT and source of a value made by NewError.
func ErrorInfo(v goja.Value) (hr uint32, source string, ok bool) {
	info := lookupErrorInfo(v)
	if info == nil {
		return 0, "", false
	}
	return info.hr, info.source, true
}

// ErrorDetail returns the detail of a value made by NewErrorDetail ("" when
// there is none), for hosts that print uncaught errors.
func ErrorDetail(v goja.Value) string {
	if info := lookupErrorInfo(v); info != nil {
		return info.detail
	}
	return ""
}

func lookupErrorInfo(v goja.Value) *errorInfo {
	o, ok := v.(*goja.Object)
	if !ok || o == nil {
		return nil
	}
	hidden := o.GetSymbol(errorInfoKey)
	if hidden == nil {
		return nil
	}
	info, _ := hidden.Export().(*errorInfo)
	return info
}
