package com_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
)

// fixture is a runtime with one COM-like object "o" whose members record
// what they were asked.
type fixture struct {
	rt     *goja.Runtime
	obj    *goja.Object
	calls  []string
	status int64
	sink   com.EventSink
	sinks  int
}

func newFixture(t *testing.T, callable bool) *fixture {
	t.Helper()
	f := &fixture{rt: goja.New(), status: 200}
	com.NewRegistry().Enable(f.rt)
	opts := com.ObjectOptions{
		Source:  "Test.Object",
		Inspect: func() string { return "Test object" },
		Events: func(s com.EventSink) {
			f.sink = s
			f.sinks++
		},
	}
	if callable {
		opts.Default = func(call goja.FunctionCall) goja.Value {
			return f.rt.ToValue("item " + call.Argument(0).String())
		}
	}
	f.obj = com.NewObject(f.rt, []com.Member{
		{Name: "Open", Method: func(call goja.FunctionCall) goja.Value {
			f.calls = append(f.calls, "Open "+call.Argument(0).String())
			return nil
		}},
		{Name: "Option", Method: func(call goja.FunctionCall) goja.Value {
			f.calls = append(f.calls, "get "+argList(call.Arguments))
			return f.rt.ToValue("value of " + call.Argument(0).String())
		}, Put: func(args []goja.Value, v goja.Value) {
			f.calls = append(f.calls, "put "+argList(args)+" = "+v.String())
		}},
		{Name: "Status", Get: func() goja.Value { return f.rt.ToValue(f.status) },
			Set: func(v goja.Value) { f.status = v.ToInteger() }},
		{Name: "ResponseText", Get: func() goja.Value { return f.rt.ToValue("text") }},
	}, opts)
	f.rt.Set("o", f.obj)
	return f
}

func argList(args []goja.Value) string {
	s := make([]string, len(args))
	for i, a := range args {
		s[i] = a.String()
	}
	return strings.Join(s, ",")
}

func run(t *testing.T, rt *goja.Runtime, src string) goja.Value {
	t.Helper()
	v, err := rt.RunString(src)
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	return v
}

// caught runs src, which must throw, and returns err.number, err.description.
func caught(t *testing.T, rt *goja.Runtime, src string) (int64, string) {
	t.Helper()
	v := run(t, rt, `(function(){ try { `+src+`; } catch (e) { return [e.number, e.description, e.message === e.description, e instanceof Error, e.name]; } return "no exception"; })()`)
	arr, ok := v.Export().([]any)
	if !ok {
		t.Fatalf("%s: %v", src, v)
	}
	if arr[2] != true || arr[3] != true || arr[4] != "Error" {
		t.Fatalf("%s: thrown value is not a JScript-style Error: %v", src, arr)
	}
	return arr[0].(int64), arr[1].(string)
}

func TestMembersIgnoreCase(t *testing.T) {
	for _, callable := range []bool{false, true} {
		f := newFixture(t, callable)
		run(t, f.rt, `o.Open("a"); o.open("b"); o.OPEN("c"); o.oPeN("d");`)
		if want := []string{"Open a", "Open b", "Open c", "Open d"}; !reflect.DeepEqual(f.calls, want) {
			t.Errorf("callable=%v: calls %q, want %q", callable, f.calls, want)
		}
		tests := []struct{ src, want string }{
			{`o.status`, "200"},
			{`o.STATUS = 404; o.Status`, "404"},
			{`o.open === o.Open`, "true"},
			{`typeof o.Open`, "function"},
			{`typeof o.responsetext`, "string"},
			{`"responseTEXT" in o`, "true"},
			{`"nothing" in o`, "false"},
			{`var f = o.Open; f("via reference"); "ok"`, "ok"},
			{`Object.keys(o).join()`, "Open,Option,Status,ResponseText"},
			{`var k = []; for (var n in o) k.push(n); k.join()`, "Open,Option,Status,ResponseText"},
			{`String(o)`, "Test object"},
			{`"" + o`, "Test object"},
			{`o.hasOwnProperty("Status")`, "true"},
		}
		for _, tt := range tests {
			if got := run(t, f.rt, tt.src).String(); got != tt.want {
				t.Errorf("callable=%v: %s = %q, want %q", callable, tt.src, got, tt.want)
			}
		}
		wantType := "object"
		if callable {
			wantType = "function"
			if got := run(t, f.rt, `o(3)`).String(); got != "item 3" {
				t.Errorf("o(3) = %q", got)
			}
		}
		if got := run(t, f.rt, `typeof o`).String(); got != wantType {
			t.Errorf("typeof o = %q, want %q", got, wantType)
		}
	}
}

func TestMemberErrors(t *testing.T) {
	tests := []struct {
		name, src string
		number    int64
		desc      string
	}{
		{"read unknown", `o.Nothing`, -2146827850, "Object doesn't support this property or method"},
		{"call unknown", `o.nothing()`, -2146827850, "Object doesn't support this property or method"},
		{"write unknown", `o.Nothing = 1`, -2146827850, "Object doesn't support this property or method"},
		{"write method", `o.Open = 1`, -2146827850, "Object doesn't support this property or method"},
		{"write read-only", `o.ResponseText = "x"`, -2146827838, "Wrong number of arguments or invalid property assignment"},
		{"put non-parameterized", `o.Open(1, __winhttpjs_propput__).value = 2`, -2146827838, "Wrong number of arguments or invalid property assignment"},
	}
	for _, callable := range []bool{false, true} {
		for _, tt := range tests {
			f := newFixture(t, callable)
			n, d := caught(t, f.rt, tt.src)
			if n != tt.number || d != tt.desc {
				t.Errorf("callable=%v %s: got %d %q, want %d %q", callable, tt.name, n, d, tt.number, tt.desc)
			}
		}
	}
}

func TestParameterizedPut(t *testing.T) {
	tests := []struct {
		src   string
		calls []string
		value string
	}{
		{`o.Option(4, __winhttpjs_propput__).value = 13056`, []string{"put 4 = 13056"}, "13056"},
		{`o.option(6, __winhttpjs_propput__).value = false`, []string{"put 6 = false"}, "false"},
		{`o.Option(4, 13056)`, []string{"get 4,13056"}, "value of 4"},
		{`o.Option(4)`, []string{"get 4"}, "value of 4"},
		{`o.Option(1, __winhttpjs_propput__).value += "!"`, []string{"get 1", "put 1 = value of 1!"}, "value of 1!"},
	}
	for _, tt := range tests {
		f := newFixture(t, false)
		got := run(t, f.rt, tt.src).String()
		if got != tt.value || !reflect.DeepEqual(f.calls, tt.calls) {
			t.Errorf("%s: value %q calls %q, want %q %q", tt.src, got, f.calls, tt.value, tt.calls)
		}
	}
	// The marker is fixed: a script cannot replace it.
	f := newFixture(t, false)
	run(t, f.rt, `__winhttpjs_propput__ = 1; o.Option(2, __winhttpjs_propput__).value = 3`)
	if want := []string{"put 2 = 3"}; !reflect.DeepEqual(f.calls, want) {
		t.Errorf("after reassigning the marker: calls %q, want %q", f.calls, want)
	}
	// A look-alike object is not the marker.
	f = newFixture(t, false)
	run(t, f.rt, `o.Option(2, {}).value`)
	if want := []string{"get 2,[object Object]"}; !reflect.DeepEqual(f.calls, want) {
		t.Errorf("with a look-alike marker: calls %q, want %q", f.calls, want)
	}
}

func TestEventSinkAndIntrospection(t *testing.T) {
	f := newFixture(t, false)
	var got []string
	sink := com.EventFunc(func(ev string, args []goja.Value) { got = append(got, ev) })
	if !com.SetEventSink(f.obj, sink) || f.sink == nil || f.sinks != 1 {
		t.Fatalf("SetEventSink did not reach Events")
	}
	f.sink.Fire("OnTest", nil)
	if !reflect.DeepEqual(got, []string{"OnTest"}) {
		t.Errorf("sink got %q", got)
	}
	if !f.sink.Handles("OnAnything") {
		t.Errorf("an EventFunc should report every event as handled")
	}
	if !com.SetEventSink(f.obj, nil) || f.sink != nil {
		t.Errorf("detaching did not reach Events")
	}
	plain := com.NewObject(f.rt, []com.Member{{Name: "X", Get: func() goja.Value { return nil }}}, com.ObjectOptions{})
	if com.SetEventSink(plain, sink) {
		t.Errorf("SetEventSink on an object without events reported true")
	}
	if com.SetEventSink(f.rt.NewObject(), sink) {
		t.Errorf("SetEventSink on a plain object reported true")
	}
	if c := com.Canonical(f.obj); !reflect.DeepEqual(c, []string{"Open", "Option", "Status", "ResponseText"}) {
		t.Errorf("Canonical = %q", c)
	}
	if c := com.Canonical(f.rt.NewObject()); c != nil {
		t.Errorf("Canonical(plain) = %q", c)
	}
	if s, ok := com.Inspect(f.obj); !ok || s != "Test object" {
		t.Errorf("Inspect = %q %v", s, ok)
	}
	f.rt.Set("plain", plain)
	if v := run(t, f.rt, `String(plain) + "|" + plain.X`).String(); v != "[object Object]|undefined" {
		t.Errorf("plain object: %q", v)
	}
	if _, ok := com.NativeOf(f.obj); ok {
		t.Errorf("NativeOf reported a native value that was not given")
	}
	native := &struct{ n int }{7}
	withNative := com.NewObject(f.rt, nil, com.ObjectOptions{Native: native})
	if n, ok := com.NativeOf(withNative); !ok || n != native {
		t.Errorf("NativeOf = %v %v", n, ok)
	}
	g := newFixture(t, true)
	if c := com.Canonical(g.obj); len(c) != 4 || !com.IsObject(g.obj) {
		t.Errorf("Canonical(callable) = %q", c)
	}
}

func TestErrors(t *testing.T) {
	rt := goja.New()
	e := com.NewError(rt, 0x80072EFD, "A connection with the server could not be established", "WinHttp.WinHttpRequest")
	rt.Set("e", e)
	tests := []struct{ src, want string }{
		{`e instanceof Error`, "true"},
		{`e instanceof TypeError`, "false"},
		{`e.name`, "Error"},
		{`e.number`, "-2147012867"},
		{`e.number & 0xFFFF`, "12029"},
		{`e.number >>> 0`, "2147954429"},
		{`e.description`, "A connection with the server could not be established"},
		{`e.message`, "A connection with the server could not be established"},
		{`String(e)`, "Error: A connection with the server could not be established"},
		{`typeof e.stack`, "string"},
		{`Object.keys(e).length`, "0"},
	}
	for _, tt := range tests {
		if got := run(t, rt, tt.src).String(); got != tt.want {
			t.Errorf("%s = %q, want %q", tt.src, got, tt.want)
		}
	}
	hr, src, ok := com.ErrorInfo(e)
	if !ok || hr != 0x80072EFD || src != "WinHttp.WinHttpRequest" {
		t.Errorf("ErrorInfo = %#x %q %v", hr, src, ok)
	}
	if _, _, ok := com.ErrorInfo(run(t, rt, `new Error("x")`)); ok {
		t.Errorf("ErrorInfo of a script Error reported ok")
	}
	if _, _, ok := com.ErrorInfo(rt.ToValue(3)); ok {
		t.Errorf("ErrorInfo of a number reported ok")
	}

	rt.Set("boom", func() { com.Throw(rt, 0x80070057, "The parameter is incorrect", "Src") })
	v := run(t, rt, `try { boom(); "no" } catch (x) { x.number + " " + x.description }`)
	if v.String() != "-2147024809 The parameter is incorrect" {
		t.Errorf("thrown: %q", v)
	}
	_, err := rt.RunString(`boom()`)
	var ex *goja.Exception
	if !errors.As(err, &ex) {
		t.Fatalf("uncaught: %v", err)
	}
	if hr, src, ok := com.ErrorInfo(ex.Value()); !ok || hr != 0x80070057 || src != "Src" {
		t.Errorf("ErrorInfo(uncaught) = %#x %q %v", hr, src, ok)
	}
	d := com.NewErrorDetail(rt, 0x800A01B6, "Object doesn't support this property or method", "S", "member Foo")
	if com.ErrorDetail(d) != "member Foo" || com.ErrorDetail(e) != "" {
		t.Errorf("ErrorDetail = %q / %q", com.ErrorDetail(d), com.ErrorDetail(e))
	}
}

func TestRegistry(t *testing.T) {
	rt := goja.New()
	reg := com.NewRegistry()
	made := 0
	reg.Register("Test.Thing.1", func(rt *goja.Runtime) (*goja.Object, error) {
		made++
		return com.NewObject(rt, []com.Member{{Name: "Kind", Get: func() goja.Value { return rt.ToValue("thing") }}}, com.ObjectOptions{}), nil
	})
	reg.Register("Test.Broken", func(*goja.Runtime) (*goja.Object, error) { return nil, errors.New("no disk") })
	reg.Enable(rt)
	tests := []struct{ src, want string }{
		{`new ActiveXObject("Test.Thing.1").Kind`, "thing"},
		{`new ActiveXObject("test.thing.1").kind`, "thing"},
		{`ActiveXObject("TEST.THING.1").Kind`, "thing"},
		{`typeof ActiveXObject`, "function"},
	}
	for _, tt := range tests {
		if got := run(t, rt, tt.src).String(); got != tt.want {
			t.Errorf("%s = %q, want %q", tt.src, got, tt.want)
		}
	}
	if made != 3 {
		t.Errorf("factory ran %d times, want 3", made)
	}
	for _, src := range []string{`new ActiveXObject("No.Such.ProgID")`, `ActiveXObject("No.Such")`, `new ActiveXObject()`, `new ActiveXObject("Test.Broken")`} {
		n, d := caught(t, rt, src)
		if n != -2146827859 || d != "Automation server can't create object" {
			t.Errorf("%s: %d %q", src, n, d)
		}
	}
	if obj := reg.Create(rt, "TEST.thing.1"); obj == nil || obj.Get("Kind").String() != "thing" {
		t.Errorf("Create: %v", obj)
	}
	if _, ok := reg.Lookup("test.THING.1"); !ok {
		t.Errorf("Lookup failed")
	}
}
