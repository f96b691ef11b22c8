package winhttp

import (
	"math"
	"time"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/bindings/comarg"
)

// wait delivers t's events on the script goroutine until t has finished
// (true), the timeout has passed (false; negative waits for ever), or an
// event handler has aborted or re-opened the object (true). It serves a
// synchronous Send, and WaitForResponse when the host has no event loop.
func (r *request) wait(t *transfer, timeout time.Duration) bool {
	if t.firing && t.streamPump != nil {
		// A handler of a synchronous Send waiting for that Send: the
		// body is read below this handler, on this goroutine, and goes on
		// once it returns. Waiting here would wait for ever; the answer
		// is that the response is not complete yet.
		return false
	}
	var expired <-chan time.Time
	if timeout >= 0 {
		timer := time.NewTimer(timeout)
		defer timer.Stop()
		expired = timer.C
	}
	done := t.doneCh()
	for {
		r.pump()
		if r.cur != t {
			return true
		}
		select {
		case <-done:
			r.pump()
			return true
		default:
		}
		select {
		case <-done:
		case <-t.signal:
		case <-expired:
			return false
		}
	}
}

// waitInLoop is wait for an asynchronous transfer in a host with an event
// loop: the loop runs meanwhile, so other objects' events and the script's
// timers are delivered too. It reports false when the time ran out or the
// script is ending.
func (r *request) waitInLoop(t *transfer, timeout time.Duration) bool {
	if t.firing {
		// Inside a handler of t, which holds no loop job meanwhile:
		// nothing of t is taken until the handler returns, so the reader
		// must not wait for that.
		t.unthrottle()
	}
	ok, err := t.loop.Wait(t.doneCh(), timeout)
	if err != nil || !ok {
		return false
	}
	r.pump()
	return true
}

// deliverTransfer is the loop job of a transfer (arg): it hands the
// transfer's queued events to the sink, or drops them once it is no
// longer its object's current transfer, then re-arms its reservation. One
// function serves every transfer, which a host.TokenLoop passes as the job's
// argument: no closure per request.
func deliverTransfer(arg any) error {
	t := arg.(*transfer)
	r := t.owner
	t.jobStarted()
	if t.firing {
		// A handler of t is running below this nested wait: its
		// delivery loop picks the events up when it returns, in order.
		// Until then the reader must not wait for them to be taken.
		t.armLater = true
		t.unthrottle()
		return nil
	}
	if r.cur == t {
		r.pump()
	} else {
		t.take()
	}
	t.arm()
	return nil
}

// pump hands the queued events of the object's current transfer to the
// sink, in order, until none is left. Events of a transfer that stopped
// being current (Abort, Open from a handler) are dropped. It never
// re-enters a handler of the same transfer: called from inside one, it
// leaves the events to the delivery in progress.
func (r *request) pump() {
	for {
		t := r.cur
		if t == nil {
			return
		}
		if t.firing {
			// A wait inside a handler of t: nothing is taken until the
			// handler returns, so the reader must not wait for that.
			t.unthrottle()
			return
		}
		evs := t.take()
		if len(evs) == 0 {
			return
		}
		r.fireAll(t, evs)
	}
}

func (r *request) fireAll(t *transfer, evs []event) {
	t.firing = true
	defer func() {
		t.firing = false
		if t.armLater {
			t.armLater = false
			t.arm()
		}
	}()
	for _, ev := range evs {
		if r.cur != t {
			return
		}
		r.fire(ev)
	}
}

// fire calls the sink for one event with IWinHttpRequestEvents' arguments.
func (r *request) fire(ev event) {
	sink := r.sink
	if sink == nil {
		return
	}
	switch ev.kind {
	case evStart:
		sink.Fire("OnResponseStart", []goja.Value{r.rt.ToValue(ev.head.status), r.rt.ToValue(ev.head.contentType)})
	case evData:
		// The chunk's array costs a Uint8Array construction: none is
		// made for a script that has no handler for it.
		if !sink.Handles("OnResponseDataAvailable") {
			return
		}
		if ev.lent {
			r.fireLent(sink, ev.chunk)
			return
		}
		sink.Fire("OnResponseDataAvailable", []goja.Value{r.chunkArray(ev)})
	case evFinished:
		sink.Fire("OnResponseFinished", nil)
	case evError:
		code := codeOf(ev.err)
		sink.Fire("OnError", []goja.Value{r.rt.ToValue(int64(int32(code.HRESULT()))), r.rt.ToValue(code.Message())})
	}
}

// waitForResponse is WaitForResponse([Timeout]) with the timeout in
// seconds; missing or -1 waits for ever. A request that failed makes it
// throw that failure.
func (r *request) waitForResponse(call goja.FunctionCall) goja.Value {
	timeout := time.Duration(-1)
	if !absent(call, 0) {
		secs, ok := comarg.ToNumber(call.Argument(0))
		switch {
		case !ok || math.IsNaN(secs):
			com.ThrowDetail(r.rt, com.HRTypeMismatch, com.MsgTypeMismatch, source,
				"WaitForResponse: Timeout must be a number of seconds, not "+comarg.Describe(call.Argument(0)))
		case secs == -1:
		case secs < 0:
			r.throwInvalidArg("WaitForResponse: Timeout " + comarg.Describe(call.Argument(0)) + " is negative (use -1 to wait without limit)")
		case secs > float64(math.MaxInt64/int64(time.Second)):
		default:
			timeout = time.Duration(secs * float64(time.Second))
		}
	}
	t := r.cur
	if t == nil || r.phase != phaseSent {
		// Nothing in flight: nothing to wait for.
		return r.rt.ToValue(true)
	}
	var done bool
	if t.loop != nil {
		done = r.waitInLoop(t, timeout)
	} else {
		done = r.wait(t, timeout)
	}
	if !done {
		return r.rt.ToValue(false)
	}
	if r.cur == t {
		if st := t.snapshot(); st.err != nil {
			r.throwErr(st.err)
		}
	}
	return r.rt.ToValue(true)
}
