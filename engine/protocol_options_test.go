package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/winhttpjs/winhttpjs/internal/conngauge"

	"github.com/winhttpjs/winhttpjs/internal/fakedns"
)

// h2Server is an https test server that speaks HTTP/2 when offered and
// answers with the protocol it saw.
func h2Server(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Zeta", "z")
		w.Header().Set("A-First", "a")
		fmt.Fprintf(w, "%s %d", r.Proto, r.ProtoMajor)
	}))
	srv.EnableHTTP2 = true
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

func TestEnableHTTP2(t *testing.T) {
	srv := h2Server(t)
	s := testSession(t, SessionOptions{})
	for _, tt := range []struct {
		h2        bool
		wantProto string
		wantBody  string
	}{
		{false, "HTTP/1.1", "HTTP/1.1 1"},
		{true, "HTTP/2.0", "HTTP/2.0 2"},
		{false, "HTTP/1.1", "HTTP/1.1 1"}, // the h2 connection is not shared
		{true, "HTTP/2.0", "HTTP/2.0 2"},  // reused
	} {
		r := mustRequest(t, s, "GET", srv.URL+"/")
		r.Security.IgnoreFlags = SecurityIgnoreAllCertErrors
		r.EnableHTTP2 = tt.h2
		resp, body := fetch(t, r, nil)
		if resp.Proto != tt.wantProto || body != tt.wantBody || resp.StatusCode != 200 {
			t.Fatalf("EnableHTTP2=%v: proto %q status %d body %q, want %q %q", tt.h2, resp.Proto, resp.StatusCode, body, tt.wantProto, tt.wantBody)
		}
		if tt.h2 {
			// No raw head over HTTP/2: canonical names, sorted.
			date, _ := resp.Header.Get("Date")
			want := "HTTP/2.0 200 OK\r\nA-First: a\r\nContent-Length: 10\r\nContent-Type: text/plain; charset=utf-8\r\nDate: " +
				date + "\r\nX-Zeta: z\r\n\r\n"
			if got := resp.RawHeaders(); got != want {
				t.Fatalf("raw headers\n%q\nwant\n%q", got, want)
			}
		}
	}
}

// Over HTTP/2 the receive timeout bounds the wait for the head and each
// body read of the stream.
func TestHTTP2ReceiveTimeout(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/stall-body" {
			w.Header().Set("Content-Length", "4")
			w.Write([]byte("ab"))
			w.(http.Flusher).Flush()
		}
		<-r.Context().Done()
	}))
	srv.EnableHTTP2 = true
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	t.Cleanup(srv.Close)
	s := testSession(t, SessionOptions{})
	newReq := func(path string) *Request {
		r := mustRequest(t, s, "GET", srv.URL+path)
		r.Security.IgnoreFlags = SecurityIgnoreAllCertErrors
		r.EnableHTTP2 = true
		r.Timeouts.Receive = 100 * time.Millisecond
		return r
	}
	_, err := newReq("/stall-head").Send(context.Background(), nil)
	wantCode(t, err, ErrTimeout, "receive")
	if !errors.Is(err, errH2ReceiveTimeout) {
		t.Fatalf("head: %v", err)
	}
	r := newReq("/stall-body")
	r.Timeouts.Receive = 2 * time.Second // room for the head on a loaded machine
	resp, err := r.Send(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.Proto != "HTTP/2.0" {
		t.Fatalf("proto %q", resp.Proto)
	}
	_, err = io.ReadAll(resp.Body)
	wantCode(t, err, ErrTimeout, "receive")
	if !errors.Is(err, errH2ReceiveTimeout) {
		t.Fatalf("body: %v", err)
	}
}

// Plain http never uses HTTP/2 (WinHTTP does not do h2c).
func TestEnableHTTP2PlainHTTP(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, r.Proto)
	}))
	srv.Config.Protocols = new(http.Protocols)
	srv.Config.Protocols.SetHTTP1(true)
	srv.Config.Protocols.SetUnencryptedHTTP2(true)
	srv.Start()
	t.Cleanup(srv.Close)
	s := testSession(t, SessionOptions{})
	r := mustRequest(t, s, "GET", srv.URL+"/")
	r.EnableHTTP2 = true
	resp, body := fetch(t, r, nil)
	if resp.Proto != "HTTP/1.1" || body != "HTTP/1.1" {
		t.Fatalf("proto %q body %q", resp.Proto, body)
	}
}

func TestMaxConnsPerServer(t *testing.T) {
	for _, tls := range []bool{false, true} {
		t.Run(fmt.Sprint("tls=", tls), func(t *testing.T) {
			g := &conngauge.Gauge{}
			var inHandler atomic.Int32
			release := make(chan struct{})
			srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				// Hold the first two requests until both are in: the
				// other eight must then be waiting for a connection.
				if inHandler.Add(1) == 2 {
					close(release)
				}
				<-release
				fmt.Fprint(w, "ok")
			}))
			srv.Config.ConnState = g.Hook
			if tls {
				srv.StartTLS()
			} else {
				srv.Start()
			}
			t.Cleanup(srv.Close)
			s := testSession(t, SessionOptions{})
			var wg sync.WaitGroup
			errs := make(chan error, 10)
			for range 10 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					r, err := s.NewRequest("GET", srv.URL+"/")
					if err != nil {
						errs <- err
						return
					}
					r.Security.IgnoreFlags = SecurityIgnoreAllCertErrors
					r.MaxConnsPerServer = 2
					resp, err := r.Send(context.Background(), nil)
					if err != nil {
						errs <- err
						return
					}
					body, err := io.ReadAll(resp.Body)
					resp.Body.Close()
					if err != nil || string(body) != "ok" || resp.StatusCode != 200 {
						errs <- fmt.Errorf("status %d body %q err %v", resp.StatusCode, body, err)
					}
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatal(err)
			}
			if most, total := g.Counts(); most > 2 || total > 2 {
				t.Fatalf("server saw %d connections at once, %d in all; want at most 2", most, total)
			}
		})
	}
}

func TestReceiveResponseTimeout(t *testing.T) {
	silent := silentListener(t)
	s := testSession(t, SessionOptions{})
	r := mustRequest(t, s, "GET", silent+"/")
	r.Timeouts.Receive = 0 // no per-read limit: only the head timeout can fire
	r.ReceiveResponseTimeout = 100 * time.Millisecond
	_, err := r.Send(context.Background(), nil)
	wantCode(t, err, ErrTimeout, "receive")
	if !errors.Is(err, errResponseTimeout) {
		t.Fatalf("error %v is not the receive-response timeout", err)
	}
}

func TestConnectAttempts(t *testing.T) {
	for _, tt := range []struct{ attempts, want int }{{0, 5}, {1, 1}, {3, 3}, {100, 7}} {
		var mu sync.Mutex
		var dialled []string
		s := testSession(t, SessionOptions{
			Resolver: fakedns.LoopbackResolver(t, 7),
			DialContext: func(_ context.Context, _, addr string) (net.Conn, error) {
				mu.Lock()
				dialled = append(dialled, addr)
				mu.Unlock()
				return nil, errors.New("refused")
			},
		})
		r := mustRequest(t, s, "GET", "http://many.test:81/")
		r.ConnectAttempts = tt.attempts
		_, err := r.Send(context.Background(), nil)
		wantCode(t, err, ErrCannotConnect, "connect")
		mu.Lock()
		if len(dialled) != tt.want || dialled[0] != "127.0.0.1:81" {
			t.Fatalf("ConnectAttempts %d: dialled %v, want %d addresses", tt.attempts, dialled, tt.want)
		}
		mu.Unlock()
	}
}

func TestMaxDrainBytes(t *testing.T) {
	body := "0123456789012345678901234567890123456789"
	respond := func(req *http.Request, _ string) string {
		if req.URL.Path == "/redirect" {
			return fmt.Sprintf("HTTP/1.1 302 Found\r\nLocation: /final\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
		}
		return okResponse
	}
	for _, tt := range []struct {
		drain     int64
		wantConns int
	}{{0, 1}, {int64(len(body)), 1}, {10, 2}, {-1, 2}} {
		srv := newRawServer(t, respond)
		s := testSession(t, SessionOptions{})
		r := mustRequest(t, s, "GET", srv.URL()+"/redirect")
		r.MaxDrainBytes = tt.drain
		resp, got := fetch(t, r, nil)
		if resp.StatusCode != 200 || got != "ok" {
			t.Fatalf("status %d body %q", resp.StatusCode, got)
		}
		if n := srv.connCount(); n != tt.wantConns {
			t.Fatalf("MaxDrainBytes %d: %d connections, want %d", tt.drain, n, tt.wantConns)
		}
	}
}

func TestMaxInterimResponses(t *testing.T) {
	srv := newRawServer(t, func(*http.Request, string) string {
		return "HTTP/1.1 102 Processing\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 102 Processing\r\n\r\n" + okResponse
	})
	s := testSession(t, SessionOptions{})
	for _, tt := range []struct {
		max int
		ok  bool
	}{{0, true}, {3, true}, {10, true}, {2, false}, {-1, false}} {
		r := mustRequest(t, s, "GET", srv.URL()+"/")
		r.MaxInterimResponses = tt.max
		resp, err := r.Send(context.Background(), nil)
		if !tt.ok {
			wantCode(t, err, ErrInvalidServerResponse, "receive")
			continue
		}
		if err != nil {
			t.Fatalf("MaxInterimResponses %d: %v", tt.max, err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || string(got) != "ok" {
			t.Fatalf("MaxInterimResponses %d: status %d body %q", tt.max, resp.StatusCode, got)
		}
	}
}
