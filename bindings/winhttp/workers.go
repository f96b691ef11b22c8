package winhttp

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/winhttpjs/winhttpjs/engine"
)

// workerIdle is how long a worker with nothing to do waits for the next
// transfer before it ends. Scripts that keep requests in flight hand each
// worker its next transfer well within it; an idle script is left with no
// goroutines soon after its last request.
const workerIdle = 250 * time.Millisecond

// maxIdleWorkers bounds the workers kept waiting: a burst of 1,000
// requests in flight does not leave 1,000 goroutines (and their stacks)
// behind.
const maxIdleWorkers = 64

// workers runs the transfers of the objects made by one Factory (one
// host runtime) on reused goroutines. Starting a goroutine per Send made
// every transfer grow a fresh stack through net/http (newstack and
// copystack were ~5% of the 16-in-flight profile); a reused worker keeps
// its grown stack. A worker ends when it has waited workerIdle for a new
// transfer (the pool's reaper tells it, see reap), when the host context
// it parked under is done (see watch), or at once when maxIdleWorkers are
// already waiting: none outlives the host context (plus the transfer it
// is running, which that context cancels).
type workers struct {
	ctx context.Context
	// run runs one item: transfer.run, replaced by tests of the pool.
	run  func(it workItem)
	live atomic.Int32 // worker goroutines running, parked ones included

	mu sync.Mutex
	// idle is a stack: the most recently parked (warmest) first out, so
	// it is ordered by parking time, the longest parked first.
	idle []*worker
	// reaper ends the workers parked for workerIdle (reap); armed while
	// any is parked.
	reaper      *time.Timer
	reaperArmed bool
	// watched is the host context's Done channel that stopEnded is
	// registered to run after (see watch); unwatch cancels that
	// registration.
	watched <-chan struct{}
	unwatch func() bool
	// ctxs are cancellable children of ctx left by transfers that ended
	// without being aborted, reused by the next ones (see getCtx).
	ctxs []xferCtx
}

// xferCtx is the cancellable context of one transfer at a time.
type xferCtx struct {
	ctx    context.Context
	cancel context.CancelFunc
	// parentDone is the host context's Done channel when ctx was made.
	// The runtime's host context follows the script's run: a ctx made
	// during an earlier run (or between runs) is bound to that run, and a
	// different channel now tells it apart.
	parentDone <-chan struct{}
}

// maxIdleCtxs bounds the contexts kept for reuse (each stays registered
// with the host context until it is reused or the host context ends).
const maxIdleCtxs = 64

// getCtx returns a cancellable child of the host context for a transfer
// that can be aborted. A fresh context.WithCancel per asynchronous Send
// cost five allocations a request: the context and its cancel function,
// then, on first use, its Done channel and the children map under which
// net/http registers its own per-request context. A context whose
// transfer ended without being aborted was never cancelled: it is as good
// as new, so it is reused and those allocations are made once.
func (p *workers) getCtx() xferCtx {
	p.mu.Lock()
	for n := len(p.ctxs); n > 0; n = len(p.ctxs) {
		c := p.ctxs[n-1]
		p.ctxs[n-1] = xferCtx{}
		p.ctxs = p.ctxs[:n-1]
		p.mu.Unlock()
		if c.ctx.Err() == nil && c.parentDone == p.ctx.Done() {
			return c
		}
		c.cancel()
		p.mu.Lock()
	}
	p.mu.Unlock()
	// Done is read before the child is made: should the host context move
	// to another run in between, the context is discarded at its next
	// getCtx rather than kept under the wrong run.
	done := p.ctx.Done()
	ctx, cancel := context.WithCancel(p.ctx)
	return xferCtx{ctx: ctx, cancel: cancel, parentDone: done}
}

// putCtx takes back the context of a transfer that ended without being
// cancelled, or cancels it when enough are kept (or it was cancelled by
// its parent meanwhile).
func (p *workers) putCtx(c xferCtx) {
	if c.ctx.Err() == nil {
		p.mu.Lock()
		if len(p.ctxs) < maxIdleCtxs {
			p.ctxs = append(p.ctxs, c)
			p.mu.Unlock()
			return
		}
		p.mu.Unlock()
	}
	c.cancel()
}

// worker is one goroutine of a workers pool; next hands it a transfer, or
// the order to end, while it is parked (buffered: whoever takes it off
// the idle stack sends exactly one item, which never blocks).
type worker struct {
	next chan workItem
	// parked is when the worker last parked, and done the host context's
	// Done channel then; both guarded by the pool's mu.
	parked time.Time
	done   <-chan struct{}
}

// workItem is one transfer to run: transfer.run's arguments, or, with
// stop set, the order to end.
type workItem struct {
	t    *transfer
	req  *engine.Request
	body []byte
	stop bool
}

func newWorkers(ctx context.Context) *workers {
	return &workers{ctx: ctx, run: runItem}
}

func runItem(it workItem) { it.t.run(it.req, it.body) }

// start runs t.run(req, body) on a parked worker, or on a new one when
// none is waiting.
func (p *workers) start(t *transfer, req *engine.Request, body []byte) {
	it := workItem{t: t, req: req, body: body}
	p.mu.Lock()
	if n := len(p.idle); n > 0 {
		w := p.idle[n-1]
		p.idle[n-1] = nil
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		w.next <- it
		return
	}
	p.mu.Unlock()
	p.live.Add(1)
	go p.work(&worker{next: make(chan workItem, 1)}, it)
}

// work is a worker's goroutine: it runs it, then each transfer it is
// handed while parked, until it is told to end (see workers). A parked
// worker waits on its next channel alone: its idle time is kept by the
// pool's one reaper and the end of the host context by the pool's watch,
// which send it the order to end. A select with a timer of its own and
// the context's Done channel cost, at every park, a timer-heap insertion
// and removal and a three-channel select, and kept a timer per worker in
// the heap that every scheduling round checked (about 2 µs of CPU per
// request with 16 in flight).
func (p *workers) work(w *worker, it workItem) {
	defer p.live.Add(-1)
	for !it.stop {
		p.run(it)
		it = workItem{} // let the transfer go while parked
		if !p.park(w) {
			return
		}
		it = <-w.next
	}
}

// park puts w on the idle stack; false when w should end instead (the
// host context is done, or enough workers are waiting).
func (p *workers) park(w *worker) bool {
	done := p.ctx.Done()
	if p.ctx.Err() != nil {
		return false
	}
	now := time.Now()
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.idle) >= maxIdleWorkers || !p.watch(done) {
		return false
	}
	w.parked, w.done = now, done
	p.idle = append(p.idle, w)
	if !p.reaperArmed {
		p.reaperArmed = true
		if p.reaper == nil {
			p.reaper = time.AfterFunc(workerIdle, p.reap)
		} else {
			p.reaper.Reset(workerIdle)
		}
	}
	return true
}

// watch makes sure that stopEnded runs when the host context whose Done
// channel is done ends; the caller holds p.mu. It registers once per
// channel, not per park: the runtime's host context follows the script's
// run, each run with its own channel, and the registration for the last
// one is dropped then (a context that outlives many runs, the one between
// them, keeps none), as it is once no worker is parked (see reap). A
// worker parked under an earlier channel that ends later is left to the
// reaper. watch is false when the host context moved
// to another run meanwhile, so that the registration may watch another
// context: the worker then ends rather than park unwatched. A context
// that is never done needs no watch.
func (p *workers) watch(done <-chan struct{}) bool {
	if done == nil || done == p.watched {
		return true
	}
	p.dropWatch()
	// The callback runs on a goroutine of its own (at once, should the
	// context be done already), so p.mu held here is no deadlock.
	p.unwatch = context.AfterFunc(p.ctx, p.stopEnded)
	p.watched = done
	if p.ctx.Done() != done {
		p.dropWatch()
		return false
	}
	return true
}

// stopEnded ends the parked workers whose host context is done.
func (p *workers) stopEnded() {
	p.mu.Lock()
	var ended []*worker
	kept := p.idle[:0]
	for _, w := range p.idle {
		if isDone(w.done) {
			ended = append(ended, w)
		} else {
			kept = append(kept, w)
		}
	}
	clear(p.idle[len(kept):])
	p.idle = kept
	if isDone(p.watched) {
		p.watched = nil
	}
	p.mu.Unlock()
	stop(ended)
}

// reap ends the workers parked for workerIdle or longer (the bottom of
// the idle stack), then re-arms itself for the next one to run out of
// time, if any is parked. It runs on the reaper timer's goroutine.
func (p *workers) reap() {
	now := time.Now()
	p.mu.Lock()
	n := 0
	for n < len(p.idle) && now.Sub(p.idle[n].parked) >= workerIdle {
		n++
	}
	stale := make([]*worker, n)
	copy(stale, p.idle[:n])
	rest := copy(p.idle, p.idle[n:])
	clear(p.idle[rest:])
	p.idle = p.idle[:rest]
	if rest > 0 {
		p.reaper.Reset(workerIdle - now.Sub(p.idle[0].parked))
	} else {
		// Nothing parked: the pool leaves nothing registered with the
		// host context, which may outlive it (the next park registers
		// again, at most once per workerIdle).
		p.reaperArmed = false
		p.dropWatch()
	}
	p.mu.Unlock()
	stop(stale)
}

// dropWatch cancels watch's registration; the caller holds p.mu.
func (p *workers) dropWatch() {
	if p.unwatch != nil {
		p.unwatch()
		p.unwatch = nil
	}
	p.watched = nil
}

// stop tells each of ws, taken off the idle stack, to end.
func stop(ws []*worker) {
	for _, w := range ws {
		w.next <- workItem{stop: true}
	}
}

// isDone reports whether done is closed; a nil channel never is (a
// receive from it never proceeds, so the default case answers).
func isDone(done <-chan struct{}) bool {
	select {
	case <-done:
		return true
	default:
		return false
	}
}

// A transfer without an event sink hands its end over through a
// host.TokenLoop when the host's loop is one (the runtime's is), so that 16
// requests in flight do not wake the script once per request it is not
// waiting for. WaitForResponse still returns as soon as its own request
// ends: it waits on the transfer's done channel, not on the loop's queue.

// reservation is a host.TokenLoop reservation.
type reservation struct{ epoch, id uint64 }
