package winhttpapi

import (
	"strings"
	"testing"
)

// Each case runs with s (session), c (connection), r (request, not sent)
// and prints the result and GetLastError() of one call.
func TestCallOrderErrors(t *testing.T) {
	srv := httpbinServer(t)
	cases := []struct {
		name, code, want string
	}{
		{"connect on request", `w.WinHttpConnect(r, "h", 80, 0)`, "null 12018"},
		{"connect on connection", `w.WinHttpConnect(c, "h", 80, 0)`, "null 12018"},
		{"connect null server", `w.WinHttpConnect(s, null, 80, 0)`, "null 87"},
		{"connect bad port", `w.WinHttpConnect(s, "h", 70000, 0)`, "null 87"},
		{"openrequest on session", `w.WinHttpOpenRequest(s, "GET", "/", null, null, null, 0)`, "null 12018"},
		{"send on connection", `w.WinHttpSendRequest(c, null, null, 0, 0)`, "false 12018"},
		{"send on session", `w.WinHttpSendRequest(s, null, null, 0, 0)`, "false 12018"},
		{"null handle", `w.WinHttpSendRequest(null, null, null, 0, 0)`, "false 6"},
		{"not a handle", `w.WinHttpSendRequest({}, null, null, 0, 0)`, "false 6"},
		{"closed handle", `(w.WinHttpCloseHandle(r), w.WinHttpSendRequest(r, null, null, 0, 0))`, "false 6"},
		{"close twice", `(w.WinHttpCloseHandle(r), w.WinHttpCloseHandle(r))`, "false 6"},
		{"parent close closes children", `(w.WinHttpCloseHandle(s), w.WinHttpQueryOption(r, w.WINHTTP_OPTION_HANDLE_TYPE))`, "null 6"},
		{"receive before send", `w.WinHttpReceiveResponse(r, null)`, "false 12019"},
		{"write before send", `w.WinHttpWriteData(r, "x")`, "null 12019"},
		{"query headers before receive", `w.WinHttpQueryHeaders(r, w.WINHTTP_QUERY_STATUS_CODE, null, null)`, "null 12019"},
		{"query data before receive", `w.WinHttpQueryDataAvailable(r)`, "null 12019"},
		{"read before receive", `w.WinHttpReadData(r, 10)`, "null 12019"},
		{"auth schemes before receive", `w.WinHttpQueryAuthSchemes(r)`, "null 12019"},
		{"write without body announced", `(w.WinHttpSendRequest(r, null, null, 0, 0), w.WinHttpWriteData(r, "x"))`, "null 12019"},
		{"write after receive", `(w.WinHttpSendRequest(r, null, null, 1, 0), w.WinHttpWriteData(r, "x"), w.WinHttpReceiveResponse(r, null), w.WinHttpWriteData(r, "x"))`, "null 12019"},
		{"write beyond total", `(w.WinHttpSendRequest(r, null, "ab", 3, 0), w.WinHttpWriteData(r, "xy"))`, "null 87"},
		{"receive twice", `(w.WinHttpSendRequest(r, null, null, 0, 0), w.WinHttpReceiveResponse(r, null), w.WinHttpReceiveResponse(r, null))`, "false 12019"},
		{"auth schemes on 200", `(w.WinHttpSendRequest(r, null, null, 0, 0), w.WinHttpReceiveResponse(r, null), w.WinHttpQueryAuthSchemes(r))`, "null 12019"},
		{"header not found", `(w.WinHttpSendRequest(r, null, null, 0, 0), w.WinHttpReceiveResponse(r, null), w.WinHttpQueryHeaders(r, w.WINHTTP_QUERY_CUSTOM, "X-None", null))`, "null 12150"},
		{"custom without name", `(w.WinHttpSendRequest(r, null, null, 0, 0), w.WinHttpReceiveResponse(r, null), w.WinHttpQueryHeaders(r, w.WINHTTP_QUERY_CUSTOM, null, null))`, "null 87"},
		{"bad query level", `(w.WinHttpSendRequest(r, null, null, 0, 0), w.WinHttpReceiveResponse(r, null), w.WinHttpQueryHeaders(r, 79, null, null))`, "null 87"},
		{"set query-only option", `w.WinHttpSetOption(r, w.WINHTTP_OPTION_HANDLE_TYPE, 1)`, "false 12011"},
		{"unknown option", `w.WinHttpSetOption(r, 9999, 1)`, "false 12009"},
		{"unsupported option", `w.WinHttpSetOption(r, w.WINHTTP_OPTION_SERVER_CERT_CONTEXT, null)`, "false 12009"},
		{"unknown query option", `w.WinHttpQueryOption(r, w.WINHTTP_OPTION_SERVER_CERT_CONTEXT)`, "null 12009"},
		{"no client certificate", `w.WinHttpSetOption(r, w.WINHTTP_OPTION_CLIENT_CERT_CONTEXT, w.WINHTTP_NO_CLIENT_CERT_CONTEXT)`, "true 0"},
		{"client certificate object", `w.WinHttpSetOption(r, w.WINHTTP_OPTION_CLIENT_CERT_CONTEXT, {})`, "false 87"},
		{"option on wrong handle", `w.WinHttpSetOption(c, w.WINHTTP_OPTION_SECURITY_FLAGS, 0)`, "false 12018"},
		{"session option on request", `w.WinHttpQueryOption(r, w.WINHTTP_OPTION_USER_AGENT)`, "null 12018"},
		{"disable feature after send", `(w.WinHttpSendRequest(r, null, null, 0, 0), w.WinHttpSetOption(r, w.WINHTTP_OPTION_DISABLE_FEATURE, w.WINHTTP_DISABLE_COOKIES))`, "false 12019"},
		{"timeouts on connection", `w.WinHttpSetTimeouts(c, 1, 1, 1, 1)`, "false 12018"},
		{"timeouts negative", `w.WinHttpSetTimeouts(s, -2, 1, 1, 1)`, "false 87"},
		{"add header malformed", `w.WinHttpAddRequestHeaders(r, "NoColon", 0)`, "false 12153"},
		{"add header empty", `w.WinHttpAddRequestHeaders(r, "", 0)`, "false 87"},
		{"add if new existing", `(w.WinHttpAddRequestHeaders(r, "X-A: 1", 0), w.WinHttpAddRequestHeaders(r, "X-A: 2", w.WINHTTP_ADDREQ_FLAG_ADD_IF_NEW))`, "false 12155"},
		{"replace missing", `w.WinHttpAddRequestHeaders(r, "X-B: 1", w.WINHTTP_ADDREQ_FLAG_REPLACE)`, "false 12150"},
		{"open bad access", `w.WinHttpOpen("a", 2, null, null, 0)`, "null 87"},
		{"open named without proxy", `w.WinHttpOpen("a", w.WINHTTP_ACCESS_TYPE_NAMED_PROXY, null, null, 0)`, "null 87"},
		{"open proxy with no-proxy", `w.WinHttpOpen("a", w.WINHTTP_ACCESS_TYPE_NO_PROXY, "p:1", null, 0)`, "null 87"},
		{"dword not a number", `w.WinHttpSetOption(s, w.WINHTTP_OPTION_CONNECT_TIMEOUT, "x")`, "false 87"},
		{"success resets", `(w.WinHttpConnect(s, null, 80, 0), w.WinHttpSetOption(s, w.WINHTTP_OPTION_CONNECT_TIMEOUT, -1))`, "true 0"},
		{"set credentials bad scheme", `w.WinHttpSetCredentials(r, 0, 3, "u", "p", null)`, "false 87"},
		{"set credentials basic no user", `w.WinHttpSetCredentials(r, 0, w.WINHTTP_AUTH_SCHEME_BASIC, null, "p", null)`, "false 87"},
		{"connect refused", `(function(){ var c2 = w.WinHttpConnect(s, "127.0.0.1", 1, 0); var r2 = w.WinHttpOpenRequest(c2, "GET", "/", null, null, null, 0); return w.WinHttpSendRequest(r2, null, null, 0, 0); })()`, "false 12029"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, Options{})
			out := e.mustRun(js(prelude+`
var s = w.WinHttpOpen("t", w.WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
var c = w.WinHttpConnect(s, "{{HOST}}", {{PORT}}, 0);
var r = w.WinHttpOpenRequest(c, "GET", "/get", null, null, null, 0);
var v = `+tc.code+`;
print(v, w.GetLastError());
`, srv))
			if strings.TrimSpace(out) != tc.want {
				t.Fatalf("got %q, want %q", strings.TrimSpace(out), tc.want)
			}
		})
	}
}

// A status callback may close the handle of the call that delivers it.
func TestCloseFromSyncCallback(t *testing.T) {
	srv := httpbinServer(t)
	e := newEnv(t, Options{})
	out := e.mustRun(js(prelude+`
var s = w.WinHttpOpen("t", 1, null, null, 0);
var r = w.WinHttpOpenRequest(w.WinHttpConnect(s, "{{HOST}}", {{PORT}}, 0), "GET", "/get", null, null, null, 0);
w.WinHttpSetStatusCallback(r, function (h, ctx, status) {
  if (status === w.WINHTTP_CALLBACK_STATUS_RECEIVING_RESPONSE) w.WinHttpCloseHandle(h);
}, w.WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS, 0);
print(w.WinHttpSendRequest(r, null, null, 0, 0), w.WinHttpReceiveResponse(r, null), w.GetLastError(), w.WinHttpReadData(r, 1), w.GetLastError());
`, srv))
	if out != "true false 12017 null 6\n" {
		t.Fatalf("got %q", out)
	}
}
