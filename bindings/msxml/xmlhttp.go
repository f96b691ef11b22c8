// Package msxml provides the HTTP objects of MSXML — MSXML2.XMLHTTP
// (3.0, 6.0), Microsoft.XMLHTTP and MSXML2.ServerXMLHTTP (3.0, 6.0) — on
// the winhttpjs engine. The XML DOM (responseXML, sending a document) is
// not provided and fails with a clear error.
package msxml

import (
	"context"
	"errors"
	"runtime"
	"strings"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/bindings/hostsys"
	"github.com/winhttpjs/winhttpjs/engine"
)

// ProgIDs of the client object (WinInet-based on Windows).
func ProgIDs() []string {
	return []string{"MSXML2.XMLHTTP", "MSXML2.XMLHTTP.3.0", "MSXML2.XMLHTTP.6.0", "Microsoft.XMLHTTP", "Microsoft.XMLHTTP.1.0"}
}

// ServerProgIDs of the server object (WinHTTP-based on Windows).
func ServerProgIDs() []string {
	return []string{"MSXML2.ServerXMLHTTP", "MSXML2.ServerXMLHTTP.3.0", "MSXML2.ServerXMLHTTP.6.0"}
}

// Config is what the host gives every object.
type Config struct {
	// Context bounds every request: cancelling it aborts them.
	Context context.Context
	// Pool, when set, shares keep-alive connections between objects.
	Pool *engine.Pool
	// Sys gives the event loop (Sys.Loop) that delivers asynchronous
	// readyState changes; without a loop they are caught up whenever the
	// script reads the object.
	Sys *hostsys.System
}

// Factory returns a com.Factory for the client object (server=false) or
// ServerXMLHTTP (server=true).
func Factory(cfg Config, server bool) com.Factory {
	return func(rt *goja.Runtime) (*goja.Object, error) { return New(rt, cfg, server), nil }
}

// User agents: XMLHTTP goes through WinInet and sends Internet Explorer's;
// ServerXMLHTTP goes through WinHTTP and sends its object's.
const (
	clientUserAgent = "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 10.0; Win64; x64; Trident/7.0)"
	serverUserAgent = engine.DefaultUserAgent
)

// readyState values.
const (
	stateUninitialized = 0
	stateLoading       = 1 // opened
	stateLoaded        = 2 // sent
	stateInteractive   = 3 // receiving
	stateCompleted     = 4
)

// xhr is one XMLHTTP or ServerXMLHTTP object; its fields belong to the
// script goroutine.
type xhr struct {
	rt     *goja.Runtime
	cfg    Config
	server bool
	source string
	obj    *goja.Object

	session *engine.Session
	state   int
	method  string
	url     string
	async   bool
	header  engine.Header
	creds   *engine.Credentials
	cur     *transfer
	handler goja.Value
	// buffer is the ArrayBuffer of bufferOf's body, made at the first
	// responseBody or responseStream read.
	buffer   goja.Value
	bufferOf *transfer
	// delivering is set while catchUp calls onreadystatechange.
	delivering bool

	// ServerXMLHTTP settings, kept across open.
	timeouts  engine.Timeouts
	proxy     *engine.ProxyConfig
	proxyUser *engine.Credentials
	options   map[int64]goja.Value
}

// New creates an object; server selects ServerXMLHTTP's members.
func New(rt *goja.Runtime, cfg Config, server bool) *goja.Object {
	if cfg.Context == nil {
		cfg.Context = context.Background()
	}
	x := &xhr{rt: rt, cfg: cfg, server: server, source: "msxml3.dll", timeouts: engine.DefaultTimeouts, options: map[int64]goja.Value{}}
	if server {
		x.source = "msxml6.dll"
	}
	members := []com.Member{
		{Name: "open", Method: x.open},
		{Name: "send", Method: x.send},
		{Name: "abort", Method: x.abort},
		{Name: "setRequestHeader", Method: x.setRequestHeader},
		{Name: "getResponseHeader", Method: x.getResponseHeader},
		{Name: "getAllResponseHeaders", Method: x.getAllResponseHeaders},
		{Name: "status", Get: x.status},
		{Name: "statusText", Get: x.statusText},
		{Name: "readyState", Get: func() goja.Value { x.catchUp(); return rt.ToValue(x.state) }},
		{Name: "onreadystatechange", Get: func() goja.Value { return x.handler }, Set: func(v goja.Value) { x.handler = v }},
		{Name: "responseText", Get: x.responseText},
		{Name: "responseBody", Get: x.responseBody},
		{Name: "responseStream", Get: x.responseStream},
		{Name: "responseXML", Get: func() goja.Value { x.notSupported("responseXML"); return nil }},
	}
	if server {
		members = append(members,
			com.Member{Name: "setTimeouts", Method: x.setTimeouts},
			com.Member{Name: "waitForResponse", Method: x.waitForResponse},
			com.Member{Name: "setOption", Method: x.setOption},
			com.Member{Name: "getOption", Method: x.getOption},
			com.Member{Name: "setProxy", Method: x.setProxy},
			com.Member{Name: "setProxyCredentials", Method: x.setProxyCredentials},
		)
	}
	name := "XMLHTTP"
	if server {
		name = "ServerXMLHTTP"
	}
	x.handler = goja.Null()
	x.obj = com.NewObject(rt, members, com.ObjectOptions{
		Source:  x.source,
		Inspect: func() string { return name + " (readyState " + rt.ToValue(x.state).String() + ")" },
	})
	return x.obj
}

func (x *xhr) ensureSession() {
	if x.session != nil {
		return
	}
	ua := clientUserAgent
	if x.server {
		ua = serverUserAgent
	}
	s := engine.NewSession(engine.SessionOptions{UserAgent: ua, Pool: x.cfg.Pool})
	x.session = s
	// Release the session's idle connections when the host ends the run,
	// or when the object is collected, whichever comes first.
	stop := context.AfterFunc(x.cfg.Context, func() { _ = s.Close() })
	runtime.AddCleanup(x, func(s *engine.Session) {
		if stop() {
			_ = s.Close()
		}
	}, s)
}

// open is open(bstrMethod, bstrUrl, [varAsync], [bstrUser], [bstrPassword]).
// MSXML's async defaults to true: scripts wanting a synchronous request
// pass false.
func (x *xhr) open(call goja.FunctionCall) goja.Value {
	a := x.args(call, "open")
	method := a.String(0, "bstrMethod")
	rawURL := a.String(1, "bstrUrl")
	async := a.OptBool(2, "varAsync", true)
	user := a.OptString(3, "")
	pass := a.OptString(4, "")
	x.reset()
	x.ensureSession()
	if method == "" {
		x.throw(hrInvalid, msgInvalid, "open: the method is empty")
	}
	if _, err := x.session.NewRequest(strings.ToUpper(method), rawURL); err != nil {
		x.throwErr(err)
	}
	x.method = strings.ToUpper(method)
	if !knownVerb(x.method) {
		x.method = method // only the standard verbs are upper-cased, as XHR does
	}
	x.url = rawURL
	x.async = async
	if user != "" || pass != "" {
		x.creds = &engine.Credentials{Username: user, Password: pass}
	}
	x.setState(stateLoading)
	return nil
}

func knownVerb(m string) bool {
	switch m {
	case "GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH":
		return true
	}
	return false
}

// reset cancels a request in flight and forgets the last one.
func (x *xhr) reset() {
	if x.cur != nil {
		x.cur.cancel()
		x.cur = nil
	}
	x.state = stateUninitialized
	x.method, x.url = "", ""
	x.header = engine.Header{}
	x.creds = nil
}

// abort is abort(): the request is cancelled and the object goes back to
// readyState 0, as MSXML's.
func (x *xhr) abort(goja.FunctionCall) goja.Value {
	x.reset()
	return nil
}

func (x *xhr) setRequestHeader(call goja.FunctionCall) goja.Value {
	a := x.args(call, "setRequestHeader")
	name := a.String(0, "bstrHeader")
	value := a.String(1, "bstrValue")
	if x.state != stateLoading || x.cur != nil {
		x.throw(hrFail, msgFail, "setRequestHeader: call open first, and set headers before send")
	}
	if name == "" || strings.ContainsAny(name, " \t\r\n:") {
		x.throw(hrInvalid, msgInvalid, "setRequestHeader: "+name+" is not a valid header name")
	}
	if strings.ContainsAny(value, "\r\n") {
		x.throw(hrInvalid, msgInvalid, "setRequestHeader: the value of "+name+" contains a line break")
	}
	x.header.Add(name, value)
	return nil
}

// setState changes readyState and calls onreadystatechange. While the
// handler runs, reading readyState must not catch up with the worker: the
// handler would be re-entered for later states and see them before the
// one it was called for.
func (x *xhr) setState(s int) {
	x.state = s
	fn, ok := goja.AssertFunction(x.handler)
	if !ok {
		return
	}
	was := x.delivering
	x.delivering = true
	_, err := fn(goja.Undefined())
	x.delivering = was
	if err != nil {
		var ie *goja.InterruptedError
		if errors.As(err, &ie) {
			// WScript.Quit or a time-out inside the handler: stop the
			// script at its next instruction, as the interrupt meant to.
			x.rt.Interrupt(ie.Value())
			return
		}
		panic(err)
	}
}
