package winhttpapi

import (
	"github.com/dop251/goja"

	"github.com/winhttpjs/winhttpjs/engine"
)

// optionKind says where an option applies and how (spec §4.3).
type optionKind struct {
	session, connect, request, websocket bool
	query, set                           bool
}

// option ids (WINHTTP_OPTION_*) the module implements.
const (
	optCallback            = 1
	optResolveTimeout      = 2
	optConnectTimeout      = 3
	optConnectRetries      = 4
	optSendTimeout         = 5
	optReceiveTimeout      = 6
	optReceiveRespTimeout  = 7
	optHandleType          = 9
	optReadBufferSize      = 12
	optWriteBufferSize     = 13
	optParentHandle        = 21
	optExtendedError       = 24
	optSecurityFlags       = 31
	optURL                 = 34
	optProxy               = 38
	optUserAgent           = 41
	optContextValue        = 45
	optClientCertContext   = 47
	optRequestPriority     = 58
	optHTTPVersion         = 59
	optDisableFeature      = 63
	optMaxConnsPerServer   = 73
	optMaxConnsPer10Server = 74
	optAutologonPolicy     = 77
	optSecureProtocols     = 84
	optRedirectPolicy      = 88
	optMaxRedirects        = 89
	optMaxContinue         = 90
	optMaxHeaderSize       = 91
	optMaxDrainSize        = 92
	optUpgradeWebSocket    = 114
	optWSCloseTimeout      = 115
	optWSKeepAlive         = 116
	optDecompression       = 118
	optEnableHTTPProtocol  = 133
	optHTTPProtocolUsed    = 134
	optUsername            = 0x1000
	optPassword            = 0x1001
	optProxyUsername       = 0x1002
	optProxyPassword       = 0x1003
)

// optionKinds lists the implemented options; any other id fails with
// ERROR_WINHTTP_INVALID_OPTION.
func optionKinds(id uint32) (optionKind, bool) {
	all := optionKind{session: true, connect: true, request: true, websocket: true, query: true, set: true}
	sr := optionKind{session: true, request: true, query: true, set: true}
	sess := optionKind{session: true, query: true, set: true}
	req := optionKind{request: true, query: true, set: true}
	switch id {
	case optCallback, optContextValue:
		return all, true
	case optResolveTimeout, optConnectTimeout, optConnectRetries, optSendTimeout, optReceiveTimeout,
		optReceiveRespTimeout, optRedirectPolicy, optMaxRedirects, optMaxContinue, optMaxHeaderSize,
		optMaxDrainSize, optProxy:
		return sr, true
	case optDecompression, optEnableHTTPProtocol:
		return optionKind{session: true, request: true, set: true, query: true}, true
	case optWSCloseTimeout, optWSKeepAlive:
		return optionKind{session: true, request: true, websocket: true, query: true, set: true}, true
	case optHandleType, optParentHandle, optExtendedError:
		return optionKind{session: true, connect: true, request: true, websocket: true, query: true}, true
	case optUserAgent, optMaxConnsPerServer, optMaxConnsPer10Server, optSecureProtocols:
		return sess, true
	case optSecurityFlags, optReadBufferSize, optWriteBufferSize, optRequestPriority, optHTTPVersion,
		optUsername, optPassword, optProxyUsername, optProxyPassword:
		return req, true
	case optURL, optHTTPProtocolUsed:
		return optionKind{request: true, query: true}, true
	case optDisableFeature, optAutologonPolicy, optUpgradeWebSocket, optClientCertContext:
		return optionKind{request: true, set: true}, true
	}
	return optionKind{}, false
}

// checkOption finds the handle for an option call; NULL is allowed for
// WINHTTP_OPTION_PROXY (the default configuration).
func (m *module) checkOption(hv goja.Value, id uint32, set bool) (*handle, engine.Code) {
	k, known := optionKinds(id)
	if isNull(hv) && id == optProxy {
		if !known {
			return nil, engine.ErrInvalidOption
		}
		return nil, 0
	}
	h, code := m.lookup(hv)
	if code != 0 {
		return nil, code
	}
	if !known {
		return nil, engine.ErrInvalidOption
	}
	if set && !k.set {
		return nil, engine.ErrOptionNotSettable
	}
	if !set && !k.query {
		return nil, engine.ErrInvalidOption
	}
	okKind := h.kind == kindSession && k.session || h.kind == kindConnect && k.connect ||
		h.kind == kindRequest && k.request || h.kind == kindWebSocket && k.websocket
	if !okKind {
		return nil, engine.ErrIncorrectHandleType
	}
	return h, 0
}

// dwordOption returns the settings field an option id stores as a DWORD.
func dwordOption(s *settings, id uint32) *uint32 {
	switch id {
	case optResolveTimeout:
		return &s.resolveTimeout
	case optConnectTimeout:
		return &s.connectTimeout
	case optConnectRetries:
		return &s.connectRetries
	case optSendTimeout:
		return &s.sendTimeout
	case optReceiveTimeout:
		return &s.receiveTimeout
	case optReceiveRespTimeout:
		return &s.receiveResponseTimeout
	case optRedirectPolicy:
		return &s.redirectPolicy
	case optMaxRedirects:
		return &s.maxRedirects
	case optMaxContinue:
		return &s.maxContinue
	case optMaxHeaderSize:
		return &s.maxHeaderSize
	case optMaxDrainSize:
		return &s.maxDrainSize
	case optDecompression:
		return &s.decompression
	case optEnableHTTPProtocol:
		return &s.httpProtocols
	case optMaxConnsPerServer:
		return &s.maxConns
	case optMaxConnsPer10Server:
		return &s.maxConns10
	case optSecureProtocols:
		return &s.secureProtocols
	case optWSCloseTimeout:
		return &s.wsCloseTimeout
	case optWSKeepAlive:
		return &s.wsKeepAlive
	case optAutologonPolicy:
		return &s.autologon
	case optReadBufferSize:
		return &s.readBuffer
	case optWriteBufferSize:
		return &s.writeBuffer
	case optRequestPriority:
		return &s.requestPriority
	}
	return nil
}

// setOption is WinHttpSetOption(h, option, value): value is a number for
// DWORD options, a string for string options, an object for
// WINHTTP_PROXY_INFO / HTTP_VERSION_INFO, null for UPGRADE_TO_WEB_SOCKET.
func (m *module) setOption(call goja.FunctionCall) goja.Value {
	id, ok := dword(call.Argument(1))
	if !ok {
		return m.fail(engine.ErrInvalidParameter)
	}
	h, code := m.checkOption(call.Argument(0), id, true)
	if code != 0 {
		return m.fail(code)
	}
	v := call.Argument(2)
	if h == nil {
		return m.fail(m.setDefaultProxy(v))
	}
	if h.kind == kindRequest && h.req.op.pending {
		return m.fail(engine.ErrIncorrectHandleState)
	}
	return m.result(m.applyOption(h, id, v))
}

// result turns a code into a BOOL result.
func (m *module) result(code engine.Code) goja.Value {
	if code != 0 {
		return m.fail(code)
	}
	return m.ok()
}

// queryOption is WinHttpQueryOption(h, option) → the value (number,
// string, object or handle), or null on failure.
func (m *module) queryOption(call goja.FunctionCall) goja.Value {
	id, ok := dword(call.Argument(1))
	if !ok {
		return m.failNull(engine.ErrInvalidParameter)
	}
	h, code := m.checkOption(call.Argument(0), id, false)
	if code != 0 {
		return m.failNull(code)
	}
	if h == nil {
		return m.proxyInfoObject(m.defaultProxyConfig())
	}
	v, code := m.optionValue(h, id)
	if code != 0 {
		return m.failNull(code)
	}
	m.lastError = 0
	return v
}

// setTimeouts is WinHttpSetTimeouts(h, resolve, connect, send, receive):
// 0 or -1 mean no limit; session and request handles only.
func (m *module) setTimeouts(call goja.FunctionCall) goja.Value {
	h, code := m.lookup(call.Argument(0), kindSession, kindRequest)
	if code != 0 {
		return m.fail(code)
	}
	var vals [4]uint32
	for i := range vals {
		n, ok := integer(call.Argument(i + 1))
		if !ok || n < -1 || n > 0x7FFFFFFF {
			return m.fail(engine.ErrInvalidParameter)
		}
		vals[i] = uint32(int32(n))
	}
	h.set.resolveTimeout, h.set.connectTimeout, h.set.sendTimeout, h.set.receiveTimeout = vals[0], vals[1], vals[2], vals[3]
	return m.ok()
}
