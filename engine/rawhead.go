package engine

import (
	"bytes"
	"strconv"
	"strings"
	"sync"
)

// headCapture keeps the bytes of a response head as they come off the
// connection. Go's parser hands headers over as a map, losing the order
// and spelling that WinHTTP's GetAllResponseHeaders shows; the capture
// restores them.
type headCapture struct {
	mu    sync.Mutex
	limit int
	buf   []byte // the start of a head split across reads
	head  string // the final (non-1xx) head once complete
	done  bool
}

// add takes bytes read for the hop, until the final head is complete or
// the limit is passed (the transport then fails the request anyway).
//
// A head that arrives in one read (the usual case) is copied once, into
// the string the response's fields are cut from; only a head split
// across reads is gathered in buf first.
func (c *headCapture) add(p []byte) {
	if len(p) == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.done {
		return
	}
	data := p
	if len(c.buf) > 0 {
		c.buf = append(c.buf, p...)
		data = c.buf
	}
	for {
		end := headEnd(data)
		if end < 0 {
			if len(data) > c.limit {
				c.done, c.buf = true, nil
				return
			}
			// Keep the incomplete head for the next read (data may be
			// the tail of buf: append copies as memmove does).
			c.buf = append(c.buf[:0], data...)
			return
		}
		head := data[:end]
		if code := statusOf(head); code >= 100 && code < 200 && code != 101 {
			// Interim responses precede the one Send returns.
			data = data[end:]
			continue
		}
		c.head = string(head)
		c.done, c.buf = true, nil
		return
	}
}

// setFinal records a head read elsewhere (a refused CONNECT's).
func (c *headCapture) setFinal(head string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.head, c.done = head, true
}

// final is the final head, "" until it is complete.
func (c *headCapture) final() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.head
}

// headEnd returns the length of the head at the start of b (through the
// empty line, CRLF or bare LF as Go accepts), or -1 if it is incomplete.
func headEnd(b []byte) int {
	for i := 0; i < len(b); i++ {
		if b[i] != '\n' {
			continue
		}
		switch {
		case i+1 < len(b) && b[i+1] == '\n':
			return i + 2
		case i+2 < len(b) && b[i+1] == '\r' && b[i+2] == '\n':
			return i + 3
		}
	}
	return -1
}

func statusOf(head []byte) int {
	line, _, _ := bytes.Cut(head, []byte("\n"))
	_, rest, _ := bytes.Cut(bytes.TrimRight(line, "\r"), []byte(" "))
	code, _, _ := bytes.Cut(rest, []byte(" "))
	n, err := strconv.Atoi(string(code))
	if err != nil {
		return -1
	}
	return n
}

// rawHead is a response head as it was on the wire.
type rawHead struct {
	proto  string
	code   int
	reason string
	fields []Field
}

// parseRawHead splits a captured head into its status line and fields,
// names as sent and in order. Continuation lines (obsolete folding) are
// joined to the previous value with a space, as Go's parser does.
//
// Names and values are substrings of head, which the capture made for
// this purpose.
func parseRawHead(text string) (rawHead, bool) {
	var h rawHead
	first, rest, _ := strings.Cut(text, "\n")
	proto, status, ok := strings.Cut(strings.TrimSuffix(first, "\r"), " ")
	if !ok {
		return h, false
	}
	code, reason, _ := strings.Cut(status, " ")
	n, err := strconv.Atoi(code)
	if err != nil {
		return h, false
	}
	h.proto, h.code, h.reason = proto, n, reason
	h.fields = make([]Field, 0, strings.Count(rest, "\n"))
	for rest != "" {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		line = strings.TrimSuffix(line, "\r")
		if line == "" {
			break
		}
		if line[0] == ' ' || line[0] == '\t' {
			if len(h.fields) == 0 {
				return h, false
			}
			last := &h.fields[len(h.fields)-1]
			last.Value += " " + strings.Trim(line, " \t")
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return h, false
		}
		h.fields = append(h.fields, Field{Name: name, Value: strings.Trim(value, " \t")})
	}
	return h, true
}
