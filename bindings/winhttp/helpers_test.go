package winhttp_test

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/dop251/goja"
	"github.com/mccutchen/go-httpbin/v2/httpbin"
	"github.com/winhttpjs/winhttpjs/bindings"
	"github.com/winhttpjs/winhttpjs/bindings/com"
)

// env is one script runtime with the bindings installed.
type env struct {
	t  *testing.T
	rt *goja.Runtime
}

func newEnv(t *testing.T) *env {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	rt := goja.New()
	bindings.Install(rt, bindings.Options{Context: ctx})
	return &env{t: t, rt: rt}
}

// run runs src and returns its completion value; an exception fails the test.
func (e *env) run(src string) goja.Value {
	e.t.Helper()
	v, err := e.rt.RunString(src)
	if err != nil {
		e.t.Fatalf("script failed: %v\n%s", err, src)
	}
	return v
}

// str runs src and returns its value as a string.
func (e *env) str(src string) string {
	e.t.Helper()
	return e.run(src).String()
}

// thrown describes a script exception as a script sees it.
type thrown struct {
	detail      string
	number      int64
	description string
	name        string
	hr          uint32
	isCOM       bool
}

// fail runs src, which must throw, and returns what was thrown.
func (e *env) fail(src string) thrown {
	e.t.Helper()
	_, err := e.rt.RunString(src)
	ex, ok := err.(*goja.Exception)
	if !ok {
		e.t.Fatalf("script did not throw (err = %v)\n%s", err, src)
	}
	o, ok := ex.Value().(*goja.Object)
	if !ok {
		e.t.Fatalf("script threw a non-object %v", ex.Value())
	}
	var th thrown
	if n := o.Get("number"); n != nil {
		th.number = n.ToInteger()
	}
	if d := o.Get("description"); d != nil {
		th.description = d.String()
	}
	th.name = o.Get("name").String()
	th.hr, _, th.isCOM = com.ErrorInfo(o)
	th.detail = com.ErrorDetail(o)
	return th
}

func newHTTPBin(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(httpbin.New().Handler())
	t.Cleanup(srv.Close)
	return srv
}

func newServer(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// hresultNumber is err.number for an HRESULT.
func hresultNumber(hr uint32) int64 { return int64(int32(hr)) }

// winhttpNumber is err.number for a WinHTTP error code.
func winhttpNumber(code uint32) int64 { return hresultNumber(0x80070000 | code) }

// rawServer answers every connection with the fixed bytes of response,
// after reading the request head, so that tests control the exact header
// text and order.
func rawServer(t *testing.T, response string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	t.Cleanup(func() {
		ln.Close()
		wg.Wait()
	})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer c.Close()
				br := bufio.NewReader(c)
				for {
					line, err := br.ReadString('\n')
					if err != nil || line == "\r\n" {
						break
					}
				}
				_, _ = io.WriteString(c, response)
			}()
		}
	}()
	return "http://" + ln.Addr().String()
}

// closedPort returns a loopback URL on which nothing listens.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr
}

// recorded is what a recording server saw of the last request.
type recorded struct {
	mu     sync.Mutex
	count  int
	method string
	proto  string
	body   []byte
	header http.Header
	uri    string
}

func (r *recorded) get() recorded {
	r.mu.Lock()
	defer r.mu.Unlock()
	return recorded{count: r.count, method: r.method, proto: r.proto, body: r.body, header: r.header.Clone(), uri: r.uri}
}

// recordingServer records each request and answers 200 "ok".
func recordingServer(t *testing.T) (string, *recorded) {
	t.Helper()
	rec := &recorded{}
	srv := newServer(t, func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		rec.mu.Lock()
		rec.count++
		rec.method, rec.proto, rec.body, rec.header, rec.uri = req.Method, req.Proto, b, req.Header.Clone(), req.RequestURI
		rec.mu.Unlock()
		_, _ = io.WriteString(w, "ok")
	})
	return srv.URL, rec
}

// gate is a handler that blocks until released (or the test ends).
type gate struct {
	release chan struct{}
	once    sync.Once
}

func newGate(t *testing.T) *gate {
	g := &gate{release: make(chan struct{})}
	t.Cleanup(g.open)
	return g
}

func (g *gate) handler(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		select {
		case <-g.release:
		case <-req.Context().Done():
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, body)
	}
}

func (g *gate) open() { g.once.Do(func() { close(g.release) }) }
