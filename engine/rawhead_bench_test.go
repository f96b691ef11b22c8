package engine

import "testing"

// benchHead is what Go's server sends for a small body: a head and the
// body in one read, as the connection hands them to the capture.
const benchHead = "HTTP/1.1 200 OK\r\nContent-Length: 13\r\nContent-Type: text/plain; charset=utf-8\r\nDate: Thu, 26 Nov 2026 02:00:00 GMT\r\n\r\nHello, world!"

// BenchmarkHeadCapture is a response head's own cost in the engine: the
// capture off the connection, then the parse into ordered fields.
func BenchmarkHeadCapture(b *testing.B) {
	p := []byte(benchHead)
	b.ReportAllocs()
	for b.Loop() {
		c := headCapture{limit: 1 << 20}
		c.add(p)
		if h, ok := parseRawHead(c.final()); !ok || len(h.fields) != 3 {
			b.Fatal("bad head")
		}
	}
}
