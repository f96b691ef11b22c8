package com_test

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
)

// wideRecv is the Go value behind each object of wideClass, whose six
// methods (more than an object keeps in place before it makes a table)
// record which object they ran on.
type wideRecv struct {
	name  string
	calls *[]string
}

func wideMethod(m string) func(*wideRecv, goja.FunctionCall) goja.Value {
	return func(r *wideRecv, call goja.FunctionCall) goja.Value {
		*r.calls = append(*r.calls, r.name+"."+m+"("+argList(call.Arguments)+")")
		return nil
	}
}

var wideClass = com.NewClass([]com.Def[*wideRecv]{
	{Name: "M0", Method: wideMethod("M0")},
	{Name: "M1", Method: wideMethod("M1")},
	{Name: "M2", Method: wideMethod("M2")},
	{Name: "M3", Method: wideMethod("M3")},
	{Name: "M4", Method: wideMethod("M4")},
	{Name: "M5", Method: wideMethod("M5")},
	{Name: "Name", Get: func(r *wideRecv) goja.Value { return goja.Undefined() }},
}, com.ClassOptions[*wideRecv]{Source: "Test.Wide"})

// newWide returns a runtime whose make(name) creates an object of
// wideClass, and the list its methods append to.
func newWide(t *testing.T) (*goja.Runtime, *[]string) {
	t.Helper()
	rt := goja.New()
	com.NewRegistry().Enable(rt)
	calls := &[]string{}
	in := wideClass.In(rt)
	rt.Set("make", func(name string) *goja.Object {
		return in.New(&wideRecv{name: name, calls: calls})
	})
	return rt, calls
}

// A method value taken from one object acts on that object wherever it is
// called, whatever objects are made or collected in between, and every
// read of a member gives the same value, before and after the object has
// read more methods than it keeps in place.
func TestClassMethodValuesStayBound(t *testing.T) {
	rt, calls := newWide(t)
	run(t, rt, `var a = make("a"), fa = a.M0, ga = a.m1;
		var b = make("b"), fb = b.M0;`)
	runtime.GC() // may collect the runtime's shared method targets; a and b hold theirs
	run(t, rt, `for (var i = 0; i < 50; i++) make("x" + i).M0;`)
	runtime.GC()
	got := run(t, rt, `fa(1); fb(2); ga.call(b, 3); fa.apply(null, [4]);
		var c = make("c"); c.M0(5); fa(6);
		var same = [a.M0 === fa, a.m0 === a.M0, a.M1 === ga, b.M0 === fb, a.M0 !== b.M0, a.M0 !== c.M0];
		var before = [a.M0, a.M1, a.M2, a.M3, a.M4, a.M5];  // a sixth read makes the table
		var after = [a.m0, a.m1, a.m2, a.m3, a.m4, a.m5];
		for (var i = 0; i < 6; i++) { same.push(before[i] === after[i]); after[i](i); }
		same.join()`).String()
	if want := strings.Repeat("true,", 11) + "true"; got != want {
		t.Errorf("identities: %s", got)
	}
	want := []string{"a.M0(1)", "b.M0(2)", "a.M1(3)", "a.M0(4)", "c.M0(5)", "a.M0(6)",
		"a.M0(0)", "a.M1(1)", "a.M2(2)", "a.M3(3)", "a.M4(4)", "a.M5(5)"}
	if fmt.Sprint(*calls) != fmt.Sprint(want) {
		t.Errorf("calls\n got %q\nwant %q", *calls, want)
	}
}

// A method value looks like a function and cannot be changed: its
// target is shared by the member's values of every object in the runtime,
// so a change to one must not show on another.
func TestClassMethodValueShape(t *testing.T) {
	rt, calls := newWide(t)
	got := run(t, rt, `var a = make("a"), b = make("b");
		a.M0.x = 1; a.M0[0] = 2; delete a.M0.name;
		try { Object.defineProperty(a.M0, "y", {value: 1}); } catch (e) {}
		try { Object.setPrototypeOf(a.M0, null); } catch (e) {}
		[typeof a.M0, a.M0.name, a.M0.length, a.M2.name, a.M0 instanceof Function,
		 a.M0.x, b.M0.x, a.M0[0], b.M0.name, Object.getOwnPropertyNames(b.M0).sort().join("+"),
		 (function(){ "use strict"; try { b.M0.z = 1; return "set"; } catch (e) { return e instanceof TypeError; } })(),
		 (function(){ try { new a.M0(); return "made"; } catch (e) { return e instanceof TypeError; } })()].join()`).String()
	if want := "function,M0,0,M2,true,,,,M0,length+name,true,true"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if len(*calls) != 0 {
		t.Errorf("a method ran: %q", *calls)
	}
}

// Assignments to a parameterized property go through a method value as
// they do through the member (the script loader's rewrite).
func TestClassMethodValuePut(t *testing.T) {
	rt, _, r := newClassFixture(t)
	run(t, rt, `var opt = o.Option; opt(4, __winhttpjs_propput__).value = 13056; opt(5)`)
	if want := []string{"put 4 = 13056", "get 5"}; fmt.Sprint(r.calls) != fmt.Sprint(want) {
		t.Errorf("calls %q, want %q", r.calls, want)
	}
}

// Objects of one Class in runtimes on different goroutines keep their
// methods apart (run with -race).
func TestClassMethodsAcrossRuntimes(t *testing.T) {
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rt := goja.New()
			var calls []string
			in := wideClass.In(rt)
			rt.Set("make", func(name string) *goja.Object {
				return in.New(&wideRecv{name: name, calls: &calls})
			})
			if _, err := rt.RunString(`for (var i = 0; i < 200; i++) { var o = make("o" + i); var f = o.M3; o.M1(i); f(i); }`); err != nil {
				t.Error(err)
				return
			}
			for i := range 200 {
				if calls[2*i] != fmt.Sprintf("o%d.M1(%d)", i, i) || calls[2*i+1] != fmt.Sprintf("o%d.M3(%d)", i, i) {
					t.Errorf("runtime %d: calls %q", g, calls[2*i:2*i+2])
					return
				}
			}
		}()
	}
	wg.Wait()
}

// Reading two methods of a new object costs the object one closure and
// each method value a Proxy (four allocations), not a function of its own
// (nine).
func TestClassMethodReadAllocations(t *testing.T) {
	rt, _ := newWide(t)
	r := &wideRecv{name: "x", calls: new([]string)}
	in := wideClass.In(rt)
	in.New(r).Get("M0") // the runtime's targets
	n := testing.AllocsPerRun(200, func() {
		o := in.New(r)
		o.Get("M0")
		o.Get("M1")
		o.Get("M0")
	})
	// New's own 3 (TestClassNewAllocations) + 1 + 2 × 4.
	if n > 12 {
		t.Errorf("a new object and two method reads: %.0f allocations, want at most 12", n)
	}
}

// Init keeps an object's state in the caller's Instance, which serves one
// object only.
func TestClassInit(t *testing.T) {
	type holder struct {
		classRecv
		in com.Instance
	}
	rt := goja.New()
	h := &holder{classRecv: classRecv{rt: rt, status: 204}}
	in := testClass.In(rt)
	o := in.Init(&h.in, &h.classRecv)
	rt.Set("o", o)
	if got := run(t, rt, `o.Open("x"); var f = o.open; f("y"); o.Status + " " + (o.Open === f)`).String(); got != "204 true" {
		t.Errorf("got %q", got)
	}
	if fmt.Sprint(h.calls) != fmt.Sprint([]string{"Open x", "Open y"}) {
		t.Errorf("calls %q", h.calls)
	}
	if n := testing.AllocsPerRun(100, func() { in.Init(new(com.Instance), &h.classRecv) }); n > 3 {
		t.Errorf("Init: %.0f allocations (with the Instance), want at most 3", n)
	}
	defer func() {
		if recover() == nil {
			t.Error("a second Init on one Instance did not panic")
		}
	}()
	in.Init(&h.in, &h.classRecv)
}
