package winhttpapi

import (
	"github.com/dop251/goja"

	"github.com/winhttpjs/winhttpjs/engine"
)

// maxPACSize bounds a downloaded PAC file.
const maxPACSize = 1 << 20

// Auto-proxy flags.
const (
	autoProxyAutoDetect = 0x1
	autoProxyConfigURL  = 0x2
)

// proxyInfoObject converts a configuration to WINHTTP_PROXY_INFO.
func (m *module) proxyInfoObject(cfg engine.ProxyConfig) goja.Value {
	access := uint32(accessNoProxy)
	var proxy, bypass *string
	switch cfg.Access {
	case engine.ProxyNamed:
		access = accessNamed
		proxy, bypass = &cfg.Server, &cfg.Bypass
		if cfg.Bypass == "" {
			bypass = nil
		}
	case engine.ProxyDefault:
		access = accessDefault
	}
	return m.object("dwAccessType", access, "lpszProxy", proxy, "lpszProxyBypass", bypass)
}

// proxyInfoArg reads a WINHTTP_PROXY_INFO object.
func (m *module) proxyInfoArg(v goja.Value) (engine.ProxyConfig, engine.Code) {
	o, ok := v.(*goja.Object)
	if !ok {
		return engine.ProxyConfig{}, engine.ErrInvalidParameter
	}
	access, ok1 := dword(field(o, "dwAccessType"))
	proxy, ok2 := str(field(o, "lpszProxy"))
	bypass, ok3 := str(field(o, "lpszProxyBypass"))
	if !(ok1 && ok2 && ok3) {
		return engine.ProxyConfig{}, engine.ErrInvalidParameter
	}
	if access == accessNoProxy {
		proxy, bypass = nil, nil
	}
	return m.proxyForAccess(access, proxy, bypass)
}

// defaultProxyConfig is the machine default: what the script set with
// WinHttpSetDefaultProxyConfiguration, else the environment's.
func (m *module) defaultProxyConfig() engine.ProxyConfig {
	if m.defaultProxy != nil {
		return *m.defaultProxy
	}
	return engine.DefaultProxyConfig(m.opts.Getenv)
}

// setDefaultProxy stores the default configuration (for this runtime;
// nothing is written outside the process).
func (m *module) setDefaultProxy(v goja.Value) engine.Code {
	cfg, code := m.proxyInfoArg(v)
	if code != 0 {
		return code
	}
	if cfg.Access != engine.ProxyDirect && cfg.Access != engine.ProxyNamed {
		return engine.ErrInvalidParameter
	}
	m.defaultProxy = &cfg
	return 0
}

// getDefaultProxyConfiguration is WinHttpGetDefaultProxyConfiguration() →
// WINHTTP_PROXY_INFO of the environment (HTTP_PROXY, HTTPS_PROXY,
// NO_PROXY) or of WinHttpSetDefaultProxyConfiguration.
func (m *module) getDefaultProxyConfiguration(goja.FunctionCall) goja.Value {
	m.lastError = 0
	return m.proxyInfoObject(m.defaultProxyConfig())
}

// setDefaultProxyConfiguration is WinHttpSetDefaultProxyConfiguration(info).
func (m *module) setDefaultProxyConfiguration(call goja.FunctionCall) goja.Value {
	return m.result(m.setDefaultProxy(call.Argument(0)))
}

// getIEProxyConfig is WinHttpGetIEProxyConfigForCurrentUser() →
// WINHTTP_CURRENT_USER_IE_PROXY_CONFIG, from the same environment.
func (m *module) getIEProxyConfig(goja.FunctionCall) goja.Value {
	cfg := m.defaultProxyConfig()
	var proxy, bypass *string
	if cfg.Access == engine.ProxyNamed {
		proxy = &cfg.Server
		if cfg.Bypass != "" {
			bypass = &cfg.Bypass
		}
	}
	m.lastError = 0
	return m.object("fAutoDetect", false, "lpszAutoConfigUrl", (*string)(nil), "lpszProxy", proxy, "lpszProxyBypass", bypass)
}

// detectAutoProxyConfigURL is WinHttpDetectAutoProxyConfigUrl(flags):
// there is no WPAD discovery here, so it fails with
// ERROR_WINHTTP_AUTODETECTION_FAILED (ERROR_INVALID_PARAMETER for flags 0).
func (m *module) detectAutoProxyConfigURL(call goja.FunctionCall) goja.Value {
	flags, ok := dword(call.Argument(0))
	if !ok || flags == 0 {
		return m.failNull(engine.ErrInvalidParameter)
	}
	return m.failNull(engine.ErrAutodetectionFailed)
}

// resetAutoProxy is WinHttpResetAutoProxy(hSession, flags) → error code;
// nothing is cached, so there is nothing to reset.
func (m *module) resetAutoProxy(call goja.FunctionCall) goja.Value {
	if _, code := m.lookup(call.Argument(0), kindSession); code != 0 {
		return m.dwordResult(code)
	}
	return m.dwordResult(0)
}

// isHostInProxyBypassList is WinHttpIsHostInProxyBypassList(proxyInfo,
// host, scheme, port) → true/false, or null on failure.
func (m *module) isHostInProxyBypassList(call goja.FunctionCall) goja.Value {
	o, ok := call.Argument(0).(*goja.Object)
	host, ok2 := str(call.Argument(1))
	scheme, ok3 := dword(call.Argument(2))
	port, ok4 := dword(call.Argument(3))
	if !ok || !ok2 || !ok3 || !ok4 || host == nil || port > 65535 {
		return m.failNull(engine.ErrInvalidParameter)
	}
	bypass, ok := str(field(o, "lpszProxyBypass"))
	if !ok {
		return m.failNull(engine.ErrInvalidParameter)
	}
	s := "http"
	switch scheme {
	case 1:
	case 2:
		s = "https"
	default:
		return m.failNull(engine.ErrInvalidParameter)
	}
	b := ""
	if bypass != nil {
		b = *bypass
	}
	in, err := engine.IsHostInProxyBypassList(b, s, *host, int(port))
	if err != nil {
		return m.failNull(engine.ErrInvalidParameter)
	}
	m.lastError = 0
	return m.rt.ToValue(in)
}
