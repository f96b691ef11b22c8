package target

import (
	"bytes"
	"fmt"
	"net"
)

// cannedResponse is the answer of the canned server to every request.
const cannedResponse = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\n" + Hello

// notImplemented answers a request with a body, which the canned server
// cannot frame.
const notImplemented = "HTTP/1.1 501 Not Implemented\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"

// Canned is an HTTP/1.1 server that answers every bodiless request with
// the /hello response, without allocating per request: it reads heads into
// a fixed buffer and writes a constant. In-process benchmarks use it so
// that the allocations they count are the client's alone. Requests with a
// body are refused (501) and their connection closed.
type Canned struct {
	// URL is the base URL, "http://127.0.0.1:PORT".
	URL   string
	ln    net.Listener
	conns closer
	done  chan struct{}
}

// StartCanned starts a canned server on a free port of 127.0.0.1.
func StartCanned() (*Canned, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("target: %w", err)
	}
	c := &Canned{URL: "http://" + ln.Addr().String(), ln: ln, done: make(chan struct{})}
	go c.accept()
	return c, nil
}

// Close stops the server and closes its connections.
func (c *Canned) Close() error {
	err := c.ln.Close()
	<-c.done
	c.conns.closeAll()
	return err
}

func (c *Canned) accept() {
	defer close(c.done)
	for {
		conn, err := c.ln.Accept()
		if err != nil {
			if ne, ok := err.(net.Error); ok && ne.Timeout() {
				continue
			}
			return
		}
		if !c.conns.add(conn) {
			_ = conn.Close()
			return
		}
		go c.serve(conn)
	}
}

// serve answers the requests of one connection, pipelined or not.
func (c *Canned) serve(conn net.Conn) {
	defer c.conns.remove(conn)
	defer conn.Close()
	buf := make([]byte, 16<<10)
	out := make([]byte, 0, 8*len(cannedResponse))
	have := 0
	for {
		n, err := conn.Read(buf[have:])
		have += n
		out = out[:0]
		start := 0
		for {
			end := bytes.Index(buf[start:have], []byte("\r\n\r\n"))
			if end < 0 {
				break
			}
			head := buf[start : start+end]
			start += end + 4
			if hasBody(head) {
				_, _ = conn.Write([]byte(notImplemented))
				return
			}
			out = append(out, cannedResponse...)
		}
		if len(out) > 0 {
			if _, werr := conn.Write(out); werr != nil {
				return
			}
		}
		have = copy(buf, buf[start:have])
		if err != nil {
			return
		}
		if have == len(buf) {
			// A head larger than the buffer: not a benchmark request.
			_, _ = conn.Write([]byte(notImplemented))
			return
		}
	}
}

// hasBody reports whether a request head announces a body.
func hasBody(head []byte) bool {
	for len(head) > 0 {
		line := head
		if i := bytes.IndexByte(head, '\n'); i >= 0 {
			line, head = head[:i], head[i+1:]
		} else {
			head = nil
		}
		line = bytes.TrimRight(line, "\r")
		switch {
		case hasPrefixFold(line, "transfer-encoding:"):
			return true
		case hasPrefixFold(line, "content-length:"):
			return !bytes.Equal(bytes.TrimSpace(line[len("content-length:"):]), []byte("0"))
		}
	}
	return false
}

// hasPrefixFold is bytes.HasPrefix ignoring ASCII case.
func hasPrefixFold(s []byte, prefix string) bool {
	return len(s) >= len(prefix) && bytes.EqualFold(s[:len(prefix)], []byte(prefix))
}
