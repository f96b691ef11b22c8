package engine

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestCancel(t *testing.T) {
	tests := []struct {
		name   string
		path   string
		opts   SessionOptions
		url    string // overrides the test server
		inBody bool
	}{
		{name: "waiting for the response head", path: "/sleep"},
		{name: "reading the body", path: "/stall-body", inBody: true},
		{name: "connecting", opts: SessionOptions{DialContext: hangingDial}, url: "http://127.0.0.1:9/"},
		{name: "resolving", opts: SessionOptions{Resolver: blackholeResolver(t)}, url: "http://winhttpjs-cancel.invalid/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
			release := make(chan struct{})
			srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/stall-body" {
					w.Header().Set("Content-Length", "10")
					w.Write([]byte("12345"))
					w.(http.Flusher).Flush()
				}
				select {
				case <-r.Context().Done():
				case <-release:
				}
			}))
			s := NewSession(SessionOptions{Proxy: ProxyConfig{Access: ProxyDirect},
				DialContext: tt.opts.DialContext, Resolver: tt.opts.Resolver})
			url := srv.URL + tt.path
			if tt.url != "" {
				url = tt.url
			}
			r := mustRequest(t, s, "GET", url)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if !tt.inBody {
				time.AfterFunc(100*time.Millisecond, cancel)
			}
			start := time.Now()
			resp, err := r.Send(ctx, nil)
			if tt.inBody {
				if err != nil {
					t.Fatalf("Send: %v", err)
				}
				time.AfterFunc(100*time.Millisecond, cancel)
				_, err = io.ReadAll(resp.Body)
				resp.Body.Close()
			}
			wantCode(t, err, ErrOperationCancelled, "")
			if !errors.Is(err, ErrOperationCancelled) {
				t.Fatalf("errors.Is(%v, ErrOperationCancelled) = false", err)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Fatalf("cancel took %v", d)
			}
			close(release)
			s.Close()
			srv.Close()
		})
	}
}

func TestSendWithCancelledContext(t *testing.T) {
	srv := newRawServer(t, echoOK)
	s := testSession(t, SessionOptions{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := mustRequest(t, s, "GET", srv.URL()).Send(ctx, nil)
	wantCode(t, err, ErrOperationCancelled, "send")
	if n := len(srv.requests()); n != 0 {
		t.Fatalf("%d requests sent after cancel", n)
	}
}
