package winhttpapi

import (
	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"

	"github.com/winhttpjs/winhttpjs/engine"
)

// kind is a handle's level, with WINHTTP_HANDLE_TYPE_* values.
type kind uint32

const (
	kindSession   kind = 1
	kindConnect   kind = 2
	kindRequest   kind = 3
	kindWebSocket kind = 4
	kindResolver  kind = 5
)

// handle is an HINTERNET. Scripts hold it as an opaque object (a wrapped Go
// pointer with no visible properties) and pass it back; a closed handle
// stays an object but fails every call with ERROR_INVALID_HANDLE.
type handle struct {
	m        *module
	kind     kind
	parent   *handle
	children map[*handle]struct{}
	closed   bool
	value    goja.Value // the script's object for this handle

	// The status callback and its mask, inherited by children created
	// afterwards; context is the dwContext passed to it.
	callback goja.Callable
	cbValue  goja.Value
	cbFlags  uint32
	context  goja.Value

	set settings // option values (session: defaults; children: copies)

	sess *sessionData
	conn *engine.Connection
	req  *requestData
	ws   *webSocketData
	res  *resolverData
}

// newHandle creates a child of parent (nil for a session), inheriting its
// settings and callback.
func (m *module) newHandle(k kind, parent *handle) *handle {
	h := &handle{m: m, kind: k, parent: parent, context: m.rt.ToValue(0)}
	if parent != nil {
		h.set = parent.set
		h.callback, h.cbValue, h.cbFlags = parent.callback, parent.cbValue, parent.cbFlags
		if parent.children == nil {
			parent.children = make(map[*handle]struct{})
		}
		parent.children[h] = struct{}{}
	}
	h.value = m.rt.ToValue(h)
	return h
}

// session returns the session handle above h.
func (h *handle) session() *handle {
	for h.kind != kindSession && h.parent != nil {
		h = h.parent
	}
	return h
}

// async reports whether h belongs to a WINHTTP_FLAG_ASYNC session.
func (h *handle) async() bool {
	s := h.session()
	return s.sess != nil && s.sess.async
}

// lookup converts a handle argument. A NULL, foreign, or closed handle
// gives ERROR_INVALID_HANDLE; a handle of another kind than any of want,
// ERROR_WINHTTP_INCORRECT_HANDLE_TYPE.
func (m *module) lookup(v goja.Value, want ...kind) (*handle, engine.Code) {
	if isNull(v) {
		return nil, engine.ErrInvalidHandle
	}
	h, ok := com.Export(v).(*handle)
	if !ok || h == nil || h.m != m || h.closed {
		return nil, engine.ErrInvalidHandle
	}
	if len(want) == 0 {
		return h, 0
	}
	for _, k := range want {
		if h.kind == k {
			return h, 0
		}
	}
	return nil, engine.ErrIncorrectHandleType
}

// closeHandle is WinHttpCloseHandle(hInternet): closes the handle and,
// first, every handle below it; pending work is cancelled.
func (m *module) closeHandle(call goja.FunctionCall) goja.Value {
	h, code := m.lookup(call.Argument(0))
	if code != 0 {
		return m.fail(code)
	}
	m.closeTree(h)
	return m.ok()
}

// closeTree closes h's children, then h.
func (m *module) closeTree(h *handle) {
	for c := range h.children {
		m.closeTree(c)
	}
	h.closed = true
	if h.parent != nil {
		delete(h.parent.children, h)
	}
	switch {
	case h.req != nil:
		h.req.abort()
	case h.ws != nil:
		h.ws.abort()
	case h.sess != nil:
		_ = h.sess.engine.Close()
	}
	m.notifyClosing(h)
}
