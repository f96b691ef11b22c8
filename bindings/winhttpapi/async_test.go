package winhttpapi

import (
	"strings"
	"testing"

	"github.com/dop251/goja"
	"github.com/dop251/goja_nodejs/require"
)

// asyncPrelude names statuses and drives one request from its callback.
const asyncPrelude = prelude + `
var names = {};
Object.keys(w).forEach(function (k) {
  if (k.indexOf("WINHTTP_CALLBACK_STATUS_") === 0 && k.indexOf("FLAG") < 0) names[w[k]] = k.slice(24);
});
var log = [];
function note(s) { if (log[log.length - 1] !== s) log.push(s); }
`

func TestAsyncGetSequence(t *testing.T) {
	srv := httpbinServer(t)
	e := newEnv(t, Options{})
	out := e.mustRun(js(asyncPrelude+`
var total = 0, s, c, r;
function cb(h, ctx, status, info, len) {
  note(names[status]);
  switch (status) {
  case w.WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE:
    print("context", ctx, "handle is request", h === r);
    check(w.WinHttpReceiveResponse(h, null), "receive"); break;
  case w.WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE:
    print("status", w.WinHttpQueryHeaders(h, w.WINHTTP_QUERY_STATUS_CODE | w.WINHTTP_QUERY_FLAG_NUMBER, null, null));
    print("second call while pending", w.WinHttpQueryDataAvailable(h), w.WinHttpQueryDataAvailable(h), w.GetLastError());
    break;
  case w.WINHTTP_CALLBACK_STATUS_DATA_AVAILABLE:
    if (info > 0) check(w.WinHttpReadData(h, info), "read");
    else { print("total", total); w.WinHttpCloseHandle(r); w.WinHttpCloseHandle(c); w.WinHttpCloseHandle(s); }
    break;
  case w.WINHTTP_CALLBACK_STATUS_READ_COMPLETE:
    total += info.length; if (len !== info.length) throw new Error("length");
    check(w.WinHttpQueryDataAvailable(h), "avail"); break;
  case w.WINHTTP_CALLBACK_STATUS_REQUEST_ERROR:
    print("error", info.dwResult, info.dwError); break;
  }
}
s = check(w.WinHttpOpen("a", w.WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, w.WINHTTP_FLAG_ASYNC), "open");
print("previous", w.WinHttpSetStatusCallback(s, cb, w.WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS, 0));
c = check(w.WinHttpConnect(s, "{{HOST}}", {{PORT}}, 0), "connect");
r = check(w.WinHttpOpenRequest(c, "GET", "/bytes/200000?seed=3", null, null, null, 0), "openrequest");
print("send returns", w.WinHttpSendRequest(r, null, null, 0, 42));
print("synchronous part done");
`, srv))
	if err := e.loop.run(); err != nil {
		t.Fatal(err)
	}
	out += e.out.String()[len(out):]
	// How many reads a body takes depends on the network: the cycle is
	// collapsed.
	out2 := e.mustRun(`print(log.join(" ").replace(/(DATA_AVAILABLE READ_COMPLETE )+/, "(DATA_AVAILABLE READ_COMPLETE)+ "))`)
	want := "previous null\nsend returns true\nsynchronous part done\ncontext 42 handle is request true\nstatus 200\n" +
		"second call while pending true null 12019\ntotal 200000\n"
	if out != want {
		t.Fatalf("got\n%s\nwant\n%s", out, want)
	}
	wantLog := "HANDLE_CREATED RESOLVING_NAME NAME_RESOLVED CONNECTING_TO_SERVER CONNECTED_TO_SERVER SENDING_REQUEST REQUEST_SENT " +
		"SENDREQUEST_COMPLETE RECEIVING_RESPONSE RESPONSE_RECEIVED HEADERS_AVAILABLE (DATA_AVAILABLE READ_COMPLETE)+ " +
		"DATA_AVAILABLE HANDLE_CLOSING\n"
	if got := out2[len(out):]; got != wantLog {
		t.Fatalf("notifications\n%s\nwant\n%s", got, wantLog)
	}
}

// Closing a request with a call pending completes the call with
// OPERATION_CANCELLED, then HANDLE_CLOSING comes last.
func TestAsyncCloseWhilePending(t *testing.T) {
	srv := httpbinServer(t)
	e := newEnv(t, Options{})
	e.mustRun(js(asyncPrelude+`
var s = w.WinHttpOpen("a", w.WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, w.WINHTTP_FLAG_ASYNC);
w.WinHttpSetStatusCallback(s, function (h, ctx, status, info) {
  if (status === w.WINHTTP_CALLBACK_STATUS_REQUEST_ERROR) note("REQUEST_ERROR " + info.dwResult + " " + info.dwError);
  else if (status === w.WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE) {
    w.WinHttpReceiveResponse(h, null);
    w.WinHttpCloseHandle(h);
    note("closed");
  } else note(names[status]);
}, w.WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS | w.WINHTTP_CALLBACK_FLAG_HANDLES, 0);
var c = w.WinHttpConnect(s, "{{HOST}}", {{PORT}}, 0);
var r = w.WinHttpOpenRequest(c, "GET", "/delay/10", null, null, null, 0);
w.WinHttpSendRequest(r, null, null, 0, 0);
`, srv))
	got := e.mustRun(`print(log.join(" "))`)
	want := "HANDLE_CREATED closed REQUEST_ERROR 1 12017 HANDLE_CLOSING\n"
	if got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

// A callback's exception ends the script as an uncaught error would.
func TestAsyncCallbackException(t *testing.T) {
	srv := httpbinServer(t)
	e := newEnv(t, Options{})
	_, err := e.run(js(prelude+`
var s = w.WinHttpOpen("a", w.WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, w.WINHTTP_FLAG_ASYNC);
w.WinHttpSetStatusCallback(s, function () { throw new Error("boom"); }, w.WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS, 0);
var r = w.WinHttpOpenRequest(w.WinHttpConnect(s, "{{HOST}}", {{PORT}}, 0), "GET", "/get", null, null, null, 0);
w.WinHttpSendRequest(r, null, null, 0, 0);
`, srv))
	if err == nil || !strings.HasPrefix(err.Error(), "Error: boom at") {
		t.Fatalf("got %v", err)
	}
}

// Without a loop (Require's defaults) asynchronous sessions are refused.
func TestAsyncNeedsLoop(t *testing.T) {
	rt := goja.New()
	reg := require.NewRegistry()
	reg.RegisterNativeModule(ModuleName, Require)
	reg.Enable(rt)
	v, err := rt.RunString(`var w = require("winhttp");
[w.WinHttpOpen("a", 1, null, null, w.WINHTTP_FLAG_ASYNC), w.GetLastError(), typeof w.WinHttpOpen("a", 1, null, null, 0)].join()`)
	if err != nil || v.String() != ",50,object" {
		t.Fatalf("got %v, %v", v, err)
	}
}
