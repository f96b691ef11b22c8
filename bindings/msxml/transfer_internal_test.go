package msxml

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"
)

// A body of declared length is read into one buffer of that length (and
// the byte that finds its end), reserved in at most two steps; one of
// unknown length as io.ReadAll does.
func TestReadBody(t *testing.T) {
	tests := []struct {
		name    string
		size    int
		length  int64
		wantCap int // 0: not checked
	}{
		{"empty", 0, 0, 1},
		{"13 bytes", 13, 13, 14},
		{"100 KiB", 100 << 10, 100 << 10, 100<<10 + 1},
		{"unknown length", 100 << 10, -1, 0},
		{"more than the preallocation", maxPrealloc + 5, maxPrealloc + 5, maxPrealloc + 6},
		{"three times the preallocation", 3 * maxPrealloc, 3 * maxPrealloc, 3*maxPrealloc + 1},
		{"longer than declared", 20, 10, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := bytes.Repeat([]byte("0123456789abcdef"), tt.size/16+1)[:tt.size]
			// Short reads, as from a network.
			got, err := readBody(iotest.HalfReader(bytes.NewReader(body)), tt.length)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, body) {
				t.Fatalf("read %d bytes, not the body's %d", len(got), len(body))
			}
			if tt.wantCap != 0 && cap(got) != tt.wantCap {
				t.Errorf("buffer capacity %d, want %d", cap(got), tt.wantCap)
			}
		})
	}
	t.Run("error", func(t *testing.T) {
		boom := errors.New("boom")
		got, err := readBody(io.MultiReader(bytes.NewReader([]byte("abc")), iotest.ErrReader(boom)), 10)
		if !errors.Is(err, boom) || string(got) != "abc" {
			t.Fatalf("got %q, %v; want \"abc\", boom", got, err)
		}
	})
}
