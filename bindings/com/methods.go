package com

import "github.com/dop251/goja"

// Method values of a Class's objects.
//
// A method read as a value must act on its object wherever it is called
// (`var f = req.Open; f(…)`, as a COM method reference does), be the same
// value on every read (req.Open === req.open) and differ between objects.
// So every object needs a function of its own for each method read, and a
// new object per request reads at least Open and Send. A goja native
// function costs about nine allocations (its object, property map and
// names, its "name" and "length"); a Proxy costs four. A Class's method
// value is therefore a Proxy over a function made once per runtime and
// member, which gives it its name, length and prototype, with an apply
// trap bound to the object. NewObject's members are bound closures of
// their own object, so its objects keep plain functions (methodFunc).
//
// What a script can tell: String(req.Open) is "function () { [native
// code] }" (goja prints every function proxy so; a plain function printed
// its name), and a method value takes no properties (readOnlyTraps).
// typeof, name, length, prototype, call, apply and bind are a function's.

// methodSet holds a Class's proxy targets in one runtime (its ClassIn):
// the named functions its objects' method values stand over, made on first
// read.
type methodSet struct {
	targets []*goja.Object // by member index
}

// target returns member i's function in d's runtime, made on first use.
func (s *methodSet) target(d *dispatch, i int) *goja.Object {
	if t := s.targets[i]; t != nil {
		return t
	}
	t := d.rt.ToValue(methodTarget).(*goja.Object)
	_ = t.DefineDataProperty("name", d.nameValue(i), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	s.targets[i] = t
	return t
}

// index returns the member whose target t is.
func (s *methodSet) index(t *goja.Object) int {
	for i, x := range s.targets {
		if x == t {
			return i
		}
	}
	panic("com: a method proxy over a function of another method set")
}

// methodTarget is the body of every target. It never runs: a method
// value's apply trap answers every call.
func methodTarget(goja.FunctionCall) goja.Value { return goja.Undefined() }

// methodProxy makes member i's value for an object of a Class.
func (d *dispatch) methodProxy(i int) goja.Value {
	if d.traps.Apply == nil {
		// The first method read of the object: one closure serves all its
		// method values, which tell the member by the target.
		d.traps = readOnlyTraps
		d.traps.Apply = func(target *goja.Object, this goja.Value, args []goja.Value) goja.Value {
			return d.invoke(d.set.index(target), goja.FunctionCall{This: this, Arguments: args})
		}
	}
	return d.rt.ToValue(d.rt.NewProxy(d.set.target(d, i), &d.traps))
}

// readOnlyTraps refuse every change to a method value: the target is
// shared by the member's values of all objects in the runtime, and a
// property set on one must not appear on the others. Writes are ignored
// (a TypeError in strict code), as on a frozen function.
var readOnlyTraps = goja.ProxyTrapConfig{
	SetPrototypeOf:    func(*goja.Object, *goja.Object) bool { return false },
	PreventExtensions: func(*goja.Object) bool { return false },
	DefineProperty:    func(*goja.Object, string, goja.PropertyDescriptor) bool { return false },
	DefinePropertyIdx: func(*goja.Object, int, goja.PropertyDescriptor) bool { return false },
	DefinePropertySym: func(*goja.Object, *goja.Symbol, goja.PropertyDescriptor) bool { return false },
	Set:               func(*goja.Object, string, goja.Value, goja.Value) bool { return false },
	SetIdx:            func(*goja.Object, int, goja.Value, goja.Value) bool { return false },
	SetSym:            func(*goja.Object, *goja.Symbol, goja.Value, goja.Value) bool { return false },
	DeleteProperty:    func(*goja.Object, string) bool { return false },
	DeletePropertyIdx: func(*goja.Object, int) bool { return false },
	DeletePropertySym: func(*goja.Object, *goja.Symbol) bool { return false },
}

// methodFunc makes member i's value for an object of NewObject: a function
// bound to the object rather than reading `this`, so that
// `var f = obj.Open; f(…)` works as a COM method reference does.
func (d *dispatch) methodFunc(i int) goja.Value {
	f := d.rt.ToValue(func(call goja.FunctionCall) goja.Value {
		return d.invoke(i, call)
	})
	if fo, ok := f.(*goja.Object); ok {
		_ = fo.DefineDataProperty("name", d.nameValue(i), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	return f
}

// invoke calls member i with call, or starts an assignment to it when the
// script loader's rewrite passed PutMarker last.
func (d *dispatch) invoke(i int, call goja.FunctionCall) goja.Value {
	if n := len(call.Arguments); n > 0 && isPutMarker(call.Arguments[n-1]) {
		return d.putter(i, call.Arguments[:n-1])
	}
	v := d.cls.members[i].method(d.recv, call)
	if v == nil {
		return goja.Undefined()
	}
	return v
}

// methodCache holds the method values an object has handed out, so that
// every read of a member gives the same value. Scripts read a few methods
// of an object (Open, Send, SetRequestHeader): those fit in place, without
// a table as long as the class.
type methodCache struct {
	few [4]cachedMethod
	all []goja.Value // by member index, once more than len(few) were read
}

type cachedMethod struct {
	i1 int // member index + 1; 0 marks a free slot
	v  goja.Value
}

// get returns member i's value, nil when not read yet.
func (c *methodCache) get(i int) goja.Value {
	if c.all != nil {
		return c.all[i]
	}
	for _, m := range c.few {
		if m.i1 == i+1 {
			return m.v
		}
	}
	return nil
}

// put keeps v as member i's value, in a table of n members once the
// slots are full.
func (c *methodCache) put(i int, v goja.Value, n int) {
	if c.all == nil {
		for k := range c.few {
			if c.few[k].i1 == 0 {
				c.few[k] = cachedMethod{i1: i + 1, v: v}
				return
			}
		}
		c.all = make([]goja.Value, n)
		for _, m := range c.few {
			c.all[m.i1-1] = m.v
		}
		c.few = [len(c.few)]cachedMethod{}
	}
	c.all[i] = v
}
