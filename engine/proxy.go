package engine

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"

	"golang.org/x/net/http/httpproxy"
)

// proxyFor returns the proxy to use for target under cfg, or nil for a
// direct connection. Owned by the security part of the engine (proxy*.go).
// ProxyDefault reads HTTP_PROXY, HTTPS_PROXY and NO_PROXY (either case) from
// env (os.Getenv when env is nil).
func proxyFor(cfg ProxyConfig, target *url.URL, env func(string) string) (*url.URL, error) {
	switch cfg.Access {
	case ProxyDirect:
		return nil, nil
	case ProxyDefault:
		return envProxy(target, env)
	case ProxyNamed:
		list, bypass, err := parseNamedProxy(cfg)
		if err != nil {
			return nil, err
		}
		host, port := targetHostPort(target)
		for _, e := range bypass {
			if e.matches(target.Scheme, host, port) {
				return nil, nil
			}
		}
		return list.forScheme(target.Scheme), nil
	}
	return nil, &Error{Code: ErrInvalidParameter, Op: "proxy", Err: fmt.Errorf("unknown proxy access type %d", int(cfg.Access))}
}

// ProxyForURL returns the proxy a request for target would use under cfg,
// or nil for a direct connection (WinHttpGetProxyForUrl without
// auto-detection). env reads the environment for ProxyDefault; nil means
// os.Getenv.
func ProxyForURL(cfg ProxyConfig, target *url.URL, env func(string) string) (*url.URL, error) {
	return proxyFor(cfg, target, env)
}

// ValidateProxyConfig checks a configuration's proxy and bypass strings
// without resolving anything, so a bad setting can be refused when it is
// made (WinHttpOpen, WINHTTP_OPTION_PROXY) with ERROR_INVALID_PARAMETER.
func ValidateProxyConfig(cfg ProxyConfig) error {
	switch cfg.Access {
	case ProxyDirect, ProxyDefault:
		return nil
	case ProxyNamed:
		_, _, err := parseNamedProxy(cfg)
		return err
	}
	return &Error{Code: ErrInvalidParameter, Op: "proxy", Err: fmt.Errorf("unknown proxy access type %d", int(cfg.Access))}
}

// IsHostInProxyBypassList reports whether a request for scheme://host:port
// bypasses the proxy under bypass (WinHttpIsHostInProxyBypassList); port 0
// means the scheme's default.
func IsHostInProxyBypassList(bypass, scheme, host string, port int) (bool, error) {
	entries, err := parseBypassList(bypass)
	if err != nil {
		return false, err
	}
	p := fmt.Sprint(port)
	if port == 0 {
		p = defaultPortFor(scheme)
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	for _, e := range entries {
		if e.matches(scheme, host, p) {
			return true, nil
		}
	}
	return false, nil
}

func parseNamedProxy(cfg ProxyConfig) (proxyList, []bypassEntry, error) {
	list, err := parseProxyList(cfg.Server)
	if err != nil {
		return proxyList{}, nil, err
	}
	bypass, err := parseBypassList(cfg.Bypass)
	if err != nil {
		return proxyList{}, nil, err
	}
	return list, bypass, nil
}

// targetHostPort returns the target's host without brackets and its
// effective port.
func targetHostPort(u *url.URL) (string, string) {
	port := u.Port()
	if port == "" {
		port = defaultPortFor(u.Scheme)
	}
	return u.Hostname(), port
}

func defaultPortFor(scheme string) string {
	if strings.EqualFold(scheme, "https") {
		return "443"
	}
	return "80"
}

// envConfig reads the proxy variables, upper case first as curl and Go do.
func envConfig(env func(string) string) httpproxy.Config {
	if env == nil {
		env = os.Getenv
	}
	get := func(names ...string) string {
		for _, n := range names {
			if v := env(n); v != "" {
				return v
			}
		}
		return ""
	}
	return httpproxy.Config{
		HTTPProxy:  get("HTTP_PROXY", "http_proxy"),
		HTTPSProxy: get("HTTPS_PROXY", "https_proxy"),
		NoProxy:    get("NO_PROXY", "no_proxy"),
	}
}

// envProxy applies Go's environment rules (golang.org/x/net/http/httpproxy):
// NO_PROXY entries match a domain and its subdomains, IP addresses and
// CIDR ranges, and requests to localhost and loopback addresses never go
// through the proxy.
func envProxy(target *url.URL, env func(string) string) (*url.URL, error) {
	cfg := envConfig(env)
	name, value := "HTTP_PROXY", cfg.HTTPProxy
	if strings.EqualFold(target.Scheme, "https") {
		name, value = "HTTPS_PROXY", cfg.HTTPSProxy
	}
	// httpproxy quietly goes direct when the variable cannot be parsed; a
	// script author is better served by an error naming the variable.
	if err := checkEnvProxy(value); err != nil {
		return nil, &Error{Code: ErrInvalidParameter, Op: "proxy", Err: fmt.Errorf("bad proxy setting %s=%q: %v", name, value, err)}
	}
	if value == "" {
		// No proxy for the scheme: httpproxy would answer direct too,
		// after building its whole configuration (NO_PROXY split and
		// parsed, closures) on every request.
		return nil, nil
	}
	return cfg.ProxyFunc()(target)
}

// checkEnvProxy parses a proxy variable (a bare "host:port" means
// http://) and accepts only http and https proxies.
func checkEnvProxy(v string) error {
	if v == "" {
		return nil
	}
	if !strings.Contains(v, "://") {
		v = "http://" + v
	}
	u, err := url.Parse(v)
	if err != nil {
		return err
	}
	if u.Host == "" {
		return fmt.Errorf("no proxy host name")
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("proxy scheme %q is not supported (only http and https proxies are)", u.Scheme)
	}
	return nil
}

// DefaultProxyConfig is the environment's proxy configuration written as
// WinHTTP holds it (WinHttpGetDefaultProxyConfiguration): ProxyNamed with
// "http=host:port;https=host:port" and NO_PROXY turned into a bypass list
// ("example.com" becomes "example.com;*.example.com"), or ProxyDirect when
// no proxy variable is set. Credentials in a proxy URL are left out, and
// NO_PROXY CIDR ranges have no WinHTTP form and are dropped. env nil means
// os.Getenv.
func DefaultProxyConfig(env func(string) string) ProxyConfig {
	cfg := envConfig(env)
	var servers []string
	for _, p := range []struct{ scheme, value string }{{"http", cfg.HTTPProxy}, {"https", cfg.HTTPSProxy}} {
		if hp := envProxyHostPort(p.value); hp != "" {
			servers = append(servers, p.scheme+"="+hp)
		}
	}
	if len(servers) == 0 {
		return ProxyConfig{Access: ProxyDirect}
	}
	return ProxyConfig{Access: ProxyNamed, Server: strings.Join(servers, ";"), Bypass: noProxyToBypass(cfg.NoProxy)}
}

// envProxyHostPort turns an environment proxy value ("proxy:3128",
// "http://user:pw@proxy:3128/") into "host:port", or "" if it is not an
// http proxy WinHTTP's syntax can name.
func envProxyHostPort(v string) string {
	if v == "" {
		return ""
	}
	if !strings.Contains(v, "://") {
		v = "http://" + v
	}
	u, err := url.Parse(v)
	if err != nil || u.Scheme != "http" || u.Hostname() == "" {
		return ""
	}
	port := u.Port()
	if port == "" {
		port = "80"
	}
	return net.JoinHostPort(u.Hostname(), port)
}

func noProxyToBypass(noProxy string) string {
	var out []string
	for _, f := range strings.FieldsFunc(noProxy, func(r rune) bool { return r == ',' || isSpaceRune(r) }) {
		switch {
		case f == "*":
			out = append(out, "*")
		case strings.Contains(f, "/"):
			// A CIDR range: WinHTTP bypass lists cannot express it.
		case net.ParseIP(f) != nil:
			if strings.Contains(f, ":") {
				f = "[" + f + "]"
			}
			out = append(out, f)
		case strings.HasPrefix(f, "*."):
			out = append(out, f)
		case strings.HasPrefix(f, "."):
			out = append(out, "*"+f)
		default:
			if host, port, err := net.SplitHostPort(f); err == nil {
				out = append(out, f, "*."+host+":"+port)
			} else {
				out = append(out, f, "*."+f)
			}
		}
	}
	return strings.Join(out, ";")
}
