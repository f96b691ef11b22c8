package winhttpapi

import (
	"testing"
)

// The documented "get a page" sequence, line by line.
func TestGetPageSequence(t *testing.T) {
	s := httpbinServer(t)
	e := newEnv(t, Options{})
	out := e.mustRun(js(prelude+`
var hSession = check(w.WinHttpOpen("WinHTTP Example/1.0", w.WINHTTP_ACCESS_TYPE_NO_PROXY, w.WINHTTP_NO_PROXY_NAME, w.WINHTTP_NO_PROXY_BYPASS, 0), "open");
var hConnect = check(w.WinHttpConnect(hSession, "{{HOST}}", {{PORT}}, 0), "connect");
var hRequest = check(w.WinHttpOpenRequest(hConnect, "GET", "/bytes/3000?seed=1", null, w.WINHTTP_NO_REFERER, w.WINHTTP_DEFAULT_ACCEPT_TYPES, 0), "openrequest");
var bResults = w.WinHttpSendRequest(hRequest, w.WINHTTP_NO_ADDITIONAL_HEADERS, w.WINHTTP_NO_REQUEST_DATA, 0, 0);
if (bResults) bResults = w.WinHttpReceiveResponse(hRequest, null);
var total = 0, sum = 0, dwSize;
if (bResults) {
  do {
    dwSize = w.WinHttpQueryDataAvailable(hRequest);
    if (dwSize === null) { print("QueryDataAvailable error " + w.GetLastError()); break; }
    if (dwSize === 0) break;
    var buf = w.WinHttpReadData(hRequest, dwSize);
    if (buf === null) { print("ReadData error " + w.GetLastError()); break; }
    for (var i = 0; i < buf.length; i++) sum = (sum * 31 + buf[i]) % 1000000007;
    total += buf.length;
  } while (dwSize > 0);
}
if (!bResults) print("Error " + w.GetLastError() + " has occurred.");
print("status", w.WinHttpQueryHeaders(hRequest, w.WINHTTP_QUERY_STATUS_CODE | w.WINHTTP_QUERY_FLAG_NUMBER, w.WINHTTP_HEADER_NAME_BY_INDEX, w.WINHTTP_NO_HEADER_INDEX));
print("type", w.WinHttpQueryHeaders(hRequest, w.WINHTTP_QUERY_CONTENT_TYPE, null, null));
print("length", w.WinHttpQueryHeaders(hRequest, w.WINHTTP_QUERY_CONTENT_LENGTH | w.WINHTTP_QUERY_FLAG_NUMBER, null, null));
print("read", total, sum);
print("end read", w.WinHttpReadData(hRequest, 100).length, w.WinHttpQueryDataAvailable(hRequest));
print(w.WinHttpCloseHandle(hRequest), w.WinHttpCloseHandle(hConnect), w.WinHttpCloseHandle(hSession));
`, s))
	want := "status 200\ntype application/octet-stream\nlength 3000\nread 3000 " + checksumOf(t, s, "/bytes/3000?seed=1") + "\nend read 0 0\ntrue true true\n"
	if out != want {
		t.Fatalf("got\n%s\nwant\n%s", out, want)
	}
}
