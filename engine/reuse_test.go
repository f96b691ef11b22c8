package engine

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// The tests below cover the storage a Send shares or keeps instead of
// allocating: the session's header for requests that add nothing to it,
// the Response, body reader and URL copy kept in the hop, the head
// capture's string, the URL kept in the Request, and the hop's context.

// TestSendTwiceKeepsResponsesApart sends one Request twice, the second
// time with a header added, and reads both bodies only afterwards: each
// Response keeps its own head, URL and body, and neither aliases the
// Request's URL.
func TestSendTwiceKeepsResponsesApart(t *testing.T) {
	var mu sync.Mutex
	n := 0
	srv := newRawServer(t, func(*http.Request, string) string {
		mu.Lock()
		n++
		k := n
		mu.Unlock()
		body := fmt.Sprintf("body %d", k)
		return fmt.Sprintf("HTTP/1.1 200 OK\r\nx-count: %d\r\nContent-Length: %d\r\n\r\n%s", k, len(body), body)
	})
	host := strings.TrimPrefix(srv.URL(), "http://")
	s := testSession(t, SessionOptions{UserAgent: "UA/1"})
	r := mustRequest(t, s, "GET", srv.URL()+"/p?q=1#frag")

	resp1, err := r.Send(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	r.Header.Add("X-Second", "2")
	resp2, err := r.Send(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	body2, err := io.ReadAll(resp2.Body)
	resp2.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	body1, err := io.ReadAll(resp1.Body)
	resp1.Body.Close()
	if err != nil {
		t.Fatal(err)
	}

	if resp1 == resp2 || resp1.URL == resp2.URL || resp1.URL == r.URL || resp2.URL == r.URL {
		t.Fatalf("responses share storage: %p %p, URLs %p %p, request URL %p", resp1, resp2, resp1.URL, resp2.URL, r.URL)
	}
	if string(body1) != "body 1" || string(body2) != "body 2" {
		t.Fatalf("bodies %q and %q, want \"body 1\" and \"body 2\"", body1, body2)
	}
	want1 := "HTTP/1.1 200 OK\r\nx-count: 1\r\nContent-Length: 6\r\n\r\n"
	want2 := "HTTP/1.1 200 OK\r\nx-count: 2\r\nContent-Length: 6\r\n\r\n"
	if got := resp1.RawHeaders(); got != want1 {
		t.Errorf("first head %q, want %q", got, want1)
	}
	if got := resp2.RawHeaders(); got != want2 {
		t.Errorf("second head %q, want %q", got, want2)
	}

	// Changing the Request afterwards leaves the responses' URLs alone.
	r.URL.Path = "/changed"
	for i, resp := range []*Response{resp1, resp2} {
		if got := resp.URL.String(); got != srv.URL()+"/p?q=1" {
			t.Errorf("response %d URL %q, want %q", i+1, got, srv.URL()+"/p?q=1")
		}
	}

	reqs := srv.requests()
	want := []string{
		"GET /p?q=1 HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: UA/1\r\nConnection: Keep-Alive\r\n\r\n",
		"GET /p?q=1 HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: UA/1\r\nConnection: Keep-Alive\r\nX-Second: 2\r\n\r\n",
	}
	if len(reqs) != len(want) {
		t.Fatalf("%d requests, want %d: %q", len(reqs), len(want), reqs)
	}
	for i := range want {
		if reqs[i] != want[i] {
			t.Errorf("request %d:\n got %q\nwant %q", i+1, reqs[i], want[i])
		}
	}
}

// TestSendAgainAfterRedirect sends a redirected Request twice: each Send
// starts again from the Request's URL, which the redirect did not touch,
// and each ends at the redirect's target with its own response.
func TestSendAgainAfterRedirect(t *testing.T) {
	srv := newRawServer(t, func(req *http.Request, _ string) string {
		if req.URL.Path == "/start" {
			return "HTTP/1.1 302 Found\r\nLocation: /end#x\r\nContent-Length: 0\r\n\r\n"
		}
		return "HTTP/1.1 200 OK\r\nX-Where: end\r\nContent-Length: 3\r\n\r\nend"
	})
	host := strings.TrimPrefix(srv.URL(), "http://")
	s := testSession(t, SessionOptions{UserAgent: "UA/1"})
	r := mustRequest(t, s, "GET", srv.URL()+"/start")
	var resps []*Response
	for i := 0; i < 2; i++ {
		resp, body := fetch(t, r, nil)
		if resp.StatusCode != 200 || body != "end" || resp.URL.String() != srv.URL()+"/end" {
			t.Fatalf("Send %d: status %d, body %q, URL %q", i+1, resp.StatusCode, body, resp.URL)
		}
		if got, want := resp.RawHeaders(), "HTTP/1.1 200 OK\r\nX-Where: end\r\nContent-Length: 3\r\n\r\n"; got != want {
			t.Fatalf("Send %d: head %q, want %q", i+1, got, want)
		}
		if got := r.URL.String(); got != srv.URL()+"/start" {
			t.Fatalf("after Send %d the request's URL is %q", i+1, got)
		}
		resps = append(resps, resp)
	}
	if resps[0] == resps[1] || resps[0].URL == resps[1].URL {
		t.Fatal("the two Sends returned shared storage")
	}
	start := "GET /start HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: UA/1\r\nConnection: Keep-Alive\r\n\r\n"
	end := "GET /end HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: UA/1\r\nConnection: Keep-Alive\r\n\r\n"
	want := []string{start, end, start, end}
	reqs := srv.requests()
	if len(reqs) != len(want) {
		t.Fatalf("%d requests, want %d: %q", len(reqs), len(want), reqs)
	}
	for i := range want {
		if reqs[i] != want[i] {
			t.Errorf("request %d:\n got %q\nwant %q", i+1, reqs[i], want[i])
		}
	}
	if n := srv.connCount(); n != 1 {
		t.Errorf("%d connections, want 1 (keep-alive across redirects and Sends)", n)
	}
}

// TestConcurrentSendsShareSessionHeader runs bare requests (which share
// the session's header map) alongside requests with fields of their own,
// cookies and a request User-Agent on one session: under -race this
// shows the shared map is only read, and every request goes out exactly
// as its own fields say.
func TestConcurrentSendsShareSessionHeader(t *testing.T) {
	srv := newRawServer(t, func(req *http.Request, _ string) string {
		if req.URL.Path == "/cookie" {
			return "HTTP/1.1 200 OK\r\nSet-Cookie: c=1; Path=/cookie\r\nContent-Length: 2\r\n\r\nok"
		}
		return okResponse
	})
	host := strings.TrimPrefix(srv.URL(), "http://")
	s := testSession(t, SessionOptions{UserAgent: "UA/1"})
	other := "Other/2"
	const workers, each = 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for g := 0; g < workers; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				path := fmt.Sprintf("/g%d/%d", g, i)
				r, err := s.NewRequest("GET", srv.URL()+path)
				if err != nil {
					errs <- err
					return
				}
				switch g % 4 {
				case 1:
					r.Header.Add("x-worker", fmt.Sprint(g))
				case 2:
					r.UserAgent = &other
				}
				resp, err := r.Send(context.Background(), nil)
				if err != nil {
					errs <- err
					return
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil || string(body) != "ok" {
					errs <- fmt.Errorf("%s: body %q, %v", path, body, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}

	want := map[string]bool{}
	for g := 0; g < workers; g++ {
		for i := 0; i < each; i++ {
			line := fmt.Sprintf("GET /g%d/%d HTTP/1.1\r\nHost: %s\r\n", g, i, host)
			switch g % 4 {
			case 1:
				line += "User-Agent: UA/1\r\nConnection: Keep-Alive\r\nx-worker: " + fmt.Sprint(g) + "\r\n\r\n"
			case 2:
				line += "User-Agent: Other/2\r\nConnection: Keep-Alive\r\n\r\n"
			default:
				line += "User-Agent: UA/1\r\nConnection: Keep-Alive\r\n\r\n"
			}
			want[line] = true
		}
	}
	reqs := srv.requests()
	if len(reqs) != len(want) {
		t.Fatalf("%d requests, want %d", len(reqs), len(want))
	}
	for _, raw := range reqs {
		if !want[raw] {
			t.Errorf("unexpected request %q", raw)
		}
		delete(want, raw)
	}
	if got := fmt.Sprint(s.bareHeader); got != "map[Connection:[Keep-Alive] User-Agent:[UA/1]]" {
		t.Errorf("the session's shared header changed: %s", got)
	}

	// A request with a cookie from the store does not use the shared
	// header, and the shared header stays without one.
	fetch(t, mustRequest(t, s, "GET", srv.URL()+"/cookie"), nil)
	fetch(t, mustRequest(t, s, "GET", srv.URL()+"/cookie"), nil)
	reqs = srv.requests()
	last := reqs[len(reqs)-1]
	if wantLast := "GET /cookie HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: UA/1\r\nConnection: Keep-Alive\r\nCookie: c=1\r\n\r\n"; last != wantLast {
		t.Errorf("request with a stored cookie:\n got %q\nwant %q", last, wantLast)
	}
	if got := fmt.Sprint(s.bareHeader); got != "map[Connection:[Keep-Alive] User-Agent:[UA/1]]" {
		t.Errorf("the session's shared header changed: %s", got)
	}
}

// TestHeadCaptureSplitReads feeds the capture a response with interim
// heads in every split into two reads, and in single bytes: the final
// head comes out whole whatever the split.
func TestHeadCaptureSplitReads(t *testing.T) {
	const final = "HTTP/1.1 200 OK\r\nA: 1\r\nb:  2\r\n\r\n"
	const stream = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n" + final + "body bytes"
	for i := 0; i <= len(stream); i++ {
		c := headCapture{limit: 1 << 10}
		c.add([]byte(stream[:i]))
		c.add([]byte(stream[i:]))
		if got := c.final(); got != final {
			t.Fatalf("split at %d: head %q, want %q", i, got, final)
		}
	}
	c := headCapture{limit: 1 << 10}
	buf := []byte(stream)
	for i := range buf {
		c.add(buf[i : i+1])
		// The reader's buffer is reused: the capture must have copied.
		buf[i] = 'X'
	}
	if got := c.final(); got != final {
		t.Fatalf("byte by byte: head %q, want %q", got, final)
	}

	// A head over the limit is given up; later reads change nothing.
	c = headCapture{limit: 16}
	c.add([]byte("HTTP/1.1 200 OK\r\nLong-Header: 0123456789"))
	c.add([]byte("\r\n\r\n"))
	if got := c.final(); got != "" {
		t.Fatalf("over the limit: head %q, want none", got)
	}
}

// TestHopContext checks the context a hop's request carries: the hop
// under hopKey, everything else from the caller's context.
func TestHopContext(t *testing.T) {
	type key struct{}
	parent, cancel := context.WithTimeout(context.WithValue(context.Background(), key{}, "v"), time.Hour)
	defer cancel()
	h := &hop{}
	h.ctx = hopCtx{Context: parent, h: h}
	ctx := context.WithoutCancel(&h.ctx) // as the transport's dials see it
	if got := hopFrom(ctx); got != h {
		t.Fatalf("hopFrom = %p, want %p", got, h)
	}
	if got := h.ctx.Value(key{}); got != "v" {
		t.Fatalf("caller's value = %v, want v", got)
	}
	if d1, ok1 := h.ctx.Deadline(); !ok1 {
		t.Fatal("the caller's deadline is lost")
	} else if d0, _ := parent.Deadline(); !d1.Equal(d0) {
		t.Fatalf("deadline %v, want %v", d1, d0)
	}
	cancel()
	select {
	case <-h.ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("cancelling the caller's context does not end the hop's")
	}
	if hopFrom(context.Background()) != nil {
		t.Fatal("hopFrom found a hop in a context without one")
	}
}

// TestHopCancelOnlyWithTimers checks which hops get a cancellable
// context of their own, and that a hop without one still ends with the
// caller's cancellation.
func TestHopCancelOnlyWithTimers(t *testing.T) {
	for _, tt := range []struct {
		h    *hop
		want bool
	}{
		{&hop{}, false},
		{&hop{timeouts: Timeouts{Receive: time.Second}}, false},
		{&hop{respTimeout: time.Second}, true},
		{&hop{http2: true}, false},
		{&hop{http2: true, timeouts: Timeouts{Receive: time.Second}}, true},
	} {
		if got := tt.h.needsCancel(); got != tt.want {
			t.Errorf("needsCancel(respTimeout %v, http2 %v, receive %v) = %v, want %v",
				tt.h.respTimeout, tt.h.http2, tt.h.timeouts.Receive, got, tt.want)
		}
	}

	// No timer: the caller's cancellation still aborts a request whose
	// answer never comes.
	srv := newRawServer(t, func(*http.Request, string) string {
		time.Sleep(300 * time.Millisecond)
		return okResponse
	})
	s := testSession(t, SessionOptions{Timeouts: &Timeouts{}})
	r := mustRequest(t, s, "GET", srv.URL()+"/")
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	_, err := r.Send(ctx, nil)
	wantCode(t, err, ErrOperationCancelled, "")
}

// TestManyInterimHeadsEachWithinLimit sends more interim heads than the
// header limit holds together, with no interim limit and no callback:
// each head gets the whole allowance, as when the hop reported them.
func TestManyInterimHeadsEachWithinLimit(t *testing.T) {
	interim := "HTTP/1.1 102 Processing\r\nX-Pad: " + strings.Repeat("p", 200) + "\r\n\r\n"
	srv := newRawServer(t, func(*http.Request, string) string {
		return strings.Repeat(interim, 40) + "HTTP/1.1 200 OK\r\nX-Final: yes\r\nContent-Length: 2\r\n\r\nok"
	})
	s := testSession(t, SessionOptions{})
	r := mustRequest(t, s, "GET", srv.URL()+"/")
	r.MaxResponseHeaderBytes = 1024 // 40 interim heads take about 9 KiB
	resp, body := fetch(t, r, nil)
	if resp.StatusCode != 200 || body != "ok" {
		t.Fatalf("status %d body %q", resp.StatusCode, body)
	}
	if got, want := resp.RawHeaders(), "HTTP/1.1 200 OK\r\nX-Final: yes\r\nContent-Length: 2\r\n\r\n"; got != want {
		t.Fatalf("head %q, want %q", got, want)
	}
}
