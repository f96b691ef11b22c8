package engine

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
)

// parseURL parses an absolute URL the way WinHttpCrackUrl does, then shapes
// it for sending: the fragment is dropped (WinHTTP never sends it) and bytes
// that cannot appear on a request line are percent-encoded.
func parseURL(raw string) (*url.URL, error) {
	u := new(url.URL)
	if err := parseURLInto(u, raw); err != nil {
		return nil, err
	}
	return u, nil
}

// parseURLInto is parseURL into a url.URL the caller provides (NewRequest
// keeps it inside the Request); on error *u is left partly set.
func parseURLInto(u *url.URL, raw string) error {
	bad := func(code Code, why string) error {
		return &Error{Code: code, Op: "open", URL: raw, Err: fmt.Errorf("%s", why)}
	}
	scheme, rest, ok := strings.Cut(raw, ":")
	if !ok {
		return bad(ErrUnrecognizedScheme, "the URL has no scheme (want http:// or https://)")
	}
	scheme = strings.ToLower(scheme)
	if scheme != "http" && scheme != "https" {
		return bad(ErrUnrecognizedScheme, fmt.Sprintf("scheme %q is not http or https", scheme))
	}
	if !strings.HasPrefix(rest, "//") {
		return bad(ErrInvalidURL, "\"//\" must follow the scheme")
	}
	rest = rest[2:]
	if rest == "" {
		return bad(ErrInvalidURL, "the URL has no host")
	}
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	authority, tail := rest[:end], rest[end:]

	*u = url.URL{Scheme: scheme}
	if at := strings.LastIndex(authority, "@"); at >= 0 {
		userinfo := authority[:at]
		authority = authority[at+1:]
		name, pass, hasPass := strings.Cut(userinfo, ":")
		name, _ = url.PathUnescape(name)
		if hasPass {
			pass, _ = url.PathUnescape(pass)
			u.User = url.UserPassword(name, pass)
		} else {
			u.User = url.User(name)
		}
	}
	host, port, err := splitAuthority(authority)
	if err != nil {
		return bad(ErrInvalidURL, err.Error())
	}
	if port != "" && port != defaultPort(scheme) && isJoined(authority, host, port) {
		// Already host:port as joinHostPort renders it: no new string.
		u.Host = authority
	} else {
		u.Host = joinHostPort(host, port, scheme)
	}

	if i := strings.IndexByte(tail, '#'); i >= 0 {
		tail = tail[:i]
	}
	tail = escapeUnsafe(tail)
	path, query, hasQuery := strings.Cut(tail, "?")
	if path == "" {
		path = "/"
	}
	path = fixPercents(path)
	u.Path, err = url.PathUnescape(path)
	if err != nil {
		return bad(ErrInvalidURL, "bad path: "+err.Error())
	}
	u.RawPath = path
	u.RawQuery = query
	u.ForceQuery = hasQuery && query == ""
	return nil
}

// splitAuthority splits "host", "host:port" or "[v6]:port" and checks
// both parts; port "" means the scheme's default.
func splitAuthority(a string) (host, port string, err error) {
	if strings.HasPrefix(a, "[") {
		closing := strings.IndexByte(a, ']')
		if closing < 0 {
			return "", "", fmt.Errorf("missing ']' in host %q", a)
		}
		host, a = a[1:closing], a[closing+1:]
		if net.ParseIP(host) == nil {
			return "", "", fmt.Errorf("%q is not an IPv6 address", host)
		}
		if a != "" && a[0] != ':' {
			return "", "", fmt.Errorf("unexpected %q after the IPv6 address", a)
		}
		port = strings.TrimPrefix(a, ":")
	} else {
		var found bool
		host, port, found = strings.Cut(a, ":")
		if found && strings.Contains(port, ":") {
			return "", "", fmt.Errorf("bad port %q", port)
		}
	}
	if host == "" {
		return "", "", fmt.Errorf("the URL has no host")
	}
	for i := 0; i < len(host); i++ {
		if c := host[i]; c <= ' ' || c == 0x7f || strings.IndexByte("\"<>\\^`{|}%", c) >= 0 {
			return "", "", fmt.Errorf("host %q contains %q", host, c)
		}
	}
	if port != "" {
		n, err := strconv.Atoi(port)
		if err != nil || n < 0 || strings.ContainsAny(port, "+-") {
			return "", "", fmt.Errorf("bad port %q", port)
		}
		if n > 65535 {
			return "", "", fmt.Errorf("port %d is above 65535", n)
		}
		if len(port) > 1 && port[0] == '0' {
			// Leading zeros are dropped; a port written plainly is
			// already in that form and is kept without a new string.
			port = strconv.Itoa(n)
		}
	}
	return host, port, nil
}

// isJoined reports whether a is exactly host and port joined as
// net.JoinHostPort would ("h:p", or "[h]:p" for a host with a colon).
func isJoined(a, host, port string) bool {
	if strings.Contains(host, ":") {
		return len(a) == len(host)+3+len(port) && a[0] == '[' && a[1:1+len(host)] == host &&
			a[1+len(host):3+len(host)] == "]:" && a[3+len(host):] == port
	}
	return len(a) == len(host)+1+len(port) && a[:len(host)] == host &&
		a[len(host)] == ':' && a[len(host)+1:] == port
}

// joinHostPort renders host and port for url.URL.Host, leaving the
// scheme's default port implicit as WinHttpCreateUrl does.
func joinHostPort(host, port, scheme string) string {
	if port == "" || port == defaultPort(scheme) {
		if strings.Contains(host, ":") {
			return "[" + host + "]"
		}
		return host
	}
	return net.JoinHostPort(host, port)
}

func defaultPort(scheme string) string {
	if scheme == "https" {
		return "443"
	}
	return "80"
}

// origin is scheme://host:port with the port always explicit, so two URLs
// naming the same server compare equal.
func origin(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = defaultPort(u.Scheme)
	}
	return u.Scheme + "://" + net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

// escapeUnsafe percent-encodes bytes that a request line cannot carry
// (controls, space, non-ASCII and the characters RFC 3986 excludes);
// everything else, including existing %XX escapes, is kept as written.
func escapeUnsafe(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("\"<>\\^`{|}", c) >= 0 {
			if b.Len() == 0 {
				b.WriteString(s[:i])
			}
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(c)
		}
	}
	if b.Len() == 0 {
		return s
	}
	return b.String()
}

// fixPercents encodes a '%' that does not start a valid %XX escape, so the
// path survives Go's URL handling (WinHTTP would send the bare '%').
func fixPercents(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && !(i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])) {
			b.WriteString("%25")
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
