package winhttpapi

import (
	"github.com/dop251/goja"

	"github.com/winhttpjs/winhttpjs/engine"
)

// Notification statuses the module emits itself.
const (
	statusHandleCreated       = 0x00000400
	statusHandleClosing       = 0x00000800
	statusHeadersAvailable    = 0x00020000
	statusDataAvailable       = 0x00040000
	statusReadComplete        = 0x00080000
	statusWriteComplete       = 0x00100000
	statusRequestError        = 0x00200000
	statusSendRequestComplete = 0x00400000
	statusGetProxyComplete    = 0x01000000
	statusCloseComplete       = 0x02000000
	statusShutdownComplete    = 0x04000000
)

// API ids of WINHTTP_ASYNC_RESULT.dwResult.
const (
	apiReceiveResponse    = 1
	apiQueryDataAvailable = 2
	apiReadData           = 3
	apiWriteData          = 4
	apiSendRequest        = 5
	apiGetProxyForURL     = 6
)

// asyncResult is WINHTTP_ASYNC_RESULT, REQUEST_ERROR's information.
type asyncResult struct {
	api   uint32
	code  engine.Code
	wsOp  uint32 // WebSocket operation, for WINHTTP_WEB_SOCKET_ASYNC_RESULT
	forWS bool
}

// wsStatus is WINHTTP_WEB_SOCKET_STATUS, a WebSocket completion's information.
type wsStatus struct {
	bytes      []byte
	bufferType uint32
}

// setStatusCallback is WinHttpSetStatusCallback(h, callback, flags,
// reserved) → the previous callback (null if none), or
// WINHTTP_INVALID_STATUS_CALLBACK (-1) on failure.
func (m *module) setStatusCallback(call goja.FunctionCall) goja.Value {
	h, code := m.lookup(call.Argument(0))
	if code != 0 {
		m.lastError = uint32(code)
		return m.rt.ToValue(-1)
	}
	flags, ok := dword(call.Argument(2))
	var cb goja.Callable
	if f := call.Argument(1); !isNull(f) {
		cb, ok = goja.AssertFunction(f)
		if !ok {
			m.lastError = uint32(engine.ErrInvalidParameter)
			return m.rt.ToValue(-1)
		}
	}
	if !ok {
		m.lastError = uint32(engine.ErrInvalidParameter)
		return m.rt.ToValue(-1)
	}
	prev := h.cbValue
	if prev == nil {
		prev = goja.Null()
	}
	h.callback, h.cbFlags, h.cbValue = cb, flags, nil
	if cb != nil {
		h.cbValue = call.Argument(1)
	}
	m.lastError = 0
	return prev
}

// invoke calls h's status callback for status, if it has one that wants
// it: callback(hInternet, dwContext, dwInternetStatus,
// lpvStatusInformation, dwStatusInformationLength). It runs on the
// script's goroutine; a callback's exception is kept to re-throw.
func (m *module) invoke(h *handle, status uint32, info any) {
	if h.callback == nil || h.cbFlags&status == 0 {
		return
	}
	v, n := m.statusInfo(info)
	_, err := h.callback(goja.Undefined(), h.value, h.context, m.rt.ToValue(status), v, m.rt.ToValue(n))
	if err != nil && m.thrown == nil {
		m.thrown = err
	}
}

// statusInfo converts a notification's information to JS and its length
// as WinHTTP gives it (characters for strings, bytes otherwise).
func (m *module) statusInfo(info any) (goja.Value, int) {
	switch x := info.(type) {
	case nil:
		return goja.Null(), 0
	case string:
		return m.rt.ToValue(x), len([]rune(x))
	case int:
		return m.rt.ToValue(x), 4
	case uint32:
		return m.rt.ToValue(x), 4
	case engine.SecurityFlags:
		return m.rt.ToValue(uint32(secureFailureFlags(x))), 4
	case []byte:
		return m.uint8Array(x), len(x)
	case readDone:
		return x.buf, x.n
	case *handle:
		return x.value, 8
	case asyncResult:
		o := m.object("dwResult", x.api, "dwError", uint32(x.code))
		if x.forWS {
			return m.object("AsyncResult", o, "Operation", x.wsOp), 24
		}
		return o, 16
	case wsStatus:
		return m.object("dwBytesTransferred", len(x.bytes), "eBufferType", x.bufferType,
			"pvBuffer", m.uint8Array(x.bytes)), 8
	}
	return m.rt.ToValue(info), 0
}

// secureFailureFlags maps the engine's certificate problems to
// WINHTTP_CALLBACK_STATUS_FLAG_* bits.
func secureFailureFlags(f engine.SecurityFlags) uint32 {
	var out uint32
	if f&engine.SecurityIgnoreUnknownCA != 0 {
		out |= 0x08
	}
	if f&engine.SecurityIgnoreWrongUsage != 0 {
		out |= 0x40
	}
	if f&engine.SecurityIgnoreCNInvalid != 0 {
		out |= 0x10
	}
	if f&engine.SecurityIgnoreDateInvalid != 0 {
		out |= 0x20
	}
	return out
}

// deliverer returns how progress notifications of an operation on h reach
// the script: directly on a synchronous handle (the caller is on the
// script's goroutine), through the event loop on an asynchronous one
// (the caller is the operation's goroutine).
func (m *module) deliverer(h *handle, async bool) func(engine.Notification) {
	if !async {
		return func(n engine.Notification) { m.invoke(h, uint32(n.Status), n.Info) }
	}
	return func(n engine.Notification) {
		enqueue := m.opts.Loop.Reserve()
		enqueue(func() error { return m.runJob(func() { m.invoke(h, uint32(n.Status), n.Info) }) })
	}
}

// runJob runs f on the script's goroutine as an event-loop job and turns
// a callback's exception into the job's error.
func (m *module) runJob(f func()) error {
	m.thrown = nil
	f()
	err := m.thrown
	m.thrown = nil
	return err
}

// asyncOp tracks the one asynchronous call a handle may have outstanding.
type asyncOp struct {
	pending bool
	done    chan struct{} // closed once the call's completion is queued
}

// op returns h's asynchronous-call tracker.
func (h *handle) op() *asyncOp {
	switch {
	case h.req != nil:
		return &h.req.op
	case h.ws != nil:
		return &h.ws.op
	case h.res != nil:
		return &h.res.op
	}
	return &asyncOp{}
}

// runAsync runs work for an asynchronous call on its own goroutine; work
// reports progress through deliver and returns the completion, run on the
// script's goroutine once the call is no longer pending.
func (m *module) runAsync(h *handle, work func(deliver func(engine.Notification)) func()) {
	op := h.op()
	op.pending = true
	done := make(chan struct{})
	op.done = done
	enqueue := m.opts.Loop.Reserve()
	deliver := m.deliverer(h, true)
	go func() {
		complete := work(deliver)
		enqueue(func() error {
			op.pending = false
			return m.runJob(complete)
		})
		close(done)
	}()
}

// notifyCreated reports WINHTTP_CALLBACK_STATUS_HANDLE_CREATED for h
// (on its inherited callback).
func (m *module) notifyCreated(h *handle) {
	if h.callback == nil || h.cbFlags&statusHandleCreated == 0 {
		return
	}
	if h.async() {
		enqueue := m.opts.Loop.Reserve()
		enqueue(func() error { return m.runJob(func() { m.invoke(h, statusHandleCreated, h) }) })
		return
	}
	m.invoke(h, statusHandleCreated, h)
}

// notifyClosing reports WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING, the last
// notification of h: after the completion of a call still pending.
func (m *module) notifyClosing(h *handle) {
	if h.callback == nil || h.cbFlags&statusHandleClosing == 0 {
		return
	}
	if !h.async() {
		m.invoke(h, statusHandleClosing, h)
		return
	}
	enqueue := m.opts.Loop.Reserve()
	op := h.op()
	job := func() error { return m.runJob(func() { m.invoke(h, statusHandleClosing, h) }) }
	if op.pending && op.done != nil {
		done := op.done
		go func() {
			<-done
			enqueue(job)
		}()
		return
	}
	enqueue(job)
}

// cancelledCall completes a call whose handle was closed while it was
// pending: REQUEST_ERROR with ERROR_WINHTTP_OPERATION_CANCELLED, after
// releasing what the call produced (cleanup, may be nil). It reports
// whether the handle was closed.
func (m *module) cancelledCall(h *handle, res asyncResult, cleanup ...func()) bool {
	if !h.closed {
		return false
	}
	for _, c := range cleanup {
		c()
	}
	res.code = engine.ErrOperationCancelled
	m.invoke(h, statusRequestError, res)
	return true
}
