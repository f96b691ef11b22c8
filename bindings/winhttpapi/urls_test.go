package winhttpapi

import (
	"testing"
	"time"
)

func TestURLAndDateFunctions(t *testing.T) {
	now := time.Date(2030, 3, 4, 5, 6, 7, 0, time.UTC)
	cases := []scriptCase{
		{"crack all", `
var u = w.WinHttpCrackUrl("http://username:password@www.winehq.org/site/about?query", 0);
print(u.nScheme, u.lpszScheme, u.lpszUserName, u.lpszPassword, u.lpszHostName, u.nPort, u.lpszUrlPath, u.lpszExtraInfo, u.dwUrlPathLength, w.GetLastError());
`, "1 http username password www.winehq.org 80 /site/about ?query 11 0\n"},
		{"crack pointer mode with decode", `
print(w.WinHttpCrackUrl("http://a/%41", w.ICU_DECODE, {dwSchemeLength: -1, dwHostNameLength: -1, dwUrlPathLength: -1}), w.GetLastError());
`, "null 87\n"},
		{"crack buffers with decode", `
var u = w.WinHttpCrackUrl("http://a/%41?%42", w.ICU_DECODE, {lpszHostName: "", dwHostNameLength: 10, lpszUrlPath: "", dwUrlPathLength: 10, lpszExtraInfo: "", dwExtraInfoLength: 10});
print(u.lpszHostName, u.lpszUrlPath, u.lpszExtraInfo, u.lpszScheme, u.dwSchemeLength, u.nScheme);
`, "a /A ?B null 0 1\n"},
		{"crack small buffer", `
var c = {lpszScheme: "", dwSchemeLength: 1, lpszHostName: "", dwHostNameLength: 1, lpszUrlPath: "", dwUrlPathLength: 40};
print(w.WinHttpCrackUrl("http://www.winehq.org/site/about", 0, c), w.GetLastError(), c.dwSchemeLength, c.dwHostNameLength, c.lpszUrlPath, c.dwUrlPathLength);
`, "null 122 5 15 /site/about 11\n"},
		{"crack errors", `
print(w.WinHttpCrackUrl("www.winehq.org", 0), w.GetLastError());
print(w.WinHttpCrackUrl("http:/x", 0), w.GetLastError());
print(w.WinHttpCrackUrl(null, 0), w.GetLastError());
print(w.WinHttpCrackUrl("http://x/", 0, null), w.GetLastError());
print(w.WinHttpCrackUrl("http://x:65536/", 0), w.GetLastError());
`, "null 12006\nnull 12005\nnull 87\nnull 87\nnull 12005\n"},
		{"create", `
var B = {lpszScheme: "http", nScheme: 1, lpszHostName: "www.winehq.org", nPort: 80, lpszUserName: "username", lpszPassword: "password", lpszUrlPath: "/site/about", lpszExtraInfo: "?query"};
print(w.WinHttpCreateUrl(B, 0), w.GetLastError());
B.nPort = 42; B.lpszUserName = null; B.lpszPassword = null;
print(w.WinHttpCreateUrl(B, 0));
B.lpszExtraInfo = "?a b"; print(w.WinHttpCreateUrl(B, w.ICU_ESCAPE));
B.lpszPassword = "x"; print(w.WinHttpCreateUrl(B, 0), w.GetLastError());
print(w.WinHttpCreateUrl(null, 0), w.GetLastError(), w.WinHttpCreateUrl({dwStructSize: 0}, 0), w.GetLastError());
print(w.WinHttpCreateUrl({lpszHostName: "h", nPort: 443, nScheme: w.INTERNET_SCHEME_HTTPS, lpszUrlPath: "abcdef", dwUrlPathLength: 3}, 0));
`, "http://username:password@www.winehq.org/site/about?query 0\nhttp://www.winehq.org:42/site/about?query\nhttp://www.winehq.org:42/site/about?a%20b\nnull 87\nnull 87 null 87\nhttps://h/abc\n"},
		{"dates", `
print(w.WinHttpTimeFromSystemTime({wYear: 2008, wMonth: 7, wDayOfWeek: 1, wDay: 28, wHour: 10, wMinute: 5, wSecond: 52, wMilliseconds: 0}));
print(w.WinHttpTimeFromSystemTime({wYear: 2008, wMonth: 13, wDayOfWeek: 1, wDay: 28}), w.GetLastError(), w.WinHttpTimeFromSystemTime(null), w.GetLastError());
var st = w.WinHttpTimeToSystemTime(" mon 28 jul 2008 10 05 52\n");
print(st.wYear, st.wMonth, st.wDayOfWeek, st.wDay, st.wHour, st.wMinute, st.wSecond, st.wMilliseconds);
st = w.WinHttpTimeToSystemTime("garbage");
print(st.wYear, st.wMonth, st.wDayOfWeek, st.wDay, st.wHour, st.wMinute, st.wSecond);
print(w.WinHttpTimeToSystemTime(null), w.GetLastError(), w.WINHTTP_TIME_FORMAT_BUFSIZE);
`, "Mon, 28 Jul 2008 10:05:52 GMT\nnull 87 null 87\n2008 7 1 28 10 5 52 0\n2030 3 1 4 5 6 7\nnull 87 62\n"},
		{"constants", `
print(w.WINHTTP_FLAG_SECURE, w.WINHTTP_QUERY_STATUS_CODE, w.WINHTTP_QUERY_FLAG_NUMBER, w.INTERNET_DEFAULT_HTTPS_PORT,
  w.WINHTTP_ADDREQ_FLAG_REPLACE, w.WINHTTP_QUERY_FLAG_REQUEST_HEADERS, w.ICU_ESCAPE, w.WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS,
  w.ERROR_WINHTTP_INCORRECT_HANDLE_STATE, w.WINHTTP_OPTION_DECOMPRESSION, w.WINHTTP_NO_PROXY_NAME, w.WINHTTP_WEB_SOCKET_SUCCESS_CLOSE_STATUS,
  w.HTTP_STATUS_DENIED, w.WINHTTP_CALLBACK_STATUS_FLAG_SECURITY_CHANNEL_ERROR, w.API_SEND_REQUEST, w.WinHttpCheckPlatform());
print(Object.keys(w).filter(function (k) { return k.indexOf("WinHttp") === 0; }).length);
`, "8388608 19 536870912 443 2147483648 2147483648 2147483648 4294967295 12019 118 null 1000 401 2147483648 5 true\n57\n"},
		{"negative dwords from bitwise or", `
var s = w.WinHttpOpen("a", 1, null, null, 0);
print(w.WinHttpSetOption(s, w.WINHTTP_OPTION_CONNECT_TIMEOUT, 0x80000000 | 1), w.WinHttpQueryOption(s, w.WINHTTP_OPTION_CONNECT_TIMEOUT));
print(w.WinHttpSetOption(s, w.WINHTTP_OPTION_CONNECT_TIMEOUT, 1.5), w.GetLastError());
`, "true 2147483649\nfalse 87\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, Options{Now: func() time.Time { return now }})
			if out := e.mustRun(prelude + tc.script); out != tc.want {
				t.Fatalf("got\n%s\nwant\n%s", out, tc.want)
			}
		})
	}
}
