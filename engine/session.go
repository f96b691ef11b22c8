package engine

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
)

// DefaultUserAgent is the User-Agent of the WinHttpRequest COM object.
const DefaultUserAgent = "Mozilla/4.0 (compatible; Win32; WinHttp.WinHttpRequest.5)"

// SessionOptions configure a Session. The zero value is usable: no
// User-Agent, the environment's proxy, WinHTTP's default timeouts, a
// private connection pool and cookie store.
type SessionOptions struct {
	// UserAgent is sent on every request unless the request overrides it;
	// empty sends no User-Agent header (as WinHttpOpen with NULL).
	UserAgent string
	// Proxy is the session's proxy configuration.
	Proxy ProxyConfig
	// Timeouts are the defaults for requests opened on the session; nil
	// means DefaultTimeouts.
	Timeouts *Timeouts
	// Pool shares keep-alive connections between sessions; nil gives the
	// session a pool of its own, closed with the session.
	Pool *Pool
	// DisableCookies turns the session's cookie store off.
	DisableCookies bool

	// Resolver resolves host names; nil means net.DefaultResolver. The
	// request's resolve timeout bounds each lookup.
	Resolver *net.Resolver
	// DialContext opens the TCP connection to one resolved address
	// ("ip:port"); nil means a plain net.Dialer. The request's connect
	// timeout bounds each call through ctx. It lets Go hosts route
	// connections (and tests simulate unreachable servers).
	DialContext func(ctx context.Context, network, address string) (net.Conn, error)
	// Getenv reads the proxy environment variables for ProxyDefault; nil
	// means os.Getenv.
	Getenv func(string) string
}

// Session is WinHTTP's session: the shared state of the requests opened on
// it (user agent, proxy, cookie store, connection pool). It is safe for
// concurrent use.
type Session struct {
	userAgent string
	proxy     ProxyConfig
	timeouts  Timeouts
	pool      *Pool
	ownsPool  bool
	jar       *cookieStore // &cookies, nil when cookies are disabled
	cookies   cookieStore
	resolver  *net.Resolver
	dial      func(ctx context.Context, network, address string) (net.Conn, error)
	getenv    func(string) string

	// Header values every request of the session sends, kept here so
	// that wireRequest does not allocate a []string for each on every
	// request (net/http only reads them). Set by NewSession, then
	// read-only.
	uaValue        [1]string // the session's User-Agent
	keepAliveValue [1]string // "Keep-Alive"
	// bareHeader is the whole header of a request that adds nothing to
	// the session's (no caller field, cookie or credentials): User-Agent
	// and Connection. Requests share it, unmodified, instead of building
	// a map each (see wireRequest). Sessions with the default User-Agent
	// share defaultBareHeader.
	bareHeader http.Header

	browser browserState // the js/wasm build's per-session state
}

// NewSession returns a Session configured by opts.
func NewSession(opts SessionOptions) *Session {
	s := &Session{
		userAgent: opts.UserAgent,
		proxy:     opts.Proxy,
		timeouts:  DefaultTimeouts,
		pool:      opts.Pool,
		resolver:  opts.Resolver,
		dial:      opts.DialContext,
		getenv:    opts.Getenv,
	}
	s.uaValue[0] = s.userAgent
	s.keepAliveValue[0] = "Keep-Alive"
	if s.userAgent == DefaultUserAgent {
		s.bareHeader = defaultBareHeader
	} else {
		s.bareHeader = http.Header{"User-Agent": s.uaValue[:], "Connection": s.keepAliveValue[:]}
	}
	if opts.Timeouts != nil {
		s.timeouts = *opts.Timeouts
	}
	if s.pool == nil {
		s.pool = NewPool()
		s.ownsPool = true
	}
	if !opts.DisableCookies {
		s.jar = &s.cookies
	}
	if s.resolver == nil {
		s.resolver = net.DefaultResolver
	}
	return s
}

// defaultBareHeader is bareHeader for DefaultUserAgent, the agent of every
// WinHttpRequest object's session: made once instead of a map per object.
// Nothing writes to it (see wireRequest), so sessions on any goroutine
// share it.
var defaultBareHeader = http.Header{"User-Agent": {DefaultUserAgent}, "Connection": {"Keep-Alive"}}

// Close releases the session's idle connections when the session owns its
// pool; a shared pool is left to its owner. Requests in flight are not
// interrupted.
func (s *Session) Close() error {
	if s != nil && s.ownsPool {
		s.pool.CloseIdleConnections()
	}
	return nil
}

// Cookies returns the session's cookie store (nil if cookies are disabled).
// Its jar is made when the first cookie is stored.
func (s *Session) Cookies() http.CookieJar {
	if s == nil || s.jar == nil {
		return nil
	}
	return s.jar
}

// UserAgent returns the session's User-Agent ("" sends none).
func (s *Session) UserAgent() string { return s.userAgent }

// Proxy returns the session's proxy configuration.
func (s *Session) Proxy() ProxyConfig { return s.proxy }

// NewRequest opens a request for an absolute http or https URL, parsed by
// WinHTTP's rules: a missing or unknown scheme fails with
// ErrUnrecognizedScheme, a malformed URL, an empty host or a bad port with
// ErrInvalidURL, and a method that is not an HTTP token with
// ErrInvalidParameter. An empty method means GET. The fragment is dropped
// and bytes a request line cannot carry are percent-encoded. The request
// starts with the session's timeouts.
func (s *Session) NewRequest(method, rawURL string) (*Request, error) {
	if err := s.usable("open"); err != nil {
		return nil, err
	}
	if method == "" {
		method = http.MethodGet
	}
	if !validToken(method) {
		return nil, &Error{Code: ErrInvalidParameter, Op: "open", URL: rawURL,
			Err: fmt.Errorf("method %q is not an HTTP token", method)}
	}
	// The URL lives inside the Request: one allocation instead of two.
	r := &Request{
		Method:   method,
		Timeouts: s.timeouts,
		session:  s,
	}
	if err := parseURLInto(&r.url, rawURL); err != nil {
		return nil, err
	}
	r.URL = &r.url
	return r, nil
}

// Connect returns a Connection to host:port (WinHttpConnect); port 0 means
// the scheme's default, chosen when a request is opened. Like WinHTTP it
// does no network I/O; it fails only for an empty host
// (ErrInvalidParameter) or a port outside 0–65535 (ErrInvalidParameter).
func (s *Session) Connect(host string, port int) (*Connection, error) {
	if err := s.usable("connect"); err != nil {
		return nil, err
	}
	if host == "" {
		return nil, &Error{Code: ErrInvalidParameter, Op: "connect", Err: fmt.Errorf("empty server name")}
	}
	if port < 0 || port > 65535 {
		return nil, &Error{Code: ErrInvalidParameter, Op: "connect", Err: fmt.Errorf("port %d is outside 0-65535", port)}
	}
	return &Connection{Session: s, Host: host, Port: port}, nil
}

// Connection is a target server of a session (WinHTTP's connect handle).
type Connection struct {
	Session *Session
	Host    string
	Port    int
}

// OpenRequest opens a request for path on the connection (WinHttpOpenRequest);
// secure selects https. An empty path means "/"; a path without a leading
// '/' gets one. Errors are those of Session.NewRequest.
func (c *Connection) OpenRequest(method, path string, secure bool) (*Request, error) {
	if c == nil {
		return nil, &Error{Code: ErrInvalidHandle, Op: "open", Err: errors.New("nil *Connection")}
	}
	scheme := "http"
	if secure {
		scheme = "https"
	}
	host := c.Host
	if strings.Contains(host, ":") && !strings.HasPrefix(host, "[") {
		host = "[" + host + "]"
	}
	if c.Port != 0 {
		host += ":" + strconv.Itoa(c.Port)
	}
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	return c.Session.NewRequest(method, scheme+"://"+host+path)
}

// usable rejects a nil Session or one not made by NewSession.
func (s *Session) usable(op string) error {
	if s == nil {
		return &Error{Code: ErrInvalidHandle, Op: op, Err: errors.New("nil *Session")}
	}
	if s.pool == nil {
		return &Error{Code: ErrIncorrectHandleState, Op: op, Err: errors.New("the Session was not created with NewSession")}
	}
	return nil
}

// validToken reports whether s is a non-empty RFC 7230 token.
func validToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("\"(),/:;<=>?@[\\]{}", c) >= 0 {
			return false
		}
	}
	return true
}
