package com

import "github.com/dop251/goja"

// Export is v.Export() for a value a script handed over. goja's Export of
// a typed array or DataView whose ArrayBuffer was detached panics (it
// slices the buffer's released memory by the view's old length), and
// scripts do hold such views: the arrays WinHttpRequest lends to
// OnResponseDataAvailable handlers under --discard-streamed-body are
// detached when the handler returns. Such a value exports as nil here,
// which every caller treats as a value of no supported kind.
func Export(v goja.Value) (x any) {
	if v == nil {
		return nil
	}
	if _, isObj := v.(*goja.Object); !isObj {
		return v.Export()
	}
	defer func() {
		if recover() != nil {
			x = nil
		}
	}()
	return v.Export()
}

// ExportTo is rt.ExportTo(v, target) with Export's protection: a detached
// view is an error, not a panic.
func ExportTo(rt *goja.Runtime, v goja.Value, target any) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = errDetached
		}
	}()
	return rt.ExportTo(v, target)
}

type detachedError struct{}

func (detachedError) Error() string { return "the value's ArrayBuffer is detached" }

var errDetached error = detachedError{}
