package winhttp

import "sync"

// Dispatcher lets a host's event loop deliver the events of asynchronous
// requests on the script goroutine, as WSH does while a script sleeps
// (WScript.Sleep) — without it they are delivered only inside
// WaitForResponse. Use one per runtime.
type Dispatcher struct {
	mu      sync.Mutex
	pending []pendingEvents
	ready   chan struct{}
}

type pendingEvents struct {
	r *request
	t *transfer
}

// NewDispatcher returns an empty Dispatcher.
func NewDispatcher() *Dispatcher {
	return &Dispatcher{ready: make(chan struct{}, 1)}
}

// Ready receives a value when events are waiting; call Deliver then.
func (d *Dispatcher) Ready() <-chan struct{} { return d.ready }

// Deliver hands every waiting event to its object's sink. Call it on the
// script goroutine only. An exception thrown by a handler propagates to
// the caller; the events not yet delivered stay queued.
func (d *Dispatcher) Deliver() {
	for {
		d.mu.Lock()
		if len(d.pending) == 0 {
			d.mu.Unlock()
			return
		}
		p := d.pending[0]
		d.pending = d.pending[1:]
		d.mu.Unlock()
		if p.r.cur == p.t {
			p.r.deliver(p.t)
		}
	}
}

// post records, from a worker goroutine, that t has queued events. It must
// not look inside r: r belongs to the script goroutine.
func (d *Dispatcher) post(r *request, t *transfer) {
	d.mu.Lock()
	d.pending = append(d.pending, pendingEvents{r, t})
	d.mu.Unlock()
	select {
	case d.ready <- struct{}{}:
	default:
	}
}
