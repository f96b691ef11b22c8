// Package conngauge counts a test server's connections, for tests of
// connection reuse and connection caps.
package conngauge

import (
	"net"
	"net/http"
	"sync"
)

// Gauge tracks how many connections a server has open at once and in all.
// Set Hook as the server's http.Server.ConnState.
type Gauge struct {
	mu               sync.Mutex
	open, max, total int
}

// Hook is an http.Server ConnState hook.
func (g *Gauge) Hook(_ net.Conn, st http.ConnState) {
	g.mu.Lock()
	defer g.mu.Unlock()
	switch st {
	case http.StateNew:
		g.open++
		g.total++
		g.max = max(g.max, g.open)
	case http.StateClosed, http.StateHijacked:
		g.open--
	}
}

// Counts returns the most connections open at once and the number opened.
func (g *Gauge) Counts() (most, total int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.max, g.total
}
