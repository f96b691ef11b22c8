package runtime

import (
	"strings"
	"testing"
)

func TestDisplayLine(t *testing.T) {
	long := strings.Repeat("a", 100) + "X" + strings.Repeat("b", 200)
	tests := []struct {
		name, line string
		col        int
		want       string
		wantCol    int
	}{
		{"short", "var x = 1;", 5, "var x = 1;", 5},
		{"control characters", "a\x00b\tc\x1b", 3, "a\uFFFDb\tc\uFFFD", 3},
		{"long, column in the middle", long, 101, "..." + strings.Repeat("a", 80) + "X" + strings.Repeat("b", 79) + "...", 84},
		{"long, column at the start", long, 1, strings.Repeat("a", 100) + "X" + strings.Repeat("b", 59) + "...", 1},
		{"long, column at the end", long, 301, "..." + strings.Repeat("b", 160), 163},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, col := displayLine(tt.line, tt.col)
			if got != tt.want || col != tt.wantCol {
				t.Errorf("displayLine = %q, %d\nwant %q, %d", got, col, tt.want, tt.wantCol)
			}
		})
	}
}

func TestCaretLine(t *testing.T) {
	tests := []struct {
		line string
		col  int
		want string
	}{
		{"abc", 1, "^"},
		{"abc", 3, "  ^"},
		{"\t\tx", 3, "\t\t^"},
		{"é世x", 3, "  ^"},
		{"ab", 4, "   ^"}, // past the end (an error at end of input)
	}
	for _, tt := range tests {
		if got := caretLine(tt.line, tt.col); got != tt.want {
			t.Errorf("caretLine(%q, %d) = %q, want %q", tt.line, tt.col, got, tt.want)
		}
	}
}
