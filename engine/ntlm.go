package engine

import (
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"strings"

	ntlmssp "github.com/Azure/go-ntlmssp"
)

// ntlmSignature starts every NTLMSSP message.
const ntlmSignature = "NTLMSSP\x00"

// ntlmNegotiateToken is the first leg of NTLM: a NEGOTIATE (type 1)
// message, base64-encoded. The client's own domain and workstation are
// left out, as they describe the machine, not the user.
func ntlmNegotiateToken() (string, error) {
	msg, err := ntlmssp.NewNegotiateMessage("", "")
	if err != nil {
		return "", &Error{Code: ErrInternal, Op: "auth", Err: fmt.Errorf("NTLM negotiate message: %w", err)}
	}
	return base64.StdEncoding.EncodeToString(msg), nil
}

// ntlmAuthenticateToken answers the server's CHALLENGE (type 2) token with
// an AUTHENTICATE (type 3) message for user ("DOMAIN\user", "user@domain"
// or a bare name), base64-encoded.
func ntlmAuthenticateToken(token, scheme, user, password string) (string, error) {
	raw, err := decodeBase64Token(token)
	if err != nil {
		return "", &Error{
			Code: ErrInvalidServerResponse,
			Op:   "auth",
			Err:  fmt.Errorf("malformed %s challenge: token is not base64: %v", scheme, err),
		}
	}
	if len(raw) < 32 || string(raw[:8]) != ntlmSignature || binary.LittleEndian.Uint32(raw[8:12]) != 2 {
		what := "not an NTLM CHALLENGE message"
		if scheme == "Negotiate" {
			// A SPNEGO or Kerberos token: the server did not take the raw
			// NTLM token this engine sends inside Negotiate.
			what += " (a SPNEGO/Kerberos token, which this engine does not support; only NTLM inside Negotiate is)"
		}
		return "", &Error{
			Code: ErrInvalidServerResponse,
			Op:   "auth",
			Err:  fmt.Errorf("malformed %s challenge: %s", scheme, what),
		}
	}
	msg, err := ntlmssp.NewAuthenticateMessage(raw, user, password, nil)
	if err != nil {
		return "", &Error{Code: ErrLoginFailure, Op: "auth", Err: fmt.Errorf("cannot answer the %s challenge: %w", scheme, err)}
	}
	return base64.StdEncoding.EncodeToString(msg), nil
}

// decodeBase64Token accepts standard base64 with or without padding, as
// servers differ.
func decodeBase64Token(s string) ([]byte, error) {
	s = strings.TrimRight(s, "=")
	return base64.RawStdEncoding.DecodeString(s)
}
