package winhttpapi

import (
	"io"

	"github.com/dop251/goja"

	"github.com/winhttpjs/winhttpjs/engine"
)

// request looks up a request handle argument that has no asynchronous
// call outstanding.
func (m *module) request(v goja.Value) (*handle, engine.Code) {
	h, code := m.lookup(v, kindRequest)
	if code != 0 {
		return nil, code
	}
	if h.req.op.pending {
		return nil, engine.ErrIncorrectHandleState
	}
	return h, 0
}

// sendRequest is WinHttpSendRequest(hRequest, headers, optional,
// totalLength, context). The optional data's length is its own; totalLength
// larger than it means the rest follows through WinHttpWriteData;
// WINHTTP_IGNORE_REQUEST_TOTAL_LENGTH (0) with a "Transfer-Encoding:
// chunked" header (or WINHTTP_FLAG_AUTOMATIC_CHUNKING) streams a body of
// unknown length.
func (m *module) sendRequest(call goja.FunctionCall) goja.Value {
	h, code := m.request(call.Argument(0))
	if code != 0 {
		return m.fail(code)
	}
	r := h.req
	headers, ok1 := str(call.Argument(1))
	optional, ok2 := m.bytesOf(call.Argument(2))
	total, ok3 := dword(call.Argument(3))
	if !(ok1 && ok2 && ok3) {
		return m.fail(engine.ErrInvalidParameter)
	}
	if headers != nil && *headers != "" {
		if code := addHeaders(&r.eng.Header, *headers, addFlagAdd|addFlagReplace); code != 0 {
			return m.fail(code)
		}
	}
	if ctx := call.Argument(4); !isNull(ctx) {
		h.context = ctx
	}
	streaming := r.start(m, optional, int64(total))
	stop := engine.StatusRequestSent
	r.state = stSent
	if streaming {
		stop = engine.StatusSendingRequest
		r.state = stSending
	}
	prog := r.prog
	if streaming && r.total < 0 && r.eng.HTTP10 {
		// HTTP/1.0 cannot chunk: the engine reads the whole body before
		// it connects, so there is nothing to wait for here.
		stop = noWait
	}
	if h.async() {
		m.runAsync(h, func(deliver func(engine.Notification)) func() {
			sent := prog.pumpUntil(stop, deliver)
			return func() {
				if m.cancelledCall(h, asyncResult{api: apiSendRequest}) {
					return
				}
				if err := m.sendFailure(h, prog); err != nil && !sent {
					m.invoke(h, statusRequestError, asyncResult{api: apiSendRequest, code: m.closedCode(h, err)})
					return
				}
				m.invoke(h, statusSendRequestComplete, nil)
			}
		})
		return m.ok()
	}
	// Once the request is out, a failure belongs to the response (a bad
	// answer that came at once, say): WinHttpReceiveResponse reports it,
	// as on Windows, not WinHttpSendRequest.
	if sent := prog.pumpUntil(stop, m.deliverer(h, false)); sent {
		return m.ok()
	}
	if err := m.sendFailure(h, prog); err != nil {
		return m.failErr(err)
	}
	return m.ok()
}

// sendFailure returns the engine's error if the Send has already failed,
// putting the request back in the opened state.
func (m *module) sendFailure(h *handle, prog *progress) error {
	prog.mu.Lock()
	done, err := prog.done, prog.err
	prog.mu.Unlock()
	if done && err != nil {
		h.req.state = stOpen
		return err
	}
	return nil
}

// closedCode is the code a completion reports: OPERATION_CANCELLED once
// the handle was closed under it.
func (m *module) closedCode(h *handle, err error) engine.Code {
	if h.closed {
		return engine.ErrOperationCancelled
	}
	return codeOf(err)
}

// writeData is WinHttpWriteData(hRequest, data) → bytes written (null on
// failure); asynchronously it returns true and WRITE_COMPLETE carries the
// count.
func (m *module) writeData(call goja.FunctionCall) goja.Value {
	h, code := m.request(call.Argument(0))
	if code != 0 {
		return m.failNull(code)
	}
	r := h.req
	if r.state != stSending || r.body == nil {
		return m.failNull(engine.ErrIncorrectHandleState)
	}
	data, ok := m.bytesOf(call.Argument(1))
	if !ok {
		return m.failNull(engine.ErrInvalidParameter)
	}
	if r.total >= 0 && r.given+int64(len(data)) > r.total {
		return m.failNull(engine.ErrInvalidParameter)
	}
	w, pw := r.body, r.pw
	r.given += int64(len(data))
	finish := r.total >= 0 && r.given == r.total
	write := func() (int, error) {
		n, err := w.Write(data)
		if err == nil && finish {
			pw.Close()
		}
		return n, err
	}
	if h.async() {
		m.runAsync(h, func(func(engine.Notification)) func() {
			n, err := write()
			return func() {
				if m.cancelledCall(h, asyncResult{api: apiWriteData}) {
					return
				}
				if err != nil {
					m.invoke(h, statusRequestError, asyncResult{api: apiWriteData, code: m.closedCode(h, writeErr(err))})
					return
				}
				m.invoke(h, statusWriteComplete, uint32(n))
			}
		})
		return m.ok()
	}
	n, err := write()
	if err != nil {
		return m.failNullErr(writeErr(err))
	}
	m.lastError = 0
	return m.rt.ToValue(n)
}

// writeErr gives a failed body write a WinHTTP code: the engine's error
// when the pipe carries one, else a connection error.
func writeErr(err error) error {
	if engine.CodeOf(err) != 0 {
		return err
	}
	if err == errBadChunk {
		return engine.ErrInvalidParameter
	}
	return engine.ErrConnectionError
}

// receiveResponse is WinHttpReceiveResponse(hRequest, reserved): ends the
// request body and waits for the response head (redirects and
// authentication answered).
func (m *module) receiveResponse(call goja.FunctionCall) goja.Value {
	h, code := m.request(call.Argument(0))
	if code != 0 {
		return m.fail(code)
	}
	r := h.req
	if r.state != stSending && r.state != stSent {
		return m.fail(engine.ErrIncorrectHandleState)
	}
	if r.pw != nil {
		if r.total >= 0 && r.given < r.total {
			r.pw.CloseWithError(io.ErrUnexpectedEOF)
		} else {
			r.pw.Close()
		}
	}
	prog := r.prog
	finish := func() error {
		resp, err := prog.outcome()
		if err != nil {
			r.state = stOpen
			return err
		}
		r.wsConn = prog.takeWebSocket()
		return m.received(h, resp)
	}
	if h.async() {
		m.runAsync(h, func(deliver func(engine.Notification)) func() {
			prog.pumpUntil(0, deliver)
			return func() {
				if m.cancelledCall(h, asyncResult{api: apiReceiveResponse}, prog.discardOutcome) {
					return
				}
				if err := finish(); err != nil {
					m.invoke(h, statusRequestError, asyncResult{api: apiReceiveResponse, code: m.closedCode(h, err)})
					return
				}
				m.invoke(h, statusHeadersAvailable, nil)
			}
		})
		return m.ok()
	}
	prog.pumpUntil(0, m.deliverer(h, false))
	if h.closed {
		// A status callback closed the handle during the call.
		prog.discardOutcome()
		return m.fail(engine.ErrOperationCancelled)
	}
	if err := finish(); err != nil {
		return m.failErr(err)
	}
	return m.ok()
}
