package scripting

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"
)

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

// readRest gives every byte whatever the size hint says, and the error of
// a failed read.
func TestReadRest(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789"), 20_000)
	for _, hint := range []int64{0, 1, 1000, int64(len(data)), int64(len(data)) + 7, 10 << 20} {
		got, err := readRest(iotest.HalfReader(bytes.NewReader(data)), hint)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("hint %d: read %d bytes (%v), want %d", hint, len(got), err, len(data))
		}
	}
	boom := errors.New("boom")
	if _, err := readRest(io.MultiReader(bytes.NewReader(data), iotest.ErrReader(boom)), 0); !errors.Is(err, boom) {
		t.Errorf("error %v, want boom", err)
	}
}
