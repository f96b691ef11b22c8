package engine

import (
	"io"
	"net/http"
	"testing"
	"time"
)

// A connection of the engine's HTTP/1.1 transport keeps its receive
// deadline when it goes idle (see timedConn.keepDeadlines): once that
// deadline has passed, the connection is still reused, and the next
// request gets a full timeout of its own.
func TestIdleConnectionOutlivesItsDeadline(t *testing.T) {
	srv, conns := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			time.Sleep(150 * time.Millisecond)
		}
		io.WriteString(w, "ok")
	}))
	s := testSession(t, SessionOptions{Timeouts: &Timeouts{Send: 200 * time.Millisecond, Receive: 200 * time.Millisecond}})
	if _, body := fetch(t, mustRequest(t, s, "GET", srv.URL+"/"), nil); body != "ok" {
		t.Fatalf("first body %q", body)
	}
	// Past the first request's deadline, and its slack.
	time.Sleep(400 * time.Millisecond)
	for i := range 3 {
		// Each answer takes most of the timeout: a deadline left from an
		// earlier request would cut it short.
		if _, body := fetch(t, mustRequest(t, s, "GET", srv.URL+"/slow"), nil); body != "ok" {
			t.Fatalf("request %d after the idle time: body %q", i, body)
		}
	}
	if n := conns.count(); n != 1 {
		t.Errorf("server accepted %d connections, want 1 (the idle one reused)", n)
	}
}

// A receive timeout on a reused connection still fires, with 12002.
func TestReceiveTimeoutOnKeptDeadline(t *testing.T) {
	srv, conns := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/stall" {
			time.Sleep(time.Second)
		}
		io.WriteString(w, "ok")
	}))
	s := testSession(t, SessionOptions{Timeouts: &Timeouts{Send: 5 * time.Second, Receive: 300 * time.Millisecond}})
	for range 3 {
		if _, body := fetch(t, mustRequest(t, s, "GET", srv.URL+"/"), nil); body != "ok" {
			t.Fatalf("body %q", body)
		}
	}
	start := time.Now()
	_, err := mustRequest(t, s, "GET", srv.URL+"/stall").Send(t.Context(), nil)
	if CodeOf(err) != ErrTimeout {
		t.Fatalf("stalled request: %v (code %d), want %d", err, CodeOf(err), ErrTimeout)
	}
	if took := time.Since(start); took < 300*time.Millisecond {
		t.Errorf("timed out after %v, before the 300 ms receive timeout", took)
	}
	if n := conns.count(); n != 1 {
		t.Errorf("server accepted %d connections, want 1", n)
	}
}

func TestMoveDeadline(t *testing.T) {
	now := time.Now()
	tests := []struct {
		name string
		cur  time.Time
		d    time.Duration
		move bool
	}{
		{"none set", time.Time{}, 30 * time.Second, true},
		{"passed", now.Add(-time.Second), 30 * time.Second, true},
		{"too early", now.Add(10 * time.Second), 30 * time.Second, true},
		{"within the slack", now.Add(30*time.Second + 500*time.Millisecond), 30 * time.Second, false},
		{"too late (a longer timeout before)", now.Add(time.Minute), 30 * time.Second, true},
		{"no timeout, none set", time.Time{}, 0, false},
		{"no timeout, one set", now.Add(time.Second), 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dl, move := moveDeadline(tt.cur, tt.d)
			if move != tt.move {
				t.Fatalf("move = %v, want %v", move, tt.move)
			}
			if !move && !dl.Equal(tt.cur) {
				t.Errorf("kept deadline %v, want %v", dl, tt.cur)
			}
			if move && tt.d > 0 {
				if lo, hi := time.Now().Add(tt.d), time.Now().Add(tt.d+deadlineSlack(tt.d)); dl.Before(lo.Add(-time.Second)) || dl.After(hi) {
					t.Errorf("new deadline %v outside [%v, %v]", dl, lo, hi)
				}
			}
			if move && tt.d <= 0 && !dl.IsZero() {
				t.Errorf("new deadline %v, want none", dl)
			}
		})
	}
	if got := deadlineSlack(30 * time.Second); got != time.Second {
		t.Errorf("slack of 30 s = %v, want 1 s", got)
	}
	if got := deadlineSlack(200 * time.Millisecond); got != 25*time.Millisecond {
		t.Errorf("slack of 200 ms = %v, want 25 ms", got)
	}
}

// The idle timer is armed when a connection first goes idle and not moved
// at every return to the pool: when it fires, it closes a connection idle
// for the whole timeout, re-arms for one that went idle later, and lets
// one in use be.
func TestIdleTimerFires(t *testing.T) {
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") }))
	s := testSession(t, SessionOptions{})
	for range 3 {
		if _, body := fetch(t, mustRequest(t, s, "GET", srv.URL+"/"), nil); body != "ok" {
			t.Fatalf("body %q", body)
		}
	}
	tr := s.pool.transport(Security{}, defaultMaxResponseHeaderBytes, nil, false, 0).(*h1Transport)
	idle := func() (*h1Conn, int) {
		tr.mu.Lock()
		defer tr.mu.Unlock()
		var pc *h1Conn
		n := 0
		for _, h := range tr.hosts {
			for _, c := range h.idle {
				pc = c
				n++
			}
		}
		return pc, n
	}
	pc, n := idle()
	if n != 1 {
		t.Fatalf("%d idle connections, want 1", n)
	}
	tr.mu.Lock()
	armed := pc.idleArmed
	tr.mu.Unlock()
	if !armed {
		t.Fatal("the idle connection's timer is not armed")
	}
	// Went idle recently: the timer moves on, the connection stays.
	pc.expire()
	if _, n := idle(); n != 1 {
		t.Fatalf("a connection idle for less than the timeout was closed")
	}
	tr.mu.Lock()
	armed = pc.idleArmed
	pc.idleSince = time.Now().Add(-h1IdleTimeout - time.Second)
	tr.mu.Unlock()
	if !armed {
		t.Fatal("the timer was not re-armed")
	}
	pc.expire()
	if _, n := idle(); n != 0 {
		t.Fatalf("%d idle connections after the idle timeout, want 0", n)
	}
}
