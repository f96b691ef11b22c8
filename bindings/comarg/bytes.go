package comarg

import (
	"reflect"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/internal/hugebuf"
)

// Byteser is implemented by the Native value of objects that stand for a
// byte array (a VBArray, an ADODB.Stream, WinHttpRequest's ResponseStream).
type Byteser interface{ Bytes() []byte }

// Bytes returns the bytes of a byte container: an ArrayBuffer, any
// TypedArray or Buffer (ResponseBody is a Uint8Array), a DataView, or a
// COM-like object whose Native value has a Bytes method. ok is false for
// anything else. The bytes may share memory with the script's buffer.
func Bytes(rt *goja.Runtime, v goja.Value) ([]byte, bool) {
	o, ok := v.(*goja.Object)
	if !ok || o == nil {
		return nil, false
	}
	typ := o.ExportType()
	if typ == reflect.TypeOf(goja.ArrayBuffer{}) {
		// A detached ArrayBuffer exports safely, with no bytes.
		if ab, ok := o.Export().(goja.ArrayBuffer); ok {
			return ab.Bytes(), true
		}
	}
	if com.IsTypedArrayType(typ) || isDataView(o) {
		var b []byte
		if err := com.ExportTo(rt, o, &b); err == nil {
			return b, true
		}
	}
	if n, ok := com.NativeOf(o); ok {
		if b, ok := n.(Byteser); ok {
			return b.Bytes(), true
		}
	}
	return nil, false
}

func isDataView(o *goja.Object) bool {
	tag := o.GetSymbol(goja.SymToStringTag)
	return tag != nil && tag.String() == "DataView"
}

// NewBytes returns a new Uint8Array holding a copy of b: the shape
// ResponseBody has here, so that byte results of every class can be passed
// wherever ResponseBody can.
func NewBytes(rt *goja.Runtime, b []byte) goja.Value {
	data := hugebuf.Clone(b)
	return NewView(rt, "winhttpjs", rt.ToValue(rt.NewArrayBuffer(data)), 0, len(data))
}

// NewView returns a new Uint8Array over n bytes of the ArrayBuffer buf
// from off: how a response body held once is handed out at every read.
// source names the object in the error thrown when the script has
// replaced the global Uint8Array.
func NewView(rt *goja.Runtime, source string, buf goja.Value, off, n int) goja.Value {
	ctor, ok := goja.AssertConstructor(rt.Get("Uint8Array"))
	if !ok {
		com.ThrowDetail(rt, com.HRNotImpl, "Not implemented", source, "the global Uint8Array is not a constructor")
	}
	view, err := ctor(nil, buf, rt.ToValue(off), rt.ToValue(n))
	if err != nil {
		panic(err)
	}
	return view
}
