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
//
// A connection of the engine's own HTTP/1.1 transport (lazy) has no idle
// read: its deadlines stay set when it goes idle, and each is moved only
// when it would otherwise fire before the timeout, to the timeout plus a
// little (deadlineSlack). Setting a deadline arms a runtime timer, and
// arming one wakes an idle thread of the Go scheduler to look at it: two
// per request in a keep-alive loop, which cost more CPU than the
// request's own system calls. A timeout then fires between its length and
// that plus the slack, never early.
type timedConn struct {
	net.Conn
	// plain is set when the connection carries HTTP in clear, so what is
	// read is the response itself (see headCapture).
	plain bool
	// lazy: the deadlines are kept past detach and moved only when
	// needed; rdl and wdl are the ones set. All three are guarded by mu.
	lazy     bool
	rdl, wdl time.Time
	mu       sync.Mutex
	cur      *hop
	// batch waits for large batches of a fast download (readbatch.go):
	// on a lazy plain connection, whose reads are the transport's alone.
	batch readBatch
}

// deadlineSlack is how much later than its length a timeout of a lazy
// connection may fire: an eighth, at most a second.
func deadlineSlack(d time.Duration) time.Duration {
	return min(d/8, time.Second)
}

// setReadLocked applies a receive timeout of d from now; c.mu is held.
func (c *timedConn) setReadLocked(d time.Duration) {
	if dl, move := c.nextDeadline(c.rdl, d); move {
		c.rdl = dl
		c.Conn.SetReadDeadline(dl)
	}
}

// setWriteLocked applies a send timeout of d from now; c.mu is held.
func (c *timedConn) setWriteLocked(d time.Duration) {
	if dl, move := c.nextDeadline(c.wdl, d); move {
		c.wdl = dl
		c.Conn.SetWriteDeadline(dl)
	}
}

// nextDeadline is the deadline to set for a timeout of d from now, and
// whether it must be set: always on a connection that is not lazy, only
// when cur does not already serve on a lazy one (moveDeadline).
func (c *timedConn) nextDeadline(cur time.Time, d time.Duration) (time.Time, bool) {
	if !c.lazy {
		return deadline(d), true
	}
	return moveDeadline(cur, d)
}

// moveDeadline says whether cur, the deadline set, must move to give an
// operation starting now a timeout of d (none when d <= 0), and where to:
// it stays when it lies between d and d plus the slack from now.
func moveDeadline(cur time.Time, d time.Duration) (time.Time, bool) {
	if d <= 0 {
		return time.Time{}, !cur.IsZero()
	}
	earliest := time.Now().Add(d)
	latest := earliest.Add(deadlineSlack(d))
	if !cur.IsZero() && !cur.Before(earliest) && !cur.After(latest) {
		return cur, false
	}
	return latest, true
}

// keepDeadlines makes c lazy (see timedConn): for a connection that has no
// idle read. The deadlines start cleared.
func (c *timedConn) keepDeadlines() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lazy = true
	c.rdl, c.wdl = time.Time{}, time.Time{}
	c.Conn.SetDeadline(time.Time{})
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
	c.setReadLocked(h.timeouts.Receive)
	if !c.lazy {
		c.Conn.SetWriteDeadline(time.Time{})
	}
}

// detach removes h (if still attached) and clears the deadlines.
func (c *timedConn) detach(h *hop) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cur != h {
		return
	}
	c.cur = nil
	if !c.lazy {
		c.Conn.SetReadDeadline(time.Time{})
		c.Conn.SetWriteDeadline(time.Time{})
	}
}

// Read applies the attached request's receive timeout to this read.
func (c *timedConn) Read(p []byte) (int, error) {
	return c.readAtMost(p, -1)
}

// readAtMost is Read for a reader that knows the socket owes it room more
// bytes (-1: not known), which bounds how much the read may wait for
// (readBatch).
func (c *timedConn) readAtMost(p []byte, room int64) (int, error) {
	c.mu.Lock()
	h := c.cur
	batched := false
	if h != nil {
		if h.failed.Load() {
			c.mu.Unlock()
			return 0, os.ErrDeadlineExceeded
		}
		if c.lazy && c.plain {
			batched = c.batch.engage(c.Conn, len(p), room, h.timeouts.Receive)
		}
		if batched {
			c.setReadLocked(batchWait)
		} else {
			c.setReadLocked(h.timeouts.Receive)
		}
	}
	c.mu.Unlock()
	n, err := c.Conn.Read(p)
	if batched {
		if n == 0 && isTimeout(err) {
			// No whole batch within batchWait: the sender slowed down.
			// Read as usual, under the request's receive timeout.
			c.batch.stop(c.Conn)
			return c.readAtMost(p, room)
		}
	}
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
		c.setWriteLocked(h.timeouts.Send)
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
