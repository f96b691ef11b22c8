package engine

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
	panic("TODO")
}
