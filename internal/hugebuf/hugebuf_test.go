package hugebuf

import "testing"

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
