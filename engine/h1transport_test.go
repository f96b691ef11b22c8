package engine

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// scriptedServer hands each accepted connection to serve, which speaks
// HTTP by hand: what a well-behaved server never does is what these
// tests need.
type scriptedServer struct {
	ln    net.Listener
	conns atomic.Int32
	wg    sync.WaitGroup
}

func newScriptedServer(t *testing.T, serve func(n int, c net.Conn, br *bufio.Reader)) *scriptedServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &scriptedServer{ln: ln}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			n := int(s.conns.Add(1))
			s.wg.Add(1)
			go func() {
				defer s.wg.Done()
				defer c.Close()
				serve(n, c, bufio.NewReader(c))
			}()
		}
	}()
	t.Cleanup(func() { ln.Close(); s.wg.Wait() })
	return s
}

func (s *scriptedServer) URL() string { return "http://" + s.ln.Addr().String() }

// readRequest reads one request and its body from br.
func readRequest(br *bufio.Reader) (*http.Request, string, error) {
	req, err := http.ReadRequest(br)
	if err != nil {
		return nil, "", err
	}
	body, err := io.ReadAll(req.Body)
	return req, string(body), err
}

// TestStaleIdleConnectionIsNotReused covers a server that drops a
// kept-alive connection without saying so: the next request, even one
// that could not safely be sent twice, goes out on a new connection.
func TestStaleIdleConnectionIsNotReused(t *testing.T) {
	tests := []struct {
		name  string
		after string // what the server does after its first answer
	}{
		{"closed", ""},
		{"unsolicited bytes", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nstale"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			firstDone := make(chan struct{})
			srv := newScriptedServer(t, func(n int, c net.Conn, br *bufio.Reader) {
				for {
					req, body, err := readRequest(br)
					if err != nil {
						return
					}
					fmt.Fprintf(c, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s %s#%d", len(req.Method)+len(body)+3, req.Method, body, n)
					if n == 1 {
						if tt.after != "" {
							// Apart from the answer, once the client has
							// read it, and before the next request takes
							// the connection.
							time.Sleep(20 * time.Millisecond)
							io.WriteString(c, tt.after)
							time.Sleep(20 * time.Millisecond)
						}
						close(firstDone)
						if tt.after == "" {
							return // closes the connection
						}
					}
				}
			})
			s := testSession(t, SessionOptions{})
			_, got := fetch(t, mustRequest(t, s, "GET", srv.URL()+"/"), nil)
			if got != "GET #1" {
				t.Fatalf("first body = %q, want %q", got, "GET #1")
			}
			<-firstDone
			if tt.after == "" {
				// Let the close reach the client's socket.
				time.Sleep(20 * time.Millisecond)
			}
			resp, got := fetch(t, mustRequest(t, s, "POST", srv.URL()+"/"), []byte("abc"))
			if resp.StatusCode != 200 || got != "POST abc#2" {
				t.Fatalf("second answer = %d %q, want 200 %q", resp.StatusCode, got, "POST abc#2")
			}
			if n := srv.conns.Load(); n != 2 {
				t.Fatalf("server accepted %d connections, want 2", n)
			}
		})
	}
}

// TestKeepAliveAcrossMethodsAndBodies sends requests of every shape the
// transport writes differently (no body, a short body written before the
// answer is read, a long one written alongside, a stream of unknown
// length) one after another: all ride one connection.
func TestKeepAliveAcrossMethodsAndBodies(t *testing.T) {
	srv, cc := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := io.Copy(io.Discard, r.Body)
		fmt.Fprintf(w, "%s %d %v", r.Method, n, r.TransferEncoding)
	}))
	s := testSession(t, SessionOptions{})
	long := make([]byte, 3<<20)
	tests := []struct {
		method string
		send   func(r *Request) (*Response, error)
		want   string
	}{
		{"GET", func(r *Request) (*Response, error) { return r.Send(context.Background(), nil) }, "GET 0 []"},
		{"POST", func(r *Request) (*Response, error) { return r.Send(context.Background(), []byte("short")) }, "POST 5 []"},
		{"PUT", func(r *Request) (*Response, error) { return r.Send(context.Background(), long) }, "PUT 3145728 []"},
		{"POST", func(r *Request) (*Response, error) {
			return r.SendReader(context.Background(), strings.NewReader("streamed"), -1)
		}, "POST 8 [chunked]"},
		{"DELETE", func(r *Request) (*Response, error) { return r.Send(context.Background(), nil) }, "DELETE 0 []"},
		{"HEAD", func(r *Request) (*Response, error) { return r.Send(context.Background(), nil) }, ""},
		{"GET", func(r *Request) (*Response, error) { return r.Send(context.Background(), nil) }, "GET 0 []"},
	}
	for i, tt := range tests {
		resp, err := tt.send(mustRequest(t, s, tt.method, srv.URL+"/"))
		if err != nil {
			t.Fatalf("#%d %s: %v", i, tt.method, err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || string(body) != tt.want {
			t.Fatalf("#%d %s: body %q, %v; want %q", i, tt.method, body, err, tt.want)
		}
	}
	if n := cc.count(); n != 1 {
		t.Fatalf("server accepted %d connections, want 1", n)
	}
}

// TestBodyClosedEarlyClosesConnection: a body left unread cannot leave
// its connection in the pool (the next answer would be read from the
// middle of it); a body read to its end does.
func TestBodyClosedEarlyClosesConnection(t *testing.T) {
	srv, cc := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(make([]byte, 256<<10))
	}))
	s := testSession(t, SessionOptions{})
	steps := []struct {
		readAll bool
		conns   int
	}{
		{true, 1},
		{true, 1},
		{false, 1}, // this request reuses the first connection, then drops it
		{true, 2},
		{true, 2},
	}
	for i, st := range steps {
		resp, err := mustRequest(t, s, "GET", srv.URL+"/").Send(context.Background(), nil)
		if err != nil {
			t.Fatalf("#%d: %v", i, err)
		}
		if st.readAll {
			if n, err := io.Copy(io.Discard, resp.Body); err != nil || n != 256<<10 {
				t.Fatalf("#%d: read %d, %v", i, n, err)
			}
		} else {
			buf := make([]byte, 100)
			if _, err := io.ReadFull(resp.Body, buf); err != nil {
				t.Fatalf("#%d: %v", i, err)
			}
		}
		resp.Body.Close()
		if _, err := resp.Body.Read(make([]byte, 1)); err == nil {
			t.Fatalf("#%d: read after Close succeeded", i)
		}
		if n := cc.count(); n != st.conns {
			t.Fatalf("#%d: server accepted %d connections, want %d", i, n, st.conns)
		}
	}
}

// TestCancelledWaiterPassesItsTurn: with the server's connection cap
// reached, a request that gives up waiting must not take with it the
// wake-up meant for the next one.
func TestCancelledWaiterPassesItsTurn(t *testing.T) {
	release := make(chan struct{})
	srv, cc := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/hold" {
			w.WriteHeader(200)
			w.(http.Flusher).Flush()
			<-release
		}
		io.WriteString(w, r.URL.Path)
	}))
	s := testSession(t, SessionOptions{})
	req := func(path string) *Request {
		r := mustRequest(t, s, "GET", srv.URL+path)
		r.MaxConnsPerServer = 1
		return r
	}
	held, err := req("/hold").Send(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	// One waiter gives up, another keeps waiting.
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err = req("/gives-up").Send(ctx, nil)
	wantCode(t, err, ErrTimeout, "")
	waited := make(chan string, 1)
	go func() {
		resp, err := req("/waits").Send(context.Background(), nil)
		if err != nil {
			waited <- err.Error()
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		waited <- string(b)
	}()
	time.Sleep(20 * time.Millisecond)
	close(release)
	if b, err := io.ReadAll(held.Body); err != nil || string(b) != "/hold" {
		t.Fatalf("held body %q, %v", b, err)
	}
	held.Body.Close()
	select {
	case got := <-waited:
		if got != "/waits" {
			t.Fatalf("waiting request got %q, want %q", got, "/waits")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the waiting request never got the connection")
	}
	if n := cc.count(); n != 1 {
		t.Fatalf("server accepted %d connections, want 1", n)
	}
}

// TestCancelDuringBodyRead: cancelling the request's context ends a body
// read that is waiting for the server.
func TestCancelDuringBodyRead(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "10")
		w.WriteHeader(200)
		io.WriteString(w, "part")
		w.(http.Flusher).Flush()
		<-release
	}))
	s := testSession(t, SessionOptions{})
	ctx, cancel := context.WithCancel(context.Background())
	resp, err := mustRequest(t, s, "GET", srv.URL+"/").Send(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	buf := make([]byte, 4)
	if _, err := io.ReadFull(resp.Body, buf); err != nil || string(buf) != "part" {
		t.Fatalf("read %q, %v", buf, err)
	}
	time.AfterFunc(30*time.Millisecond, cancel)
	_, err = resp.Body.Read(buf)
	wantCode(t, err, ErrOperationCancelled, "receive")
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %T", err)
	}
}

// writeCounter counts the writes made on a connection.
type writeCounter struct {
	net.Conn
	writes *atomic.Int32
}

func (c writeCounter) Write(p []byte) (int, error) {
	c.writes.Add(1)
	return c.Conn.Write(p)
}

// TestLargeBodyGoesOutInLargeWrites: a body in memory is copied to the
// connection in writes of bodyWriteSize, not of the 4 KiB write buffer
// (each write is a system call: 4 KiB writes made uploads four times
// slower than Go's transport).
func TestLargeBodyGoesOutInLargeWrites(t *testing.T) {
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := io.Copy(io.Discard, r.Body)
		fmt.Fprint(w, n)
	}))
	var writes atomic.Int32
	s := NewSession(SessionOptions{Proxy: ProxyConfig{Access: ProxyDirect},
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			var d net.Dialer
			c, err := d.DialContext(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			return writeCounter{c, &writes}, nil
		}})
	t.Cleanup(func() { s.Close() })
	const size = 4 << 20
	_, got := fetch(t, mustRequest(t, s, "PUT", srv.URL+"/"), make([]byte, size))
	if got != fmt.Sprint(size) {
		t.Fatalf("server read %s bytes, want %d", got, size)
	}
	// The head (with the start of the body) in one write, the rest in
	// 256 KiB writes: 17 at most; 4 KiB writes would be over 1,000.
	if n := writes.Load(); n > size/bodyWriteSize+1 {
		t.Fatalf("the request went out in %d writes, want at most %d", n, size/bodyWriteSize+1)
	}
}

// TestServerEntriesEndWithTheirConnections: once a server's connections
// are closed, the transport keeps nothing for it.
func TestServerEntriesEndWithTheirConnections(t *testing.T) {
	s := testSession(t, SessionOptions{})
	var srvs []string
	for range 3 {
		srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") }))
		srvs = append(srvs, srv.URL)
	}
	for _, u := range srvs {
		if _, body := fetch(t, mustRequest(t, s, "GET", u+"/"), nil); body != "ok" {
			t.Fatalf("body %q", body)
		}
	}
	tr := s.pool.transport(Security{}, defaultMaxResponseHeaderBytes, nil, false, 0).(*h1Transport)
	count := func() int {
		tr.mu.Lock()
		defer tr.mu.Unlock()
		return len(tr.hosts)
	}
	if n := count(); n != 3 {
		t.Fatalf("%d server entries with idle connections, want 3", n)
	}
	s.pool.CloseIdleConnections()
	if n := count(); n != 0 {
		t.Fatalf("%d server entries after closing the idle connections, want 0", n)
	}
}
