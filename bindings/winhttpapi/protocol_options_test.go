package winhttpapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/winhttpjs/winhttpjs/internal/conngauge"

	"github.com/winhttpjs/winhttpjs/internal/fakedns"

	"github.com/winhttpjs/winhttpjs/engine"
)

func TestEnableHTTPProtocolHTTP2(t *testing.T) {
	var mu sync.Mutex
	var seen []int
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.ProtoMajor)
		mu.Unlock()
		fmt.Fprint(w, r.Proto)
	}))
	srv.EnableHTTP2 = true
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	t.Cleanup(srv.Close)
	e := newEnv(t, Options{})
	out := e.mustRun(js(prelude+`
function get(s, setOnRequest) {
  var c = check(w.WinHttpConnect(s, "{{HOST}}", {{PORT}}, 0), "connect");
  var r = check(w.WinHttpOpenRequest(c, "GET", "/", null, null, null, w.WINHTTP_FLAG_SECURE), "openrequest");
  check(w.WinHttpSetOption(r, w.WINHTTP_OPTION_SECURITY_FLAGS, w.SECURITY_FLAG_IGNORE_UNKNOWN_CA | w.SECURITY_FLAG_IGNORE_CERT_CN_INVALID), "flags");
  if (setOnRequest) check(w.WinHttpSetOption(r, w.WINHTTP_OPTION_ENABLE_HTTP_PROTOCOL, w.WINHTTP_PROTOCOL_FLAG_HTTP2), "enable");
  var before = w.WinHttpQueryOption(r, w.WINHTTP_OPTION_HTTP_PROTOCOL_USED);
  check(w.WinHttpSendRequest(r, null, null, 0, 0), "send");
  check(w.WinHttpReceiveResponse(r, null), "receive");
  var body = String.fromCharCode.apply(null, w.WinHttpReadData(r, 100));
  var line = w.WinHttpQueryHeaders(r, w.WINHTTP_QUERY_RAW_HEADERS_CRLF, null, null).split("\r\n")[0];
  print(before, w.WinHttpQueryOption(r, w.WINHTTP_OPTION_HTTP_PROTOCOL_USED), body, line);
}
var s = w.WinHttpOpen("a", w.WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
get(s, false);
get(s, true);
var s2 = w.WinHttpOpen("a", w.WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
w.WinHttpSetOption(s2, w.WINHTTP_OPTION_ENABLE_HTTP_PROTOCOL, w.WINHTTP_PROTOCOL_FLAG_HTTP2);
get(s2, false);
`, srv))
	want := "0 0 HTTP/1.1 HTTP/1.1 200 OK\n0 1 HTTP/2.0 HTTP/2.0 200 OK\n0 1 HTTP/2.0 HTTP/2.0 200 OK\n"
	if out != want {
		t.Fatalf("got\n%s\nwant\n%s", out, want)
	}
	mu.Lock()
	defer mu.Unlock()
	if fmt.Sprint(seen) != "[1 2 2]" {
		t.Fatalf("server saw protocol versions %v", seen)
	}
}

// Plain http stays HTTP/1.1 with the option set.
func TestEnableHTTPProtocolPlainHTTP(t *testing.T) {
	srv := httpbinServer(t)
	e := newEnv(t, Options{})
	out := e.mustRun(js(prelude+`
var s = w.WinHttpOpen("a", w.WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
w.WinHttpSetOption(s, w.WINHTTP_OPTION_ENABLE_HTTP_PROTOCOL, w.WINHTTP_PROTOCOL_FLAG_HTTP2);
var r = w.WinHttpOpenRequest(w.WinHttpConnect(s, "{{HOST}}", {{PORT}}, 0), "GET", "/get", null, null, null, 0);
w.WinHttpSendRequest(r, null, null, 0, 0); w.WinHttpReceiveResponse(r, null);
print(w.WinHttpQueryOption(r, w.WINHTTP_OPTION_HTTP_PROTOCOL_USED), w.WinHttpQueryHeaders(r, w.WINHTTP_QUERY_VERSION, null, null));
`, srv))
	if out != "0 HTTP/1.1\n" {
		t.Fatalf("got %q", out)
	}
}

func TestMaxConnsPerServer(t *testing.T) {
	for _, tt := range []struct {
		name, option string
		http10       bool
	}{
		{"MAX_CONNS_PER_SERVER", "MAX_CONNS_PER_SERVER", false},
		{"MAX_CONNS_PER_1_0_SERVER", "MAX_CONNS_PER_1_0_SERVER", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			g := &conngauge.Gauge{}
			var inHandler int
			var hmu sync.Mutex
			release := make(chan struct{})
			srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				hmu.Lock()
				inHandler++
				if inHandler == 2 {
					close(release)
				}
				hmu.Unlock()
				<-release // the first two wait for each other: the rest queue
				if r.ProtoMinor == 0 {
					w.Header().Set("Connection", "keep-alive")
				}
				fmt.Fprint(w, "ok")
			}))
			srv.Config.ConnState = g.Hook
			srv.Start()
			t.Cleanup(srv.Close)
			e := newEnv(t, Options{})
			script := prelude + `
var s = w.WinHttpOpen("a", w.WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, w.WINHTTP_FLAG_ASYNC);
check(w.WinHttpSetOption(s, w.WINHTTP_OPTION_OPTION, 2), "cap");
var done = 0, ok = 0, bodies = {};
function cb(h, ctx, status, info) {
  switch (status) {
  case w.WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE: check(w.WinHttpReceiveResponse(h, null), "receive"); break;
  case w.WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE:
    if (w.WinHttpQueryHeaders(h, w.WINHTTP_QUERY_STATUS_CODE | w.WINHTTP_QUERY_FLAG_NUMBER, null, null) === 200) ok++;
    check(w.WinHttpQueryDataAvailable(h), "avail"); break;
  case w.WINHTTP_CALLBACK_STATUS_DATA_AVAILABLE:
    if (info > 0) { check(w.WinHttpReadData(h, info), "read"); break; }
    w.WinHttpCloseHandle(h);
    if (++done === 10) w.WinHttpCloseHandle(s);
    break;
  case w.WINHTTP_CALLBACK_STATUS_READ_COMPLETE:
    bodies[ctx] = (bodies[ctx] || "") + String.fromCharCode.apply(null, info);
    check(w.WinHttpQueryDataAvailable(h), "avail"); break;
  case w.WINHTTP_CALLBACK_STATUS_REQUEST_ERROR:
    print("error", ctx, info.dwResult, info.dwError); w.WinHttpCloseHandle(h); if (++done === 10) w.WinHttpCloseHandle(s); break;
  }
}
w.WinHttpSetStatusCallback(s, cb, w.WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS, 0);
var c = w.WinHttpConnect(s, "{{HOST}}", {{PORT}}, 0);
for (var i = 0; i < 10; i++) {
  var r = check(w.WinHttpOpenRequest(c, "GET", "/" + i, VERSION, null, null, 0), "openrequest");
  check(w.WinHttpSendRequest(r, null, null, 0, i), "send");
}
`
			version := "null"
			if tt.http10 {
				version = `"HTTP/1.0"`
			}
			script = strings.NewReplacer("OPTION_OPTION", "OPTION_"+tt.option, "VERSION", version).Replace(script)
			e.mustRun(js(script, srv))
			out := e.mustRun(`print(done, ok, Object.keys(bodies).filter(function (k) { return bodies[k] === "ok"; }).length)`)
			if out != "10 10 10\n" {
				t.Fatalf("got %q", out)
			}
			if most, total := g.Counts(); most > 2 || total > 2 {
				t.Fatalf("server saw %d connections at once, %d in all; want at most 2", most, total)
			}
		})
	}
}

// silentServer accepts connections and reads requests but never answers.
func silentServer(t *testing.T) (host, port string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var conns []net.Conn
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			wg.Add(1)
			go func() { defer wg.Done(); io.Copy(io.Discard, c) }()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	h, p, _ := net.SplitHostPort(ln.Addr().String())
	return h, p
}

func TestReceiveResponseTimeout(t *testing.T) {
	host, port := silentServer(t)
	e := newEnv(t, Options{})
	out := e.mustRun(strings.NewReplacer("{{HOST}}", host, "{{PORT}}", port).Replace(prelude + `
var s = w.WinHttpOpen("a", w.WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
var r = w.WinHttpOpenRequest(w.WinHttpConnect(s, "{{HOST}}", {{PORT}}, 0), "GET", "/", null, null, null, 0);
w.WinHttpSetTimeouts(r, 0, 0, 0, 0); // no per-read limit
check(w.WinHttpSetOption(r, w.WINHTTP_OPTION_RECEIVE_RESPONSE_TIMEOUT, 100), "set");
print(w.WinHttpSendRequest(r, null, null, 0, 0), w.WinHttpReceiveResponse(r, null), w.GetLastError());
`))
	if out != "true false 12002\n" {
		t.Fatalf("got %q", out)
	}
}

// interimServer answers every request with three 1xx responses, then 200.
func interimServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(102)
		w.Header().Set("Link", "</a>")
		w.WriteHeader(103)
		w.WriteHeader(102)
		fmt.Fprint(w, "ok")
	}))
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

func TestMaxHTTPStatusContinue(t *testing.T) {
	srv := interimServer(t)
	e := newEnv(t, Options{})
	out := e.mustRun(js(prelude+`
[10, 3, 2, 0].forEach(function (n) {
  var s = w.WinHttpOpen("a", w.WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
  var r = w.WinHttpOpenRequest(w.WinHttpConnect(s, "{{HOST}}", {{PORT}}, 0), "GET", "/", null, null, null, 0);
  check(w.WinHttpSetOption(r, w.WINHTTP_OPTION_MAX_HTTP_STATUS_CONTINUE, n), "set");
  w.WinHttpSendRequest(r, null, null, 0, 0);
  var ok = w.WinHttpReceiveResponse(r, null);
  print(n, ok, ok ? w.WinHttpQueryHeaders(r, w.WINHTTP_QUERY_STATUS_CODE | w.WINHTTP_QUERY_FLAG_NUMBER, null, null) : w.GetLastError());
  w.WinHttpCloseHandle(s);
});
`, srv))
	if out != "10 true 200\n3 true 200\n2 false 12152\n0 false 12152\n" {
		t.Fatalf("got\n%s", out)
	}
}

// rawRedirectServer answers /redirect with a 302 carrying a 40-byte body,
// anything else with "ok", and counts connections.
func rawRedirectServer(t *testing.T) (*httptest.Server, *conngauge.Gauge) {
	t.Helper()
	g := &conngauge.Gauge{}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/redirect" {
			w.Header().Set("Location", "/final")
			w.WriteHeader(302)
			fmt.Fprint(w, strings.Repeat("x", 40))
			return
		}
		fmt.Fprint(w, "ok")
	}))
	srv.Config.ConnState = g.Hook
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, g
}

func TestMaxResponseDrainSize(t *testing.T) {
	for _, tt := range []struct {
		drain     string
		wantConns int
	}{{"", 1}, {"40", 1}, {"10", 2}, {"0", 2}} {
		srv, g := rawRedirectServer(t)
		e := newEnv(t, Options{})
		out := e.mustRun(js(prelude+`
var s = w.WinHttpOpen("a", w.WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
var r = w.WinHttpOpenRequest(w.WinHttpConnect(s, "{{HOST}}", {{PORT}}, 0), "GET", "/redirect", null, null, null, 0);
if ("`+tt.drain+`" !== "") check(w.WinHttpSetOption(r, w.WINHTTP_OPTION_MAX_RESPONSE_DRAIN_SIZE, Number("`+tt.drain+`")), "set");
w.WinHttpSendRequest(r, null, null, 0, 0); w.WinHttpReceiveResponse(r, null);
print(w.WinHttpQueryHeaders(r, w.WINHTTP_QUERY_STATUS_CODE | w.WINHTTP_QUERY_FLAG_NUMBER, null, null), String.fromCharCode.apply(null, w.WinHttpReadData(r, 10)));
w.WinHttpCloseHandle(s);
`, srv))
		_, total := g.Counts()
		if out != "200 ok\n" || total != tt.wantConns {
			t.Fatalf("drain %q: got %q and %d connections, want %d", tt.drain, out, total, tt.wantConns)
		}
	}
}

func TestConnectRetries(t *testing.T) {
	for _, tt := range []struct {
		retries string
		want    int
	}{{"", 5}, {"2", 2}, {"0", 1}, {"20", 7}} {
		var mu sync.Mutex
		dials := 0
		e := newEnv(t, Options{Session: engine.SessionOptions{
			Resolver: fakedns.LoopbackResolver(t, 7),
			DialContext: func(context.Context, string, string) (net.Conn, error) {
				mu.Lock()
				dials++
				mu.Unlock()
				return nil, errors.New("refused")
			},
		}})
		out := e.mustRun(prelude + `
var s = w.WinHttpOpen("a", w.WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
if ("` + tt.retries + `" !== "") check(w.WinHttpSetOption(s, w.WINHTTP_OPTION_CONNECT_RETRIES, Number("` + tt.retries + `")), "set");
var r = w.WinHttpOpenRequest(w.WinHttpConnect(s, "many.test", 81, 0), "GET", "/", null, null, null, 0);
print(w.WinHttpSendRequest(r, null, null, 0, 0), w.GetLastError());
`)
		mu.Lock()
		n := dials
		mu.Unlock()
		if out != "false 12029\n" || n != tt.want {
			t.Fatalf("CONNECT_RETRIES %q: got %q after %d attempts, want %d", tt.retries, out, n, tt.want)
		}
	}
}
