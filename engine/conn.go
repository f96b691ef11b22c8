package engine

import (
	"crypto/tls"
	"errors"
	"net"
	"os"
	"sync"
	"time"
)

// timedConn applies the send and receive timeouts of the request currently
// using a connection to each write and read, as WinHTTP applies them per
// network operation. It sits under TLS, so handshake records count too.
//
// While no request is attached the connection's deadlines are left alone:
// they are cleared on detach, so the transport's idle read on a pooled
// connection waits without limit.
type timedConn struct {
	net.Conn
	// plain is set when the connection carries HTTP in clear, so what is
	// read is the response itself (see headCapture).
	plain bool
	mu    sync.Mutex
	cur   *hop
}

// current is the hop attached now.
func (c *timedConn) current() *hop {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cur
}

// attach makes h's timeouts govern the connection from now on. A read
// already pending (the transport's idle read) gets h's receive deadline
// immediately, instead of whatever an earlier request left.
func (c *timedConn) attach(h *hop) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cur = h
	c.Conn.SetReadDeadline(deadline(h.timeouts.Receive))
	c.Conn.SetWriteDeadline(time.Time{})
}

// detach removes h (if still attached) and clears the deadlines.
func (c *timedConn) detach(h *hop) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cur != h {
		return
	}
	c.cur = nil
	c.Conn.SetReadDeadline(time.Time{})
	c.Conn.SetWriteDeadline(time.Time{})
}

// Read applies the attached request's receive timeout to this read.
func (c *timedConn) Read(p []byte) (int, error) {
	c.mu.Lock()
	h := c.cur
	if h != nil {
		if h.failed.Load() {
			c.mu.Unlock()
			return 0, os.ErrDeadlineExceeded
		}
		c.Conn.SetReadDeadline(deadline(h.timeouts.Receive))
	}
	c.mu.Unlock()
	n, err := c.Conn.Read(p)
	if c.plain && n > 0 {
		// The hop attached when the data arrived owns it: the transport's
		// idle read on a pooled connection starts before the next request
		// attaches and returns that request's response.
		if h := c.current(); h != nil {
			h.capture.add(p[:n])
		}
	}
	if isTimeout(err) {
		c.blame("receive", err)
	}
	return n, err
}

// Write applies the attached request's send timeout to this write.
func (c *timedConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	h := c.cur
	if h != nil {
		if h.failed.Load() {
			c.mu.Unlock()
			return 0, os.ErrDeadlineExceeded
		}
		c.Conn.SetWriteDeadline(deadline(h.timeouts.Send))
	}
	c.mu.Unlock()
	var n int
	var err error
	if h != nil && c.plain {
		n, err = h.write(c.Conn, p)
	} else {
		n, err = c.Conn.Write(p)
	}
	if isTimeout(err) {
		c.blame("send", err)
	}
	return n, err
}

// Close reports the closing to the attached request, if any.
func (c *timedConn) Close() error {
	c.mu.Lock()
	h := c.cur
	c.mu.Unlock()
	if h != nil {
		h.note.emit(StatusClosingConnection, nil)
	}
	err := c.Conn.Close()
	if h != nil {
		h.note.emit(StatusConnectionClosed, nil)
	}
	return err
}

// blame records a timeout against the request attached when it fired.
func (c *timedConn) blame(op string, err error) {
	c.mu.Lock()
	h := c.cur
	c.mu.Unlock()
	if h != nil {
		h.setFault(op, err)
	}
}

// unwrapTimed finds the timedConn under a connection the transport hands
// out (itself, or the raw side of a TLS connection).
func unwrapTimed(c net.Conn) *timedConn {
	for c != nil {
		switch v := c.(type) {
		case *timedConn:
			return v
		case *tlsSide:
			return v.timed
		case *tls.Conn:
			c = v.NetConn()
		default:
			return nil
		}
	}
	return nil
}

func deadline(d time.Duration) time.Time {
	if d <= 0 {
		return time.Time{}
	}
	return time.Now().Add(d)
}

func isTimeout(err error) bool {
	if err == nil {
		// Return before ne is declared: it escapes through errors.As, so
		// declaring it costs an allocation on every successful read.
		return false
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// tlsSide is the clear side of a TLS connection the engine dialled: it
// captures response heads, which the timedConn underneath only sees
// encrypted.
type tlsSide struct {
	net.Conn // the *tls.Conn
	timed    *timedConn
}

// Write counts the clear bytes of the attached request.
func (s *tlsSide) Write(p []byte) (int, error) {
	if h := s.timed.current(); h != nil {
		return h.write(s.Conn, p)
	}
	return s.Conn.Write(p)
}

// Read hands what it reads to the attached request's head capture.
func (s *tlsSide) Read(p []byte) (int, error) {
	n, err := s.Conn.Read(p)
	if n > 0 {
		if h := s.timed.current(); h != nil {
			h.capture.add(p[:n])
		}
	}
	return n, err
}
