package scripting

import "testing"

// validText reads bytes that are not UTF-8 as bufio.Reader.ReadRune does:
// each such byte is one U+FFFD.
func TestValidText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"plain", "plain"},
		{"caf\u00e9 \U0001F600", "caf\u00e9 \U0001F600"},
		{"a\xffb", "a\ufffdb"},
		{"\xff\xfe", "\ufffd\ufffd"},
		{"\xe2\x82", "\ufffd\ufffd"},
		{"ok\xc3", "ok\ufffd"},
	} {
		if got := validText([]byte(tc.in)); got != tc.want {
			t.Errorf("validText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
