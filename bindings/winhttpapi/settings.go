package winhttpapi

import (
	"time"

	"github.com/winhttpjs/winhttpjs/engine"
)

// infinite is the DWORD that options use for "no limit".
const infinite = 0xFFFFFFFF

// settings are the option values a handle carries; children copy their
// parent's at creation (spec §1.1). Values are kept as the DWORDs the
// script set, so WinHttpQueryOption returns them unchanged.
type settings struct {
	resolveTimeout, connectTimeout, sendTimeout, receiveTimeout, receiveResponseTimeout uint32
	connectRetries                                                                      uint32

	redirectPolicy, maxRedirects, maxContinue, maxHeaderSize, maxDrainSize uint32
	decompression, httpProtocols                                           uint32
	maxConns, maxConns10                                                   uint32
	secureProtocols                                                        uint32
	wsCloseTimeout, wsKeepAlive                                            uint32
	autologon, readBuffer, writeBuffer, requestPriority                    uint32

	userAgent *string
	proxy     *engine.ProxyConfig // nil: the session's own configuration
}

// defaultSettings are WinHTTP's defaults (spec §4).
func defaultSettings() settings {
	return settings{
		resolveTimeout: 0, connectTimeout: 60000, sendTimeout: 30000, receiveTimeout: 30000,
		receiveResponseTimeout: 90000, connectRetries: 5,
		redirectPolicy: 1, maxRedirects: 10, maxContinue: 10, maxHeaderSize: 64 << 10, maxDrainSize: 1 << 20,
		maxConns: infinite, maxConns10: infinite,
		secureProtocols: uint32(engine.DefaultProtocols),
		wsCloseTimeout:  10000, wsKeepAlive: 30000,
		readBuffer: 8192, writeBuffer: 8192,
	}
}

// duration turns a timeout DWORD into the engine's form (0: no limit).
func duration(ms uint32) time.Duration {
	if ms == infinite {
		return 0
	}
	return time.Duration(ms) * time.Millisecond
}

// protocolFlagHTTP2 is WINHTTP_PROTOCOL_FLAG_HTTP2.
const protocolFlagHTTP2 = 0x1

// connCap turns a MAX_CONNS_PER_SERVER DWORD into the engine's form (0:
// no limit). The option stores 0 as 2 when set.
func connCap(n uint32) int {
	if n == infinite || n > 1<<20 {
		return 0
	}
	return int(n)
}

// apply copies the settings into an engine request before it is sent.
func (s settings) apply(r *engine.Request) {
	r.Timeouts = engine.Timeouts{
		Resolve: duration(s.resolveTimeout), Connect: duration(s.connectTimeout),
		Send: duration(s.sendTimeout), Receive: duration(s.receiveTimeout),
	}
	r.Redirects = engine.RedirectPolicy{
		Disabled:         s.redirectPolicy == 0,
		AllowHTTPSToHTTP: s.redirectPolicy == 2,
		Max:              int(s.maxRedirects),
	}
	if s.maxRedirects == 0 {
		// The engine reads Max 0 as its default; zero automatic redirects
		// is handled by the module: redirects are not followed and
		// receive fails the first one (see receive.go).
		r.Redirects.Disabled = true
	}
	r.Security.Protocols = engine.Protocols(s.secureProtocols)
	r.MaxResponseHeaderBytes = int64(s.maxHeaderSize)
	r.EnableHTTP2 = s.httpProtocols&protocolFlagHTTP2 != 0
	// MAX_CONNS_PER_1_0_SERVER caps requests sent as HTTP/1.0: the
	// server's version is only known once connected.
	r.MaxConnsPerServer = connCap(s.maxConns)
	if r.HTTP10 {
		r.MaxConnsPerServer = connCap(s.maxConns10)
	}
	r.ReceiveResponseTimeout = duration(s.receiveResponseTimeout)
	// CONNECT_RETRIES 0 still makes one attempt.
	r.ConnectAttempts = int(min(max(s.connectRetries, 1), 1<<30))
	// The engine reads 0 as its 1 MiB default: 0 here drains nothing.
	r.MaxDrainBytes = int64(s.maxDrainSize)
	if s.maxDrainSize == 0 {
		r.MaxDrainBytes = -1
	}
	// The engine reads 0 as no limit: 0 here allows no 1xx response.
	r.MaxInterimResponses = int(min(s.maxContinue, 1<<30))
	if s.maxContinue == 0 {
		r.MaxInterimResponses = -1
	}
	r.UserAgent = s.userAgent
	r.Proxy = s.proxy
}
