package com

import "github.com/dop251/goja"

// Def is one member of the objects of a Class: a Member whose functions
// take the object's Go value instead of being bound to it, so that method
// expressions ((*request).open) serve every object and creating one makes
// no closure per member. Set exactly one of Method or Get (with optional
// Set and Put), as for Member.
type Def[T any] struct {
	Name   string
	Method func(recv T, call goja.FunctionCall) goja.Value
	Get    func(recv T) goja.Value
	Set    func(recv T, v goja.Value)
	Put    func(recv T, args []goja.Value, v goja.Value)
}

// ClassOptions are the optional parts of a Class's objects; they mean what
// the ObjectOptions fields of the same names mean, with the object's Go
// value as an argument.
type ClassOptions[T any] struct {
	Source  string
	Events  func(recv T, sink EventSink)
	Inspect func(recv T) string
}

// Class describes one kind of COM-like object whose objects are Go values
// of type T. Its member table and case-insensitive index are built once
// and shared by all its objects, so that New costs a few allocations
// rather than one per member. It is safe for concurrent use (one Class may
// serve many runtimes): it is never changed after NewClass.
type Class[T any] struct {
	c      class
	source string
}

// NewClass builds the member table of defs.
func NewClass[T any](defs []Def[T], opts ClassOptions[T]) *Class[T] {
	k := &Class[T]{source: opts.Source}
	c := &k.c
	c.members = make([]recvMember, len(defs))
	for i, d := range defs {
		c.members[i] = recvMemberOf(d)
	}
	c.buildIndex()
	if opts.Events != nil {
		events := opts.Events
		c.events = func(recv any, sink EventSink) { events(recv.(T), sink) }
	}
	if opts.Inspect != nil {
		inspect := opts.Inspect
		c.inspect = func(recv any) string { return inspect(recv.(T)) }
	}
	return k
}

// recvMemberOf turns d's typed functions into ones taking the receiver as
// an any, made once per class.
func recvMemberOf[T any](d Def[T]) recvMember {
	m := recvMember{name: d.Name}
	if f := d.Method; f != nil {
		m.method = func(recv any, call goja.FunctionCall) goja.Value { return f(recv.(T), call) }
	}
	if f := d.Get; f != nil {
		m.get = func(recv any) goja.Value { return f(recv.(T)) }
	}
	if f := d.Set; f != nil {
		m.set = func(recv any, v goja.Value) { f(recv.(T), v) }
	}
	if f := d.Put; f != nil {
		m.put = func(recv any, args []goja.Value, v goja.Value) { f(recv.(T), args, v) }
	}
	return m
}

// New returns an object of the class standing for recv in rt. It behaves
// as one made by NewObject with the same members and options: members are
// found case-insensitively, methods read as values are bound to the object
// (and the same value on every read), unknown members throw 438.
//
// Objects made by New share nothing with each other; a host making many
// objects in one runtime makes them through ClassIn (Class.In), which is
// cheaper per object.
func (k *Class[T]) New(rt *goja.Runtime, recv T) *goja.Object {
	return k.In(rt).New(recv)
}

// ClassIn is a Class in one runtime. The objects made through it share,
// for each method, the function their method values stand over
// (methods.go), so that reading a method of a new object costs a few
// allocations rather than a function of its own. A host keeps one per
// runtime (a factory's), used on that runtime's goroutine only.
type ClassIn[T any] struct {
	k   *Class[T]
	rt  *goja.Runtime
	set methodSet
}

// In returns k in rt.
func (k *Class[T]) In(rt *goja.Runtime) *ClassIn[T] {
	return &ClassIn[T]{k: k, rt: rt, set: methodSet{targets: make([]*goja.Object, len(k.c.members))}}
}

// Runtime is the runtime c makes objects in.
func (c *ClassIn[T]) Runtime() *goja.Runtime { return c.rt }

// New returns an object of the class standing for recv (see Class.New).
func (c *ClassIn[T]) New(recv T) *goja.Object {
	return c.Init(new(Instance), recv)
}

// Instance is the state of one object of a Class. A Go value that embeds
// one and passes it to Init saves the allocation New makes for it.
type Instance struct {
	d dispatch
}

// Init is New with the object's state kept in in, which the caller
// usually embeds in recv's value. in must be unused: one Instance serves
// one object.
func (c *ClassIn[T]) Init(in *Instance, recv T) *goja.Object {
	d := &in.d
	if d.rt != nil {
		panic("com: ClassIn.Init with an Instance already in use")
	}
	d.rt = c.rt
	d.cls = &c.k.c
	d.set = &c.set
	d.recv = recv
	d.opts = ObjectOptions{Source: c.k.source}
	d.self = c.rt.NewDynamicObject(d)
	return d.self
}
