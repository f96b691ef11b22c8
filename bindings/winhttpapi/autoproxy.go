package winhttpapi

import (
	"context"
	"errors"
	"io"
	"strings"

	"github.com/dop251/goja"

	"github.com/winhttpjs/winhttpjs/bindings/pac"
	"github.com/winhttpjs/winhttpjs/engine"
)

// autoProxyRequest is a checked WinHttpGetProxyForUrl call.
type autoProxyRequest struct {
	session   *engine.Session
	url, host string
	pacURL    string
}

// autoProxyArgs checks the URL and WINHTTP_AUTOPROXY_OPTIONS.
func (m *module) autoProxyArgs(s *handle, urlArg, optsArg goja.Value) (autoProxyRequest, engine.Code) {
	raw, ok := str(urlArg)
	o, isObj := optsArg.(*goja.Object)
	if !ok || raw == nil || !isObj {
		return autoProxyRequest{}, engine.ErrInvalidParameter
	}
	want := [engine.NumURLParts]engine.PartRequest{engine.PartHostName: {Mode: engine.PartPointer}}
	cracked, err := engine.CrackURL(*raw, 0, want)
	if err != nil {
		return autoProxyRequest{}, codeOf(err)
	}
	flags, ok := dword(field(o, "dwFlags"))
	if !ok || flags&(autoProxyAutoDetect|autoProxyConfigURL) == 0 {
		return autoProxyRequest{}, engine.ErrInvalidParameter
	}
	req := autoProxyRequest{session: s.session().sess.engine, url: *raw,
		host: strings.Trim(cracked.Parts[engine.PartHostName].Text, "[]")}
	if flags&autoProxyConfigURL != 0 {
		u, ok := str(field(o, "lpszAutoConfigUrl"))
		if !ok || u == nil {
			return autoProxyRequest{}, engine.ErrInvalidParameter
		}
		req.pacURL = *u
	}
	return req, 0
}

// find downloads and runs the PAC file; it may run on any goroutine.
func (m *module) find(ctx context.Context, req autoProxyRequest) (engine.ProxyConfig, error) {
	if req.pacURL == "" {
		return engine.ProxyConfig{}, engine.ErrAutodetectionFailed
	}
	script, err := download(ctx, req.session, req.pacURL)
	if err != nil {
		return engine.ProxyConfig{}, err
	}
	result, err := pac.FindProxyForURL(ctx, script, req.url, req.host, pac.Options{
		Resolver: m.opts.Session.Resolver, Now: m.opts.Now})
	if err != nil {
		return engine.ProxyConfig{}, &engine.Error{Code: engine.ErrBadAutoProxyScript, Op: "pac", Err: err}
	}
	entries, err := pac.Parse(result)
	if err != nil {
		return engine.ProxyConfig{}, &engine.Error{Code: engine.ErrBadAutoProxyScript, Op: "pac", Err: err}
	}
	return proxyFromPAC(entries), nil
}

// proxyFromPAC turns a PAC result into WINHTTP_PROXY_INFO terms: DIRECT
// first means no proxy; otherwise the proxies, in order, up to the first
// DIRECT (SOCKS entries as "socks=host:port").
func proxyFromPAC(entries []pac.Entry) engine.ProxyConfig {
	var list []string
	for _, e := range entries {
		if e.Kind == "DIRECT" {
			break
		}
		if strings.HasPrefix(e.Kind, "SOCKS") {
			list = append(list, "socks="+e.Host)
			continue
		}
		list = append(list, e.Host)
	}
	if len(list) == 0 {
		return engine.ProxyConfig{Access: engine.ProxyDirect}
	}
	return engine.ProxyConfig{Access: engine.ProxyNamed, Server: strings.Join(list, ";")}
}

// download fetches a PAC file through the session.
func download(ctx context.Context, s *engine.Session, url string) (string, error) {
	fail := func(err error) (string, error) {
		return "", &engine.Error{Code: engine.ErrUnableToDownloadScript, Op: "pac", URL: url, Err: err}
	}
	req, err := s.NewRequest("GET", url)
	if err != nil {
		return fail(err)
	}
	resp, err := req.Send(ctx, nil)
	if err != nil {
		return fail(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return fail(errors.New("HTTP status " + resp.StatusText))
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxPACSize+1))
	if err != nil {
		return fail(err)
	}
	if len(b) > maxPACSize {
		return fail(errors.New("the PAC file is larger than 1 MiB"))
	}
	return string(b), nil
}

// getProxyForURL is WinHttpGetProxyForUrl(hSession, url, autoProxyOptions)
// → WINHTTP_PROXY_INFO, or null. Always synchronous.
func (m *module) getProxyForURL(call goja.FunctionCall) goja.Value {
	s, code := m.lookup(call.Argument(0), kindSession)
	if code != 0 {
		return m.failNull(code)
	}
	req, code := m.autoProxyArgs(s, call.Argument(1), call.Argument(2))
	if code != 0 {
		return m.failNull(code)
	}
	cfg, err := m.find(m.opts.Context, req)
	if err != nil {
		return m.failNullErr(err)
	}
	m.lastError = 0
	return m.proxyInfoObject(cfg)
}
