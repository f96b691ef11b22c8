package wshell

import (
	"reflect"
	"testing"
)

func TestSplitCommandLine(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{`prog a b`, []string{"prog", "a", "b"}},
		{`  prog   a  `, []string{"prog", "a"}},
		{`"C:\Program Files\x.exe" "two words" end`, []string{`C:\Program Files\x.exe`, "two words", "end"}},
		{`prog a\\b`, []string{"prog", `a\\b`}},
		{`prog a\"b`, []string{"prog", `a"b`}},
		{`prog a\\\"b`, []string{"prog", `a\"b`}},
		{`prog "a\\" b`, []string{"prog", `a\`, "b"}},
		{`prog "say ""hi"""`, []string{"prog", `say "hi"`}},
		{`prog ""`, []string{"prog", ""}},
		{`prog a|b >out`, []string{"prog", "a|b", ">out"}},
		{``, nil},
	}
	for _, tt := range tests {
		if got := splitCommandLine(tt.line); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitCommandLine(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}
