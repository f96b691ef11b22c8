package winhttpapi

import (
	"context"
	"errors"
	"io"
	"net"
	"sync"

	"github.com/coder/websocket"
	"github.com/dop251/goja"

	"github.com/winhttpjs/winhttpjs/engine"
)

// WebSocket buffer types and operations.
const (
	wsBinaryMessage  = 0
	wsBinaryFragment = 1
	wsUTF8Message    = 2
	wsUTF8Fragment   = 3
	wsClose          = 4

	wsOpSend     = 0
	wsOpReceive  = 1
	wsOpClose    = 2
	wsOpShutdown = 3

	maxCloseReason = 123
)

// webSocketData is a WebSocket handle's connection and its message state.
// Sends and receives run on goroutines in asynchronous mode; mu guards
// what they share with the script's goroutine.
type webSocketData struct {
	op     asyncOp
	conn   *websocket.Conn
	ctx    context.Context
	cancel context.CancelFunc

	mu         sync.Mutex
	writer     io.WriteCloser // an unfinished fragmented message
	reader     io.Reader      // the message being received
	readerType websocket.MessageType
	sentClose  bool
	gotClose   bool
	status     uint16
	reason     string
	shutdown   chan struct{} // closed when a Shutdown's close handshake ended
}

// abort drops the connection (WinHttpCloseHandle).
func (w *webSocketData) abort() {
	w.cancel()
	w.conn.CloseNow()
}

// webSocketCompleteUpgrade is WinHttpWebSocketCompleteUpgrade(hRequest,
// context) → the WebSocket handle, or null (ERROR_WINHTTP_INCORRECT_HANDLE_STATE
// unless the request was upgraded and answered 101).
func (m *module) webSocketCompleteUpgrade(call goja.FunctionCall) goja.Value {
	h, code := m.request(call.Argument(0))
	if code != 0 {
		return m.failNull(code)
	}
	r := h.req
	if r.state != stReceived || r.resp == nil || r.resp.StatusCode != 101 || r.wsConn == nil {
		return m.failNull(engine.ErrIncorrectHandleState)
	}
	// The WebSocket outlives its request handle (scripts close it next):
	// it hangs from the session, whose closing still ends it.
	ws := m.newHandle(kindWebSocket, h.session())
	ws.set = h.set
	ws.callback, ws.cbValue, ws.cbFlags = h.callback, h.cbValue, h.cbFlags
	ctx, cancel := context.WithCancel(m.opts.Context)
	ws.ws = &webSocketData{conn: r.wsConn, ctx: ctx, cancel: cancel}
	r.wsConn = nil
	if ctxArg := call.Argument(1); !isNull(ctxArg) {
		ws.context = ctxArg
	}
	m.lastError = 0
	return ws.value
}

// webSocket looks up a WebSocket handle with no call outstanding.
func (m *module) webSocket(v goja.Value) (*handle, engine.Code) {
	h, code := m.lookup(v, kindWebSocket)
	if code != 0 {
		return nil, code
	}
	if h.ws.op.pending {
		return nil, engine.ErrInvalidOperation
	}
	return h, 0
}

// webSocketSend is WinHttpWebSocketSend(hWebSocket, bufferType, data) →
// error code (0 on success). Fragment types continue a message that a
// message type ends.
func (m *module) webSocketSend(call goja.FunctionCall) goja.Value {
	h, code := m.webSocket(call.Argument(0))
	if code != 0 {
		return m.dwordResult(code)
	}
	typ, ok := dword(call.Argument(1))
	data, ok2 := m.bytesOf(call.Argument(2))
	if !ok || !ok2 || typ > wsUTF8Fragment {
		return m.dwordResult(engine.ErrInvalidParameter)
	}
	w := h.ws
	w.mu.Lock()
	closed := w.sentClose || w.gotClose
	w.mu.Unlock()
	if closed {
		return m.dwordResult(engine.ErrInvalidOperation)
	}
	send := func() error { return w.send(typ, data) }
	if h.async() {
		m.runAsync(h, func(func(engine.Notification)) func() {
			err := send()
			return func() {
				if m.cancelledCall(h, asyncResult{api: apiSendRequest, wsOp: wsOpSend, forWS: true}) {
					return
				}
				if err != nil {
					m.invoke(h, statusRequestError, asyncResult{api: apiSendRequest, code: m.closedCode(h, err), wsOp: wsOpSend, forWS: true})
					return
				}
				m.invoke(h, statusWriteComplete, wsStatus{bufferType: typ})
			}
		})
		return m.dwordResult(0)
	}
	if err := send(); err != nil {
		return m.dwordResult(codeOf(err))
	}
	return m.dwordResult(0)
}

// send writes one buffer.
func (w *webSocketData) send(typ uint32, data []byte) error {
	mt := websocket.MessageBinary
	if typ == wsUTF8Message || typ == wsUTF8Fragment {
		mt = websocket.MessageText
	}
	fragment := typ == wsBinaryFragment || typ == wsUTF8Fragment
	w.mu.Lock()
	writer := w.writer
	w.mu.Unlock()
	var err error
	switch {
	case writer == nil && !fragment:
		err = w.conn.Write(w.ctx, mt, data)
	default:
		if writer == nil {
			if writer, err = w.conn.Writer(w.ctx, mt); err != nil {
				return wsErr(err)
			}
		}
		if _, err = writer.Write(data); err == nil && !fragment {
			err = writer.Close()
			writer = nil
		}
		w.mu.Lock()
		w.writer = writer
		w.mu.Unlock()
	}
	return wsErr(err)
}

// webSocketReceive is WinHttpWebSocketReceive(hWebSocket, bufferLength) →
// {pvBuffer: Uint8Array, dwBytesRead, eBufferType}, or null. A message
// longer than bufferLength comes in FRAGMENT pieces; a close frame from
// the peer gives eBufferType WINHTTP_WEB_SOCKET_CLOSE_BUFFER_TYPE.
func (m *module) webSocketReceive(call goja.FunctionCall) goja.Value {
	h, code := m.webSocket(call.Argument(0))
	if code != 0 {
		return m.failNull(code)
	}
	n, ok := dword(call.Argument(1))
	if !ok || n == 0 {
		return m.failNull(engine.ErrInvalidParameter)
	}
	w := h.ws
	w.mu.Lock()
	got := w.gotClose
	w.mu.Unlock()
	if got {
		return m.failNull(engine.ErrInvalidOperation)
	}
	if h.async() {
		m.runAsync(h, func(func(engine.Notification)) func() {
			data, typ, err := w.receive(int(min(n, maxRead)))
			return func() {
				if m.cancelledCall(h, asyncResult{api: apiReadData, wsOp: wsOpReceive, forWS: true}) {
					return
				}
				if err != nil {
					m.invoke(h, statusRequestError, asyncResult{api: apiReadData, code: m.closedCode(h, err), wsOp: wsOpReceive, forWS: true})
					return
				}
				m.invoke(h, statusReadComplete, wsStatus{bytes: data, bufferType: typ})
			}
		})
		m.lastError = 0
		return m.rt.ToValue(true)
	}
	data, typ, err := w.receive(int(min(n, maxRead)))
	if err != nil {
		return m.failNullErr(err)
	}
	m.lastError = 0
	return m.object("pvBuffer", m.uint8Array(data), "dwBytesRead", len(data), "eBufferType", typ)
}

// receive reads up to n bytes of the current (or next) message.
func (w *webSocketData) receive(n int) ([]byte, uint32, error) {
	w.mu.Lock()
	shutdown := w.shutdown
	w.mu.Unlock()
	if shutdown != nil {
		// After WinHttpWebSocketShutdown the close handshake owns the
		// connection; what is left to receive is the peer's close.
		<-shutdown
		w.mu.Lock()
		w.gotClose = true
		w.mu.Unlock()
		return nil, wsClose, nil
	}
	if w.reader == nil {
		mt, rd, err := w.conn.Reader(w.ctx)
		if err != nil {
			var ce websocket.CloseError
			if errors.As(err, &ce) {
				w.mu.Lock()
				w.gotClose, w.status, w.reason = true, uint16(ce.Code), ce.Reason
				w.mu.Unlock()
				return nil, wsClose, nil
			}
			return nil, 0, wsErr(err)
		}
		w.reader, w.readerType = rd, mt
	}
	buf := make([]byte, n+1)
	got, err := io.ReadFull(w.reader, buf)
	done := false
	switch {
	case err == io.ErrUnexpectedEOF || err == io.EOF:
		done = true
	case err != nil:
		return nil, 0, wsErr(err)
	}
	if got > n {
		// One byte more than asked for proves the message goes on; keep it.
		w.reader = io.MultiReader(bytesReader(buf[n:got]), w.reader)
		got = n
	} else {
		done = true
	}
	typ := uint32(wsBinaryFragment)
	if w.readerType == websocket.MessageText {
		typ = wsUTF8Fragment
	}
	if done {
		w.reader = nil
		typ-- // the MESSAGE type is one below its FRAGMENT type
	}
	return buf[:got], typ, nil
}

// wsErr gives a WebSocket failure a WinHTTP code.
func wsErr(err error) error {
	switch {
	case err == nil:
		return nil
	case engine.CodeOf(err) != 0:
		return err
	case errors.Is(err, context.Canceled):
		return &engine.Error{Code: engine.ErrOperationCancelled, Op: "websocket", Err: err}
	case errors.Is(err, net.ErrClosed):
		return &engine.Error{Code: engine.ErrInvalidOperation, Op: "websocket", Err: err}
	}
	return &engine.Error{Code: engine.ErrConnectionError, Op: "websocket", Err: err}
}

// bytesReader is a reader over b.
func bytesReader(b []byte) io.Reader {
	c := append([]byte(nil), b...)
	return &sliceReader{c}
}

type sliceReader struct{ b []byte }

func (s *sliceReader) Read(p []byte) (int, error) {
	if len(s.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p, s.b)
	s.b = s.b[n:]
	return n, nil
}
