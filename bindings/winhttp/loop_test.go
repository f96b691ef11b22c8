package winhttp_test

import (
	"context"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings"
)

// recordingLoop is a minimal host.Loop that counts reservations, so that
// tests can check the object holds one exactly while a request is in
// flight.
type recordingLoop struct {
	mu      sync.Mutex
	pending int
	most    int
	jobs    []func() error
	wake    chan struct{}
}

func newRecordingLoop() *recordingLoop { return &recordingLoop{wake: make(chan struct{}, 1)} }

func (l *recordingLoop) Reserve() func(job func() error) {
	l.mu.Lock()
	l.pending++
	l.most = max(l.most, l.pending)
	l.mu.Unlock()
	var once sync.Once
	return func(job func() error) {
		once.Do(func() {
			l.mu.Lock()
			l.pending--
			if job != nil {
				l.jobs = append(l.jobs, job)
			}
			l.mu.Unlock()
			select {
			case l.wake <- struct{}{}:
			default:
			}
		})
	}
}

// runQueued runs the queued jobs; it reports whether there were any.
func (l *recordingLoop) runQueued(t *testing.T) bool {
	l.mu.Lock()
	jobs := l.jobs
	l.jobs = nil
	l.mu.Unlock()
	for _, job := range jobs {
		if err := job(); err != nil {
			t.Errorf("job: %v", err)
		}
	}
	return len(jobs) > 0
}

func (l *recordingLoop) Wait(done <-chan struct{}, timeout time.Duration) (bool, error) {
	var expired <-chan time.Time
	if timeout >= 0 {
		expired = time.After(timeout)
	}
	for {
		l.mu.Lock()
		jobs := l.jobs
		l.jobs = nil
		l.mu.Unlock()
		for _, job := range jobs {
			_ = job()
		}
		select {
		case <-done:
			return true, nil
		case <-expired:
			return false, nil
		case <-l.wake:
		}
	}
}

func (l *recordingLoop) outstanding() (pending, most int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.pending, l.most
}

// idle runs jobs as a host's loop does after the script's code, until no
// reservation is left.
func (l *recordingLoop) idle(t *testing.T) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		l.runQueued(t)
		if p, _ := l.outstanding(); p == 0 {
			l.runQueued(t)
			return
		}
		select {
		case <-l.wake:
		case <-deadline:
			t.Fatal("reservations never released")
		}
	}
}

func newLoopEnv(t *testing.T) (*env, *recordingLoop) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	loop := newRecordingLoop()
	rt := goja.New()
	bindings.Install(rt, bindings.Options{Context: ctx, Loop: loop})
	return &env{t: t, rt: rt}, loop
}

// An asynchronous Send holds one reservation of the host's loop until the
// request has ended and its events were delivered through the loop's
// jobs; a synchronous Send holds none.
func TestLoopReservations(t *testing.T) {
	g := newGate(t)
	srv := newServer(t, g.handler("late body"))
	e, loop := newLoopEnv(t)
	e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("GET", "` + srv.URL + `", true);`)
	log := attach(t, e, nil)
	e.run(`r.Send()`)
	if p, _ := loop.outstanding(); p != 1 {
		t.Errorf("in flight: %d reservations, want 1", p)
	}
	g.open()
	loop.idle(t)
	want := []string{"OnResponseStart(200,text/plain)", "OnResponseDataAvailable", "OnResponseFinished()"}
	if !reflect.DeepEqual(log.events, want) || string(log.data) != "late body" {
		t.Errorf("events %q data %q", log.events, log.data)
	}
	if _, most := loop.outstanding(); most != 1 {
		t.Errorf("at most %d reservations at once, want 1", most)
	}
	// Nothing is delivered twice, and a synchronous Send reserves nothing.
	e.run(`r.WaitForResponse(); r.Open("GET", "` + srv.URL + `"); r.Send()`)
	if p, most := loop.outstanding(); p != 0 || most != 1 || len(log.events) != 6 {
		t.Errorf("after a synchronous Send: %d reservations (most %d), events %q", p, most, log.events)
	}
}

// Abort releases the reservation once the cancelled transfer has ended,
// and the events queued before it are dropped.
func TestLoopAbortReleases(t *testing.T) {
	g := newGate(t)
	srv := newServer(t, g.handler("x"))
	e, loop := newLoopEnv(t)
	e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("GET", "` + srv.URL + `", true);`)
	log := attach(t, e, nil)
	e.run(`r.Send(); r.Abort()`)
	loop.idle(t)
	if len(log.events) != 0 {
		t.Errorf("events after Abort: %q", log.events)
	}
}
