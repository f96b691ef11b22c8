package runtime

import (
	"reflect"
	"testing"
)

// A token reservation's job with an argument runs in order with closure
// jobs, gets its own argument even when a job before it runs a nested
// turn that runs another argument job, counts once, and a release (nil
// function) runs nothing.
func TestReserveTokenArgJobs(t *testing.T) {
	l := newTestLoop()
	var order []string
	rec := func(arg any) error { order = append(order, arg.(string)); return nil }
	keep := l.Reserve() // keeps the loop from being idle

	e1, id1, ok1 := l.ReserveToken()
	loud := l.Reserve()
	e2, id2, ok2 := l.ReserveToken()
	e3, id3, ok3 := l.ReserveToken()
	e4, id4, ok4 := l.ReserveToken()
	if !ok1 || !ok2 || !ok3 || !ok4 || id1 == 0 || id1 == id2 || id2 == id3 {
		t.Fatalf("ReserveToken: ok %v %v %v %v, ids %d %d %d", ok1, ok2, ok3, ok4, id1, id2, id3)
	}
	l.EnqueueTokenArg(e1, id1, rec, "first", false)
	l.EnqueueTokenArg(e1, id1, rec, "first again", true) // spent already
	loud(func() error {
		order = append(order, "loud")
		// A nested turn, as a handler waiting inside a job makes.
		l.EnqueueTokenArg(e3, id3, rec, "nested", true)
		l.turn()
		return nil
	})
	l.EnqueueTokenArg(e2, id2, rec, "second", true)
	l.EnqueueTokenArg(e4, id4, nil, nil, true) // a release
	l.turn()
	l.turn()
	// The nested turn runs what was queued after the outer turn took its
	// jobs; the outer one then goes on with "second", whose argument the
	// nested job did not overwrite.
	want := []string{"first", "loud", "nested", "second"}
	if !reflect.DeepEqual(order, want) {
		t.Errorf("order %q, want %q", order, want)
	}
	l.mu.Lock()
	pending, outstanding, argFn, argVal := l.pending, len(l.outstanding), l.argFn, l.argVal
	l.mu.Unlock()
	if pending != 1 || outstanding != 1 || argFn != nil || argVal != nil {
		t.Errorf("pending %d, outstanding %d, argFn set %v, argVal %v; want 1, 1, false, nil", pending, outstanding, argFn != nil, argVal)
	}
	keep(nil)
	l.end()

	// Between runs a token is (_, 0, false) and spending it does nothing.
	_, id, ok := l.ReserveToken()
	if ok || id != 0 {
		t.Errorf("between runs: id %d, ok %v; want 0, false", id, ok)
	}
	l.EnqueueTokenArg(0, 0, rec, "between runs", true)
	l.mu.Lock()
	queued := len(l.queue)
	l.mu.Unlock()
	if queued != 0 || len(order) != 4 {
		t.Errorf("between runs: %d queued, order %q", queued, order)
	}
}

// A token job whose run is ending is skipped by runJob and leaves no
// argument behind for the next one.
func TestReserveTokenArgSkipped(t *testing.T) {
	skip := true
	ran := 0
	l := newEventLoop(func(job func() error) {
		if !skip {
			_ = job()
		}
	})
	l.begin()
	defer l.end()
	e, id, _ := l.ReserveToken()
	e2, id2, _ := l.ReserveToken()
	keep := l.Reserve()
	l.EnqueueTokenArg(e, id, func(any) error { ran++; return nil }, "x", true)
	l.turn()
	if ran != 0 || l.argFn != nil || l.argVal != nil {
		t.Errorf("skipped job: ran %d, argFn set %v, argVal %v", ran, l.argFn != nil, l.argVal)
	}
	skip = false
	var got any
	l.EnqueueTokenArg(e2, id2, func(a any) error { got = a; return nil }, "y", true)
	l.turn()
	if got != "y" {
		t.Errorf("next job got %v, want y", got)
	}
	keep(nil)
}
