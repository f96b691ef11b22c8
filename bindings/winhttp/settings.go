package winhttp

import (
	"strconv"
	"time"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/engine"
)

// setTimeouts is SetTimeouts(Resolve, Connect, Send, Receive) in
// milliseconds; 0 and -1 mean no limit.
func (r *request) setTimeouts(call goja.FunctionCall) goja.Value {
	names := [4]string{"ResolveTimeout", "ConnectTimeout", "SendTimeout", "ReceiveTimeout"}
	var d [4]time.Duration
	for i, name := range names {
		ms := r.int32Arg(call, i, "SetTimeouts", name)
		switch {
		case ms == 0 || ms == -1:
		case ms < 0:
			r.throwInvalidArg("SetTimeouts: " + name + " " + strconv.Itoa(int(ms)) + " is negative (0 or -1 mean no limit)")
		default:
			d[i] = time.Duration(ms) * time.Millisecond
		}
	}
	r.timeouts = engine.Timeouts{Resolve: d[0], Connect: d[1], Send: d[2], Receive: d[3]}
	return nil
}

// setCredentials is SetCredentials(UserName, Password, Flags): 0 for the
// server, 1 for the proxy. It applies to the opened request.
func (r *request) setCredentials(call goja.FunctionCall) goja.Value {
	if r.phase < phaseOpen {
		r.throwCode(engine.ErrCannotCallBeforeOpen, "")
	}
	if absent(call, 0) || isNull(call.Argument(0)) {
		r.throwInvalidArg("SetCredentials: UserName is missing or null")
	}
	flags := r.int32Arg(call, 2, "SetCredentials", "Flags")
	creds := &engine.Credentials{Username: call.Argument(0).String()}
	if pw := call.Argument(1); !isNull(pw) {
		creds.Password = pw.String()
	}
	switch flags {
	case 0:
		r.server = creds
	case 1:
		r.proxy = creds
	default:
		r.throwInvalidArg("SetCredentials: Flags " + strconv.Itoa(int(flags)) + " is neither 0 (server) nor 1 (proxy)")
	}
	return nil
}

// setProxy is SetProxy(ProxySetting, [ProxyServer], [BypassList]):
// 0 the environment's proxy (HTTP_PROXY, HTTPS_PROXY, NO_PROXY), 1 direct,
// 2 the given server and bypass list.
func (r *request) setProxy(call goja.FunctionCall) goja.Value {
	setting := r.int32Arg(call, 0, "SetProxy", "ProxySetting")
	cfg := engine.ProxyConfig{}
	switch setting {
	case 0:
		cfg.Access = engine.ProxyDefault
	case 1:
		cfg.Access = engine.ProxyDirect
	case 2:
		cfg.Access = engine.ProxyNamed
		if v := call.Argument(1); !isNull(v) {
			cfg.Server = v.String()
		}
		if v := call.Argument(2); !isNull(v) {
			cfg.Bypass = v.String()
		}
	default:
		r.throwInvalidArg("SetProxy: ProxySetting " + strconv.Itoa(int(setting)) + " is not 0 (default), 1 (direct) or 2 (proxy)")
	}
	r.proxyCfg = &cfg
	return nil
}

// setAutoLogonPolicy is SetAutoLogonPolicy(0|1|2). The value is checked
// and kept, but has no effect: there are no logged-on Windows credentials
// to send automatically.
func (r *request) setAutoLogonPolicy(call goja.FunctionCall) goja.Value {
	p := r.int32Arg(call, 0, "SetAutoLogonPolicy", "AutoLogonPolicy")
	if p < 0 || p > 2 {
		r.throwInvalidArg("SetAutoLogonPolicy: " + strconv.Itoa(int(p)) + " is not 0 (always), 1 (only if bypassing the proxy) or 2 (never)")
	}
	r.autoLogon = p
	return nil
}
