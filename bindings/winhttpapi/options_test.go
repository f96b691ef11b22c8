package winhttpapi

import (
	"testing"
)

func TestOptions(t *testing.T) {
	runCases(t, []scriptCase{
		{"defaults and inheritance", `
var s = w.WinHttpOpen("a", w.WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
var ids = ["RESOLVE_TIMEOUT", "CONNECT_TIMEOUT", "SEND_TIMEOUT", "RECEIVE_TIMEOUT", "RECEIVE_RESPONSE_TIMEOUT", "CONNECT_RETRIES",
  "REDIRECT_POLICY", "MAX_HTTP_AUTOMATIC_REDIRECTS", "MAX_HTTP_STATUS_CONTINUE", "MAX_RESPONSE_HEADER_SIZE", "MAX_RESPONSE_DRAIN_SIZE",
  "MAX_CONNS_PER_SERVER", "DECOMPRESSION", "ENABLE_HTTP_PROTOCOL", "HANDLE_TYPE"];
print(ids.map(function (k) { return w.WinHttpQueryOption(s, w["WINHTTP_OPTION_" + k]); }).join());
check(w.WinHttpSetTimeouts(s, 1, 2, 3, 4), "timeouts");
w.WinHttpSetOption(s, w.WINHTTP_OPTION_MAX_CONNS_PER_SERVER, 0);
w.WinHttpSetOption(s, w.WINHTTP_OPTION_ENABLE_HTTP_PROTOCOL, w.WINHTTP_PROTOCOL_FLAG_HTTP2);
var c = w.WinHttpConnect(s, "{{HOST}}", {{PORT}}, 0);
var r = w.WinHttpOpenRequest(c, "GET", "/get", null, null, null, 0);
w.WinHttpSetTimeouts(s, 9, 9, 9, 9);
print(["RESOLVE_TIMEOUT", "CONNECT_TIMEOUT", "SEND_TIMEOUT", "RECEIVE_TIMEOUT", "ENABLE_HTTP_PROTOCOL"].map(function (k) { return w.WinHttpQueryOption(r, w["WINHTTP_OPTION_" + k]); }).join());
print(w.WinHttpQueryOption(s, w.WINHTTP_OPTION_MAX_CONNS_PER_SERVER), w.WinHttpQueryOption(r, w.WINHTTP_OPTION_HANDLE_TYPE), w.WinHttpQueryOption(c, w.WINHTTP_OPTION_HANDLE_TYPE));
print(w.WinHttpQueryOption(r, w.WINHTTP_OPTION_PARENT_HANDLE) === c, w.WinHttpQueryOption(s, w.WINHTTP_OPTION_PARENT_HANDLE));
w.WinHttpSetTimeouts(r, -1, 0, 100, 200);
print(["RESOLVE_TIMEOUT", "CONNECT_TIMEOUT", "SEND_TIMEOUT", "RECEIVE_TIMEOUT"].map(function (k) { return w.WinHttpQueryOption(r, w["WINHTTP_OPTION_" + k]); }).join());
`, "0,60000,30000,30000,90000,5,1,10,10,65536,1048576,4294967295,0,0,1\n1,2,3,4,1\n2 3 2\ntrue null\n4294967295,0,100,200\n"},
		{"request options", `
var r = req("GET", "/get");
print(w.WinHttpQueryOption(r, w.WINHTTP_OPTION_URL).replace(/^http:\/\/[^/]+/, ""), w.WinHttpQueryOption(r, w.WINHTTP_OPTION_SECURITY_FLAGS));
print(w.WinHttpSetOption(r, w.WINHTTP_OPTION_SECURITY_FLAGS, w.SECURITY_FLAG_IGNORE_UNKNOWN_CA | w.SECURITY_FLAG_IGNORE_CERT_CN_INVALID), w.WinHttpQueryOption(r, w.WINHTTP_OPTION_SECURITY_FLAGS));
print(w.WinHttpSetOption(r, w.WINHTTP_OPTION_SECURITY_FLAGS, 0x40), w.GetLastError());
var obj = {any: "value"};
w.WinHttpSetOption(r, w.WINHTTP_OPTION_CONTEXT_VALUE, obj);
print(w.WinHttpQueryOption(r, w.WINHTTP_OPTION_CONTEXT_VALUE) === obj);
print(w.WinHttpSetOption(r, w.WINHTTP_OPTION_REDIRECT_POLICY, 3), w.GetLastError());
print(w.WinHttpSetOption(r, w.WINHTTP_OPTION_WEB_SOCKET_KEEPALIVE_INTERVAL, 1000), w.GetLastError());
print(w.WinHttpSetOption(r, w.WINHTTP_OPTION_DECOMPRESSION, 4), w.GetLastError());
print(w.WinHttpQueryOption(r, w.WINHTTP_OPTION_HTTP_PROTOCOL_USED), w.WinHttpQueryOption(r, w.WINHTTP_OPTION_CALLBACK));
var f = function () {};
print(w.WinHttpSetStatusCallback(r, f, w.WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS, 0), w.WinHttpSetStatusCallback(r, null, 0, 0) === f, w.WinHttpQueryOption(r, w.WINHTTP_OPTION_CALLBACK));
print(w.WinHttpSetStatusCallback(r, 5, 0, 0), w.GetLastError(), w.WinHttpSetStatusCallback(null, f, 0, 0), w.GetLastError());
`, "/get 0\ntrue 4352\nfalse 87\ntrue\nfalse 87\nfalse 87\nfalse 87\n0 null\nnull true null\n-1 87 -1 6\n"},
		{"receive timeout", `
var r = req("GET", "/delay/5");
w.WinHttpSetTimeouts(r, 0, 0, 0, 50);
w.WinHttpSendRequest(r, null, null, 0, 0);
print(w.WinHttpReceiveResponse(r, null), w.GetLastError());
`, "false 12002\n"},
		{"synchronous notifications", `
var r = req("GET", "/redirect-to?url=/get&status_code=302");
var seen = [];
w.WinHttpSetStatusCallback(r, function (h, ctx, status, info, len) {
  if (status === w.WINHTTP_CALLBACK_STATUS_REDIRECT) seen.push("REDIRECT " + info.replace(/^http:\/\/[^/]+/, "") + " " + (len === info.length));
  else if (status === w.WINHTTP_CALLBACK_STATUS_SENDING_REQUEST) seen.push("SENDING");
  else if (status === w.WINHTTP_CALLBACK_STATUS_CONNECTED_TO_SERVER) seen.push("CONNECTED");
}, w.WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS, 0);
w.WinHttpSendRequest(r, null, null, 0, 0);
print(seen.join());
w.WinHttpReceiveResponse(r, null);
print(seen.join(), status(r));
`, "CONNECTED,SENDING\nCONNECTED,SENDING,REDIRECT /get true,SENDING 200\n"},
		{"callback exception in a synchronous call", `
var r = req("GET", "/get");
w.WinHttpSetStatusCallback(r, function () { throw new Error("from callback"); }, w.WINHTTP_CALLBACK_FLAG_SEND_REQUEST, 0);
try { w.WinHttpSendRequest(r, null, null, 0, 0); } catch (e) { print("caught", e.message); }
print("receive after", w.WinHttpReceiveResponse(r, null), status(r));
`, "caught from callback\nreceive after true 200\n"},
	})
}
