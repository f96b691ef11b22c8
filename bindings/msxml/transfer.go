package msxml

import (
	"context"
	"io"
	"sync"

	"github.com/winhttpjs/winhttpjs/engine"
)

// transfer is one send: the worker goroutine fills it; the script
// goroutine takes what it has reached with snapshot.
type transfer struct {
	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{} // closed when the worker has finished

	mu    sync.Mutex
	resp  *engine.Response // head, once known
	body  []byte
	err   error
	ended bool

	// delivered is how far the script has been told (readyState), used on
	// the script goroutine only.
	delivered int
	// completed is closed when readyState 4 has been delivered, which is
	// what waitForResponse waits for with an event loop.
	completed chan struct{}
}

func newTransfer(parent context.Context) *transfer {
	ctx, cancel := context.WithCancel(parent)
	return &transfer{ctx: ctx, cancel: cancel, done: make(chan struct{}), completed: make(chan struct{})}
}

// progress is what the worker has reached at one moment.
type progress struct {
	resp  *engine.Response
	body  []byte
	err   error
	ended bool
}

func (t *transfer) snapshot() progress {
	t.mu.Lock()
	defer t.mu.Unlock()
	return progress{resp: t.resp, body: t.body, err: t.err, ended: t.ended}
}

// run sends req and reads the whole body; onHead is called once the head
// is in (or the request failed), onEnd at the end. Both run on the worker.
func (t *transfer) run(req *engine.Request, body []byte, onHead, onEnd func()) {
	defer close(t.done)
	defer t.cancel()
	resp, err := req.Send(t.ctx, body)
	if err != nil {
		t.mu.Lock()
		t.err, t.ended = err, true
		t.mu.Unlock()
		onHead()
		onEnd()
		return
	}
	defer resp.Body.Close()
	t.mu.Lock()
	t.resp = resp
	t.mu.Unlock()
	onHead()
	data, err := io.ReadAll(resp.Body)
	t.mu.Lock()
	if data == nil {
		data = []byte{}
	}
	t.body, t.err, t.ended = data, err, true
	t.mu.Unlock()
	onEnd()
}
