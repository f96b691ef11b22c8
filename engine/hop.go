package engine

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"sync"
	"sync/atomic"
)

// errConnectRefused fails the dial after a non-200 CONNECT answer; the
// answer itself travels in hop.connectResp, to be returned as the response.
var errConnectRefused = errors.New("proxy refused the CONNECT request")

// hopKey is the context key under which a hop travels to the transport's
// dial and proxy hooks.
type hopKey struct{}

// hop is one HTTP exchange of a Send (a Send makes several for redirects and
// authentication). It carries the request's settings to the code Go's
// transport calls back (dialers, proxy hooks, the connection wrapper) and
// collects what those observe.
type hop struct {
	sess       *Session
	timeouts   Timeouts
	security   Security
	proxy      *url.URL
	proxyCreds *Credentials
	userAgent  string // for CONNECT
	noAuth     bool   // DisableAuth
	http10     bool   // write the request line as HTTP/1.0
	zeroLength bool   // add "Content-Length: 0" (see rewriteHead)
	note       *notifier
	callerCtx  context.Context // the ctx given to Send: its cancellation aborts dials too
	url        *url.URL

	cancel context.CancelFunc // ends the hop's context
	once   sync.Once

	mu          sync.Mutex
	fault       *Error         // first timeout seen on the connection
	connectResp *http.Response // a refused CONNECT's answer
	connectHead []byte         // its head as received
	conn        *timedConn

	capture headCapture // the response head as received, for its field order
	hooks   httptrace.ClientTrace

	sent  atomic.Int64 // request bytes written in clear since the connection was attached
	wrote atomic.Bool  // the whole request was written
	// lineDone is set once the request line went out on the attached
	// connection (see rewriteHead).
	lineDone atomic.Bool
}

func hopFrom(ctx context.Context) *hop {
	h, _ := ctx.Value(hopKey{}).(*hop)
	return h
}

// setFault records the first I/O timeout; later failures are its echoes.
func (h *hop) setFault(op string, err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.fault == nil {
		h.fault = &Error{Code: ErrTimeout, Op: op, URL: h.url.String(), Err: err}
	}
}

func (h *hop) faultErr() *Error {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.fault
}

func (h *hop) setConnectResponse(resp *http.Response, head []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.connectResp, h.connectHead = resp, head
}

func (h *hop) connectResponse() (*http.Response, []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.connectResp, h.connectHead
}

func (h *hop) attach(c *timedConn) {
	h.mu.Lock()
	h.conn = c
	h.mu.Unlock()
	h.sent.Store(0)
	h.lineDone.Store(false)
	c.attach(h)
}

// release ends the hop: its connection stops applying the hop's deadlines
// (an idle pooled connection must not time out on a finished request's
// receive timeout) and its context is cancelled. Safe to call repeatedly.
func (h *hop) release() {
	h.once.Do(func() {
		h.mu.Lock()
		c := h.conn
		h.mu.Unlock()
		if c != nil {
			c.detach(h)
		}
		if h.cancel != nil {
			h.cancel()
		}
	})
}
