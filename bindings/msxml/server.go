package msxml

import (
	"time"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/engine"
)

// SERVERXMLHTTP_OPTION values.
const (
	optURLCodePage          = 0
	optEscapePercentInURL   = 1
	optIgnoreCertErrors     = 2
	optSelectClientSSLCert  = 3
	sxhProxySetPreconfig    = 0
	sxhProxySetDirect       = 1
	sxhProxySetProxy        = 2
	defaultURLCodePage      = 65001
	defaultIgnoreCertErrors = 0
)

// setTimeouts is setTimeouts(resolve, connect, send, receive) in
// milliseconds; 0 (or -1) means no limit.
func (x *xhr) setTimeouts(call goja.FunctionCall) goja.Value {
	a := x.args(call, "setTimeouts")
	ms := func(i int, name string) time.Duration {
		n := a.Int(i, name)
		if n < -1 {
			x.throw(hrInvalid, msgInvalid, "setTimeouts: "+name+" must be -1, 0 or a number of milliseconds")
		}
		if n <= 0 {
			return 0
		}
		return time.Duration(n) * time.Millisecond
	}
	x.timeouts = engine.Timeouts{
		Resolve: ms(0, "resolveTimeout"),
		Connect: ms(1, "connectTimeout"),
		Send:    ms(2, "sendTimeout"),
		Receive: ms(3, "receiveTimeout"),
	}
	return nil
}

// setOption is setOption(option, value). Option 2 (the certificate errors
// to ignore, SXH_SERVER_CERT_IGNORE_* = WinHTTP's SECURITY_FLAG_IGNORE_*)
// takes effect; options 0, 1 and 3 are kept and read back.
func (x *xhr) setOption(call goja.FunctionCall) goja.Value {
	a := x.args(call, "setOption")
	opt := a.Int(0, "option")
	v := a.Value(1, "value")
	switch opt {
	case optURLCodePage, optEscapePercentInURL, optIgnoreCertErrors, optSelectClientSSLCert:
	default:
		x.throw(hrInvalid, msgInvalid, "setOption: option must be 0 (URL code page), 1 (escape % in URL), 2 (ignore certificate errors) or 3 (client certificate)")
	}
	x.options[opt] = v
	return nil
}

func (x *xhr) getOption(call goja.FunctionCall) goja.Value {
	opt := x.args(call, "getOption").Int(0, "option")
	if v, ok := x.options[opt]; ok {
		return v
	}
	switch opt {
	case optURLCodePage:
		return x.rt.ToValue(defaultURLCodePage)
	case optEscapePercentInURL:
		return x.rt.ToValue(false)
	case optIgnoreCertErrors:
		return x.rt.ToValue(defaultIgnoreCertErrors)
	case optSelectClientSSLCert:
		return x.rt.ToValue("")
	}
	x.throw(hrInvalid, msgInvalid, "getOption: option must be 0, 1, 2 or 3")
	return nil
}

// setProxy is setProxy(proxySetting, [varProxyServer], [varBypassList]).
func (x *xhr) setProxy(call goja.FunctionCall) goja.Value {
	a := x.args(call, "setProxy")
	setting := a.Int(0, "proxySetting")
	switch setting {
	case sxhProxySetPreconfig:
		x.proxy = nil
	case sxhProxySetDirect:
		x.proxy = &engine.ProxyConfig{Access: engine.ProxyDirect}
	case sxhProxySetProxy:
		cfg := engine.ProxyConfig{Access: engine.ProxyNamed, Server: a.OptString(1, ""), Bypass: a.OptString(2, "")}
		if err := engine.ValidateProxyConfig(cfg); err != nil {
			x.throw(hrInvalid, msgInvalid, "setProxy: "+err.Error())
		}
		x.proxy = &cfg
	default:
		x.throw(hrInvalid, msgInvalid, "setProxy: proxySetting must be 0 (preconfig), 1 (direct) or 2 (proxy)")
	}
	return nil
}

func (x *xhr) setProxyCredentials(call goja.FunctionCall) goja.Value {
	a := x.args(call, "setProxyCredentials")
	x.proxyUser = &engine.Credentials{Username: a.String(0, "bstrUserName"), Password: a.String(1, "bstrPassword")}
	return nil
}
