//go:build unix

package engine

import (
	"net"
	"syscall"
)

// aliveProbe tells whether an idle connection can still carry a request:
// a peek that does not wait tells a connection the server has closed (end
// of stream, a reset) from an open one (nothing to read). A plain HTTP
// connection that has bytes waiting is out of step and is not reused; a
// TLS one may hold a record the server sent after the handshake, which
// its next read handles.
//
// Go's transport learns the same from a goroutine reading each idle
// connection; one system call when the connection is taken costs less.
// The raw connection and the callback handed to it are made on the
// connection's first reuse and kept, so a later reuse costs that system
// call alone, not two allocations besides.
//
// Only the goroutine that took the connection from the pool uses it.
type aliveProbe struct {
	rc    syscall.RawConn // nil until the first check
	none  bool            // no socket to peek at: always alive
	plain bool            // the connection carries HTTP in clear
	peek  func(fd uintptr)
	alive bool // the last peek's answer
	buf   [1]byte
}

// check reports whether c, an idle connection of the pool, is still open
// and in step.
func (p *aliveProbe) check(c net.Conn) bool {
	if p.rc == nil {
		if p.none {
			return true
		}
		tc := unwrapTimed(c)
		if tc == nil {
			p.none = true
			return true
		}
		sc, ok := tc.Conn.(syscall.Conn)
		if !ok {
			// A Go host's own dialer: the exchange finds out, and a
			// request that can be sent again is.
			p.none = true
			return true
		}
		rc, err := sc.SyscallConn()
		if err != nil {
			return false
		}
		p.rc, p.plain, p.peek = rc, tc.plain, p.peekFD
	}
	p.alive = true
	// Control, not Read: the peek never waits, and the connection's read
	// deadline, which may have passed while it was idle (see
	// timedConn.keepDeadlines), must not fail it.
	err := p.rc.Control(p.peek)
	return err == nil && p.alive
}

// peekFD is the peek itself, run by the raw connection on its socket.
func (p *aliveProbe) peekFD(fd uintptr) {
	n, _, errno := syscall.Recvfrom(int(fd), p.buf[:], syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
	for errno == syscall.EINTR {
		n, _, errno = syscall.Recvfrom(int(fd), p.buf[:], syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
	}
	switch {
	case errno == syscall.EAGAIN || errno == syscall.EWOULDBLOCK:
		p.alive = true
	case errno != nil || n == 0:
		p.alive = false
	default:
		p.alive = !p.plain
	}
}
