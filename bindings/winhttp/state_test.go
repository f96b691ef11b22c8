package winhttp_test

import (
	"testing"
)

const (
	errBeforeOpen  = 12100
	errBeforeSend  = 12101
	errAfterSend   = 12102
	errCancelled   = 12017
	errHeaderNF    = 12150
	errInvalidHdr  = 12153
	errUnrecScheme = 12006
	errNotSettable = 12011
	errTimeout     = 12002
	errCannotConn  = 12029
	errInvalidCA   = 12045

	eInvalidArg = 0x80070057
	ePending    = 0x8000000A
)

// TestStateErrors checks every member in every state against spec §1.1,
// §1.3 and §2: the state check comes before argument checks.
func TestStateErrors(t *testing.T) {
	srv := newHTTPBin(t)
	url := srv.URL + "/get"
	states := map[string]string{
		"fresh":          ``,
		"opened":         `r.Open("GET", "` + url + `");`,
		"sent":           `r.Open("GET", "` + url + `"); r.Send();`,
		"aborted":        `r.Open("GET", "` + url + `"); r.Send(); r.Abort();`,
		"opened+aborted": `r.Open("GET", "` + url + `"); r.Abort();`,
	}
	tests := []struct {
		state, call string
		number      int64 // 0: no exception
	}{
		{"fresh", `r.Send()`, winhttpNumber(errBeforeOpen)},
		{"opened+aborted", `r.Send()`, winhttpNumber(errBeforeOpen)},
		{"aborted", `r.Send()`, winhttpNumber(errBeforeOpen)},
		{"sent", `r.Send(); r.Send()`, 0},
		{"fresh", `r.SetRequestHeader("Date", "x")`, winhttpNumber(errBeforeOpen)},
		{"fresh", `r.SetRequestHeader("Date", null)`, winhttpNumber(errBeforeOpen)},
		{"fresh", `r.SetRequestHeader(null, null)`, hresultNumber(eInvalidArg)},
		{"opened", `r.SetRequestHeader("Date", "x"); r.SetRequestHeader("Date", null)`, 0},
		{"sent", `r.SetRequestHeader("Date", "x")`, winhttpNumber(errAfterSend)},
		{"aborted", `r.SetRequestHeader("Date", "x")`, winhttpNumber(errBeforeOpen)},
		{"fresh", `r.SetCredentials("u", "p", 0xdeadbeef)`, winhttpNumber(errBeforeOpen)},
		{"opened", `r.SetCredentials(null, "p", 0)`, hresultNumber(eInvalidArg)},
		{"opened", `r.SetCredentials("u", "p", 2)`, hresultNumber(eInvalidArg)},
		{"opened", `r.SetCredentials("u", "p", 0); r.SetCredentials("u", "p", 1)`, 0},
		{"sent", `r.SetCredentials("u", "p", 0)`, 0},
		{"fresh", `r.SetProxy(1); r.SetProxy(2)`, 0},
		{"fresh", `r.SetProxy(0xdeadbeef)`, hresultNumber(eInvalidArg)},
		{"sent", `r.SetProxy(1)`, 0},
		{"fresh", `r.SetTimeouts(10000, 10000, 10000, 10000)`, 0},
		{"opened", `r.SetTimeouts(0, -1, 0, -1)`, 0},
		{"opened", `r.SetTimeouts(0, -2, 0, 0)`, hresultNumber(eInvalidArg)},
		{"opened", `r.SetTimeouts(0, 0, 0)`, hresultNumber(0x800A01C1)},
		{"fresh", `r.SetAutoLogonPolicy(0); r.SetAutoLogonPolicy(1); r.SetAutoLogonPolicy(2)`, 0},
		{"sent", `r.SetAutoLogonPolicy(2)`, 0},
		{"fresh", `r.SetAutoLogonPolicy(0xdeadbeef)`, hresultNumber(eInvalidArg)},
		{"fresh", `r.Abort(); r.Abort()`, 0},
		{"opened", `r.Abort()`, 0},
		{"sent", `r.Abort(); r.Abort()`, 0},
		{"sent", `r.WaitForResponse(10) === true || bad`, 0},
		{"fresh", `r.Open(null, null)`, hresultNumber(eInvalidArg)},
		{"fresh", `r.Open("GET", null)`, hresultNumber(eInvalidArg)},
		{"fresh", `r.Open(null, "` + url + `")`, hresultNumber(eInvalidArg)},
		{"fresh", `r.Open("GET")`, hresultNumber(eInvalidArg)},
		{"fresh", `r.Open("GET", "test.winehq.org")`, winhttpNumber(errUnrecScheme)},
		{"fresh", `r.Open("INVALID", "test.winehq.org")`, winhttpNumber(errUnrecScheme)},
		{"fresh", `r.Open("GET", "ftp://127.0.0.1/x")`, winhttpNumber(errUnrecScheme)},
		{"fresh", `r.Open("GE T", "` + url + `")`, hresultNumber(eInvalidArg)},
		{"sent", `r.Open("GET", "` + url + `"); r.Send(); r.Status === 200 || bad`, 0},
		{"fresh", `r.Option(1)`, winhttpNumber(errBeforeOpen)},
		{"sent", `try { r.Open("GET", "nowhere") } catch (x) {} r.Send()`, winhttpNumber(errBeforeOpen)},
		{"sent", `try { r.Open("GET", "nowhere") } catch (x) {} r.Status`, winhttpNumber(errBeforeSend)},
		{"fresh", `r.Option(0)`, 0},
		{"sent", `r.SetClientCertificate("LOCAL_MACHINE\\My\\Middle-Tier Certificate")`, hresultNumber(0x80092004)},
	}
	for _, m := range []string{"Status", "StatusText", "ResponseText", "ResponseBody", "ResponseStream", "GetAllResponseHeaders()", `GetResponseHeader("Date")`, `GetResponseHeader(null)`} {
		for _, st := range []string{"fresh", "opened", "aborted", "opened+aborted"} {
			tests = append(tests, struct {
				state, call string
				number      int64
			}{st, "r." + m, winhttpNumber(errBeforeSend)})
		}
		if m != `GetResponseHeader(null)` {
			tests = append(tests, struct {
				state, call string
				number      int64
			}{"sent", "r." + m, 0})
		} else {
			tests = append(tests, struct {
				state, call string
				number      int64
			}{"sent", "r." + m, hresultNumber(eInvalidArg)})
		}
	}
	for _, tt := range tests {
		e := newEnv(t)
		e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1");` + states[tt.state])
		if tt.number == 0 {
			e.run(tt.call)
			continue
		}
		got := e.fail(tt.call)
		if got.number != tt.number || !got.isCOM || got.name != "Error" {
			t.Errorf("%s: %s: number %d (%s), want %d", tt.state, tt.call, got.number, got.description, tt.number)
		}
	}
}

func TestSendTwiceDoesNotResend(t *testing.T) {
	url, rec := recordingServer(t)
	e := newEnv(t)
	e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
r.Open("POST", "` + url + `"); r.Send("a"); r.Send("b"); r.Send();`)
	if got := rec.get(); got.count != 1 || string(got.body) != "a" {
		t.Errorf("server saw %d requests, last body %q; want 1, \"a\"", got.count, got.body)
	}
	// Open re-arms the object.
	e.run(`r.Open("POST", "` + url + `"); r.Send("c");`)
	if got := rec.get(); got.count != 2 || string(got.body) != "c" {
		t.Errorf("after re-Open: %d requests, last body %q", got.count, got.body)
	}
}

func TestErrorShape(t *testing.T) {
	e := newEnv(t)
	e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1");`)
	got := e.fail(`r.Send()`)
	if got.hr != 0x80072F44 || got.description != "This method cannot be called until the Open method has been called" {
		t.Errorf("got %#x %q", got.hr, got.description)
	}
	if v := e.str(`try { r.Send() } catch (x) { (x.number & 0xFFFF) + "|" + (x.number >>> 0).toString(16) + "|" + (x.message === x.description) }`); v != "12100|80072f44|true" {
		t.Errorf("script view: %q", v)
	}
}
