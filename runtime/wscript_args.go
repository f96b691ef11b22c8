package runtime

import (
	"math"
	"strings"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
)

// namedArg is a WSH named argument: "/name:value", or "/name" (no value).
type namedArg struct {
	name     string
	value    string
	hasValue bool
}

// parseNamed splits "/name:value" and "/name"; anything else is unnamed.
func parseNamed(arg string) (namedArg, bool) {
	if len(arg) < 2 || arg[0] != '/' || arg[1] == ':' {
		return namedArg{}, false
	}
	name, value, hasValue := strings.Cut(arg[1:], ":")
	return namedArg{name: name, value: value, hasValue: hasValue}, true
}

// newArguments builds WScript.Arguments: all arguments in order, callable
// (WScript.Arguments(0)), with Named and Unnamed views.
func (r *Runtime) newArguments(vm *goja.Runtime) *goja.Object {
	var unnamed []string
	var named []namedArg
	for _, a := range r.opts.Args {
		if n, ok := parseNamed(a); ok {
			named = append(named, n)
		} else {
			unnamed = append(unnamed, a)
		}
	}
	unnamedObj := newStringCollection(vm, "WScript.Arguments.Unnamed", unnamed, nil)
	namedObj := newNamedCollection(vm, named)
	return newStringCollection(vm, "WScript.Arguments", r.opts.Args, []com.Member{
		{Name: "Named", Get: func() goja.Value { return namedObj }},
		{Name: "Unnamed", Get: func() goja.Value { return unnamedObj }},
		// ShowUsage prints a .wsf file's <runtime> usage; plain scripts
		// have none.
		{Name: "ShowUsage", Method: func(goja.FunctionCall) goja.Value { return goja.Undefined() }},
	})
}

// newStringCollection builds a COM collection of strings: Item(i), the
// default member (coll(i)), Count() and length. An index out of range
// throws JScript error 9 "Subscript out of range".
func newStringCollection(vm *goja.Runtime, source string, items []string, extra []com.Member) *goja.Object {
	item := func(call goja.FunctionCall) goja.Value {
		f := call.Argument(0).ToFloat()
		if math.IsNaN(f) || f < 0 || f >= float64(len(items)) {
			com.Throw(vm, hrOutOfRange, "Subscript out of range", sourceJScript)
		}
		return vm.ToValue(items[int(f)])
	}
	members := append([]com.Member{
		{Name: "Item", Method: item},
		{Name: "Count", Method: func(goja.FunctionCall) goja.Value { return vm.ToValue(len(items)) }},
		{Name: "length", Get: func() goja.Value { return vm.ToValue(len(items)) }},
	}, extra...)
	return com.NewObject(vm, members, com.ObjectOptions{
		Source:  source,
		Default: item,
		Inspect: func() string { return source + " (" + strings.Join(items, " ") + ")" },
	})
}

// newNamedCollection builds WScript.Arguments.Named: Item(name) (also the
// default member), Exists(name), Count() and length. Names are matched
// without regard to case; a missing name, or a name given without a value,
// reads as undefined (an empty VARIANT).
func newNamedCollection(vm *goja.Runtime, named []namedArg) *goja.Object {
	find := func(name string) (namedArg, bool) {
		for _, n := range named {
			if strings.EqualFold(n.name, name) {
				return n, true
			}
		}
		return namedArg{}, false
	}
	item := func(call goja.FunctionCall) goja.Value {
		if n, ok := find(call.Argument(0).String()); ok && n.hasValue {
			return vm.ToValue(n.value)
		}
		return goja.Undefined()
	}
	distinct := func() int {
		seen := map[string]bool{}
		for _, n := range named {
			seen[strings.ToLower(n.name)] = true
		}
		return len(seen)
	}
	return com.NewObject(vm, []com.Member{
		{Name: "Item", Method: item},
		{Name: "Exists", Method: func(call goja.FunctionCall) goja.Value {
			_, ok := find(call.Argument(0).String())
			return vm.ToValue(ok)
		}},
		{Name: "Count", Method: func(goja.FunctionCall) goja.Value { return vm.ToValue(distinct()) }},
		{Name: "length", Get: func() goja.Value { return vm.ToValue(distinct()) }},
	}, com.ObjectOptions{Source: "WScript.Arguments.Named", Default: item})
}
