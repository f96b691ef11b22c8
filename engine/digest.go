package engine

import (
	"crypto/md5"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"strings"
)

// digestChallenge is a Digest challenge (RFC 7616 §3.3) this engine can
// answer.
type digestChallenge struct {
	realm     string
	nonce     string
	opaque    string
	algorithm string // as the server spelled it; "" means MD5
	qop       string // "auth", or "" for RFC 2069 (no qop)
	hash      func() hash.Hash
	session   bool // the -sess variant
	utf8      bool // the server announced charset=UTF-8
}

// parseDigestChallenge reads c. usable is false for what the engine does
// not do (another algorithm, or only qop=auth-int, which would need the
// body hashed); a challenge without a nonce is malformed.
func parseDigestChallenge(c challenge) (digestChallenge, bool, error) {
	nonce, ok := c.params["nonce"]
	if !ok || nonce == "" {
		return digestChallenge{}, false, &Error{
			Code: ErrInvalidServerResponse,
			Op:   "auth",
			Err:  fmt.Errorf("malformed Digest challenge: no nonce parameter"),
		}
	}
	d := digestChallenge{
		realm:     c.params["realm"],
		nonce:     nonce,
		opaque:    c.params["opaque"],
		algorithm: c.params["algorithm"],
		utf8:      strings.EqualFold(c.params["charset"], "UTF-8"),
	}
	switch strings.ToUpper(d.algorithm) {
	case "", "MD5":
		d.hash = md5.New
	case "MD5-SESS":
		d.hash, d.session = md5.New, true
	case "SHA-256":
		d.hash = sha256.New
	case "SHA-256-SESS":
		d.hash, d.session = sha256.New, true
	default:
		return digestChallenge{}, false, nil
	}
	if qops, ok := c.params["qop"]; ok {
		for _, q := range strings.Split(qops, ",") {
			if strings.EqualFold(strings.TrimSpace(q), "auth") {
				d.qop = "auth"
			}
		}
		if d.qop == "" {
			return digestChallenge{}, false, nil
		}
	}
	return d, true, nil
}

// digestState counts the requests made with one server nonce, so that a
// nonce answered again (after a stale retry with the same nonce) carries
// the next nc value as RFC 7616 §3.4 requires.
type digestState struct {
	nonce string
	nc    uint32
}

// answer builds the Authorization value for challenge d.
func (s *digestState) answer(d digestChallenge, user, password, method, uri string) (string, error) {
	if d.nonce != s.nonce {
		s.nonce, s.nc = d.nonce, 0
	}
	s.nc++
	cnonce, err := newCnonce()
	if err != nil {
		return "", &Error{Code: ErrInternal, Op: "auth", Err: fmt.Errorf("digest cnonce: %w", err)}
	}
	return digestAuthorization(d, user, password, method, uri, s.nc, cnonce), nil
}

// digestAuthorization is the header value for one request; cnonce is used
// only with qop.
func digestAuthorization(d digestChallenge, user, password, method, uri string, nc uint32, cnonce string) string {
	ncText := fmt.Sprintf("%08x", nc)
	response := digestResponse(d, user, password, method, uri, ncText, cnonce)

	var b strings.Builder
	b.WriteString("Digest ")
	if needsExtendedUsername(user) {
		// RFC 7616 §3.4.4: a name that a quoted-string cannot carry goes
		// in username* with RFC 8187 encoding.
		b.WriteString("username*=UTF-8''" + rfc8187Escape(user))
	} else {
		b.WriteString("username=" + quoteString(user))
	}
	b.WriteString(", realm=" + quoteString(d.realm))
	b.WriteString(", nonce=" + quoteString(d.nonce))
	b.WriteString(", uri=" + quoteString(uri))
	if d.algorithm != "" {
		b.WriteString(", algorithm=" + d.algorithm)
	}
	b.WriteString(", response=" + quoteString(response))
	if d.opaque != "" {
		b.WriteString(", opaque=" + quoteString(d.opaque))
	}
	if d.qop != "" {
		b.WriteString(", qop=" + d.qop + ", nc=" + ncText + ", cnonce=" + quoteString(cnonce))
	}
	return b.String()
}

// digestResponse computes the request-digest of RFC 7616 §3.4.1 (and of
// RFC 2069 when the challenge had no qop).
func digestResponse(d digestChallenge, user, password, method, uri, nc, cnonce string) string {
	h := func(s string) string {
		x := d.hash()
		x.Write([]byte(s))
		return hex.EncodeToString(x.Sum(nil))
	}
	ha1 := h(user + ":" + d.realm + ":" + password)
	if d.session {
		ha1 = h(ha1 + ":" + d.nonce + ":" + cnonce)
	}
	ha2 := h(method + ":" + uri)
	if d.qop == "" {
		return h(ha1 + ":" + d.nonce + ":" + ha2)
	}
	return h(ha1 + ":" + d.nonce + ":" + nc + ":" + cnonce + ":" + d.qop + ":" + ha2)
}

func newCnonce() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

// quoteString writes s as an RFC 9110 quoted-string.
func quoteString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	b.WriteByte('"')
	return b.String()
}

func needsExtendedUsername(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return true
		}
	}
	return false
}

// rfc8187Escape percent-encodes everything but RFC 8187 attr-chars.
func rfc8187Escape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 && (isTokenChar(c) && !strings.ContainsRune("*'%", rune(c))) {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}
