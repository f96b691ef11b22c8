package vbarray

import (
	"strings"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
)

// Itemser is implemented by the Native value of COM collections whose
// members Enumerator walks (FileSystemObject's Files, SubFolders).
type Itemser interface{ Items() []goja.Value }

// enumerator is one Enumerator: a snapshot of a collection's members and a
// cursor, as JScript's enumerates an IEnumVARIANT taken at construction.
type enumerator struct {
	items []goja.Value
	pos   int
}

func newEnumeratorCtor(rt *goja.Runtime) goja.Value {
	proto := rt.NewObject()
	key := goja.NewSymbol("Enumerator")
	self := func(this goja.Value) *enumerator {
		if o, ok := this.(*goja.Object); ok {
			if h := o.GetSymbol(key); h != nil {
				if e, ok := h.Export().(*enumerator); ok {
					return e
				}
			}
		}
		com.Throw(rt, com.HRUnsupportedMember, com.MsgUnsupportedMember, com.SourceJScript)
		return nil
	}
	method := func(name string, f func(e *enumerator) goja.Value) {
		_ = proto.DefineDataProperty(name, rt.ToValue(func(call goja.FunctionCall) goja.Value {
			v := f(self(call.This))
			if v == nil {
				return goja.Undefined()
			}
			return v
		}), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	method("atEnd", func(e *enumerator) goja.Value { return rt.ToValue(e.pos >= len(e.items)) })
	method("item", func(e *enumerator) goja.Value {
		if e.pos >= len(e.items) {
			return goja.Undefined()
		}
		return e.items[e.pos]
	})
	method("moveFirst", func(e *enumerator) goja.Value {
		e.pos = 0
		return nil
	})
	method("moveNext", func(e *enumerator) goja.Value {
		if e.pos < len(e.items) {
			e.pos++
		}
		return nil
	})
	build := func(arg goja.Value) *goja.Object {
		e := &enumerator{items: members(rt, arg)}
		obj := rt.NewObject()
		_ = obj.SetPrototype(proto)
		_ = obj.DefineDataPropertySymbol(key, rt.ToValue(e), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
		return obj
	}
	ctor := rt.ToValue(func(call goja.ConstructorCall) *goja.Object {
		return build(call.Argument(0))
	}).(*goja.Object)
	_ = ctor.DefineDataProperty("prototype", proto, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	_ = proto.DefineDataProperty("constructor", ctor, goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	return ctor
}

// members lists what a collection holds: an Itemser's items, a COM-style
// collection's Item(0…Count-1) (Count a method or a property), or an
// array-like's elements. No argument gives an empty enumerator, as in
// JScript.
func members(rt *goja.Runtime, v goja.Value) []goja.Value {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil
	}
	o, ok := v.(*goja.Object)
	if !ok {
		notCollection(rt, v)
	}
	if n, ok := com.NativeOf(o); ok {
		if it, ok := n.(Itemser); ok {
			return it.Items()
		}
	}
	if com.IsObject(o) {
		return comItems(rt, o)
	}
	if b, ok := com.Export(o).([]byte); ok {
		out := make([]goja.Value, len(b))
		for i, c := range b {
			out[i] = rt.ToValue(int64(c))
		}
		return out
	}
	length := o.Get("length")
	if length == nil || goja.IsUndefined(length) {
		notCollection(rt, v)
	}
	n := int(length.ToInteger())
	out := make([]goja.Value, 0, max(n, 0))
	for i := 0; i < n; i++ {
		out = append(out, o.Get(itoa(i)))
	}
	return out
}

// comItems walks a COM object with Count and Item. Asking a COM object for
// a member it lacks throws 438, which here means "not a collection".
func comItems(rt *goja.Runtime, o *goja.Object) []goja.Value {
	if !hasMember(o, "Count") || !hasMember(o, "Item") {
		notCollection(rt, o)
	}
	count := o.Get("Count")
	if f, ok := goja.AssertFunction(count); ok {
		v, err := f(o)
		if err != nil {
			panic(err)
		}
		count = v
	}
	item, ok := goja.AssertFunction(o.Get("Item"))
	if !ok {
		notCollection(rt, o)
	}
	n := int(count.ToInteger())
	out := make([]goja.Value, 0, max(n, 0))
	for i := 0; i < n; i++ {
		v, err := item(o, rt.ToValue(i))
		if err != nil {
			panic(err)
		}
		out = append(out, v)
	}
	return out
}

func notCollection(rt *goja.Runtime, v goja.Value) {
	com.ThrowDetail(rt, hrNotCollection, msgNotCollection, com.SourceJScript,
		"Enumerator needs a collection or an array, not "+describeKind(v))
}

func describeKind(v goja.Value) string {
	if o, ok := v.(*goja.Object); ok {
		return "an object of class " + o.ClassName()
	}
	return v.String()
}

func hasMember(o *goja.Object, name string) bool {
	for _, m := range com.Canonical(o) {
		if strings.EqualFold(m, name) {
			return true
		}
	}
	return false
}
