package msxml

import (
	"math"
	"time"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/bindings/comarg"
	"github.com/winhttpjs/winhttpjs/engine"
	"github.com/winhttpjs/winhttpjs/internal/hugebuf"
)

func (x *xhr) args(call goja.FunctionCall, member string) comarg.Args {
	return comarg.New(x.rt, call, x.source, member)
}

// send is send([varBody]): a string (sent as UTF-8) or bytes; a DOM
// document is not supported. A synchronous send returns when the whole
// response is in; an asynchronous one at once.
func (x *xhr) send(call goja.FunctionCall) goja.Value {
	if x.state != stateLoading || x.cur != nil {
		x.throw(hrFail, msgFail, "send: call open before send (and open again to send again)")
	}
	body := x.bodyOf(call)
	req, err := x.session.NewRequest(x.method, x.url)
	if err != nil {
		x.throwErr(err)
	}
	req.Header = x.header.Clone()
	if _, ok := req.Header.Get("Accept"); !ok {
		req.Header.Set("Accept", "*/*")
	}
	req.Timeouts = x.timeouts
	req.ServerCredentials = x.creds
	if x.server {
		if x.proxy != nil {
			p := *x.proxy
			req.Proxy = &p
		}
		req.ProxyCredentials = x.proxyUser
		if v, ok := x.options[optIgnoreCertErrors]; ok {
			n, _ := comarg.ToInt(v)
			req.Security.IgnoreFlags = engine.SecurityFlags(n) & engine.SecurityIgnoreAllCertErrors
		}
	}
	if x.method == "GET" || x.method == "HEAD" {
		body = nil
	}
	t := newTransfer(x.cfg.Context)
	x.cur = t
	onHead, onEnd := func() {}, func() {}
	if x.async && x.cfg.Sys != nil && x.cfg.Sys.Loop != nil {
		// Two reservations: the loop cannot end before both the head and
		// the end of the response have been delivered.
		headQ, endQ := x.cfg.Sys.Loop.Reserve(), x.cfg.Sys.Loop.Reserve()
		onHead = func() { headQ(func() error { return x.deliverJob(t) }) }
		onEnd = func() { endQ(func() error { return x.deliverJob(t) }) }
	}
	if x.async {
		go t.run(req, body, onHead, onEnd)
		x.setState(stateLoaded)
		return nil
	}
	// A synchronous send runs on the script's goroutine, which would only
	// wait for a worker meanwhile: a hand-off there and back cost more
	// than the rest of a short request's bindings. The host context still
	// ends it (the transfer's context is its child).
	x.setState(stateLoaded)
	t.run(req, body, onHead, onEnd)
	x.catchUp()
	if p := t.snapshot(); p.err != nil && x.cur == t {
		x.throwErr(p.err)
	}
	return nil
}

// bodyOf converts send's argument: nothing or null is no body, a string is
// UTF-8, bytes are sent as they are.
func (x *xhr) bodyOf(call goja.FunctionCall) []byte {
	if len(call.Arguments) == 0 || goja.IsUndefined(call.Argument(0)) || goja.IsNull(call.Argument(0)) {
		return nil
	}
	v := call.Argument(0)
	if o, ok := v.(*goja.Object); ok {
		if b, ok := comarg.Bytes(x.rt, o); ok {
			return hugebuf.Clone(b)
		}
		if _, ok := com.Export(o).(string); !ok && o.ClassName() != "String" {
			x.notSupported("send with a " + o.ClassName() + " body (only strings and byte arrays)")
		}
	}
	return hugebuf.Bytes(comarg.Text(v))
}

// deliverJob runs on the script goroutine when the event loop hands back
// the worker's progress.
func (x *xhr) deliverJob(t *transfer) (err error) {
	defer func() {
		if p := recover(); p != nil {
			if ex, ok := p.(*goja.Exception); ok {
				err = ex
				return
			}
			panic(p)
		}
	}()
	if x.cur == t {
		x.catchUp()
	}
	return nil
}

// catchUp moves readyState to what the worker has reached, calling
// onreadystatechange for each step: 3 when the head is in, 4 at the end.
// Without an event loop this is how an asynchronous request progresses:
// whenever the script looks at the object.
func (x *xhr) catchUp() {
	t := x.cur
	if t == nil || x.delivering {
		// A handler reading readyState must see the state it was called
		// for, not be overtaken by the next one.
		return
	}
	x.delivering = true
	defer func() { x.delivering = false }()
	p := t.snapshot()
	if t.delivered < stateInteractive && (p.resp != nil || p.ended) && p.err == nil {
		t.delivered = stateInteractive
		x.setState(stateInteractive)
		if x.cur != t {
			return
		}
	}
	if t.delivered < stateCompleted && p.ended {
		t.delivered = stateCompleted
		x.setState(stateCompleted)
		close(t.completed)
	}
}

// waitForResponse is ServerXMLHTTP's waitForResponse([timeoutInSeconds]):
// true once the response is complete, false when the time ran out.
func (x *xhr) waitForResponse(call goja.FunctionCall) goja.Value {
	a := x.args(call, "waitForResponse")
	timeout := time.Duration(-1)
	if !a.Absent(0) {
		secs, ok := comarg.ToNumber(call.Argument(0))
		if !ok || math.IsNaN(secs) {
			x.throw(hrInvalid, msgInvalid, "waitForResponse: the time-out must be a number of seconds")
		}
		if secs >= 0 && secs < float64(math.MaxInt64/int64(time.Second)) {
			timeout = time.Duration(secs * float64(time.Second))
		}
	}
	t := x.cur
	if t == nil {
		return x.rt.ToValue(true)
	}
	if loop := x.loop(); loop != nil {
		ok, err := loop.Wait(t.completed, timeout)
		if err != nil {
			panic(err)
		}
		if !ok {
			return x.rt.ToValue(false)
		}
	} else {
		var expired <-chan time.Time
		if timeout >= 0 {
			timer := time.NewTimer(timeout)
			defer timer.Stop()
			expired = timer.C
		}
		select {
		case <-t.done:
		case <-expired:
			return x.rt.ToValue(false)
		}
		x.catchUp()
	}
	if p := t.snapshot(); p.err != nil && x.cur == t {
		x.throwErr(p.err)
	}
	return x.rt.ToValue(true)
}

func (x *xhr) loop() interface {
	Wait(done <-chan struct{}, timeout time.Duration) (bool, error)
} {
	if x.cfg.Sys == nil || x.cfg.Sys.Loop == nil || !x.async {
		return nil
	}
	return x.cfg.Sys.Loop
}
