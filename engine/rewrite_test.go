package engine

import (
	"bytes"
	"testing"
)

func TestRewriteHead(t *testing.T) {
	tests := []struct {
		name       string
		http10     bool
		zeroLength bool
		writes     []string
		want       string
	}{
		{name: "nothing to do", writes: []string{"GET / HTTP/1.1\r\nHost: h\r\n\r\n"},
			want: "GET / HTTP/1.1\r\nHost: h\r\n\r\n"},
		{name: "version", http10: true, writes: []string{"GET / HTTP/1.1\r\nHost: h\r\n\r\n"},
			want: "GET / HTTP/1.0\r\nHost: h\r\n\r\n"},
		{name: "zero length after Host and User-Agent", zeroLength: true,
			writes: []string{"DELETE /x HTTP/1.1\r\nHost: h\r\nUser-Agent: a\r\nX: 1\r\n\r\n"},
			want:   "DELETE /x HTTP/1.1\r\nHost: h\r\nUser-Agent: a\r\nContent-Length: 0\r\nX: 1\r\n\r\n"},
		{name: "request line split over writes", http10: true, zeroLength: true,
			writes: []string{"OPTIONS /very-long", "-path HTTP/1.1\r\nHost: h\r\n\r\n"},
			want:   "OPTIONS /very-long-path HTTP/1.0\r\nHost: h\r\nContent-Length: 0\r\n\r\n"},
		{name: "only the first request line is touched", http10: true,
			writes: []string{"GET / HTTP/1.1\r\nHost: h\r\n\r\n", "HTTP/1.1\r\n"},
			want:   "GET / HTTP/1.0\r\nHost: h\r\n\r\nHTTP/1.1\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := &hop{http10: tt.http10, zeroLength: tt.zeroLength, note: newNotifier(nil)}
			var out bytes.Buffer
			for _, w := range tt.writes {
				n, err := h.write(&out, []byte(w))
				if err != nil || n != len(w) {
					t.Fatalf("write(%q) = %d, %v; want %d, nil", w, n, err, len(w))
				}
			}
			if out.String() != tt.want {
				t.Fatalf("wrote %q, want %q", out.String(), tt.want)
			}
			if h.sent.Load() != int64(len(tt.want)) {
				t.Fatalf("counted %d bytes, want %d", h.sent.Load(), len(tt.want))
			}
		})
	}
}
