package winhttp

import (
	"context"
	"crypto/tls"
	"net"
	"net/url"
	"runtime"
	"sync"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/bindings/host"
	"github.com/winhttpjs/winhttpjs/engine"
)

// The ProgIDs the object is registered under.
const (
	ProgID  = "WinHttp.WinHttpRequest.5.1"
	ProgID5 = "WinHttp.WinHttpRequest.5"
)

// ProgIDs returns the names the object is created by.
func ProgIDs() []string { return []string{ProgID, ProgID5} }

// Config is what the host gives every object it creates.
type Config struct {
	// Context bounds the object's requests: cancelling it aborts them and
	// releases the object's session.
	Context context.Context
	// Pool, when set, is shared by the sessions of all objects.
	Pool *engine.Pool
	// Loop, when set, is the host's event loop: an asynchronous Send
	// reserves it until the request ends and delivers its events through
	// it, and WaitForResponse lets it run while waiting. Without it the
	// events of an asynchronous request are delivered only inside
	// WaitForResponse.
	Loop host.Loop
	// Resolver and DialContext, when set, are given to every object's
	// session (see engine.SessionOptions).
	Resolver    *net.Resolver
	DialContext func(ctx context.Context, network, address string) (net.Conn, error)
	// Observe, when set, is shown every request just before Send hands it
	// to the engine (on the script's goroutine; it may set req.Notify), and
	// the function it returns, when not nil, is told how the request ended
	// (on the transfer's goroutine, which is the script's own for a
	// synchronous Send without an event sink). Hosts use it to trace
	// requests.
	Observe func(req *engine.Request) (ended func(resp *engine.Response, err error))
	// DiscardStreamedBody stops objects from keeping a response body that
	// they deliver to an OnResponseDataAvailable handler: the events carry
	// it and nothing else holds it, so a streamed download costs one copy
	// of each byte, not two (Windows' object keeps the body, and so do
	// these objects by default, past 8 MiB in a temporary file).
	// ResponseBody, ResponseText and ResponseStream then throw 12019 after
	// such a Send. It applies to a Send made while the object's sink has
	// an OnResponseDataAvailable handler; other bodies are kept as usual.
	DiscardStreamedBody bool

	// workers runs the transfers that do not run on the script's
	// goroutine: one pool per Factory, shared by its objects.
	workers *workers
}

// Factory returns a com.Factory creating objects configured by cfg.
func Factory(cfg Config) com.Factory {
	if cfg.Context == nil {
		cfg.Context = context.Background()
	}
	cfg.workers = newWorkers(cfg.Context)
	// The class in the runtime the factory serves (a registry belongs to
	// one runtime), so that its objects share their method targets. The
	// lock only guards a factory registered in several runtimes' registries.
	var (
		mu sync.Mutex
		in *com.ClassIn[*request]
	)
	return func(rt *goja.Runtime) (*goja.Object, error) {
		mu.Lock()
		if in == nil || in.Runtime() != rt {
			in = requestClass.In(rt)
		}
		c := in
		mu.Unlock()
		return newRequest(c, cfg), nil
	}
}

// phase is the object's place in WinHTTP's ordered state machine; checks
// compare (before Open means phase < phaseOpen). Cancelled sorts below Open
// so that an aborted object behaves as one never opened.
type phase int

const (
	phaseInit phase = iota
	phaseCancelled
	phaseOpen
	phaseSent
)

// request is one WinHttpRequest object. Its fields are used only on the
// script's goroutine; the network work of a Send lives in a transfer.
type request struct {
	rt  *goja.Runtime
	cfg Config
	obj *goja.Object

	session *engine.Session

	phase   phase
	method  string
	rawURL  string   // as given to Open, after code-page escaping
	openURL *url.URL // as the engine parsed it at Open
	// openReq is the request Open made to check the URL, with the verb
	// and URL Send would parse again: the first Send after Open sends it
	// instead of making another (a retry makes a new one).
	openReq *engine.Request
	async   bool
	header  engine.Header
	// headerShared: header is openHeader, which must not be changed in
	// place (see ownHeader).
	headerShared bool
	server       *engine.Credentials
	proxy        *engine.Credentials
	cur          *transfer // the last Send's transfer, nil before Send

	// Object-wide settings: they survive Open, as the official samples
	// that call SetTimeouts/SetProxy before Open rely on.
	opt        options
	timeouts   engine.Timeouts
	proxyCfg   *engine.ProxyConfig
	autoLogon  int32
	clientCert *tls.Certificate

	sink com.EventSink

	// instance is the object's COM state, kept here rather than allocated
	// apart (ClassIn.Init).
	instance com.Instance
}

// New creates a WinHttpRequest object in rt. A host creating many should
// use Factory, whose objects share more.
func New(rt *goja.Runtime, cfg Config) *goja.Object {
	return newRequest(requestClass.In(rt), cfg)
}

func newRequest(in *com.ClassIn[*request], cfg Config) *goja.Object {
	rt := in.Runtime()
	if cfg.Context == nil {
		cfg.Context = context.Background()
	}
	if cfg.workers == nil {
		cfg.workers = newWorkers(cfg.Context)
	}
	r := &request{
		rt:        rt,
		cfg:       cfg,
		opt:       defaultOptions(),
		timeouts:  engine.DefaultTimeouts,
		autoLogon: 1,
	}
	r.obj = in.Init(&r.instance, r)
	return r.obj
}

// requestClass is the member table of every WinHttpRequest object, built
// once: an object costs its request and dispatch, not a closure per member
// and an index of its own.
var requestClass = com.NewClass([]com.Def[*request]{
	{Name: "Open", Method: (*request).open},
	{Name: "SetRequestHeader", Method: (*request).setRequestHeader},
	{Name: "GetResponseHeader", Method: (*request).getResponseHeader},
	{Name: "GetAllResponseHeaders", Method: (*request).getAllResponseHeaders},
	{Name: "Send", Method: (*request).send},
	{Name: "Option", Method: (*request).getOption, Put: (*request).putOption},
	{Name: "Status", Get: (*request).status},
	{Name: "StatusText", Get: (*request).statusText},
	{Name: "ResponseText", Get: (*request).responseText},
	{Name: "ResponseBody", Get: (*request).responseBody},
	{Name: "ResponseStream", Get: (*request).responseStream},
	{Name: "Abort", Method: (*request).abort},
	{Name: "SetProxy", Method: (*request).setProxy},
	{Name: "SetCredentials", Method: (*request).setCredentials},
	{Name: "WaitForResponse", Method: (*request).waitForResponse},
	{Name: "SetTimeouts", Method: (*request).setTimeouts},
	{Name: "SetClientCertificate", Method: (*request).setClientCertificate},
	{Name: "SetAutoLogonPolicy", Method: (*request).setAutoLogonPolicy},
}, com.ClassOptions[*request]{
	Source:  source,
	Events:  (*request).setSink,
	Inspect: (*request).inspect,
})

// ensureSession creates the object's session at the first Open; it keeps
// the cookie store and connections for the object's life.
func (r *request) ensureSession() {
	if r.session != nil {
		return
	}
	s := engine.NewSession(engine.SessionOptions{
		UserAgent:   engine.DefaultUserAgent,
		Pool:        r.cfg.Pool,
		Resolver:    r.cfg.Resolver,
		DialContext: r.cfg.DialContext,
	})
	r.session = s
	if r.cfg.Pool != nil {
		// The session's connections are the shared pool's, which its owner
		// (the host) closes: the session's Close has nothing to release,
		// so neither watch below is needed (two allocations and a
		// cleanup per object saved).
		return
	}
	// Release idle connections when the host ends the script, or when the
	// object is collected, whichever comes first.
	stop := context.AfterFunc(r.cfg.Context, func() { _ = s.Close() })
	runtime.AddCleanup(r, func(s *engine.Session) {
		if stop() {
			_ = s.Close()
		}
	}, s)
}

func (r *request) setSink(sink com.EventSink) {
	r.sink = sink
	if r.cur != nil {
		r.cur.wantEvents.Store(sink != nil)
	}
}
