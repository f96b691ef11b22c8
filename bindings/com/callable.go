package com

import (
	"github.com/dop251/goja"
)

// dispatchKey names the property of a callable object's hidden function
// target that holds its dispatch. The proxy's traps answer every lookup,
// so scripts never see it.
const dispatchKey = "\x00winhttpjs.com.dispatch"

// newCallable wraps d in a Proxy over a function, the only way goja offers
// to make an object that is both callable and answers arbitrary names.
func newCallable(rt *goja.Runtime, d *dispatch) *goja.Object {
	target := rt.ToValue(func(call goja.FunctionCall) goja.Value {
		v := d.opts.Default(call)
		if v == nil {
			return goja.Undefined()
		}
		return v
	}).(*goja.Object)
	_ = target.DefineDataProperty(dispatchKey, rt.ToValue(d), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	p := rt.NewProxy(target, &goja.ProxyTrapConfig{
		Get: func(target *goja.Object, prop string, receiver goja.Value) goja.Value {
			if v := d.Get(prop); v != nil {
				return v
			}
			return target.Get(prop)
		},
		Set: func(_ *goja.Object, prop string, v goja.Value, _ goja.Value) bool {
			return d.Set(prop, v)
		},
		Has: func(target *goja.Object, prop string) bool {
			return d.Has(prop)
		},
		DeleteProperty: func(_ *goja.Object, prop string) bool {
			return d.Delete(prop)
		},
		DefineProperty: func(*goja.Object, string, goja.PropertyDescriptor) bool {
			return false
		},
		OwnKeys: func(*goja.Object) *goja.Object {
			keys := d.Keys()
			vals := make([]any, len(keys))
			for i, k := range keys {
				vals[i] = k
			}
			return rt.NewArray(vals...)
		},
		GetOwnPropertyDescriptor: func(_ *goja.Object, prop string) goja.PropertyDescriptor {
			if !d.Has(prop) {
				return goja.PropertyDescriptor{}
			}
			// The value is left out: reading it may run a getter that
			// throws (ResponseText before Send), and enumeration only needs
			// the flags.
			return goja.PropertyDescriptor{Value: goja.Undefined(), Writable: goja.FLAG_TRUE, Enumerable: goja.FLAG_TRUE, Configurable: goja.FLAG_TRUE}
		},
	})
	return rt.ToValue(p).(*goja.Object)
}

// dispatchOf finds the dispatch behind an object made by NewObject.
func dispatchOf(obj *goja.Object) *dispatch {
	if obj == nil {
		return nil
	}
	switch x := Export(obj).(type) {
	case *dispatch:
		return x
	case goja.Proxy:
		t := x.Target()
		if t == nil {
			return nil
		}
		if v := t.Get(dispatchKey); v != nil {
			d, _ := v.Export().(*dispatch)
			return d
		}
	}
	return nil
}
