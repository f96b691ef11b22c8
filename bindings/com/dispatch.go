package com

import (
	"strings"

	"github.com/dop251/goja"
)

// dispatch plays IDispatch for one object: it resolves names without regard
// to case and turns property access into member calls. It implements
// goja.DynamicObject.
type dispatch struct {
	rt      *goja.Runtime
	self    *goja.Object
	members []Member
	index   map[string]int // lower-cased and declared name → position in members
	funcs   []goja.Value   // method values, made on first read so that req.Open === req.open
	opts    ObjectOptions
	toStr   goja.Value
}

func newDispatch(rt *goja.Runtime, members []Member, opts ObjectOptions) *dispatch {
	d := &dispatch{
		rt:      rt,
		members: append([]Member(nil), members...),
		index:   make(map[string]int, len(members)),
		funcs:   make([]goja.Value, len(members)),
		opts:    opts,
	}
	for i, m := range d.members {
		d.index[strings.ToLower(m.Name)] = i
	}
	for i, m := range d.members {
		// Scripts almost always spell members as declared ("Open",
		// "ResponseText"): the exact name is found without the
		// allocation strings.ToLower makes for a name with capitals.
		if _, ok := d.index[m.Name]; !ok {
			d.index[m.Name] = i
		}
	}
	return d
}

// passThrough lists names that the language itself reads from any object
// (conversions, JSON, promise resolution, Object.prototype). They are left to
// the prototype instead of failing with 438, so that String(obj),
// JSON.stringify and friends keep working.
func passThrough(name string) bool {
	switch name {
	case "valueOf", "toLocaleString", "hasOwnProperty", "isPrototypeOf",
		"propertyIsEnumerable", "constructor", "__proto__", "toJSON", "then",
		"__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__":
		return true
	}
	return false
}

// lookup finds a member by name without regard to case: first as spelled
// (the index holds the declared names too), then lower-cased.
func (d *dispatch) lookup(name string) (int, bool) {
	if i, ok := d.index[name]; ok {
		return i, true
	}
	i, ok := d.index[strings.ToLower(name)]
	return i, ok
}

func (d *dispatch) throwUnsupported(name string) {
	ThrowDetail(d.rt, HRUnsupportedMember, MsgUnsupportedMember, SourceJScript, "member "+name+" of "+d.label())
}

func (d *dispatch) label() string {
	if d.opts.Source != "" {
		return d.opts.Source
	}
	return "the object"
}

// Get implements goja.DynamicObject.
func (d *dispatch) Get(key string) goja.Value {
	if i, ok := d.lookup(key); ok {
		m := &d.members[i]
		if m.Get != nil {
			v := m.Get()
			if v == nil {
				return goja.Undefined()
			}
			return v
		}
		if m.Method != nil {
			return d.method(i)
		}
	}
	if key == "toString" {
		return d.toStringFunc()
	}
	if passThrough(key) {
		return nil
	}
	d.throwUnsupported(key)
	return nil
}

// Set implements goja.DynamicObject.
func (d *dispatch) Set(key string, v goja.Value) bool {
	i, ok := d.lookup(key)
	if !ok {
		d.throwUnsupported(key)
	}
	m := &d.members[i]
	switch {
	case m.Set != nil:
		m.Set(v)
	case m.Get != nil:
		ThrowDetail(d.rt, HRInvalidAssignment, MsgInvalidAssignment, SourceJScript, m.Name+" of "+d.label()+" is read-only")
	default:
		ThrowDetail(d.rt, HRUnsupportedMember, MsgUnsupportedMember, SourceJScript, m.Name+" of "+d.label()+" is a method and cannot be assigned")
	}
	return true
}

// Has implements goja.DynamicObject.
func (d *dispatch) Has(key string) bool {
	_, ok := d.lookup(key)
	return ok
}

// Delete implements goja.DynamicObject: members cannot be deleted; deleting
// anything else succeeds, as for a missing property.
func (d *dispatch) Delete(key string) bool {
	_, ok := d.lookup(key)
	return !ok
}

// Keys implements goja.DynamicObject.
func (d *dispatch) Keys() []string {
	keys := make([]string, len(d.members))
	for i, m := range d.members {
		keys[i] = m.Name
	}
	return keys
}

func (d *dispatch) method(i int) goja.Value {
	if f := d.funcs[i]; f != nil {
		return f
	}
	m := &d.members[i]
	// The closure is bound to this object rather than reading `this`, so
	// that `var f = req.Open; f(...)` works as a COM method reference does.
	f := d.rt.ToValue(func(call goja.FunctionCall) goja.Value {
		if n := len(call.Arguments); n > 0 && isPutMarker(call.Arguments[n-1]) {
			return d.putter(m, call.Arguments[:n-1])
		}
		v := m.Method(call)
		if v == nil {
			return goja.Undefined()
		}
		return v
	})
	if fo, ok := f.(*goja.Object); ok {
		_ = fo.DefineDataProperty("name", d.rt.ToValue(m.Name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	d.funcs[i] = f
	return f
}

func (d *dispatch) toStringFunc() goja.Value {
	if d.toStr == nil {
		d.toStr = d.rt.ToValue(func(goja.FunctionCall) goja.Value {
			if d.opts.Inspect != nil {
				return d.rt.ToValue(d.opts.Inspect())
			}
			if d.opts.Source != "" {
				return d.rt.ToValue("[object " + d.opts.Source + "]")
			}
			return d.rt.ToValue("[object Object]")
		})
	}
	return d.toStr
}
