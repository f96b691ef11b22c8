package winhttpapi

import (
	"github.com/dop251/goja"

	"github.com/winhttpjs/winhttpjs/engine"
)

// applyOption sets one option on h.
func (m *module) applyOption(h *handle, id uint32, v goja.Value) engine.Code {
	switch id {
	case optCallback:
		return engine.ErrInvalidParameter // set with WinHttpSetStatusCallback
	case optContextValue:
		h.context = v
		return 0
	case optUserAgent:
		s, ok := str(v)
		if !ok {
			return engine.ErrInvalidParameter
		}
		h.set.userAgent = s
		if s == nil {
			empty := ""
			h.set.userAgent = &empty
		}
		return 0
	case optProxy:
		cfg, code := m.proxyInfoArg(v)
		if code != 0 {
			return code
		}
		h.set.proxy = &cfg
		return 0
	case optUsername, optPassword, optProxyUsername, optProxyPassword:
		s, ok := str(v)
		if !ok || s == nil {
			return engine.ErrInvalidParameter
		}
		h.req.setCredentialPart(id, *s)
		return 0
	case optClientCertContext:
		// Only WINHTTP_NO_CLIENT_CERT_CONTEXT (null): "send no
		// certificate", the usual answer to 12044. Certificate stores
		// do not exist here.
		if !isNull(v) {
			return engine.ErrInvalidParameter
		}
		h.req.eng.Security.ClientCertificate = nil
		return 0
	case optUpgradeWebSocket:
		if h.req.state != stOpen {
			return engine.ErrIncorrectHandleState
		}
		h.req.upgrade = true
		return 0
	case optHTTPVersion:
		o, ok := v.(*goja.Object)
		if !ok {
			return engine.ErrInvalidParameter
		}
		major, ok1 := dword(field(o, "dwMajorVersion"))
		minor, ok2 := dword(field(o, "dwMinorVersion"))
		if !ok1 || !ok2 || major != 1 || minor > 1 {
			return engine.ErrInvalidParameter
		}
		h.req.eng.HTTP10 = minor == 0
		return 0
	}
	d, ok := dword(v)
	if !ok || isNull(v) {
		return engine.ErrInvalidParameter
	}
	switch id {
	case optSecurityFlags:
		if d&^uint32(engine.SecurityIgnoreAllCertErrors) != 0 {
			return engine.ErrInvalidParameter
		}
		h.req.securityFlags = d
		return 0
	case optDisableFeature:
		if h.req.state != stOpen || h.req.prog != nil {
			return engine.ErrIncorrectHandleState
		}
		if d&^0xF != 0 {
			return engine.ErrInvalidParameter
		}
		h.req.disable |= d
		return 0
	case optRedirectPolicy:
		if d > 2 {
			return engine.ErrInvalidParameter
		}
	case optWSKeepAlive:
		if d != 0 && d < 15000 {
			return engine.ErrInvalidParameter
		}
	case optSecureProtocols:
		if d&^uint32(0x2AA8) != 0 {
			return engine.ErrInvalidParameter
		}
	case optDecompression:
		if d&^3 != 0 {
			return engine.ErrInvalidParameter
		}
	case optEnableHTTPProtocol:
		if d&^3 != 0 {
			return engine.ErrInvalidParameter
		}
	case optMaxConnsPerServer, optMaxConnsPer10Server:
		if d == 0 {
			d = 2 // WinHTTP: setting 0 means 2
		}
	}
	p := dwordOption(&h.set, id)
	if p == nil {
		return engine.ErrInvalidOption
	}
	*p = d
	return 0
}

// optionValue reads one option of h.
func (m *module) optionValue(h *handle, id uint32) (goja.Value, engine.Code) {
	switch id {
	case optCallback:
		if h.cbValue == nil {
			return goja.Null(), 0
		}
		return h.cbValue, 0
	case optContextValue:
		return h.context, 0
	case optHandleType:
		return m.rt.ToValue(uint32(h.kind)), 0
	case optParentHandle:
		if h.parent == nil {
			return goja.Null(), 0
		}
		return h.parent.value, 0
	case optExtendedError:
		return m.rt.ToValue(0), 0
	case optUserAgent:
		if h.set.userAgent == nil {
			return m.rt.ToValue(""), 0
		}
		return m.rt.ToValue(*h.set.userAgent), 0
	case optProxy:
		if h.set.proxy != nil {
			return m.proxyInfoObject(*h.set.proxy), 0
		}
		return m.proxyInfoObject(h.session().sess.engine.Proxy()), 0
	case optURL:
		u := h.req.eng.URL
		if h.req.resp != nil && h.req.resp.URL != nil {
			u = h.req.resp.URL
		}
		return m.rt.ToValue(u.String()), 0
	case optHTTPProtocolUsed:
		if h.req.resp != nil && h.req.resp.Proto == "HTTP/2.0" {
			return m.rt.ToValue(protocolFlagHTTP2), 0
		}
		return m.rt.ToValue(0), 0
	case optSecurityFlags:
		f := h.req.securityFlags
		if h.req.secure {
			f |= 0x1 | 0x20000000 // SECURITY_FLAG_SECURE | STRENGTH_STRONG
		}
		return m.rt.ToValue(f), 0
	case optHTTPVersion:
		minor := 1
		if h.req.eng.HTTP10 {
			minor = 0
		}
		return m.object("dwMajorVersion", 1, "dwMinorVersion", minor), 0
	case optUsername, optPassword, optProxyUsername, optProxyPassword:
		return m.rt.ToValue(h.req.credentialPart(id)), 0
	}
	p := dwordOption(&h.set, id)
	if p == nil {
		return nil, engine.ErrInvalidOption
	}
	return m.rt.ToValue(*p), 0
}
