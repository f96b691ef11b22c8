package winhttp

import (
	"context"
	"sync"
	"testing"
	"time"
)

// A transfer that ends without being aborted hands its context back and
// the next transfer gets the same one; an aborted transfer's context is
// cancelled and never handed out again; Abort after the end cancels
// nothing (the context may serve another transfer by then).
func TestTransferContextReuse(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p := newWorkers(ctx)

	t1 := newTransfer(ctx, p, false, true)
	first := t1.ctx
	t1.releaseCtx()
	t1.cancel() // after the end: nothing to abort
	if first.Err() != nil {
		t.Fatalf("Abort after the end cancelled the pooled context: %v", first.Err())
	}
	t2 := newTransfer(ctx, p, false, true)
	if t2.ctx != first {
		t.Errorf("second transfer got a new context, want the first one back")
	}
	t2.cancel()
	t2.cancel()
	t2.releaseCtx() // the worker ends after the Abort
	if t2.ctx.Err() != context.Canceled {
		t.Errorf("aborted transfer's context: %v, want context.Canceled", t2.ctx.Err())
	}
	if n := len(p.ctxs); n != 0 {
		t.Errorf("%d contexts pooled after an Abort, want 0", n)
	}
	t3 := newTransfer(ctx, p, false, true)
	if t3.ctx == first || t3.ctx.Err() != nil {
		t.Errorf("after an Abort: got the cancelled context back (%v)", t3.ctx.Err())
	}
	t3.releaseCtx()

	// An inline transfer uses the parent as is and takes nothing.
	in := newTransfer(ctx, p, true, false)
	in.cancel()
	in.releaseCtx()
	if in.ctx != ctx || ctx.Err() != nil || len(p.ctxs) != 1 {
		t.Errorf("inline: ctx is parent %v, parent err %v, %d pooled (want true, nil, 1)", in.ctx == ctx, ctx.Err(), len(p.ctxs))
	}

	// The host context's end cancels the pooled contexts; none is reused.
	pooled := p.ctxs[0].ctx
	cancel()
	if pooled.Err() == nil {
		t.Errorf("pooled context outlived the host context")
	}
	c := p.getCtx()
	if c.ctx == pooled || c.ctx.Err() == nil || len(p.ctxs) != 0 {
		t.Errorf("after the host context ended: reused %v, err %v, %d pooled", c.ctx == pooled, c.ctx.Err(), len(p.ctxs))
	}
}

// At most maxIdleCtxs contexts are kept; the others are cancelled.
func TestTransferContextPoolBound(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p := newWorkers(ctx)
	var cs []xferCtx
	for range maxIdleCtxs + 3 {
		cs = append(cs, p.getCtx())
	}
	for _, c := range cs {
		p.putCtx(c)
	}
	if len(p.ctxs) != maxIdleCtxs {
		t.Errorf("%d pooled, want %d", len(p.ctxs), maxIdleCtxs)
	}
	cancelled := 0
	for _, c := range cs {
		if c.ctx.Err() != nil {
			cancelled++
		}
	}
	if cancelled != 3 {
		t.Errorf("%d cancelled, want 3", cancelled)
	}
}

// switchCtx stands for the runtime's host context, which follows the run
// in progress: Done changes from one run to the next.
type switchCtx struct {
	mu  sync.Mutex
	cur context.Context
}

func (c *switchCtx) get() context.Context {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cur
}
func (c *switchCtx) Deadline() (time.Time, bool) { return c.get().Deadline() }
func (c *switchCtx) Done() <-chan struct{}       { return c.get().Done() }
func (c *switchCtx) Err() error                  { return c.get().Err() }
func (c *switchCtx) Value(k any) any             { return c.get().Value(k) }

// A context pooled during one run is not handed to a transfer of the
// next: it is bound to the run it was made in.
func TestTransferContextFollowsRun(t *testing.T) {
	run1, end1 := context.WithCancel(context.Background())
	defer end1()
	host := &switchCtx{cur: run1}
	p := newWorkers(host)
	c1 := p.getCtx()
	p.putCtx(c1)
	run2, end2 := context.WithCancel(context.Background())
	defer end2()
	host.mu.Lock()
	host.cur = run2 // a new run starts before the first one's context ended
	host.mu.Unlock()
	c2 := p.getCtx()
	if c2.ctx == c1.ctx {
		t.Fatal("a context of the previous run was reused")
	}
	if c1.ctx.Err() == nil {
		t.Errorf("the stale context was not cancelled")
	}
	end2()
	if c2.ctx.Err() == nil {
		t.Errorf("the new run's end did not cancel its transfer's context")
	}
}

// done is made only for a waiter: a transfer nobody waited on while it
// ran ends with the shared closed channel; one waited on closes the
// channel its waiter got.
func TestTransferDoneLazy(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p := newWorkers(ctx)

	quiet := newTransfer(ctx, p, false, true)
	quiet.finish()
	if d := quiet.doneCh(); d != closedDone {
		t.Errorf("no waiter: done is a new channel, want closedDone")
	}

	waited := newTransfer(ctx, p, false, true)
	d := waited.doneCh()
	if d == closedDone || waited.doneCh() != d {
		t.Fatalf("waiter: got closedDone or a different channel per call")
	}
	select {
	case <-d:
		t.Fatal("done closed before finish")
	default:
	}
	waited.finish()
	select {
	case <-d:
	case <-time.After(5 * time.Second):
		t.Fatal("finish did not close the waiter's channel")
	}
}
