package engine

import (
	"context"
	"net/http"
	"testing"
	"time"
)

// TestReceiveTimeoutOnReusedConnectionFailsOnce: Go's transport retries
// an idempotent request whose answer never came on a reused keep-alive
// connection, on a new connection with a fresh timeout; WinHTTP fails at
// the first timeout. The request must fail with 12002 after one timeout,
// having used the one connection.
func TestReceiveTimeoutOnReusedConnectionFailsOnce(t *testing.T) {
	stop := make(chan struct{})
	srv, cc := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/stall" {
			select {
			case <-r.Context().Done():
			case <-stop:
			}
			return
		}
		w.Write([]byte("ok"))
	}))
	defer close(stop)
	const timeout = 400 * time.Millisecond
	for _, method := range []string{"GET", "HEAD", "OPTIONS"} {
		t.Run(method, func(t *testing.T) {
			s := testSession(t, SessionOptions{})
			warm := mustRequest(t, s, "GET", srv.URL+"/ok")
			if _, body := fetch(t, warm, nil); body != "ok" {
				t.Fatalf("warm-up body %q", body)
			}
			before := cc.count()

			r := mustRequest(t, s, method, srv.URL+"/stall")
			r.Timeouts = DefaultTimeouts
			r.Timeouts.Receive = timeout
			start := time.Now()
			resp, err := r.Send(context.Background(), nil)
			elapsed := time.Since(start)
			if err == nil {
				resp.Body.Close()
				t.Fatalf("Send succeeded with status %d, want a timeout", resp.StatusCode)
			}
			if got := CodeOf(err); got != ErrTimeout {
				t.Fatalf("error code %d (%v), want %d", got, err, ErrTimeout)
			}
			if elapsed < timeout || elapsed >= 2*timeout {
				t.Fatalf("failed after %v, want within [%v, %v)", elapsed, timeout, 2*timeout)
			}
			if got := cc.count() - before; got != 0 {
				t.Fatalf("%d new connections opened for the timed-out request, want 0", got)
			}
		})
	}
}
