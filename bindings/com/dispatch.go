package com

import (
	"strings"
	"sync"

	"github.com/dop251/goja"
)

// dispatch plays IDispatch for one object: it resolves names without regard
// to case and turns property access into member calls. It implements
// goja.DynamicObject.
type dispatch struct {
	rt   *goja.Runtime
	self *goja.Object
	cls  *class
	// recv is the Go value an object of a Class stands for, handed to the
	// class's member functions (nil for NewObject's objects).
	recv    any
	methods methodCache // method values, made on first read so that req.Open === req.open
	opts    ObjectOptions
	toStr   goja.Value

	// For a Class's objects, what their method values share in the
	// runtime (methods.go), and the traps of those values, made at the
	// first method read and kept in place: one allocation fewer per
	// object than a config of their own.
	set   *methodSet
	traps goja.ProxyTrapConfig
}

// class is a member table with its case-insensitive index. A Class shares
// one among all its objects; NewObject builds one per object, whose
// functions ignore the receiver (theirs are bound).
type class struct {
	members []recvMember
	index   map[string]int // lower-cased and declared name → position in members
	// names holds the members' names as script values, made once (on the
	// first method read): a string value belongs to no runtime, so every
	// object of every runtime sharing the class shares them.
	namesOnce sync.Once
	names     []goja.Value
	events    func(recv any, sink EventSink)
	inspect   func(recv any) string
}

// recvMember is one member: Member's functions with the object's receiver
// as an argument instead of bound in a closure per object.
type recvMember struct {
	name   string
	method func(recv any, call goja.FunctionCall) goja.Value
	get    func(recv any) goja.Value
	set    func(recv any, v goja.Value)
	put    func(recv any, args []goja.Value, v goja.Value)
}

// buildIndex fills c.index from c.members.
func (c *class) buildIndex() {
	c.index = make(map[string]int, len(c.members))
	for i, m := range c.members {
		c.index[strings.ToLower(m.name)] = i
	}
	for i, m := range c.members {
		// Scripts almost always spell members as declared ("Open",
		// "ResponseText"): the exact name is found without the
		// allocation strings.ToLower makes for a name with capitals.
		if _, ok := c.index[m.name]; !ok {
			c.index[m.name] = i
		}
	}
}

// ownDispatch is the dispatch of a NewObject object with the member table
// it owns; a Class's objects share theirs and carry no such table.
type ownDispatch struct {
	dispatch
	own class
}

func newDispatch(rt *goja.Runtime, members []Member, opts ObjectOptions) *dispatch {
	o := &ownDispatch{dispatch: dispatch{rt: rt, opts: opts}}
	d, c := &o.dispatch, &o.own
	c.members = make([]recvMember, len(members))
	for i, m := range members {
		c.members[i] = boundMember(m)
	}
	c.buildIndex()
	if f := opts.Events; f != nil {
		c.events = func(_ any, sink EventSink) { f(sink) }
	}
	if f := opts.Inspect; f != nil {
		c.inspect = func(any) string { return f() }
	}
	d.cls = c
	return d
}

// boundMember is m in the table's shape; its functions are bound to their
// object already, so the receiver is ignored.
func boundMember(m Member) recvMember {
	r := recvMember{name: m.Name}
	if f := m.Method; f != nil {
		r.method = func(_ any, call goja.FunctionCall) goja.Value { return f(call) }
	}
	if f := m.Get; f != nil {
		r.get = func(any) goja.Value { return f() }
	}
	if f := m.Set; f != nil {
		r.set = func(_ any, v goja.Value) { f(v) }
	}
	if f := m.Put; f != nil {
		r.put = func(_ any, args []goja.Value, v goja.Value) { f(args, v) }
	}
	return r
}

// inspect returns the object's summary; ok is false when it has none.
func (d *dispatch) inspect() (string, bool) {
	if d.cls.inspect == nil {
		return "", false
	}
	return d.cls.inspect(d.recv), true
}

// setEvents hands sink to the object; false when it has no events.
func (d *dispatch) setEvents(sink EventSink) bool {
	if d.cls.events == nil {
		return false
	}
	d.cls.events(d.recv, sink)
	return true
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
	if i, ok := d.cls.index[name]; ok {
		return i, true
	}
	i, ok := d.cls.index[strings.ToLower(name)]
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
		if m := &d.cls.members[i]; m.get != nil {
			v := m.get(d.recv)
			if v == nil {
				return goja.Undefined()
			}
			return v
		}
		if d.cls.members[i].method != nil {
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
	m := &d.cls.members[i]
	name := m.name
	switch {
	case m.set != nil:
		m.set(d.recv, v)
	case m.get != nil:
		ThrowDetail(d.rt, HRInvalidAssignment, MsgInvalidAssignment, SourceJScript, name+" of "+d.label()+" is read-only")
	default:
		ThrowDetail(d.rt, HRUnsupportedMember, MsgUnsupportedMember, SourceJScript, name+" of "+d.label()+" is a method and cannot be assigned")
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
	keys := make([]string, len(d.cls.members))
	for i, m := range d.cls.members {
		keys[i] = m.name
	}
	return keys
}

// method returns member i's value, the same on every read.
func (d *dispatch) method(i int) goja.Value {
	if v := d.methods.get(i); v != nil {
		return v
	}
	var v goja.Value
	if d.set != nil {
		// A Class's object (ClassIn.Init): a proxy over the runtime's
		// function for the member. NewObject's objects make their own.
		v = d.methodProxy(i)
	} else {
		v = d.methodFunc(i)
	}
	d.methods.put(i, v, len(d.cls.members))
	return v
}

// nameValue returns member i's name as a script value.
func (d *dispatch) nameValue(i int) goja.Value {
	c := d.cls
	c.namesOnce.Do(func() {
		c.names = make([]goja.Value, len(c.members))
		for j, m := range c.members {
			c.names[j] = d.rt.ToValue(m.name)
		}
	})
	return c.names[i]
}

func (d *dispatch) toStringFunc() goja.Value {
	if d.toStr == nil {
		d.toStr = d.rt.ToValue(func(goja.FunctionCall) goja.Value {
			if s, ok := d.inspect(); ok {
				return d.rt.ToValue(s)
			}
			if d.opts.Source != "" {
				return d.rt.ToValue("[object " + d.opts.Source + "]")
			}
			return d.rt.ToValue("[object Object]")
		})
	}
	return d.toStr
}
