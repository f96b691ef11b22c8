package engine

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// testProxy is a forward proxy: absolute-form requests are answered by the
// proxy itself (echoing the target), CONNECT opens a tunnel. With
// requireAuth it demands Basic u:p first.
type testProxy struct {
	requireAuth bool
	mu          sync.Mutex
	seen        []string // "METHOD target Proxy-Authorization"
	wg          sync.WaitGroup
	tunnels     []net.Conn
}

func (p *testProxy) log(r *http.Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.seen = append(p.seen, r.Method+" "+r.RequestURI+" "+r.Header.Get("Proxy-Authorization"))
}

func (p *testProxy) entries() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.seen...)
}

func (p *testProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.log(r)
	if p.requireAuth && r.Header.Get("Proxy-Authorization") != "Basic dTpw" {
		w.Header().Set("Proxy-Authenticate", `Basic realm="proxy"`)
		w.WriteHeader(http.StatusProxyAuthRequired)
		io.WriteString(w, "proxy says no")
		return
	}
	if r.Method != http.MethodConnect {
		io.WriteString(w, "proxied "+r.RequestURI)
		return
	}
	target, err := net.Dial("tcp", r.Host)
	if err != nil {
		w.WriteHeader(http.StatusBadGateway)
		return
	}
	client, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		target.Close()
		return
	}
	p.mu.Lock()
	p.tunnels = append(p.tunnels, client, target)
	p.mu.Unlock()
	io.WriteString(client, "HTTP/1.1 200 Connection established\r\n\r\n")
	p.wg.Add(2)
	go func() { defer p.wg.Done(); io.Copy(target, client); target.Close() }()
	go func() { defer p.wg.Done(); io.Copy(client, target); client.Close() }()
}

func (p *testProxy) close() {
	p.mu.Lock()
	for _, c := range p.tunnels {
		c.Close()
	}
	p.mu.Unlock()
	p.wg.Wait()
}

func startProxy(t *testing.T, requireAuth bool) (*testProxy, string) {
	t.Helper()
	p := &testProxy{requireAuth: requireAuth}
	srv, _ := newServer(t, p)
	t.Cleanup(p.close)
	return p, strings.TrimPrefix(srv.URL, "http://")
}

func TestProxyPlainHTTP(t *testing.T) {
	open, openAddr := startProxy(t, false)
	closed, closedAddr := startProxy(t, true)
	direct := newRawServer(t, echoOK)
	tests := []struct {
		name       string
		proxy      *testProxy
		cfg        ProxyConfig
		url        string
		creds      *Credentials
		wantStatus int
		wantBody   string
		wantSeen   []string
	}{
		{name: "named proxy gets the absolute URL", proxy: open,
			cfg: ProxyConfig{Access: ProxyNamed, Server: openAddr}, url: "http://target.invalid/x?y=1",
			wantStatus: 200, wantBody: "proxied http://target.invalid/x?y=1",
			wantSeen: []string{"GET http://target.invalid/x?y=1 "}},
		{name: "bypassed host goes direct", proxy: open,
			cfg: ProxyConfig{Access: ProxyNamed, Server: openAddr, Bypass: "127.0.0.1"}, url: direct.URL() + "/d",
			wantStatus: 200, wantBody: "ok"},
		{name: "407 without credentials is returned", proxy: closed,
			cfg: ProxyConfig{Access: ProxyNamed, Server: closedAddr}, url: "http://target.invalid/a",
			wantStatus: 407, wantBody: "proxy says no",
			wantSeen: []string{"GET http://target.invalid/a "}},
		{name: "407 answered with proxy credentials", proxy: closed,
			cfg: ProxyConfig{Access: ProxyNamed, Server: closedAddr}, url: "http://target.invalid/a",
			creds:      &Credentials{Username: "u", Password: "p"},
			wantStatus: 200, wantBody: "proxied http://target.invalid/a",
			wantSeen: []string{"GET http://target.invalid/a ", "GET http://target.invalid/a Basic dTpw"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(tt.proxy.entries())
			s := testSession(t, SessionOptions{Proxy: tt.cfg})
			r := mustRequest(t, s, "GET", tt.url)
			r.ProxyCredentials = tt.creds
			resp, body := fetch(t, r, nil)
			if resp.StatusCode != tt.wantStatus || body != tt.wantBody {
				t.Fatalf("got %d %q, want %d %q", resp.StatusCode, body, tt.wantStatus, tt.wantBody)
			}
			got := tt.proxy.entries()[before:]
			if strings.Join(got, "\n") != strings.Join(tt.wantSeen, "\n") {
				t.Fatalf("proxy saw %q, want %q", got, tt.wantSeen)
			}
		})
	}
}

func TestProxyConnectTunnel(t *testing.T) {
	target, _ := newTLSServer(t, 0)
	targetAddr := strings.TrimPrefix(target.URL, "https://")
	closed, closedAddr := startProxy(t, true)
	tests := []struct {
		name       string
		creds      *Credentials
		wantStatus int
		wantText   string
		wantBody   string
		wantSeen   []string
	}{
		{name: "refused CONNECT is returned as the response", wantStatus: 407, wantText: "Proxy Authentication Required",
			wantBody: "proxy says no", wantSeen: []string{"CONNECT " + targetAddr + " "}},
		{name: "credentials answer the CONNECT challenge", creds: &Credentials{Username: "u", Password: "p"},
			wantStatus: 200, wantText: "OK", wantBody: "secure HTTP/1.1",
			wantSeen: []string{"CONNECT " + targetAddr + " ", "CONNECT " + targetAddr + " Basic dTpw"}},
		{name: "wrong credentials return the second 407", creds: &Credentials{Username: "u", Password: "x"},
			wantStatus: 407, wantText: "Proxy Authentication Required", wantBody: "proxy says no",
			wantSeen: []string{"CONNECT " + targetAddr + " ", "CONNECT " + targetAddr + " Basic dTp4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(closed.entries())
			s := testSession(t, SessionOptions{Proxy: ProxyConfig{Access: ProxyNamed, Server: closedAddr}})
			r := mustRequest(t, s, "GET", target.URL+"/t")
			r.Security.IgnoreFlags = SecurityIgnoreAllCertErrors
			r.ProxyCredentials = tt.creds
			resp, err := r.Send(context.Background(), nil)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.wantStatus || resp.StatusText != tt.wantText || string(body) != tt.wantBody {
				t.Fatalf("got %d %q %q, want %d %q %q", resp.StatusCode, resp.StatusText, body, tt.wantStatus, tt.wantText, tt.wantBody)
			}
			if tt.wantStatus == 407 {
				if v, _ := resp.Header.Get("Proxy-Authenticate"); v != `Basic realm="proxy"` {
					t.Fatalf("Proxy-Authenticate %q", v)
				}
			}
			got := closed.entries()[before:]
			if strings.Join(got, "\n") != strings.Join(tt.wantSeen, "\n") {
				t.Fatalf("proxy saw %q, want %q", got, tt.wantSeen)
			}
			s.Close()
		})
	}
}

func TestProxyConnectCertificateChecked(t *testing.T) {
	target, _ := newTLSServer(t, 0)
	_, addr := startProxy(t, false)
	s := testSession(t, SessionOptions{Proxy: ProxyConfig{Access: ProxyNamed, Server: addr}})
	tests := []struct {
		name      string
		ignore    SecurityFlags
		wantFlags SecurityFlags
	}{
		{name: "untrusted CA through the tunnel", wantFlags: SecurityIgnoreUnknownCA},
		{name: "ignored through the tunnel", ignore: SecurityIgnoreUnknownCA},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustRequest(t, s, "GET", target.URL+"/t")
			r.Security.IgnoreFlags = tt.ignore
			resp, err := r.Send(context.Background(), nil)
			if tt.wantFlags != 0 {
				wantCode(t, err, ErrSecureFailure, "tls")
				if got := err.(*Error).CertErrors; got != tt.wantFlags {
					t.Fatalf("CertErrors %#x, want %#x", got, tt.wantFlags)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if string(body) != "secure HTTP/1.1" {
				t.Fatalf("body %q", body)
			}
		})
	}
}

// A proxy that hangs up after its 407 gets the answer on a new connection.
func TestProxyConnectRedialsAfterClose(t *testing.T) {
	target, _ := newTLSServer(t, 0)
	targetAddr := strings.TrimPrefix(target.URL, "https://")
	var mu sync.Mutex
	var seen []string
	proxy := scriptServer(t, func(c net.Conn, br *bufio.Reader) {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		mu.Lock()
		seen = append(seen, req.Method+" "+req.RequestURI+" "+req.Header.Get("Proxy-Authorization"))
		mu.Unlock()
		if req.Header.Get("Proxy-Authorization") != "Basic dTpw" {
			io.WriteString(c, "HTTP/1.1 407 Who Are You\r\nproxy-authenticate: Basic realm=\"p\"\r\nConnection: close\r\nContent-Length: 3\r\n\r\nno!")
			return
		}
		up, err := net.Dial("tcp", req.RequestURI)
		if err != nil {
			return
		}
		defer up.Close()
		io.WriteString(c, "HTTP/1.1 200 OK\r\n\r\n")
		done := make(chan struct{})
		go func() { io.Copy(up, br); up.Close(); close(done) }()
		io.Copy(c, up)
		c.Close()
		<-done
	})
	addr := strings.TrimPrefix(proxy, "http://")
	tests := []struct {
		name       string
		creds      *Credentials
		wantStatus int
		wantRaw    string
		wantBody   string
		wantSeen   []string
	}{
		{name: "refusal keeps its head as sent", wantStatus: 407,
			wantRaw:  "HTTP/1.1 407 Who Are You\r\nproxy-authenticate: Basic realm=\"p\"\r\nConnection: close\r\nContent-Length: 3\r\n\r\n",
			wantBody: "no!", wantSeen: []string{"CONNECT " + targetAddr + " "}},
		{name: "answer on a new connection", creds: &Credentials{Username: "u", Password: "p"}, wantStatus: 200,
			wantBody: "secure HTTP/1.1", wantSeen: []string{"CONNECT " + targetAddr + " ", "CONNECT " + targetAddr + " Basic dTpw"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mu.Lock()
			seen = nil
			mu.Unlock()
			s := testSession(t, SessionOptions{Proxy: ProxyConfig{Access: ProxyNamed, Server: addr}})
			r := mustRequest(t, s, "GET", target.URL)
			r.Security.IgnoreFlags = SecurityIgnoreAllCertErrors
			r.ProxyCredentials = tt.creds
			resp, body := fetch(t, r, nil)
			if resp.StatusCode != tt.wantStatus || body != tt.wantBody {
				t.Fatalf("got %d %q, want %d %q", resp.StatusCode, body, tt.wantStatus, tt.wantBody)
			}
			if tt.wantRaw != "" && resp.RawHeaders() != tt.wantRaw {
				t.Fatalf("RawHeaders %q, want %q", resp.RawHeaders(), tt.wantRaw)
			}
			s.Close()
			mu.Lock()
			defer mu.Unlock()
			if strings.Join(seen, "\n") != strings.Join(tt.wantSeen, "\n") {
				t.Fatalf("proxy saw %q, want %q", seen, tt.wantSeen)
			}
		})
	}
}

func TestProxyConnectTimeoutAndOverflow(t *testing.T) {
	silent := scriptServer(t, func(c net.Conn, br *bufio.Reader) {
		http.ReadRequest(br)
		io.Copy(io.Discard, br) // never answers; returns when the client hangs up
	})
	huge := scriptServer(t, func(c net.Conn, br *bufio.Reader) {
		http.ReadRequest(br)
		io.WriteString(c, "HTTP/1.1 407 No\r\nX-Big: "+strings.Repeat("z", 8000)+"\r\n\r\n")
	})
	tests := []struct {
		name     string
		proxy    string
		wantCode Code
		wantOp   string
	}{
		{"proxy never answers CONNECT", silent, ErrTimeout, "receive"},
		{"answer head over the limit", huge, ErrHeaderSizeOverflow, "receive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := testSession(t, SessionOptions{Proxy: ProxyConfig{Access: ProxyNamed, Server: strings.TrimPrefix(tt.proxy, "http://")}})
			r := mustRequest(t, s, "GET", "https://target.invalid/")
			r.Timeouts.Receive = 200 * time.Millisecond
			r.MaxResponseHeaderBytes = 1024
			_, err := r.Send(context.Background(), nil)
			wantCode(t, err, tt.wantCode, tt.wantOp)
		})
	}
}

// TestProxyCredentialsInEnvironmentURL: a proxy variable with user and
// password in its URL authenticates plain http requests through it at
// once.
func TestProxyCredentialsInEnvironmentURL(t *testing.T) {
	closed, closedAddr := startProxy(t, true)
	env := map[string]string{"HTTP_PROXY": "http://u:p@" + closedAddr}
	s := NewSession(SessionOptions{Proxy: ProxyConfig{Access: ProxyDefault}, Getenv: func(k string) string { return env[k] }})
	t.Cleanup(func() { s.Close() })
	resp, body := fetch(t, mustRequest(t, s, "GET", "http://target.invalid/env"), nil)
	if resp.StatusCode != 200 || body != "proxied http://target.invalid/env" {
		t.Fatalf("got %d %q", resp.StatusCode, body)
	}
	if got := closed.entries(); len(got) != 1 || got[0] != "GET http://target.invalid/env Basic dTpw" {
		t.Fatalf("proxy saw %q, want one request with Basic dTpw", got)
	}
}
