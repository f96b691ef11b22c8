//go:build !unix

package engine

import "net"

// connAlive cannot look at an idle connection without a peek the platform
// lacks: the exchange finds out, and a request that can be sent again is
// (see h1Conn.retryable).
func connAlive(net.Conn) bool { return true }
