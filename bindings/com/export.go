package com

import (
	"reflect"

	"github.com/dop251/goja"
)

// Export is v.Export() for a value a script handed over. goja's Export of
// a typed array whose ArrayBuffer was detached slices the released memory
// by the view's old length: a panic, and under the race detector's
// pointer checks a fatal error. Scripts do hold such views: the arrays
// WinHttpRequest lends to OnResponseDataAvailable handlers under
// --discard-streamed-body are detached when the handler returns. Such a
// value exports as nil here, which every caller treats as a value of no
// supported kind.
func Export(v goja.Value) (x any) {
	if v == nil {
		return nil
	}
	o, isObj := v.(*goja.Object)
	if !isObj {
		return v.Export()
	}
	if IsDetachedView(o) {
		return nil
	}
	defer func() {
		// Any other export that panics (a DataView over a detached
		// buffer, exported into a slice) is a value of no supported kind
		// too.
		if recover() != nil {
			x = nil
		}
	}()
	return o.Export()
}

// ExportTo is rt.ExportTo(v, target) with Export's protection: a detached
// view is an error, not a panic.
func ExportTo(rt *goja.Runtime, v goja.Value, target any) (err error) {
	if o, ok := v.(*goja.Object); ok && IsDetachedView(o) {
		return errDetached
	}
	defer func() {
		if recover() != nil {
			err = errDetached
		}
	}()
	return rt.ExportTo(v, target)
}

// IsDetachedView reports whether o is a typed array whose ArrayBuffer is
// detached. Other objects cost one type check.
func IsDetachedView(o *goja.Object) bool {
	if !IsTypedArrayType(o.ExportType()) {
		return false
	}
	b, ok := o.Get("buffer").(*goja.Object)
	if !ok {
		return false
	}
	ab, ok := b.Export().(goja.ArrayBuffer)
	return ok && ab.Detached()
}

// IsTypedArrayType reports whether typ is what goja exports a typed
// array as (Object.ExportType): a slice of a numeric kind.
func IsTypedArrayType(typ reflect.Type) bool {
	if typ == nil || typ.Kind() != reflect.Slice {
		return false
	}
	switch typ.Elem().Kind() {
	case reflect.Uint8, reflect.Int8, reflect.Uint16, reflect.Int16, reflect.Uint32, reflect.Int32,
		reflect.Float32, reflect.Float64, reflect.Int64, reflect.Uint64:
		return true
	}
	return false
}

type detachedError struct{}

func (detachedError) Error() string { return "the value's ArrayBuffer is detached" }

var errDetached error = detachedError{}
