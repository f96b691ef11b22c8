package winhttp

import (
	"context"
	"errors"
	"io"
	"net/url"
	"sync"
	"sync/atomic"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/host"
	"github.com/winhttpjs/winhttpjs/engine"
	"github.com/winhttpjs/winhttpjs/internal/hugebuf"
)

// readChunk bounds one body read, and so one OnResponseDataAvailable
// chunk, when a sink is connected while readBody is already reading (a
// transfer with a sink from the start reads with readStreamed).
const readChunk = 32 << 10

// maxPrealloc caps the buffer reserved from a Content-Length, so that a
// lying server cannot make us allocate gigabytes up front.
const maxPrealloc = 16 << 20

// head is the part of a response known once its headers are in.
type head struct {
	status     int
	statusText string
	header     engine.Header
	// url is the final URL (after redirects), kept as the engine gave it:
	// only Option(1) reads it as a string, so no Send pays for building
	// one (an allocation per request).
	url         *url.URL
	contentType string
}

// urlString returns the final URL as text, "" when there is none.
func (h *head) urlString() string {
	if h.url == nil {
		return ""
	}
	return h.url.String()
}

type eventKind int

const (
	evStart eventKind = iota
	evData
	evFinished
	evError
)

// event is one COM event waiting for the script goroutine.
type event struct {
	kind  eventKind
	head  *head
	chunk []byte
	// own: chunk is the script's to keep (a region the reader never
	// writes again, not shared with the body), so it needs no copy.
	own bool
	// lent: chunk is the reader's buffer, lent to the handler for the
	// call only (see readLent); its ArrayBuffer is detached when the
	// handler returns.
	lent bool
	err  error
}

// transfer is one Send: the worker goroutine fills it, the script goroutine
// reads it through snapshot and takes its events.
type transfer struct {
	ctx context.Context
	// xc is where ctx came from when the transfer can be aborted (not
	// inline); pool takes it back when the transfer ends un-aborted.
	xc         xferCtx
	pool       *workers
	wantEvents atomic.Bool
	// failOnRedirect makes a redirect response an error: Option 14 set to
	// 0 while redirects are enabled allows no hop at all.
	failOnRedirect bool
	// loop and owner are set for an asynchronous Send in a host with an
	// event loop: deliverTransfer delivers the queued events on the
	// script goroutine (see arm and spendWakeQ); job is it as a closure,
	// for a loop that is not a host.TokenLoop.
	loop  host.Loop
	owner *request
	job   func() error
	// observed is told how the request ended (Config.Observe).
	observed func(resp *engine.Response, err error)

	mu     sync.Mutex
	state  transferState
	events []event
	evBuf  [2]event // events' first backing array; take hands it off once
	// headVal holds the response head that state.head points to.
	headVal head
	signal  chan struct{} // poked when events are queued
	// done is closed when the worker has finished; made by doneCh on
	// first need (guarded by mu), closedDone when none was needed.
	done chan struct{}
	// wake is the enqueue of the loop reservation the transfer holds while
	// idle; pushing an event spends it on job. jobQueued is set from then
	// until job runs. At most one reservation is outstanding, and one is
	// while the worker runs, so the script cannot end before the transfer.
	// The reservation is the token tok instead (held while tokHeld) when
	// the loop offers quiet enqueues by token (see host.TokenLoop): no closure
	// per reservation.
	wake      func(job func() error)
	tok       reservation
	tokHeld   bool
	jobQueued bool
	finished  bool
	// ctxGone is set once xc was cancelled (Abort) or handed back to the
	// pool (the transfer ended): from then on neither may happen again.
	ctxGone bool

	// Script-goroutine state of event delivery: firing while a handler of
	// this transfer runs (a nested wait must not re-enter it), armLater
	// when job ran meanwhile and left the events to the running delivery.
	firing   bool
	armLater bool

	// flow is the state of a body read with events (bodystore.go).
	flow bodyFlow
	// dropBody: the body goes to OnResponseDataAvailable only and is not
	// kept (Config.DiscardStreamedBody, with a handler connected at Send).
	dropBody bool
	// streamPump, set for a synchronous Send with a sink, delivers the
	// queued events on the goroutine that reads the body, which is the
	// script's own (see request.send): each event reaches the handler
	// right after its Read, with no hand-off between goroutines, as a
	// single-threaded client does it.
	streamPump func()

	// Script-goroutine caches, filled on first use after completion.
	text    goja.Value
	buffer  *goja.ArrayBuffer
	bufferV goja.Value
}

// transferState is what the script may see of a transfer at one moment.
type transferState struct {
	head *head
	body []byte
	// file, when set, holds the body instead of body: a transfer with
	// events spilled it (bodystore.go).
	file *spillFile
	// dropped: the body was delivered to OnResponseDataAvailable and not
	// kept (transfer.dropBody).
	dropped  bool
	complete bool
	err      error
}

// closedDone is the done channel of every transfer nobody waited on
// while it ran (see doneCh): an inline one never has a waiter.
var closedDone = func() chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}()

// newTransfer returns a transfer bounded by parent. An inline one (a
// synchronous Send with no event sink, run on the script goroutine) can be
// neither aborted nor woken while it runs, the script being blocked in it:
// it uses parent as is, has no signal channel (pushes skip a nil one) and
// gets the shared closedDone when it finishes, saving the context, the
// channels and their allocations on every request. Any other gets a
// cancellable child of parent from pool (reused, see workers.getCtx). A
// looped one (an asynchronous Send in a host with an event loop) is
// waited on through the loop, never by wait: it has no signal channel
// either.
func newTransfer(parent context.Context, pool *workers, inline, looped bool) *transfer {
	t := &transfer{}
	if inline {
		t.ctx = parent
	} else {
		t.pool = pool
		t.xc = pool.getCtx()
		t.ctx = t.xc.ctx
		if !looped {
			t.signal = make(chan struct{}, 1)
		}
	}
	// The first events (usually the only ones: the end of a request
	// without a sink) go in the transfer's own storage.
	t.events = t.evBuf[:0]
	return t
}

// cancel aborts the transfer (Abort, Open, a handler's exception): its
// context is cancelled unless the transfer has already ended, in which
// case the context may already serve another transfer and there is
// nothing left to abort. Safe to call repeatedly, from the script's
// goroutine.
func (t *transfer) cancel() {
	if t.pool == nil {
		return // inline: nothing runs concurrently to abort
	}
	t.mu.Lock()
	gone := t.ctxGone
	t.ctxGone = true
	t.mu.Unlock()
	if !gone {
		t.xc.cancel()
	}
}

// releaseCtx ends the transfer's use of its context, on the worker once
// nothing of the request uses it any more: back to the pool when it was
// not cancelled.
func (t *transfer) releaseCtx() {
	if t.pool == nil {
		return
	}
	t.mu.Lock()
	gone := t.ctxGone
	t.ctxGone = true
	t.mu.Unlock()
	if !gone {
		t.pool.putCtx(t.xc)
	}
}

func (t *transfer) snapshot() transferState {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.state
}

// push queues ev and wakes the script goroutine; the caller holds t.mu.
// The last event (the end or a failure) is left to finish, which the
// worker reaches right after it: handing it over with the worker's end in
// one enqueue spares the loop a second wake-up and the delivery job a new
// reservation per request.
func (t *transfer) push(ev event) {
	t.events = append(t.events, ev)
	select {
	case t.signal <- struct{}{}:
	default:
	}
	if ev.kind == evFinished || ev.kind == evError {
		return
	}
	t.spendWake(true)
}

// spendWake spends the reservation held, if any, on the delivery job
// (deliver) or releases it; the caller holds t.mu. A host loop's enqueue
// never blocks.
func (t *transfer) spendWake(deliver bool) {
	t.spendWakeQ(deliver, true)
}

// spendWakeQ is spendWake that, with a host.TokenLoop, leaves a sleeping
// script asleep unless wake is set (the job then runs at the loop's next
// turn). With a host.TokenLoop the job is deliverTransfer with t as its
// argument, a function made once for all transfers; other loops get a
// closure, made on first need.
func (t *transfer) spendWakeQ(deliver, wake bool) {
	if t.tokHeld {
		t.tokHeld = false
		t.jobQueued = deliver
		q := t.loop.(host.TokenLoop)
		if deliver {
			q.EnqueueTokenArg(t.tok.epoch, t.tok.id, deliverTransfer, t, wake)
		} else {
			q.EnqueueTokenArg(t.tok.epoch, t.tok.id, nil, nil, wake)
		}
		return
	}
	if t.wake == nil {
		return
	}
	var job func() error
	if deliver {
		if t.job == nil {
			t.job = func() error { return deliverTransfer(t) }
		}
		job = t.job
	}
	w := t.wake
	t.wake = nil
	t.jobQueued = deliver
	w(job)
}

// arm makes the transfer hold a loop reservation again, on the script
// goroutine, unless it holds one or has a job queued: at once spent when
// events are waiting, kept while the worker runs, none once it has
// finished and everything was delivered.
func (t *transfer) arm() {
	if t.loop == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.wake != nil || t.tokHeld || t.jobQueued || t.finished && len(t.events) == 0 {
		return
	}
	if q, ok := t.loop.(host.TokenLoop); ok {
		// Between runs the token is (0, 0) and spending it does nothing,
		// as a no-op enqueue would.
		t.tok.epoch, t.tok.id, _ = q.ReserveToken()
		t.tokHeld = true
	} else {
		t.wake = t.loop.Reserve()
	}
	if len(t.events) > 0 {
		t.spendWake(true)
	}
}

// jobStarted records that the queued job is running.
func (t *transfer) jobStarted() {
	t.mu.Lock()
	t.jobQueued = false
	t.mu.Unlock()
}

// finish marks the worker as done, spending the reservation it held on
// the delivery of the events still queued (the last one at least, see
// push), or releasing it.
func (t *transfer) finish() {
	t.mu.Lock()
	t.finished = true
	if len(t.events) > 0 {
		// Without a sink the job has nothing to show (fire skips every
		// event): it need not wake a script waiting for another request.
		// It still runs, in order, at the loop's next turn, so a sink
		// connected meanwhile gets the events. A script can connect one
		// only while it runs, never while the loop sleeps, and every turn
		// runs the queued jobs before the loop sleeps again.
		t.spendWakeQ(true, t.wantEvents.Load())
	} else {
		t.spendWake(false)
	}
	d := t.done
	if d == nil {
		// Nobody waited while it ran (an inline transfer never has a
		// waiter; an asynchronous one often finishes before the script
		// comes to wait): no channel was made, all later waiters share
		// closedDone.
		t.done = closedDone
	}
	t.mu.Unlock()
	if d != nil {
		close(d)
	}
}

// doneCh returns a channel closed once the worker has finished. It is
// made on first need: WaitForResponse on a request that has already ended
// (the usual case with many in flight) costs no channel.
func (t *transfer) doneCh() <-chan struct{} {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.done == nil {
		t.done = make(chan struct{})
	}
	return t.done
}

// take removes and returns the queued events.
func (t *transfer) take() []event {
	t.mu.Lock()
	defer t.mu.Unlock()
	evs := t.events
	t.events = nil
	t.flow.drainedLocked()
	return evs
}

// probePool holds the small buffers readBody reads into once the body
// slice is exactly full, to see the end of a body whose last Read did not
// report io.EOF: pooled so that no Send allocates a read buffer.
var probePool = sync.Pool{New: func() any { return new([probeSize]byte) }}

const probeSize = 4 << 10

// minBody is the first capacity of a body of unknown length.
const minBody = 4 << 10

// readBody reads the whole body straight into the slice that becomes the
// response (no intermediate read buffer, so no copy per chunk): sized from
// Content-Length when known (up to maxPrealloc at first; once that much
// has really arrived the rest of the declared length is reserved in one
// step, so a large body is copied at most once, not at every doubling),
// otherwise doubled as needed. A transfer delivering events reads with
// readStreamed instead; should a sink be connected only while this reads,
// each OnResponseDataAvailable chunk is a sub-slice of the body: the
// body's bytes are never rewritten, so the script side's one copy
// (newUint8Array) can be taken while reading goes on.
func (t *transfer) readBody(body io.Reader, contentLength int64) ([]byte, error) {
	if t.wantEvents.Load() {
		return t.readStreamed(body, contentLength)
	}
	var data []byte
	switch {
	case contentLength > 0:
		data = hugebuf.Make(0, int(min(contentLength, maxPrealloc)))
	case contentLength < 0:
		data = make([]byte, 0, minBody)
	}
	for {
		if len(data) == cap(data) {
			if contentLength < 0 || int64(len(data)) < contentLength {
				data = grow(data, contentLength)
			} else {
				// Full at the declared length (or an empty body): look
				// for the end without growing.
				if err := t.probe(body, &data); errors.Is(err, io.EOF) {
					return data, nil
				} else if err != nil {
					return nil, err
				}
				continue
			}
		}
		free := data[len(data):cap(data)]
		if len(free) > readChunk && t.wantEvents.Load() {
			// One OnResponseDataAvailable chunk is at most readChunk.
			free = free[:readChunk]
		}
		n, err := body.Read(free)
		if n > 0 {
			start := len(data)
			data = data[:start+n]
			t.chunk(data[start : start+n : start+n])
		}
		if errors.Is(err, io.EOF) {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// probe reads into a pooled buffer when the body slice is full, appending
// what arrives (more than Content-Length declared, which net/http does not
// let through, or a body of unknown length past the slice).
func (t *transfer) probe(body io.Reader, data *[]byte) error {
	pb := probePool.Get().(*[probeSize]byte)
	defer probePool.Put(pb)
	n, err := body.Read(pb[:])
	if n > 0 {
		start := len(*data)
		*data = append(*data, pb[:n]...)
		t.chunk((*data)[start : start+n : start+n])
	}
	return err
}

// chunk queues an OnResponseDataAvailable event for b when a sink is
// connected.
func (t *transfer) chunk(b []byte) {
	if t.wantEvents.Load() {
		t.mu.Lock()
		t.push(event{kind: evData, chunk: b})
		t.mu.Unlock()
		t.deliverStreamed()
	}
}

// deliverStreamed hands the queued events to the handlers at once when
// the transfer reads on the script's goroutine (streamPump); otherwise
// the script's goroutine takes them when it is woken. The caller does not
// hold t.mu: handlers run here.
func (t *transfer) deliverStreamed() {
	if t.streamPump != nil {
		t.streamPump()
	}
}

// grow returns data with more capacity: the rest of the declared length
// when one is known and not yet reached, else double.
func grow(data []byte, contentLength int64) []byte {
	n := int64(2 * cap(data))
	if n < minBody {
		n = minBody
	}
	if contentLength > int64(len(data)) {
		n = contentLength
	}
	out := hugebuf.Make(len(data), int(n))
	copy(out, data)
	return out
}

// run is the worker: send, then read the whole body into memory.
func (t *transfer) run(req *engine.Request, body []byte) {
	defer t.finish()
	// Before finish: once the script can see the end, Open may start the
	// object's next transfer, which should find this context in the pool.
	defer t.releaseCtx()
	resp, err := req.Send(t.ctx, body)
	if t.observed != nil {
		t.observed(resp, err)
	}
	if err != nil {
		t.fail(err)
		return
	}
	defer resp.Body.Close()
	// The head lives in the transfer (one allocation fewer); it is
	// written once, here, before it is published under t.mu.
	h := &t.headVal
	*h = head{
		status:     resp.StatusCode,
		statusText: resp.StatusText,
		// The engine builds a new Header for every response and never
		// touches it again: no copy needed.
		header: resp.Header,
		// The engine makes the response's URL for this Send and never
		// changes it afterwards.
		url: resp.URL,
	}
	h.contentType, _ = h.header.Get("Content-Type")
	if t.failOnRedirect && isRedirect(resp.StatusCode) {
		t.fail(&engine.Error{Code: engine.ErrRedirectFailed, Op: "redirect", URL: h.urlString(),
			Err: errors.New("Option 14 (MaxAutomaticRedirects) is 0")})
		return
	}
	t.mu.Lock()
	t.state.head = h
	if t.wantEvents.Load() {
		t.push(event{kind: evStart, head: h})
	}
	t.mu.Unlock()
	t.deliverStreamed()

	data, err := t.readBody(resp.Body, resp.ContentLength)
	if err != nil {
		if t.ctx.Err() != nil && engine.CodeOf(err) == 0 {
			err = &engine.Error{Code: engine.ErrOperationCancelled, Op: "receive", Err: err}
		}
		t.fail(err)
		return
	}
	if data == nil {
		data = []byte{}
	}
	t.mu.Lock()
	t.state.body = data
	t.state.complete = true
	t.push(event{kind: evFinished})
	t.mu.Unlock()
}

func (t *transfer) fail(err error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.state.err = err
	t.state.complete = true
	t.push(event{kind: evError, err: err})
}

func isRedirect(status int) bool {
	switch status {
	case 301, 302, 303, 307, 308:
		return true
	}
	return false
}
