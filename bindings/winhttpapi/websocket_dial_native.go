//go:build !(js && wasm)

package winhttpapi

import (
	"context"
	"crypto/tls"
	"net"
	"net/http"
	"net/url"

	"github.com/coder/websocket"
	"github.com/winhttpjs/winhttpjs/engine"
)

// webSocketDialer returns the handshake of a request, made with the
// session's dialer, the request's proxy and certificate flags and hdr.
// It is built on the script's goroutine and run on another.
func (r *requestData) webSocketDialer(m *module, hdr http.Header) func(ctx context.Context, url string) (*websocket.Conn, *http.Response, error) {
	client := r.upgradeClient(m)
	return func(ctx context.Context, url string) (*websocket.Conn, *http.Response, error) {
		return websocket.Dial(ctx, url, &websocket.DialOptions{HTTPClient: client, HTTPHeader: hdr})
	}
}

// upgradeClient is the HTTP client of the handshake: the session's dialer,
// the request's proxy and certificate flags.
func (r *requestData) upgradeClient(m *module) *http.Client {
	dial := m.opts.Session.DialContext
	if dial == nil {
		dial = (&net.Dialer{Timeout: duration(r.h.set.connectTimeout)}).DialContext
	}
	cfg := r.h.session().sess.engine.Proxy()
	if r.h.set.proxy != nil {
		cfg = *r.h.set.proxy
	}
	getenv := m.opts.Getenv
	t := &http.Transport{
		DialContext: dial,
		Proxy: func(req *http.Request) (*url.URL, error) {
			if cfg.Access == engine.ProxyDirect {
				return nil, nil
			}
			return engine.ProxyForURL(cfg, req.URL, getenv)
		},
		// The engine's per-problem certificate flags have no equivalent
		// here: any ignore flag turns verification off for the handshake.
		TLSClientConfig: &tls.Config{InsecureSkipVerify: r.securityFlags&uint32(engine.SecurityIgnoreAllCertErrors) != 0},
	}
	return &http.Client{Transport: t}
}
