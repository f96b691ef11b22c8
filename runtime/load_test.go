package runtime

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/runtime/internal/jsrewrite"
)

// runFile runs a testdata script in a runtime built from opts; setup may
// add globals first.
func runFile(t *testing.T, opts Options, path string, setup func(*Runtime)) result {
	t.Helper()
	var out, errb bytes.Buffer
	opts.Stdout, opts.Stderr = &out, &errb
	rt, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	defer rt.Close()
	if setup != nil {
		setup(rt)
	}
	code, err := rt.RunFile(context.Background(), path)
	return result{code: code, stdout: out.String(), stderr: errb.String(), err: err}
}

func TestEncodings(t *testing.T) {
	for _, file := range []string{"utf16le.js", "utf16be.js", "utf8bom.js"} {
		t.Run(file, func(t *testing.T) {
			runFile(t, noCOM(), filepath.Join("testdata", file), nil).check(t, 0, "héllo 世界 8\n", "")
		})
	}
}

func TestUTF16ErrorReport(t *testing.T) {
	path := filepath.Join("testdata", "utf16error.js")
	runFile(t, noCOM(), path, nil).check(t, 1, "",
		path+":2:18\nundefinedFunction(r);\n                 ^\nReferenceError: undefinedFunction is not defined\n    at "+path+":2:18\n")
}

func TestOddUTF16(t *testing.T) {
	r := runFile(t, noCOM(), filepath.Join("testdata", "odd.js"), nil)
	want := "cannot read script testdata/odd.js: invalid UTF-16 text: odd number of bytes"
	if r.code != 1 || r.err == nil || r.err.Error() != want || r.stderr != "" {
		t.Errorf("code %d err %v stderr %q", r.code, r.err, r.stderr)
	}
}

func TestMissingFile(t *testing.T) {
	r := runFile(t, noCOM(), filepath.Join("testdata", "nope.js"), nil)
	want := "cannot read script testdata/nope.js: no such file or directory"
	if r.code != 1 || r.err == nil || r.err.Error() != want {
		t.Errorf("code %d err %v", r.code, r.err)
	}
	if !errors.Is(r.err, os.ErrNotExist) {
		t.Errorf("err does not wrap os.ErrNotExist")
	}
}

func TestRequireRelative(t *testing.T) {
	runFile(t, noCOM(), filepath.Join("testdata", "require.js"), nil).check(t, 0, "hello world\n", "")
}

func TestScriptFullName(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "name.js")
	if err := os.WriteFile(path, []byte(`WScript.Echo(WScript.ScriptName); WScript.Echo(WScript.ScriptFullName)`), 0o600); err != nil {
		t.Fatal(err)
	}
	runFile(t, noCOM(), path, nil).check(t, 0, "name.js\n"+path+"\n", "")
}

func TestMarkerMatchesCOM(t *testing.T) {
	if jsrewrite.Marker != com.PutMarker {
		t.Fatalf("jsrewrite.Marker %q != com.PutMarker %q", jsrewrite.Marker, com.PutMarker)
	}
}

// defineOptionObject defines makeObject(), which returns a COM-like object
// with a parameterized Option(n) property that can be assigned.
func defineOptionObject(rt *Runtime) {
	vm := rt.vm
	vm.Set("makeObject", func(goja.FunctionCall) goja.Value {
		opts := map[int64]goja.Value{}
		return com.NewObject(vm, []com.Member{{
			Name: "Option",
			Method: func(call goja.FunctionCall) goja.Value {
				if v, ok := opts[call.Argument(0).ToInteger()]; ok {
					return v
				}
				return goja.Undefined()
			},
			Put: func(args []goja.Value, v goja.Value) { opts[args[0].ToInteger()] = v },
		}}, com.ObjectOptions{Source: "Test.Object"})
	})
}

// The rewrite makes `o.Option(4) = v` work, and an error after a rewritten
// assignment on the same line reports the column of the user's source (goja
// places a failed call at its parenthesis: column 30, where the compiled
// text has it at column 59).
func TestRewrittenScript(t *testing.T) {
	path := filepath.Join("testdata", "option.js")
	runFile(t, noCOM(), path, defineOptionObject).check(t, 1, "13056 0 2048\n",
		path+":6:30\no.Option(1) = \"x\"; notDefined();\n                             ^\nReferenceError: notDefined is not defined\n    at "+path+":6:30\n")
}

func TestRewriteTable(t *testing.T) {
	tests := []struct {
		name, src, stdout, stderr string
		code                      int
	}{
		{"no args", "var o = makeObject(); o.Option(4) = 1; WScript.Echo(o.Option(4))", "1\n", "", 0},
		{"strings and comments untouched", "var o = makeObject(); var s = 'o.Option(1) = 2'; /* o.Option(1) = 3 */ o.Option(1) = 4; WScript.Echo(s, o.Option(1))", "o.Option(1) = 2 4\n", "", 0},
		{"nested call in the index", "var o = makeObject(); function k(a) { return a * 2 } o.Option(k(k(1))) = 'v'; WScript.Echo(o.Option(4))", "v\n", "", 0},
		{"comparison untouched", "var o = makeObject(); o.Option(1) = 5; WScript.Echo(o.Option(1) == 5, o.Option(1) === 5, o.Option(1) != 5, o.Option(1) >= 5)", "-1 -1 0 -1\n", "", 0},
		{"runtime error column after two rewrites",
			"var o = makeObject();\no.Option(1) = 1; o.Option(2) = 2; o.nope();",
			"",
			"t.js:2:35\no.Option(1) = 1; o.Option(2) = 2; o.nope();\n                                  ^\nError: Object doesn't support this property or method (HRESULT 0x800A01B6, Microsoft JScript runtime error): member nope of Test.Object\n    at t.js:2:35\n", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			o := noCOM()
			o.Stdout, o.Stderr = &out, &errb
			rt, err := New(o)
			if err != nil {
				t.Fatal(err)
			}
			defer rt.Close()
			defineOptionObject(rt)
			code, _ := rt.RunScript(context.Background(), "t.js", []byte(tt.src))
			result{code: code, stdout: out.String(), stderr: errb.String()}.check(t, tt.code, tt.stdout, tt.stderr)
		})
	}
}
