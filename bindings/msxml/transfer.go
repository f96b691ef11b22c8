package msxml

import (
	"context"
	"io"
	"math"
	"sync"

	"github.com/winhttpjs/winhttpjs/engine"
	"github.com/winhttpjs/winhttpjs/internal/hugebuf"
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
// is in (or the request failed), onEnd at the end. It runs on a worker
// goroutine (asynchronous send) or the script's (synchronous); onHead and
// onEnd run where it does.
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
	data, err := readBody(resp.Body, resp.ContentLength)
	t.mu.Lock()
	if data == nil {
		data = []byte{}
	}
	t.body, t.err, t.ended = data, err, true
	t.mu.Unlock()
	onEnd()
}

// maxPrealloc bounds the buffer made up front for a body of declared
// length: a server's Content-Length alone does not get to allocate
// gigabytes before a byte has arrived.
const maxPrealloc = 8 << 20

// readBody reads body to its end into a buffer sized by contentLength
// (negative: unknown), as io.ReadAll does otherwise. Once the first
// maxPrealloc bytes have really arrived, the rest of the declared length
// is reserved in one step: a large body is copied once, not at every
// growth of an appended slice.
func readBody(body io.Reader, contentLength int64) ([]byte, error) {
	if contentLength < 0 {
		return io.ReadAll(body)
	}
	// One byte more, so that the read finding the end does not grow it.
	b := hugebuf.Make(0, int(min(contentLength, maxPrealloc)+1))
	for {
		n, err := body.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) {
			if int64(len(b)) < contentLength && contentLength < math.MaxInt {
				grown := hugebuf.Make(len(b), int(contentLength)+1)
				copy(grown, b)
				b = grown
			} else {
				b = append(b, 0)[:len(b)]
			}
		}
	}
}
