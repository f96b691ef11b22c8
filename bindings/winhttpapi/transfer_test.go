package winhttpapi

import (
	"strings"
	"testing"
)

// scriptCase is a script run against httpbin and its exact output.
type scriptCase struct {
	name, script, want string
}

func runCases(t *testing.T, cases []scriptCase) {
	t.Helper()
	srv := httpbinServer(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, Options{})
			out := e.mustRun(js(prelude+`
function req(verb, path, flags) {
  var s = check(w.WinHttpOpen("agent/1", w.WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0), "open");
  var c = check(w.WinHttpConnect(s, "{{HOST}}", {{PORT}}, 0), "connect");
  return check(w.WinHttpOpenRequest(c, verb, path, null, null, null, flags || 0), "openrequest");
}
function body(r) {
  var parts = [], n;
  while ((n = check(w.WinHttpQueryDataAvailable(r), "avail")) > 0) {
    var b = check(w.WinHttpReadData(r, n), "read");
    parts.push(String.fromCharCode.apply(null, b));
  }
  return parts.join("");
}
function status(r) { return w.WinHttpQueryHeaders(r, w.WINHTTP_QUERY_STATUS_CODE | w.WINHTTP_QUERY_FLAG_NUMBER, null, null); }
`+tc.script, srv))
			if out != tc.want {
				t.Fatalf("got\n%s\nwant\n%s", out, tc.want)
			}
		})
	}
}

func TestTransfers(t *testing.T) {
	runCases(t, []scriptCase{
		{"post optional only", `
var r = req("POST", "/post");
check(w.WinHttpSendRequest(r, "Content-Type: text/plain\r\n", "hello", 5, 0), "send");
check(w.WinHttpReceiveResponse(r, null), "receive");
var j = JSON.parse(body(r));
print(status(r), j.data, j.headers["Content-Length"], j.headers["Content-Type"]);
`, "200 hello 5 text/plain\n"},
		{"post with WriteData", `
var r = req("POST", "/post");
check(w.WinHttpSendRequest(r, "Content-Type: text/plain", "ab", 7, 0), "send");
print(w.WinHttpWriteData(r, "cde"), w.WinHttpWriteData(r, new Uint8Array([102, 103])));
check(w.WinHttpReceiveResponse(r, null), "receive");
var j = JSON.parse(body(r));
print(status(r), j.data, j.headers["Content-Length"]);
`, "3 2\n200 abcdefg 7\n"},
		{"chunked, framing written by the script", `
var r = req("POST", "/post");
check(w.WinHttpAddRequestHeaders(r, "Transfer-Encoding: chunked\r\nContent-Type: text/plain", w.WINHTTP_ADDREQ_FLAG_ADD), "add");
check(w.WinHttpSendRequest(r, null, null, w.WINHTTP_IGNORE_REQUEST_TOTAL_LENGTH, 0), "send");
print(w.WinHttpWriteData(r, "3\r\nabc\r\n"), w.WinHttpWriteData(r, "2\r\nde\r\n0\r\n\r\n"));
check(w.WinHttpReceiveResponse(r, null), "receive");
var j = JSON.parse(body(r));
print(status(r), j.data, j.headers["Transfer-Encoding"]);
`, "8 12\n200 abcde chunked\n"},
		{"automatic chunking", `
var r = req("PUT", "/put", w.WINHTTP_FLAG_AUTOMATIC_CHUNKING);
check(w.WinHttpSendRequest(r, "Content-Type: text/plain", null, 0, 0), "send");
w.WinHttpWriteData(r, "xyz"); w.WinHttpWriteData(r, "123");
check(w.WinHttpReceiveResponse(r, null), "receive");
var j = JSON.parse(body(r));
print(status(r), j.data, j.headers["Transfer-Encoding"]);
`, "200 xyz123 chunked\n"},
		{"bad chunk framing", `
var r = req("POST", "/post");
w.WinHttpAddRequestHeaders(r, "Transfer-Encoding: chunked", 0);
check(w.WinHttpSendRequest(r, null, null, 0, 0), "send");
print(w.WinHttpWriteData(r, "zz\r\n"), w.GetLastError());
`, "null 87\n"},
		{"query headers", `
var r = req("GET", "/response-headers?X-Multi=a&X-Multi=b&Date2=Mon,%2028%20Jul%202008%2010:05:52%20GMT");
w.WinHttpAddRequestHeaders(r, "X-One: 1\r\nX-Two: 2", w.WINHTTP_ADDREQ_FLAG_ADD);
w.WinHttpAddRequestHeaders(r, "X-One: 3", w.WINHTTP_ADDREQ_FLAG_COALESCE_WITH_COMMA);
w.WinHttpAddRequestHeaders(r, "X-Two: 4", w.WINHTTP_ADDREQ_FLAG_COALESCE_WITH_SEMICOLON);
w.WinHttpAddRequestHeaders(r, "X-Gone: 1", 0);
w.WinHttpAddRequestHeaders(r, "X-Gone:", w.WINHTTP_ADDREQ_FLAG_REPLACE);
check(w.WinHttpSendRequest(r, null, null, 0, 0), "send");
check(w.WinHttpReceiveResponse(r, null), "receive");
var idx = {value: 0};
print(w.WinHttpQueryHeaders(r, w.WINHTTP_QUERY_CUSTOM, "X-Multi", idx), idx.value);
print(w.WinHttpQueryHeaders(r, w.WINHTTP_QUERY_CUSTOM, "X-Multi", idx), idx.value);
print(w.WinHttpQueryHeaders(r, w.WINHTTP_QUERY_CUSTOM, "X-Multi", idx), w.GetLastError(), idx.value);
print(w.WinHttpQueryHeaders(r, w.WINHTTP_QUERY_CUSTOM, "x-multi", 1));
print(w.WinHttpQueryHeaders(r, w.WINHTTP_QUERY_STATUS_CODE, null, null), typeof w.WinHttpQueryHeaders(r, w.WINHTTP_QUERY_STATUS_CODE, null, null));
print(w.WinHttpQueryHeaders(r, w.WINHTTP_QUERY_STATUS_TEXT, null, null), w.WinHttpQueryHeaders(r, w.WINHTTP_QUERY_VERSION, null, null));
print(w.WinHttpQueryHeaders(r, w.WINHTTP_QUERY_REQUEST_METHOD, null, null));
var st = w.WinHttpQueryHeaders(r, w.WINHTTP_QUERY_CUSTOM | w.WINHTTP_QUERY_FLAG_SYSTEMTIME, "Date2", null);
print(st.wYear, st.wMonth, st.wDayOfWeek, st.wDay, st.wHour, st.wMinute, st.wSecond, st.wMilliseconds);
print(w.WinHttpQueryHeaders(r, w.WINHTTP_QUERY_CUSTOM | w.WINHTTP_QUERY_FLAG_REQUEST_HEADERS, "X-One", null));
print(w.WinHttpQueryHeaders(r, w.WINHTTP_QUERY_CUSTOM | w.WINHTTP_QUERY_FLAG_REQUEST_HEADERS, "X-Two", null));
print(w.WinHttpQueryHeaders(r, w.WINHTTP_QUERY_CUSTOM | w.WINHTTP_QUERY_FLAG_REQUEST_HEADERS, "X-Gone", null), w.GetLastError());
var raw = w.WinHttpQueryHeaders(r, w.WINHTTP_QUERY_RAW_HEADERS_CRLF, null, null);
print(raw.indexOf("HTTP/1.1 200 OK\r\n") === 0, raw.slice(-4) === "\r\n\r\n", raw.indexOf("X-Multi: a\r\n") > 0);
var raw0 = w.WinHttpQueryHeaders(r, w.WINHTTP_QUERY_RAW_HEADERS, null, null);
print(raw0.slice(-2) === "\0\0", raw0.indexOf("\r") < 0);
var ex = w.WinHttpQueryHeadersEx(r, w.WINHTTP_QUERY_EX_ALL_HEADERS, 0, 0, null, null);
print(ex.filter(function (h) { return h.pwszName === "X-Multi"; }).map(function (h) { return h.pwszValue; }).join());
`, "a 1\nb 2\nnull 12150 2\nb\n200 string\nOK HTTP/1.1\nGET\n2008 7 1 28 10 5 52 0\n1, 3\n2; 4\nnull 12150\ntrue true true\ntrue true\na,b\n"},
		{"user agent, referrer, accept types, bypass cache, send headers", `
var s = w.WinHttpOpen("agent/2", w.WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
var c = w.WinHttpConnect(s, "{{HOST}}", {{PORT}}, 0);
var r = w.WinHttpOpenRequest(c, null, "/headers", "HTTP/1.1", "http://ref/", ["text/html", "application/json"], w.WINHTTP_FLAG_BYPASS_PROXY_CACHE);
check(w.WinHttpSendRequest(r, "X-Sent: yes", null, 0, 0), "send");
check(w.WinHttpReceiveResponse(r, null), "receive");
var h = JSON.parse(body(r)).headers;
print(h["User-Agent"], h["Referer"], h["Accept"], h["Pragma"], h["Cache-Control"], h["X-Sent"]);
`, "agent/2 http://ref/ text/html,application/json no-cache no-cache yes\n"},
		{"user agent option", `
var s = w.WinHttpOpen(null, w.WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
print(JSON.stringify(w.WinHttpQueryOption(s, w.WINHTTP_OPTION_USER_AGENT)));
w.WinHttpSetOption(s, w.WINHTTP_OPTION_USER_AGENT, "set/1");
var c = w.WinHttpConnect(s, "{{HOST}}", {{PORT}}, 0);
var r = w.WinHttpOpenRequest(c, "GET", "/user-agent", null, null, null, 0);
w.WinHttpSendRequest(r, null, null, 0, 0); w.WinHttpReceiveResponse(r, null);
print(JSON.parse(body(r))["user-agent"]);
`, "\"\"\nset/1\n"},
		{"decompression gzip and deflate", `
["/gzip", "/deflate"].forEach(function (p) {
  var r = req("GET", p);
  check(w.WinHttpSetOption(r, w.WINHTTP_OPTION_DECOMPRESSION, w.WINHTTP_DECOMPRESSION_FLAG_ALL), "opt");
  check(w.WinHttpSendRequest(r, "Accept-Encoding: identity", null, 0, 0), "send");
  check(w.WinHttpReceiveResponse(r, null), "receive");
  var j = JSON.parse(body(r));
  print(p, j.gzipped || j.deflated, j.headers["Accept-Encoding"], w.WinHttpQueryHeaders(r, w.WINHTTP_QUERY_CONTENT_ENCODING, null, null));
});
var r = req("GET", "/gzip");
w.WinHttpSendRequest(r, null, null, 0, 0); w.WinHttpReceiveResponse(r, null);
var b = w.WinHttpReadData(r, 2);
print("raw", b[0], b[1]);
`, "/gzip true gzip, deflate gzip\n/deflate true gzip, deflate deflate\nraw 31 139\n"},
		{"redirects", `
var r = req("GET", "/redirect/3");
check(w.WinHttpSendRequest(r, null, null, 0, 0), "send"); check(w.WinHttpReceiveResponse(r, null), "receive");
print(status(r), w.WinHttpQueryOption(r, w.WINHTTP_OPTION_URL).replace(/^http:\/\/[^/]+/, ""));
r = req("GET", "/redirect/3");
w.WinHttpSetOption(r, w.WINHTTP_OPTION_MAX_HTTP_AUTOMATIC_REDIRECTS, 2);
w.WinHttpSendRequest(r, null, null, 0, 0);
print(w.WinHttpReceiveResponse(r, null), w.GetLastError());
r = req("GET", "/redirect/1");
w.WinHttpSetOption(r, w.WINHTTP_OPTION_MAX_HTTP_AUTOMATIC_REDIRECTS, 0);
w.WinHttpSendRequest(r, null, null, 0, 0);
print(w.WinHttpReceiveResponse(r, null), w.GetLastError());
r = req("GET", "/redirect/1");
w.WinHttpSetOption(r, w.WINHTTP_OPTION_REDIRECT_POLICY, w.WINHTTP_OPTION_REDIRECT_POLICY_NEVER);
w.WinHttpSendRequest(r, null, null, 0, 0); w.WinHttpReceiveResponse(r, null);
print(status(r), w.WinHttpQueryHeaders(r, w.WINHTTP_QUERY_LOCATION, null, null));
r = req("GET", "/redirect/1");
w.WinHttpSetOption(r, w.WINHTTP_OPTION_DISABLE_FEATURE, w.WINHTTP_DISABLE_REDIRECTS);
w.WinHttpSendRequest(r, null, null, 0, 0); w.WinHttpReceiveResponse(r, null);
print(status(r));
`, "200 /get\nfalse 12156\nfalse 12156\n302 /get\n302\n"},
		{"authentication", `
var r = req("GET", "/basic-auth/user/pw");
check(w.WinHttpSendRequest(r, null, null, 0, 0), "send"); check(w.WinHttpReceiveResponse(r, null), "receive");
var a = w.WinHttpQueryAuthSchemes(r);
print(status(r), a.dwSupportedSchemes, a.dwFirstScheme, a.dwAuthTarget);
check(w.WinHttpSetCredentials(r, w.WINHTTP_AUTH_TARGET_SERVER, a.dwFirstScheme, "user", "pw", null), "creds");
check(w.WinHttpSendRequest(r, null, null, 0, 0), "resend"); check(w.WinHttpReceiveResponse(r, null), "receive");
print(status(r), JSON.parse(body(r)).authorized);
r = req("GET", "/digest-auth/auth/u2/p2");
w.WinHttpSetOption(r, w.WINHTTP_OPTION_USERNAME, "u2");
w.WinHttpSetOption(r, w.WINHTTP_OPTION_PASSWORD, "p2");
print(w.WinHttpQueryOption(r, w.WINHTTP_OPTION_USERNAME));
w.WinHttpSendRequest(r, null, null, 0, 0); w.WinHttpReceiveResponse(r, null);
print(status(r));
r = req("GET", "/basic-auth/user/pw");
w.WinHttpSetCredentials(r, 0, w.WINHTTP_AUTH_SCHEME_BASIC, "user", "pw", null);
w.WinHttpSetOption(r, w.WINHTTP_OPTION_DISABLE_FEATURE, w.WINHTTP_DISABLE_AUTHENTICATION);
w.WinHttpSendRequest(r, null, null, 0, 0); w.WinHttpReceiveResponse(r, null);
print(status(r));
`, "401 1 1 0\n200 true\nu2\n200\n401\n"},
		{"cookies per session and disabled per request", `
var s = w.WinHttpOpen("a", w.WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
var c = w.WinHttpConnect(s, "{{HOST}}", {{PORT}}, 0);
var r = w.WinHttpOpenRequest(c, "GET", "/cookies/set?k=v", null, null, null, 0);
w.WinHttpSendRequest(r, null, null, 0, 0); w.WinHttpReceiveResponse(r, null);
r = w.WinHttpOpenRequest(c, "GET", "/cookies", null, null, null, 0);
w.WinHttpSendRequest(r, null, null, 0, 0); w.WinHttpReceiveResponse(r, null);
print(JSON.stringify(JSON.parse(body(r))));
r = w.WinHttpOpenRequest(c, "GET", "/cookies", null, null, null, 0);
w.WinHttpSetOption(r, w.WINHTTP_OPTION_DISABLE_FEATURE, w.WINHTTP_DISABLE_COOKIES);
w.WinHttpSendRequest(r, null, null, 0, 0); w.WinHttpReceiveResponse(r, null);
print(JSON.stringify(JSON.parse(body(r))));
`, "{\"cookies\":{\"k\":\"v\"}}\n{\"cookies\":{}}\n"},
		{"HTTP/1.0 and HEAD", `
var s = w.WinHttpOpen("a", w.WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
var c = w.WinHttpConnect(s, "{{HOST}}", {{PORT}}, 0);
var r = w.WinHttpOpenRequest(c, "HEAD", "/get", "HTTP/1.0", null, null, 0);
w.WinHttpSendRequest(r, null, null, 0, 0); w.WinHttpReceiveResponse(r, null);
print(status(r), w.WinHttpQueryDataAvailable(r), JSON.stringify(w.WinHttpQueryOption(r, w.WINHTTP_OPTION_HTTP_VERSION)));
`, "200 0 {\"dwMajorVersion\":1,\"dwMinorVersion\":0}\n"},
	})
}

func TestHeaderNames(t *testing.T) {
	for level, want := range map[uint32]string{0: "Mime-Version", 1: "Content-Type", 17: "Pragma", 18: "", 23: "Connection",
		33: "Location", 43: "Set-Cookie", 45: "", 54: "ETag", 63: "Transfer-Encoding", 70: "Unless-Modified-Since",
		71: "", 75: "Proxy-Support", 78: "PassportConfig", 79: ""} {
		if got := headerName(level); got != want {
			t.Errorf("headerName(%d) = %q, want %q", level, got, want)
		}
	}
	if strings.Count("x", "x") != 1 {
		t.Fatal("unreachable")
	}
}

// HTTP/1.0 has no chunked encoding: a streamed body of unknown length is
// collected before the request goes out, and SendRequest must not wait.
func TestChunkedHTTP10(t *testing.T) {
	runCases(t, []scriptCase{{"http/1.0 chunked", `
var s = w.WinHttpOpen("a", w.WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
var r = w.WinHttpOpenRequest(w.WinHttpConnect(s, "{{HOST}}", {{PORT}}, 0), "POST", "/post", "HTTP/1.0", null, null, w.WINHTTP_FLAG_AUTOMATIC_CHUNKING);
check(w.WinHttpSendRequest(r, "Content-Type: text/plain", null, 0, 0), "send");
w.WinHttpWriteData(r, "ab"); w.WinHttpWriteData(r, "cd");
check(w.WinHttpReceiveResponse(r, null), "receive");
var j = JSON.parse(body(r));
print(status(r), j.data, j.headers["Content-Length"]);
`, "200 abcd 4\n"}})
}
