package com_test

import (
	"reflect"
	"testing"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
)

// classRecv is the Go value behind each object of testClass; its methods
// do what newFixture's closures do.
type classRecv struct {
	rt     *goja.Runtime
	calls  []string
	status int64
	sink   com.EventSink
	sinks  int
}

func (r *classRecv) open(call goja.FunctionCall) goja.Value {
	r.calls = append(r.calls, "Open "+call.Argument(0).String())
	return nil
}

func (r *classRecv) option(call goja.FunctionCall) goja.Value {
	r.calls = append(r.calls, "get "+argList(call.Arguments))
	return r.rt.ToValue("value of " + call.Argument(0).String())
}

func (r *classRecv) putOption(args []goja.Value, v goja.Value) {
	r.calls = append(r.calls, "put "+argList(args)+" = "+v.String())
}

var testClass = com.NewClass([]com.Def[*classRecv]{
	{Name: "Open", Method: (*classRecv).open},
	{Name: "Option", Method: (*classRecv).option, Put: (*classRecv).putOption},
	{Name: "Status", Get: func(r *classRecv) goja.Value { return r.rt.ToValue(r.status) },
		Set: func(r *classRecv, v goja.Value) { r.status = v.ToInteger() }},
	{Name: "ResponseText", Get: func(r *classRecv) goja.Value { return r.rt.ToValue("text") }},
}, com.ClassOptions[*classRecv]{
	Source:  "Test.Object",
	Inspect: func(*classRecv) string { return "Test object" },
	Events: func(r *classRecv, s com.EventSink) {
		r.sink = s
		r.sinks++
	},
})

// newClassFixture is newFixture's object made by testClass.
func newClassFixture(t *testing.T) (*goja.Runtime, *goja.Object, *classRecv) {
	t.Helper()
	rt := goja.New()
	com.NewRegistry().Enable(rt)
	r := &classRecv{rt: rt, status: 200}
	obj := testClass.New(rt, r)
	rt.Set("o", obj)
	return rt, obj, r
}

// outcome runs src and describes its value or what it threw, so that two
// objects can be compared script by script.
func outcome(t *testing.T, rt *goja.Runtime, src string) string {
	t.Helper()
	return run(t, rt, `(function(){ try { return "value " + String((function(){ return `+src+` })()); }
		catch (e) { return "throws " + e.number + " " + e.description; } })()`).String()
}

// An object of a Class behaves as NewObject's object with the same
// members: every script below gives the same value, or throws the same
// error, and calls the same members.
func TestClassMatchesNewObject(t *testing.T) {
	scripts := []string{
		`o.Open("GET")`,
		`o.open("x"), o.OPEN("y")`,
		`o.Open === o.open && o.Open === o.Open`,
		`(function(){ var f = o.Open; f("unbound"); return typeof f + " " + f.name; })()`,
		`o.Status`,
		`(o.status = 404, o.Status)`,
		`(o.ResponseText = "x")`,
		`(o.Open = 1)`,
		`o.Missing`,
		`(o.Missing = 1)`,
		`o.Option(4)`,
		`(o.Option(4, __winhttpjs_propput__).value = 13056)`,
		`(o.Option(1, __winhttpjs_propput__).value += "!")`,
		`(o.Status(1, __winhttpjs_propput__))`,
		`(o.Open(1, __winhttpjs_propput__).value = 2)`,
		`String(o)`,
		`Object.keys(o).join()`,
		`"open" in o && "OPEN" in o && !("Missing" in o)`,
		`delete o.Open`,
		`delete o.Missing`,
		`typeof o + " " + typeof o.Status + " " + typeof o.Open`,
		`JSON.stringify(Object.prototype.hasOwnProperty.call(o, "Open"))`,
	}
	for _, src := range scripts {
		f := newFixture(t, false)
		want := outcome(t, f.rt, src)
		rt, _, r := newClassFixture(t)
		if got := outcome(t, rt, src); got != want {
			t.Errorf("%s: class object %q, NewObject's %q", src, got, want)
		}
		if !reflect.DeepEqual(r.calls, f.calls) {
			t.Errorf("%s: class object called %q, NewObject's %q", src, r.calls, f.calls)
		}
	}
}

// Objects of one Class share its table but not their state: each method
// value is bound to its own object, and events, inspection and the
// canonical names reach the right receiver.
func TestClassObjectsAreSeparate(t *testing.T) {
	rt, a, ra := newClassFixture(t)
	rb := &classRecv{rt: rt, status: 201}
	b := testClass.New(rt, rb)
	rt.Set("a", a)
	rt.Set("b", b)
	got := run(t, rt, `var fa = a.Open, fb = b.Open; fa("A"); fb("B"); b.Open("B2");
		(a.Open !== b.Open) + " " + a.Status + " " + b.Status`).String()
	if got != "true 200 201" {
		t.Errorf("got %q", got)
	}
	if !reflect.DeepEqual(ra.calls, []string{"Open A"}) || !reflect.DeepEqual(rb.calls, []string{"Open B", "Open B2"}) {
		t.Errorf("calls: a %q, b %q", ra.calls, rb.calls)
	}
	var events []string
	if !com.SetEventSink(b, com.EventFunc(func(ev string, _ []goja.Value) { events = append(events, ev) })) {
		t.Fatal("SetEventSink on a class object reported false")
	}
	if ra.sinks != 0 || rb.sinks != 1 || rb.sink == nil {
		t.Fatalf("the sink reached a (%d) / b (%d)", ra.sinks, rb.sinks)
	}
	rb.sink.Fire("OnTest", nil)
	if !reflect.DeepEqual(events, []string{"OnTest"}) {
		t.Errorf("events %q", events)
	}
	if s, ok := com.Inspect(a); !ok || s != "Test object" {
		t.Errorf("Inspect = %q %v", s, ok)
	}
	if c := com.Canonical(b); !reflect.DeepEqual(c, []string{"Open", "Option", "Status", "ResponseText"}) {
		t.Errorf("Canonical = %q", c)
	}
	if !com.IsObject(a) {
		t.Error("IsObject(class object) = false")
	}
	if _, ok := com.NativeOf(a); ok {
		t.Error("NativeOf reported a native value for a class object")
	}
	if n, d := caught(t, rt, `a.Nope`); n != -2146827850 || d == "" {
		t.Errorf("unknown member: %d %q", n, d)
	}
}

// Creating an object of a Class costs a few allocations, whatever the
// number of members: the table is not built again.
func TestClassNewAllocations(t *testing.T) {
	rt := goja.New()
	r := &classRecv{rt: rt}
	in := testClass.In(rt)
	if n := testing.AllocsPerRun(100, func() { in.New(r) }); n > 3 {
		t.Errorf("ClassIn.New: %.0f allocations, want at most 3", n)
	}
	// Class.New makes a ClassIn of its own each time.
	if n := testing.AllocsPerRun(100, func() { testClass.New(rt, r) }); n > 5 {
		t.Errorf("Class.New: %.0f allocations, want at most 5", n)
	}
}

// ProgIDs are found in any case, as registered or not, and Retain removes
// a class under every spelling.
func TestRegistryLookupSpellings(t *testing.T) {
	reg := com.NewRegistry()
	mk := func(name string) com.Factory {
		return func(rt *goja.Runtime) (*goja.Object, error) { return rt.ToValue(name).ToObject(rt), nil }
	}
	reg.Register("Test.Class.1", mk("one"))
	reg.Register("Other.Class", mk("other"))
	reg.Register("TEST.CLASS.1", mk("replaced"))
	rt := goja.New()
	for _, tt := range []struct {
		id   string
		want string // "" = not found
	}{
		{"Test.Class.1", "replaced"},
		{"test.class.1", "replaced"},
		{"TEST.CLASS.1", "replaced"},
		{"other.CLASS", "other"},
		{"Other.Class", "other"},
		{"Missing", ""},
	} {
		f, ok := reg.Lookup(tt.id)
		got := ""
		if ok {
			o, _ := f(rt)
			got = o.String()
		}
		if got != tt.want {
			t.Errorf("Lookup(%q) = %q, want %q", tt.id, got, tt.want)
		}
	}
	reg.Retain([]string{"OTHER.class"})
	for _, id := range []string{"Test.Class.1", "TEST.CLASS.1", "test.class.1"} {
		if _, ok := reg.Lookup(id); ok {
			t.Errorf("Lookup(%q) found a class Retain removed", id)
		}
	}
	if _, ok := reg.Lookup("Other.Class"); !ok {
		t.Error("Retain removed a kept class")
	}
}
