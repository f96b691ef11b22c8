//go:build js && wasm

package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"syscall/js"
	"time"
)

// In a browser a Go program cannot open sockets: every request goes
// through the page's fetch. Each transport the pool makes gets
// fetchTransport for http and https, which Go's transport consults before
// dialling, so the engine's dialers are never reached. What fetch cannot
// do (proxies, NTLM, TLS options, forbidden headers, seeing redirect
// responses) is explained in the README.
func adaptTransport(t *http.Transport) {
	t.RegisterProtocol("http", fetchTransport{})
	t.RegisterProtocol("https", fetchTransport{})
}

// fetchTransport sends a request with the browser's fetch.
type fetchTransport struct{}

// probeTimeout bounds the no-cors request that tells CORS apart from an
// unreachable server.
const probeTimeout = 5 * time.Second

// RoundTrip sends req through fetch and returns the response head; the
// body streams from the browser as it is read.
func (fetchTransport) RoundTrip(req *http.Request) (resp *http.Response, err error) {
	defer func() {
		// A JavaScript exception (a bad header value, a missing API)
		// becomes an error, never a Go panic.
		if p := recover(); p != nil {
			resp, err = nil, &Error{Code: ErrInternal, Op: "send", URL: req.URL.String(), Err: fmt.Errorf("fetch: %v", p)}
		}
	}()
	h := hopFrom(req.Context())
	u := req.URL.String()
	if h != nil && h.proxy != nil {
		return nil, &Error{Code: ErrCannotConnect, Op: "connect", URL: u,
			Err: fmt.Errorf("proxy %s not used: a web page cannot send requests through a proxy of its choice", h.proxy.Redacted())}
	}
	var sess *Session
	var receive time.Duration
	bodyCtx := req.Context()
	if h != nil {
		sess, receive, bodyCtx = h.sess, h.timeouts.Receive, h.callerCtx
	}
	if r := takeFollowed(sess, u); r != nil {
		r.Request = req
		return r, nil
	}

	opts, ctrl, err := fetchOptions(req)
	if err != nil {
		return nil, err
	}
	v, err := await(req.Context(), js.Global().Call("fetch", u, opts), receive)
	if err != nil {
		ctrl.Call("abort")
		return nil, fetchError(req.Context(), req.URL, err, receive)
	}
	resp = fetchResponse(req, v, ctrl, bodyCtx, receive)
	if v.Get("redirected").Bool() {
		// The browser followed redirects and hides them: report one
		// redirect to where it ended, and keep that response for the
		// engine's own follow-up request (or drop it if none comes).
		final := v.Get("url").String()
		if final != "" && final != u && sess != nil {
			keepFollowed(sess, final, resp)
			return redirectTo(req, final), nil
		}
	}
	return resp, nil
}

// fetchOptions builds fetch's init object for req.
func fetchOptions(req *http.Request) (opts, ctrl js.Value, err error) {
	ctrl = js.Global().Get("AbortController").New()
	hdrs := js.Global().Get("Headers").New()
	for name, values := range req.Header {
		for _, v := range values {
			// Names a browser forbids (Host, Cookie, Connection,
			// Content-Length, User-Agent in Chromium, ...) are dropped
			// by fetch itself.
			hdrs.Call("append", name, v)
		}
	}
	opts = js.Global().Get("Object").New()
	opts.Set("method", req.Method)
	opts.Set("headers", hdrs)
	opts.Set("redirect", "follow")
	// The engine keeps cookies in the session's store; the browser's own
	// jar would share them between objects, which WinHTTP does not.
	opts.Set("credentials", "omit")
	opts.Set("cache", "no-store")
	opts.Set("mode", "cors")
	opts.Set("signal", ctrl.Get("signal"))
	if req.Body != nil && req.Body != http.NoBody {
		data, rerr := io.ReadAll(req.Body)
		req.Body.Close()
		if rerr != nil {
			return js.Value{}, js.Value{}, &Error{Code: ErrInvalidParameter, Op: "send", URL: req.URL.String(),
				Err: fmt.Errorf("reading the request body: %w", rerr)}
		}
		if len(data) > 0 && (req.Method == http.MethodGet || req.Method == http.MethodHead) {
			return js.Value{}, js.Value{}, &Error{Code: ErrInvalidParameter, Op: "send", URL: req.URL.String(),
				Err: fmt.Errorf("a browser cannot send a body with %s (fetch refuses it)", req.Method)}
		}
		if len(data) > 0 {
			buf := js.Global().Get("Uint8Array").New(len(data))
			js.CopyBytesToJS(buf, data)
			opts.Set("body", buf)
		}
	}
	return opts, ctrl, nil
}

// fetchResponse turns fetch's Response into Go's.
func fetchResponse(req *http.Request, v, ctrl js.Value, ctx context.Context, receive time.Duration) *http.Response {
	code := v.Get("status").Int()
	text := v.Get("statusText").String()
	if text == "" {
		text = http.StatusText(code)
	}
	hdr := http.Header{}
	it := v.Get("headers").Call("entries")
	for {
		n := it.Call("next")
		if n.Get("done").Bool() {
			break
		}
		kv := n.Get("value")
		hdr.Add(kv.Index(0).String(), kv.Index(1).String())
	}
	resp := &http.Response{
		Status:     strconv.Itoa(code) + " " + text,
		StatusCode: code,
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header:     hdr,
		Request:    req,
		// The browser may have decoded a compressed body: the length it
		// announced is not the length read.
		ContentLength: -1,
		Body:          http.NoBody,
	}
	if b := v.Get("body"); b.Truthy() && req.Method != http.MethodHead {
		resp.Body = &fetchBody{reader: b.Call("getReader"), ctrl: ctrl, ctx: ctx, receive: receive, url: req.URL}
	} else {
		resp.ContentLength = 0
	}
	return resp
}

// redirectTo is the 302 standing for the redirects the browser followed.
func redirectTo(req *http.Request, final string) *http.Response {
	return &http.Response{
		Status: "302 Found", StatusCode: http.StatusFound,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:  http.Header{"Location": {final}},
		Request: req, Body: http.NoBody,
	}
}

// browserState holds, per session, the response at the end of the
// redirects the browser followed, until the engine asks for its URL.
type browserState struct {
	mu       sync.Mutex
	followed *followedResp
}

type followedResp struct {
	url   string
	resp  *http.Response
	timer *time.Timer
}

// followedTTL is how long an unclaimed followed response is kept.
const followedTTL = 30 * time.Second

func keepFollowed(s *Session, u string, resp *http.Response) {
	b := &s.browser
	b.mu.Lock()
	defer b.mu.Unlock()
	b.dropLocked()
	f := &followedResp{url: u, resp: resp}
	f.timer = time.AfterFunc(followedTTL, func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		if b.followed == f {
			b.dropLocked()
		}
	})
	b.followed = f
}

// takeFollowed returns the kept response for u, dropping any other.
func takeFollowed(s *Session, u string) *http.Response {
	if s == nil {
		return nil
	}
	b := &s.browser
	b.mu.Lock()
	defer b.mu.Unlock()
	f := b.followed
	if f == nil {
		return nil
	}
	b.followed = nil
	f.timer.Stop()
	if f.url != u {
		f.resp.Body.Close()
		return nil
	}
	return f.resp
}

func (b *browserState) dropLocked() {
	if f := b.followed; f != nil {
		b.followed = nil
		f.timer.Stop()
		f.resp.Body.Close()
	}
}

// errFetchTimeout is await's error when the time ran out.
var errFetchTimeout = errors.New("timed out")

// jsRejection is a rejected promise's reason.
type jsRejection struct {
	name, message string
}

// Error returns "Name: message" as JavaScript prints errors.
func (e *jsRejection) Error() string {
	if e.name == "" {
		return e.message
	}
	return e.name + ": " + e.message
}

// await waits for p to settle, for ctx to end or for timeout (0: none).
// It must run on a goroutine of its own, never inside a JavaScript
// callback, so the browser can settle p meanwhile.
func await(ctx context.Context, p js.Value, timeout time.Duration) (js.Value, error) {
	type result struct {
		v  js.Value
		ok bool
	}
	ch := make(chan result, 1)
	var onOK, onErr js.Func
	settle := func(ok bool) js.Func {
		return js.FuncOf(func(_ js.Value, args []js.Value) any {
			v := js.Undefined()
			if len(args) > 0 {
				v = args[0]
			}
			ch <- result{v, ok}
			onOK.Release()
			onErr.Release()
			return nil
		})
	}
	onOK, onErr = settle(true), settle(false)
	p.Call("then", onOK, onErr)
	var expired <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(timeout)
		defer t.Stop()
		expired = t.C
	}
	select {
	case r := <-ch:
		if r.ok {
			return r.v, nil
		}
		rej := &jsRejection{message: r.v.String()}
		if r.v.Type() == js.TypeObject {
			rej.name, rej.message = r.v.Get("name").String(), r.v.Get("message").String()
		}
		return js.Undefined(), rej
	case <-ctx.Done():
		return js.Undefined(), ctx.Err()
	case <-expired:
		return js.Undefined(), errFetchTimeout
	}
}

// fetchError explains a fetch that failed. The browser says only "Failed
// to fetch" both for a server it could not reach and for a response CORS
// kept from the page; for another origin a no-cors request tells which.
func fetchError(ctx context.Context, target *url.URL, err error, receive time.Duration) error {
	u := target.String()
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case errors.Is(err, errFetchTimeout):
		return &Error{Code: ErrTimeout, Op: "receive", URL: u,
			Err: fmt.Errorf("no response within the receive timeout (%v)", receive)}
	}
	page := js.Global().Get("location").Get("origin").String()
	origin := target.Scheme + "://" + target.Host
	if !strings.EqualFold(origin, page) && reachable(ctx, u) {
		return &Error{Code: ErrSecureFailure, Op: "send", URL: u,
			Err: fmt.Errorf("blocked by CORS: %s answered, but it does not allow pages from %s to read its responses (no Access-Control-Allow-Origin for this request); the browser enforces this, winhttpjs on the command line does not (%v)", origin, page, err)}
	}
	return &Error{Code: ErrCannotConnect, Op: "connect", URL: u,
		Err: fmt.Errorf("the browser could not reach the server (%v)", err)}
}

// reachable reports whether a no-cors HEAD request to u gets an answer.
func reachable(ctx context.Context, u string) bool {
	ctx, cancel := context.WithTimeout(ctx, probeTimeout)
	defer cancel()
	ctrl := js.Global().Get("AbortController").New()
	opts := js.Global().Get("Object").New()
	opts.Set("method", http.MethodHead)
	opts.Set("mode", "no-cors")
	opts.Set("credentials", "omit")
	opts.Set("cache", "no-store")
	opts.Set("signal", ctrl.Get("signal"))
	_, err := await(ctx, js.Global().Call("fetch", u, opts), 0)
	if err != nil {
		ctrl.Call("abort")
	}
	return err == nil
}

// fetchBody reads a fetch response's body stream.
type fetchBody struct {
	reader  js.Value // ReadableStreamDefaultReader
	ctrl    js.Value // the request's AbortController
	ctx     context.Context
	receive time.Duration
	url     *url.URL
	pending []byte
	err     error
	closed  bool
}

// Read returns the next bytes of the body, waiting at most the receive
// timeout for each chunk.
func (b *fetchBody) Read(p []byte) (n int, err error) {
	if len(b.pending) == 0 && b.err == nil {
		b.next()
	}
	if len(b.pending) > 0 {
		n = copy(p, b.pending)
		b.pending = b.pending[n:]
		return n, nil
	}
	return 0, b.err
}

// next waits for the next chunk.
func (b *fetchBody) next() {
	defer func() {
		if p := recover(); p != nil {
			b.err = &Error{Code: ErrConnectionError, Op: "receive", URL: b.url.String(), Err: fmt.Errorf("fetch: %v", p)}
		}
	}()
	if b.closed {
		b.err = errors.New("read on closed body")
		return
	}
	v, err := await(b.ctx, b.reader.Call("read"), b.receive)
	switch {
	case err == nil && v.Get("done").Bool():
		b.err = io.EOF
	case err == nil:
		chunk := v.Get("value")
		b.pending = make([]byte, chunk.Get("length").Int())
		js.CopyBytesToGo(b.pending, chunk)
	case errors.Is(err, errFetchTimeout):
		b.ctrl.Call("abort")
		b.err = &Error{Code: ErrTimeout, Op: "receive", URL: b.url.String(),
			Err: fmt.Errorf("no data within the receive timeout (%v)", b.receive)}
	case b.ctx.Err() != nil:
		b.ctrl.Call("abort")
		b.err = b.ctx.Err()
	default:
		b.err = &Error{Code: ErrConnectionError, Op: "receive", URL: b.url.String(), Err: err}
	}
}

// Close stops the download.
func (b *fetchBody) Close() error {
	if !b.closed {
		b.closed = true
		b.ctrl.Call("abort")
	}
	return nil
}

// nativeSockets is false in the browser: every request goes through
// fetch, by way of Go's transport (see adaptTransport).
const nativeSockets = false
