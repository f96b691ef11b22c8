package engine

import (
	"strings"
)

// bypassEntry is one entry of a WinHTTP bypass list.
type bypassEntry struct {
	local  bool   // "<local>": any host name without a dot
	scheme string // "" matches any scheme
	host   string // lower case, '*' matches any run of characters
	port   string // "" matches any port
}

// parseBypassList parses a bypass list: entries separated by ';', ',' or
// white space, each "<local>" or "[<scheme>://]<host pattern>[:<port>]"
// where '*' in the host pattern matches any run of characters.
func parseBypassList(s string) ([]bypassEntry, error) {
	var out []bypassEntry
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' || isSpaceRune(r) })
	for _, f := range fields {
		if strings.EqualFold(f, "<local>") {
			out = append(out, bypassEntry{local: true})
			continue
		}
		var e bypassEntry
		rest := f
		if i := strings.Index(rest, "://"); i >= 0 {
			e.scheme = strings.ToLower(rest[:i])
			if e.scheme == "" {
				return nil, bypassError(f, "empty scheme before ://")
			}
			rest = rest[i+3:]
		}
		rest = strings.TrimSuffix(rest, "/")
		host, port, err := splitBypassHostPort(rest)
		if err != nil {
			return nil, bypassError(f, err.Error())
		}
		if host == "" {
			return nil, bypassError(f, "no host name")
		}
		e.host, e.port = strings.ToLower(host), port
		out = append(out, e)
	}
	return out, nil
}

// splitBypassHostPort is splitHostPortDefault where the port may be left
// out (any port) or written as '*'.
func splitBypassHostPort(s string) (host, port string, err error) {
	if strings.HasSuffix(s, ":*") {
		return s[:len(s)-2], "", nil
	}
	host, port, err = splitHostPortDefault(s, "")
	if err != nil {
		return "", "", err
	}
	return host, port, nil
}

// matches reports whether a request for scheme://host:port bypasses the
// proxy; host is without brackets, port is the effective port.
func (e bypassEntry) matches(scheme, host, port string) bool {
	if e.local {
		// IPv6 literals have no dots either, but they are addresses, not
		// the single-label intranet names "<local>" stands for.
		return !strings.ContainsAny(host, ".:")
	}
	if e.scheme != "" && e.scheme != strings.ToLower(scheme) {
		return false
	}
	if e.port != "" && e.port != port {
		return false
	}
	return wildcardMatch(e.host, strings.ToLower(host))
}

// wildcardMatch matches name against pattern, where '*' matches any run
// of characters (including none) and everything else matches itself.
func wildcardMatch(pattern, name string) bool {
	p, n := 0, 0
	star, mark := -1, 0
	for n < len(name) {
		switch {
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, n
			p++
		case p < len(pattern) && pattern[p] == name[n]:
			p++
			n++
		case star >= 0:
			// Let the last '*' swallow one more character and retry.
			mark++
			p, n = star+1, mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

func bypassError(text, why string) error {
	return proxyError(text, "bad bypass list entry: "+why)
}
