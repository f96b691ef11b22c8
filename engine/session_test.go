package engine

import (
	"context"
	"testing"
)

func TestMisuseGivesErrorsNotPanics(t *testing.T) {
	var nilSession *Session
	var nilConn *Connection
	var nilReq *Request
	tests := []struct {
		name string
		call func() error
		code Code
	}{
		{"NewRequest on nil Session", func() error { _, err := nilSession.NewRequest("GET", "http://a/"); return err }, ErrInvalidHandle},
		{"Connect on nil Session", func() error { _, err := nilSession.Connect("a", 80); return err }, ErrInvalidHandle},
		{"NewRequest on zero Session", func() error { _, err := (&Session{}).NewRequest("GET", "http://a/"); return err }, ErrIncorrectHandleState},
		{"OpenRequest on nil Connection", func() error { _, err := nilConn.OpenRequest("GET", "/", false); return err }, ErrInvalidHandle},
		{"Send on nil Request", func() error { _, err := nilReq.Send(context.Background(), nil); return err }, ErrInvalidHandle},
		{"Send on a literal Request", func() error { _, err := (&Request{}).Send(context.Background(), nil); return err }, ErrIncorrectHandleState},
		{"Send without URL", func() error {
			s := testSession(t, SessionOptions{})
			r := mustRequest(t, s, "GET", "http://a/")
			r.URL = nil
			_, err := r.Send(context.Background(), nil)
			return err
		}, ErrInvalidURL},
		{"Send with a method changed to garbage", func() error {
			s := testSession(t, SessionOptions{})
			r := mustRequest(t, s, "GET", "http://a/")
			r.Method = "BAD METHOD"
			_, err := r.Send(context.Background(), nil)
			return err
		}, ErrInvalidParameter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantCode(t, tt.call(), tt.code, "")
		})
	}
	if nilSession.Close() != nil || nilSession.Cookies() != nil {
		t.Fatal("nil Session Close/Cookies")
	}
}

func TestZeroPoolIsUsable(t *testing.T) {
	srv := newRawServer(t, echoOK)
	pool := &Pool{}
	s := testSession(t, SessionOptions{Pool: pool})
	if _, body := fetch(t, mustRequest(t, s, "GET", srv.URL()), nil); body != "ok" {
		t.Fatalf("body %q", body)
	}
	pool.CloseIdleConnections()
}

func TestSessionDefaults(t *testing.T) {
	custom := Timeouts{Resolve: 1, Connect: 2, Send: 3, Receive: 4}
	tests := []struct {
		name string
		opts SessionOptions
		want Timeouts
	}{
		{"WinHTTP defaults", SessionOptions{}, Timeouts{Connect: 60e9, Send: 30e9, Receive: 30e9}},
		{"session timeouts", SessionOptions{Timeouts: &custom}, custom},
	}
	for _, tt := range tests {
		s := testSession(t, tt.opts)
		r := mustRequest(t, s, "GET", "http://example.com/")
		if r.Timeouts != tt.want || r.Session() != s || r.UserAgent != nil || r.Proxy != nil {
			t.Fatalf("%s: request %+v", tt.name, r)
		}
	}
}

func TestSessionConcurrentRequests(t *testing.T) {
	srv, cc := newServer(t, cookieHandler())
	s := testSession(t, SessionOptions{})
	const n = 20
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		go func() {
			r, err := s.NewRequest("GET", srv.URL+"/set")
			if err == nil {
				var resp *Response
				resp, err = r.Send(context.Background(), nil)
				if err == nil {
					resp.Body.Close()
				}
			}
			errs <- err
		}()
	}
	for i := 0; i < n; i++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if got := cc.count(); got < 1 || got > n {
		t.Fatalf("%d connections for %d concurrent requests", got, n)
	}
	_, body := fetch(t, mustRequest(t, s, "GET", srv.URL+"/show"), nil)
	if body != `["sid=abc"]` {
		t.Fatalf("cookie after concurrent requests: %s", body)
	}
}
