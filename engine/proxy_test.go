package engine

import (
	"net/url"
	"strings"
	"testing"
)

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatalf("url.Parse(%q): %v", s, err)
	}
	return u
}

func proxyString(u *url.URL) string {
	if u == nil {
		return "DIRECT"
	}
	return u.String()
}

func TestProxyNamedList(t *testing.T) {
	tests := []struct {
		server string
		target string
		want   string
	}{
		{"proxy:8080", "http://example.com/", "http://proxy:8080"},
		{"proxy:8080", "https://example.com/", "http://proxy:8080"},
		{"proxy", "http://example.com/", "http://proxy:80"},
		{"http://proxy:3128", "https://example.com/", "http://proxy:3128"},
		{"HTTP://Proxy:3128/", "http://example.com/", "http://Proxy:3128"},
		{"[::1]:8080", "http://example.com/", "http://[::1]:8080"},
		{"[fe80::1]", "http://example.com/", "http://[fe80::1]:80"},
		{"10.0.0.1:81", "http://example.com/", "http://10.0.0.1:81"},
		{"http=hp:1;https=sp:2", "http://example.com/", "http://hp:1"},
		{"http=hp:1;https=sp:2", "https://example.com/", "http://sp:2"},
		{"http=hp:1 https=sp:2", "https://example.com/", "http://sp:2"},
		{"HTTPS=sp:2", "https://example.com/", "http://sp:2"},
		{"http=hp:1", "https://example.com/", "DIRECT"},
		{"https=http://sp:2", "https://x/", "http://sp:2"},
		{"http=hp:1;fallback:9", "https://example.com/", "http://fallback:9"},
		{"ftp=fp:21;socks=sk:1080;any:3", "http://example.com/", "http://any:3"},
		{"http=first:1;http=second:2", "http://example.com/", "http://first:1"},
		{" ; proxy:8080 ; ", "http://example.com/", "http://proxy:8080"},
	}
	for _, tc := range tests {
		t.Run(tc.server+" "+tc.target, func(t *testing.T) {
			got, err := proxyFor(ProxyConfig{Access: ProxyNamed, Server: tc.server}, mustURL(t, tc.target), nil)
			if err != nil {
				t.Fatalf("proxyFor: %v", err)
			}
			if proxyString(got) != tc.want {
				t.Fatalf("proxy = %s, want %s", proxyString(got), tc.want)
			}
		})
	}
}

func TestProxyNamedListErrors(t *testing.T) {
	tests := []struct {
		server  string
		bypass  string
		message string
	}{
		{"", "", "the proxy server list is empty"},
		{" ; ", "", "the proxy server list is empty"},
		{"proxy:abc", "", `port "abc" is not a number`},
		{"proxy:0", "", `port "0" is not a number`},
		{"proxy:65536", "", `port "65536" is not a number`},
		{"proxy:", "", `port "" is not a number`},
		{"socks5://proxy:1080", "", `proxy scheme "socks5" is not supported`},
		{"https://proxy:443", "", `proxy scheme "https" is not supported`},
		{"=proxy:80", "", "no scheme before '='"},
		{"http=", "", "no proxy host name"},
		{"user@proxy:80", "", `contains "@"`},
		{"::1:8080", "", "must be written in brackets"},
		{"[::1:8080", "", "unterminated IPv6 address"},
		{"proxy:80", "host:abc", `port "abc" is not a number`},
		{"proxy:80", "://host", "empty scheme"},
	}
	for _, tc := range tests {
		t.Run(tc.server+"|"+tc.bypass, func(t *testing.T) {
			cfg := ProxyConfig{Access: ProxyNamed, Server: tc.server, Bypass: tc.bypass}
			_, err := proxyFor(cfg, mustURL(t, "http://example.com/"), nil)
			if CodeOf(err) != ErrInvalidParameter {
				t.Fatalf("error = %v (code %d), want code %d", err, CodeOf(err), ErrInvalidParameter)
			}
			if !strings.Contains(err.Error(), tc.message) {
				t.Fatalf("error %q does not mention %q", err, tc.message)
			}
			if verr := ValidateProxyConfig(cfg); CodeOf(verr) != ErrInvalidParameter {
				t.Fatalf("ValidateProxyConfig = %v, want code %d", verr, ErrInvalidParameter)
			}
		})
	}
}

func TestProxyBypass(t *testing.T) {
	tests := []struct {
		bypass string
		target string
		direct bool
	}{
		{"<local>", "http://intranet/", true},
		{"<LOCAL>", "http://intranet:8080/x", true},
		{"<local>", "http://www.example.com/", false},
		{"<local>", "http://10.1.2.3/", false},
		{"<local>", "http://[::1]/", false},
		{"*.example.com", "http://www.example.com/", true},
		{"*.example.com", "http://a.b.EXAMPLE.com/", true},
		{"*.example.com", "http://example.com/", false},
		{"*.EXAMPLE.COM", "https://www.example.com/", true},
		{"example.com", "http://www.example.com/", false},
		{"example.com", "http://Example.Com/", true},
		{"10.*", "http://10.1.2.3/", true},
		{"10.*", "http://110.1.2.3/", false},
		{"127.0.0.1", "http://127.0.0.1:8080/", true},
		{"127.0.0.1", "http://127.0.0.10/", false},
		{"*", "http://anything.example/", true},
		{"www.*.com", "http://www.foo.com/", true},
		{"www.*.com", "http://www.foo.org/", false},
		{"*abc*def", "http://xxabcyydef/", true},
		{"*abc*def", "http://xxabcyydefz/", false},
		{"a*", "http://a/", true},
		{"host:8080", "http://host:8080/", true},
		{"host:8080", "http://host/", false},
		{"host:80", "http://host/", true},
		{"host:443", "https://host/", true},
		{"host:*", "http://host:1234/", true},
		{"https://host", "https://host/", true},
		{"https://host", "http://host/", false},
		{"HTTP://host:81", "http://host:81/", true},
		{"[::1]", "http://[::1]:8080/", true},
		{"[::1]:8080", "http://[::1]:8080/", true},
		{"[::1]:8080", "http://[::1]:8081/", false},
		{"foo;bar, baz\tqux\n*.example.com", "http://www.example.com/", true},
		{"foo;bar, baz", "http://baz/", true},
		{"foo;bar, baz", "http://qux/", false},
		{"", "http://example.com/", false},
		{"host/", "http://host/", true},
	}
	for _, tc := range tests {
		t.Run(tc.bypass+" "+tc.target, func(t *testing.T) {
			cfg := ProxyConfig{Access: ProxyNamed, Server: "proxy:3128", Bypass: tc.bypass}
			got, err := proxyFor(cfg, mustURL(t, tc.target), nil)
			if err != nil {
				t.Fatalf("proxyFor: %v", err)
			}
			want := "http://proxy:3128"
			if tc.direct {
				want = "DIRECT"
			}
			if proxyString(got) != want {
				t.Fatalf("proxy = %s, want %s", proxyString(got), want)
			}
		})
	}
}

func TestProxyIsHostInBypassList(t *testing.T) {
	tests := []struct {
		bypass, scheme, host string
		port                 int
		want                 bool
	}{
		{"<local>", "http", "server", 0, true},
		{"*.corp", "https", "a.corp", 443, true},
		{"a.corp:443", "https", "a.corp", 0, true},
		{"a.corp:80", "https", "a.corp", 0, false},
		{"[::1]", "http", "[::1]", 0, true},
	}
	for _, tc := range tests {
		got, err := IsHostInProxyBypassList(tc.bypass, tc.scheme, tc.host, tc.port)
		if err != nil || got != tc.want {
			t.Errorf("IsHostInProxyBypassList(%q, %q, %q, %d) = %v, %v; want %v", tc.bypass, tc.scheme, tc.host, tc.port, got, err, tc.want)
		}
	}
}

func TestProxyDirectAndUnknownAccess(t *testing.T) {
	got, err := proxyFor(ProxyConfig{Access: ProxyDirect, Server: "ignored:1"}, mustURL(t, "http://example.com/"), nil)
	if got != nil || err != nil {
		t.Fatalf("ProxyDirect = %v, %v; want nil, nil", got, err)
	}
	_, err = proxyFor(ProxyConfig{Access: ProxyAccess(7)}, mustURL(t, "http://example.com/"), nil)
	if CodeOf(err) != ErrInvalidParameter || !strings.Contains(err.Error(), "unknown proxy access type 7") {
		t.Fatalf("unknown access: %v", err)
	}
}

func envFunc(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestProxyEnvironment(t *testing.T) {
	tests := []struct {
		name   string
		env    map[string]string
		target string
		want   string
	}{
		{"http proxy", map[string]string{"HTTP_PROXY": "http://p:3128"}, "http://example.com/", "http://p:3128"},
		{"lower case", map[string]string{"http_proxy": "p:3128"}, "http://example.com/", "http://p:3128"},
		{"upper case wins", map[string]string{"HTTP_PROXY": "up:1", "http_proxy": "low:2"}, "http://example.com/", "http://up:1"},
		{"https uses HTTPS_PROXY only", map[string]string{"HTTP_PROXY": "hp:1"}, "https://example.com/", "DIRECT"},
		{"https proxy", map[string]string{"HTTPS_PROXY": "sp:2"}, "https://example.com/", "http://sp:2"},
		{"no_proxy domain and subdomains", map[string]string{"HTTP_PROXY": "p:1", "NO_PROXY": "example.com"}, "http://www.example.com/", "DIRECT"},
		{"no_proxy other domain", map[string]string{"HTTP_PROXY": "p:1", "NO_PROXY": "example.com"}, "http://example.org/", "http://p:1"},
		{"no_proxy lower case", map[string]string{"HTTP_PROXY": "p:1", "no_proxy": ".example.com"}, "http://a.example.com/", "DIRECT"},
		{"no_proxy cidr", map[string]string{"HTTP_PROXY": "p:1", "NO_PROXY": "10.0.0.0/8"}, "http://10.2.3.4/", "DIRECT"},
		{"no_proxy star", map[string]string{"HTTP_PROXY": "p:1", "NO_PROXY": "*"}, "http://example.com/", "DIRECT"},
		{"loopback never proxied", map[string]string{"HTTP_PROXY": "p:1"}, "http://127.0.0.1:8080/", "DIRECT"},
		{"nothing set", map[string]string{}, "http://example.com/", "DIRECT"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := proxyFor(ProxyConfig{Access: ProxyDefault}, mustURL(t, tc.target), envFunc(tc.env))
			if err != nil {
				t.Fatalf("proxyFor: %v", err)
			}
			if proxyString(got) != tc.want {
				t.Fatalf("proxy = %s, want %s", proxyString(got), tc.want)
			}
		})
	}
}

func TestProxyEnvironmentErrors(t *testing.T) {
	tests := []struct {
		env     map[string]string
		message string
	}{
		{map[string]string{"HTTP_PROXY": "socks5://s:1080"}, `proxy scheme "socks5" is not supported`},
		{map[string]string{"HTTP_PROXY": "http://p:port"}, `HTTP_PROXY="http://p:port"`},
	}
	for _, tc := range tests {
		_, err := proxyFor(ProxyConfig{Access: ProxyDefault}, mustURL(t, "http://example.com/"), envFunc(tc.env))
		if CodeOf(err) != ErrInvalidParameter || !strings.Contains(err.Error(), tc.message) {
			t.Errorf("env %v: error %v; want code %d mentioning %q", tc.env, err, ErrInvalidParameter, tc.message)
		}
	}
}

func TestProxyDefaultConfig(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want ProxyConfig
	}{
		{map[string]string{}, ProxyConfig{Access: ProxyDirect}},
		{map[string]string{"HTTP_PROXY": "http://u:pw@p:3128/", "https_proxy": "s", "NO_PROXY": "example.com, .corp,10.0.0.0/8, 192.168.1.1,::1,*.x,h:81"},
			ProxyConfig{Access: ProxyNamed, Server: "http=p:3128;https=s:80",
				Bypass: "example.com;*.example.com;*.corp;192.168.1.1;[::1];*.x;h:81;*.h:81"}},
		{map[string]string{"HTTP_PROXY": "socks5://s:1"}, ProxyConfig{Access: ProxyDirect}},
	}
	for _, tc := range tests {
		got := DefaultProxyConfig(envFunc(tc.env))
		if got != tc.want {
			t.Errorf("DefaultProxyConfig(%v)\n got %+v\nwant %+v", tc.env, got, tc.want)
		}
		if err := ValidateProxyConfig(got); err != nil {
			t.Errorf("DefaultProxyConfig(%v) is not valid: %v", tc.env, err)
		}
	}
}

// FuzzProxyNamed feeds arbitrary proxy and bypass strings: the result is a
// proxy, direct, or an ERROR_INVALID_PARAMETER error, never a panic.
func FuzzProxyNamed(f *testing.F) {
	for _, seed := range [][2]string{
		{"proxy:8080", "<local>"}, {"http=a:1;https=b:2", "*.x;10.*"}, {"[::1]:80", "[::1]:*"},
		{"http://p/", "https://h:443"}, {"=", "://"}, {"[", "["},
	} {
		f.Add(seed[0], seed[1])
	}
	target, err := url.Parse("https://www.example.com:8443/x")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, server, bypass string) {
		u, err := proxyFor(ProxyConfig{Access: ProxyNamed, Server: server, Bypass: bypass}, target, nil)
		if err != nil {
			if CodeOf(err) != ErrInvalidParameter || u != nil {
				t.Fatalf("proxyFor = %v, %v; want code %d", u, err, ErrInvalidParameter)
			}
			return
		}
		if u != nil && (u.Scheme != "http" || u.Port() == "") {
			t.Fatalf("proxy URL %v lacks scheme or port", u)
		}
	})
}
