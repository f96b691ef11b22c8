package engine

import (
	"testing"
)

func sp(s string) *string { return &s }

// base is the spec's components B (§5.4).
func base() URLParts {
	return URLParts{Scheme: sp("http"), SchemeNum: 1, HostName: sp("www.winehq.org"), Port: 80,
		UserName: sp("username"), Password: sp("password"), URLPath: sp("/site/about"), ExtraInfo: sp("?query")}
}

func TestCreateURLSpecCases(t *testing.T) {
	with := func(f func(*URLParts)) URLParts { c := base(); f(&c); return c }
	ctl := "\r\x1f \n\x7f\r\n"
	cases := []struct {
		name  string
		c     URLParts
		flags uint32
		want  string
		code  Code
	}{
		{"C7", with(func(c *URLParts) { c.Scheme = nil }), 0, "http://username:password@www.winehq.org/site/about?query", 0},
		{"C8", with(func(c *URLParts) { c.SchemeNum = 0 }), 0, "http://username:password@www.winehq.org/site/about?query", 0},
		{"C9", base(), 0, "http://username:password@www.winehq.org/site/about?query", 0},
		{"C10", with(func(c *URLParts) { c.Password = nil }), 0, "http://username@www.winehq.org/site/about?query", 0},
		{"C11", with(func(c *URLParts) { c.Password = sp("") }), 0, "http://username:@www.winehq.org/site/about?query", 0},
		{"C12", with(func(c *URLParts) { c.UserName = nil }), 0, "", ErrInvalidParameter},
		{"C13", with(func(c *URLParts) { c.UserName = sp("") }), 0, "http://:password@www.winehq.org/site/about?query", 0},
		{"C14", with(func(c *URLParts) { c.UserName, c.Password = nil, nil }), 0, "http://www.winehq.org/site/about?query", 0},
		{"C15", with(func(c *URLParts) { c.UserName, c.Password = sp(""), sp("") }), 0, "http://:@www.winehq.org/site/about?query", 0},
		{"C16", with(func(c *URLParts) { c.Scheme = sp("ftp") }), 0, "ftp://username:password@www.winehq.org:80/site/about?query", 0},
		{"C17", with(func(c *URLParts) { c.Port = 42 }), 0, "http://username:password@www.winehq.org:42/site/about?query", 0},
		{"C18", with(func(c *URLParts) { c.ExtraInfo = sp(" !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~") }), ICUEscape,
			"http://username:password@www.winehq.org/site/about%20!%22%23$%25&'()*+,-./:;%3C=%3E?@%5B%5C%5D%5E_%60%7B%7C%7D%7E", 0},
		{"C19", URLParts{ExtraInfo: sp(ctl)}, ICUEscape, "http://%0D%1F%20%0A%7F%0D%0A", 0},
		{"C20", URLParts{ExtraInfo: sp("?text=\ufb00")}, ICUEscape, "", ErrInvalidParameter},
		{"C21", URLParts{ExtraInfo: sp("?text=\ufb00")}, 0, "http://?text=\ufb00", 0},
		{"C22", URLParts{URLPath: sp(ctl)}, ICUEscape, "http://%0D%1F%20%0A%7F%0D%0A", 0},
		{"C23", URLParts{URLPath: sp("/text=\ufb00")}, ICUEscape, "", ErrInvalidParameter},
		{"C24", URLParts{URLPath: sp("/text=\ufb00")}, 0, "http:///text=\ufb00", 0},
		{"C25", with(func(c *URLParts) { c.Scheme, c.SchemeNum, c.Port = nil, 0, 0 }), 0, "http://username:password@www.winehq.org:0/site/about?query", 0},
		{"https-default", URLParts{SchemeNum: 2, HostName: sp("h"), Port: 443, URLPath: sp("x")}, 0, "https://h/x", 0},
		{"reject", base(), ICURejectUserPw, "", ErrInvalidURL},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := CreateURL(tc.c, tc.flags)
			if CodeOf(err) != tc.code || got != tc.want {
				t.Fatalf("got %q, %v; want %q, code %d", got, err, tc.want, tc.code)
			}
		})
	}
	// Lengths the spec states (C7: 56, C11: 48, C14: 38, C15: 40, C17: 59, C18: 113, C25: 58).
	for _, l := range []struct {
		s    string
		want int
	}{{cases[0].want, 56}, {cases[4].want, 48}, {cases[7].want, 38}, {cases[8].want, 40}, {cases[10].want, 59}, {cases[11].want, 113}, {cases[18].want, 58}} {
		if len(l.s) != l.want {
			t.Errorf("len(%q) = %d, want %d", l.s, len(l.s), l.want)
		}
	}
}
