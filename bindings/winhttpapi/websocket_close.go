package winhttpapi

import (
	"errors"
	"unicode/utf8"

	"github.com/coder/websocket"
	"github.com/dop251/goja"

	"github.com/winhttpjs/winhttpjs/engine"
)

// webSocketClose is WinHttpWebSocketClose(hWebSocket, status, reason) →
// error code: sends a close frame and waits for the peer's.
func (m *module) webSocketClose(call goja.FunctionCall) goja.Value {
	return m.closeCommon(call, false)
}

// webSocketShutdown is WinHttpWebSocketShutdown(hWebSocket, status,
// reason) → error code: sends a close frame and returns; receiving then
// reports the peer's close.
func (m *module) webSocketShutdown(call goja.FunctionCall) goja.Value {
	return m.closeCommon(call, true)
}

func (m *module) closeCommon(call goja.FunctionCall, shutdown bool) goja.Value {
	h, code := m.webSocket(call.Argument(0))
	if code != 0 {
		return m.dwordResult(code)
	}
	status, ok := dword(call.Argument(1))
	reason, ok2 := m.bytesOf(call.Argument(2))
	if !ok || !ok2 || len(reason) > maxCloseReason || !utf8.Valid(reason) ||
		!(status == 1000 || status >= 3000 && status <= 4999 || status >= 1001 && status <= 1003 || status >= 1007 && status <= 1011) {
		return m.dwordResult(engine.ErrInvalidParameter)
	}
	w := h.ws
	w.mu.Lock()
	if w.sentClose {
		w.mu.Unlock()
		return m.dwordResult(engine.ErrInvalidOperation)
	}
	w.sentClose = true
	w.mu.Unlock()
	closeNow := func() error { return w.close(uint16(status), string(reason)) }
	op, done := uint32(wsOpClose), uint32(statusCloseComplete)
	if shutdown {
		op, done = wsOpShutdown, statusShutdownComplete
		ch := make(chan struct{})
		w.mu.Lock()
		w.shutdown = ch
		w.mu.Unlock()
		inner := closeNow
		closeNow = func() error { defer close(ch); return inner() }
		if !h.async() {
			go closeNow()
			return m.dwordResult(0)
		}
	}
	if h.async() {
		m.runAsync(h, func(func(engine.Notification)) func() {
			err := closeNow()
			return func() {
				if m.cancelledCall(h, asyncResult{api: apiSendRequest, wsOp: op, forWS: true}) {
					return
				}
				if err != nil {
					m.invoke(h, statusRequestError, asyncResult{api: apiSendRequest, code: m.closedCode(h, err), wsOp: op, forWS: true})
					return
				}
				m.invoke(h, done, nil)
			}
		})
		return m.dwordResult(0)
	}
	return m.dwordResult(engine.CodeOf(closeNow()))
}

// close runs the close handshake and records the peer's status: the
// library reports it only when it differs from ours, so a plain echo
// leaves ours (and our reason) as the peer's.
func (w *webSocketData) close(status uint16, reason string) error {
	err := w.conn.Close(websocket.StatusCode(status), reason)
	w.mu.Lock()
	defer w.mu.Unlock()
	var ce websocket.CloseError
	switch {
	case errors.As(err, &ce):
		w.gotClose, w.status, w.reason = true, uint16(ce.Code), ce.Reason
		return nil
	case err == nil:
		if !w.gotClose {
			w.gotClose, w.status, w.reason = true, status, reason
		}
		return nil
	}
	return wsErr(err)
}

// webSocketQueryCloseStatus is WinHttpWebSocketQueryCloseStatus(hWebSocket)
// → {usStatus, pvReason, dwReasonLengthConsumed}, or null with
// ERROR_INVALID_OPERATION before a close frame was received.
func (m *module) webSocketQueryCloseStatus(call goja.FunctionCall) goja.Value {
	h, code := m.lookup(call.Argument(0), kindWebSocket)
	if code != 0 {
		return m.failNull(code)
	}
	w := h.ws
	w.mu.Lock()
	got, status, reason := w.gotClose, w.status, w.reason
	w.mu.Unlock()
	if !got {
		return m.failNull(engine.ErrInvalidOperation)
	}
	m.lastError = 0
	return m.object("usStatus", status, "pvReason", reason, "dwReasonLengthConsumed", len(reason))
}
