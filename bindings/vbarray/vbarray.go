// Package vbarray provides JScript's VBArray and Enumerator built-ins:
// VBArray reads the byte arrays COM objects return (ResponseBody,
// ADODB.Stream.Read, which are Uint8Arrays here), and Enumerator walks COM
// collections (WScript.Arguments, the FileSystemObject's Files, SubFolders
// and Drives) and arrays.
package vbarray

import (
	"math"
	"strconv"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/bindings/comarg"
)

// JScript runtime errors the two built-ins raise.
const (
	hrOutOfRange       uint32 = 0x800A0009 // 9
	hrVBArrayExpected  uint32 = 0x800A1395 // 5013
	hrNotCollection    uint32 = 0x800A01C3 // 451
	msgOutOfRange             = "Subscript out of range"
	msgVBArrayExpected        = "VBArray expected"
	msgNotCollection          = "Object not a collection"
)

// Install defines the VBArray and Enumerator constructors on rt's global
// object (non-enumerable, as built-ins are).
func Install(rt *goja.Runtime) {
	define(rt, "VBArray", newVBArrayCtor(rt))
	define(rt, "Enumerator", newEnumeratorCtor(rt))
}

func define(rt *goja.Runtime, name string, v goja.Value) {
	_ = rt.GlobalObject().DefineDataProperty(name, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// vbArray is one VBArray: a one-dimensional, zero-based array of values.
type vbArray struct {
	items []goja.Value
	bytes []byte // set when made from bytes, so that it can be passed on as bytes
}

// Bytes lets a VBArray made from bytes be written to ADODB.Stream or sent.
func (a *vbArray) Bytes() []byte { return a.bytes }

func newVBArrayCtor(rt *goja.Runtime) goja.Value {
	proto := rt.NewObject()
	// A symbol made per runtime hides the Go value from scripts.
	key := goja.NewSymbol("VBArray")
	self := func(this goja.Value) *vbArray {
		if o, ok := this.(*goja.Object); ok {
			if h := o.GetSymbol(key); h != nil {
				if a, ok := h.Export().(*vbArray); ok {
					return a
				}
			}
		}
		com.Throw(rt, hrVBArrayExpected, msgVBArrayExpected, com.SourceJScript)
		return nil
	}
	dimension := func(call goja.FunctionCall) {
		if len(call.Arguments) == 0 || goja.IsUndefined(call.Argument(0)) {
			return
		}
		if d, ok := comarg.ToInt(call.Argument(0)); !ok || d != 1 {
			com.ThrowDetail(rt, hrOutOfRange, msgOutOfRange, com.SourceJScript, "the array has one dimension")
		}
	}
	method := func(name string, f func(a *vbArray, call goja.FunctionCall) goja.Value) {
		_ = proto.DefineDataProperty(name, rt.ToValue(func(call goja.FunctionCall) goja.Value {
			return f(self(call.This), call)
		}), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	method("toArray", func(a *vbArray, _ goja.FunctionCall) goja.Value {
		vals := make([]any, len(a.items))
		for i, v := range a.items {
			vals[i] = v
		}
		return rt.NewArray(vals...)
	})
	method("dimensions", func(*vbArray, goja.FunctionCall) goja.Value { return rt.ToValue(1) })
	method("lbound", func(_ *vbArray, call goja.FunctionCall) goja.Value {
		dimension(call)
		return rt.ToValue(0)
	})
	method("ubound", func(a *vbArray, call goja.FunctionCall) goja.Value {
		dimension(call)
		return rt.ToValue(len(a.items) - 1)
	})
	method("getItem", func(a *vbArray, call goja.FunctionCall) goja.Value {
		f, ok := comarg.ToNumber(call.Argument(0))
		if !ok || math.IsNaN(f) || f < 0 || int(f) >= len(a.items) || len(call.Arguments) > 1 {
			com.ThrowDetail(rt, hrOutOfRange, msgOutOfRange, com.SourceJScript,
				"getItem: index "+comarg.Describe(call.Argument(0))+" is outside 0 to "+itoa(len(a.items)-1))
		}
		return a.items[int(f)]
	})
	ctor := rt.ToValue(func(call goja.ConstructorCall) *goja.Object {
		var a *vbArray
		if o, ok := call.Argument(0).(*goja.Object); ok && o.GetSymbol(key) != nil {
			a = self(o) // a VBArray of a VBArray is a copy
		} else {
			a = fromValue(rt, call.Argument(0))
		}
		obj := rt.NewObject()
		_ = obj.SetPrototype(proto)
		_ = obj.DefineDataPropertySymbol(key, rt.ToValue(a), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
		return obj
	}).(*goja.Object)
	_ = ctor.DefineDataProperty("prototype", proto, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	_ = proto.DefineDataProperty("constructor", ctor, goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	return ctor
}

// fromValue accepts what a SAFEARRAY reaches JScript as here: byte arrays
// (ResponseBody, Stream.Read) and, leniently, JavaScript arrays.
func fromValue(rt *goja.Runtime, v goja.Value) *vbArray {
	if b, ok := comarg.Bytes(rt, v); ok {
		a := &vbArray{items: make([]goja.Value, len(b)), bytes: append([]byte{}, b...)}
		for i, c := range b {
			a.items[i] = rt.ToValue(int64(c))
		}
		return a
	}
	if o, ok := v.(*goja.Object); ok && o.ClassName() == "Array" {
		var items []goja.Value
		_ = rt.ExportTo(o, &items)
		return &vbArray{items: items}
	}
	com.ThrowDetail(rt, hrVBArrayExpected, msgVBArrayExpected, com.SourceJScript,
		"new VBArray needs a byte array such as ResponseBody, not "+comarg.Describe(v))
	return nil
}

func itoa(n int) string { return strconv.Itoa(n) }
