package engine

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// testSession is a session that never consults the environment's proxy.
func testSession(t *testing.T, opts SessionOptions) *Session {
	t.Helper()
	if opts.Proxy.Access == ProxyDefault {
		opts.Proxy = ProxyConfig{Access: ProxyDirect}
	}
	s := NewSession(opts)
	t.Cleanup(func() { s.Close() })
	return s
}

// rawServer answers HTTP/1.1 on a plain listener and keeps every request
// exactly as its bytes arrived.
type rawServer struct {
	ln      net.Listener
	respond func(req *http.Request, raw string) string
	mu      sync.Mutex
	raws    []string
	conns   int
	wg      sync.WaitGroup
}

func newRawServer(t *testing.T, respond func(req *http.Request, raw string) string) *rawServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &rawServer{ln: ln, respond: respond}
	s.wg.Add(1)
	go s.serve()
	t.Cleanup(s.close)
	return s
}

func (s *rawServer) URL() string { return "http://" + s.ln.Addr().String() }

func (s *rawServer) serve() {
	defer s.wg.Done()
	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		s.conns++
		s.mu.Unlock()
		conns = append(conns, c)
		s.wg.Add(1)
		go s.handle(c)
	}
}

func (s *rawServer) handle(c net.Conn) {
	defer s.wg.Done()
	defer c.Close()
	var captured bytes.Buffer
	br := bufio.NewReader(io.TeeReader(c, &captured))
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		io.Copy(io.Discard, req.Body)
		raw := captured.String()
		captured.Reset()
		s.mu.Lock()
		s.raws = append(s.raws, raw)
		s.mu.Unlock()
		if _, err := io.WriteString(c, s.respond(req, raw)); err != nil {
			return
		}
	}
}

func (s *rawServer) close() {
	s.ln.Close()
	s.wg.Wait()
}

func (s *rawServer) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.raws...)
}

func (s *rawServer) connCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conns
}

const okResponse = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"

// connCounter counts the connections an httptest server accepts.
type connCounter struct {
	mu sync.Mutex
	n  int
}

func (c *connCounter) hook(_ net.Conn, st http.ConnState) {
	if st == http.StateNew {
		c.mu.Lock()
		c.n++
		c.mu.Unlock()
	}
}

func (c *connCounter) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

// newServer starts an httptest server on 127.0.0.1 counting connections.
func newServer(t *testing.T, h http.Handler) (*httptest.Server, *connCounter) {
	t.Helper()
	cc := &connCounter{}
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ConnState = cc.hook
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, cc
}

// fetch sends and reads the whole body.
func fetch(t *testing.T, r *Request, body []byte) (*Response, string) {
	t.Helper()
	resp, err := r.Send(context.Background(), body)
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading body: %v", err)
	}
	return resp, string(data)
}

func mustRequest(t *testing.T, s *Session, method, url string) *Request {
	t.Helper()
	r, err := s.NewRequest(method, url)
	if err != nil {
		t.Fatalf("NewRequest(%q, %q): %v", method, url, err)
	}
	return r
}

// wantCode checks err carries code and op.
func wantCode(t *testing.T, err error, code Code, op string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error = %v (%T), want *Error with code %d", err, err, code)
	}
	if e.Code != code || (op != "" && e.Op != op) {
		t.Fatalf("error = %v: code %d op %q, want code %d op %q", err, e.Code, e.Op, code, op)
	}
}

// headLines returns the header lines of a raw request, without the
// request line.
func headLines(raw string) []string {
	head, _, _ := strings.Cut(raw, "\r\n\r\n")
	lines := strings.Split(head, "\r\n")
	return lines[1:]
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 5s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
