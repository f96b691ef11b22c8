package engine

import (
	"net/http"
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
	// Timeouts are the defaults for requests opened on the session; a zero
	// value means DefaultTimeouts.
	Timeouts *Timeouts
	// Pool shares keep-alive connections between sessions; nil gives the
	// session a pool of its own, closed with the session.
	Pool *Pool
	// DisableCookies turns the session's cookie store off.
	DisableCookies bool
}

// Session is WinHTTP's session: the shared state of the requests opened on
// it (user agent, proxy, cookie store, connection pool). It is safe for
// concurrent use.
type Session struct {
	// implementation fields
}

// NewSession returns a Session configured by opts.
func NewSession(opts SessionOptions) *Session { panic("TODO") }

// Close releases the session's idle connections (and its pool, if it owns
// it). Requests in flight are not interrupted.
func (s *Session) Close() error { panic("TODO") }

// Cookies returns the session's cookie store (nil if cookies are disabled).
func (s *Session) Cookies() http.CookieJar { panic("TODO") }

// NewRequest opens a request for an absolute http or https URL, parsed by
// WinHTTP's rules: a missing or unknown scheme fails with
// ErrUnrecognizedScheme, a malformed URL with ErrInvalidURL.
// The request starts with the session's timeouts and proxy.
func (s *Session) NewRequest(method, rawURL string) (*Request, error) { panic("TODO") }

// Connect returns a Connection to host:port (WinHttpConnect); port 0 means
// the scheme's default, chosen when a request is opened.
func (s *Session) Connect(host string, port int) (*Connection, error) { panic("TODO") }

// Connection is a target server of a session (WinHTTP's connect handle).
type Connection struct {
	Session *Session
	Host    string
	Port    int
}

// OpenRequest opens a request for path on the connection (WinHttpOpenRequest);
// secure selects https.
func (c *Connection) OpenRequest(method, path string, secure bool) (*Request, error) {
	panic("TODO")
}

// Pool is a set of keep-alive connections that sessions may share. Idle
// connections are reused across requests with the same TLS policy.
type Pool struct {
	// implementation fields
}

// NewPool returns an empty Pool.
func NewPool() *Pool { panic("TODO") }

// CloseIdleConnections closes every idle connection in the pool.
func (p *Pool) CloseIdleConnections() { panic("TODO") }
