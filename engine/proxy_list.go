package engine

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
)

// proxyList is a parsed WinHTTP proxy string: a proxy per target scheme
// and one for every scheme.
type proxyList struct {
	perScheme map[string]*url.URL // "http", "https"
	any       *url.URL
}

// forScheme returns the proxy for a target scheme, nil for direct.
func (l proxyList) forScheme(scheme string) *url.URL {
	if u, ok := l.perScheme[strings.ToLower(scheme)]; ok {
		return u
	}
	return l.any
}

// parseProxyList parses WinHTTP's proxy syntax: entries separated by ';'
// or white space, each "[<scheme>=][http://]<host>[:<port>]". An entry
// without "<scheme>=" serves every scheme; a per-scheme entry for a scheme
// other than http or https (ftp=, socks=, gopher=) is ignored, as WinHTTP
// only reaches http and https servers and only through HTTP proxies.
// The first entry for a scheme wins.
func parseProxyList(s string) (proxyList, error) {
	l := proxyList{perScheme: map[string]*url.URL{}}
	entries := strings.FieldsFunc(s, func(r rune) bool { return r == ';' || isSpaceRune(r) })
	if len(entries) == 0 {
		return l, proxyError(s, "the proxy server list is empty")
	}
	for _, e := range entries {
		key, server := "", e
		if eq := strings.IndexByte(e, '='); eq >= 0 && !strings.Contains(e[:eq], "/") {
			key, server = strings.ToLower(e[:eq]), e[eq+1:]
			if key == "" {
				return l, proxyError(e, "the entry has no scheme before '='")
			}
		}
		u, err := parseProxyServer(server)
		if err != nil {
			return l, proxyError(e, err.Error())
		}
		switch key {
		case "":
			if l.any == nil {
				l.any = u
			}
		case "http", "https":
			if _, ok := l.perScheme[key]; !ok {
				l.perScheme[key] = u
			}
		}
	}
	return l, nil
}

// parseProxyServer parses "[http://]host[:port][/]"; the port defaults
// to 80.
func parseProxyServer(s string) (*url.URL, error) {
	if i := strings.Index(s, "://"); i >= 0 {
		if !strings.EqualFold(s[:i], "http") {
			return nil, fmt.Errorf("proxy scheme %q is not supported (only http:// proxies are)", s[:i])
		}
		s = s[i+3:]
	}
	s = strings.TrimSuffix(s, "/")
	if s == "" {
		return nil, fmt.Errorf("no proxy host name")
	}
	host, port, err := splitHostPortDefault(s, "80")
	if err != nil {
		return nil, err
	}
	if err := checkHostName(host); err != nil {
		return nil, err
	}
	return &url.URL{Scheme: "http", Host: net.JoinHostPort(host, port)}, nil
}

// splitHostPortDefault splits "host", "host:port", "[v6]" or "[v6]:port",
// checking the port is a number from 1 to 65535.
func splitHostPortDefault(s, defaultPort string) (host, port string, err error) {
	switch {
	case strings.HasPrefix(s, "["):
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return "", "", fmt.Errorf("unterminated IPv6 address %q", s)
		}
		host, rest := s[1:end], s[end+1:]
		if rest == "" {
			return host, defaultPort, nil
		}
		if rest[0] != ':' {
			return "", "", fmt.Errorf("unexpected %q after the IPv6 address", rest)
		}
		port = rest[1:]
		return host, port, checkPort(port)
	case strings.Count(s, ":") > 1:
		return "", "", fmt.Errorf("an IPv6 address must be written in brackets, as [%s]", s)
	case strings.Contains(s, ":"):
		i := strings.IndexByte(s, ':')
		host, port = s[:i], s[i+1:]
		return host, port, checkPort(port)
	}
	return s, defaultPort, nil
}

func checkPort(p string) error {
	n, err := strconv.Atoi(p)
	if err != nil || n < 1 || n > 65535 || p[0] == '+' {
		return fmt.Errorf("port %q is not a number from 1 to 65535", p)
	}
	return nil
}

// checkHostName rejects characters no host name or address contains.
func checkHostName(h string) error {
	if h == "" {
		return fmt.Errorf("no host name")
	}
	for i := 0; i < len(h); i++ {
		c := h[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("/\\?#@[]<>\"{}|^`%,;=", c) >= 0 {
			return fmt.Errorf("host name %q contains %q", h, string(c))
		}
	}
	return nil
}

func isSpaceRune(r rune) bool {
	return r == ' ' || r == '\t' || r == '\r' || r == '\n'
}

// proxyError is the error for a bad proxy or bypass string.
func proxyError(text, why string) error {
	return &Error{Code: ErrInvalidParameter, Op: "proxy", Err: fmt.Errorf("bad proxy setting %q: %s", text, why)}
}
