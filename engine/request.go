package engine

import (
	"context"
	"io"
	"net/url"
)

// Request is one HTTP request and its options (WinHTTP's request handle).
// Set fields before Send; a Request is not safe for concurrent use.
type Request struct {
	Method string
	URL    *url.URL
	// Header holds the caller's headers, sent with names as written. Setting
	// User-Agent, Accept, Host, Content-Type, Content-Length, Connection,
	// Cookie or Authorization here replaces what the engine would add.
	Header Header
	// UserAgent overrides the session's User-Agent when not nil.
	UserAgent *string

	Timeouts  Timeouts
	Redirects RedirectPolicy
	Security  Security
	// Proxy overrides the session's proxy configuration when not nil.
	Proxy *ProxyConfig
	// ServerCredentials and ProxyCredentials answer 401 and 407 challenges.
	// Server credentials are never sent to another host after a redirect.
	ServerCredentials *Credentials
	ProxyCredentials  *Credentials

	// HTTP10 sends the request as HTTP/1.0.
	HTTP10 bool
	// MaxResponseHeaderBytes caps the response head; 0 means 64 KiB.
	// Exceeding it fails with ErrHeaderSizeOverflow.
	MaxResponseHeaderBytes int64
	// DisableCookies keeps this request out of the session's cookie store.
	DisableCookies bool
	// DisableAuth returns 401/407 responses without answering them.
	DisableAuth bool

	// Notify, when set, receives status notifications synchronously on the
	// goroutine doing the work; it must not block.
	Notify func(Notification)

	session *Session
}

// Session returns the session the request was opened on.
func (r *Request) Session() *Session { return r.session }

// Send sends the request with body (nil for none) and returns the response
// once its head has arrived; the caller reads and closes Response.Body.
// Send answers authentication challenges when credentials are set, follows
// redirects by the policy (re-sending body when the method is kept), and
// stores cookies. Cancelling ctx aborts the request at whatever step it is
// in with ErrOperationCancelled.
func (r *Request) Send(ctx context.Context, body []byte) (*Response, error) {
	panic("TODO")
}

// SendReader is Send with a streamed body of the given length (-1: unknown,
// sent chunked). A body that cannot be replayed is not re-sent on a 307/308
// redirect or an authentication round; such a response is returned as is.
func (r *Request) SendReader(ctx context.Context, body io.Reader, length int64) (*Response, error) {
	panic("TODO")
}

// Response is the head of an HTTP response and its unread body.
type Response struct {
	StatusCode int
	StatusText string // reason phrase as the server sent it
	Proto      string // "HTTP/1.1"
	// Header holds the response headers in the order received.
	Header Header
	// URL is the final URL, after redirects.
	URL *url.URL
	// ContentLength is -1 when unknown.
	ContentLength int64
	// Body is the raw entity body, never decompressed. Reads fail with an
	// *Error (ErrTimeout after the receive timeout, ErrConnectionError,
	// ErrOperationCancelled).
	Body io.ReadCloser
}

// RawHeaders returns the response head as WinHTTP's
// WINHTTP_QUERY_RAW_HEADERS_CRLF gives it: the status line, each header
// line ended by CRLF, and a final CRLF.
func (r *Response) RawHeaders() string { panic("TODO") }
