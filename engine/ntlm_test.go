package engine

import (
	"bytes"
	"crypto/hmac"
	"crypto/md5"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/crypto/md4"
)

// ntlmTestServer plays the server side of NTLM from MS-NLMP: it issues a
// CHALLENGE message and checks the AUTHENTICATE message's NTLMv2 proof.
type ntlmTestServer struct {
	challenge [8]byte
	domain    string
	users     map[string]string // "DOMAIN\user" or "user@domain" (upper-cased user part as NTLM does) → password
}

func utf16le(s string) []byte {
	var b []byte
	for _, r := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, r)
	}
	return b
}

func fromUTF16LE(b []byte) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return string(utf16.Decode(u))
}

// challengeToken builds a CHALLENGE (type 2) message.
func (s ntlmTestServer) challengeToken() string {
	const (
		flagUnicode      = 0x00000001
		flagRequestTgt   = 0x00000004
		flagNTLM         = 0x00000200
		flagTargetDomain = 0x00010000
		flagExtSess      = 0x00080000
		flagTargetInfo   = 0x00800000
	)
	target := utf16le(s.domain)
	var info []byte
	info = binary.LittleEndian.AppendUint16(info, 2) // MsvAvNbDomainName
	info = binary.LittleEndian.AppendUint16(info, uint16(len(target)))
	info = append(info, target...)
	info = append(info, 0, 0, 0, 0) // MsvAvEOL

	const headerLen = 48
	var m []byte
	m = append(m, "NTLMSSP\x00"...)
	m = binary.LittleEndian.AppendUint32(m, 2)
	m = appendVarField(m, len(target), headerLen)
	m = binary.LittleEndian.AppendUint32(m, flagUnicode|flagRequestTgt|flagNTLM|flagTargetDomain|flagExtSess|flagTargetInfo)
	m = append(m, s.challenge[:]...)
	m = append(m, make([]byte, 8)...)
	m = appendVarField(m, len(info), headerLen+len(target))
	m = append(m, target...)
	m = append(m, info...)
	return base64.StdEncoding.EncodeToString(m)
}

func appendVarField(b []byte, n, offset int) []byte {
	b = binary.LittleEndian.AppendUint16(b, uint16(n))
	b = binary.LittleEndian.AppendUint16(b, uint16(n))
	return binary.LittleEndian.AppendUint32(b, uint32(offset))
}

// ntlmType3 is what the test server reads from an AUTHENTICATE message.
type ntlmType3 struct {
	domain, user, workstation string
	ntResponse                []byte
}

func parseNTLMType3(t *testing.T, token string) ntlmType3 {
	t.Helper()
	m, err := decodeNTLMType3(token)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// decodeNTLMType3 reads an AUTHENTICATE message (MS-NLMP §2.2.1.3).
func decodeNTLMType3(token string) (ntlmType3, error) {
	raw, err := base64.StdEncoding.DecodeString(token)
	if err != nil {
		return ntlmType3{}, fmt.Errorf("type 3 token is not base64: %v", err)
	}
	if len(raw) < 64 || string(raw[:8]) != "NTLMSSP\x00" || binary.LittleEndian.Uint32(raw[8:]) != 3 {
		return ntlmType3{}, fmt.Errorf("not an AUTHENTICATE message: % x", raw)
	}
	var bad error
	field := func(at int) []byte {
		n := int(binary.LittleEndian.Uint16(raw[at:]))
		off := int(binary.LittleEndian.Uint32(raw[at+4:]))
		if off+n > len(raw) {
			bad = fmt.Errorf("field at %d points outside the message", at)
			return nil
		}
		return raw[off : off+n]
	}
	m := ntlmType3{
		ntResponse:  field(20),
		domain:      fromUTF16LE(field(28)),
		user:        fromUTF16LE(field(36)),
		workstation: fromUTF16LE(field(44)),
	}
	return m, bad
}

// verify checks the NTLMv2 response: NTProofStr = HMAC-MD5(NTOWFv2,
// server challenge || blob), NTOWFv2 = HMAC-MD5(MD4(UTF-16LE(password)),
// UTF-16LE(upper(user) || domain)).
func (s ntlmTestServer) verify(t *testing.T, m ntlmType3, password string) bool {
	t.Helper()
	if len(m.ntResponse) <= 16 {
		t.Fatalf("NT response of %d bytes is not NTLMv2", len(m.ntResponse))
	}
	return s.check(m, password)
}

// check is verify for server handlers, which must not stop the test.
func (s ntlmTestServer) check(m ntlmType3, password string) bool {
	if len(m.ntResponse) <= 16 {
		return false
	}
	h := md4.New()
	h.Write(utf16le(password))
	owf := hmac.New(md5.New, h.Sum(nil))
	owf.Write(utf16le(strings.ToUpper(m.user) + m.domain))
	proof := hmac.New(md5.New, owf.Sum(nil))
	proof.Write(s.challenge[:])
	proof.Write(m.ntResponse[16:])
	return bytes.Equal(proof.Sum(nil), m.ntResponse[:16])
}

func TestNTLMHandshake(t *testing.T) {
	tests := []struct {
		name         string
		scheme       string // offered by the server
		username     string
		password     string
		wantUser     string
		wantDomain   string
		wantAccepted bool
	}{
		{"domain backslash user", "NTLM", `CORP\alice`, "s3cret", "alice", "CORP", true},
		{"user principal name", "NTLM", "alice@corp.example", "s3cret", "alice@corp.example", "", true},
		{"bare user", "NTLM", "alice", "s3cret", "alice", "", true},
		{"wrong password", "NTLM", `CORP\alice`, "nope", "alice", "CORP", false},
		{"ntlm inside negotiate", "Negotiate", `CORP\bob`, "pw", "bob", "CORP", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := ntlmTestServer{challenge: [8]byte{1, 2, 3, 4, 5, 6, 7, 8}, domain: "CORP"}
			h := newAuthHandshake(&Credentials{Username: tc.username, Password: tc.password}, "GET", "/")

			// Leg 1: a bare challenge gets a NEGOTIATE message.
			v, ok, err := h.Next([]string{tc.scheme})
			if err != nil || !ok || !strings.HasPrefix(v, tc.scheme+" ") {
				t.Fatalf("leg 1 = %q, %v, %v", v, ok, err)
			}
			raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(v, tc.scheme+" "))
			if err != nil || string(raw[:8]) != "NTLMSSP\x00" || binary.LittleEndian.Uint32(raw[8:]) != 1 {
				t.Fatalf("leg 1 token is not a NEGOTIATE message: %v % x", err, raw)
			}

			// Leg 2: the CHALLENGE message gets an AUTHENTICATE message.
			v, ok, err = h.Next([]string{tc.scheme + " " + srv.challengeToken()})
			if err != nil || !ok || !strings.HasPrefix(v, tc.scheme+" ") {
				t.Fatalf("leg 2 = %q, %v, %v", v, ok, err)
			}
			m := parseNTLMType3(t, strings.TrimPrefix(v, tc.scheme+" "))
			if m.user != tc.wantUser || m.domain != tc.wantDomain {
				t.Errorf("type 3 user %q domain %q; want %q %q", m.user, m.domain, tc.wantUser, tc.wantDomain)
			}
			if got := srv.verify(t, m, "s3cret"); got != tc.wantAccepted && tc.scheme == "NTLM" {
				t.Errorf("server accepted = %v, want %v", got, tc.wantAccepted)
			}
			if tc.scheme == "Negotiate" && !srv.verify(t, m, "pw") {
				t.Errorf("server refused the Negotiate answer")
			}

			// Leg 3: another bare challenge means the logon failed.
			v, ok, err = h.Next([]string{tc.scheme})
			if v != "" || ok || err != nil {
				t.Fatalf("after type 3 Next = %q, %v, %v; want no answer", v, ok, err)
			}
		})
	}
}

func TestNTLMBadChallengeToken(t *testing.T) {
	tests := []struct {
		name    string
		scheme  string
		token   string
		message string
	}{
		{"not base64", "NTLM", "ab-_cd", "not base64"},
		{"not ntlmssp", "NTLM", base64.StdEncoding.EncodeToString([]byte("hello world, this is not NTLM at all")), "not an NTLM CHALLENGE message"},
		{"spnego token", "Negotiate", base64.StdEncoding.EncodeToString(append([]byte{0xa1, 0x81, 0x20}, make([]byte, 40)...)), "SPNEGO/Kerberos"},
		{"truncated", "NTLM", base64.StdEncoding.EncodeToString([]byte("NTLMSSP\x00\x02\x00\x00\x00")), "not an NTLM CHALLENGE message"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newAuthHandshake(&Credentials{Username: "u", Password: "p"}, "GET", "/")
			if _, ok, err := h.Next([]string{tc.scheme}); !ok || err != nil {
				t.Fatalf("leg 1: %v %v", ok, err)
			}
			v, ok, err := h.Next([]string{tc.scheme + " " + tc.token})
			if v != "" || ok {
				t.Fatalf("Next = %q, %v; want no answer", v, ok)
			}
			if CodeOf(err) != ErrInvalidServerResponse || !strings.Contains(err.Error(), tc.message) {
				t.Fatalf("error = %v (code %d); want %d mentioning %q", err, CodeOf(err), ErrInvalidServerResponse, tc.message)
			}
		})
	}
}
