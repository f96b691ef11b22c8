package winhttpapi

import (
	"github.com/dop251/goja"

	"github.com/winhttpjs/winhttpjs/engine"
)

// queryAuthSchemes is WinHttpQueryAuthSchemes(hRequest) →
// {dwSupportedSchemes, dwFirstScheme, dwAuthTarget} after a 401 or 407
// response; null with ERROR_WINHTTP_INCORRECT_HANDLE_STATE otherwise.
func (m *module) queryAuthSchemes(call goja.FunctionCall) goja.Value {
	h, code := m.request(call.Argument(0))
	if code != 0 {
		return m.failNull(code)
	}
	r := h.req
	if r.state != stReceived || r.resp == nil {
		return m.failNull(engine.ErrIncorrectHandleState)
	}
	var header string
	var target uint32
	switch r.resp.StatusCode {
	case 401:
		header = "WWW-Authenticate"
	case 407:
		header, target = "Proxy-Authenticate", 1
	default:
		return m.failNull(engine.ErrIncorrectHandleState)
	}
	supported, first := engine.QueryAuthSchemes(r.resp.Header.Values(header))
	if supported == 0 {
		return m.failNull(engine.ErrInvalidOperation)
	}
	m.lastError = 0
	return m.object("dwSupportedSchemes", uint32(supported), "dwFirstScheme", uint32(first), "dwAuthTarget", target)
}

// setCredentials is WinHttpSetCredentials(hRequest, authTargets,
// authScheme, userName, password, authParams): the credentials answer the
// next challenge (resend the request with WinHttpSendRequest).
func (m *module) setCredentials(call goja.FunctionCall) goja.Value {
	h, code := m.request(call.Argument(0))
	if code != 0 {
		return m.fail(code)
	}
	target, ok1 := dword(call.Argument(1))
	scheme, ok2 := dword(call.Argument(2))
	user, ok3 := str(call.Argument(3))
	pass, ok4 := str(call.Argument(4))
	if !(ok1 && ok2 && ok3 && ok4) || target > 1 {
		return m.fail(engine.ErrInvalidParameter)
	}
	switch engine.AuthScheme(scheme) {
	case engine.AuthBasic, engine.AuthNTLM, engine.AuthDigest, engine.AuthNegotiate, engine.AuthPassport:
	default:
		return m.fail(engine.ErrInvalidParameter)
	}
	if engine.AuthScheme(scheme) == engine.AuthBasic && user == nil {
		return m.fail(engine.ErrInvalidParameter)
	}
	c := &engine.Credentials{Schemes: engine.AuthScheme(scheme)}
	if user != nil {
		c.Username = *user
	}
	if pass != nil {
		c.Password = *pass
	}
	if target == 1 {
		h.req.eng.ProxyCredentials = c
	} else {
		h.req.eng.ServerCredentials = c
	}
	return m.ok()
}

// setCredentialPart stores WINHTTP_OPTION_USERNAME / PASSWORD /
// PROXY_USERNAME / PROXY_PASSWORD (any scheme the engine supports).
func (r *requestData) setCredentialPart(id uint32, v string) {
	target := &r.eng.ServerCredentials
	if id == optProxyUsername || id == optProxyPassword {
		target = &r.eng.ProxyCredentials
	}
	if *target == nil {
		*target = &engine.Credentials{}
	}
	c := **target
	if id == optUsername || id == optProxyUsername {
		c.Username = v
	} else {
		c.Password = v
	}
	*target = &c
}

// credentialPart reads one of those options back.
func (r *requestData) credentialPart(id uint32) string {
	c := r.eng.ServerCredentials
	if id == optProxyUsername || id == optProxyPassword {
		c = r.eng.ProxyCredentials
	}
	if c == nil {
		return ""
	}
	if id == optUsername || id == optProxyUsername {
		return c.Username
	}
	return c.Password
}
