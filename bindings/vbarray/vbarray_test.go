package vbarray_test

import (
	"testing"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/bindings/vbarray"
)

type items []goja.Value

func (i items) Items() []goja.Value { return i }

func setup(t *testing.T) *goja.Runtime {
	rt := goja.New()
	com.NewRegistry().Enable(rt)
	vbarray.Install(rt)
	// A COM collection with Count as a method (WScript.Arguments' shape),
	// one with Count as a property, one enumerated through Itemser, and a
	// COM object that is no collection.
	list := []string{"x", "y"}
	item := func(call goja.FunctionCall) goja.Value { return rt.ToValue(list[call.Argument(0).ToInteger()]) }
	rt.Set("countMethod", com.NewObject(rt, []com.Member{
		{Name: "Item", Method: item},
		{Name: "Count", Method: func(goja.FunctionCall) goja.Value { return rt.ToValue(len(list)) }},
	}, com.ObjectOptions{}))
	rt.Set("countProperty", com.NewObject(rt, []com.Member{
		{Name: "Item", Method: item},
		{Name: "Count", Get: func() goja.Value { return rt.ToValue(len(list)) }},
	}, com.ObjectOptions{}))
	rt.Set("native", com.NewObject(rt, []com.Member{
		{Name: "Count", Get: func() goja.Value { return rt.ToValue(1) }},
	}, com.ObjectOptions{Native: items{rt.ToValue("only")}}))
	rt.Set("notCollection", com.NewObject(rt, []com.Member{{Name: "Name", Get: func() goja.Value { return rt.ToValue("n") }}}, com.ObjectOptions{}))
	return rt
}

func TestVBArrayAndEnumerator(t *testing.T) {
	rt := setup(t)
	tests := []struct{ src, want string }{
		{`var a = new VBArray(new Uint8Array([0, 127, 255])); [a.toArray().join(), a.lbound(), a.ubound(), a.ubound(1), a.getItem(2), a.dimensions()].join("|")`, "0,127,255|0|2|2|255|1"},
		{`var a = new VBArray(new Uint8Array([])); [a.toArray().length, a.ubound()].join()`, "0,-1"},
		{`new VBArray(new Uint8Array([7]).buffer).toArray()[0]`, "7"},
		{`new VBArray(new VBArray(new Uint8Array([3, 4]))).toArray().join()`, "3,4"},
		{`new VBArray([1, "a"]).toArray().join()`, "1,a"},
		{`Array.isArray(new VBArray(new Uint8Array([1])).toArray())`, "true"},
		{`var r = []; for (var e = new Enumerator([1, 2, 3]); !e.atEnd(); e.moveNext()) r.push(e.item()); r.join() + "|" + e.item()`, "1,2,3|undefined"},
		{`var e = new Enumerator(["a", "b"]); e.moveNext(); e.moveNext(); e.moveNext(); var end = e.atEnd(); e.moveFirst(); end + "," + e.item()`, "true,a"},
		{`var r = []; for (var e = new Enumerator(countMethod); !e.atEnd(); e.moveNext()) r.push(e.item()); r.join()`, "x,y"},
		{`var r = []; for (var e = new Enumerator(countProperty); !e.atEnd(); e.moveNext()) r.push(e.item()); r.join()`, "x,y"},
		{`new Enumerator(native).item()`, "only"},
		{`new Enumerator().atEnd()`, "true"},
		{`var r = []; for (var e = new Enumerator(new Uint8Array([5, 6])); !e.atEnd(); e.moveNext()) r.push(e.item()); r.join()`, "5,6"},
		{`var r = []; for (var e = new Enumerator({length: 2, 0: "p", 1: "q"}); !e.atEnd(); e.moveNext()) r.push(e.item()); r.join()`, "p,q"},
	}
	for _, tt := range tests {
		v, err := rt.RunString(tt.src)
		if err != nil {
			t.Errorf("%s: %v", tt.src, err)
			continue
		}
		if got := v.String(); got != tt.want {
			t.Errorf("%s = %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestErrors(t *testing.T) {
	rt := setup(t)
	tests := []struct {
		src  string
		num  int64
		desc string
	}{
		{`new VBArray("text")`, -2146823275, "VBArray expected"},
		{`new VBArray()`, -2146823275, "VBArray expected"},
		{`VBArray.prototype.toArray.call({})`, -2146823275, "VBArray expected"},
		{`new VBArray(new Uint8Array([1])).getItem(1)`, -2146828279, "Subscript out of range"},
		{`new VBArray(new Uint8Array([1])).getItem(-1)`, -2146828279, "Subscript out of range"},
		{`new VBArray(new Uint8Array([1])).ubound(2)`, -2146828279, "Subscript out of range"},
		{`new Enumerator(42)`, -2146827837, "Object not a collection"},
		{`new Enumerator({})`, -2146827837, "Object not a collection"},
		{`new Enumerator(notCollection)`, -2146827837, "Object not a collection"},
	}
	for _, tt := range tests {
		v, err := rt.RunString(`(function(){ try { ` + tt.src + `; } catch (e) { return [e.number, e.description]; } return "no exception"; })()`)
		if err != nil {
			t.Fatal(err)
		}
		arr, ok := v.Export().([]any)
		if !ok || arr[0] != tt.num || arr[1] != tt.desc {
			t.Errorf("%s: %v, want %d %q", tt.src, v.Export(), tt.num, tt.desc)
		}
	}
}
