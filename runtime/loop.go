package runtime

import (
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/winhttpjs/winhttpjs/bindings/host"
)

// errRunEnding is what Wait returns when it stopped because the run is
// ending (WScript.Quit, an uncaught error, the time limit, cancellation).
var errRunEnding = errors.New("the script is ending")

// drainGrace bounds how long the end of a run waits for Go work that was
// cancelled (requests in flight at WScript.Quit) to report back. Cancelled
// work returns at once; the bound only protects against a binding that
// ignores cancellation, whose late results are then dropped.
const drainGrace = 10 * time.Second

// foreverish is a timeout treated as no limit (about 146 years), so that
// deadlines never overflow.
const foreverish = time.Duration(1 << 62)

// eventLoop is the script's event loop: the queue of results of Go work
// (host.Loop), timers and immediates, and the driver that runs them on the
// script's goroutine — at the top level once the script's code has run,
// and nested inside WScript.Sleep and WaitForResponse.
//
// goja_nodejs' loop cannot serve here: its timers are delivered through a
// channel only its own Run reads, so they could never fire while the
// script blocks in WScript.Sleep, and its Run returns while Go work is
// still in flight. This loop keeps its shape (reserve, enqueue, run on the
// loop goroutine) and adds both.
//
// The fields above mu's block are used only on the script's goroutine.
type eventLoop struct {
	timers     timerHeap
	immediates []*timer
	seq        uint64 // orders timers due at the same instant
	runJob     func(job func() error)
	// argJob and argFn/argVal run a queued job with an argument through
	// runJob, which takes a func() error: argJob, made once, calls the
	// argFn(argVal) set just before, so such a job costs no closure.
	argJob func() error
	argFn  func(any) error
	argVal any

	mu      sync.Mutex
	epoch   uint64 // the current run; results of older runs are dropped
	open    bool   // a run is in progress
	pending int    // reservations not yet enqueued
	// outstanding holds the ids of this run's reservations not yet
	// enqueued (len == pending); lastID numbers them.
	outstanding map[uint64]struct{}
	lastID      uint64
	queue       []queuedJob   // results waiting to run
	spare       []queuedJob   // a drained queue's array, reused by the next (nil while a turn runs it)
	drained     chan struct{} // closed when pending drops to 0 at the end of a run

	wake     chan struct{} // poked when a job is queued (unless quietly), when pending drops to 0, or on stop
	stopping atomic.Bool

	// asleep, when set (by tests), is called each time a driver is about
	// to sleep: what runs after it finds the driver asleep.
	asleep func()
}

// queuedJob is a result waiting to run: job(), or fn(arg) (EnqueueTokenArg).
type queuedJob struct {
	job func() error
	fn  func(any) error
	arg any
}

func newEventLoop(runJob func(job func() error)) *eventLoop {
	l := &eventLoop{runJob: runJob, wake: make(chan struct{}, 1)}
	l.argJob = func() error {
		// Taken at once: the job may run a nested turn that sets them
		// again for another job.
		fn, arg := l.argFn, l.argVal
		l.argFn, l.argVal = nil, nil
		return fn(arg)
	}
	return l
}

// begin starts a run.
func (l *eventLoop) begin() {
	l.mu.Lock()
	l.epoch++
	l.open = true
	l.pending = 0
	clear(l.outstanding)
	l.queue = nil
	l.mu.Unlock()
	l.stopping.Store(false)
	select {
	case <-l.wake: // a stale poke from the last run
	default:
	}
}

// end finishes a run: timers and queued results are dropped, and Go work
// still in flight (it has been cancelled) is given drainGrace to report
// back, so that no goroutine of this run outlives it.
func (l *eventLoop) end() {
	l.stop()
	// The script may still hold these timers and clear them in a later
	// run: mark them so that clearing one touches nothing.
	for _, t := range l.timers {
		t.cleared, t.index = true, -1
	}
	for _, t := range l.immediates {
		t.cleared = true
	}
	l.timers = nil
	l.immediates = nil
	l.mu.Lock()
	l.queue = nil
	var drained chan struct{}
	if l.pending > 0 {
		drained = make(chan struct{})
		l.drained = drained
	}
	l.mu.Unlock()
	if drained != nil {
		t := time.NewTimer(drainGrace)
		select {
		case <-drained:
		case <-t.C:
		}
		t.Stop()
	}
	l.mu.Lock()
	l.open = false
	l.epoch++
	l.pending = 0
	clear(l.outstanding)
	l.queue = nil
	l.drained = nil
	l.mu.Unlock()
}

// stop makes the drivers return as soon as the callback in progress does.
// It is safe to call from any goroutine.
func (l *eventLoop) stop() {
	l.stopping.Store(true)
	l.poke()
}

func (l *eventLoop) poke() {
	select {
	case l.wake <- struct{}{}:
	default:
	}
}

// Reserve implements host.Loop. It is safe to call from any goroutine.
func (l *eventLoop) Reserve() (enqueue func(job func() error)) {
	epoch, id, open := l.reserve()
	if !open {
		return func(func() error) {}
	}
	return func(job func() error) { l.enqueue(epoch, id, queuedJob{job: job}, true) }
}

// The loop is a host.TokenLoop: bindings that reserve it per request
// (an asynchronous WinHttpRequest.Send) keep two numbers instead of an
// enqueue closure, queue one function for all their requests, and leave a
// sleeping driver asleep for a job with nothing to show the script.
var _ host.TokenLoop = (*eventLoop)(nil)

// ReserveToken implements host.TokenLoop. ok false (between runs) gives a
// reservation whose EnqueueTokenArg does nothing, as Reserve's no-op
// enqueue.
func (l *eventLoop) ReserveToken() (epoch, id uint64, ok bool) {
	return l.reserve()
}

// EnqueueTokenArg implements host.TokenLoop. Safe from any goroutine.
func (l *eventLoop) EnqueueTokenArg(epoch, id uint64, fn func(arg any) error, arg any, wake bool) {
	if id == 0 {
		return // made between runs (reserve numbers from 1)
	}
	var q queuedJob
	if fn != nil {
		q = queuedJob{fn: fn, arg: arg}
	}
	l.enqueue(epoch, id, q, wake)
}

// reserve records a reservation of the current run; open is false (and
// nothing recorded) between runs.
func (l *eventLoop) reserve() (epoch, id uint64, open bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	epoch, open = l.epoch, l.open
	if !open {
		return epoch, 0, false
	}
	l.pending++
	// The loop remembers which reservations are outstanding, so that
	// enqueue needs no sync.Once of its own: one allocation (the closure)
	// per reservation instead of three.
	l.lastID++
	id = l.lastID
	if l.outstanding == nil {
		l.outstanding = make(map[uint64]struct{})
	}
	l.outstanding[id] = struct{}{}
	return epoch, id, true
}

// enqueue spends reservation id of run epoch on job; later calls for the
// same reservation do nothing. A driver asleep is woken when job is to run and wake is set, or when
// the last reservation is released (a top-level driver then returns); a
// release (nil job) with others outstanding gives it nothing to do.
func (l *eventLoop) enqueue(epoch, id uint64, job queuedJob, wake bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if epoch != l.epoch {
		return // the run it belonged to is over
	}
	if _, ok := l.outstanding[id]; !ok {
		return // spent already
	}
	delete(l.outstanding, id)
	l.pending--
	if l.drained != nil {
		// The run is ending: results are not run any more.
		if l.pending == 0 {
			close(l.drained)
			l.drained = nil
		}
		return
	}
	queued := job.job != nil || job.fn != nil
	if queued {
		l.queue = append(l.queue, job)
	}
	if queued && wake || l.pending == 0 {
		l.poke()
	}
}

// Wait implements host.Loop: it runs callbacks until done is closed, the
// timeout passes or the run is stopped.
func (l *eventLoop) Wait(done <-chan struct{}, timeout time.Duration) (bool, error) {
	switch l.drive(done, timeout, false) {
	case driveDone:
		return true, nil
	case driveTimeout:
		return false, nil
	}
	return false, errRunEnding
}

// driveResult is why drive returned.
type driveResult int

const (
	driveDone    driveResult = iota // done was closed (or, at the top level, nothing is left)
	driveTimeout                    // the timeout passed
	driveStopped                    // the run is ending
)

// drive runs turns of the loop on the script's goroutine. At the top level
// (done nil, timeout negative, top set) it returns when nothing is left
// that could run a callback; nested, when done is closed or the timeout
// passes. Each turn runs the timers that are due, then the results of Go
// work, then the immediates, as Node's phases do.
func (l *eventLoop) drive(done <-chan struct{}, timeout time.Duration, top bool) driveResult {
	var deadline time.Time
	if timeout >= 0 && timeout < foreverish {
		deadline = time.Now().Add(timeout)
	}
	// The clock is made on the first sleep that needs one: a wait with no
	// deadline and no timer due (WaitForResponse without a timeout) makes
	// none, and most waits for a request already done never sleep.
	var clock *time.Timer
	defer func() {
		if clock != nil {
			clock.Stop()
		}
	}()
	for {
		if l.stopping.Load() {
			return driveStopped
		}
		if isClosed(done) {
			return driveDone
		}
		ran := l.turn()
		if l.stopping.Load() {
			return driveStopped
		}
		if isClosed(done) {
			return driveDone
		}
		if top && l.idle() {
			return driveDone
		}
		now := time.Now()
		if !deadline.IsZero() && !now.Before(deadline) {
			return driveTimeout
		}
		if ran || len(l.immediates) > 0 {
			continue
		}
		// Sleep until something can run: a result, a due timer, done, the
		// deadline or a stop.
		wakeAt := deadline
		if len(l.timers) > 0 && (wakeAt.IsZero() || l.timers[0].due.Before(wakeAt)) {
			wakeAt = l.timers[0].due
		}
		var clockC <-chan time.Time
		if !wakeAt.IsZero() {
			if clock == nil {
				clock = time.NewTimer(wakeAt.Sub(now))
			} else {
				clock.Reset(wakeAt.Sub(now))
			}
			clockC = clock.C
		}
		if l.asleep != nil {
			l.asleep()
		}
		select {
		case <-l.wake:
		case <-done:
		case <-clockC:
		}
		if clock != nil {
			clock.Stop()
		}
	}
}

// turn runs one round of callbacks and reports whether it ran any.
func (l *eventLoop) turn() bool {
	ran := false
	for _, t := range l.dueTimers(time.Now()) {
		if l.stopping.Load() {
			return ran
		}
		l.fire(t)
		ran = true
	}
	l.mu.Lock()
	jobs := l.queue
	// Two arrays take turns as the queue, so that a busy loop (a result
	// per request in flight) does not allocate a new one every turn. A
	// nested turn (a job that waits) finds no spare and lets append
	// make one.
	l.queue = l.spare[:0]
	l.spare = nil
	l.mu.Unlock()
	for i, job := range jobs {
		if l.stopping.Load() {
			return ran
		}
		jobs[i] = queuedJob{} // the array is reused: drop the references
		if job.fn != nil {
			l.argFn, l.argVal = job.fn, job.arg
			l.runJob(l.argJob)
			// runJob may have skipped it (the run is ending).
			l.argFn, l.argVal = nil, nil
		} else {
			l.runJob(job.job)
		}
		ran = true
	}
	if cap(jobs) > 0 {
		l.mu.Lock()
		if l.spare == nil {
			l.spare = jobs[:0]
		}
		l.mu.Unlock()
	}
	imm := l.immediates
	l.immediates = nil
	for _, t := range imm {
		if l.stopping.Load() {
			return ran
		}
		if !t.cleared {
			t.cleared = true
			l.runJob(t.call)
			ran = true
		}
	}
	return ran
}

// idle reports whether nothing is left that could run a callback.
func (l *eventLoop) idle() bool {
	if len(l.timers) > 0 || len(l.immediates) > 0 {
		return false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.pending == 0 && len(l.queue) == 0
}

// isClosed reports whether done is closed; a nil channel never is.
func isClosed(done <-chan struct{}) bool {
	select {
	case <-done:
		return true
	default:
		return false
	}
}
