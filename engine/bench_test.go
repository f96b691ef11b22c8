package engine_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/winhttpjs/winhttpjs/bench/target"
	"github.com/winhttpjs/winhttpjs/engine"
)

// The benchmarks below measure the engine's hot path, a keep-alive GET of
// a 13-byte body, against plain net/http on the same loopback server. The
// server is bench/target's canned one, which allocates nothing per
// request, so allocs/op are the client's own. Compare:
//
//	go test -run '^$' -bench . -benchmem ./engine/

// startCanned starts the allocation-free target for b.
func startCanned(b *testing.B) string {
	b.Helper()
	srv, err := target.StartCanned()
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { srv.Close() })
	return srv.URL + "/hello"
}

// BenchmarkNetHTTPGet is the reference: net/http's client, one keep-alive
// GET and a full body read per op.
func BenchmarkNetHTTPGet(b *testing.B) {
	url := startCanned(b)
	tr := http.DefaultTransport.(*http.Transport).Clone()
	b.Cleanup(tr.CloseIdleConnections)
	client := &http.Client{Transport: tr}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			b.Fatal(err)
		}
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		if err := readAll(resp.Body); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSendGet is the engine's path as the WinHttpRequest object uses
// it: NewRequest on a session, Send, read the body, Close; with the
// session's cookie store, without it, without timeouts (so without
// socket deadlines), and with two header fields of the caller's (the
// request then builds its own header map instead of sharing the
// session's).
func BenchmarkSendGet(b *testing.B) {
	for _, bc := range []struct {
		name       string
		cookies    bool
		noTimeouts bool
		header     bool
	}{{"cookies", true, false, false}, {"no-cookies", false, false, false}, {"no-timeouts", true, true, false}, {"header", true, false, true}} {
		b.Run(bc.name, func(b *testing.B) {
			url := startCanned(b)
			opts := engine.SessionOptions{
				UserAgent:      engine.DefaultUserAgent,
				Proxy:          engine.ProxyConfig{Access: engine.ProxyDirect},
				DisableCookies: !bc.cookies,
			}
			if bc.noTimeouts {
				// No send/receive timeouts: no socket deadlines are set.
				opts.Timeouts = &engine.Timeouts{}
			}
			s := engine.NewSession(opts)
			b.Cleanup(func() { s.Close() })
			ctx := context.Background()
			b.ReportAllocs()
			var header []engine.Field
			if bc.header {
				header = []engine.Field{{Name: "Accept", Value: "*/*"}, {Name: "Accept-Language", Value: "en"}}
			}
			for b.Loop() {
				if err := sendGet(ctx, s, url, header...); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSendGetParallel runs the same request from GOMAXPROCS
// goroutines on one session (a shared pool, as in a script's runtime).
func BenchmarkSendGetParallel(b *testing.B) {
	url := startCanned(b)
	s := engine.NewSession(engine.SessionOptions{
		UserAgent: engine.DefaultUserAgent,
		Proxy:     engine.ProxyConfig{Access: engine.ProxyDirect},
	})
	b.Cleanup(func() { s.Close() })
	ctx := context.Background()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := sendGet(ctx, s, url); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkNetHTTPGetParallel is BenchmarkSendGetParallel's reference.
func BenchmarkNetHTTPGetParallel(b *testing.B) {
	url := startCanned(b)
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 64
	b.Cleanup(tr.CloseIdleConnections)
	client := &http.Client{Transport: tr}
	ctx := context.Background()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
			if err != nil {
				b.Error(err)
				return
			}
			resp, err := client.Do(req)
			if err == nil {
				err = readAll(resp.Body)
			}
			if err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// sendGet makes one GET on s, with the header fields given, and reads
// its body.
func sendGet(ctx context.Context, s *engine.Session, url string, header ...engine.Field) error {
	req, err := s.NewRequest("GET", url)
	if err != nil {
		return err
	}
	for _, f := range header {
		req.Header.Add(f.Name, f.Value)
	}
	resp, err := req.Send(ctx, nil)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return readAll(resp.Body)
}

// readAll reads a 13-byte body into a stack buffer and closes it.
func readAll(body io.ReadCloser) error {
	defer body.Close()
	var buf [64]byte
	n, err := io.ReadFull(body, buf[:13])
	if err != nil {
		return fmt.Errorf("body: %d bytes, %w", n, err)
	}
	if _, err := body.Read(buf[:]); err != io.EOF {
		return fmt.Errorf("body longer than 13 bytes (%v)", err)
	}
	return nil
}

// BenchmarkSendGetCancellable is BenchmarkSendGet/no-cookies with a
// context that can be cancelled (an asynchronous WinHttpRequest's, kept
// across requests as the binding's pool keeps it): the transport then
// arms a hook that closes the connection on cancellation.
func BenchmarkSendGetCancellable(b *testing.B) {
	url := startCanned(b)
	s := engine.NewSession(engine.SessionOptions{
		UserAgent:      engine.DefaultUserAgent,
		Proxy:          engine.ProxyConfig{Access: engine.ProxyDirect},
		DisableCookies: true,
	})
	b.Cleanup(func() { s.Close() })
	ctx, cancel := context.WithCancel(context.Background())
	b.Cleanup(cancel)
	b.ReportAllocs()
	for b.Loop() {
		if err := sendGet(ctx, s, url); err != nil {
			b.Fatal(err)
		}
	}
}
