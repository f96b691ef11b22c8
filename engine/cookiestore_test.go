package engine

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
)

// A session makes its cookie jar when the first cookie arrives: requests
// that receive none leave it unmade, the first Set-Cookie makes it, and
// the store Cookies returns works as a jar before and after.
func TestCookieJarMadeOnFirstCookie(t *testing.T) {
	srv, _ := newServer(t, cookieHandler())
	s := testSession(t, SessionOptions{})
	if _, body := fetch(t, mustRequest(t, s, "GET", srv.URL+"/show"), nil); body != `[]` {
		t.Fatalf("a fresh session sent Cookie %s", body)
	}
	if s.cookies.jar.Load() != nil {
		t.Fatal("a response without cookies made the jar")
	}
	u, _ := url.Parse(srv.URL + "/")
	if got := s.Cookies().Cookies(u); len(got) != 0 {
		t.Fatalf("an empty store gave %v", got)
	}
	fetch(t, mustRequest(t, s, "GET", srv.URL+"/set"), nil)
	if s.cookies.jar.Load() == nil {
		t.Fatal("a Set-Cookie did not make the jar")
	}
	s.Cookies().SetCookies(u, []*http.Cookie{{Name: "host", Value: "2", Path: "/"}})
	if _, body := fetch(t, mustRequest(t, s, "GET", srv.URL+"/show"), nil); body != `["sid=abc; host=2"]` && body != `["host=2; sid=abc"]` {
		t.Fatalf("server saw Cookie %s, want sid=abc and host=2", body)
	}

	// A store given its first cookies from many goroutines at once
	// keeps them all: the losers of the race use the winner's jar.
	var st cookieStore
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st.SetCookies(u, []*http.Cookie{{Name: fmt.Sprintf("c%02d", i), Value: "1", Path: "/"}})
		}()
	}
	wg.Wait()
	var names []string
	for _, c := range st.Cookies(u) {
		names = append(names, c.Name)
	}
	sort.Strings(names)
	if len(names) != 16 || names[0] != "c00" || names[15] != "c15" {
		t.Errorf("cookies kept: %s", strings.Join(names, " "))
	}
}

// A session with the default User-Agent shares one header with the
// others and sends it as its own would be; making one costs one
// allocation, the Session.
func TestDefaultAgentSession(t *testing.T) {
	srv := newRawServer(t, echoOK)
	pool := NewPool()
	t.Cleanup(pool.CloseIdleConnections)
	a := testSession(t, SessionOptions{UserAgent: DefaultUserAgent, Pool: pool})
	b := testSession(t, SessionOptions{UserAgent: DefaultUserAgent, Pool: pool})
	if fmt.Sprintf("%p", a.bareHeader) != fmt.Sprintf("%p", b.bareHeader) {
		t.Error("two default-agent sessions made a header each")
	}
	fetch(t, mustRequest(t, a, "GET", srv.URL()+"/a"), nil)
	fetch(t, mustRequest(t, b, "GET", srv.URL()+"/b"), nil)
	host := strings.TrimPrefix(srv.URL(), "http://")
	for i, raw := range srv.requests() {
		path := []string{"/a", "/b"}[i]
		want := "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: " + DefaultUserAgent + "\r\nConnection: Keep-Alive\r\n\r\n"
		if raw != want {
			t.Errorf("request %d:\n got %q\nwant %q", i, raw, want)
		}
	}
	if got := fmt.Sprint(defaultBareHeader); got != "map[Connection:[Keep-Alive] User-Agent:["+DefaultUserAgent+"]]" {
		t.Errorf("the shared header changed: %s", got)
	}
	opts := SessionOptions{UserAgent: DefaultUserAgent, Pool: pool, Proxy: ProxyConfig{Access: ProxyDirect}}
	if n := testing.AllocsPerRun(100, func() { NewSession(opts) }); n > 1 {
		t.Errorf("NewSession: %.0f allocations, want 1", n)
	}
}
