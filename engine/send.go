package engine

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/textproto"
	"net/url"
)

// maxAuthRounds bounds the authentication exchanges of one hop, in case a
// handshake keeps answering a server that keeps refusing.
const maxAuthRounds = 8

// send runs the whole exchange: hops for redirects, rounds for
// authentication, and the final response.
func (r *Request) send(ctx context.Context, b requestBody) (*Response, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	method, err := r.check()
	if err != nil {
		return nil, err
	}
	if cerr := ctx.Err(); cerr != nil {
		return nil, classify(cerr, ctx, nil, "send", r.URL)
	}
	if r.HTTP10 && b.reader != nil && b.length < 0 {
		// HTTP/1.0 has no chunked encoding: learn the length by reading.
		data, err := io.ReadAll(b.reader)
		if err != nil {
			return nil, &Error{Code: ErrInvalidParameter, Op: "send", URL: r.URL.String(),
				Err: fmt.Errorf("reading the request body: %w", err)}
		}
		b = requestBody{data: data}
	}
	note := newNotifier(r.Notify)
	defer note.stop()

	// The Send's copy of the URL (Response.URL must not alias the
	// request's) is kept in its first hop, which is allocated anyway.
	first := new(hop)
	u := stripFragmentInto(&first.urlCopy, r.URL)
	start := u
	hops := 0
	for {
		// The first hop goes to the request's own server: compute origins
		// (two allocations each) only after a redirect.
		crossHost := hops > 0 && origin(u) != origin(start)
		resp, h, err := r.exchange(ctx, note, method, u, b, crossHost, first)
		first = nil
		if err != nil {
			return nil, err
		}
		next, err := r.redirect(resp, u, method, b, hops)
		if err != nil {
			drain(resp, h)
			return nil, err
		}
		if next == nil {
			// The response and its body reader live in the final hop,
			// which they keep alive anyway (the body ends the hop).
			out := &h.out
			fillResponse(out, resp, u, h.capture.final())
			h.body = bodyReader{rc: resp.Body, h: h, callerCtx: ctx, url: u}
			out.Body = &h.body
			if resp.Body == http.NoBody {
				h.release()
			}
			note.emit(StatusHeadersAvailable, nil)
			return out, nil
		}
		drain(resp, h)
		note.emit(StatusRedirect, next.url.String())
		hops++
		u, method, b = next.url, next.method, next.body
	}
}

// check validates the request before anything goes on the wire and returns
// the method to use.
func (r *Request) check() (string, error) {
	if r == nil {
		return "", &Error{Code: ErrInvalidHandle, Op: "send", Err: errors.New("nil *Request")}
	}
	if r.session == nil || r.session.pool == nil {
		return "", &Error{Code: ErrIncorrectHandleState, Op: "send",
			Err: errors.New("the request was not opened with Session.NewRequest or Connection.OpenRequest on a session from NewSession")}
	}
	if r.URL == nil {
		return "", &Error{Code: ErrInvalidURL, Op: "send", Err: errors.New("the request has no URL")}
	}
	if r.URL.Scheme != "http" && r.URL.Scheme != "https" {
		return "", &Error{Code: ErrUnrecognizedScheme, Op: "send", URL: r.URL.String(),
			Err: fmt.Errorf("scheme %q is not http or https", r.URL.Scheme)}
	}
	if r.URL.Hostname() == "" {
		return "", &Error{Code: ErrInvalidURL, Op: "send", URL: r.URL.String(), Err: errors.New("the URL has no host")}
	}
	method := r.Method
	if method == "" {
		method = http.MethodGet
	}
	if !validToken(method) {
		return "", &Error{Code: ErrInvalidParameter, Op: "send", URL: r.URL.String(),
			Err: fmt.Errorf("method %q is not an HTTP token", method)}
	}
	if err := validateHeaders(&r.Header, r.URL); err != nil {
		return "", err
	}
	return method, nil
}

// exchange sends one hop and answers its authentication challenges.
//
// first, when not nil, is the storage for the first hop (see roundTrip).
func (r *Request) exchange(ctx context.Context, note *notifier, method string, u *url.URL, b requestBody, crossHost bool, first *hop) (*http.Response, *hop, error) {
	w := wireHeaders{crossHost: crossHost}
	var server, proxy authHandshake
	for round := 0; ; round++ {
		resp, h, err := r.roundTrip(ctx, note, method, u, b, w, first)
		first = nil
		if err != nil {
			return nil, nil, err
		}
		r.storeCookies(u, resp)
		if r.DisableAuth || round == maxAuthRounds || !b.replayable() {
			return resp, h, nil
		}
		var hs *authHandshake
		var creds *Credentials
		var challengeHeader string
		var answer *string
		switch {
		case resp.StatusCode == http.StatusUnauthorized && r.ServerCredentials != nil && !crossHost:
			hs, creds, challengeHeader, answer = &server, r.ServerCredentials, "Www-Authenticate", &w.authorization
		case resp.StatusCode == http.StatusProxyAuthRequired && r.ProxyCredentials != nil &&
			h.proxy != nil && u.Scheme == "http":
			hs, creds, challengeHeader, answer = &proxy, r.ProxyCredentials, "Proxy-Authenticate", &w.proxyAuthorization
		default:
			return resp, h, nil
		}
		if *hs == nil {
			// Through a proxy the request line carries the absolute URI, and
			// Digest signs what the request line says.
			uri := u.RequestURI()
			if h.proxy != nil && u.Scheme == "http" {
				uri = u.String()
			}
			*hs = newAuthHandshake(creds, method, uri)
		}
		value, ok, err := (*hs).Next(resp.Header.Values(challengeHeader))
		if err != nil {
			drain(resp, h)
			return nil, nil, asError(err, ErrLoginFailure, "auth", u)
		}
		if !ok {
			return resp, h, nil
		}
		// Read the challenge's body so the answer rides the same
		// connection (NTLM authenticates the connection, not the request).
		drain(resp, h)
		*answer = value
	}
}

// roundTrip puts one request on the wire and returns the response head.
//
// h, when not nil, is a fresh hop to use (send's first, which already
// holds the Send's URL copy); otherwise a hop is allocated.
func (r *Request) roundTrip(ctx context.Context, note *notifier, method string, u *url.URL, b requestBody, w wireHeaders, h *hop) (*http.Response, *hop, error) {
	sess := r.session
	maxHeader := r.MaxResponseHeaderBytes
	if maxHeader <= 0 {
		maxHeader = defaultMaxResponseHeaderBytes
	}
	if h == nil {
		h = new(hop)
	}
	// A composite literal, so no lock is copied; urlCopy may be what u
	// points to and is carried over.
	*h = hop{
		urlCopy:    h.urlCopy,
		sess:       sess,
		timeouts:   r.Timeouts,
		security:   r.Security,
		proxyCreds: r.ProxyCredentials,
		userAgent:  r.userAgent(),
		noAuth:     r.DisableAuth,
		http10:     r.HTTP10,
		zeroLength: b.empty() && needsZeroLength(method),
		note:       note,
		callerCtx:  ctx,
		url:        u,

		http2:      r.EnableHTTP2 && u.Scheme == "https",
		attempts:   r.ConnectAttempts,
		maxDrain:   r.MaxDrainBytes,
		maxInterim: r.MaxInterimResponses,

		respTimeout: r.ReceiveResponseTimeout,
	}
	h.capture.limit = int(maxHeader) + 4096
	proxy, err := r.proxyURL(u)
	if err != nil {
		return nil, nil, asError(err, ErrInvalidParameter, "proxy", u)
	}
	h.proxy = proxy
	var tunnel *url.URL
	if u.Scheme == "https" {
		tunnel = proxy
	}
	transport := sess.pool.transport(r.Security, maxHeader, tunnel, h.http2, r.MaxConnsPerServer)
	if sess.jar != nil && !r.DisableCookies {
		w.cookie = cookieHeader(sess.jar.Cookies(u))
	}
	base := ctx
	if h.needsCancel() {
		base, h.cancel = context.WithCancel(ctx)
	}
	h.ctx = hopCtx{Context: httptrace.WithClientTrace(base, h.trace()), h: h}
	resp, err := transport.RoundTrip(r.wireRequest(method, u, b, w, &h.ctx))
	if !h.headArrived() && err == nil {
		// The timer fired as the head came in: the hop's context is
		// cancelled, so the body could not be read anyway.
		resp.Body.Close()
		resp, err = nil, h.faultErr()
	}
	if err != nil {
		h.release()
		cr, head := h.connectResponse()
		if cr == nil {
			op := "send"
			if h.wrote.Load() {
				op = "receive"
			}
			return nil, nil, classify(err, ctx, h, op, u)
		}
		resp = cr
		h.capture.setFinal(head)
	}
	headLen := len(h.capture.final())
	if headLen == 0 {
		headLen = len(newResponse(resp, u, "").RawHeaders())
	}
	note.advance(h, phaseReceived, int(h.sent.Load()), headLen)
	return resp, h, nil
}

// trace reports the transport's progress as notifications and attaches
// the connection the transport picked to this hop.
func (h *hop) trace() *httptrace.ClientTrace {
	// Kept in the hop, which is allocated anyway.
	h.hooks = httptrace.ClientTrace{
		GotConn: func(info httptrace.GotConnInfo) {
			// An HTTP/2 connection is shared by streams: no hop owns its
			// deadlines or its bytes.
			if tc, ok := info.Conn.(*tls.Conn); ok && tc.ConnectionState().NegotiatedProtocol == "h2" {
				h.onH2.Store(true)
				h.note.advance(h, phaseSending, 0, 0)
				return
			}
			if c := unwrapTimed(info.Conn); c != nil {
				h.attach(c)
			}
			h.note.advance(h, phaseSending, 0, 0)
		},
		// Go reports the request written before flushing its buffer, so
		// RequestSent is emitted by the connection once the flush is
		// done (or, failing that, when the answer starts).
		WroteRequest: func(info httptrace.WroteRequestInfo) {
			if info.Err == nil {
				h.wrote.Store(true)
				h.startHeadTimer()
				if h.onH2.Load() {
					// No connection wrapper sees HTTP/2 frames flushed:
					// the request is sent once Go has written it.
					h.note.advance(h, phaseSent, 0, 0)
				}
			}
		},
	}
	// The hook must be set even when it has nothing to do: with one, Go's
	// transport gives each interim head the whole header allowance; without
	// one, all interim heads and the final one share it. Without a limit to
	// enforce or a callback to tell, a static function (no closure, no
	// allocation) keeps that behaviour.
	h.hooks.Got1xxResponse = ignore1xx
	if h.maxInterim != 0 || h.note != nil {
		h.hooks.Got1xxResponse = func(code int, _ textproto.MIMEHeader) error {
			if n := h.interim.Add(1); h.maxInterim != 0 && int(n) > max(h.maxInterim, 0) {
				return &Error{Code: ErrInvalidServerResponse, Op: "receive", URL: h.url.String(),
					Err: fmt.Errorf("more than %d informational (1xx) responses", max(h.maxInterim, 0))}
			}
			h.note.emit(StatusIntermediateResponse, code)
			return nil
		}
	}
	if h.note != nil {
		// Only notifications use the first byte: without a callback the
		// closure (an allocation per hop) is left out.
		h.hooks.GotFirstResponseByte = func() {
			h.note.advance(h, phaseSent, int(h.sent.Load()), 0)
		}
	}
	return &h.hooks
}

// ignore1xx is the Got1xxResponse hook of a hop that neither limits nor
// reports interim responses.
func ignore1xx(int, textproto.MIMEHeader) error { return nil }

// proxyURL is the proxy for u under the request's (else the session's)
// configuration; nil means a direct connection.
func (r *Request) proxyURL(u *url.URL) (*url.URL, error) {
	cfg := r.session.proxy
	if r.Proxy != nil {
		cfg = *r.Proxy
	}
	if cfg.Access == ProxyDirect {
		return nil, nil
	}
	return proxyFor(cfg, u, r.session.getenv)
}

// storeCookies files the response's Set-Cookie fields in the session's
// store, for every response including redirects and challenges.
func (r *Request) storeCookies(u *url.URL, resp *http.Response) {
	if r.session.jar == nil || r.DisableCookies {
		return
	}
	if cookies := resp.Cookies(); len(cookies) > 0 {
		r.session.jar.SetCookies(u, cookies)
	}
}

// stripFragment returns a copy of u without fragment and userinfo.
func stripFragment(u *url.URL) *url.URL {
	return stripFragmentInto(new(url.URL), u)
}

// stripFragmentInto is stripFragment into storage the caller provides.
func stripFragmentInto(dst, u *url.URL) *url.URL {
	*dst = *u
	dst.Fragment, dst.RawFragment = "", ""
	dst.User = nil
	return dst
}

// needsZeroLength reports whether a bodiless request with this method
// needs the engine to add "Content-Length: 0": WinHTTP sends it for every
// verb but GET; Go writes it itself only for POST, PUT and PATCH.
func needsZeroLength(method string) bool {
	switch method {
	case http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodConnect:
		return false
	}
	return true
}
