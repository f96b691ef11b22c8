//go:build !unix

package engine

import "net"

// aliveProbe cannot look at an idle connection without a peek the
// platform lacks: the exchange finds out, and a request that can be sent
// again is (see h1Conn.retryable).
type aliveProbe struct{}

// check reports every connection alive.
func (*aliveProbe) check(net.Conn) bool { return true }
