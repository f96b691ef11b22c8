package engine

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"testing"
	"time"
)

// blackholeResolver sends DNS queries to a loopback UDP socket that never
// answers.
func blackholeResolver(t *testing.T) *net.Resolver {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pc.Close() })
	return &net.Resolver{
		PreferGo: true,
		Dial: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			c, err := d.DialContext(ctx, "udp", pc.LocalAddr().String())
			if err == nil {
				// Go's DNS client only stops a pending read at its own
				// deadline; closing on cancel lets a cancelled lookup end
				// now, so leak checks see no lingering goroutine.
				context.AfterFunc(ctx, func() { c.Close() })
			}
			return c, err
		},
	}
}

// hangingDial never connects: it waits for its context like a SYN to a
// host that does not answer.
func hangingDial(ctx context.Context, _, _ string) (net.Conn, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

// silentListener accepts connections and never reads from them.
func silentListener(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		var conns []net.Conn
		defer func() {
			for _, c := range conns {
				c.Close()
			}
		}()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c)
		}
	}()
	t.Cleanup(func() { ln.Close(); <-done })
	return "http://" + ln.Addr().String()
}

func TestTimeouts(t *testing.T) {
	slow, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/stall-body" {
			w.Header().Set("Content-Length", "10")
			w.WriteHeader(200)
			w.Write([]byte("12345"))
			w.(http.Flusher).Flush()
		}
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	silent := silentListener(t)
	const limit = 150 * time.Millisecond
	tests := []struct {
		name     string
		opts     SessionOptions
		url      string
		timeouts Timeouts
		body     []byte
		inBody   bool // the timeout hits a body read, not Send
		wantOp   string
	}{
		{
			name: "resolve", opts: SessionOptions{Resolver: blackholeResolver(t)},
			url: "http://winhttpjs-test.invalid/", timeouts: Timeouts{Resolve: limit}, wantOp: "resolve",
		},
		{
			name: "connect", opts: SessionOptions{DialContext: hangingDial},
			url: "http://127.0.0.1:9/", timeouts: Timeouts{Connect: limit}, wantOp: "connect",
		},
		{
			name: "send", url: silent + "/upload", timeouts: Timeouts{Send: limit},
			body: make([]byte, 64<<20), wantOp: "send",
		},
		{
			name: "receive head", url: slow.URL + "/sleep", timeouts: Timeouts{Receive: limit}, wantOp: "receive",
		},
		{
			// Long enough for the head to arrive on a loaded machine.
			name: "receive body", url: slow.URL + "/stall-body", timeouts: Timeouts{Receive: time.Second},
			inBody: true, wantOp: "receive",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := testSession(t, tt.opts)
			method := "GET"
			if tt.body != nil {
				method = "POST"
			}
			r := mustRequest(t, s, method, tt.url)
			r.Timeouts = tt.timeouts
			start := time.Now()
			resp, err := r.Send(context.Background(), tt.body)
			if tt.inBody {
				if err != nil {
					t.Fatalf("Send: %v", err)
				}
				_, err = io.ReadAll(resp.Body)
				resp.Body.Close()
			}
			wantCode(t, err, ErrTimeout, tt.wantOp)
			if !errors.Is(err, ErrTimeout) {
				t.Fatalf("errors.Is(%v, ErrTimeout) = false", err)
			}
			if elapsed := time.Since(start); elapsed > 3*time.Second {
				t.Fatalf("took %v for a %v timeout", elapsed, limit)
			}
		})
	}
}

func TestKeepAliveReuse(t *testing.T) {
	srv, cc := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "hello")
	}))
	tests := []struct {
		name      string
		http10    bool
		close     bool
		wantConns int
	}{
		{"HTTP/1.1 reuses one connection", false, false, 1},
		{"HTTP/1.0 keep-alive the server accepts", true, false, 1},
		{"Connection: close", false, true, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := testSession(t, SessionOptions{})
			before := cc.count()
			for i := 0; i < 10; i++ {
				r := mustRequest(t, s, "GET", srv.URL+"/")
				r.HTTP10 = tt.http10
				if tt.close {
					r.Header.Set("Connection", "close")
				}
				if _, body := fetch(t, r, nil); body != "hello" {
					t.Fatalf("body %q", body)
				}
			}
			if got := cc.count() - before; got != tt.wantConns {
				t.Fatalf("%d connections for 10 requests, want %d", got, tt.wantConns)
			}
		})
	}
}

func TestSharedPoolAcrossSessions(t *testing.T) {
	srv, cc := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "x")
	}))
	pool := NewPool()
	t.Cleanup(pool.CloseIdleConnections)
	for i := 0; i < 4; i++ {
		s := testSession(t, SessionOptions{Pool: pool})
		fetch(t, mustRequest(t, s, "GET", srv.URL), nil)
	}
	if got := cc.count(); got != 1 {
		t.Fatalf("%d connections for 4 sessions sharing a pool, want 1", got)
	}
}

// An idle pooled connection must not keep the receive deadline of the
// request that last used it: the next request has to find it alive.
func TestIdleConnectionKeepsNoStaleDeadline(t *testing.T) {
	srv, cc := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "x")
	}))
	s := testSession(t, SessionOptions{})
	r := mustRequest(t, s, "GET", srv.URL)
	r.Timeouts = Timeouts{Receive: 300 * time.Millisecond}
	fetch(t, r, nil)
	time.Sleep(800 * time.Millisecond)
	r2 := mustRequest(t, s, "GET", srv.URL)
	r2.Timeouts = Timeouts{}
	fetch(t, r2, nil)
	if got := cc.count(); got != 1 {
		t.Fatalf("%d connections, want 1: the idle connection died on a stale deadline", got)
	}
}

func TestHeadersOnlyResponseReleasesConnection(t *testing.T) {
	srv, cc := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	s := testSession(t, SessionOptions{})
	for i := 0; i < 3; i++ {
		r := mustRequest(t, s, "GET", srv.URL)
		r.Timeouts = Timeouts{Receive: 300 * time.Millisecond}
		resp, err := r.Send(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != 204 || resp.StatusText != "No Content" {
			t.Fatalf("status %d %q", resp.StatusCode, resp.StatusText)
		}
		// The body is never read or closed; the connection must still be
		// reusable after the receive timeout has passed.
		time.Sleep(600 * time.Millisecond)
	}
	if got := cc.count(); got != 1 {
		t.Fatalf("%d connections, want 1", got)
	}
}
