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
	buf   []byte
	head  []byte // the final (non-1xx) head once complete
	done  bool
}

// add appends bytes read for the hop, until the final head is complete or
// the limit is passed (the transport then fails the request anyway).
func (c *headCapture) add(p []byte) {
	if len(p) == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.done {
		return
	}
	c.buf = append(c.buf, p...)
	for {
		end := headEnd(c.buf)
		if end < 0 {
			if len(c.buf) > c.limit {
				c.done, c.buf = true, nil
			}
			return
		}
		head := c.buf[:end]
		if code := statusOf(head); code >= 100 && code < 200 && code != 101 {
			// Interim responses precede the one Send returns.
			c.buf = c.buf[end:]
			continue
		}
		// buf is not written again: keep the head in it, capped so that
		// nothing can append over what follows.
		c.head = head[:len(head):len(head)]
		c.done, c.buf = true, nil
		return
	}
}

// setFinal records a head read elsewhere (a refused CONNECT's).
func (c *headCapture) setFinal(head []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.head, c.done = head, true
}

func (c *headCapture) final() []byte {
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
func parseRawHead(head []byte) (rawHead, bool) {
	// One string for the whole head: names and values are its substrings.
	text := string(head)
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
