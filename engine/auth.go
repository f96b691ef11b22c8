package engine

import (
	"encoding/base64"
	"strings"
)

// authHandshake answers one 401 or 407 exchange for one request.
// Owned by the security part of the engine (auth*.go).
type authHandshake interface {
	// Next returns the header value (for Authorization or
	// Proxy-Authorization) to send on the next attempt, given the challenge
	// values of the last response (WWW-Authenticate or Proxy-Authenticate).
	// ok is false when there is nothing (more) to try: the 401/407 response
	// is then returned to the caller as is.
	Next(challenges []string) (value string, ok bool, err error)
}

// newAuthHandshake starts a handshake for creds; method and requestURI are
// those of the request being authenticated (Digest signs them).
func newAuthHandshake(creds *Credentials, method, requestURI string) authHandshake {
	h := &handshake{method: method, uri: requestURI}
	if creds != nil {
		h.creds = *creds
		h.haveCreds = true
	}
	return h
}

// schemeChoice is a scheme the handshake can answer.
type schemeChoice struct {
	bit  AuthScheme
	name string
}

// schemePreference lists the answerable schemes, most preferred first.
// Negotiate is answered with a raw NTLM token inside the Negotiate header,
// which SPNEGO acceptors (IIS, http.sys) take as NTLM; it ranks below
// plain NTLM because that is what the token really is.
func schemePreference() [4]schemeChoice {
	return [...]schemeChoice{
		{AuthNTLM, "NTLM"},
		{AuthNegotiate, "Negotiate"},
		{AuthDigest, "Digest"},
		{AuthBasic, "Basic"},
	}
}

// handshake is the authHandshake for every supported scheme. It answers
// at most one complete round: a further challenge after a complete answer
// means the credentials were refused (Windows then hands the 401/407 to
// the script), except for a Digest challenge marked stale, retried once.
type handshake struct {
	creds     Credentials
	haveCreds bool
	method    string
	uri       string

	scheme   schemeChoice // zero until the first answer
	finished bool         // nothing more will be answered

	digest       digestState
	staleRetried bool

	ntlmSentType3 bool
}

// Next implements authHandshake.
func (h *handshake) Next(values []string) (string, bool, error) {
	if h.finished || !h.haveCreds {
		return "", false, nil
	}
	challenges, parseErr := parseChallenges(values)
	if h.scheme.bit == 0 {
		return h.first(challenges, parseErr)
	}
	return h.again(challenges, parseErr)
}

// first chooses a scheme among the offered challenges and answers it.
func (h *handshake) first(challenges []challenge, parseErr error) (string, bool, error) {
	var firstErr error
	for _, choice := range schemePreference() {
		if h.creds.Schemes != 0 && h.creds.Schemes&choice.bit == 0 {
			continue
		}
		for _, c := range challenges {
			if !c.is(choice.name) {
				continue
			}
			value, usable, err := h.answerFirst(choice, c)
			if err != nil {
				if firstErr == nil {
					firstErr = err
				}
				continue
			}
			if usable {
				h.scheme = choice
				return value, true, nil
			}
		}
	}
	h.finished = true
	if firstErr == nil {
		firstErr = parseErr
	}
	return "", false, firstErr
}

// answerFirst answers challenge c of scheme choice; usable is false when
// the challenge asks for something this engine does not do.
func (h *handshake) answerFirst(choice schemeChoice, c challenge) (string, bool, error) {
	switch choice.bit {
	case AuthBasic:
		h.finished = true
		return basicAnswer(h.creds.Username, h.creds.Password), true, nil
	case AuthDigest:
		p, usable, err := parseDigestChallenge(c)
		if err != nil || !usable {
			return "", false, err
		}
		value, err := h.digest.answer(p, h.creds.Username, h.creds.Password, h.method, h.uri)
		return value, err == nil, err
	case AuthNTLM, AuthNegotiate:
		if h.creds.Username == "" && h.creds.Password == "" {
			// NTLM cannot answer for an empty identity (that would be
			// anonymous logon, which WinHTTP does not do for scripts).
			return "", false, nil
		}
		token, err := ntlmNegotiateToken()
		if err != nil {
			return "", false, err
		}
		return choice.name + " " + token, true, nil
	}
	return "", false, nil
}

// again handles a challenge that follows an answer already sent.
func (h *handshake) again(challenges []challenge, parseErr error) (string, bool, error) {
	switch h.scheme.bit {
	case AuthDigest:
		for _, c := range challenges {
			if !c.is("Digest") || !strings.EqualFold(c.params["stale"], "true") || h.staleRetried {
				continue
			}
			p, usable, err := parseDigestChallenge(c)
			if err != nil || !usable {
				continue
			}
			h.staleRetried = true
			value, err := h.digest.answer(p, h.creds.Username, h.creds.Password, h.method, h.uri)
			if err != nil {
				h.finished = true
				return "", false, err
			}
			return value, true, nil
		}
	case AuthNTLM, AuthNegotiate:
		if h.ntlmSentType3 {
			break
		}
		for _, c := range challenges {
			if !c.is(h.scheme.name) || c.token68 == "" {
				continue
			}
			h.ntlmSentType3 = true
			token, err := ntlmAuthenticateToken(c.token68, h.scheme.name, h.creds.Username, h.creds.Password)
			if err != nil {
				h.finished = true
				return "", false, err
			}
			return h.scheme.name + " " + token, true, nil
		}
		if parseErr != nil {
			h.finished = true
			return "", false, parseErr
		}
	}
	h.finished = true
	return "", false, nil
}

// basicAnswer is the Basic credentials value. The user name and password
// are sent as UTF-8, as RFC 7617's charset="UTF-8" asks.
func basicAnswer(user, password string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+password))
}
