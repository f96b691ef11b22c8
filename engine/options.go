package engine

import (
	"crypto/tls"
	"time"
)

// Timeouts are the four WinHTTP timeouts. Zero means no limit.
// Send and Receive apply to each network write and read, as in WinHTTP.
type Timeouts struct {
	Resolve time.Duration
	Connect time.Duration
	Send    time.Duration
	Receive time.Duration
}

// DefaultTimeouts are WinHTTP's defaults: resolve unlimited, connect 60 s,
// send 30 s, receive 30 s.
var DefaultTimeouts = Timeouts{Resolve: 0, Connect: 60 * time.Second, Send: 30 * time.Second, Receive: 30 * time.Second}

// SecurityFlags are WinHTTP's SECURITY_FLAG_IGNORE_* certificate problems.
type SecurityFlags uint32

// Certificate problems, with WinHTTP's values (also the COM object's
// SslErrorFlag_* values).
const (
	SecurityIgnoreUnknownCA     SecurityFlags = 0x0100
	SecurityIgnoreWrongUsage    SecurityFlags = 0x0200
	SecurityIgnoreCNInvalid     SecurityFlags = 0x1000
	SecurityIgnoreDateInvalid   SecurityFlags = 0x2000
	SecurityIgnoreAllCertErrors               = SecurityIgnoreUnknownCA | SecurityIgnoreWrongUsage | SecurityIgnoreCNInvalid | SecurityIgnoreDateInvalid
)

// Protocols is a WINHTTP_FLAG_SECURE_PROTOCOL_* bit mask.
type Protocols uint32

// TLS protocol bits with WinHTTP's values. SSL2 and SSL3 are accepted but
// never negotiated.
const (
	ProtocolSSL2  Protocols = 0x0008
	ProtocolSSL3  Protocols = 0x0020
	ProtocolTLS1  Protocols = 0x0080
	ProtocolTLS11 Protocols = 0x0200
	ProtocolTLS12 Protocols = 0x0800
	ProtocolTLS13 Protocols = 0x2000
)

// DefaultProtocols is what a request allows when nothing was set: the
// TLS versions a current OS enables (1.0 to 1.3).
const DefaultProtocols = ProtocolTLS1 | ProtocolTLS11 | ProtocolTLS12 | ProtocolTLS13

// Security is a request's TLS policy.
type Security struct {
	// IgnoreFlags lists the certificate problems to tolerate; each is
	// honoured on its own.
	IgnoreFlags SecurityFlags
	// Protocols selects the TLS versions; 0 means DefaultProtocols.
	// A mask with no usable version makes Send fail with ErrSecureFailure.
	Protocols Protocols
	// ClientCertificate is presented when the server asks for one.
	ClientCertificate *tls.Certificate
	// CheckRevocation asks for revocation checking (not supported yet: a
	// request with it set fails with ErrSecureCertRevFailed when the
	// certificate names revocation endpoints).
	CheckRevocation bool
}

// RedirectPolicy controls automatic redirects.
type RedirectPolicy struct {
	Disabled         bool // return 3xx responses as they are
	Max              int  // maximum hops; 0 means the default, 10
	AllowHTTPSToHTTP bool // follow https → http (refused by default)
}

// AuthScheme is a WINHTTP_AUTH_SCHEME_* bit.
type AuthScheme uint32

// Authentication schemes with WinHTTP's values.
const (
	AuthBasic     AuthScheme = 0x01
	AuthNTLM      AuthScheme = 0x02
	AuthPassport  AuthScheme = 0x04
	AuthDigest    AuthScheme = 0x08
	AuthNegotiate AuthScheme = 0x10
)

// Credentials answer a 401 (server) or 407 (proxy) challenge.
type Credentials struct {
	Username string // "DOMAIN\user" or "user@domain" for NTLM
	Password string
	// Schemes restricts which schemes may be used; 0 allows any the engine
	// supports (NTLM, Digest, Basic, chosen in that order of preference).
	Schemes AuthScheme
}

// ProxyAccess says where a request's proxy comes from.
type ProxyAccess int

// Proxy access types.
const (
	// ProxyDefault uses the environment: HTTP_PROXY, HTTPS_PROXY, NO_PROXY
	// (and their lower-case forms).
	ProxyDefault ProxyAccess = iota
	// ProxyDirect uses no proxy.
	ProxyDirect
	// ProxyNamed uses ProxyConfig.Server and ProxyConfig.Bypass.
	ProxyNamed
)

// ProxyConfig is a proxy setting as WinHTTP takes it.
type ProxyConfig struct {
	Access ProxyAccess
	// Server is WinHTTP's proxy list: "host:port", "http://host:port",
	// or per scheme "http=host:port;https=host:port".
	Server string
	// Bypass lists hosts reached directly, separated by ';', ',' or white
	// space; '*' is a wildcard and "<local>" matches any host without a dot.
	Bypass string
}
