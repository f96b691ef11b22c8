package engine

import (
	"crypto/tls"
	"errors"
	"net"
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
	mu  sync.Mutex
	cur *hop
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

func (c *timedConn) Read(p []byte) (int, error) {
	c.mu.Lock()
	if h := c.cur; h != nil {
		c.Conn.SetReadDeadline(deadline(h.timeouts.Receive))
	}
	c.mu.Unlock()
	n, err := c.Conn.Read(p)
	if isTimeout(err) {
		c.blame("receive", err)
	}
	return n, err
}

func (c *timedConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	h := c.cur
	if h != nil {
		c.Conn.SetWriteDeadline(deadline(h.timeouts.Send))
	}
	c.mu.Unlock()
	n, err := c.Conn.Write(p)
	if h != nil {
		h.sent.Add(int64(n))
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
	var ne net.Error
	return err != nil && errors.As(err, &ne) && ne.Timeout()
}
