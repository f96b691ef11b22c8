package engine

import (
	"fmt"
	"io"
	"net/http"
	"testing"
)

// cookieHandler sets a cookie on /set (and on /set-redirect before
// redirecting to /show) and echoes the Cookie header on /show.
func cookieHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/set":
			http.SetCookie(w, &http.Cookie{Name: "sid", Value: "abc", Path: "/"})
			io.WriteString(w, "set")
		case "/set-redirect":
			http.SetCookie(w, &http.Cookie{Name: "hop", Value: "1", Path: "/"})
			http.Redirect(w, r, "/show", http.StatusFound)
		default:
			fmt.Fprintf(w, "%q", r.Header.Values("Cookie"))
		}
	})
}

func TestCookies(t *testing.T) {
	srv, _ := newServer(t, cookieHandler())
	tests := []struct {
		name         string
		steps        []string // paths fetched on the same session before /show
		sessionOff   bool
		requestOff   bool
		callerCookie string
		fresh        bool // /show on a new session
		want         string
	}{
		{name: "stored and sent within a session", steps: []string{"/set"}, want: `["sid=abc"]`},
		{name: "not shared across sessions", steps: []string{"/set"}, fresh: true, want: `[]`},
		{name: "stored from a redirect", steps: nil, want: `["hop=1"]`},
		{name: "session store disabled", steps: []string{"/set"}, sessionOff: true, want: `[]`},
		{name: "request opted out", steps: []string{"/set"}, requestOff: true, want: `[]`},
		{name: "caller Cookie replaces the store's", steps: []string{"/set"}, callerCookie: "mine=1", want: `["mine=1"]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := testSession(t, SessionOptions{DisableCookies: tt.sessionOff})
			for _, p := range tt.steps {
				fetch(t, mustRequest(t, s, "GET", srv.URL+p), nil)
			}
			if tt.fresh {
				s = testSession(t, SessionOptions{})
			}
			path := "/show"
			if tt.steps == nil {
				path = "/set-redirect"
			}
			r := mustRequest(t, s, "GET", srv.URL+path)
			r.DisableCookies = tt.requestOff
			if tt.callerCookie != "" {
				r.Header.Set("Cookie", tt.callerCookie)
			}
			if _, body := fetch(t, r, nil); body != tt.want {
				t.Fatalf("server saw Cookie %s, want %s", body, tt.want)
			}
			if tt.sessionOff != (s.Cookies() == nil) {
				t.Fatalf("Cookies() = %v with DisableCookies %v", s.Cookies(), tt.sessionOff)
			}
		})
	}
}
