package engine

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	pkcs12 "software.sslmate.com/src/go-pkcs12"
)

// secSession opens a session for the security end-to-end tests; the
// proxy comes from cfg, never from the environment.
func secSession(t *testing.T, proxy ProxyConfig) *Session {
	t.Helper()
	s := NewSession(SessionOptions{Proxy: proxy, Getenv: func(string) string { return "" }})
	t.Cleanup(func() { s.Close() })
	return s
}

// secSend sends r and returns the status and body, or the error.
func secSend(t *testing.T, r *Request) (int, string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	resp, err := r.Send(ctx, nil)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading body: %v", err)
	}
	return resp.StatusCode, string(body), nil
}

func secRequest(t *testing.T, s *Session, rawURL string) *Request {
	t.Helper()
	r, err := s.NewRequest("GET", rawURL)
	if err != nil {
		t.Fatalf("NewRequest(%q): %v", rawURL, err)
	}
	return r
}

// authServer answers 401 until a handler-specific check passes.
func basicHandler(user, password string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u, p, ok := r.BasicAuth()
		if !ok || u != user || p != password {
			w.Header().Set("WWW-Authenticate", `Basic realm="e2e"`)
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, "denied")
			return
		}
		io.WriteString(w, "hello "+u)
	}
}

func digestHandler(srv digestServer) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ok, params := srv.check(r.Method, r.Header.Get("Authorization"))
		if !ok || params["uri"] != r.URL.RequestURI() {
			w.Header().Set("WWW-Authenticate", srv.challenge(false))
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, "denied")
			return
		}
		io.WriteString(w, "hello "+params["username"])
	}
}

func ntlmHandler(srv ntlmTestServer, scheme, user, password string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		deny := func(challenge string) {
			w.Header().Set("WWW-Authenticate", challenge)
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, "denied")
		}
		token, isNTLM := strings.CutPrefix(auth, scheme+" ")
		if !isNTLM {
			deny(scheme)
			return
		}
		raw, err := base64.StdEncoding.DecodeString(token)
		if err != nil || len(raw) < 12 {
			deny(scheme)
			return
		}
		switch raw[8] {
		case 1:
			deny(scheme + " " + srv.challengeToken())
		case 3:
			m, err := decodeNTLMType3(token)
			if err != nil || m.user != user || !srv.check(m, password) {
				deny(scheme)
				return
			}
			io.WriteString(w, "hello "+m.domain+`\`+m.user)
		default:
			deny(scheme)
		}
	}
}

func TestSecurityE2EServerAuth(t *testing.T) {
	ntlmSrv := ntlmTestServer{challenge: [8]byte{8, 7, 6, 5, 4, 3, 2, 1}, domain: "CORP"}
	handlers := map[string]http.Handler{
		"basic":      basicHandler("alice", "s3cret"),
		"digest md5": digestHandler(digestServer{realm: "e2e", nonce: "nonce-1", opaque: "op", algorithm: "MD5", qop: "auth", user: "alice", password: "s3cret"}),
		"digest sha-256": digestHandler(digestServer{realm: "e2e", nonce: "nonce-2", algorithm: "SHA-256", qop: "auth",
			user: "alice", password: "s3cret"}),
		"ntlm":      ntlmHandler(ntlmSrv, "NTLM", "alice", "s3cret"),
		"negotiate": ntlmHandler(ntlmSrv, "Negotiate", "alice", "s3cret"),
	}
	servers := map[string]*httptest.Server{}
	for name, h := range handlers {
		srv := httptest.NewServer(h)
		t.Cleanup(srv.Close)
		servers[name] = srv
	}

	tests := []struct {
		server     string
		creds      *Credentials
		wantStatus int
		wantBody   string
	}{
		{"basic", &Credentials{Username: "alice", Password: "s3cret"}, 200, "hello alice"},
		{"basic", &Credentials{Username: "alice", Password: "wrong"}, 401, "denied"},
		{"basic", nil, 401, "denied"},
		{"digest md5", &Credentials{Username: "alice", Password: "s3cret"}, 200, "hello alice"},
		{"digest md5", &Credentials{Username: "alice", Password: "wrong"}, 401, "denied"},
		{"digest sha-256", &Credentials{Username: "alice", Password: "s3cret"}, 200, "hello alice"},
		{"digest sha-256", &Credentials{Username: "alice", Password: "wrong"}, 401, "denied"},
		{"ntlm", &Credentials{Username: `CORP\alice`, Password: "s3cret"}, 200, `hello CORP\alice`},
		{"ntlm", &Credentials{Username: `CORP\alice`, Password: "wrong"}, 401, "denied"},
		{"ntlm", &Credentials{Username: `CORP\alice`, Password: "s3cret", Schemes: AuthBasic}, 401, "denied"},
		{"negotiate", &Credentials{Username: `CORP\alice`, Password: "s3cret"}, 200, `hello CORP\alice`},
		{"negotiate", &Credentials{Username: `CORP\alice`, Password: "wrong"}, 401, "denied"},
	}
	for _, tc := range tests {
		name := tc.server + "/no credentials"
		if tc.creds != nil {
			name = tc.server + "/" + tc.creds.Password
		}
		t.Run(name, func(t *testing.T) {
			s := secSession(t, ProxyConfig{Access: ProxyDirect})
			r := secRequest(t, s, servers[tc.server].URL+"/dir/index.html?x=1")
			r.ServerCredentials = tc.creds
			status, body, err := secSend(t, r)
			if err != nil {
				t.Fatalf("Send: %v", err)
			}
			if status != tc.wantStatus || body != tc.wantBody {
				t.Fatalf("status %d body %q; want %d %q", status, body, tc.wantStatus, tc.wantBody)
			}
		})
	}
}

func TestSecurityE2ETLSSelfSigned(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "secure")
	}))
	t.Cleanup(srv.Close)

	tests := []struct {
		name      string
		ignore    SecurityFlags
		wantErr   bool
		wantFlags SecurityFlags
	}{
		{"nothing ignored", 0, true, SecurityIgnoreUnknownCA},
		{"other flags ignored", SecurityIgnoreDateInvalid | SecurityIgnoreCNInvalid | SecurityIgnoreWrongUsage, true, SecurityIgnoreUnknownCA},
		{"unknown CA ignored", SecurityIgnoreUnknownCA, false, 0},
		{"all ignored", SecurityIgnoreAllCertErrors, false, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := secSession(t, ProxyConfig{Access: ProxyDirect})
			r := secRequest(t, s, srv.URL+"/")
			r.Security.IgnoreFlags = tc.ignore
			status, body, err := secSend(t, r)
			if !tc.wantErr {
				if err != nil || status != 200 || body != "secure" {
					t.Fatalf("status %d body %q err %v; want 200 secure", status, body, err)
				}
				return
			}
			var e *Error
			if !errorsAsError(err, &e) || e.Code != ErrSecureFailure || e.CertErrors != tc.wantFlags {
				t.Fatalf("error %v; want ErrSecureFailure with CertErrors 0x%X", err, uint32(tc.wantFlags))
			}
		})
	}
}

func TestSecurityE2ETLSProtocols(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, r.TLS.ServerName)
	}))
	srv.TLS = &tls.Config{MaxVersion: tls.VersionTLS12}
	srv.StartTLS()
	t.Cleanup(srv.Close)

	tests := []struct {
		name      string
		protocols Protocols
		wantCode  Code // 0: 200
	}{
		{"tls 1.2 allowed", ProtocolTLS12, 0},
		{"default", 0, 0},
		{"tls 1.3 only", ProtocolTLS13, ErrConnectionError},
		{"ssl3 only", ProtocolSSL3, ErrSecureFailure},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := secSession(t, ProxyConfig{Access: ProxyDirect})
			r := secRequest(t, s, srv.URL+"/")
			r.Security = Security{IgnoreFlags: SecurityIgnoreUnknownCA, Protocols: tc.protocols}
			status, _, err := secSend(t, r)
			if tc.wantCode == 0 {
				if err != nil || status != 200 {
					t.Fatalf("status %d err %v; want 200", status, err)
				}
				return
			}
			if CodeOf(err) != tc.wantCode {
				t.Fatalf("error %v (code %d); want code %d", err, CodeOf(err), tc.wantCode)
			}
		})
	}
}

// forwardProxy is an HTTP proxy for tests: it forwards absolute-URI
// requests, tunnels CONNECT, and optionally demands Basic credentials.
type forwardProxy struct {
	user, password string // "" means no authentication
	// alias maps a host name to the loopback address the proxy dials for
	// it, so tunnelled requests can name a host without any DNS.
	alias map[string]string
	mu    sync.Mutex
	seen  []string // "GET http://..." or "CONNECT host:port"
}

func (p *forwardProxy) record(s string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.seen = append(p.seen, s)
}

func (p *forwardProxy) requests() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.seen...)
}

func (p *forwardProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if p.user != "" {
		got := r.Header.Get("Proxy-Authorization")
		want := "Basic " + base64.StdEncoding.EncodeToString([]byte(p.user+":"+p.password))
		if got != want {
			p.record("407 " + r.Method)
			w.Header().Set("Proxy-Authenticate", `Basic realm="proxy"`)
			w.WriteHeader(http.StatusProxyAuthRequired)
			io.WriteString(w, "proxy auth required")
			return
		}
	}
	if r.Method == http.MethodConnect {
		p.record("CONNECT " + r.Host)
		addr := r.Host
		if host, port, err := net.SplitHostPort(addr); err == nil && p.alias[host] != "" {
			addr = net.JoinHostPort(p.alias[host], port)
		}
		upstream, err := net.DialTimeout("tcp", addr, 5*time.Second)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			upstream.Close()
			return
		}
		io.WriteString(conn, "HTTP/1.1 200 Connection established\r\n\r\n")
		go func() {
			io.Copy(upstream, buf)
			upstream.Close()
		}()
		io.Copy(conn, upstream)
		conn.Close()
		return
	}
	p.record(r.Method + " " + r.URL.String())
	out, err := http.NewRequest(r.Method, r.URL.String(), r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	out.Header = r.Header.Clone()
	out.Header.Del("Proxy-Authorization")
	tr := &http.Transport{Proxy: nil}
	defer tr.CloseIdleConnections()
	resp, err := tr.RoundTrip(out)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	for k, vs := range resp.Header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	w.Header().Set("Via", "1.1 test-proxy")
	w.WriteHeader(resp.StatusCode)
	io.Copy(w, resp.Body)
}

func TestSecurityE2EProxy(t *testing.T) {
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "target "+r.URL.Path)
	}))
	t.Cleanup(target.Close)
	tlsTarget := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "secure "+r.URL.Path)
	}))
	t.Cleanup(tlsTarget.Close)
	// httptest's certificate names example.com; the proxy dials it on
	// loopback.
	tlsHost := "example.com:" + portOf(tlsTarget.URL)

	tests := []struct {
		name       string
		url        string
		bypass     string
		auth       bool // the proxy demands alice:pw
		creds      *Credentials
		wantStatus int
		wantBody   string
		wantSeen   []string
	}{
		{"http through proxy", target.URL + "/a", "", false, nil, 200, "target /a", []string{"GET " + target.URL + "/a"}},
		{"bypassed by address", target.URL + "/b", "127.0.0.1", false, nil, 200, "target /b", nil},
		{"bypassed by wildcard and port", target.URL + "/c", "foo;127.0.0.*:" + portOf(target.URL), false, nil, 200, "target /c", nil},
		{"not bypassed by another port", target.URL + "/d", "127.0.0.1:1", false, nil, 200, "target /d", []string{"GET " + target.URL + "/d"}},
		{"<local> does not bypass an address", target.URL + "/e", "<local>", false, nil, 200, "target /e", []string{"GET " + target.URL + "/e"}},
		{"https tunnelled", "https://" + tlsHost + "/f", "", false, nil, 200, "secure /f", []string{"CONNECT " + tlsHost}},
		{"407 answered with proxy credentials", target.URL + "/g", "", true, &Credentials{Username: "alice", Password: "pw"}, 200, "target /g",
			[]string{"407 GET", "GET " + target.URL + "/g"}},
		{"407 with wrong proxy credentials", target.URL + "/h", "", true, &Credentials{Username: "alice", Password: "bad"}, 407, "proxy auth required",
			[]string{"407 GET", "407 GET"}},
		{"407 without proxy credentials", target.URL + "/i", "", true, nil, 407, "proxy auth required", []string{"407 GET"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fp := &forwardProxy{alias: map[string]string{"example.com": "127.0.0.1"}}
			if tc.auth {
				fp.user, fp.password = "alice", "pw"
			}
			proxySrv := httptest.NewServer(fp)
			t.Cleanup(proxySrv.Close)
			cfg := ProxyConfig{Access: ProxyNamed, Server: strings.TrimPrefix(proxySrv.URL, "http://"), Bypass: tc.bypass}
			s := secSession(t, cfg)
			r := secRequest(t, s, tc.url)
			r.ProxyCredentials = tc.creds
			r.Security.IgnoreFlags = SecurityIgnoreUnknownCA
			status, body, err := secSend(t, r)
			if err != nil {
				t.Fatalf("Send: %v", err)
			}
			if status != tc.wantStatus || body != tc.wantBody {
				t.Fatalf("status %d body %q; want %d %q", status, body, tc.wantStatus, tc.wantBody)
			}
			if got := fp.requests(); strings.Join(got, "|") != strings.Join(tc.wantSeen, "|") {
				t.Fatalf("proxy saw %q, want %q", got, tc.wantSeen)
			}
		})
	}
}

func TestSecurityE2EProxyTunnelCertificateFailure(t *testing.T) {
	tlsTarget := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "secure")
	}))
	tlsTarget.Config.ErrorLog = quietLog()
	tlsTarget.StartTLS()
	t.Cleanup(tlsTarget.Close)
	fp := &forwardProxy{alias: map[string]string{"example.com": "127.0.0.1"}}
	proxySrv := httptest.NewServer(fp)
	t.Cleanup(proxySrv.Close)

	s := secSession(t, ProxyConfig{Access: ProxyNamed, Server: strings.TrimPrefix(proxySrv.URL, "http://")})
	r := secRequest(t, s, "https://example.com:"+portOf(tlsTarget.URL)+"/")
	_, _, err := secSend(t, r)
	var e *Error
	if !errors.As(err, &e) || e.Code != ErrSecureFailure || e.CertErrors != SecurityIgnoreUnknownCA {
		t.Fatalf("error %v (code %d); want ErrSecureFailure with CertErrors 0x100", err, CodeOf(err))
	}
}

func TestSecurityE2EProxyPerRequestAndErrors(t *testing.T) {
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "direct")
	}))
	t.Cleanup(target.Close)
	fp := &forwardProxy{}
	proxySrv := httptest.NewServer(fp)
	t.Cleanup(proxySrv.Close)

	// A request's own setting overrides the session's.
	s := secSession(t, ProxyConfig{Access: ProxyDirect})
	r := secRequest(t, s, target.URL+"/x")
	r.Proxy = &ProxyConfig{Access: ProxyNamed, Server: "http=" + strings.TrimPrefix(proxySrv.URL, "http://") + ";https=unused:1"}
	if status, body, err := secSend(t, r); err != nil || status != 200 || body != "direct" {
		t.Fatalf("status %d body %q err %v", status, body, err)
	}
	if got := fp.requests(); len(got) != 1 || got[0] != "GET "+target.URL+"/x" {
		t.Fatalf("proxy saw %q", got)
	}

	// A bad proxy string fails the request with ERROR_INVALID_PARAMETER.
	r = secRequest(t, s, target.URL+"/y")
	r.Proxy = &ProxyConfig{Access: ProxyNamed, Server: "proxy:notaport"}
	_, _, err := secSend(t, r)
	if CodeOf(err) != ErrInvalidParameter || !strings.Contains(err.Error(), "proxy:notaport") {
		t.Fatalf("error %v (code %d); want %d naming the proxy string", err, CodeOf(err), ErrInvalidParameter)
	}
}

func portOf(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return u.Port()
}

func quietLog() *log.Logger { return log.New(io.Discard, "", 0) }

func errorsAsError(err error, target **Error) bool {
	if err == nil {
		return false
	}
	e, ok := err.(*Error)
	if !ok {
		return false
	}
	*target = e
	return true
}

func TestSecurityE2EDigestStale(t *testing.T) {
	// The server's first nonce is already stale: the answer to it is met
	// with a new nonce and stale=true, which is answered once more.
	var mu sync.Mutex
	var nonces []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fresh := digestServer{realm: "e2e", nonce: "fresh", algorithm: "MD5", qop: "auth", user: "alice", password: "s3cret"}
		stale := fresh
		stale.nonce = "old"
		auth := r.Header.Get("Authorization")
		if ok, params := fresh.check(r.Method, auth); ok {
			mu.Lock()
			nonces = append(nonces, params["nonce"]+"/"+params["nc"])
			mu.Unlock()
			io.WriteString(w, "ok")
			return
		}
		challenge := stale.challenge(false)
		if ok, params := stale.check(r.Method, auth); ok {
			mu.Lock()
			nonces = append(nonces, params["nonce"]+"/"+params["nc"])
			mu.Unlock()
			challenge = fresh.challenge(true)
		}
		w.Header().Set("WWW-Authenticate", challenge)
		w.WriteHeader(http.StatusUnauthorized)
	}))
	t.Cleanup(srv.Close)

	s := secSession(t, ProxyConfig{Access: ProxyDirect})
	r := secRequest(t, s, srv.URL+"/stale")
	r.ServerCredentials = &Credentials{Username: "alice", Password: "s3cret"}
	status, body, err := secSend(t, r)
	if err != nil || status != 200 || body != "ok" {
		t.Fatalf("status %d body %q err %v; want 200 ok", status, body, err)
	}
	mu.Lock()
	defer mu.Unlock()
	if strings.Join(nonces, ",") != "old/00000001,fresh/00000001" {
		t.Fatalf("answers used %q", nonces)
	}
}

func TestSecurityE2EClientCertificate(t *testing.T) {
	clientRoot := makeCert(t, certSpec{cn: "Client Root", isCA: true}, nil)
	client := makeCert(t, certSpec{cn: "script client", extUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}}, clientRoot)
	keyDER, err := x509.MarshalPKCS8PrivateKey(client.key)
	if err != nil {
		t.Fatal(err)
	}
	pemPath := writeFile(t, "client.pem", append(pemBlock("CERTIFICATE", client.cert.Raw), pemBlock("PRIVATE KEY", keyDER)...))
	pfxData, err := pkcs12.Modern.Encode(client.key, client.cert, []*x509.Certificate{clientRoot.cert}, "pfx-pw")
	if err != nil {
		t.Fatal(err)
	}
	pfxPath := writeFile(t, "client.pfx", pfxData)

	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "hello "+r.TLS.PeerCertificates[0].Subject.CommonName)
	}))
	pool := x509.NewCertPool()
	pool.AddCert(clientRoot.cert)
	srv.TLS = &tls.Config{ClientAuth: tls.RequireAndVerifyClientCert, ClientCAs: pool}
	srv.Config.ErrorLog = quietLog()
	srv.StartTLS()
	t.Cleanup(srv.Close)

	tests := []struct {
		name     string
		path     string
		password string
	}{
		{"pem", pemPath, ""},
		{"pfx", pfxPath, "pfx-pw"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cert, err := LoadClientCertificate(tc.path, tc.password)
			if err != nil {
				t.Fatal(err)
			}
			s := secSession(t, ProxyConfig{Access: ProxyDirect})
			r := secRequest(t, s, srv.URL+"/")
			r.Security = Security{IgnoreFlags: SecurityIgnoreUnknownCA, ClientCertificate: cert}
			status, body, err := secSend(t, r)
			if err != nil || status != 200 || body != "hello script client" {
				t.Fatalf("status %d body %q err %v", status, body, err)
			}
		})
	}

	// Without a certificate the server ends the handshake.
	s := secSession(t, ProxyConfig{Access: ProxyDirect})
	r := secRequest(t, s, srv.URL+"/")
	r.Security = Security{IgnoreFlags: SecurityIgnoreUnknownCA}
	status, _, err := secSend(t, r)
	if err == nil {
		t.Fatalf("status %d without a client certificate, want an error", status)
	}
	if CodeOf(err) != ErrClientAuthCertNeeded {
		t.Fatalf("without a client certificate: code %d (%v), want %d", CodeOf(err), err, ErrClientAuthCertNeeded)
	}
}

func TestSecurityE2ERevocationKeepsItsCode(t *testing.T) {
	root := makeCert(t, certSpec{cn: "Root", isCA: true}, nil)
	leaf := tlsCert(makeCert(t, certSpec{cn: "leaf", ips: []net.IP{net.IPv4(127, 0, 0, 1)}, crl: []string{"http://127.0.0.1:1/crl"}}, root))
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{leaf}}
	srv.Config.ErrorLog = quietLog()
	srv.StartTLS()
	t.Cleanup(srv.Close)

	s := secSession(t, ProxyConfig{Access: ProxyDirect})
	r := secRequest(t, s, srv.URL+"/")
	r.Security = Security{IgnoreFlags: SecurityIgnoreUnknownCA, CheckRevocation: true}
	_, _, err := secSend(t, r)
	if CodeOf(err) != ErrSecureCertRevFailed {
		t.Fatalf("code %d (%v), want %d", CodeOf(err), err, ErrSecureCertRevFailed)
	}
}
