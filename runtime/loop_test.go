package runtime

import (
	"reflect"
	"sync"
	"testing"
	"time"
)

// newTestLoop returns a loop in a run whose jobs run as they are.
func newTestLoop() *eventLoop {
	l := newEventLoop(func(job func() error) { _ = job() })
	l.begin()
	return l
}

// An enqueue counts once: later calls of the same reservation's enqueue,
// with a job or without, neither run anything nor release another
// reservation.
func TestReserveEnqueueOnce(t *testing.T) {
	tests := []struct {
		name  string
		calls []bool // per call: with a job (true) or nil
		runs  int
	}{
		{name: "job, then job", calls: []bool{true, true}, runs: 1},
		{name: "job, then nil", calls: []bool{true, false}, runs: 1},
		{name: "nil, then job", calls: []bool{false, true}, runs: 0},
		{name: "three jobs", calls: []bool{true, true, true}, runs: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newTestLoop()
			other := l.Reserve() // keeps the loop from being idle
			enqueue := l.Reserve()
			runs := 0
			for _, withJob := range tt.calls {
				if withJob {
					enqueue(func() error { runs++; return nil })
				} else {
					enqueue(nil)
				}
			}
			l.turn()
			if runs != tt.runs {
				t.Errorf("%d runs, want %d", runs, tt.runs)
			}
			l.mu.Lock()
			pending, outstanding := l.pending, len(l.outstanding)
			l.mu.Unlock()
			if pending != 1 || outstanding != 1 {
				t.Errorf("pending %d, outstanding %d; want 1 (the other reservation)", pending, outstanding)
			}
			other(nil)
			if r := l.drive(nil, -1, true); r != driveDone || !l.idle() {
				t.Errorf("drive = %v, idle %v after the last release", r, l.idle())
			}
			l.end()
		})
	}
}

// A reservation of an ended run is dropped in the next one: it neither
// runs its job nor releases a reservation of the new run.
func TestReserveOfEndedRun(t *testing.T) {
	l := newTestLoop()
	stale := l.Reserve()
	go stale(nil) // the ended run waits for it (drainGrace)
	l.end()
	l.begin()
	held := l.Reserve()
	ran := false
	stale(func() error { ran = true; return nil })
	l.turn()
	l.mu.Lock()
	pending := l.pending
	l.mu.Unlock()
	if ran || pending != 1 {
		t.Errorf("stale enqueue: ran %v, pending %d (want false, 1)", ran, pending)
	}
	held(nil)
	l.end()
	if off := l.Reserve(); off == nil {
		t.Fatal("Reserve outside a run returned nil")
	} else {
		off(func() error { t.Error("a job reserved outside a run ran"); return nil })
	}
}

// Results run in the order they were enqueued, each exactly once, across
// turns that reuse the queue's arrays and across a nested wait (a job
// that runs the loop itself while more results arrive).
func TestLoopQueueOrder(t *testing.T) {
	l := newTestLoop()
	var got []int
	var mu sync.Mutex
	record := func(i int) func() error {
		return func() error {
			mu.Lock()
			got = append(got, i)
			mu.Unlock()
			return nil
		}
	}
	const n = 200
	want := make([]int, 0, n)
	next := 0
	enq := func(k int) {
		for j := 0; j < k; j++ {
			l.Reserve()(record(next))
			want = append(want, next)
			next++
		}
	}
	enq(3)
	// A job that waits in the loop: the results enqueued meanwhile run
	// inside it, in order, before the rest of its own turn.
	inner := l.Reserve()
	want = append(want, -1)
	inner(func() error {
		mu.Lock()
		got = append(got, -1)
		mu.Unlock()
		done := make(chan struct{})
		go func() {
			for j := 0; j < 5; j++ {
				l.Reserve()(record(1000 + j))
			}
			l.Reserve()(func() error { close(done); return nil })
		}()
		if ok, err := l.Wait(done, 5*time.Second); !ok || err != nil {
			t.Errorf("nested Wait = %v, %v", ok, err)
		}
		return nil
	})
	for j := 0; j < 5; j++ {
		want = append(want, 1000+j)
	}
	enq(2)
	for next < n {
		enq(7)
		l.turn()
	}
	if r := l.drive(nil, -1, true); r != driveDone {
		t.Fatalf("drive = %v", r)
	}
	l.end()
	// Everything enqueued before the nested wait's job ran before it;
	// results of the nested wait ran inside it.
	mu.Lock()
	defer mu.Unlock()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("order:\n got %v\nwant %v", got, want)
	}
}

// A quiet enqueue (wake false) leaves a sleeping driver asleep, yet its job runs, in
// order with the others, at the next turn; releasing the run's last
// reservation wakes a top-level driver even when quiet.
func TestQuietEnqueue(t *testing.T) {
	l := newTestLoop()
	var order []string
	rec := func(s string) func() error { return func() error { order = append(order, s); return nil } }
	run := func(job func() error) func(any) error { return func(any) error { return job() } }
	qe, qid, _ := l.ReserveToken()
	loud := l.Reserve()
	le, lid, _ := l.ReserveToken()
	done := make(chan struct{})
	asleep := make(chan struct{}, 1)
	l.asleep = func() {
		select {
		case asleep <- struct{}{}:
		default:
		}
	}
	go func() {
		// Enqueued once the driver sleeps (enqueued before, the driver's
		// first turn would run it, as it should).
		<-asleep
		l.EnqueueTokenArg(qe, qid, run(rec("quiet")), nil, false)
		time.Sleep(50 * time.Millisecond)
		// Still asleep: the quiet job has not run.
		close(done)
	}()
	start := time.Now()
	if ok, err := l.Wait(done, 5*time.Second); !ok || err != nil {
		t.Fatalf("Wait = %v, %v", ok, err)
	}
	if time.Since(start) < 40*time.Millisecond {
		t.Errorf("Wait returned after %v, before done was closed", time.Since(start))
	}
	if len(order) != 0 {
		t.Errorf("a quiet job ran while the loop slept: %q", order)
	}
	l.asleep = nil
	loud(rec("loud"))
	l.turn()
	if want := []string{"quiet", "loud"}; !reflect.DeepEqual(order, want) {
		t.Errorf("order %q, want %q", order, want)
	}
	// The last reservation, released quietly, still ends a top-level
	// drive that sleeps waiting for it.
	go func() {
		time.Sleep(20 * time.Millisecond)
		l.EnqueueTokenArg(le, lid, nil, nil, false)
	}()
	result := make(chan driveResult, 1)
	go func() { result <- l.drive(nil, -1, true) }()
	select {
	case r := <-result:
		if r != driveDone {
			t.Errorf("drive = %v", r)
		}
	case <-time.After(5 * time.Second):
		l.stop()
		t.Fatal("the top-level drive did not wake for the last release")
	}
	l.end()
}
