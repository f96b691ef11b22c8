package com

import "github.com/dop251/goja"

// NewError returns a JScript-style Error object: name "Error", number = the
// HRESULT as a signed 32-bit integer, description and message = description,
// and a hidden source (e.g. "WinHttp.WinHttpRequest") for error reports.
func NewError(rt *goja.Runtime, hr uint32, description, source string) *goja.Object {
	panic("TODO")
}

// Throw panics with NewError's object, which goja throws into the script.
func Throw(rt *goja.Runtime, hr uint32, description, source string) { panic("TODO") }

// ErrorInfo returns the HRESULT and source of a value made by NewError.
func ErrorInfo(v goja.Value) (hr uint32, source string, ok bool) { panic("TODO") }
