package winhttpapi

import (
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/winhttpjs/winhttpjs/engine"
)

// resolverData is a proxy resolver handle's lookup and its result.
type resolverData struct {
	op     asyncOp
	done   bool
	result engine.ProxyConfig
	err    error
}

// createProxyResolver is WinHttpCreateProxyResolver(hSession) → the
// resolver handle, or null (the session must be asynchronous:
// ERROR_INVALID_OPERATION otherwise).
func (m *module) createProxyResolver(call goja.FunctionCall) goja.Value {
	s, code := m.lookup(call.Argument(0), kindSession)
	if code != 0 {
		return m.failNull(code)
	}
	if !s.sess.async {
		return m.failNull(engine.ErrInvalidOperation)
	}
	h := m.newHandle(kindResolver, s)
	h.res = &resolverData{}
	m.lastError = 0
	return h.value
}

// getProxyForURLEx is WinHttpGetProxyForUrlEx(hResolver, url,
// autoProxyOptions, context) → ERROR_IO_PENDING (997) when started; the
// result comes as GETPROXYFORURL_COMPLETE (read it with
// WinHttpGetProxyResult) or REQUEST_ERROR.
func (m *module) getProxyForURLEx(call goja.FunctionCall) goja.Value {
	return m.startProxyLookup(call.Argument(0), call.Argument(1), call.Argument(2), call.Argument(3))
}

// getProxyForURLEx2 is WinHttpGetProxyForUrlEx2(hResolver, url, options,
// interfaceSelectionContext, context); the interface selection is ignored.
func (m *module) getProxyForURLEx2(call goja.FunctionCall) goja.Value {
	return m.startProxyLookup(call.Argument(0), call.Argument(1), call.Argument(2), call.Argument(4))
}

func (m *module) startProxyLookup(hv, urlArg, optsArg, ctxArg goja.Value) goja.Value {
	h, code := m.lookup(hv, kindResolver)
	if code != 0 {
		return m.dwordResult(code)
	}
	if h.res.op.pending {
		return m.dwordResult(engine.ErrIncorrectHandleState)
	}
	req, code := m.autoProxyArgs(h, urlArg, optsArg)
	if code != 0 {
		return m.dwordResult(code)
	}
	if !isNull(ctxArg) {
		h.context = ctxArg
	}
	r := h.res
	r.done = false
	m.runAsync(h, func(func(engine.Notification)) func() {
		cfg, err := m.find(m.opts.Context, req)
		return func() {
			if m.cancelledCall(h, asyncResult{api: apiGetProxyForURL}) {
				return
			}
			r.done, r.result, r.err = true, cfg, err
			if err != nil {
				m.invoke(h, statusRequestError, asyncResult{api: apiGetProxyForURL, code: m.closedCode(h, err)})
				return
			}
			m.invoke(h, statusGetProxyComplete, nil)
		}
	})
	return m.dwordResult(engine.ErrIOPending)
}

// getProxyResult is WinHttpGetProxyResult(hResolver) →
// WINHTTP_PROXY_RESULT {cEntries, pEntries: [{fProxy, fBypass,
// ProxyScheme, pwszProxy, ProxyPort}]}, or null.
func (m *module) getProxyResult(call goja.FunctionCall) goja.Value {
	h, code := m.lookup(call.Argument(0), kindResolver)
	if code != 0 {
		return m.failNull(code)
	}
	r := h.res
	if !r.done || r.err != nil {
		return m.failNull(engine.ErrIncorrectHandleState)
	}
	var entries []any
	if r.result.Access == engine.ProxyDirect {
		entries = append(entries, m.object("fProxy", false, "fBypass", false, "ProxyScheme", 0, "pwszProxy", (*string)(nil), "ProxyPort", 0))
	} else {
		for _, p := range splitProxyList(r.result.Server) {
			entries = append(entries, m.object("fProxy", true, "fBypass", false, "ProxyScheme", 1, "pwszProxy", p.host, "ProxyPort", p.port))
		}
	}
	m.lastError = 0
	return m.object("cEntries", len(entries), "pEntries", m.rt.NewArray(entries...))
}

// proxyEntry is one proxy of a list.
type proxyEntry struct {
	host string
	port int
}

// splitProxyList splits "host:port;socks=host:port" into host and port.
func splitProxyList(list string) []proxyEntry {
	var out []proxyEntry
	for _, p := range strings.Split(list, ";") {
		p = strings.TrimSpace(p)
		if _, after, ok := strings.Cut(p, "="); ok {
			p = after
		}
		if p == "" {
			continue
		}
		host, port := p, 80
		if i := strings.LastIndex(p, ":"); i >= 0 && !strings.HasSuffix(p, "]") {
			if n, err := strconv.Atoi(p[i+1:]); err == nil {
				host, port = p[:i], n
			}
		}
		out = append(out, proxyEntry{host, port})
	}
	return out
}
