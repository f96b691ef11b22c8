package engine

import (
	"encoding/base64"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestAuthParseChallenges(t *testing.T) {
	tests := []struct {
		name   string
		values []string
		want   []challenge
	}{
		{
			name:   "basic with realm",
			values: []string{`Basic realm="Secure Area"`},
			want:   []challenge{{scheme: "Basic", params: map[string]string{"realm": "Secure Area"}}},
		},
		{
			name:   "bare schemes on separate lines",
			values: []string{"NTLM", "Negotiate"},
			want:   []challenge{{scheme: "NTLM", params: map[string]string{}}, {scheme: "Negotiate", params: map[string]string{}}},
		},
		{
			name:   "bare schemes in one value",
			values: []string{"Negotiate, NTLM"},
			want:   []challenge{{scheme: "Negotiate", params: map[string]string{}}, {scheme: "NTLM", params: map[string]string{}}},
		},
		{
			name:   "token68 with padding",
			values: []string{"NTLM TlRMTVNTUAACAAAA=="},
			want:   []challenge{{scheme: "NTLM", token68: "TlRMTVNTUAACAAAA==", params: map[string]string{}}},
		},
		{
			name:   "token68 then another challenge",
			values: []string{`Negotiate abc+/d=, Basic realm=x`},
			want: []challenge{
				{scheme: "Negotiate", token68: "abc+/d=", params: map[string]string{}},
				{scheme: "Basic", params: map[string]string{"realm": "x"}},
			},
		},
		{
			name:   "several challenges with quoted commas and escapes",
			values: []string{`Digest realm="a, b", qop="auth,auth-int", nonce="n\"1", Basic realm="c"`},
			want: []challenge{
				{scheme: "Digest", params: map[string]string{"realm": "a, b", "qop": "auth,auth-int", "nonce": `n"1`}},
				{scheme: "Basic", params: map[string]string{"realm": "c"}},
			},
		},
		{
			name:   "white space around equals and empty list items",
			values: []string{` ,  Digest  realm = "r" ,, nonce=abc , stale=TRUE`},
			want:   []challenge{{scheme: "Digest", params: map[string]string{"realm": "r", "nonce": "abc", "stale": "TRUE"}}},
		},
		{
			name:   "parameter names are case-insensitive",
			values: []string{`Basic Realm="R", CharSet="UTF-8"`},
			want:   []challenge{{scheme: "Basic", params: map[string]string{"realm": "R", "charset": "UTF-8"}}},
		},
		{
			name:   "empty quoted value",
			values: []string{`Digest realm="", nonce="x"`},
			want:   []challenge{{scheme: "Digest", params: map[string]string{"realm": "", "nonce": "x"}}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseChallenges(tc.values)
			if err != nil {
				t.Fatalf("parseChallenges(%q) error: %v", tc.values, err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("parseChallenges(%q)\n got %#v\nwant %#v", tc.values, got, tc.want)
			}
		})
	}
}

func TestAuthParseChallengesMalformed(t *testing.T) {
	tests := []struct {
		value   string
		kept    int    // challenges understood before the error
		message string // part of the error text
	}{
		{`Basic realm="unterminated`, 0, "unterminated quoted string"},
		{`Basic realm="x", Digest realm="a", nonce=@`, 1, "expected a parameter value"},
		{`=abc`, 0, "expected an authentication scheme"},
		{`Basic realm="a", realm="b"`, 0, `parameter "realm" given twice`},
		{`Digest realm="x\`, 0, "unterminated quoted string"},
		{`Basic realm=@`, 0, "expected a parameter value"},
	}
	for _, tc := range tests {
		t.Run(tc.value, func(t *testing.T) {
			got, err := parseChallenges([]string{tc.value})
			if err == nil {
				t.Fatalf("parseChallenges(%q) = %#v, want an error", tc.value, got)
			}
			if CodeOf(err) != ErrInvalidServerResponse {
				t.Errorf("code = %d, want %d", CodeOf(err), ErrInvalidServerResponse)
			}
			if !strings.Contains(err.Error(), tc.message) || !strings.Contains(err.Error(), fmt.Sprintf("%q", tc.value)) {
				t.Errorf("error %q does not contain %q and the header value", err, tc.message)
			}
			if len(got) != tc.kept {
				t.Errorf("kept %d challenges, want %d", len(got), tc.kept)
			}
		})
	}
}

func TestAuthBasicHandshake(t *testing.T) {
	tests := []struct {
		name       string
		creds      *Credentials
		challenges []string
		wantValue  string
		wantOK     bool
	}{
		{"basic", &Credentials{Username: "user", Password: "pa:ss"}, []string{`Basic realm="x"`},
			"Basic " + base64.StdEncoding.EncodeToString([]byte("user:pa:ss")), true},
		{"utf-8 password", &Credentials{Username: "jürgen", Password: "pässword"}, []string{`Basic realm="x", charset="UTF-8"`},
			"Basic " + base64.StdEncoding.EncodeToString([]byte("jürgen:pässword")), true},
		{"scheme name case", &Credentials{Username: "a", Password: "b"}, []string{`bAsIc realm="x"`},
			"Basic YTpi", true},
		{"no credentials", nil, []string{`Basic realm="x"`}, "", false},
		{"basic not allowed", &Credentials{Username: "a", Password: "b", Schemes: AuthDigest}, []string{`Basic realm="x"`}, "", false},
		{"only unsupported scheme offered", &Credentials{Username: "a", Password: "b"}, []string{`Bearer realm="x"`, "Passport1.4"}, "", false},
		{"no challenge", &Credentials{Username: "a", Password: "b"}, nil, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newAuthHandshake(tc.creds, "GET", "/")
			v, ok, err := h.Next(tc.challenges)
			if err != nil {
				t.Fatalf("Next error: %v", err)
			}
			if v != tc.wantValue || ok != tc.wantOK {
				t.Fatalf("Next = %q, %v; want %q, %v", v, ok, tc.wantValue, tc.wantOK)
			}
			if ok {
				// A second 401 after a complete Basic answer: wrong credentials.
				v, ok, err = h.Next(tc.challenges)
				if v != "" || ok || err != nil {
					t.Fatalf("second Next = %q, %v, %v; want \"\", false, nil", v, ok, err)
				}
			}
		})
	}
}

func TestAuthSchemePreference(t *testing.T) {
	digest := `Digest realm="r", nonce="n", qop="auth"`
	tests := []struct {
		name       string
		schemes    AuthScheme
		challenges []string
		wantPrefix string // "" means no answer
	}{
		{"ntlm over digest and basic", 0, []string{`Basic realm="r"`, digest, "NTLM"}, "NTLM "},
		{"ntlm over negotiate", 0, []string{"Negotiate", "NTLM"}, "NTLM "},
		{"negotiate alone answered with ntlm inside", 0, []string{"Negotiate"}, "Negotiate "},
		{"negotiate over digest", 0, []string{digest + ", Negotiate"}, "Negotiate "},
		{"digest over basic", 0, []string{`Basic realm="r", ` + digest}, "Digest "},
		{"basic when ntlm not allowed", AuthBasic, []string{"NTLM", `Basic realm="r"`}, "Basic "},
		{"digest when only digest allowed", AuthDigest | AuthBasic, []string{"NTLM", `Basic realm="r"`, digest}, "Digest "},
		{"negotiate needs its own bit", AuthNTLM, []string{"Negotiate"}, ""},
		{"unsupported digest algorithm falls back to basic", 0, []string{`Digest realm="r", nonce="n", algorithm=SHA-512-256`, `Basic realm="r"`}, "Basic "},
		{"auth-int only falls back to basic", 0, []string{`Digest realm="r", nonce="n", qop="auth-int"`, `Basic realm="r"`}, "Basic "},
		{"malformed line skipped when another is usable", 0, []string{`Digest realm="r`, `Basic realm="r"`}, "Basic "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newAuthHandshake(&Credentials{Username: `DOM\u`, Password: "p", Schemes: tc.schemes}, "GET", "/")
			v, ok, err := h.Next(tc.challenges)
			if err != nil {
				t.Fatalf("Next error: %v", err)
			}
			if tc.wantPrefix == "" {
				if ok || v != "" {
					t.Fatalf("Next = %q, %v; want no answer", v, ok)
				}
				return
			}
			if !ok || !strings.HasPrefix(v, tc.wantPrefix) {
				t.Fatalf("Next = %q, %v; want a %q answer", v, ok, tc.wantPrefix)
			}
		})
	}
}

func TestAuthMalformedChallengeErrors(t *testing.T) {
	tests := []struct {
		name       string
		challenges []string
		code       Code
		message    string
	}{
		{"unterminated quote, nothing usable", []string{`Basic realm="x`}, ErrInvalidServerResponse, "unterminated quoted string"},
		{"digest without nonce", []string{`Digest realm="x"`}, ErrInvalidServerResponse, "no nonce"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newAuthHandshake(&Credentials{Username: "u", Password: "p"}, "GET", "/")
			v, ok, err := h.Next(tc.challenges)
			if ok || v != "" {
				t.Fatalf("Next = %q, %v; want no answer", v, ok)
			}
			if CodeOf(err) != tc.code || !strings.Contains(err.Error(), tc.message) {
				t.Fatalf("Next error = %v (code %d); want code %d mentioning %q", err, CodeOf(err), tc.code, tc.message)
			}
		})
	}
}

// FuzzAuthHandshake feeds arbitrary challenge headers to every stage of a
// handshake: it must answer or refuse, never panic, and an error must carry
// a WinHTTP code.
func FuzzAuthHandshake(f *testing.F) {
	for _, seed := range []string{
		`Basic realm="x"`, `Digest realm="a, b", nonce="n", qop="auth", algorithm=SHA-256-sess, stale=true`,
		"NTLM", "NTLM TlRMTVNTUAACAAAA", "Negotiate YII=", `Digest realm="x\`, `,,, =`, `a b=c, d e`,
	} {
		f.Add(seed, seed)
	}
	f.Fuzz(func(t *testing.T, first, second string) {
		for _, schemes := range []AuthScheme{0, AuthBasic, AuthDigest, AuthNTLM | AuthNegotiate} {
			h := newAuthHandshake(&Credentials{Username: `D\u`, Password: "p", Schemes: schemes}, "GET", "/")
			for _, v := range []string{first, second, second} {
				value, ok, err := h.Next([]string{v})
				if err != nil && CodeOf(err) == 0 {
					t.Fatalf("error without a WinHTTP code: %v", err)
				}
				if ok && (value == "" || err != nil) {
					t.Fatalf("ok with value %q and error %v", value, err)
				}
				if !ok && value != "" {
					t.Fatalf("not ok but value %q", value)
				}
			}
		}
	})
}

func TestAuthQueryAuthSchemes(t *testing.T) {
	tests := []struct {
		challenges       []string
		supported, first AuthScheme
	}{
		{[]string{"Negotiate", "NTLM"}, AuthNegotiate | AuthNTLM, AuthNegotiate},
		{[]string{`Bearer realm="x"`, `Basic realm="y", Digest realm="z", nonce="n"`}, AuthBasic | AuthDigest, AuthBasic},
		{[]string{"Passport1.4 x=y", "ntlm"}, AuthPassport | AuthNTLM, AuthPassport},
		{[]string{`Bearer error="x"`}, 0, 0},
		{[]string{`Digest realm="x", Basic realm="unterminated`}, AuthDigest, AuthDigest},
		{nil, 0, 0},
	}
	for _, tc := range tests {
		supported, first := QueryAuthSchemes(tc.challenges)
		if supported != tc.supported || first != tc.first {
			t.Errorf("QueryAuthSchemes(%q) = 0x%X, 0x%X; want 0x%X, 0x%X", tc.challenges, uint32(supported), uint32(first), uint32(tc.supported), uint32(tc.first))
		}
	}
}
