package com

import (
	"reflect"

	"github.com/dop251/goja"
)

// putMarker is the Go value behind the PutMarker global. Matching on its
// type, rather than on the global's current value, means a script cannot
// forge the marker and a renamed global cannot break the rewrite.
type putMarker struct{}

var putMarkerType = reflect.TypeOf(&putMarker{})

func isPutMarker(v goja.Value) bool {
	o, ok := v.(*goja.Object)
	return ok && o.ExportType() == putMarkerType
}

// putter returns the object whose `value` setter completes the rewritten
// assignment `obj.Name(args…, PutMarker).value = v`. Reading `value` reads
// the property, so compound assignments (`+=`) also work.
func (d *dispatch) putter(i int, args []goja.Value) goja.Value {
	m := &d.cls.members[i]
	if m.put == nil {
		ThrowDetail(d.rt, HRInvalidAssignment, MsgInvalidAssignment, SourceJScript, m.name+" of "+d.label()+" cannot be assigned")
	}
	args = append([]goja.Value(nil), args...)
	o := d.rt.NewObject()
	getter := d.rt.ToValue(func(goja.FunctionCall) goja.Value {
		v := m.method(d.recv, goja.FunctionCall{This: d.self, Arguments: args})
		if v == nil {
			return goja.Undefined()
		}
		return v
	})
	setter := d.rt.ToValue(func(call goja.FunctionCall) goja.Value {
		m.put(d.recv, args, call.Argument(0))
		return goja.Undefined()
	})
	_ = o.DefineAccessorProperty("value", getter, setter, goja.FLAG_FALSE, goja.FLAG_TRUE)
	return o
}
