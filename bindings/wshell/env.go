package wshell

import (
	"sort"
	"strings"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/bindings/comarg"
)

// envStore is one of the four environments a WshEnvironment shows.
type envStore interface {
	get(name string) (string, bool)
	set(name, value string)
	remove(name string)
	list() []string // "NAME=value", sorted
}

// processEnv is the runtime's own environment (runtime.Options.Env), so
// that what the host set (HTTPBIN_URL) is visible and what the script sets
// reaches the programs it runs — and nothing else in the Go process.
type processEnv struct{ s *shell }

func (p processEnv) get(name string) (string, bool) { return p.s.sys.Getenv(name) }
func (p processEnv) set(name, value string)         { p.s.sys.Setenv(name, value) }
func (p processEnv) remove(name string)             { p.s.sys.Unsetenv(name) }
func (p processEnv) list() []string                 { return p.s.sys.Environ() }

// overlay holds what a script wrote to SYSTEM, USER or VOLATILE. There is
// no registry to keep those in, so each reads the runtime's environment
// with the script's changes on top; as on Windows, the changes do not reach
// the PROCESS environment. The runtime's shells share the overlays.
type overlay struct {
	vars map[string]string // by upper-case name
	del  map[string]bool   // removed names, upper-case
}

type overlayEnv struct {
	s *shell
	*overlay
}

func (o overlayEnv) get(name string) (string, bool) {
	k := strings.ToUpper(name)
	if o.del[k] {
		return "", false
	}
	if v, ok := o.vars[k]; ok {
		return v, true
	}
	return o.s.sys.Getenv(name)
}

func (o overlayEnv) set(name, value string) {
	k := strings.ToUpper(name)
	delete(o.del, k)
	o.vars[k] = value
}

func (o overlayEnv) remove(name string) {
	k := strings.ToUpper(name)
	delete(o.vars, k)
	o.del[k] = true
}

func (o overlayEnv) list() []string {
	merged := map[string]string{}
	for _, kv := range o.s.sys.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		if !o.del[strings.ToUpper(k)] {
			merged[k] = v
		}
	}
	for k, v := range o.vars {
		for mk := range merged {
			if strings.EqualFold(mk, k) {
				delete(merged, mk)
			}
		}
		merged[k] = v
	}
	out := make([]string, 0, len(merged))
	for k, v := range merged {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}

// environment is Environment([Type]): "SYSTEM" by default, as on Windows.
func (s *shell) environment(call goja.FunctionCall) goja.Value {
	typ := strings.ToUpper(comarg.New(s.rt, call, source, "Environment").OptString(0, "SYSTEM"))
	var store envStore
	switch typ {
	case "PROCESS":
		store = processEnv{s}
	case "SYSTEM", "USER", "VOLATILE":
		o := s.other[typ]
		if o == nil {
			o = &overlay{vars: map[string]string{}, del: map[string]bool{}}
			s.other[typ] = o
		}
		store = overlayEnv{s: s, overlay: o}
	default:
		com.ThrowDetail(s.rt, hrInvalidArg, "The parameter is incorrect.", source,
			"Environment: Type must be \"PROCESS\", \"SYSTEM\", \"USER\" or \"VOLATILE\", not "+typ)
	}
	return s.envObject(typ, store)
}

// envItems lets Enumerator list "NAME=value" strings.
type envItems struct {
	rt    *goja.Runtime
	store envStore
}

// Items implements vbarray.Itemser.
func (e envItems) Items() []goja.Value {
	var out []goja.Value
	for _, kv := range e.store.list() {
		out = append(out, e.rt.ToValue(kv))
	}
	return out
}

// envObject is a WshEnvironment: env("NAME") reads ("" when unset),
// env("NAME") = "value" writes, Remove deletes, Count and length count.
func (s *shell) envObject(typ string, store envStore) goja.Value {
	rt := s.rt
	get := func(name string) goja.Value {
		v, _ := store.get(name)
		return rt.ToValue(v)
	}
	item := func(call goja.FunctionCall) goja.Value {
		args, put := comarg.SplitPut(rt, call.Arguments)
		name := comarg.New(rt, goja.FunctionCall{Arguments: args}, source, "Environment.Item").String(0, "Name")
		if put {
			return comarg.PutTarget(rt, func() goja.Value { return get(name) }, func(v goja.Value) { store.set(name, comarg.Text(v)) })
		}
		return get(name)
	}
	count := func() goja.Value { return rt.ToValue(len(store.list())) }
	return com.NewObject(rt, []com.Member{
		{Name: "Item", Method: item, Put: func(args []goja.Value, v goja.Value) {
			name := comarg.New(rt, goja.FunctionCall{Arguments: args}, source, "Environment.Item").String(0, "Name")
			store.set(name, comarg.Text(v))
		}},
		{Name: "Count", Method: func(goja.FunctionCall) goja.Value { return count() }},
		{Name: "length", Get: count},
		{Name: "Remove", Method: func(call goja.FunctionCall) goja.Value {
			store.remove(comarg.New(rt, call, source, "Environment.Remove").String(0, "Name"))
			return nil
		}},
	}, com.ObjectOptions{
		Source:  "WshEnvironment",
		Default: item,
		Native:  envItems{rt: rt, store: store},
		Inspect: func() string { return "WshEnvironment (" + typ + ")" },
	})
}
