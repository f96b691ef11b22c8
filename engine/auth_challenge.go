package engine

import (
	"fmt"
	"strings"
)

// challenge is one authentication challenge from a WWW-Authenticate or
// Proxy-Authenticate header (RFC 9110 §11.3).
type challenge struct {
	scheme string // as sent; compare with strings.EqualFold
	// token68 holds the single token of schemes like NTLM and Negotiate
	// ("NTLM TlRMTVNTUAAC..."); empty when the challenge has parameters.
	token68 string
	// params maps lower-cased parameter names to unquoted values.
	params map[string]string
}

// is reports whether the challenge uses scheme (case-insensitively).
func (c challenge) is(scheme string) bool { return strings.EqualFold(c.scheme, scheme) }

// parseChallenges parses every challenge in the header values. A value
// that cannot be parsed is skipped so that a well-formed challenge in
// another line still gets an answer; the first parse error is returned
// alongside whatever was understood.
func parseChallenges(values []string) ([]challenge, error) {
	var out []challenge
	var firstErr error
	for _, v := range values {
		cs, err := parseChallengeValue(v)
		out = append(out, cs...)
		if err != nil && firstErr == nil {
			firstErr = err
		}
	}
	return out, firstErr
}

// parseChallengeValue parses one header value, which may hold several
// comma-separated challenges whose parameters are themselves
// comma-separated: `Digest realm="a, b", qop="auth", Basic realm="x"`.
// Challenges before a syntax error are returned with the error.
func parseChallengeValue(v string) ([]challenge, error) {
	p := challengeParser{s: v}
	var out []challenge
	var cur *challenge
	for {
		p.skipSeparators()
		if p.done() {
			break
		}
		start := p.i
		name := p.token()
		if name == "" {
			return out, p.errorf(start, "expected an authentication scheme or parameter name")
		}
		afterName := p.i
		p.skipSpace()
		spaced := p.i > afterName
		// A parameter is "name=value"; a token68 may itself end in '='
		// padding, which is told apart by what follows the '=' signs.
		if cur != nil && cur.token68 == "" && p.peek() == '=' && !p.isToken68Padding() {
			p.i++ // '='
			p.skipSpace()
			val, err := p.value()
			if err != nil {
				return out, err
			}
			key := strings.ToLower(name)
			if _, dup := cur.params[key]; dup {
				return out, p.errorf(start, "parameter %q given twice in the %s challenge", name, cur.scheme)
			}
			cur.params[key] = val
			continue
		}
		// A new challenge: scheme name, then a token68, parameters or nothing.
		if cur != nil {
			out = append(out, *cur)
		}
		cur = &challenge{scheme: name, params: map[string]string{}}
		if spaced && p.atToken68() {
			cur.token68 = p.token68()
		}
	}
	if cur != nil {
		out = append(out, *cur)
	}
	return out, nil
}

// challengeParser is a cursor over one header value.
type challengeParser struct {
	s string
	i int
}

func (p *challengeParser) done() bool { return p.i >= len(p.s) }

func (p *challengeParser) peek() byte {
	if p.done() {
		return 0
	}
	return p.s[p.i]
}

func (p *challengeParser) skipSpace() {
	for !p.done() && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
}

func (p *challengeParser) skipSeparators() {
	for !p.done() && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == ',') {
		p.i++
	}
}

func (p *challengeParser) token() string {
	start := p.i
	for !p.done() && isTokenChar(p.s[p.i]) {
		p.i++
	}
	return p.s[start:p.i]
}

// isToken68Padding reports whether the '=' at the cursor is the padding of
// a token68 (followed by more '=', then the end or a comma) rather than a
// parameter's '='.
func (p *challengeParser) isToken68Padding() bool {
	j := p.i
	for j < len(p.s) && p.s[j] == '=' {
		j++
	}
	for j < len(p.s) && (p.s[j] == ' ' || p.s[j] == '\t') {
		j++
	}
	return j == len(p.s) || p.s[j] == ','
}

// atToken68 reports whether a token68 starts at the cursor: a run of
// token68 characters and optional '=' padding that ends the challenge
// (unlike a parameter name, which is followed by '=value').
func (p *challengeParser) atToken68() bool {
	j := p.i
	for j < len(p.s) && isToken68Char(p.s[j]) {
		j++
	}
	if j == p.i {
		return false
	}
	for j < len(p.s) && p.s[j] == '=' {
		j++
	}
	for j < len(p.s) && (p.s[j] == ' ' || p.s[j] == '\t') {
		j++
	}
	return j == len(p.s) || p.s[j] == ','
}

func (p *challengeParser) token68() string {
	start := p.i
	for !p.done() && isToken68Char(p.s[p.i]) {
		p.i++
	}
	for !p.done() && p.s[p.i] == '=' {
		p.i++
	}
	return p.s[start:p.i]
}

// value reads a parameter value: a token or a quoted-string.
func (p *challengeParser) value() (string, error) {
	if p.peek() != '"' {
		start := p.i
		v := p.token()
		if v == "" {
			return "", p.errorf(start, "expected a parameter value")
		}
		return v, nil
	}
	start := p.i
	p.i++ // opening quote
	var b strings.Builder
	for !p.done() {
		c := p.s[p.i]
		switch c {
		case '"':
			p.i++
			return b.String(), nil
		case '\\':
			if p.i+1 >= len(p.s) {
				return "", p.errorf(start, "unterminated quoted string")
			}
			b.WriteByte(p.s[p.i+1])
			p.i += 2
		default:
			b.WriteByte(c)
			p.i++
		}
	}
	return "", p.errorf(start, "unterminated quoted string")
}

func (p *challengeParser) errorf(at int, format string, args ...any) error {
	return &Error{
		Code: ErrInvalidServerResponse,
		Op:   "auth",
		Err:  fmt.Errorf("malformed authentication challenge %q at offset %d: %s", p.s, at, fmt.Sprintf(format, args...)),
	}
}

// isTokenChar reports whether c is an RFC 9110 tchar.
func isTokenChar(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

// isToken68Char reports whether c may appear in a token68 before its padding.
func isToken68Char(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return strings.IndexByte("-._~+/", c) >= 0
}
