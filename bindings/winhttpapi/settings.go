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
	r.UserAgent = s.userAgent
	r.Proxy = s.proxy
}
