package winhttpapi

import "testing"

// A response body's read-ahead buffer is no larger than the body when its
// length is known and it is not decoded.
func TestReadAheadSize(t *testing.T) {
	tests := []struct {
		name          string
		contentLength int64
		decoded       bool
		want          int
	}{
		{"empty", 0, false, 16},
		{"13 bytes", 13, false, 16},
		{"1000 bytes", 1000, false, 1000},
		{"just the buffer", readBufferSize, false, readBufferSize},
		{"larger than the buffer", 10 << 20, false, readBufferSize},
		{"unknown length", -1, false, readBufferSize},
		{"decoded", 13, true, readBufferSize},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := readAheadSize(tt.contentLength, tt.decoded); got != tt.want {
				t.Fatalf("readAheadSize(%d, %v) = %d, want %d", tt.contentLength, tt.decoded, got, tt.want)
			}
		})
	}
}
