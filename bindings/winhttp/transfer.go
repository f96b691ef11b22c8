package winhttp

import (
	"context"
	"errors"
	"io"
	"sync"
	"sync/atomic"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/host"
	"github.com/winhttpjs/winhttpjs/engine"
)

// readChunk is the size of one body read, and so of one
// OnResponseDataAvailable chunk at most.
const readChunk = 32 << 10

// maxPrealloc caps the buffer reserved from a Content-Length, so that a
// lying server cannot make us allocate gigabytes up front.
const maxPrealloc = 16 << 20

// head is the part of a response known once its headers are in.
type head struct {
	status      int
	statusText  string
	header      engine.Header
	url         string
	contentType string
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
	err   error
}

// transfer is one Send: the worker goroutine fills it, the script goroutine
// reads it through snapshot and takes its events.
type transfer struct {
	ctx        context.Context
	cancel     context.CancelFunc
	wantEvents atomic.Bool
	// failOnRedirect makes a redirect response an error: Option 14 set to
	// 0 while redirects are enabled allows no hop at all.
	failOnRedirect bool
	// loop and job are set for an asynchronous Send in a host with an
	// event loop: job delivers the queued events on the script goroutine
	// (see arm).
	loop host.Loop
	job  func() error
	// observed is told how the request ended (Config.Observe).
	observed func(resp *engine.Response, err error)

	mu     sync.Mutex
	state  transferState
	events []event
	signal chan struct{} // poked when events are queued
	done   chan struct{} // closed when the worker has finished
	// wake is the enqueue of the loop reservation the transfer holds while
	// idle; pushing an event spends it on job. jobQueued is set from then
	// until job runs. At most one reservation is outstanding, and one is
	// while the worker runs, so the script cannot end before the transfer.
	wake      func(job func() error)
	jobQueued bool
	finished  bool

	// Script-goroutine state of event delivery: firing while a handler of
	// this transfer runs (a nested wait must not re-enter it), armLater
	// when job ran meanwhile and left the events to the running delivery.
	firing   bool
	armLater bool

	// Script-goroutine caches, filled on first use after completion.
	text    *string
	buffer  *goja.ArrayBuffer
	bufferV goja.Value
}

// transferState is what the script may see of a transfer at one moment.
type transferState struct {
	head     *head
	body     []byte
	complete bool
	err      error
}

func newTransfer(parent context.Context) *transfer {
	ctx, cancel := context.WithCancel(parent)
	return &transfer{
		ctx:    ctx,
		cancel: cancel,
		signal: make(chan struct{}, 1),
		done:   make(chan struct{}),
	}
}

func (t *transfer) snapshot() transferState {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.state
}

// push queues ev and wakes the script goroutine; the caller holds t.mu.
func (t *transfer) push(ev event) {
	t.events = append(t.events, ev)
	select {
	case t.signal <- struct{}{}:
	default:
	}
	t.spendWake(t.job)
}

// spendWake enqueues job (nil: nothing) on the reservation held, if any;
// the caller holds t.mu. A host loop's enqueue never blocks.
func (t *transfer) spendWake(job func() error) {
	if t.wake == nil {
		return
	}
	w := t.wake
	t.wake = nil
	t.jobQueued = job != nil
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
	if t.wake != nil || t.jobQueued || t.finished && len(t.events) == 0 {
		return
	}
	t.wake = t.loop.Reserve()
	if len(t.events) > 0 {
		t.spendWake(t.job)
	}
}

// jobStarted records that the queued job is running.
func (t *transfer) jobStarted() {
	t.mu.Lock()
	t.jobQueued = false
	t.mu.Unlock()
}

// finish marks the worker as done, releasing the reservation it held.
func (t *transfer) finish() {
	t.mu.Lock()
	t.finished = true
	t.spendWake(nil)
	t.mu.Unlock()
	close(t.done)
}

// take removes and returns the queued events.
func (t *transfer) take() []event {
	t.mu.Lock()
	defer t.mu.Unlock()
	evs := t.events
	t.events = nil
	return evs
}

// run is the worker: send, then read the whole body into memory.
func (t *transfer) run(req *engine.Request, body []byte) {
	defer t.finish()
	defer t.cancel()
	resp, err := req.Send(t.ctx, body)
	if t.observed != nil {
		t.observed(resp, err)
	}
	if err != nil {
		t.fail(err)
		return
	}
	defer resp.Body.Close()
	h := &head{
		status:     resp.StatusCode,
		statusText: resp.StatusText,
		header:     resp.Header.Clone(),
	}
	if resp.URL != nil {
		h.url = resp.URL.String()
	}
	h.contentType, _ = h.header.Get("Content-Type")
	if t.failOnRedirect && isRedirect(resp.StatusCode) {
		t.fail(&engine.Error{Code: engine.ErrRedirectFailed, Op: "redirect", URL: h.url,
			Err: errors.New("Option 14 (MaxAutomaticRedirects) is 0")})
		return
	}
	t.mu.Lock()
	t.state.head = h
	if t.wantEvents.Load() {
		t.push(event{kind: evStart, head: h})
	}
	t.mu.Unlock()

	var data []byte
	if n := resp.ContentLength; n > 0 {
		data = make([]byte, 0, min(n, maxPrealloc))
	}
	buf := make([]byte, readChunk)
	for {
		n, err := resp.Body.Read(buf)
		if n > 0 {
			data = append(data, buf[:n]...)
			if t.wantEvents.Load() {
				chunk := append([]byte(nil), buf[:n]...)
				t.mu.Lock()
				t.push(event{kind: evData, chunk: chunk})
				t.mu.Unlock()
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if t.ctx.Err() != nil && engine.CodeOf(err) == 0 {
				err = &engine.Error{Code: engine.ErrOperationCancelled, Op: "receive", Err: err}
			}
			t.fail(err)
			return
		}
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
