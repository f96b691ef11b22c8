package engine

import (
	"testing"
)

// part is an expected component: text, offset (-1 for copies) and length.
type part struct {
	present bool
	text    string
	off     int
	length  int
}

func p(text string, off int) part                     { return part{true, text, off, len([]rune(text))} }
func cp(text string) part                             { return part{true, text, -1, len([]rune(text))} }
func need(length int) part                            { return part{true, "", -1, length} }
func absent() part                                    { return part{off: -1} }
func order(s, h, u, pw, pa, e part) [NumURLParts]part { return [NumURLParts]part{s, h, u, pw, pa, e} }

const k1 = "http://username:password@www.winehq.org/site/about?query"
const k17 = "http://username:password@www.winehq.org/site/about%20!%22%23$%25&'()*+,-./:;%3C=%3E?@%5B%5C%5D%5E_%60%7B%7C%7D%7E"

func TestCrackURLSpecCases(t *testing.T) {
	// Component request shorthands for the spec's §5.4 cases.
	ptrAll := [NumURLParts]PartRequest{{Mode: PartPointer}, {Mode: PartPointer}, {Mode: PartPointer}, {Mode: PartPointer}, {Mode: PartPointer}, {Mode: PartPointer}}
	bufAll := [NumURLParts]PartRequest{{PartBuffer, 256}, {PartBuffer, 256}, {PartBuffer, 256}, {PartBuffer, 256}, {PartBuffer, 256}, {PartBuffer, 256}}
	withPtr := func(r [NumURLParts]PartRequest, changes map[URLPart]PartRequest) [NumURLParts]PartRequest {
		for k, v := range changes {
			r[k] = v
		}
		return r
	}
	cases := []struct {
		name   string
		url    string
		flags  uint32
		want   [NumURLParts]PartRequest
		code   Code
		scheme int
		port   int
		parts  [NumURLParts]part
	}{
		{"K1", k1, 0, bufAll, 0, 1, 80, order(cp("http"), cp("www.winehq.org"), cp("username"), cp("password"), cp("/site/about"), cp("?query"))},
		{"K2", k1, 0, withPtr(bufAll, map[URLPart]PartRequest{PartScheme: {PartBuffer, 1}, PartHostName: {PartBuffer, 1}, PartURLPath: {PartBuffer, 40}}),
			ErrInsufficientBuffer, 0, 80, order(need(5), need(15), cp("username"), cp("password"), cp("/site/about"), cp("?query"))},
		{"K3", "http://username:password@www.winehq.org/site/about", 0, ptrAll, 0, 1, 80,
			order(p("http", 0), p("www.winehq.org", 25), p("username", 7), p("password", 16), p("/site/about", 39), p("", 50))},
		{"K4", "http://www.winehq.org", 0, ptrAll, 0, 1, 80, order(p("http", 0), p("www.winehq.org", 7), absent(), absent(), p("", 21), p("", 21))},
		{"K5", "https://www.winehq.org/post?", 0, ptrAll, 0, 2, 443, order(p("https", 0), p("www.winehq.org", 8), absent(), absent(), p("/post", 22), p("?", 27))},
		{"K6", "HTTP:www.winehq.org", 0, ptrAll, ErrInvalidURL, 0, 0, order(absent(), absent(), absent(), absent(), absent(), absent())},
		{"K7", "http:/www.winehq.org", 0, ptrAll, ErrInvalidURL, 0, 0, order(absent(), absent(), absent(), absent(), absent(), absent())},
		{"K8", "www.winehq.org", 0, ptrAll, ErrUnrecognizedScheme, 0, 0, order(absent(), absent(), absent(), absent(), absent(), absent())},
		{"K9", "www", 0, ptrAll, ErrUnrecognizedScheme, 0, 0, order(absent(), absent(), absent(), absent(), absent(), absent())},
		{"K10", "http", 0, ptrAll, ErrUnrecognizedScheme, 0, 0, order(absent(), absent(), absent(), absent(), absent(), absent())},
		{"K11", "http://winehq?", 0, ptrAll, 0, 1, 80, order(p("http", 0), p("winehq?", 7), absent(), absent(), p("", 14), p("", 14))},
		{"K12", "http://winehq/post;a", 0, ptrAll, 0, 1, 80, order(p("http", 0), p("winehq", 7), absent(), absent(), p("/post;a", 13), p("", 20))},
		{"K13", "http://", 0, ptrAll, ErrInvalidURL, 0, 0, order(absent(), absent(), absent(), absent(), absent(), absent())},
		{"K14", "", 0, ptrAll, ErrUnrecognizedScheme, 0, 0, order(absent(), absent(), absent(), absent(), absent(), absent())},
		{"K17", k17, ICUDecode, ptrAll, ErrInvalidParameter, 0, 0, order(absent(), absent(), absent(), absent(), absent(), absent())},
		{"K18", k17, ICUDecode, bufAll, 0, 1, 80, order(cp("http"), cp("www.winehq.org"), cp("username"), cp("password"),
			cp("/site/about !\"#$%&'()*+,-./:;<=>"), cp("?@[\\]^_`{|}~"))},
		{"K19", "http://username:password@www.winehq.org:42/site/about?query", 0, bufAll, 0, 1, 42,
			order(cp("http"), cp("www.winehq.org"), cp("username"), cp("password"), cp("/site/about"), cp("?query"))},
		{"K20", "http://username:password@www.winehq.org:0/site/about?query", 0, bufAll, 0, 1, 0,
			order(cp("http"), cp("www.winehq.org"), cp("username"), cp("password"), cp("/site/about"), cp("?query"))},
		{"K21", "http://username:password@www.winehq.org:80/site/about?query", 0, bufAll, 0, 1, 80,
			order(cp("http"), cp("www.winehq.org"), cp("username"), cp("password"), cp("/site/about"), cp("?query"))},
		{"K22", "https://username:password@www.winehq.org:443/site/about?query", 0, bufAll, 0, 2, 443,
			order(cp("https"), cp("www.winehq.org"), cp("username"), cp("password"), cp("/site/about"), cp("?query"))},
		{"K23", "http://example.net/path?var1=example@example.com&var2=x&var3=y", 0, ptrAll, 0, 1, 80,
			order(p("http", 0), p("example.net", 7), absent(), absent(), p("/path", 18), p("?var1=example@example.com&var2=x&var3=y", 23))},
		{"K24", "https://tools.google.com/service/update2?w=3:BxDHoWy8ezM", ICUDecode,
			[NumURLParts]PartRequest{{PartBuffer, 256}, {PartBuffer, 256}, {}, {}, {PartBuffer, 256}, {}}, 0, 2, 443,
			order(cp("https"), cp("tools.google.com"), absent(), absent(), cp("/service/update2?w=3:BxDHoWy8ezM"), absent())},
		{"K25", "http://winehq.o g/path with spaces", ICUEscape | ICUDecode, bufAll, 0, 1, 80,
			order(cp("http"), cp("winehq.o g"), absent(), absent(), cp("/path%20with%20spaces"), cp(""))},
		{"K26", "http://www.winehq.org/test", 0, withPtr(ptrAll, map[URLPart]PartRequest{PartScheme: {}}), 0, 1, 80,
			order(absent(), p("www.winehq.org", 7), absent(), absent(), p("/test", 21), p("", 26))},
		{"K27", "http://www.winehq.org/test", 0, withPtr(ptrAll, map[URLPart]PartRequest{PartScheme: {Mode: PartBadBuffer}}), ErrInvalidParameter, 0, 0,
			order(absent(), absent(), absent(), absent(), absent(), absent())},
		{"K28", "http://winehq.org:65536", 0, ptrAll, ErrInvalidURL, 0, 0, order(absent(), absent(), absent(), absent(), absent(), absent())},
		{"K29", "http://winehq.org:0", 0, ptrAll, 0, 1, 0, order(p("http", 0), p("winehq.org", 7), absent(), absent(), p("", 19), p("", 19))},
		{"K30", "http://winehq.org:", 0, ptrAll, 0, 1, 80, order(p("http", 0), p("winehq.org", 7), absent(), absent(), p("", 18), p("", 18))},
		{"K31", "http://winehq.org:/", 0, ptrAll, 0, 1, 80, order(p("http", 0), p("winehq.org", 7), absent(), absent(), p("/", 18), p("", 19))},
		{"K32", "https://nba2k19-ws.2ksports.com:19133/nba/v4/Accounts/get_account?x=3789526775265663876", 0,
			[NumURLParts]PartRequest{{PartBuffer, 256}, {PartBuffer, 256}, {}, {}, {PartBuffer, 256}, {}}, 0, 2, 19133,
			order(cp("https"), cp("nba2k19-ws.2ksports.com"), absent(), absent(), cp("/nba/v4/Accounts/get_account?x=3789526775265663876"), absent())},
		// Beyond the spec's table: IPv6 literal, fragment, ICU_REJECT_USERPWD, a non-numeric port.
		{"ipv6", "http://[::1]:8080/a", 0, ptrAll, 0, 1, 8080, order(p("http", 0), p("[::1]", 7), absent(), absent(), p("/a", 17), p("", 19))},
		{"fragment", "http://h/a#f?x", 0, ptrAll, 0, 1, 80, order(p("http", 0), p("h", 7), absent(), absent(), p("/a", 8), p("#f?x", 10))},
		{"rejectuserpw", k1, ICURejectUserPw, ptrAll, ErrInvalidURL, 0, 0, order(absent(), absent(), absent(), absent(), absent(), absent())},
		{"badport", "http://h:8x/", 0, ptrAll, ErrInvalidURL, 0, 0, order(absent(), absent(), absent(), absent(), absent(), absent())},
		{"escape>ff", "http://h/\u0100", ICUEscape, bufAll, ErrInvalidParameter, 0, 0, order(absent(), absent(), absent(), absent(), absent(), absent())},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := CrackURL(tc.url, tc.flags, tc.want)
			if CodeOf(err) != tc.code {
				t.Fatalf("error %v, want code %d", err, tc.code)
			}
			if got.Scheme != tc.scheme || got.Port != tc.port {
				t.Errorf("nScheme %d nPort %d, want %d %d", got.Scheme, got.Port, tc.scheme, tc.port)
			}
			for i, w := range tc.parts {
				g := got.Parts[i]
				if g.Present != w.present || g.Text != w.text || g.Offset != w.off || g.Length != w.length {
					t.Errorf("part %d = %+v, want %+v", i, g, w)
				}
			}
		})
	}
}
