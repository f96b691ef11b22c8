package winhttpapi

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// pacServer serves PAC files and acts as an HTTP proxy that names the
// URL it was asked for.
func pacServer(t *testing.T) *httptest.Server {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.IsAbs() {
			io.WriteString(w, "proxied "+r.URL.String())
			return
		}
		switch r.URL.Path {
		case "/proxy.pac":
			io.WriteString(w, `function FindProxyForURL(url, host) {
  if (isPlainHostName(host) || dnsDomainIs(host, ".internal")) return "DIRECT";
  if (shExpMatch(url, "https:*")) return "PROXY secure.example:8443; DIRECT";
  if (isInNet(host, "10.0.0.0", "255.0.0.0")) return "SOCKS socks.example:1080";
  return "PROXY a.example:8080; PROXY b.example:8080; DIRECT";
}`)
		case "/bad.pac":
			io.WriteString(w, `function FindProxyForURL(url, host) { return undefinedThing; }`)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func TestProxyFunctions(t *testing.T) {
	srv := pacServer(t)
	env := map[string]string{"HTTP_PROXY": "http://proxy.example:3128", "NO_PROXY": "localhost,.corp"}
	cases := []scriptCase{
		{"get proxy for url", `
var s = w.WinHttpOpen("a", w.WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
var o = {dwFlags: w.WINHTTP_AUTOPROXY_CONFIG_URL, lpszAutoConfigUrl: "{{URL}}/proxy.pac", fAutoLogonIfChallenged: true};
["http://www.example.com/", "https://www.example.com/", "http://intranet/", "http://10.1.2.3/", "http://x.internal/"].forEach(function (u) {
  print(JSON.stringify(check(w.WinHttpGetProxyForUrl(s, u, o), "get")));
});
print(w.WinHttpGetProxyForUrl(s, "ftp://x/", o), w.GetLastError());
print(w.WinHttpGetProxyForUrl(s, "http://x/", {dwFlags: 2, lpszAutoConfigUrl: "{{URL}}/missing.pac"}), w.GetLastError());
print(w.WinHttpGetProxyForUrl(s, "http://x/", {dwFlags: 2, lpszAutoConfigUrl: "{{URL}}/bad.pac"}), w.GetLastError());
print(w.WinHttpGetProxyForUrl(s, "http://x/", {dwFlags: w.WINHTTP_AUTOPROXY_AUTO_DETECT, dwAutoDetectFlags: 3}), w.GetLastError());
print(w.WinHttpGetProxyForUrl(s, "http://x/", {dwFlags: 0}), w.GetLastError());
print(w.WinHttpGetProxyForUrl(w.WinHttpConnect(s, "h", 0, 0), "http://x/", o), w.GetLastError());
`, `{"dwAccessType":3,"lpszProxy":"a.example:8080;b.example:8080","lpszProxyBypass":null}
{"dwAccessType":3,"lpszProxy":"secure.example:8443","lpszProxyBypass":null}
{"dwAccessType":1,"lpszProxy":null,"lpszProxyBypass":null}
{"dwAccessType":3,"lpszProxy":"socks=socks.example:1080","lpszProxyBypass":null}
{"dwAccessType":1,"lpszProxy":null,"lpszProxyBypass":null}
null 12006
null 12167
null 12166
null 12180
null 87
null 12018
`},
		{"default configuration from the environment", `
print(JSON.stringify(w.WinHttpGetDefaultProxyConfiguration()));
print(JSON.stringify(w.WinHttpGetIEProxyConfigForCurrentUser()));
print(JSON.stringify(w.WinHttpQueryOption(null, w.WINHTTP_OPTION_PROXY)));
print(w.WinHttpSetDefaultProxyConfiguration({dwAccessType: w.WINHTTP_ACCESS_TYPE_NO_PROXY}), JSON.stringify(w.WinHttpGetDefaultProxyConfiguration()));
print(w.WinHttpSetDefaultProxyConfiguration({dwAccessType: 7}), w.GetLastError());
print(w.WinHttpDetectAutoProxyConfigUrl(w.WINHTTP_AUTO_DETECT_TYPE_DNS_A), w.GetLastError(), w.WinHttpDetectAutoProxyConfigUrl(0), w.GetLastError());
`, `{"dwAccessType":3,"lpszProxy":"http=proxy.example:3128","lpszProxyBypass":"localhost;*.localhost;*.corp"}
{"fAutoDetect":false,"lpszAutoConfigUrl":null,"lpszProxy":"http=proxy.example:3128","lpszProxyBypass":"localhost;*.localhost;*.corp"}
{"dwAccessType":3,"lpszProxy":"http=proxy.example:3128","lpszProxyBypass":"localhost;*.localhost;*.corp"}
true {"dwAccessType":1,"lpszProxy":null,"lpszProxyBypass":null}
false 87
null 12180 null 87
`},
		{"bypass list", `
var info = {dwAccessType: 3, lpszProxy: "p:1", lpszProxyBypass: "*.corp;<local>;10.*"};
print(w.WinHttpIsHostInProxyBypassList(info, "a.corp", w.INTERNET_SCHEME_HTTP, 80),
  w.WinHttpIsHostInProxyBypassList(info, "intranet", w.INTERNET_SCHEME_HTTPS, 443),
  w.WinHttpIsHostInProxyBypassList(info, "www.example.com", w.INTERNET_SCHEME_HTTP, 80),
  w.WinHttpIsHostInProxyBypassList(info, "10.0.0.1", w.INTERNET_SCHEME_HTTP, 80),
  w.WinHttpIsHostInProxyBypassList(info, "x", 3, 80), w.GetLastError());
`, "true true false true null 87\n"},
		{"named proxy session and proxy option", `
var s = w.WinHttpOpen("a", w.WINHTTP_ACCESS_TYPE_NAMED_PROXY, "{{HOSTPORT}}", null, 0);
var r = w.WinHttpOpenRequest(w.WinHttpConnect(s, "target.example", 0, 0), "GET", "/x?y", null, null, null, 0);
check(w.WinHttpSendRequest(r, null, null, 0, 0), "send"); check(w.WinHttpReceiveResponse(r, null), "recv");
print(String.fromCharCode.apply(null, w.WinHttpReadData(r, 1000)));
print(JSON.stringify(w.WinHttpQueryOption(s, w.WINHTTP_OPTION_PROXY)));
var s2 = w.WinHttpOpen("a", w.WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
var r2 = w.WinHttpOpenRequest(w.WinHttpConnect(s2, "other.example", 8080, 0), "GET", "/", null, null, null, 0);
check(w.WinHttpSetOption(r2, w.WINHTTP_OPTION_PROXY, {dwAccessType: 3, lpszProxy: "{{HOSTPORT}}", lpszProxyBypass: null}), "opt");
check(w.WinHttpSendRequest(r2, null, null, 0, 0), "send"); check(w.WinHttpReceiveResponse(r2, null), "recv");
print(String.fromCharCode.apply(null, w.WinHttpReadData(r2, 1000)));
`, "proxied http://target.example/x?y\n{\"dwAccessType\":3,\"lpszProxy\":\"{{HOSTPORT}}\",\"lpszProxyBypass\":null}\nproxied http://other.example:8080/\n"},
		{"async resolver", `
var s = w.WinHttpOpen("a", w.WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, w.WINHTTP_FLAG_ASYNC);
var res = check(w.WinHttpCreateProxyResolver(s), "resolver");
w.WinHttpSetStatusCallback(res, function (h, ctx, status) {
  print("status", status === w.WINHTTP_CALLBACK_STATUS_GETPROXYFORURL_COMPLETE, ctx);
  print(JSON.stringify(w.WinHttpGetProxyResult(h)));
}, w.WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS, 0);
print(w.WinHttpGetProxyForUrlEx(res, "http://www.example.com/", {dwFlags: 2, lpszAutoConfigUrl: "{{URL}}/proxy.pac"}, 7));
print(w.WinHttpGetProxyResult(res), w.GetLastError());
var sync = w.WinHttpOpen("a", 1, null, null, 0);
print(w.WinHttpCreateProxyResolver(sync), w.GetLastError());
`, "997\nnull 12019\nnull 4317\nstatus true 7\n{\"cEntries\":2,\"pEntries\":[{\"fProxy\":true,\"fBypass\":false,\"ProxyScheme\":1,\"pwszProxy\":\"a.example\",\"ProxyPort\":8080},{\"fProxy\":true,\"fBypass\":false,\"ProxyScheme\":1,\"pwszProxy\":\"b.example\",\"ProxyPort\":8080}]}\n"},
	}
	hostport := srv.URL[len("http://"):]
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, Options{Getenv: func(k string) string { return env[k] }})
			script := strings.ReplaceAll(js(prelude+tc.script, srv), "{{HOSTPORT}}", hostport)
			want := strings.ReplaceAll(tc.want, "{{HOSTPORT}}", hostport)
			if out := e.mustRun(script); out != want {
				t.Fatalf("got\n%s\nwant\n%s", out, want)
			}
		})
	}
}
