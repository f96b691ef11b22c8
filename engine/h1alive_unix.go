//go:build unix

package engine

import (
	"net"
	"syscall"
)

// connAlive reports whether an idle connection can still carry a request:
// a peek that does not wait tells a connection the server has closed (end
// of stream, a reset) from an open one (nothing to read). A plain HTTP
// connection that has bytes waiting is out of step and is not reused; a
// TLS one may hold a record the server sent after the handshake, which
// its next read handles.
//
// Go's transport learns the same from a goroutine reading each idle
// connection; one system call when the connection is taken costs less.
func connAlive(c net.Conn) bool {
	tc := unwrapTimed(c)
	if tc == nil {
		return true
	}
	sc, ok := tc.Conn.(syscall.Conn)
	if !ok {
		// A Go host's own dialer: the exchange finds out, and a request
		// that can be sent again is.
		return true
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		return false
	}
	alive := true
	var buf [1]byte
	err = rc.Read(func(fd uintptr) bool {
		n, _, errno := syscall.Recvfrom(int(fd), buf[:], syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
		for errno == syscall.EINTR {
			n, _, errno = syscall.Recvfrom(int(fd), buf[:], syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
		}
		switch {
		case errno == syscall.EAGAIN || errno == syscall.EWOULDBLOCK:
			alive = true
		case errno != nil || n == 0:
			alive = false
		default:
			alive = !tc.plain
		}
		return true
	})
	return err == nil && alive
}
