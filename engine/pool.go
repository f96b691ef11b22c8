package engine

import (
	"crypto/sha256"
	"crypto/tls"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// defaultMaxResponseHeaderBytes is WinHTTP's MAX_RESPONSE_HEADER_SIZE default.
const defaultMaxResponseHeaderBytes = 64 << 10

// Pool is a set of keep-alive connections that sessions may share. Idle
// connections are reused across requests with the same TLS policy,
// response-header limit, HTTP/2 setting, connection cap and (for https)
// proxy tunnel; a connection never serves a request with another TLS
// policy, and HTTP/1.1 and HTTP/2 requests never share one. It is safe
// for concurrent use.
type Pool struct {
	mu         sync.Mutex
	transports map[transportKey]poolTransport
}

// poolTransport is what the pool keeps per key: the engine's HTTP/1.1
// transport, or Go's for HTTP/2 and in the browser.
type poolTransport interface {
	http.RoundTripper
	CloseIdleConnections()
}

// transportKey is everything a pooled connection is bound to besides its
// address (each transport keys on that, and on the proxy of plain http:
// see h1Key).
type transportKey struct {
	ignore     SecurityFlags
	protocols  Protocols
	revocation bool
	clientCert [sha256.Size]byte // zero when no client certificate
	maxHeader  int64
	// tunnel is the proxy an https connection is tunnelled through (the
	// engine opens tunnels itself, so Go's transport cannot tell them
	// from direct connections).
	tunnel string
	// http2 lets the TLS handshake offer h2 (https only).
	http2 bool
	// maxConns is Transport.MaxConnsPerHost (0: no limit).
	maxConns int
}

// NewPool returns an empty Pool.
func NewPool() *Pool {
	return &Pool{transports: make(map[transportKey]poolTransport)}
}

// CloseIdleConnections closes every idle connection in the pool.
func (p *Pool) CloseIdleConnections() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, t := range p.transports {
		t.CloseIdleConnections()
	}
}

func keyFor(sec Security, maxHeader int64, tunnel *url.URL, http2 bool, maxConns int) transportKey {
	k := transportKey{
		ignore:     sec.IgnoreFlags,
		protocols:  sec.Protocols,
		revocation: sec.CheckRevocation,
		maxHeader:  maxHeader,
		http2:      http2,
		maxConns:   max(maxConns, 0),
	}
	if k.protocols == 0 {
		k.protocols = DefaultProtocols
	}
	if c := sec.ClientCertificate; c != nil && len(c.Certificate) > 0 {
		k.clientCert = sha256.Sum256(c.Certificate[0])
	}
	if tunnel != nil {
		k.tunnel = tunnel.String()
	}
	return k
}

// transport returns the transport for a TLS policy, header limit,
// tunnel, HTTP/2 setting and connection cap, creating it on first use.
func (p *Pool) transport(sec Security, maxHeader int64, tunnel *url.URL, http2 bool, maxConns int) poolTransport {
	k := keyFor(sec, maxHeader, tunnel, http2, maxConns)
	p.mu.Lock()
	defer p.mu.Unlock()
	if t, ok := p.transports[k]; ok {
		return t
	}
	if p.transports == nil {
		// A zero Pool is usable too.
		p.transports = make(map[transportKey]poolTransport)
	}
	var t poolTransport
	if http2 || !nativeSockets {
		gt := newTransport(maxHeader, http2)
		gt.MaxConnsPerHost = k.maxConns
		adaptTransport(gt)
		t = gt
	} else {
		t = newH1Transport(maxHeader, k.maxConns)
	}
	p.transports[k] = t
	return t
}

// newTransport is Go's transport, for HTTP/2 and the browser build (the
// engine's h1Transport carries native HTTP/1.1), set up to behave like
// WinHTTP: no compression, and every dial (TCP, TLS, proxy tunnel) done
// by the engine with the request's settings.
//
// With http2 the transport keeps Go's bundled HTTP/2 client: dialTLS
// offers "h2" by ALPN and, when the server picks it, returns the
// *tls.Conn itself, which is what makes net/http hand the connection to
// its HTTP/2 client (see Transport.dialConn).
func newTransport(maxHeader int64, http2 bool) *http.Transport {
	protocols := new(http.Protocols)
	protocols.SetHTTP1(true)
	if http2 {
		protocols.SetHTTP2(true)
		t := &http.Transport{
			Proxy:                  proxyFromHop,
			DialContext:            dialPlain,
			DialTLSContext:         dialTLS,
			DisableCompression:     true,
			MaxResponseHeaderBytes: maxHeader,
			Protocols:              protocols,
			MaxIdleConns:           256,
			MaxIdleConnsPerHost:    32,
			IdleConnTimeout:        90 * time.Second,
		}
		return t
	}
	return &http.Transport{
		Proxy:                  proxyFromHop,
		DialContext:            dialPlain,
		DialTLSContext:         dialTLS,
		DisableCompression:     true,
		MaxResponseHeaderBytes: maxHeader,
		Protocols:              protocols,
		TLSNextProto:           map[string]func(string, *tls.Conn) http.RoundTripper{},
		MaxIdleConns:           256,
		MaxIdleConnsPerHost:    32,
		IdleConnTimeout:        90 * time.Second,
	}
}

// proxyFromHop is Transport.Proxy: the proxy Send chose for a plain http
// hop. https hops are tunnelled by dialTLS instead, so that the TLS
// handshake and the CONNECT exchange follow the request's settings.
func proxyFromHop(r *http.Request) (*url.URL, error) {
	if h := hopFrom(r.Context()); h != nil && h.url.Scheme == "http" {
		return h.proxy, nil
	}
	return nil, nil
}
