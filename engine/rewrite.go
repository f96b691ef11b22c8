package engine

import (
	"bytes"
	"io"
)

// rewriteHead fixes what Go's transport cannot be told to write, in the
// write that carries the request line (Go's 4 KiB buffer puts the whole
// line, and normally the Host line after it, in one write):
//   - HTTP10: the line's "HTTP/1.1" becomes "HTTP/1.0" (same length);
//   - zeroLength: "Content-Length: 0" is added where Go would put it for a
//     bodiless request Go writes without one (DELETE, OPTIONS, …), as
//     WinHTTP sends it for every verb but GET.
//
// It returns the bytes to write and how many more they are than p.
func (h *hop) rewriteHead(p []byte) ([]byte, int) {
	if !(h.http10 || h.zeroLength) || h.lineDone.Load() {
		return p, 0
	}
	end := bytes.Index(p, []byte("\r\n"))
	if end < 0 {
		return p, 0
	}
	h.lineDone.Store(true)
	q := bytes.Clone(p)
	const from, to = "HTTP/1.1", "HTTP/1.0"
	if h.http10 && end >= len(from) && string(q[end-len(from):end]) == from {
		copy(q[end-len(from):end], to)
	}
	if !h.zeroLength {
		return q, 0
	}
	// Where Go puts Content-Length itself: after Host and User-Agent.
	at := end + 2
	for _, name := range []string{"Host:", "User-Agent:"} {
		if next := bytes.Index(q[at:], []byte("\r\n")); next > 0 && bytes.HasPrefix(q[at:], []byte(name)) {
			at += next + 2
		}
	}
	const line = "Content-Length: 0\r\n"
	q = append(q[:at], append([]byte(line), q[at:]...)...)
	return q, len(line)
}

// write sends p for the request on the clear side of its connection:
// the head rewritten if need be, the bytes counted for RequestSent.
// It reports p's length as written when the rewritten bytes all went out.
func (h *hop) write(w io.Writer, p []byte) (int, error) {
	q, extra := h.rewriteHead(p)
	// Counted before the write: the answer can arrive (and be reported)
	// before the write call returns.
	h.sent.Add(int64(len(q)))
	n, err := w.Write(q)
	if n < len(q) {
		h.sent.Add(int64(n - len(q)))
	}
	// Go reports the request written before flushing its buffer, so
	// RequestSent is emitted once the flush has gone out.
	if h.wrote.Load() && err == nil {
		h.note.advance(h, phaseSent, int(h.sent.Load()), 0)
	}
	n -= extra
	if n < 0 {
		n = 0
	}
	if n > len(p) {
		n = len(p)
	}
	return n, err
}
