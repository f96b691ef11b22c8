package engine

import (
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"regexp"
	"strings"
	"testing"
)

// RFC 7616 §3.9.1 example values.
const (
	rfcUser   = "Mufasa"
	rfcPass   = "Circle of Life"
	rfcRealm  = "http-auth@example.org"
	rfcNonce  = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v"
	rfcCnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"
	rfcOpaque = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"
	rfcURI    = "/dir/index.html"
)

func TestDigestRFC7616Examples(t *testing.T) {
	tests := []struct {
		algorithm string
		want      string
	}{
		{"MD5", "8ca523f5e9506fed4657c9700eebdbec"},
		{"SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"},
	}
	for _, tc := range tests {
		t.Run(tc.algorithm, func(t *testing.T) {
			c := challenge{scheme: "Digest", params: map[string]string{
				"realm": rfcRealm, "qop": "auth, auth-int", "algorithm": tc.algorithm,
				"nonce": rfcNonce, "opaque": rfcOpaque,
			}}
			d, usable, err := parseDigestChallenge(c)
			if err != nil || !usable {
				t.Fatalf("parseDigestChallenge: usable=%v err=%v", usable, err)
			}
			got := digestAuthorization(d, rfcUser, rfcPass, "GET", rfcURI, 1, rfcCnonce)
			want := `Digest username="Mufasa", realm="http-auth@example.org", nonce="` + rfcNonce +
				`", uri="/dir/index.html", algorithm=` + tc.algorithm + `, response="` + tc.want +
				`", opaque="` + rfcOpaque + `", qop=auth, nc=00000001, cnonce="` + rfcCnonce + `"`
			if got != want {
				t.Fatalf("authorization\n got %s\nwant %s", got, want)
			}
		})
	}
}

// TestDigestRFC2617Example checks the classic RFC 2617 §3.5 example
// (MD5, qop=auth, algorithm not named).
func TestDigestRFC2617Example(t *testing.T) {
	c := challenge{scheme: "Digest", params: map[string]string{
		"realm": "testrealm@host.com", "qop": "auth,auth-int",
		"nonce": "dcd98b7102dd2f0e8b11d0f600bfb0c093", "opaque": "5ccc069c403ebaf9f0171e9517f40e41",
	}}
	d, usable, err := parseDigestChallenge(c)
	if err != nil || !usable {
		t.Fatalf("parseDigestChallenge: usable=%v err=%v", usable, err)
	}
	got := digestResponse(d, "Mufasa", "Circle Of Life", "GET", "/dir/index.html", "00000001", "0a4f113b")
	if want := "6629fae49393a05397450978507c4ef1"; got != want {
		t.Fatalf("response = %s, want %s", got, want)
	}
}

// digestServer is a test-side Digest verifier written from RFC 7616
// directly, independent of the engine's code.
type digestServer struct {
	realm, nonce, opaque, algorithm, qop string
	user, password                       string
}

func (s digestServer) verify(t *testing.T, method, header string) (ok bool, params map[string]string) {
	t.Helper()
	if !strings.HasPrefix(header, "Digest ") {
		t.Fatalf("authorization %q is not Digest", header)
	}
	return s.check(method, header)
}

// check is verify for server handlers, which must not stop the test.
func (s digestServer) check(method, header string) (ok bool, params map[string]string) {
	if !strings.HasPrefix(header, "Digest ") {
		return false, nil
	}
	digestParamRE := regexp.MustCompile(`([a-z*]+)=("((?:[^"\\]|\\.)*)"|[^,\s]+)`)
	params = map[string]string{}
	for _, m := range digestParamRE.FindAllStringSubmatch(header[len("Digest "):], -1) {
		v := m[2]
		if strings.HasPrefix(v, `"`) {
			v = strings.NewReplacer(`\"`, `"`, `\\`, `\`).Replace(m[3])
		}
		params[m[1]] = v
	}
	var newHash func() hash.Hash = md5.New
	if strings.HasPrefix(strings.ToUpper(s.algorithm), "SHA-256") {
		newHash = sha256.New
	}
	h := func(s string) string {
		x := newHash()
		x.Write([]byte(s))
		return hex.EncodeToString(x.Sum(nil))
	}
	ha1 := h(s.user + ":" + s.realm + ":" + s.password)
	if strings.HasSuffix(strings.ToUpper(s.algorithm), "-SESS") {
		ha1 = h(ha1 + ":" + params["nonce"] + ":" + params["cnonce"])
	}
	ha2 := h(method + ":" + params["uri"])
	var want string
	if s.qop == "" {
		want = h(ha1 + ":" + params["nonce"] + ":" + ha2)
	} else {
		want = h(ha1 + ":" + params["nonce"] + ":" + params["nc"] + ":" + params["cnonce"] + ":" + params["qop"] + ":" + ha2)
	}
	return params["username"] == s.user && params["realm"] == s.realm && params["nonce"] == s.nonce &&
		params["opaque"] == s.opaque && params["response"] == want, params
}

func (s digestServer) challenge(stale bool) string {
	c := `Digest realm="` + s.realm + `", nonce="` + s.nonce + `"`
	if s.qop != "" {
		c += `, qop="` + s.qop + `"`
	}
	if s.algorithm != "" {
		c += ", algorithm=" + s.algorithm
	}
	if s.opaque != "" {
		c += `, opaque="` + s.opaque + `"`
	}
	if stale {
		c += ", stale=true"
	}
	return c
}

func TestDigestHandshakeAgainstServer(t *testing.T) {
	tests := []struct {
		name      string
		algorithm string
		qop       string
		opaque    string
		password  string // the client's; the server's is "secret"
		wantOK    bool   // server accepts the first answer
	}{
		{"md5 default algorithm", "", "auth", "op", "secret", true},
		{"md5", "MD5", "auth", "", "secret", true},
		{"md5-sess", "MD5-sess", "auth", "o", "secret", true},
		{"sha-256", "SHA-256", "auth", "o", "secret", true},
		{"sha-256-sess", "SHA-256-sess", "auth", "", "secret", true},
		{"rfc 2069 no qop", "MD5", "", "o", "secret", true},
		{"auth among auth-int", "SHA-256", "auth-int, auth", "o", "secret", true},
		{"wrong password", "MD5", "auth", "o", "wrong", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := digestServer{realm: "realm, with comma", nonce: "abc/123+xyz", opaque: tc.opaque,
				algorithm: tc.algorithm, qop: tc.qop, user: `quote"user`, password: "secret"}
			h := newAuthHandshake(&Credentials{Username: srv.user, Password: tc.password}, "POST", "/p?q=1")
			v, ok, err := h.Next([]string{srv.challenge(false)})
			if err != nil || !ok {
				t.Fatalf("Next = %q, %v, %v", v, ok, err)
			}
			accepted, params := srv.verify(t, "POST", v)
			if accepted != tc.wantOK {
				t.Fatalf("server accepted = %v, want %v (header %s)", accepted, tc.wantOK, v)
			}
			if params["uri"] != "/p?q=1" {
				t.Errorf("uri = %q", params["uri"])
			}
			if tc.qop == "" {
				if _, has := params["cnonce"]; has {
					t.Errorf("cnonce sent without qop: %s", v)
				}
			} else if params["nc"] != "00000001" || params["qop"] != "auth" || len(params["cnonce"]) != 32 {
				t.Errorf("nc=%q qop=%q cnonce=%q", params["nc"], params["qop"], params["cnonce"])
			}
			if tc.algorithm != "" && params["algorithm"] != tc.algorithm {
				t.Errorf("algorithm = %q, want %q", params["algorithm"], tc.algorithm)
			}
			// The server refuses again without stale: credentials were wrong.
			v, ok, err = h.Next([]string{srv.challenge(false)})
			if v != "" || ok || err != nil {
				t.Fatalf("second Next = %q, %v, %v; want no answer", v, ok, err)
			}
		})
	}
}

func TestDigestStaleRetriedOnce(t *testing.T) {
	srv := digestServer{realm: "r", nonce: "n1", algorithm: "MD5", qop: "auth", user: "u", password: "p"}
	h := newAuthHandshake(&Credentials{Username: "u", Password: "p"}, "GET", "/x")
	first, ok, err := h.Next([]string{srv.challenge(false)})
	if err != nil || !ok {
		t.Fatalf("first Next: %v %v", ok, err)
	}
	if accepted, _ := srv.verify(t, "GET", first); !accepted {
		t.Fatalf("first answer refused: %s", first)
	}

	// The nonce expired: a new one with stale=true is answered once.
	srv.nonce = "n2"
	second, ok, err := h.Next([]string{srv.challenge(true)})
	if err != nil || !ok {
		t.Fatalf("stale Next: %v %v", ok, err)
	}
	accepted, params := srv.verify(t, "GET", second)
	if !accepted || params["nc"] != "00000001" {
		t.Fatalf("stale answer accepted=%v nc=%q: %s", accepted, params["nc"], second)
	}

	// A second stale challenge is not answered again.
	srv.nonce = "n3"
	if v, ok, err := h.Next([]string{srv.challenge(true)}); v != "" || ok || err != nil {
		t.Fatalf("second stale Next = %q, %v, %v; want no answer", v, ok, err)
	}
}

func TestDigestNonceCount(t *testing.T) {
	d, _, err := parseDigestChallenge(challenge{scheme: "Digest", params: map[string]string{"realm": "r", "nonce": "n", "qop": "auth"}})
	if err != nil {
		t.Fatal(err)
	}
	var s digestState
	for i, want := range []string{"nc=00000001", "nc=00000002", "nc=00000003"} {
		v, err := s.answer(d, "u", "p", "GET", "/")
		if err != nil || !strings.Contains(v, want) {
			t.Fatalf("answer %d = %q, %v; want %s", i, v, err, want)
		}
	}
	d.nonce = "other"
	if v, _ := s.answer(d, "u", "p", "GET", "/"); !strings.Contains(v, "nc=00000001") {
		t.Fatalf("new nonce did not restart nc: %s", v)
	}
}

func TestDigestUsernameEncoding(t *testing.T) {
	d := digestChallenge{realm: "r", nonce: "n", hash: md5.New}
	tests := []struct {
		user, want string
	}{
		{`plain`, `username="plain"`},
		{`a"b\c`, `username="a\"b\\c"`},
		{`Jäsøn Doe`, `username*=UTF-8''J%C3%A4s%C3%B8n%20Doe`},
	}
	for _, tc := range tests {
		got := digestAuthorization(d, tc.user, "p", "GET", "/", 1, "c")
		if !strings.HasPrefix(got, "Digest "+tc.want+", ") {
			t.Errorf("user %q: %s, want it to start with %s", tc.user, got, tc.want)
		}
	}
}
