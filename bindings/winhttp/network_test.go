package winhttp_test

import (
	"context"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings"
)

func TestRedirects(t *testing.T) {
	srv := newHTTPBin(t)
	target := srv.URL + "/redirect-to?url=%2Fget&status_code=302"
	tests := []struct {
		name, setup    string
		status, option string
	}{
		{"followed", ``, "200", srv.URL + "/get"},
		{"disabled", `r.Option(6, __winhttpjs_propput__).value = false;`, "302", target},
	}
	for _, tt := range tests {
		e := newEnv(t)
		e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1");` + tt.setup + `r.Open("GET", "` + target + `"); r.Send();`)
		if got := e.str(`r.Status + " " + r.Option(1)`); got != tt.status+" "+tt.option {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.status+" "+tt.option)
		}
		if tt.status == "302" {
			if got := e.str(`r.GetResponseHeader("Location")`); got != "/get" {
				t.Errorf("Location %q", got)
			}
		}
	}
	e := newEnv(t)
	e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Option(14, __winhttpjs_propput__).value = 2; r.Open("GET", "` + srv.URL + `/redirect/3");`)
	if got := e.fail(`r.Send()`); got.number != winhttpNumber(12156) {
		t.Errorf("too many redirects: %d %q", got.number, got.description)
	}
}

func TestCookiesPerObject(t *testing.T) {
	srv := newHTTPBin(t)
	e := newEnv(t)
	e.run(`function get(r, path) { r.Open("GET", "` + srv.URL + `" + path); r.Send(); return JSON.parse(r.ResponseText); }
var a = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
get(a, "/cookies/set?flavour=oat");
var b = new ActiveXObject("WinHttp.WinHttpRequest.5.1");`)
	if got := e.str(`JSON.stringify(get(a, "/cookies"))`); got != `{"cookies":{"flavour":"oat"}}` {
		t.Errorf("same object: %s", got)
	}
	if got := e.str(`JSON.stringify(get(b, "/cookies"))`); got != `{"cookies":{}}` {
		t.Errorf("other object: %s", got)
	}
}

func TestCredentials(t *testing.T) {
	srv := newHTTPBin(t)
	e := newEnv(t)
	url := srv.URL + "/basic-auth/user/passwd"
	e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("GET", "` + url + `"); r.Send();`)
	if got := e.str(`r.Status`); got != "401" {
		t.Errorf("without credentials: %s", got)
	}
	e.run(`r.Open("GET", "` + url + `"); r.SetCredentials("user", "passwd", 0); r.Send();`)
	if got := e.str(`r.Status + " " + JSON.parse(r.ResponseText).authorized`); got != "200 true" {
		t.Errorf("with credentials: %s", got)
	}
	// Credentials belong to one request: Open forgets them.
	e.run(`r.Open("GET", "` + url + `"); r.Send();`)
	if got := e.str(`r.Status`); got != "401" {
		t.Errorf("after re-Open: %s", got)
	}
}

func TestNetworkErrors(t *testing.T) {
	g := newGate(t)
	slow := newServer(t, g.handler("late"))
	refused := closedPort(t)
	tests := []struct {
		name, script string
		code         uint32
	}{
		{"receive timeout", `r.SetTimeouts(0, 0, 0, 200); r.Open("GET", "` + slow.URL + `"); r.Send();`, errTimeout},
		{"timeouts set before Open survive it", `r.SetTimeouts(0, 0, 0, 200); r.Open("GET", "` + slow.URL + `"); r.Open("GET", "` + slow.URL + `"); r.Send();`, errTimeout},
		{"refused", `r.Open("GET", "` + refused + `/"); r.Send();`, errCannotConn},
	}
	for _, tt := range tests {
		e := newEnv(t)
		e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1");`)
		got := e.fail(tt.script)
		if got.number != winhttpNumber(tt.code) || got.hr != 0x80070000|tt.code {
			t.Errorf("%s: %d %q, want %d", tt.name, got.number, got.description, winhttpNumber(tt.code))
		}
		// The failure is also what the response members report.
		if again := e.fail(`r.Status`); again.number != got.number {
			t.Errorf("%s: Status after the failure threw %d", tt.name, again.number)
		}
	}
}

func TestCertificateErrors(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("secure")) }))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake is expected
	srv.StartTLS()
	t.Cleanup(srv.Close)
	e := newEnv(t)
	e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("GET", "` + srv.URL + `");`)
	if got := e.fail(`r.Send()`); got.number != winhttpNumber(errInvalidCA) {
		t.Errorf("self-signed server: %d %q", got.number, got.description)
	}
	e.run(`r.Option(4, __winhttpjs_propput__).value = 0x3300; r.Open("GET", "` + srv.URL + `"); r.Send();`)
	if got := e.str(`r.Status + " " + r.ResponseText`); got != "200 secure" {
		t.Errorf("with SslErrorIgnoreFlags: %q", got)
	}
}

func TestNamedProxy(t *testing.T) {
	url, rec := recordingServer(t)
	proxy := strings.TrimPrefix(url, "http://")
	e := newEnv(t)
	e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
r.SetProxy(2, "` + proxy + `", "<local>");
r.Open("GET", "http://service.example/path?q=1"); r.Send();`)
	if got := rec.get().uri; got != "http://service.example/path?q=1" {
		t.Errorf("proxy saw request URI %q", got)
	}
	if got := e.str(`r.ResponseText`); got != "ok" {
		t.Errorf("ResponseText %q", got)
	}
}

func TestContextCancelsSyncSend(t *testing.T) {
	g := newGate(t)
	slow := newServer(t, g.handler("late"))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rt := goja.New()
	bindings.Install(rt, bindings.Options{Context: ctx})
	e := &env{t: t, rt: rt}
	e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("GET", "` + slow.URL + `");`)
	time.AfterFunc(100*time.Millisecond, cancel)
	if got := e.fail(`r.Send()`); got.number != winhttpNumber(errCancelled) {
		t.Errorf("cancelled Send: %d %q", got.number, got.description)
	}
}

func TestProgIDs(t *testing.T) {
	srv := newHTTPBin(t)
	e := newEnv(t)
	for _, id := range []string{"WinHttp.WinHttpRequest.5.1", "WinHttp.WinHttpRequest.5", "winhttp.winhttprequest.5.1"} {
		e.run(`var r = new ActiveXObject("` + id + `"); r.open("GET", "` + srv.URL + `/get"); r.send();`)
		if got := e.str(`r.status + " " + typeof r + " " + typeof r.responseText`); got != "200 object string" {
			t.Errorf("%s: %q", id, got)
		}
	}
	got := e.fail(`new ActiveXObject("WinHttp.WinHttpRequest.9")`)
	if got.number != -2146827859 || got.description != "Automation server can't create object" {
		t.Errorf("unknown ProgID: %d %q", got.number, got.description)
	}
	got = e.fail(`r.NoSuchMember`)
	if got.number != -2146827850 || got.description != "Object doesn't support this property or method" {
		t.Errorf("unknown member: %d %q", got.number, got.description)
	}
}

func TestOptionLimits(t *testing.T) {
	tlsSrv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("secure")) }))
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0)
	tlsSrv.StartTLS()
	t.Cleanup(tlsSrv.Close)
	bigHead := rawServer(t, "HTTP/1.1 200 OK\r\nX-Big: "+strings.Repeat("a", 300)+"\r\nContent-Length: 0\r\n\r\n")
	tests := []struct {
		name, script string
		code         uint32
	}{
		{"SecureProtocols 0", `r.Option(4, __winhttpjs_propput__).value = 0x3300; r.Option(9, __winhttpjs_propput__).value = 0; r.Open("GET", "` + tlsSrv.URL + `");`, 12175},
		{"MaxResponseHeaderSize", `r.Option(15, __winhttpjs_propput__).value = 100; r.Open("GET", "` + bigHead + `/");`, 12182},
	}
	for _, tt := range tests {
		e := newEnv(t)
		e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1");` + tt.script)
		if got := e.fail(`r.Send()`); got.number != winhttpNumber(tt.code) {
			t.Errorf("%s: %d %q, want %d", tt.name, got.number, got.description, winhttpNumber(tt.code))
		}
	}
	// SecureProtocols with TLS 1.3 alone still connects.
	e := newEnv(t)
	e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Option(4, __winhttpjs_propput__).value = 0x3300;
r.Option(9, __winhttpjs_propput__).value = 0x2000; r.Open("GET", "` + tlsSrv.URL + `"); r.Send();`)
	if got := e.str(`r.ResponseText`); got != "secure" {
		t.Errorf("TLS 1.3 only: %q", got)
	}
}

func TestHTTPSToHTTPRedirect(t *testing.T) {
	plain := newHTTPBin(t)
	secure := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, plain.URL+"/get", http.StatusFound)
	}))
	secure.Config.ErrorLog = log.New(io.Discard, "", 0)
	secure.StartTLS()
	t.Cleanup(secure.Close)
	e := newEnv(t)
	e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Option(4, __winhttpjs_propput__).value = 0x3300;
r.Open("GET", "` + secure.URL + `/");`)
	if got := e.fail(`r.Send()`); got.number != winhttpNumber(12156) {
		t.Errorf("https→http by default: %d %q", got.number, got.description)
	}
	e.run(`r.Option(12, __winhttpjs_propput__).value = true; r.Open("GET", "` + secure.URL + `/"); r.Send();`)
	if got := e.str(`r.Status + " " + r.Option(1)`); got != "200 "+plain.URL+"/get" {
		t.Errorf("with EnableHttpsToHttpRedirects: %q", got)
	}
}
