package msxml_test

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mccutchen/go-httpbin/v2/httpbin"
	"github.com/winhttpjs/winhttpjs/bindings/internal/comtest"
)

func server(t *testing.T) *httptest.Server {
	mux := http.NewServeMux()
	mux.Handle("/", httpbin.New().Handler())
	mux.HandleFunc("/latin1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=iso-8859-1")
		_, _ = w.Write([]byte("caf\xE9"))
	})
	mux.HandleFunc("/plain", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("X-Multi", "a")
		w.Header().Add("X-Multi", "b")
		_, _ = w.Write([]byte("\xEF\xBB\xBFhé"))
	})
	s := httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

func TestSync(t *testing.T) {
	s := server(t)
	e := comtest.New(t, comtest.Config{})
	e.RT.Set("BASE", s.URL)
	tests := []struct{ name, src, want string }{
		{"get", `var x = new ActiveXObject("MSXML2.XMLHTTP"); x.open("GET", BASE + "/get?a=1", false); x.send();
			var j = JSON.parse(x.responseText); [x.status, x.statusText, x.readyState, j.args.a[0], j.headers.Accept[0], j.headers["User-Agent"][0]].join("|")`,
			"200|OK|4|1|*/*|Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 10.0; Win64; x64; Trident/7.0)"},
		{"server user agent", `var x = new ActiveXObject("MSXML2.ServerXMLHTTP.6.0"); x.open("GET", BASE + "/user-agent", false); x.send(); JSON.parse(x.responseText)["user-agent"]`,
			"Mozilla/4.0 (compatible; Win32; WinHttp.WinHttpRequest.5)"},
		{"post form", `var x = new ActiveXObject("Microsoft.XMLHTTP"); x.open("POST", BASE + "/post", false); x.setRequestHeader("Content-Type", "application/x-www-form-urlencoded");
			x.send("name=J%C3%BCrgen&x=1"); var j = JSON.parse(x.responseText); j.form.name[0] + "," + j.form.x[0]`, "Jürgen,1"},
		{"post bytes", `var x = new ActiveXObject("MSXML2.XMLHTTP.6.0"); x.open("POST", BASE + "/post", false); x.send(new Uint8Array([104, 105])); JSON.parse(x.responseText).data`, "data:application/octet-stream;base64,aGk="},
		{"status 404", `var x = new ActiveXObject("MSXML2.XMLHTTP.3.0"); x.open("GET", BASE + "/status/404", false); x.send(); x.status + " " + x.statusText`, "404 Not Found"},
		{"headers", `var x = new ActiveXObject("MSXML2.ServerXMLHTTP"); x.open("GET", BASE + "/plain", false); x.send();
			[x.getResponseHeader("content-type"), x.getResponseHeader("X-Multi"), x.getResponseHeader("Nope") === "", x.getAllResponseHeaders().indexOf("Content-Type: text/plain\r\n") >= 0].join("|")`,
			"text/plain|a, b|true|true"},
		{"utf-8 default with bom", `var x = new ActiveXObject("MSXML2.XMLHTTP"); x.open("GET", BASE + "/plain", false); x.send(); x.responseText`, "hé"},
		{"charset", `var x = new ActiveXObject("MSXML2.XMLHTTP"); x.open("GET", BASE + "/latin1", false); x.send(); x.responseText`, "café"},
		{"response body", `var x = new ActiveXObject("MSXML2.XMLHTTP"); x.open("GET", BASE + "/bytes/16?seed=1", false); x.send(); var b = x.responseBody; b.length + "," + new VBArray(b).ubound()`, "16,15"},
		{"response body held once", `var x = new ActiveXObject("MSXML2.XMLHTTP"); x.open("GET", BASE + "/latin1", false); x.send();
			var a = x.responseBody, b = x.responseBody, st = x.responseStream; a[0] = 67;
			[a !== b, a.buffer === b.buffer, st.buffer === a.buffer, b[0], st[0], x.responseText, b.length].join()`, "true,true,true,67,67,Café,4"},
		{"response body per send", `var x = new ActiveXObject("MSXML2.XMLHTTP"); x.open("GET", BASE + "/latin1", false); x.send(); var a = x.responseBody; a[0] = 67;
			x.open("GET", BASE + "/latin1", false); x.send(); var b = x.responseBody; [a.buffer === b.buffer, a[0], b[0], x.responseText].join()`, "false,67,99,café"},
		{"redirect followed", `var x = new ActiveXObject("MSXML2.ServerXMLHTTP"); x.open("GET", BASE + "/redirect/2", false); x.send(); x.status`, "200"},
		{"basic auth", `var x = new ActiveXObject("MSXML2.ServerXMLHTTP"); x.open("GET", BASE + "/basic-auth/u/p", false, "u", "p"); x.send(); x.status`, "200"},
		{"states sync", `var x = new ActiveXObject("MSXML2.XMLHTTP"), s = []; x.onreadystatechange = function () { s.push(x.readyState); };
			x.open("GET", BASE + "/get", false); x.send(); s.join()`, "1,2,3,4"},
		{"abort resets", `var x = new ActiveXObject("MSXML2.XMLHTTP"); x.open("GET", BASE + "/get", false); x.send(); x.abort(); x.readyState`, "0"},
		{"reuse", `var x = new ActiveXObject("MSXML2.XMLHTTP"); x.open("GET", BASE + "/status/201", false); x.send(); var a = x.status; x.open("GET", BASE + "/status/202", false); x.send(); a + "," + x.status`, "201,202"},
		{"options", `var x = new ActiveXObject("MSXML2.ServerXMLHTTP"); var d = [x.getOption(0), x.getOption(1), x.getOption(2)].join(); x.setOption(2, 13056); d + "|" + x.getOption(2)`, "65001,false,0|13056"},
		{"async polled", `var x = new ActiveXObject("MSXML2.XMLHTTP"), s = []; x.onreadystatechange = function () { s.push(x.readyState); }; x.open("GET", BASE + "/get"); x.send();
			while (x.readyState != 4) {} s.join() + "|" + x.status`, "1,2,3,4|200"},
		{"async wait", `var x = new ActiveXObject("MSXML2.ServerXMLHTTP"); x.open("GET", BASE + "/get", true); x.send(); [x.waitForResponse(30), x.readyState, x.status].join()`, "true,4,200"},
		{"proxy direct", `var x = new ActiveXObject("MSXML2.ServerXMLHTTP"); x.setProxy(1); x.setProxyCredentials("u", "p"); x.open("GET", BASE + "/get", false); x.send(); x.status`, "200"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := e.String(t, tt.src); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// closedPort returns a loopback address nothing listens on.
func closedPort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

func TestErrors(t *testing.T) {
	s := server(t)
	// A server that answers the head, then never sends the body.
	stall := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-stall
	}))
	t.Cleanup(func() { close(stall); slow.Close() })
	e := comtest.New(t, comtest.Config{})
	e.RT.Set("BASE", s.URL)
	e.RT.Set("SLOW", slow.URL)
	e.RT.Set("CLOSED", "http://"+closedPort(t))
	tests := []struct {
		name, src string
		hr        uint32
		desc      string
	}{
		{"status before send", `var x = new ActiveXObject("MSXML2.XMLHTTP"); x.open("GET", BASE, false); x.status`, 0x8000000A, "The data necessary to complete this operation is not yet available."},
		{"text before open", `new ActiveXObject("MSXML2.XMLHTTP").responseText`, 0x8000000A, "The data necessary to complete this operation is not yet available."},
		{"send before open", `new ActiveXObject("MSXML2.XMLHTTP").send()`, 0x80004005, "Unspecified error"},
		{"header before open", `new ActiveXObject("MSXML2.XMLHTTP").setRequestHeader("A", "b")`, 0x80004005, "Unspecified error"},
		{"bad header name", `var x = new ActiveXObject("MSXML2.XMLHTTP"); x.open("GET", BASE, false); x.setRequestHeader("A B", "c")`, 0x80070057, "The parameter is incorrect."},
		{"bad scheme", `new ActiveXObject("MSXML2.XMLHTTP").open("GET", "ftp://x/", false)`, 0x80072EE6, "The URL does not use a recognized protocol"},
		{"refused", `var x = new ActiveXObject("MSXML2.ServerXMLHTTP"); x.open("GET", CLOSED + "/", false); x.send()`, 0x80072EFD, "A connection with the server could not be established"},
		{"timeout", `var x = new ActiveXObject("MSXML2.ServerXMLHTTP"); x.setTimeouts(0, 5000, 5000, 100); x.open("GET", SLOW + "/", false); x.send()`, 0x80072EE2, "The operation timed out"},
		{"async failure at wait", `var x = new ActiveXObject("MSXML2.ServerXMLHTTP"); x.open("GET", CLOSED + "/"); x.send(); x.waitForResponse()`, 0x80072EFD, "A connection with the server could not be established"},
		{"response xml", `var x = new ActiveXObject("MSXML2.XMLHTTP"); x.open("GET", BASE + "/xml", false); x.send(); x.responseXML`, 0x80004001,
			"Not implemented: responseXML is not supported (winhttpjs has no MSXML DOM; parse responseText instead)"},
		{"send a document", `var x = new ActiveXObject("MSXML2.XMLHTTP"); x.open("POST", BASE + "/post", false); x.send({})`, 0x80004001,
			"Not implemented: send with a Object body (only strings and byte arrays) is not supported (winhttpjs has no MSXML DOM; parse responseText instead)"},
		{"bad option", `new ActiveXObject("MSXML2.ServerXMLHTTP").setOption(9, 1)`, 0x80070057, "The parameter is incorrect."},
		{"bad proxy setting", `new ActiveXObject("MSXML2.ServerXMLHTTP").setProxy(7)`, 0x80070057, "The parameter is incorrect."},
		{"server members only on server", `new ActiveXObject("MSXML2.XMLHTTP").waitForResponse()`, 0x800A01B6, "Object doesn't support this property or method"},
		{"handler exception", `var x = new ActiveXObject("MSXML2.XMLHTTP"); x.onreadystatechange = function () { if (x.readyState == 4) throw new Error("boom"); };
			x.open("GET", BASE + "/get", false); try { x.send(); } catch (e) { throw Object.assign(new Error(e.message), {number: -1, description: e.message}); }`, 0xFFFFFFFF, "boom"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hr, desc := e.Caught(t, tt.src)
			if hr != tt.hr || desc != tt.desc {
				t.Errorf("got %#x %q, want %#x %q", hr, desc, tt.hr, tt.desc)
			}
		})
	}
}

// testLoop is a minimal host.Loop: jobs run on the goroutine calling
// Wait (the script's), and pending counts outstanding reservations.
type testLoop struct {
	mu      sync.Mutex
	pending int
	jobs    chan func() error
}

func (l *testLoop) Reserve() func(func() error) {
	l.mu.Lock()
	l.pending++
	l.mu.Unlock()
	var once sync.Once
	return func(job func() error) {
		once.Do(func() {
			l.jobs <- func() error {
				l.mu.Lock()
				l.pending--
				l.mu.Unlock()
				if job == nil {
					return nil
				}
				return job()
			}
		})
	}
}

func (l *testLoop) Wait(done <-chan struct{}, timeout time.Duration) (bool, error) {
	for {
		select {
		case <-done:
			return true, nil
		default:
		}
		select {
		case <-done:
			return true, nil
		case job := <-l.jobs:
			if err := job(); err != nil {
				return false, err
			}
		}
	}
}

// drain runs jobs until no reservation is outstanding, as the runtime's
// loop does after the script's code has finished.
func (l *testLoop) drain() error {
	for {
		l.mu.Lock()
		n := l.pending
		l.mu.Unlock()
		if n == 0 {
			return nil
		}
		if err := (<-l.jobs)(); err != nil {
			return err
		}
	}
}

func TestAsyncWithLoop(t *testing.T) {
	s := server(t)
	loop := &testLoop{jobs: make(chan func() error, 16)}
	e := comtest.New(t, comtest.Config{Loop: loop})
	e.RT.Set("BASE", s.URL)
	// The handler runs only when the loop delivers: not during send.
	e.Run(t, `var states = [], x = new ActiveXObject("MSXML2.XMLHTTP");
		x.onreadystatechange = function () { states.push(x.readyState); if (x.readyState == 4) echo("done " + x.status + " " + JSON.parse(x.responseText).args.q[0]); };
		x.open("GET", BASE + "/get?q=async", true); x.send(); echo("sent " + states.join());`)
	if err := loop.drain(); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(e.Out, "|"); got != "sent 1,2|done 200 async" {
		t.Errorf("output %q", got)
	}
	if got := e.String(t, `states.join()`); got != "1,2,3,4" {
		t.Errorf("states %q", got)
	}
	// waitForResponse runs the loop until the response is complete.
	if got := e.String(t, `var y = new ActiveXObject("MSXML2.ServerXMLHTTP.6.0"), ys = []; y.onreadystatechange = function () { ys.push(y.readyState); };
		y.open("GET", BASE + "/get"); y.send(); [y.waitForResponse(), ys.join(), y.status].join("|")`); got != "true|1,2,3,4|200" {
		t.Errorf("waitForResponse: %q", got)
	}
	if err := loop.drain(); err != nil {
		t.Fatal(err)
	}
	// An aborted request releases its reservations without firing.
	e.Out = nil
	e.Run(t, `var z = new ActiveXObject("MSXML2.XMLHTTP"), zs = []; z.onreadystatechange = function () { zs.push(z.readyState); };
		z.open("GET", BASE + "/delay/1"); z.send(); z.abort();`)
	if err := loop.drain(); err != nil {
		t.Fatal(err)
	}
	if got := e.String(t, `zs.join() + "|" + z.readyState`); got != "1,2|0" {
		t.Errorf("aborted: %q", got)
	}
	// A handler's exception reaches the loop as the job's error.
	e.Run(t, `var w = new ActiveXObject("MSXML2.XMLHTTP"); w.onreadystatechange = function () { if (w.readyState == 4) throw new Error("handler failed"); };
		w.open("GET", BASE + "/get"); w.send();`)
	err := loop.drain()
	if err == nil || !strings.Contains(err.Error(), "handler failed") {
		t.Errorf("handler error: %v", err)
	}
}
