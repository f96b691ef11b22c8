package winhttp_test

import (
	"strings"
	"testing"
	"time"
)

func TestAsyncSend(t *testing.T) {
	g := newGate(t)
	srv := newServer(t, g.handler("done"))
	e := newEnv(t)
	// The server answers only once the gate opens, after Send returned.
	e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("GET", "` + srv.URL + `", true); r.Send();`)
	if got := e.str(`r.WaitForResponse(0)`); got != "false" {
		t.Errorf("WaitForResponse(0) in flight = %s", got)
	}
	if got := e.str(`r.WaitForResponse(0.2)`); got != "false" {
		t.Errorf("WaitForResponse(0.2) in flight = %s", got)
	}
	for _, m := range []string{"r.Status", "r.ResponseText", "r.ResponseBody", "r.ResponseStream", "r.GetAllResponseHeaders()"} {
		if got := e.fail(m); got.number != hresultNumber(ePending) {
			t.Errorf("%s in flight: %d %q", m, got.number, got.description)
		}
	}
	if got := e.fail(`r.SetRequestHeader("X", "1")`); got.number != winhttpNumber(errAfterSend) {
		t.Errorf("SetRequestHeader in flight: %d", got.number)
	}
	// A second Send while in flight does nothing.
	e.run(`r.Send()`)
	g.open()
	if got := e.str(`r.WaitForResponse()`); got != "true" {
		t.Errorf("WaitForResponse() = %s", got)
	}
	if got := e.str(`r.Status + " " + r.ResponseText + " " + r.WaitForResponse(5)`); got != "200 done true" {
		t.Errorf("after completion: %q", got)
	}
}

func TestAsyncFlagConversion(t *testing.T) {
	tests := []struct {
		async   string
		isAsync bool
	}{
		{`, true`, true}, {`, 1`, true}, {`, "true"`, true}, {`, -1`, true},
		{`, false`, false}, {`, 0`, false}, {`, undefined`, false}, {`, {}`, false}, {``, false},
	}
	for _, tt := range tests {
		g := newGate(t)
		srv := newServer(t, g.handler("x"))
		e := newEnv(t)
		e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("GET", "` + srv.URL + `"` + tt.async + `);`)
		if tt.isAsync {
			e.run(`r.Send()`)
			if got := e.str(`r.WaitForResponse(0)`); got != "false" {
				t.Errorf("Open(…%s): Send waited for the response", tt.async)
			}
			g.open()
			if got := e.str(`r.WaitForResponse(5) + " " + r.ResponseText`); got != "true x" {
				t.Errorf("Open(…%s): after waiting %q", tt.async, got)
			}
			continue
		}
		// A synchronous Send returns only with the whole response: the
		// gate opens while it waits, and ResponseText (which throws
		// E_PENDING before completion) is there when it returns.
		time.AfterFunc(50*time.Millisecond, g.open)
		e.run(`r.Send()`)
		if got := e.str(`r.ResponseText`); got != "x" {
			t.Errorf("Open(…%s): ResponseText %q", tt.async, got)
		}
	}
}

func TestAsyncFailure(t *testing.T) {
	refused := closedPort(t)
	e := newEnv(t)
	e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("GET", "` + refused + `", true); r.Send();`)
	if got := e.fail(`r.WaitForResponse(5)`); got.number != winhttpNumber(errCannotConn) {
		t.Errorf("WaitForResponse: %d %q", got.number, got.description)
	}
	if got := e.fail(`r.ResponseText`); got.number != winhttpNumber(errCannotConn) {
		t.Errorf("ResponseText: %d %q", got.number, got.description)
	}
}

func TestAbortAsync(t *testing.T) {
	g := newGate(t)
	srv := newServer(t, g.handler("x"))
	e := newEnv(t)
	e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("GET", "` + srv.URL + `", true); r.Send(); r.Abort();`)
	if got := e.str(`r.WaitForResponse(1)`); got != "true" {
		t.Errorf("WaitForResponse after Abort = %s", got)
	}
	for _, m := range []string{"r.Status", "r.ResponseText"} {
		if got := e.fail(m); got.number != winhttpNumber(errBeforeSend) {
			t.Errorf("%s after Abort: %d", m, got.number)
		}
	}
	if got := e.fail(`r.Send()`); got.number != winhttpNumber(errBeforeOpen) {
		t.Errorf("Send after Abort: %d", got.number)
	}
	if got := e.str(`String(r)`); got != "WinHttpRequest (aborted)" {
		t.Errorf("String(r) = %q", got)
	}
}

func TestInspect(t *testing.T) {
	srv := newHTTPBin(t)
	e := newEnv(t)
	e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1");`)
	steps := []struct{ script, want string }{
		{``, "WinHttpRequest (not opened)"},
		{`r.Open("GET", "` + srv.URL + `/status/404");`, "WinHttpRequest GET " + srv.URL + "/status/404 (not sent)"},
		{`r.Send();`, "WinHttpRequest GET " + srv.URL + "/status/404 → 404 Not Found"},
	}
	for _, s := range steps {
		e.run(s.script)
		if got := e.str(`String(r)`); got != s.want {
			t.Errorf("after %q: %q, want %q", s.script, got, s.want)
		}
	}
	refused := closedPort(t)
	e.run(`r.Open("GET", "` + refused + `/"); try { r.Send() } catch (x) {}`)
	if got := e.str(`String(r)`); !strings.HasSuffix(got, "→ error 12029 A connection with the server could not be established") {
		t.Errorf("after a failure: %q", got)
	}
}
