package engine

import (
	"testing"
)

func TestNewRequestURL(t *testing.T) {
	s := testSession(t, SessionOptions{})
	tests := []struct {
		raw      string
		wantCode Code
		wantURL  string // u.String() on success
		wantURI  string // request line target
	}{
		{raw: "http://example.com/x", wantURL: "http://example.com/x", wantURI: "/x"},
		{raw: "HTTPS://Example.com", wantURL: "https://Example.com/", wantURI: "/"},
		{raw: "http://example.com:80/a", wantURL: "http://example.com/a", wantURI: "/a"},
		{raw: "https://example.com:443/a", wantURL: "https://example.com/a", wantURI: "/a"},
		{raw: "http://example.com:8080/a?b=c", wantURL: "http://example.com:8080/a?b=c", wantURI: "/a?b=c"},
		{raw: "http://example.com:/a", wantURL: "http://example.com/a", wantURI: "/a"},
		{raw: "http://example.com/a#frag", wantURL: "http://example.com/a", wantURI: "/a"},
		{raw: "http://example.com/post?", wantURL: "http://example.com/post?", wantURI: "/post?"},
		{raw: "http://example.com?q=1", wantURL: "http://example.com/?q=1", wantURI: "/?q=1"},
		{raw: "http://example.com/a b?c d", wantURL: "http://example.com/a%20b?c%20d", wantURI: "/a%20b?c%20d"},
		{raw: "http://example.com/caf\u00e9", wantURL: "http://example.com/caf%C3%A9", wantURI: "/caf%C3%A9"},
		{raw: "http://example.com/%41%2F", wantURL: "http://example.com/%41%2F", wantURI: "/%41%2F"},
		{raw: "http://example.com/100%", wantURL: "http://example.com/100%25", wantURI: "/100%25"},
		{raw: "http://user:pw@example.com/a", wantURL: "http://example.com/a", wantURI: "/a"},
		{raw: "http://[::1]:8080/", wantURL: "http://[::1]:8080/", wantURI: "/"},
		{raw: "http://[::1]:80/", wantURL: "http://[::1]/", wantURI: "/"},
		{raw: "http://[::1]:0443/", wantURL: "http://[::1]:443/", wantURI: "/"},
		{raw: "http://example.com:0080/a", wantURL: "http://example.com/a", wantURI: "/a"},
		{raw: "http://example.com:08080/a", wantURL: "http://example.com:8080/a", wantURI: "/a"},
		{raw: "http://Example.COM:8080/a", wantURL: "http://Example.COM:8080/a", wantURI: "/a"},
		{raw: "http://u@example.com:8080/a", wantURL: "http://example.com:8080/a", wantURI: "/a"},
		{raw: "http://example.com:0/a", wantURL: "http://example.com:0/a", wantURI: "/a"},
		{raw: "http://example.com/path;a", wantURL: "http://example.com/path;a", wantURI: "/path;a"},

		{raw: "example.com/x", wantCode: ErrUnrecognizedScheme},
		{raw: "www", wantCode: ErrUnrecognizedScheme},
		{raw: "", wantCode: ErrUnrecognizedScheme},
		{raw: "ftp://example.com/", wantCode: ErrUnrecognizedScheme},
		{raw: "localhost:8080/x", wantCode: ErrUnrecognizedScheme},
		{raw: "HTTP:www.example.com", wantCode: ErrInvalidURL},
		{raw: "http:/www.example.com", wantCode: ErrInvalidURL},
		{raw: "http://", wantCode: ErrInvalidURL},
		{raw: "http://:80/", wantCode: ErrInvalidURL},
		{raw: "http://example.com:65536/", wantCode: ErrInvalidURL},
		{raw: "http://example.com:8x/", wantCode: ErrInvalidURL},
		{raw: "http://example.com:-1/", wantCode: ErrInvalidURL},
		{raw: "http://exa mple.com/", wantCode: ErrInvalidURL},
		{raw: "http://[::1/", wantCode: ErrInvalidURL},
		{raw: "http://[nothex]/", wantCode: ErrInvalidURL},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			r, err := s.NewRequest("GET", tt.raw)
			if tt.wantCode != 0 {
				wantCode(t, err, tt.wantCode, "open")
				return
			}
			if err != nil {
				t.Fatalf("NewRequest: %v", err)
			}
			if got := stripFragment(r.URL).String(); got != tt.wantURL {
				t.Errorf("URL = %q, want %q", got, tt.wantURL)
			}
			if got := r.URL.RequestURI(); got != tt.wantURI {
				t.Errorf("RequestURI = %q, want %q", got, tt.wantURI)
			}
			if r.Timeouts != DefaultTimeouts {
				t.Errorf("Timeouts = %+v, want the session's %+v", r.Timeouts, DefaultTimeouts)
			}
		})
	}
}

func TestNewRequestMethod(t *testing.T) {
	s := testSession(t, SessionOptions{})
	tests := []struct {
		method   string
		want     string
		wantCode Code
	}{
		{"", "GET", 0},
		{"POST", "POST", 0},
		{"PROPFIND", "PROPFIND", 0},
		{"GET X", "", ErrInvalidParameter},
		{"GE\nT", "", ErrInvalidParameter},
	}
	for _, tt := range tests {
		r, err := s.NewRequest(tt.method, "http://example.com/")
		if tt.wantCode != 0 {
			wantCode(t, err, tt.wantCode, "open")
			continue
		}
		if err != nil || r.Method != tt.want {
			t.Errorf("NewRequest(%q): method %q, err %v; want %q", tt.method, r.Method, err, tt.want)
		}
	}
}

func TestConnectionOpenRequest(t *testing.T) {
	s := testSession(t, SessionOptions{})
	tests := []struct {
		host   string
		port   int
		path   string
		secure bool
		want   string
	}{
		{"example.com", 0, "/a?b", false, "http://example.com/a?b"},
		{"example.com", 0, "", true, "https://example.com/"},
		{"example.com", 8443, "x/y", true, "https://example.com:8443/x/y"},
		{"example.com", 80, "/", false, "http://example.com/"},
		{"::1", 8080, "/", false, "http://[::1]:8080/"},
	}
	for _, tt := range tests {
		c, err := s.Connect(tt.host, tt.port)
		if err != nil {
			t.Fatalf("Connect(%q, %d): %v", tt.host, tt.port, err)
		}
		r, err := c.OpenRequest("GET", tt.path, tt.secure)
		if err != nil {
			t.Fatalf("OpenRequest: %v", err)
		}
		if got := r.URL.String(); got != tt.want {
			t.Errorf("OpenRequest(%q, %d, %q, %v) URL = %q, want %q", tt.host, tt.port, tt.path, tt.secure, got, tt.want)
		}
	}
	for _, bad := range []struct {
		host string
		port int
	}{{"", 80}, {"example.com", -1}, {"example.com", 65536}} {
		_, err := s.Connect(bad.host, bad.port)
		wantCode(t, err, ErrInvalidParameter, "connect")
	}
}
