package winhttp

import (
	"math"
	"time"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
)

// wait delivers t's events on the script goroutine until t has finished
// (true), the timeout has passed (false; negative waits for ever), or an
// event handler has aborted or re-opened the object (true).
func (r *request) wait(t *transfer, timeout time.Duration) bool {
	var expired <-chan time.Time
	if timeout >= 0 {
		timer := time.NewTimer(timeout)
		defer timer.Stop()
		expired = timer.C
	}
	for {
		if !r.deliver(t) {
			return true
		}
		select {
		case <-t.done:
			r.deliver(t)
			return true
		default:
		}
		select {
		case <-t.done:
		case <-t.signal:
		case <-expired:
			return false
		}
	}
}

// deliver hands t's queued events to the sink. It reports false when a
// handler made t stop being the object's transfer; the remaining events
// are then dropped.
func (r *request) deliver(t *transfer) bool {
	for _, ev := range t.take() {
		if r.cur != t {
			return false
		}
		r.fire(ev)
	}
	return r.cur == t
}

// fire calls the sink for one event with IWinHttpRequestEvents' arguments.
func (r *request) fire(ev event) {
	sink := r.sink
	if sink == nil {
		return
	}
	switch ev.kind {
	case evStart:
		sink("OnResponseStart", []goja.Value{r.rt.ToValue(ev.head.status), r.rt.ToValue(ev.head.contentType)})
	case evData:
		sink("OnResponseDataAvailable", []goja.Value{r.newUint8Array(ev.chunk)})
	case evFinished:
		sink("OnResponseFinished", nil)
	case evError:
		code := codeOf(ev.err)
		sink("OnError", []goja.Value{r.rt.ToValue(int64(int32(code.HRESULT()))), r.rt.ToValue(code.Message())})
	}
}

// waitForResponse is WaitForResponse([Timeout]) with the timeout in
// seconds; missing or -1 waits for ever. A request that failed makes it
// throw that failure.
func (r *request) waitForResponse(call goja.FunctionCall) goja.Value {
	timeout := time.Duration(-1)
	if !absent(call, 0) {
		secs, ok := toNumber(call.Argument(0))
		switch {
		case !ok || math.IsNaN(secs):
			com.ThrowDetail(r.rt, com.HRTypeMismatch, com.MsgTypeMismatch, source,
				"WaitForResponse: Timeout must be a number of seconds, not "+describe(call.Argument(0)))
		case secs == -1:
		case secs < 0:
			r.throwInvalidArg("WaitForResponse: Timeout " + describe(call.Argument(0)) + " is negative (use -1 to wait without limit)")
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
	if !r.wait(t, timeout) {
		return r.rt.ToValue(false)
	}
	if r.cur == t {
		if st := t.snapshot(); st.err != nil {
			r.throwErr(st.err)
		}
	}
	return r.rt.ToValue(true)
}
