package winhttpapi

import (
	"sync"

	"github.com/coder/websocket"

	"github.com/winhttpjs/winhttpjs/engine"
)

// progress carries one engine Send from its goroutine to the API calls
// that report it: the status notifications in the order the engine emitted
// them, then the outcome. WinHttpSendRequest consumes the notifications up
// to the request being sent and WinHttpReceiveResponse the rest, so each
// call reports what WinHTTP reports during it.
type progress struct {
	mu     sync.Mutex
	events []engine.Notification
	done   bool
	resp   *engine.Response
	err    error
	ws     *websocket.Conn // an upgraded connection, until taken
	signal chan struct{}
}

func newProgress() *progress { return &progress{signal: make(chan struct{}, 1)} }

// push records a notification; it never blocks (the engine's Notify
// must not).
func (p *progress) push(n engine.Notification) {
	p.mu.Lock()
	p.events = append(p.events, n)
	p.mu.Unlock()
	p.wake()
}

// finish records the outcome of the Send.
func (p *progress) finish(resp *engine.Response, err error) {
	p.mu.Lock()
	p.done, p.resp, p.err = true, resp, err
	p.mu.Unlock()
	p.wake()
}

func (p *progress) wake() {
	select {
	case p.signal <- struct{}{}:
	default:
	}
}

// next blocks until a notification is pending (returned with true) or
// the Send has finished with nothing left to report (false).
func (p *progress) next() (engine.Notification, bool) {
	for {
		p.mu.Lock()
		if len(p.events) > 0 {
			n := p.events[0]
			p.events = p.events[1:]
			p.mu.Unlock()
			return n, true
		}
		done := p.done
		p.mu.Unlock()
		if done {
			return engine.Notification{}, false
		}
		<-p.signal
	}
}

// finishUpgrade records a WebSocket handshake's outcome.
func (p *progress) finishUpgrade(resp *engine.Response, ws *websocket.Conn) {
	p.mu.Lock()
	p.ws = ws
	p.mu.Unlock()
	p.finish(resp, nil)
}

// takeWebSocket hands the upgraded connection over (once).
func (p *progress) takeWebSocket() *websocket.Conn {
	p.mu.Lock()
	defer p.mu.Unlock()
	ws := p.ws
	p.ws = nil
	return ws
}

// discardWebSocket waits for an abandoned handshake and closes the
// connection it made, unless it was taken.
func (p *progress) discardWebSocket() {
	for {
		if _, ok := p.next(); !ok {
			break
		}
	}
	if ws := p.takeWebSocket(); ws != nil {
		ws.CloseNow()
	}
}

// outcome returns the Send's result; valid once next has returned false.
func (p *progress) outcome() (*engine.Response, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.resp, p.err
}

// noWait is the stop status of a pump that must not wait at all.
const noWait = ^engine.CallbackStatus(0)

// pumpUntil passes notifications to deliver until one with status stop
// has been delivered (reached) or the Send has finished; noWait returns
// at once.
func (p *progress) pumpUntil(stop engine.CallbackStatus, deliver func(engine.Notification)) (reached bool) {
	if stop == noWait {
		return false
	}
	for {
		n, ok := p.next()
		if !ok {
			return false
		}
		if n.Status == engine.StatusHeadersAvailable {
			continue // the module reports HEADERS_AVAILABLE itself
		}
		deliver(n)
		if n.Status == stop {
			return true
		}
	}
}

// discardOutcome releases a finished Send nobody will read: the response
// body and an upgraded connection.
func (p *progress) discardOutcome() {
	if resp, _ := p.outcome(); resp != nil && resp.Body != nil {
		resp.Body.Close()
	}
	if ws := p.takeWebSocket(); ws != nil {
		ws.CloseNow()
	}
}
