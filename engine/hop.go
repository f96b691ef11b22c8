package engine

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
)

// errConnectRefused stops Go's transport after a non-200 CONNECT answer;
// the answer itself travels in hop.connectResp.
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
	note       *notifier
	callerCtx  context.Context // the ctx given to Send: its cancellation aborts dials too
	url        *url.URL

	cancel context.CancelFunc // ends the hop's context
	once   sync.Once

	mu          sync.Mutex
	fault       *Error // first timeout seen on the connection
	connectResp *http.Response
	conn        *timedConn

	capture headCapture // the response head as received, for its field order

	sent  atomic.Int64 // request bytes written in clear since the connection was attached
	wrote atomic.Bool  // the whole request was written
}

// countSent adds n request bytes written in clear. Go reports the request
// written before flushing its buffer, so RequestSent is emitted here once
// the flush has gone out.
func (h *hop) countSent(n int, err error) {
	h.sent.Add(int64(n))
	if h.wrote.Load() && err == nil {
		h.note.advance(h, phaseSent, int(h.sent.Load()), 0)
	}
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

func (h *hop) setConnectResponse(resp *http.Response) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.connectResp = &http.Response{
		Status:        resp.Status,
		StatusCode:    resp.StatusCode,
		Proto:         resp.Proto,
		ProtoMajor:    resp.ProtoMajor,
		ProtoMinor:    resp.ProtoMinor,
		Header:        resp.Header.Clone(),
		ContentLength: 0,
		Body:          http.NoBody,
	}
}

func (h *hop) connectResponse() *http.Response {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.connectResp
}

func (h *hop) attach(c *timedConn) {
	h.mu.Lock()
	h.conn = c
	h.mu.Unlock()
	h.sent.Store(0)
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

// notifier delivers a Send's status notifications one at a time, and none
// after Send has returned (Go's transport may still be dialling for it).
type notifier struct {
	mu    sync.Mutex
	fn    func(Notification)
	done  bool
	phase map[*hop]int
}

// Phases of a hop's send/receive notifications, so that the ones fired by
// the transport's goroutines and by Send come out in WinHTTP's order.
const (
	phaseNone = iota
	phaseSending
	phaseSent
	phaseReceived
)

func newNotifier(fn func(Notification)) *notifier {
	return &notifier{fn: fn, phase: make(map[*hop]int)}
}

func (n *notifier) emit(status CallbackStatus, info any) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.done || n.fn == nil {
		return
	}
	n.fn(Notification{Status: status, Info: info})
}

// advance moves h to phase p, emitting every notification between its
// current phase and p that was not sent yet.
func (n *notifier) advance(h *hop, p int, sent, received int) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.done || n.fn == nil {
		return
	}
	for cur := n.phase[h]; cur < p; cur++ {
		switch cur + 1 {
		case phaseSending:
			n.fn(Notification{Status: StatusSendingRequest})
		case phaseSent:
			n.fn(Notification{Status: StatusRequestSent, Info: sent})
			n.fn(Notification{Status: StatusReceivingResponse})
		case phaseReceived:
			n.fn(Notification{Status: StatusResponseReceived, Info: received})
		}
	}
	if p > n.phase[h] {
		n.phase[h] = p
	}
}

func (n *notifier) stop() {
	n.mu.Lock()
	n.done = true
	n.mu.Unlock()
}
