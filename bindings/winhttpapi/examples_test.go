package winhttpapi

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop251/goja"
)

// wshText formats an Echo argument as the runtime's WScript.Echo does for
// the values the examples print: undefined empty, booleans -1 and 0.
func wshText(v goja.Value) string {
	switch {
	case goja.IsUndefined(v):
		return ""
	case goja.IsNull(v):
		return "null"
	}
	if b, ok := v.Export().(bool); ok {
		if b {
			return "-1"
		}
		return "0"
	}
	return v.String()
}

// TestFlatExamples runs ../../examples/flat-*.js as examples_test.go does
// (base URL as argument 0, stdout compared with expected/NAME.txt), with
// a minimal WScript (Echo, Arguments) in place of the full runtime.
func TestFlatExamples(t *testing.T) {
	srv := httpbinServer(t)
	scripts, err := filepath.Glob("../../examples/flat-*.js")
	if err != nil || len(scripts) == 0 {
		t.Fatalf("no flat examples: %v", err)
	}
	for _, script := range scripts {
		name := strings.TrimSuffix(filepath.Base(script), ".js")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(script)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join("../../examples/expected", name+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			e := newEnv(t, Options{})
			ws := e.rt.NewObject()
			_ = ws.Set("Echo", func(call goja.FunctionCall) goja.Value {
				parts := make([]string, len(call.Arguments))
				for i, a := range call.Arguments {
					parts[i] = wshText(a)
				}
				e.out.WriteString(strings.Join(parts, " ") + "\n")
				return goja.Undefined()
			})
			args := e.rt.ToValue(func(call goja.FunctionCall) goja.Value { return e.rt.ToValue(srv.URL) }).(*goja.Object)
			_ = args.DefineDataProperty("length", e.rt.ToValue(1), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
			_ = ws.Set("Arguments", args)
			_ = e.rt.Set("WScript", ws)
			got := strings.ReplaceAll(e.mustRun(string(src)), srv.URL, "{{BASE}}")
			if got != string(want) {
				t.Fatalf("output differs\n--- got\n%s--- want\n%s", got, want)
			}
		})
	}
}
