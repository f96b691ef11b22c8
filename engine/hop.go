package engine

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"sync"
	"sync/atomic"
	"time"
)

// errConnectRefused fails the dial after a non-200 CONNECT answer; the
// answer itself travels in hop.connectResp, to be returned as the response.
var errConnectRefused = errors.New("proxy refused the CONNECT request")

// hopKey is the context key under which a hop travels to the transport's
// dial and proxy hooks.
type hopKey struct{}

// hopCtx is the context a hop's request carries: the caller's (or the
// hop's cancellable one), answering hopKey with the hop. It lives inside
// the hop, so handing the hop to the transport costs no context.WithValue
// allocation on every request.
type hopCtx struct {
	context.Context
	h *hop
}

// Value answers hopKey with the hop and defers every other key to the
// context underneath.
func (c *hopCtx) Value(key any) any {
	if _, ok := key.(hopKey); ok {
		return c.h
	}
	return c.Context.Value(key)
}

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

	http2      bool  // offer h2 by ALPN (https only)
	attempts   int   // addresses tried per dial (CONNECT_RETRIES)
	maxDrain   int64 // MAX_RESPONSE_DRAIN_SIZE
	maxInterim int   // 1xx responses allowed (0: no limit)
	interim    atomic.Int32
	onH2       atomic.Bool // the hop's connection speaks HTTP/2
	// respTimeout bounds the wait for the response head once the request
	// is written (RECEIVE_RESPONSE_TIMEOUT); headState is 0 while
	// waiting, 1 once the timer fired, 2 once the head arrived.
	respTimeout time.Duration
	headTimer   *time.Timer // guarded by mu
	headState   atomic.Int32

	// ctx is the context of the hop's request (see hopCtx). cancel ends
	// it; it is nil when no timer of the hop can fire (see needsCancel),
	// since the caller's context then governs the request alone.
	ctx    hopCtx
	cancel context.CancelFunc
	once   sync.Once

	mu    sync.Mutex
	fault *Error // first timeout seen on the connection
	// failed is set with fault. Go's transport retries an idempotent
	// request whose answer never came on a reused connection, on another
	// connection with a fresh timeout; WinHTTP fails at the first timeout,
	// so every later read, write or dial of the hop fails at once.
	failed      atomic.Bool
	connectResp *http.Response // a refused CONNECT's answer
	connectHead string         // its head as received
	conn        *timedConn

	capture headCapture // the response head as received, for its field order
	hooks   httptrace.ClientTrace

	// Storage allocated with the hop rather than apart: the Send's copy
	// of its URL (first hop only), and the Response and its body reader
	// (final hop only), which reference the hop anyway.
	urlCopy url.URL
	out     Response
	body    bodyReader

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
		h.failed.Store(true)
	}
}

func (h *hop) faultErr() *Error {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.fault
}

func (h *hop) setConnectResponse(resp *http.Response, head string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.connectResp, h.connectHead = resp, head
}

func (h *hop) connectResponse() (*http.Response, string) {
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

// needsCancel reports whether a timer of the hop may have to abort its
// request: the receive-response timeout, or over HTTP/2 the receive
// timeout (see startHeadTimer and readTimer). Without one, the hop's
// request runs under the caller's context and nothing else cancels it,
// which spares a context.WithCancel and the child registration and
// channel Go's transport adds under it (four allocations a request).
func (h *hop) needsCancel() bool {
	return h.respTimeout > 0 || h.http2 && h.timeouts.Receive > 0
}

// errResponseTimeout is the cause of a RECEIVE_RESPONSE_TIMEOUT failure.
var errResponseTimeout = errors.New("no response head within the receive-response timeout")

// errH2ReceiveTimeout is the cause of a receive timeout over HTTP/2.
var errH2ReceiveTimeout = errors.New("HTTP/2 stream: nothing received within the receive timeout")

// readTimer applies the receive timeout to one body read over HTTP/2,
// where the connection's deadlines cannot (see startHeadTimer); it
// returns the function that stops it. Elsewhere it does nothing.
func (h *hop) readTimer() func() bool {
	d := h.timeouts.Receive
	if d <= 0 || !h.onH2.Load() {
		return nil
	}
	t := time.AfterFunc(d, func() {
		h.setFault("receive", errH2ReceiveTimeout)
		if h.cancel != nil {
			h.cancel()
		}
	})
	return t.Stop
}

// startHeadTimer starts the receive-response timeout, once per hop, when
// the request has been written.
//
// Over HTTP/2 no connection wrapper applies the receive timeout to the
// wait (the connection is shared by streams), so the timer also stands
// for it: the head must come within the shorter of the two.
func (h *hop) startHeadTimer() {
	d, cause := h.respTimeout, errResponseTimeout
	if r := h.timeouts.Receive; h.onH2.Load() && r > 0 && (d <= 0 || r < d) {
		d, cause = r, errH2ReceiveTimeout
	}
	if d <= 0 {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.headTimer != nil || h.headState.Load() != 0 {
		return
	}
	h.headTimer = time.AfterFunc(d, func() {
		if h.headState.CompareAndSwap(0, 1) {
			h.setFault("receive", cause)
			if h.cancel != nil {
				h.cancel()
			}
		}
	})
}

// headArrived stops the receive-response timer; false means it fired
// first and the hop has failed with ErrTimeout.
func (h *hop) headArrived() bool {
	ok := h.headState.CompareAndSwap(0, 2) || h.headState.Load() == 2
	h.mu.Lock()
	if h.headTimer != nil {
		h.headTimer.Stop()
	}
	h.mu.Unlock()
	return ok
}
