package winhttpapi

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/coder/websocket"
)

// wsServer echoes every message on /echo; on /bye it reads one message
// and closes with 4000 "bye".
func wsServer(t *testing.T) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("/echo", func(w http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer c.CloseNow()
		for {
			typ, b, err := c.Read(context.Background())
			if err != nil {
				return
			}
			if err := c.Write(context.Background(), typ, b); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/bye", func(w http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer c.CloseNow()
		c.Read(context.Background())
		c.Close(4000, "bye")
	})
	mux.HandleFunc("/plain", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("no upgrade")) })
	s := httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

const wsPrelude = `
function upgrade(path, flags) {
  var s = check(w.WinHttpOpen("ws", w.WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, flags || 0), "open");
  var c = check(w.WinHttpConnect(s, "{{HOST}}", {{PORT}}, 0), "connect");
  var r = check(w.WinHttpOpenRequest(c, "GET", path, null, null, null, 0), "openrequest");
  check(w.WinHttpSetOption(r, w.WINHTTP_OPTION_UPGRADE_TO_WEB_SOCKET, null), "upgrade option");
  return {s: s, c: c, r: r};
}
function text(b) { return String.fromCharCode.apply(null, b); }
`

func TestWebSocketSync(t *testing.T) {
	srv := wsServer(t)
	runWS(t, srv, `
var h = upgrade("/echo");
check(w.WinHttpSendRequest(h.r, null, null, 0, 0), "send");
check(w.WinHttpReceiveResponse(h.r, null), "receive");
print("status", w.WinHttpQueryHeaders(h.r, w.WINHTTP_QUERY_STATUS_CODE, null, null), w.WinHttpQueryHeaders(h.r, w.WINHTTP_QUERY_UPGRADE, null, null));
var ws = check(w.WinHttpWebSocketCompleteUpgrade(h.r, 0), "complete");
w.WinHttpCloseHandle(h.r);
print("type", w.WinHttpQueryOption(ws, w.WINHTTP_OPTION_HANDLE_TYPE));
print("send", w.WinHttpWebSocketSend(ws, w.WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE, "hello"));
var m = w.WinHttpWebSocketReceive(ws, 100);
print("got", text(m.pvBuffer), m.dwBytesRead, m.eBufferType);
w.WinHttpWebSocketSend(ws, w.WINHTTP_WEB_SOCKET_BINARY_FRAGMENT_BUFFER_TYPE, new Uint8Array([1, 2, 3]));
w.WinHttpWebSocketSend(ws, w.WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE, new Uint8Array([4, 5]));
m = w.WinHttpWebSocketReceive(ws, 2); print("piece", Array.prototype.join.call(m.pvBuffer), m.eBufferType);
m = w.WinHttpWebSocketReceive(ws, 2); print("piece", Array.prototype.join.call(m.pvBuffer), m.eBufferType);
m = w.WinHttpWebSocketReceive(ws, 2); print("piece", Array.prototype.join.call(m.pvBuffer), m.eBufferType);
print("close status early", w.WinHttpWebSocketQueryCloseStatus(ws), w.GetLastError());
print("send close type", w.WinHttpWebSocketSend(ws, w.WINHTTP_WEB_SOCKET_CLOSE_BUFFER_TYPE, "x"));
print("long reason", w.WinHttpWebSocketClose(ws, 1000, new Array(125).join("r")));
print("bad status", w.WinHttpWebSocketClose(ws, 1005, null));
print("close", w.WinHttpWebSocketClose(ws, 1000, "done"));
var cs = w.WinHttpWebSocketQueryCloseStatus(ws);
print("close status", cs.usStatus, cs.pvReason, cs.dwReasonLengthConsumed);
print("send after close", w.WinHttpWebSocketSend(ws, 2, "x"), "receive after close", w.WinHttpWebSocketReceive(ws, 10), w.GetLastError());
print(w.WinHttpCloseHandle(ws), w.WinHttpCloseHandle(h.s));
`, `status 101 websocket
type 4
send 0
got hello 5 2
piece 1,2 1
piece 3,4 1
piece 5 0
close status early null 4317
send close type 87
long reason 87
bad status 87
close 0
close status 1000 done 4
send after close 4317 receive after close null 4317
true true
`)
}

func TestWebSocketPeerCloseAndErrors(t *testing.T) {
	srv := wsServer(t)
	runWS(t, srv, `
var h = upgrade("/bye");
w.WinHttpSendRequest(h.r, null, null, 0, 0); w.WinHttpReceiveResponse(h.r, null);
var ws = check(w.WinHttpWebSocketCompleteUpgrade(h.r, 0), "complete");
w.WinHttpWebSocketSend(ws, 0, "x");
var m = w.WinHttpWebSocketReceive(ws, 10);
print("type", m.eBufferType, m.dwBytesRead);
var cs = w.WinHttpWebSocketQueryCloseStatus(ws);
print("peer", cs.usStatus, cs.pvReason);
var p = upgrade("/plain");
w.WinHttpSendRequest(p.r, null, null, 0, 0); w.WinHttpReceiveResponse(p.r, null);
print("plain", w.WinHttpQueryHeaders(p.r, w.WINHTTP_QUERY_STATUS_CODE, null, null), w.WinHttpWebSocketCompleteUpgrade(p.r, 0), w.GetLastError());
var q = upgrade("/echo");
w.WinHttpSetOption(q.r, w.WINHTTP_OPTION_UPGRADE_TO_WEB_SOCKET, null);
print("not sent", w.WinHttpWebSocketCompleteUpgrade(q.r, 0), w.GetLastError());
print("wrong handle", w.WinHttpWebSocketSend(q.r, 0, "x"), w.WinHttpWebSocketCompleteUpgrade(q.c, 0), w.GetLastError());
`, `type 4 0
peer 4000 bye
plain 200 null 12019
not sent null 12019
wrong handle 12018 null 12018
`)
}

func TestWebSocketAsync(t *testing.T) {
	srv := wsServer(t)
	runWS(t, srv, asyncPrelude+`
var h = upgrade("/echo", w.WINHTTP_FLAG_ASYNC), ws;
w.WinHttpSetStatusCallback(h.r, function (hi, ctx, status, info) {
  if (status === w.WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE) w.WinHttpReceiveResponse(hi, null);
  else if (status === w.WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE) {
    ws = check(w.WinHttpWebSocketCompleteUpgrade(hi, 0), "complete");
    w.WinHttpCloseHandle(hi);
    w.WinHttpSetStatusCallback(ws, wscb, w.WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS | w.WINHTTP_CALLBACK_STATUS_CLOSE_COMPLETE, 0);
    print("send", w.WinHttpWebSocketSend(ws, w.WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE, "ping"));
  } else if (status === w.WINHTTP_CALLBACK_STATUS_REQUEST_ERROR) print("error", info.dwResult, info.dwError);
}, w.WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS, 0);
function wscb(hi, ctx, status, info) {
  note(names[status]);
  if (status === w.WINHTTP_CALLBACK_STATUS_WRITE_COMPLETE) w.WinHttpWebSocketReceive(hi, 100);
  else if (status === w.WINHTTP_CALLBACK_STATUS_READ_COMPLETE) {
    print("read", text(info.pvBuffer), info.dwBytesTransferred, info.eBufferType);
    w.WinHttpWebSocketClose(hi, 1000, "end");
  } else if (status === w.WINHTTP_CALLBACK_STATUS_CLOSE_COMPLETE) print("closed", w.WinHttpWebSocketQueryCloseStatus(hi).usStatus);
}
w.WinHttpSendRequest(h.r, null, null, 0, 0);
`, "send 0\nread ping 4 2\nclosed 1000\n")
}

func runWS(t *testing.T, srv *httptest.Server, script, want string) {
	t.Helper()
	e := newEnv(t, Options{})
	if out := e.mustRun(js(prelude+wsPrelude+script, srv)); out != want {
		t.Fatalf("got\n%s\nwant\n%s", out, want)
	}
}
