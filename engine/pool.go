package engine

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"encoding/base64"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// defaultMaxResponseHeaderBytes is WinHTTP's MAX_RESPONSE_HEADER_SIZE default.
const defaultMaxResponseHeaderBytes = 64 << 10

// Pool is a set of keep-alive connections that sessions may share. Idle
// connections are reused across requests with the same TLS policy and
// response-header limit; a connection never serves a request with another
// TLS policy. It is safe for concurrent use.
type Pool struct {
	mu         sync.Mutex
	transports map[transportKey]*transportEntry
}

// transportKey is everything a pooled connection is bound to besides its
// address and proxy (which Go's transport keys on itself).
type transportKey struct {
	ignore     SecurityFlags
	protocols  Protocols
	revocation bool
	clientCert [sha256.Size]byte // zero when no client certificate
	maxHeader  int64
}

type transportEntry struct {
	t *http.Transport
	// proxyTLSErr is why no TLS configuration exists for https through a
	// proxy (Go's transport does that handshake itself).
	proxyTLSErr error
}

// NewPool returns an empty Pool.
func NewPool() *Pool {
	return &Pool{transports: make(map[transportKey]*transportEntry)}
}

// CloseIdleConnections closes every idle connection in the pool.
func (p *Pool) CloseIdleConnections() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, e := range p.transports {
		e.t.CloseIdleConnections()
	}
}

func keyFor(sec Security, maxHeader int64) transportKey {
	k := transportKey{
		ignore:     sec.IgnoreFlags,
		protocols:  sec.Protocols,
		revocation: sec.CheckRevocation,
		maxHeader:  maxHeader,
	}
	if k.protocols == 0 {
		k.protocols = DefaultProtocols
	}
	if c := sec.ClientCertificate; c != nil && len(c.Certificate) > 0 {
		k.clientCert = sha256.Sum256(c.Certificate[0])
	}
	return k
}

// transport returns the transport for a TLS policy and header limit,
// creating it on first use.
func (p *Pool) transport(sec Security, maxHeader int64) *transportEntry {
	k := keyFor(sec, maxHeader)
	p.mu.Lock()
	defer p.mu.Unlock()
	if e, ok := p.transports[k]; ok {
		return e
	}
	if p.transports == nil {
		// A zero Pool is usable too.
		p.transports = make(map[transportKey]*transportEntry)
	}
	e := newTransportEntry(sec, maxHeader)
	p.transports[k] = e
	return e
}

func newTransportEntry(sec Security, maxHeader int64) *transportEntry {
	protocols := new(http.Protocols)
	protocols.SetHTTP1(true)
	t := &http.Transport{
		Proxy:                  proxyFromHop,
		DialContext:            dialPlain,
		DialTLSContext:         dialTLS,
		GetProxyConnectHeader:  proxyConnectHeader,
		OnProxyConnectResponse: recordConnectResponse,
		DisableCompression:     true,
		MaxResponseHeaderBytes: maxHeader,
		Protocols:              protocols,
		TLSNextProto:           map[string]func(string, *tls.Conn) http.RoundTripper{},
		MaxIdleConns:           256,
		MaxIdleConnsPerHost:    32,
		IdleConnTimeout:        90 * time.Second,
	}
	e := &transportEntry{t: t}
	// Go's transport does the TLS handshake itself after a CONNECT, with
	// TLSClientConfig, filling in ServerName per connection; the
	// verification is rebuilt for the name actually sent.
	cfg, err := tlsConfig("", sec)
	if err != nil {
		e.proxyTLSErr = err
	} else {
		cfg = cfg.Clone()
		cfg.NextProtos = nil
		cfg.VerifyConnection = func(cs tls.ConnectionState) error {
			named, err := tlsConfig(cs.ServerName, sec)
			if err != nil {
				return err
			}
			if named.VerifyConnection == nil {
				return nil
			}
			return named.VerifyConnection(cs)
		}
		t.TLSClientConfig = cfg
		// The request's connect timeout cannot reach this handshake; bound
		// it by WinHTTP's default connect timeout instead.
		t.TLSHandshakeTimeout = DefaultTimeouts.Connect
	}
	return e
}

// proxyFromHop is Transport.Proxy: the proxy Send chose for this hop.
func proxyFromHop(r *http.Request) (*url.URL, error) {
	if h := hopFrom(r.Context()); h != nil {
		return h.proxy, nil
	}
	return nil, nil
}

// proxyConnectHeader sends Basic proxy credentials with CONNECT up front:
// Go's transport gives no way to answer a challenge inside the CONNECT
// exchange, so challenge-based schemes cannot be used for tunnels.
func proxyConnectHeader(ctx context.Context, _ *url.URL, _ string) (http.Header, error) {
	h := hopFrom(ctx)
	if h == nil || h.proxyCreds == nil {
		return nil, nil
	}
	c := h.proxyCreds
	if c.Schemes != 0 && c.Schemes&AuthBasic == 0 {
		return nil, nil
	}
	token := base64.StdEncoding.EncodeToString([]byte(c.Username + ":" + c.Password))
	return http.Header{"Proxy-Authorization": {"Basic " + token}}, nil
}

// recordConnectResponse keeps a refused CONNECT's answer so Send can hand
// it to the caller as the response, as WinHTTP does.
func recordConnectResponse(ctx context.Context, _ *url.URL, _ *http.Request, resp *http.Response) error {
	if resp.StatusCode == http.StatusOK {
		return nil
	}
	if h := hopFrom(ctx); h != nil {
		h.setConnectResponse(resp)
	}
	return errConnectRefused
}
