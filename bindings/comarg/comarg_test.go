package comarg_test

import (
	"testing"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/bindings/comarg"
)

func TestConversions(t *testing.T) {
	rt := goja.New()
	com.NewRegistry().Enable(rt)
	val := func(src string) goja.Value {
		v, err := rt.RunString(src)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	ints := []struct {
		src  string
		want int64
		ok   bool
	}{
		{`2`, 2, true}, {`2.5`, 2, true}, {`3.5`, 4, true}, {`"0x10"`, 16, true}, {`" 7 "`, 7, true},
		{`true`, -1, true}, {`false`, 0, true}, {`"x"`, 0, false}, {`null`, 0, false}, {`undefined`, 0, false}, {`NaN`, 0, false}, {`({})`, 0, false},
	}
	for _, tt := range ints {
		n, ok := comarg.ToInt(val(tt.src))
		if n != tt.want || ok != tt.ok {
			t.Errorf("ToInt(%s) = %d %v, want %d %v", tt.src, n, ok, tt.want, tt.ok)
		}
	}
	bools := []struct {
		src    string
		want   bool
		wantOK bool
	}{
		{`true`, true, true}, {`0`, false, true}, {`-1`, true, true}, {`"false"`, false, true}, {`"TRUE"`, true, true}, {`"1"`, true, true}, {`"yes"`, false, false}, {`null`, false, false},
	}
	for _, tt := range bools {
		b, ok := comarg.ToBool(val(tt.src))
		if b != tt.want || ok != tt.wantOK {
			t.Errorf("ToBool(%s) = %v %v, want %v %v", tt.src, b, ok, tt.want, tt.wantOK)
		}
	}
	texts := []struct{ src, want string }{
		{`undefined`, ""}, {`null`, "null"}, {`true`, "-1"}, {`false`, "0"}, {`42`, "42"}, {`0.1 + 0.2`, "0.3"}, {`1e21`, "1E+21"}, {`"s"`, "s"}, {`[1, 2]`, "1,2"},
	}
	for _, tt := range texts {
		if got := comarg.Text(val(tt.src)); got != tt.want {
			t.Errorf("Text(%s) = %q, want %q", tt.src, got, tt.want)
		}
	}
	for _, tt := range []struct {
		src string
		n   int
		put bool
	}{
		{`["a", __winhttpjs_propput__]`, 1, true}, {`["a", {}]`, 2, false}, {`[]`, 0, false},
	} {
		var args []goja.Value
		if err := rt.ExportTo(val(tt.src), &args); err != nil {
			t.Fatal(err)
		}
		rest, put := comarg.SplitPut(rt, args)
		if len(rest) != tt.n || put != tt.put {
			t.Errorf("SplitPut(%s) = %d %v, want %d %v", tt.src, len(rest), put, tt.n, tt.put)
		}
	}
	for _, tt := range []struct {
		src string
		n   int
		ok  bool
	}{
		{`new Uint8Array([1, 2])`, 2, true}, {`new ArrayBuffer(3)`, 3, true}, {`new DataView(new ArrayBuffer(4))`, 4, true}, {`"str"`, 0, false}, {`[1]`, 0, false},
	} {
		b, ok := comarg.Bytes(rt, val(tt.src))
		if len(b) != tt.n || ok != tt.ok {
			t.Errorf("Bytes(%s) = %d %v, want %d %v", tt.src, len(b), ok, tt.n, tt.ok)
		}
	}
}
