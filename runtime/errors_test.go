package runtime

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/dop251/goja"
)

func TestErrorReports(t *testing.T) {
	tests := []struct {
		name, src, stderr string
	}{
		{"runtime error in a function",
			"var a = 1;\nfunction f(x) {\n\treturn x.y.z;\n}\nf({});\n",
			"t.js:3:13\n\treturn x.y.z;\n\t           ^\nTypeError: Cannot read property 'z' of undefined\n    at f (t.js:3:13)\n    at t.js:5:2\n"},
		{"syntax error",
			"var ok = 1;\nvar x = ;\n",
			"t.js:2:9\nvar x = ;\n        ^\nSyntaxError: Unexpected token ;\n"},
		{"early error from the compiler",
			"let a = 1; let a = 2;",
			"t.js:1:16\nlet a = 1; let a = 2;\n               ^\nSyntaxError: Identifier 'a' has already been declared\n"},
		{"syntax error of the original when the rewrite does not help",
			`var s = "é"; o.P(1) = 2 +;`,
			"t.js:1:14\nvar s = \"é\"; o.P(1) = 2 +;\n             ^\nSyntaxError: Invalid left-hand side in assignment\n"},
		{"throw a string", `throw "boom"`, "t.js:1:1\nthrow \"boom\"\n^\nUncaught \"boom\"\n    at t.js:1:1\n"},
		{"throw a number", `  throw 42`, "t.js:1:3\n  throw 42\n  ^\nUncaught 42\n    at t.js:1:3\n"},
		{"throw an object", `throw {code: 1}`, "t.js:1:1\nthrow {code: 1}\n^\nUncaught {\"code\":1}\n    at t.js:1:1\n"},
		{"throw null", `throw null`, "t.js:1:1\nthrow null\n^\nUncaught null\n    at t.js:1:1\n"},
		{"error without message", `throw new RangeError()`, "t.js:1:7\nthrow new RangeError()\n      ^\nRangeError\n    at t.js:1:7\n"},
		{"custom name", `var e = new Error("m"); e.name = "MyError"; throw e`, "t.js:1:9\nvar e = new Error(\"m\"); e.name = \"MyError\"; throw e\n        ^\nMyError: m\n    at t.js:1:9\n"},
		{"COM error has its HRESULT and source",
			"var a = WScript.Arguments;\na(3);",
			"t.js:2:2\na(3);\n ^\nError: Subscript out of range (HRESULT 0x800A0009, Microsoft JScript runtime error)\n    at t.js:2:2\n"},
		{"error in a timer callback",
			"setTimeout(function tick() {\n  throw new TypeError(\"late\");\n}, 1);",
			"t.js:2:9\n  throw new TypeError(\"late\");\n        ^\nTypeError: late\n    at tick (t.js:2:9)\n"},
		{"unhandled rejection",
			`async function f() { await null; throw new TypeError("in async") } f()`,
			"t.js\nUncaught (in promise) TypeError: in async\n"},
		{"recursion",
			`function r() { r() } r()`,
			"t.js:1:17\nfunction r() { r() } r()\n                ^\nRangeError: Maximum call stack size exceeded\n    at r (t.js:1:17)\n    ... repeated 99 more times\n    at t.js:1:23\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := noCOM()
			o.MaxCallStackSize = 100
			r := runJS(t, o, tt.src)
			r.check(t, 1, "", tt.stderr)
			var se *ScriptError
			if !errors.As(r.err, &se) {
				t.Fatalf("err = %T %v, want *ScriptError", r.err, r.err)
			}
			if se.Report() != tt.stderr {
				t.Errorf("Report() differs from what was written")
			}
		})
	}
}

func TestScriptErrorFields(t *testing.T) {
	r := runJS(t, noCOM(), "function f() {\n  WScript.Arguments(1)\n}\nf()")
	var se *ScriptError
	if !errors.As(r.err, &se) {
		t.Fatalf("err = %v", r.err)
	}
	want := ScriptError{File: "t.js", Line: 2, Column: 20, SourceLine: "  WScript.Arguments(1)", Name: "Error",
		Message: "Subscript out of range", HResult: 0x800A0009, Source: "Microsoft JScript runtime error"}
	got := *se
	got.Stack = nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ScriptError = %+v\nwant %+v", got, want)
	}
	wantStack := []StackFrame{{Function: "f", File: "t.js", Line: 2, Column: 20}, {File: "t.js", Line: 4, Column: 2}}
	if len(se.Stack) != len(wantStack) || se.Stack[0] != wantStack[0] || se.Stack[1] != wantStack[1] {
		t.Errorf("Stack = %+v, want %+v", se.Stack, wantStack)
	}
	if want := "t.js:2:20: Error: Subscript out of range (HRESULT 0x800A0009, Microsoft JScript runtime error)"; se.Error() != want {
		t.Errorf("Error() = %q, want %q", se.Error(), want)
	}
}

func TestQuietErrors(t *testing.T) {
	o := noCOM()
	o.QuietErrors = true
	r := runJS(t, o, `WScript.Echo("a"); throw new Error("x")`)
	r.check(t, 1, "a\n", "")
	if r.err == nil || r.err.Error() != "t.js:1:26: Error: x" {
		t.Errorf("err = %v", r.err)
	}
}

// A Go panic in a host function must become a clean report, not a crash.
func TestGoPanicInHostFunction(t *testing.T) {
	var out, errb = &bytesBuffer{}, &bytesBuffer{}
	rt, err := New(Options{noBindings: true, Stdout: out, Stderr: errb})
	if err != nil {
		t.Fatal(err)
	}
	defer rt.Close()
	rt.vm.Set("boom", func(goja.FunctionCall) goja.Value { panic("kaboom") })
	code, err := rt.RunScript(context.Background(), "p.js", []byte(`WScript.Echo("before"); boom(); WScript.Echo("after")`))
	if code != 1 || err == nil || err.Error() != "p.js: internal error in winhttpjs: kaboom" {
		t.Errorf("code, err = %d, %v", code, err)
	}
	if out.String() != "before\n" || errb.String() != "p.js: internal error in winhttpjs: kaboom\n" {
		t.Errorf("stdout %q stderr %q", out.String(), errb.String())
	}
	if _, err := rt.RunScript(context.Background(), "q.js", []byte(`1`)); err == nil || err.Error() != "runtime is unusable after an internal error" {
		t.Errorf("second run: %v", err)
	}
}

func TestExplainPanic(t *testing.T) {
	const hint = ": a typed array whose ArrayBuffer is detached was passed to a function that reads it " +
		"(an array lent to OnResponseDataAvailable is valid during its handler only; copy it there with slice())"
	tests := []struct {
		name, stack string
		want        any
	}{
		{"typed array export", "github.com/dop251/goja.(*uint8Array).export(0x8?)\n", "boom" + hint},
		{"through the object", "github.com/dop251/goja.(*typedArrayObject).export(0x1)\n", "boom" + hint},
		{"float view", "github.com/dop251/goja.(*float64Array).export(0x1)\n", "boom" + hint},
		{"bigint view", "github.com/dop251/goja.(*bigUint64Array).export(0x1)\n", "boom" + hint},
		{"DataView into a slice", "github.com/dop251/goja.(*dataViewObject).exportToArrayOrSlice(0x1)\n", "boom" + hint},
		{"elsewhere", "github.com/winhttpjs/winhttpjs/bindings/x.f()\n", "boom"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := explainPanic("boom", []byte(tt.stack)); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
