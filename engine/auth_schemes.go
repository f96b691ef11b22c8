package engine

import "strings"

// QueryAuthSchemes reports the schemes offered by the challenge values of
// a 401 or 407 response (WWW-Authenticate or Proxy-Authenticate), as
// WinHttpQueryAuthSchemes does: supported is the OR of every
// WINHTTP_AUTH_SCHEME_* bit offered, first the bit of the first one.
// Schemes WinHTTP has no bit for are left out; a value that cannot be
// parsed contributes the challenges completed before the error.
func QueryAuthSchemes(challenges []string) (supported, first AuthScheme) {
	parsed, _ := parseChallenges(challenges)
	for _, c := range parsed {
		bit := schemeBit(c.scheme)
		if bit == 0 {
			continue
		}
		if first == 0 {
			first = bit
		}
		supported |= bit
	}
	return supported, first
}

// schemeBit maps a challenge's scheme name to its WINHTTP_AUTH_SCHEME_* bit.
func schemeBit(name string) AuthScheme {
	switch strings.ToLower(name) {
	case "basic":
		return AuthBasic
	case "ntlm":
		return AuthNTLM
	case "passport1.4":
		return AuthPassport
	case "digest":
		return AuthDigest
	case "negotiate":
		return AuthNegotiate
	}
	return 0
}
