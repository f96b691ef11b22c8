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
// transfer, when the host context is done, or at once when
// maxIdleWorkers are already waiting: none outlives the host context
// (plus the transfer it is running, which that context cancels).
type workers struct {
	ctx context.Context
	// run runs one item: transfer.run, replaced by tests of the pool.
	run  func(it workItem)
	live atomic.Int32 // worker goroutines running, parked ones included

	mu   sync.Mutex
	idle []*worker // a stack: the most recently parked (warmest) first out
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

// worker is one goroutine of a workers pool; next hands it a transfer
// while it is parked (buffered: the hand-off never blocks).
type worker struct {
	next chan workItem
}

// workItem is one transfer to run: transfer.run's arguments.
type workItem struct {
	t    *transfer
	req  *engine.Request
	body []byte
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
// handed while parked, until it ends (see workers). Its idle timer is
// armed once and re-armed only when it fires early (the worker was busy
// meanwhile), not at every park: a timer Reset and Stop per request cost
// more than the clock reading that replaces them.
func (p *workers) work(w *worker, it workItem) {
	var timer *time.Timer
	defer func() {
		if timer != nil {
			timer.Stop()
		}
		p.live.Add(-1)
	}()
	for {
		p.run(it)
		it = workItem{} // let the transfer go while parked
		done, ok := p.park(w)
		if !ok {
			return
		}
		parked := time.Now()
		if timer == nil {
			timer = time.NewTimer(workerIdle)
		}
		got := false
	wait:
		for {
			select {
			case it = <-w.next:
				got = true
				break wait
			case <-timer.C:
				if idle := time.Since(parked); idle < workerIdle {
					timer.Reset(workerIdle - idle)
					continue
				}
				break wait
			case <-done:
				break wait
			}
		}
		if got {
			continue
		}
		if p.unpark(w) {
			return
		}
		// start took this worker off the stack before it could leave:
		// the transfer is on its way.
		it = <-w.next
	}
}

// park puts w on the idle stack and returns the host context's Done
// channel to wait on; ok is false when w should end instead (the host
// context is done, or enough workers are waiting).
func (p *workers) park(w *worker) (done <-chan struct{}, ok bool) {
	done = p.ctx.Done()
	if p.ctx.Err() != nil {
		return nil, false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.idle) >= maxIdleWorkers {
		return nil, false
	}
	p.idle = append(p.idle, w)
	return done, true
}

// unpark removes w from the idle stack; false when start already took it.
func (p *workers) unpark(w *worker) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i, x := range p.idle {
		if x == w {
			copy(p.idle[i:], p.idle[i+1:])
			p.idle[len(p.idle)-1] = nil
			p.idle = p.idle[:len(p.idle)-1]
			return true
		}
	}
	return false
}

// A transfer without an event sink hands its end over through a
// host.TokenLoop when the host's loop is one (the runtime's is), so that 16
// requests in flight do not wake the script once per request it is not
// waiting for. WaitForResponse still returns as soon as its own request
// ends: it waits on the transfer's done channel, not on the loop's queue.

// reservation is a host.TokenLoop reservation.
type reservation struct{ epoch, id uint64 }
