package winhttpapi

import (
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"testing"

	"go.uber.org/goleak"
)

func TestHTTPSAndSecurityFlags(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("secret")) }))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake is expected
	srv.StartTLS()
	t.Cleanup(srv.Close)
	e := newEnv(t, Options{})
	out := e.mustRun(js(prelude+`
var s = w.WinHttpOpen("a", 1, null, null, 0);
var c = w.WinHttpConnect(s, "{{HOST}}", {{PORT}}, 0);
var r = w.WinHttpOpenRequest(c, "GET", "/", null, null, null, w.WINHTTP_FLAG_SECURE);
var failure = null;
w.WinHttpSetStatusCallback(r, function (h, ctx, status, info) { failure = info; }, w.WINHTTP_CALLBACK_FLAG_SECURE_FAILURE, 0);
print(w.WinHttpSendRequest(r, null, null, 0, 0), w.GetLastError(), failure & w.WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CA);
w.WinHttpSetOption(r, w.WINHTTP_OPTION_SECURITY_FLAGS, w.SECURITY_FLAG_IGNORE_UNKNOWN_CA | w.SECURITY_FLAG_IGNORE_CERT_CN_INVALID);
print(w.WinHttpSendRequest(r, null, null, 0, 0), w.WinHttpReceiveResponse(r, null), String.fromCharCode.apply(null, w.WinHttpReadData(r, 100)));
print(w.WinHttpQueryOption(r, w.WINHTTP_OPTION_SECURITY_FLAGS) & w.SECURITY_FLAG_SECURE, w.WinHttpQueryOption(r, w.WINHTTP_OPTION_URL).indexOf("https://"));
`, srv))
	// httptest's TLS server URL starts with https:// — js() only swaps host and port.
	if out != "false 12175 8\ntrue true secret\n1 0\n" {
		t.Fatalf("got\n%s", out)
	}
}

// Once a script has closed its handles and its run is over, nothing the
// module started is left running.
func TestNoGoroutinesLeft(t *testing.T) {
	srv := httpbinServer(t)
	ws := wsServer(t)
	ignore := goleak.IgnoreCurrent()
	func() {
		e := newEnv(t, Options{})
		e.mustRun(js(prelude+`
var s = w.WinHttpOpen("a", 1, null, null, 0);
var r = w.WinHttpOpenRequest(w.WinHttpConnect(s, "{{HOST}}", {{PORT}}, 0), "POST", "/post", null, null, null, 0);
w.WinHttpSendRequest(r, null, "ab", 4, 0); w.WinHttpWriteData(r, "cd"); w.WinHttpReceiveResponse(r, null);
w.WinHttpReadData(r, 10);
var half = w.WinHttpOpenRequest(w.WinHttpConnect(s, "{{HOST}}", {{PORT}}, 0), "POST", "/post", null, null, null, 0);
w.WinHttpSendRequest(half, null, "ab", 100, 0);
w.WinHttpCloseHandle(s);
var a = w.WinHttpOpen("a", 1, null, null, w.WINHTTP_FLAG_ASYNC);
var ar = w.WinHttpOpenRequest(w.WinHttpConnect(a, "{{HOST}}", {{PORT}}, 0), "GET", "/delay/10", null, null, null, 0);
w.WinHttpSendRequest(ar, null, null, 0, 0);
w.WinHttpCloseHandle(a);
`, srv))
		e.mustRun(js(prelude+wsPrelude+`
var h = upgrade("/echo");
w.WinHttpSendRequest(h.r, null, null, 0, 0); w.WinHttpReceiveResponse(h.r, null);
var sock = w.WinHttpWebSocketCompleteUpgrade(h.r, 0);
w.WinHttpWebSocketSend(sock, 2, "x"); w.WinHttpWebSocketReceive(sock, 10);
w.WinHttpWebSocketClose(sock, 1000, "");
w.WinHttpCloseHandle(h.s);
`, ws))
	}()
	goleak.VerifyNone(t, ignore, goleak.IgnoreAnyFunction("net/http.(*persistConn).readLoop"),
		goleak.IgnoreAnyFunction("net/http.(*persistConn).writeLoop"), goleak.IgnoreAnyFunction("net/http.(*conn).serve"))
}
