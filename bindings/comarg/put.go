package comarg

import (
	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
)

// SplitPut recognises the script loader's rewrite of an assignment to a
// call of a callable object's default member, `env("X") = v`, which
// arrives as env("X", PutMarker).value = v. It returns the arguments
// without the marker and whether the marker was there. (Named members
// get this from com.Member.Put; a Default function sees the raw call.)
func SplitPut(rt *goja.Runtime, args []goja.Value) ([]goja.Value, bool) {
	n := len(args)
	if n == 0 {
		return args, false
	}
	marker := rt.GlobalObject().Get(com.PutMarker)
	if marker == nil || goja.IsUndefined(marker) || !args[n-1].SameAs(marker) {
		return args, false
	}
	return args[:n-1], true
}

// PutTarget returns the object whose `value` accessor completes a
// rewritten default-member assignment: reading calls get, writing put.
func PutTarget(rt *goja.Runtime, get func() goja.Value, put func(v goja.Value)) goja.Value {
	o := rt.NewObject()
	getter := rt.ToValue(func(goja.FunctionCall) goja.Value { return get() })
	setter := rt.ToValue(func(call goja.FunctionCall) goja.Value {
		put(call.Argument(0))
		return goja.Undefined()
	})
	_ = o.DefineAccessorProperty("value", getter, setter, goja.FLAG_FALSE, goja.FLAG_TRUE)
	return o
}
