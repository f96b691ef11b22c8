package runtime

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// evalAll evaluates inputs in order and returns each result's plain form
// or error report.
func evalAll(t *testing.T, p *REPL, inputs ...string) []string {
	t.Helper()
	var out []string
	for _, in := range inputs {
		res, err := p.Eval(context.Background(), in)
		if err != nil {
			out = append(out, FormatError(err))
			continue
		}
		out = append(out, res.Format(false))
	}
	return out
}

func newTestREPL(t *testing.T) *REPL {
	t.Helper()
	p, err := NewREPL(Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

func TestREPLEvalValues(t *testing.T) {
	p := newTestREPL(t)
	cases := []struct{ in, want string }{
		{"1 + 2", "3"},
		{"_ * 2", "6"},
		{"\"it's\"", `"it's"`},
		{"var a = 5", "undefined"},
		{"function f(x) { return x * a }", "undefined"},
		{"f(2)", "10"},
		{"({a: 1, b: 'x', c: [1, 2, {d: {e: {f: 1}}}]})", "{ a: 1, b: 'x', c: [ 1, 2, { d: [Object] } ] }"},
		{"{a: 1}", "{ a: 1 }"},
		{"new Uint8Array([1, 2, 3])", "Uint8Array(3) [ 1, 2, 3 ]"},
		{"null", "null"},
		{"undefined", "undefined"},
		{"-0", "-0"},
		{"10n", "10n"},
		{"[function g() {}, class K {}, () => 1]", "[ [Function: g], [class K], [Function (anonymous)] ]"},
		{"new Error('boom')", "Error: boom"},
		{"Promise.resolve(42)", "42"},
		{"await new Promise(r => setTimeout(() => r('late'), 10))", "'late'"},
		{"const z = await Promise.resolve(7); z + 1", "8"},
		{"z", "7"},
		{"new Map([[1, 'a']])", "Map(1) { 1 => 'a' }"},
		{"var o = {}; o.self = o; o", "{ self: [Circular] }"},
		{"throw new TypeError('bad')", "Uncaught TypeError: bad"},
		{"nosuch", "Uncaught ReferenceError: nosuch is not defined"},
		{"Promise.reject(new Error('no'))", "Uncaught Error: no"},
		{"new ActiveXObject('WinHttp.WinHttpRequest.5.1').Nope", "Uncaught Error: Object doesn't support this property or method (HRESULT 0x800A01B6, Microsoft JScript runtime error): member Nope of WinHttp.WinHttpRequest"},
		{"var r = new ActiveXObject('WinHttp.WinHttpRequest.5.1'); r.Option(4) = 13056; r.Option(4)", "13056"},
		{"r", "WinHttpRequest (not opened)"},
		{"Symbol('s')", "Symbol(s)"},
		{"({f: function () {}, g: [function () {}]})", "{ f: [Function: f], g: [ [Function (anonymous)] ] }"},
		{"Buffer.from('hi')", "<Buffer 68 69>"},
		{"new Set([1, 'x'])", "Set(2) { 1, 'x' }"},
		{"'a\\nb'", "'a\\nb'"},
		{"Array.from({length: 12}, (_, i) => i * 100)", "[ 0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100 ]"},
		{"Array.from({length: 25}, (_, i) => i * 1000)", "[\n      0,  1000,  2000,  3000,  4000,  5000,  6000,  7000,  8000,  9000,\n  10000, 11000, 12000, 13000, 14000, 15000, 16000, 17000, 18000, 19000,\n  20000, 21000, 22000, 23000, 24000\n]"},
		{"({a: 'x'.repeat(40), b: 'y'.repeat(40), c: {d: 1}})", "{\n  a: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',\n  b: 'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy',\n  c: { d: 1 }\n}"},
		{"setTimeout(() => { throw new Error('in a timer') }, 5)", "Uncaught Error: in a timer"},
		{"var later; setTimeout(() => { later = 'set' }, 5); 1", "1"},
		{"later", "'set'"},
		{"const {a: da, b: [db]} = await Promise.resolve({a: 1, b: [2]}); da + db", "3"},
		{"function hoisted() { return 'h' } class Later {}; let none; await 0", "0"},
		{"[hoisted(), typeof Later, none]", "[ 'h', 'function', undefined ]"},
		{"await Promise.reject(new RangeError('nope'))", "Uncaught RangeError: nope"},
		{"40", "40"},
		{"_ + 2", "42"},
		{"_ = 'mine'", "'mine'"},
		{"1", "1"},
		{"_", "'mine'"},
	}
	for _, c := range cases {
		got := evalAll(t, p, c.in)[0]
		if got != c.want {
			t.Errorf("%s\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

func TestREPLIncomplete(t *testing.T) {
	for src, want := range map[string]bool{
		"function f() {":      true,
		"var a = [1,":         true,
		"`abc":                true,
		"await f(":            true,
		"x = await f(1":       true,
		"1 +":                 true,
		"}":                   false,
		"a b":                 false,
		"1 + 2":               false,
		"await f()":           false,
		"x.Option(4) = 13056": false,
		"":                    false,
	} {
		if got := Incomplete(src); got != want {
			t.Errorf("Incomplete(%q) = %v, want %v", src, got, want)
		}
	}
}

func TestREPLComplete(t *testing.T) {
	p := newTestREPL(t)
	evalAll(t, p, "var req = new ActiveXObject('WinHttp.WinHttpRequest.5.1'); var myVariable = {alpha: 1, alps: 2}")
	head, got, tail := p.Complete("x = req.resp", len("x = req.resp"))
	if head != "x = req." || tail != "" || strings.Join(got, ",") != "ResponseBody,ResponseStream,ResponseText" {
		t.Errorf("COM completion: %q %q %q", head, got, tail)
	}
	_, got, _ = p.Complete("myVar", 5)
	if strings.Join(got, ",") != "myVariable" {
		t.Errorf("global completion: %q", got)
	}
	_, got, _ = p.Complete("myVariable.al", 13)
	if strings.Join(got, ",") != "alpha,alps" {
		t.Errorf("member completion: %q", got)
	}
}

func TestREPLTraceAndInterrupt(t *testing.T) {
	arrived := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			arrived <- struct{}{}
			<-r.Context().Done()
			return
		}
		w.Header().Set("X-Test", "yes")
		w.Write([]byte("hello"))
	}))
	defer srv.Close()
	p := newTestREPL(t)
	var trace strings.Builder
	p.SetTrace(&trace)
	got := evalAll(t, p, "var q = new ActiveXObject('WinHttp.WinHttpRequest.5.1'); q.Open('GET', '"+srv.URL+"/x', false); q.SetRequestHeader('Authorization', 'Basic dTpw'); q.Send(); q.ResponseText")
	if got[0] != "'hello'" {
		t.Fatalf("got %s", got[0])
	}
	tr := trace.String()
	for _, want := range []string{"> GET /x HTTP/1.1\n", "> User-Agent: Mozilla/4.0 (compatible; Win32; WinHttp.WinHttpRequest.5)\n", "> Authorization: Basic ***\n", "< HTTP/1.1 200 OK\n", "< X-Test: yes\n"} {
		if !strings.Contains(tr, want) {
			t.Errorf("trace lacks %q:\n%s", want, tr)
		}
	}
	if strings.Contains(tr, "dTpw") {
		t.Errorf("trace shows the credentials:\n%s", tr)
	}
	ctx, cancel := context.WithCancel(context.Background())
	p.SetTrace(nil)
	done := make(chan error, 1)
	go func() {
		_, err := p.Eval(ctx, "q.Open('GET', '"+srv.URL+"/slow', false); q.Send()")
		done <- err
	}()
	<-arrived // the statement is blocked in Send
	cancel()
	if err := <-done; !errors.Is(err, ErrInterrupted) {
		t.Fatalf("interrupted eval: %v", err)
	}
	if got := evalAll(t, p, "a = 1 + 1")[0]; got != "2" {
		t.Errorf("after interrupt: %s", got)
	}
}

// The flat module's requests are traced like WinHttpRequest's.
func TestREPLTraceFlatAPI(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Flat", "1")
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	u, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	p := newTestREPL(t)
	var trace strings.Builder
	p.SetTrace(&trace)
	got := evalAll(t, p, `var w = require("winhttp");
var s = w.WinHttpOpen("flat/1", w.WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
var c = w.WinHttpConnect(s, "127.0.0.1", `+u.Port()+`, 0);
var r = w.WinHttpOpenRequest(c, "GET", "/flat", null, null, null, 0);
w.WinHttpAddRequestHeaders(r, "Authorization: Bearer t0ken", w.WINHTTP_ADDREQ_FLAG_ADD);
w.WinHttpSendRequest(r, null, null, 0, 0) && w.WinHttpReceiveResponse(r, null)`)
	if got[0] != "true" {
		t.Fatalf("got %s", got[0])
	}
	tr := trace.String()
	for _, want := range []string{"> GET /flat HTTP/1.1\n", "> Authorization: Bearer ***\n", "< HTTP/1.1 200 OK\n", "< X-Flat: 1\n"} {
		if !strings.Contains(tr, want) {
			t.Errorf("trace lacks %q:\n%s", want, tr)
		}
	}
	if strings.Contains(tr, "t0ken") {
		t.Errorf("trace shows the credentials:\n%s", tr)
	}
}
