package engine

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"sync/atomic"
	"time"
)

// maxConnectAttempts is WinHTTP's CONNECT_RETRIES default: one attempt per
// resolved address, at most five.
const maxConnectAttempts = 5

// dialPlain is Transport.DialContext: resolve with the request's resolve
// timeout, then connect to each address in turn with its connect timeout.
func dialPlain(ctx context.Context, network, addr string) (net.Conn, error) {
	h := hopFrom(ctx)
	if h == nil {
		return nil, &Error{Code: ErrInternal, Op: "connect", Err: errors.New("dial without a request")}
	}
	c, err := dialTCP(ctx, h, addr)
	if err != nil {
		return nil, err
	}
	c.plain = true
	return c, nil
}

// dialTCP resolves and connects for h.
func dialTCP(ctx context.Context, h *hop, addr string) (*timedConn, error) {
	if f := h.faultErr(); f != nil {
		// The transport is retrying a request that already timed out (see
		// hop.failed): no new connection for it.
		return nil, f
	}
	// Go's transport detaches dials from the request's cancellation so a
	// late connection can serve another request; WinHTTP's cancel aborts
	// the dial, and so does ours.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := context.AfterFunc(h.callerCtx, cancel)
	defer stop()

	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, &Error{Code: ErrInvalidURL, Op: "connect", URL: h.url.String(), Err: err}
	}
	addrs, err := resolve(ctx, h, host)
	if err != nil {
		return nil, err
	}
	attempts := h.attempts
	if attempts <= 0 {
		attempts = maxConnectAttempts
	}
	var last error
	for i, ip := range addrs {
		if i == attempts {
			break
		}
		conn, err := connect(ctx, h, ip, port)
		if err == nil {
			return &timedConn{Conn: conn}, nil
		}
		last = err
		if ctx.Err() != nil {
			break
		}
	}
	return nil, last
}

// resolve looks host up (an IP literal is its own answer) and reports it.
func resolve(ctx context.Context, h *hop, host string) ([]netip.Addr, error) {
	h.note.emit(StatusResolvingName, host)
	if ip, err := netip.ParseAddr(host); err == nil {
		h.note.emit(StatusNameResolved, ip.String())
		return []netip.Addr{ip}, nil
	}
	rctx := ctx
	if d := h.timeouts.Resolve; d > 0 {
		var cancel context.CancelFunc
		rctx, cancel = context.WithTimeout(ctx, d)
		defer cancel()
	}
	addrs, err := h.sess.resolver.LookupNetIP(rctx, "ip", host)
	if err == nil && len(addrs) == 0 {
		err = &net.DNSError{Err: "no addresses", Name: host, IsNotFound: true}
	}
	if err != nil {
		mk := func(code Code) error {
			return &Error{Code: code, Op: "resolve", URL: h.url.String(), Err: err}
		}
		var dnsErr *net.DNSError
		switch {
		case ctx.Err() != nil:
			return nil, ctx.Err()
		case rctx.Err() != nil, errors.As(err, &dnsErr) && dnsErr.IsTimeout:
			return nil, mk(ErrTimeout)
		default:
			return nil, mk(ErrNameNotResolved)
		}
	}
	for i, a := range addrs {
		addrs[i] = a.Unmap()
	}
	h.note.emit(StatusNameResolved, addrs[0].String())
	return addrs, nil
}

// connect opens one TCP connection within the connect timeout.
func connect(ctx context.Context, h *hop, ip netip.Addr, port string) (net.Conn, error) {
	h.note.emit(StatusConnectingToServer, ip.String())
	cctx := ctx
	if d := h.timeouts.Connect; d > 0 {
		var cancel context.CancelFunc
		cctx, cancel = context.WithTimeout(ctx, d)
		defer cancel()
	}
	target := net.JoinHostPort(ip.String(), port)
	var conn net.Conn
	var err error
	if h.sess.dial != nil {
		conn, err = h.sess.dial(cctx, "tcp", target)
	} else {
		var d net.Dialer
		conn, err = d.DialContext(cctx, "tcp", target)
	}
	if err == nil && conn == nil {
		err = errors.New("DialContext returned no connection")
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		code := ErrCannotConnect
		if cctx.Err() != nil || isTimeout(err) {
			code = ErrTimeout
		}
		return nil, &Error{Code: code, Op: "connect", URL: h.url.String(), Err: err}
	}
	h.note.emit(StatusConnectedToServer, ip.String())
	return conn, nil
}

// dialTLS is Transport.DialTLSContext: a plain dial (or a CONNECT tunnel
// through the request's proxy), then the handshake under the request's
// TLS policy, bounded by its connect timeout.
func dialTLS(ctx context.Context, network, addr string) (net.Conn, error) {
	h := hopFrom(ctx)
	if h == nil {
		return nil, &Error{Code: ErrInternal, Op: "tls", Err: errors.New("dial without a request")}
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, &Error{Code: ErrInvalidURL, Op: "tls", URL: h.url.String(), Err: err}
	}
	cfg, err := tlsConfig(host, h.security)
	if err != nil {
		return nil, asError(err, ErrSecureFailure, "tls", h.url)
	}
	var raw *timedConn
	if h.proxy != nil {
		raw, err = openTunnel(ctx, h, addr)
	} else {
		raw, err = dialTCP(ctx, h, addr)
	}
	if err != nil {
		return nil, err
	}
	cfg = cfg.Clone()
	// HTTP/1.1 only, as WinHTTP without ENABLE_HTTP_PROTOCOL; with it,
	// h2 is offered first.
	cfg.NextProtos = nil
	if h.http2 {
		cfg.NextProtos = []string{"h2", "http/1.1"}
	}
	conn := tls.Client(raw, cfg)

	hctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := context.AfterFunc(h.callerCtx, cancel)
	defer stop()
	var timedOut atomic.Bool
	if d := h.timeouts.Connect; d > 0 {
		t := time.AfterFunc(d, func() { timedOut.Store(true); cancel() })
		defer t.Stop()
	}
	if err := conn.HandshakeContext(hctx); err != nil {
		raw.Close()
		if h.callerCtx.Err() != nil {
			return nil, h.callerCtx.Err()
		}
		if timedOut.Load() {
			return nil, &Error{Code: ErrTimeout, Op: "connect", URL: h.url.String(), Err: fmt.Errorf("TLS handshake: %w", err)}
		}
		te := tlsError(err, h.url)
		if te.CertErrors != 0 {
			h.note.emit(StatusSecureFailure, te.CertErrors)
		}
		return nil, te
	}
	if conn.ConnectionState().NegotiatedProtocol == "h2" {
		// Go's transport hands a *tls.Conn that negotiated h2 to its
		// HTTP/2 client; anything else it speaks HTTP/1.1 on.
		return conn, nil
	}
	return &tlsSide{Conn: conn, timed: raw}, nil
}
