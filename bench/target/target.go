// Package target is the loopback HTTP server the benchmarks run against.
//
// It serves, on 127.0.0.1 only:
//
//	GET  /hello     the 13-byte body "Hello, world!" (text/plain)
//	GET  /bytes/N   N bytes (a repeating pattern) with a Content-Length
//	POST /upload    reads and discards the request body, answers its length
//
// Every response carries a Content-Length, so keep-alive works for every
// client. Start serves it with Go's net/http server; StartCanned (canned.go)
// is an allocation-free server of /hello used by the allocation
// benchmarks, so that allocations counted in-process are the client's.
package target

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Hello is the body of /hello.
const Hello = "Hello, world!"

// chunk is the pattern /bytes/N repeats; 256 KiB keeps writes large.
var chunk = func() []byte {
	b := make([]byte, 256<<10)
	for i := range b {
		b[i] = byte('a' + i%26)
	}
	return b
}()

// Server is a running target server.
type Server struct {
	// URL is the base URL, "http://127.0.0.1:PORT", no trailing slash.
	URL   string
	srv   *http.Server
	ln    net.Listener
	done  chan error
	conns atomic.Int64
}

// Conns is the number of connections the server has accepted so far: a
// client that keeps its connection alive opens one per request in flight.
func (s *Server) Conns() int64 { return s.conns.Load() }

// Handler returns the target's routes.
func Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /hello", hello)
	mux.HandleFunc("GET /bytes/{n}", serveBytes)
	mux.HandleFunc("POST /upload", upload)
	mux.HandleFunc("PUT /upload", upload)
	return mux
}

var helloLen = strconv.Itoa(len(Hello))

func hello(w http.ResponseWriter, _ *http.Request) {
	h := w.Header()
	h["Content-Type"] = []string{"text/plain"}
	h["Content-Length"] = []string{helloLen}
	_, _ = io.WriteString(w, Hello)
}

func serveBytes(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.ParseInt(r.PathValue("n"), 10, 64)
	if err != nil || n < 0 {
		http.Error(w, "bad length", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", strconv.FormatInt(n, 10))
	for n > 0 {
		k := min(n, int64(len(chunk)))
		if _, err := w.Write(chunk[:k]); err != nil {
			return
		}
		n -= k
	}
}

func upload(w http.ResponseWriter, r *http.Request) {
	n, err := io.Copy(io.Discard, r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s := strconv.FormatInt(n, 10)
	w.Header().Set("Content-Type", "text/plain")
	w.Header().Set("Content-Length", strconv.Itoa(len(s)))
	_, _ = io.WriteString(w, s)
}

// Start serves Handler on addr, which must be a loopback address
// ("127.0.0.1:0" picks a free port).
func Start(addr string) (*Server, error) {
	if err := checkLoopback(addr); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("target: %w", err)
	}
	s := &Server{
		URL:  "http://" + ln.Addr().String(),
		srv:  &http.Server{Handler: Handler(), ReadHeaderTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute},
		ln:   ln,
		done: make(chan error, 1),
	}
	s.srv.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			s.conns.Add(1)
		}
	}
	go func() { s.done <- s.srv.Serve(ln) }()
	return s, nil
}

// Close stops the server and its connections.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	if err != nil {
		_ = s.srv.Close()
	}
	if serveErr := <-s.done; !errors.Is(serveErr, http.ErrServerClosed) && err == nil {
		err = serveErr
	}
	return err
}

// checkLoopback refuses listen addresses that are not 127.0.0.1.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("target: %w", err)
	}
	if host != "127.0.0.1" {
		return fmt.Errorf("target: listen address %q is not on 127.0.0.1", addr)
	}
	return nil
}

// closer tracks the connections of a hand-written server so Close can end
// them.
type closer struct {
	mu    sync.Mutex
	conns map[net.Conn]struct{}
	shut  bool
}

func (c *closer) add(conn net.Conn) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.shut {
		return false
	}
	if c.conns == nil {
		c.conns = make(map[net.Conn]struct{})
	}
	c.conns[conn] = struct{}{}
	return true
}

func (c *closer) remove(conn net.Conn) {
	c.mu.Lock()
	delete(c.conns, conn)
	c.mu.Unlock()
}

func (c *closer) closeAll() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.shut = true
	for conn := range c.conns {
		_ = conn.Close()
	}
}
