package hugebuf

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"
)

func TestMakeLengthAndCapacity(t *testing.T) {
	for _, tc := range []struct{ n, c int }{
		{0, 0},
		{5, 10},
		{0, Threshold - 1},
		{0, Threshold},
		{Threshold, Threshold + 1},
		{3 << 20, 9 << 20},
	} {
		b := Make(tc.n, tc.c)
		if len(b) != tc.n || cap(b) != tc.c {
			t.Errorf("Make(%d, %d): len %d cap %d", tc.n, tc.c, len(b), cap(b))
		}
		for i, v := range b[:tc.c] {
			if v != 0 {
				t.Fatalf("Make(%d, %d): byte %d is %d, want 0", tc.n, tc.c, i, v)
			}
		}
	}
}

func TestString(t *testing.T) {
	for _, n := range []int{0, 1, Threshold - 1, Threshold, Threshold + 3} {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('a' + i%26)
		}
		s := String(b)
		if s != string(b) {
			t.Fatalf("String of %d bytes: got %d bytes, not a copy of the input", n, len(s))
		}
		if n > 0 {
			b[0] = '!'
			if s[0] != 'a' {
				t.Fatalf("String of %d bytes shares the input's memory", n)
			}
		}
	}
}

func TestBytesAndClone(t *testing.T) {
	for _, n := range []int{0, 1, Threshold - 1, Threshold, Threshold + 3} {
		src := make([]byte, n)
		for i := range src {
			src[i] = byte('a' + i%26)
		}
		b := Bytes(string(src))
		c := Clone(src)
		if string(b) != string(src) || string(c) != string(src) {
			t.Fatalf("%d bytes: Bytes gave %d, Clone %d, not copies of the input", n, len(b), len(c))
		}
		if n > 0 {
			src[0] = '!'
			if c[0] != 'a' {
				t.Fatalf("Clone of %d bytes shares the input's memory", n)
			}
		}
	}
	if Clone(nil) != nil {
		t.Error("Clone(nil) is not nil")
	}
}

// ReadAll gives every byte whatever the size hint says, and what it read
// before a failed read with that read's error.
func TestReadAll(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789"), 20_000)
	for _, hint := range []int64{0, 1, 1000, int64(len(data)), int64(len(data)) + 7, 10 << 20} {
		got, err := ReadAll(iotest.HalfReader(bytes.NewReader(data)), hint)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("hint %d: read %d bytes (%v), want %d", hint, len(got), err, len(data))
		}
	}
	boom := errors.New("boom")
	got, err := ReadAll(io.MultiReader(bytes.NewReader(data), iotest.ErrReader(boom)), 0)
	if !errors.Is(err, boom) || !bytes.Equal(got, data) {
		t.Errorf("read %d bytes, error %v; want %d bytes, boom", len(got), err, len(data))
	}
}
