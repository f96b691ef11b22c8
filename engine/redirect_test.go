package engine

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// seen records the requests a test server handled.
type seen struct {
	mu   sync.Mutex
	reqs []seenRequest
}

type seenRequest struct {
	method, path, body, auth, custom, host string
}

func (s *seen) add(r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reqs = append(s.reqs, seenRequest{
		method: r.Method, path: r.URL.RequestURI(), body: string(body),
		auth: r.Header.Get("Authorization"), custom: r.Header.Get("X-Custom"), host: r.Host,
	})
}

func (s *seen) all() []seenRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]seenRequest(nil), s.reqs...)
}

// redirectHandler serves /r/CODE → /final, /chain/N → /chain/N-1 … /chain/0,
// /dir/rel → "final?x=1" (relative), /to?u=URL → URL, and /final.
func redirectHandler(log *seen) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log.add(r)
		p := r.URL.Path
		switch {
		case strings.HasPrefix(p, "/r/"):
			code, _ := strconv.Atoi(strings.TrimPrefix(p, "/r/"))
			w.Header().Set("Location", "/final#frag")
			w.WriteHeader(code)
			io.WriteString(w, "moved")
		case strings.HasPrefix(p, "/chain/"):
			n, _ := strconv.Atoi(strings.TrimPrefix(p, "/chain/"))
			if n == 0 {
				io.WriteString(w, "done")
				return
			}
			http.Redirect(w, r, fmt.Sprintf("/chain/%d", n-1), http.StatusFound)
		case p == "/dir/rel":
			w.Header().Set("Location", "final?x=1")
			w.WriteHeader(http.StatusFound)
		case p == "/to":
			w.Header().Set("Location", r.URL.Query().Get("u"))
			w.WriteHeader(http.StatusFound)
		case p == "/noloc":
			w.WriteHeader(http.StatusFound)
			io.WriteString(w, "nowhere")
		case p == "/challenge":
			w.Header().Set("WWW-Authenticate", `Basic realm="b"`)
			w.WriteHeader(http.StatusUnauthorized)
		default:
			io.WriteString(w, "final")
		}
	})
}

func TestRedirectMethodRules(t *testing.T) {
	log := &seen{}
	srv, cc := newServer(t, redirectHandler(log))
	s := testSession(t, SessionOptions{})
	tests := []struct {
		code       int
		method     string
		wantMethod string
		wantBody   string
	}{
		{301, "GET", "GET", ""},
		{301, "POST", "GET", ""},
		{301, "PUT", "PUT", "payload"},
		{302, "POST", "GET", ""},
		{302, "DELETE", "DELETE", "payload"},
		{303, "POST", "GET", ""},
		{303, "PUT", "GET", ""},
		{303, "HEAD", "HEAD", ""},
		{307, "POST", "POST", "payload"},
		{307, "PUT", "PUT", "payload"},
		{308, "POST", "POST", "payload"},
		{308, "PATCH", "PATCH", "payload"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d %s", tt.code, tt.method), func(t *testing.T) {
			var body []byte
			if tt.method != "GET" && tt.method != "HEAD" {
				body = []byte("payload")
			}
			before := len(log.all())
			var notes []Notification
			r := mustRequest(t, s, tt.method, fmt.Sprintf("%s/r/%d", srv.URL, tt.code))
			r.Notify = func(n Notification) {
				if n.Status == StatusRedirect {
					notes = append(notes, n)
				}
			}
			resp, _ := fetch(t, r, body)
			got := log.all()[before:]
			if len(got) != 2 {
				t.Fatalf("%d requests, want 2: %+v", len(got), got)
			}
			if got[0].method != tt.method || got[0].body != string(body) {
				t.Fatalf("first hop %s %q, want %s %q", got[0].method, got[0].body, tt.method, body)
			}
			if got[1].method != tt.wantMethod || got[1].body != tt.wantBody || got[1].path != "/final" {
				t.Fatalf("second hop %s %s %q, want %s /final %q", got[1].method, got[1].path, got[1].body, tt.wantMethod, tt.wantBody)
			}
			if resp.StatusCode != 200 || resp.URL.String() != srv.URL+"/final" {
				t.Fatalf("final %d %s", resp.StatusCode, resp.URL)
			}
			if len(notes) != 1 || notes[0].Info != srv.URL+"/final" {
				t.Fatalf("redirect notifications %+v, want one with %s/final", notes, srv.URL)
			}
		})
	}
	// Each intermediate body was drained, so every hop reused one connection.
	if got := cc.count(); got != 1 {
		t.Fatalf("%d connections, want 1", got)
	}
}

func TestRedirectLimits(t *testing.T) {
	log := &seen{}
	srv, _ := newServer(t, redirectHandler(log))
	s := testSession(t, SessionOptions{})
	tests := []struct {
		max      int
		chain    int
		wantCode Code
		wantReqs int
	}{
		{max: 3, chain: 3, wantReqs: 4},
		{max: 3, chain: 4, wantCode: ErrRedirectFailed, wantReqs: 4},
		{max: 0, chain: 10, wantReqs: 11},
		{max: 0, chain: 11, wantCode: ErrRedirectFailed, wantReqs: 11},
		{max: 1, chain: 1, wantReqs: 2},
		{max: 1, chain: 2, wantCode: ErrRedirectFailed, wantReqs: 2},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("max %d chain %d", tt.max, tt.chain), func(t *testing.T) {
			before := len(log.all())
			r := mustRequest(t, s, "GET", fmt.Sprintf("%s/chain/%d", srv.URL, tt.chain))
			r.Redirects.Max = tt.max
			resp, err := r.Send(context.Background(), nil)
			if tt.wantCode != 0 {
				wantCode(t, err, tt.wantCode, "redirect")
			} else {
				if err != nil {
					t.Fatal(err)
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if string(body) != "done" {
					t.Fatalf("body %q", body)
				}
			}
			if got := len(log.all()) - before; got != tt.wantReqs {
				t.Fatalf("%d requests reached the server, want %d", got, tt.wantReqs)
			}
		})
	}
}

func TestRedirectResponsesReturnedAsIs(t *testing.T) {
	log := &seen{}
	srv, _ := newServer(t, redirectHandler(log))
	s := testSession(t, SessionOptions{})
	tests := []struct {
		name     string
		path     string
		method   string
		disabled bool
		reader   bool
		wantCode int
		wantBody string
		wantLoc  string
	}{
		{name: "disabled", path: "/r/302", method: "GET", disabled: true, wantCode: 302, wantBody: "moved", wantLoc: "/final#frag"},
		{name: "no Location", path: "/noloc", method: "GET", wantCode: 302, wantBody: "nowhere"},
		{name: "307 with a body that cannot be replayed", path: "/r/307", method: "POST", reader: true, wantCode: 307, wantBody: "moved", wantLoc: "/final#frag"},
		{name: "300 is not followed", path: "/r/300", method: "GET", wantCode: 300, wantBody: "moved", wantLoc: "/final#frag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustRequest(t, s, tt.method, srv.URL+tt.path)
			r.Redirects.Disabled = tt.disabled
			var resp *Response
			var err error
			if tt.reader {
				resp, err = r.SendReader(context.Background(), strings.NewReader("stream"), 6)
			} else {
				resp, err = r.Send(context.Background(), nil)
			}
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			loc, _ := resp.Header.Get("Location")
			if resp.StatusCode != tt.wantCode || string(body) != tt.wantBody || loc != tt.wantLoc {
				t.Fatalf("got %d %q Location %q, want %d %q %q", resp.StatusCode, body, loc, tt.wantCode, tt.wantBody, tt.wantLoc)
			}
		})
	}
}

func TestRedirect303FollowsWithStreamedBody(t *testing.T) {
	log := &seen{}
	srv, _ := newServer(t, redirectHandler(log))
	s := testSession(t, SessionOptions{})
	r := mustRequest(t, s, "POST", srv.URL+"/r/303")
	resp, err := r.SendReader(context.Background(), strings.NewReader("stream"), -1)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	got := log.all()
	if len(got) != 2 || got[0].body != "stream" || got[1].method != "GET" || got[1].body != "" {
		t.Fatalf("requests %+v", got)
	}
}

func TestRedirectRelativeLocation(t *testing.T) {
	log := &seen{}
	srv, _ := newServer(t, redirectHandler(log))
	s := testSession(t, SessionOptions{})
	resp, body := fetch(t, mustRequest(t, s, "GET", srv.URL+"/dir/rel"), nil)
	if resp.URL.String() != srv.URL+"/dir/final?x=1" || body != "final" {
		t.Fatalf("final URL %s body %q", resp.URL, body)
	}
	if got := log.all(); got[1].path != "/dir/final?x=1" {
		t.Fatalf("second request for %q", got[1].path)
	}
}

func TestRedirectHeadersAndCredentials(t *testing.T) {
	logA, logB := &seen{}, &seen{}
	a, _ := newServer(t, redirectHandler(logA))
	b, _ := newServer(t, redirectHandler(logB))
	s := testSession(t, SessionOptions{})
	tests := []struct {
		name       string
		url        string
		creds      bool
		wantStatus int
		wantA      []seenRequest
		wantB      []seenRequest
	}{
		{
			name: "same host keeps Authorization and custom headers",
			url:  a.URL + "/r/302", wantStatus: 200,
			wantA: []seenRequest{
				{method: "GET", path: "/r/302", auth: "Bearer t", custom: "kept"},
				{method: "GET", path: "/final", auth: "Bearer t", custom: "kept"},
			},
		},
		{
			name: "another host gets custom headers but no Authorization",
			url:  a.URL + "/to?u=" + b.URL + "/final", wantStatus: 200,
			wantA: []seenRequest{{method: "GET", path: "/to?u=" + b.URL + "/final", auth: "Bearer t", custom: "kept"}},
			wantB: []seenRequest{{method: "GET", path: "/final", custom: "kept"}},
		},
		{
			name: "server credentials are not used on another host",
			url:  a.URL + "/to?u=" + b.URL + "/challenge", creds: true, wantStatus: 401,
			wantA: []seenRequest{{method: "GET", path: "/to?u=" + b.URL + "/challenge", auth: "Bearer t", custom: "kept"}},
			wantB: []seenRequest{{method: "GET", path: "/challenge", custom: "kept"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			beforeA, beforeB := len(logA.all()), len(logB.all())
			r := mustRequest(t, s, "GET", tt.url)
			r.Header.Set("Authorization", "Bearer t")
			r.Header.Set("X-Custom", "kept")
			if tt.creds {
				r.ServerCredentials = &Credentials{Username: "u", Password: "p"}
			}
			resp, _ := fetch(t, r, nil)
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.wantStatus)
			}
			check := func(name string, got, want []seenRequest, host string) {
				for i := range want {
					want[i].host = host
				}
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Fatalf("server %s saw\n%+v\nwant\n%+v", name, got, want)
				}
			}
			check("A", logA.all()[beforeA:], tt.wantA, strings.TrimPrefix(a.URL, "http://"))
			check("B", logB.all()[beforeB:], tt.wantB, strings.TrimPrefix(b.URL, "http://"))
		})
	}
}

func TestRedirectSchemeChanges(t *testing.T) {
	plainLog, tlsLog := &seen{}, &seen{}
	plain, _ := newServer(t, redirectHandler(plainLog))
	secure := httptestTLS(t, redirectHandler(tlsLog))
	s := testSession(t, SessionOptions{})
	tests := []struct {
		name     string
		url      string
		allow    bool
		wantCode Code
		wantURL  string
	}{
		{name: "https to http refused", url: secure.URL + "/to?u=" + plain.URL + "/final", wantCode: ErrRedirectFailed},
		{name: "https to http allowed", url: secure.URL + "/to?u=" + plain.URL + "/final", allow: true, wantURL: plain.URL + "/final"},
		{name: "http to https followed", url: plain.URL + "/to?u=" + secure.URL + "/final", wantURL: secure.URL + "/final"},
		{name: "unknown scheme", url: plain.URL + "/to?u=ftp://example.com/", wantCode: ErrRedirectFailed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(plainLog.all())
			r := mustRequest(t, s, "GET", tt.url)
			r.Security.IgnoreFlags = SecurityIgnoreAllCertErrors
			r.Redirects.AllowHTTPSToHTTP = tt.allow
			resp, err := r.Send(context.Background(), nil)
			if tt.wantCode != 0 {
				wantCode(t, err, tt.wantCode, "redirect")
				if strings.HasPrefix(tt.url, secure.URL) && len(plainLog.all()) != before {
					t.Fatal("the refused http URL was requested")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.URL.String() != tt.wantURL || string(body) != "final" {
				t.Fatalf("final %s %q, want %s", resp.URL, body, tt.wantURL)
			}
		})
	}
}

func TestRedirectDropsCallerHostOnAnotherServer(t *testing.T) {
	logA, logB := &seen{}, &seen{}
	a, _ := newServer(t, redirectHandler(logA))
	b, _ := newServer(t, redirectHandler(logB))
	s := testSession(t, SessionOptions{})
	r := mustRequest(t, s, "GET", a.URL+"/to?u="+b.URL+"/final")
	r.Header.Set("Host", "virtual.example")
	fetch(t, r, nil)
	if got := logA.all(); len(got) != 1 || got[0].host != "virtual.example" {
		t.Fatalf("server A saw %+v, want Host virtual.example", got)
	}
	if got := logB.all(); len(got) != 1 || got[0].host != strings.TrimPrefix(b.URL, "http://") {
		t.Fatalf("server B saw %+v, want its own Host", got)
	}
}
