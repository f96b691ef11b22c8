package winhttpapi

import (
	"strings"

	"github.com/dop251/goja"

	"github.com/winhttpjs/winhttpjs/engine"
)

// WinHttpOpen flags and access types used here.
const (
	flagAsync          = 0x10000000
	flagSecureDefaults = 0x30000000
	accessDefault      = 0
	accessNoProxy      = 1
	accessNamed        = 3
	accessAutomatic    = 4
	flagSecure         = 0x00800000
	flagEscapePercent  = 0x00000004
	flagBypassCache    = 0x00000100
)

// sessionData is a session handle's engine session and mode.
type sessionData struct {
	engine *engine.Session
	async  bool
}

// open is WinHttpOpen(agent, accessType, proxy, bypass, flags) → hSession.
func (m *module) open(call goja.FunctionCall) goja.Value {
	agent, ok1 := str(call.Argument(0))
	access, ok2 := dword(call.Argument(1))
	proxy, ok3 := str(call.Argument(2))
	bypass, ok4 := str(call.Argument(3))
	flags, ok5 := dword(call.Argument(4))
	if !(ok1 && ok2 && ok3 && ok4 && ok5) || flags&^uint32(flagSecureDefaults) != 0 {
		return m.failNull(engine.ErrInvalidParameter)
	}
	cfg, code := m.proxyForAccess(access, proxy, bypass)
	if code != 0 {
		return m.failNull(code)
	}
	async := flags&flagAsync != 0
	if async && m.opts.Loop == nil {
		return m.failNull(engine.ErrNotSupported)
	}
	so := m.opts.Session
	so.Proxy = cfg
	so.Pool = m.opts.Pool
	if so.Getenv == nil {
		so.Getenv = m.opts.Getenv
	}
	so.UserAgent = ""
	if agent != nil {
		so.UserAgent = *agent
	}
	h := m.newHandle(kindSession, nil)
	h.set = defaultSettings()
	h.set.userAgent = &so.UserAgent
	if flags&flagSecureDefaults == flagSecureDefaults {
		h.set.secureProtocols = uint32(engine.ProtocolTLS12 | engine.ProtocolTLS13)
	}
	h.sess = &sessionData{engine: engine.NewSession(so), async: async}
	m.lastError = 0
	return h.value
}

// proxyForAccess checks WinHttpOpen's proxy arguments and builds the
// session's proxy configuration.
func (m *module) proxyForAccess(access uint32, proxy, bypass *string) (engine.ProxyConfig, engine.Code) {
	switch access {
	case accessDefault, accessAutomatic:
		if proxy != nil || bypass != nil {
			return engine.ProxyConfig{}, engine.ErrInvalidParameter
		}
		if m.defaultProxy != nil {
			return *m.defaultProxy, 0
		}
		return engine.ProxyConfig{Access: engine.ProxyDefault}, 0
	case accessNoProxy:
		if proxy != nil || bypass != nil {
			return engine.ProxyConfig{}, engine.ErrInvalidParameter
		}
		return engine.ProxyConfig{Access: engine.ProxyDirect}, 0
	case accessNamed:
		if proxy == nil || *proxy == "" {
			return engine.ProxyConfig{}, engine.ErrInvalidParameter
		}
		cfg := engine.ProxyConfig{Access: engine.ProxyNamed, Server: *proxy}
		if bypass != nil {
			cfg.Bypass = *bypass
		}
		if err := engine.ValidateProxyConfig(cfg); err != nil {
			return engine.ProxyConfig{}, engine.ErrInvalidParameter
		}
		return cfg, 0
	}
	return engine.ProxyConfig{}, engine.ErrInvalidParameter
}

// connect is WinHttpConnect(hSession, server, port, reserved) → hConnect.
// No network I/O happens.
func (m *module) connect(call goja.FunctionCall) goja.Value {
	s, code := m.lookup(call.Argument(0), kindSession)
	if code != 0 {
		return m.failNull(code)
	}
	server, ok := str(call.Argument(1))
	if !ok || server == nil {
		return m.failNull(engine.ErrInvalidParameter)
	}
	port, ok := integer(call.Argument(2))
	if !ok || port < 0 || port > 65535 {
		return m.failNull(engine.ErrInvalidParameter)
	}
	host := *server
	if host == "" || strings.ContainsAny(host, "/?#@ \t\r\n") {
		return m.failNull(engine.ErrInvalidURL)
	}
	c, err := s.sess.engine.Connect(strings.Trim(host, "[]"), int(port))
	if err != nil {
		return m.failNullErr(err)
	}
	h := m.newHandle(kindConnect, s)
	h.conn = c
	m.notifyCreated(h)
	m.lastError = 0
	return h.value
}

// openRequest is WinHttpOpenRequest(hConnect, verb, object, version,
// referrer, acceptTypes, flags) → hRequest.
func (m *module) openRequest(call goja.FunctionCall) goja.Value {
	c, code := m.lookup(call.Argument(0), kindConnect)
	if code != 0 {
		return m.failNull(code)
	}
	verb, ok1 := strOr(call.Argument(1), "GET")
	object, ok2 := strOr(call.Argument(2), "/")
	version, ok3 := strOr(call.Argument(3), "HTTP/1.1")
	referrer, ok4 := str(call.Argument(4))
	flags, ok5 := dword(call.Argument(6))
	if !(ok1 && ok2 && ok3 && ok4 && ok5) {
		return m.failNull(engine.ErrInvalidParameter)
	}
	var accept []string
	if a := call.Argument(5); !isNull(a) {
		if err := m.rt.ExportTo(a, &accept); err != nil {
			return m.failNull(engine.ErrInvalidParameter)
		}
	}
	if verb == "" {
		verb = "GET"
	}
	if flags&flagEscapePercent != 0 {
		object = strings.ReplaceAll(object, "%", "%25")
	}
	req, err := c.conn.OpenRequest(verb, object, flags&flagSecure != 0)
	if err != nil {
		return m.failNullErr(err)
	}
	switch strings.ToUpper(version) {
	case "HTTP/1.0":
		req.HTTP10 = true
	case "", "HTTP/1.1":
	default:
		return m.failNull(engine.ErrInvalidParameter)
	}
	if referrer != nil && *referrer != "" {
		req.Header.Add("Referer", *referrer)
	}
	for _, a := range accept {
		req.Header.Add("Accept", a)
	}
	if flags&flagBypassCache != 0 {
		req.Header.Add("Pragma", "no-cache")
		if !req.HTTP10 {
			req.Header.Add("Cache-Control", "no-cache")
		}
	}
	h := m.newHandle(kindRequest, c)
	h.req = &requestData{h: h, eng: req, verb: verb, secure: flags&flagSecure != 0,
		autoChunk: flags&flagAutomaticChunking != 0}
	m.notifyCreated(h)
	m.lastError = 0
	return h.value
}
