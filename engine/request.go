package engine

import (
	"context"
	"io"
	"net/url"
	"time"
)

// Request is one HTTP request and its options (WinHTTP's request handle).
// Set fields before Send; a Request is not safe for concurrent use.
type Request struct {
	// Method is the HTTP verb; empty means GET.
	Method string
	// URL is the absolute http or https URL to fetch, as parsed by
	// Session.NewRequest (fragment removed, unsafe bytes escaped).
	URL *url.URL
	// Header holds the caller's headers, sent with names as written. The
	// engine adds Host, User-Agent (when not empty), "Connection:
	// Keep-Alive", Content-Length and Cookie (from the session's store);
	// a field of the same name here replaces the engine's. Content-Length,
	// Transfer-Encoding and Trailer fields are ignored: the framing always
	// follows the body given to Send. The engine adds no Accept and no
	// Content-Type. On a redirect to another server, Host, Authorization
	// and Proxy-Authorization fields are not sent.
	//
	// A bodiless request gets "Content-Length: 0" for every verb but GET,
	// as from WinHTTP. Go's transport fixes the order of the head: Host,
	// User-Agent, Content-Length (or Transfer-Encoding), then the other
	// fields sorted by name, not in the order added.
	Header Header
	// UserAgent overrides the session's User-Agent when not nil.
	UserAgent *string

	// Timeouts start as the session's; zero fields mean no limit.
	Timeouts Timeouts
	// Redirects controls how 3xx responses are followed.
	Redirects RedirectPolicy
	// Security is the TLS policy for https; connections are pooled per
	// policy, so a connection never serves a request with another one.
	Security Security
	// Proxy overrides the session's proxy configuration when not nil.
	Proxy *ProxyConfig
	// ServerCredentials and ProxyCredentials answer 401 and 407 challenges.
	// Server credentials are never sent to another host after a redirect.
	// For https through a proxy they answer the proxy's 407 to CONNECT;
	// a refused CONNECT is returned as the response.
	ServerCredentials *Credentials
	ProxyCredentials  *Credentials

	// HTTP10 sends the request line as HTTP/1.0 (the connection is kept
	// alive only if the server answers "Connection: keep-alive"). A
	// SendReader body of unknown length is read into memory first, since
	// HTTP/1.0 has no chunked encoding.
	HTTP10 bool
	// MaxResponseHeaderBytes caps the response head; 0 means 64 KiB.
	// Exceeding it fails with ErrHeaderSizeOverflow.
	MaxResponseHeaderBytes int64
	// EnableHTTP2 lets an https request negotiate HTTP/2 through ALPN
	// (WinHTTP's ENABLE_HTTP_PROTOCOL with HTTP2); the response's Proto
	// is then "HTTP/2.0". Plain http stays HTTP/1.1 (no h2c). Connections
	// are pooled per setting. Over HTTP/2 there is no raw head: response
	// headers come in canonical form, sorted. The connection is shared
	// by streams, so timeouts apply to the stream instead: Timeouts.Receive
	// bounds the wait for the head and each body read, Timeouts.Send is
	// not applied.
	EnableHTTP2 bool
	// MaxConnsPerServer caps the connections open to one server (host
	// and port) for requests of the same pool and policy; further
	// requests wait for one to free up. 0 means no limit.
	MaxConnsPerServer int
	// ReceiveResponseTimeout is the total time allowed for the response
	// head once the request is written (interim responses included);
	// exceeding it fails with ErrTimeout. 0 means no limit.
	ReceiveResponseTimeout time.Duration
	// ConnectAttempts is how many of the resolved addresses are tried
	// in turn; 0 means 5 (WinHTTP's CONNECT_RETRIES default).
	ConnectAttempts int
	// MaxDrainBytes is how much of an intermediate response's body
	// (redirect, authentication challenge) is read to keep its
	// connection; a longer body closes the connection instead. 0 means
	// 1 MiB (WinHTTP's MAX_RESPONSE_DRAIN_SIZE default), a negative
	// value drains nothing.
	MaxDrainBytes int64
	// MaxInterimResponses is how many 1xx responses (other than 101)
	// are skipped before the final one; one more fails the request with
	// ErrInvalidServerResponse. 0 means no limit, a negative value
	// allows none.
	MaxInterimResponses int
	// DisableCookies keeps this request out of the session's cookie store.
	DisableCookies bool
	// DisableAuth returns 401/407 responses without answering them.
	DisableAuth bool

	// Notify, when set, receives status notifications during Send, one at
	// a time (some come from the transport's goroutines) and none after
	// Send returns; it must not block.
	Notify func(Notification)

	session *Session
	// url is the storage of the URL NewRequest parsed (URL points to it
	// unless the caller replaces it).
	url url.URL
}

// Session returns the session the request was opened on.
func (r *Request) Session() *Session { return r.session }

// Send sends the request with body (nil for none) and returns the response
// once its head has arrived; the caller reads and closes Response.Body.
// Send answers authentication challenges when credentials are set, follows
// redirects by the policy (re-sending body when the method is kept), and
// stores cookies. Cancelling ctx aborts the request at whatever step it is
// in with ErrOperationCancelled (a ctx deadline gives ErrTimeout).
//
// A Request may be sent again: each Send starts from its fields.
func (r *Request) Send(ctx context.Context, body []byte) (*Response, error) {
	return r.send(ctx, requestBody{data: body})
}

// SendReader is Send with a streamed body of the given length (-1: unknown,
// sent chunked). A body that cannot be replayed is not re-sent on a
// redirect that keeps the method or on an authentication round; such a
// response (3xx, 401, 407) is returned as is.
func (r *Request) SendReader(ctx context.Context, body io.Reader, length int64) (*Response, error) {
	if body == nil {
		return r.send(ctx, requestBody{})
	}
	if length < 0 {
		length = -1
	}
	return r.send(ctx, requestBody{reader: body, length: length})
}
