package winhttpapi

import (
	"reflect"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"

	"github.com/winhttpjs/winhttpjs/engine"
)

// The caller-buffer form of WinHttpReadData(Ex): C's
// WinHttpReadData(hRequest, lpBuffer, dwNumberOfBytesToRead,
// lpdwNumberOfBytesRead), where the caller owns the buffer. A script that
// reads a large body through one reused buffer allocates nothing per call,
// and the bytes land in memory that stays in the CPU's cache: a fresh
// Uint8Array per call costs more than the read itself on loopback.

var arrayBufferType = reflect.TypeOf(goja.ArrayBuffer{})

// callerBuffer returns the bytes of a buffer argument, sharing the
// script's memory: an ArrayBuffer's, or the viewed part of a typed array's
// or DataView's ArrayBuffer. ok is false for anything else, including a
// detached ArrayBuffer and a Go slice a host exposed (writes to it could
// land in a copy).
//
// A view's window is looked up once and kept (see viewCache): reading a
// typed array's buffer, byteOffset and byteLength by name cost a dozen
// allocations a call (goja first tries each name as an index), and a
// script reading a body calls with the same buffer every time.
func (m *module) callerBuffer(v goja.Value) (b []byte, ok bool) {
	o, isObj := v.(*goja.Object)
	if !isObj || o == nil {
		return nil, false
	}
	if o.ExportType() == arrayBufferType {
		ab := o.Export().(goja.ArrayBuffer)
		if ab.Detached() {
			return nil, false
		}
		return ab.Bytes(), true
	}
	if m.view.obj != o {
		w, ok := lookupView(o)
		if !ok {
			return nil, false
		}
		m.view = w
	}
	return m.view.bytes()
}

// viewCache is the window of the last view callerBuffer was given. A view
// cannot move: goja's ArrayBuffers do not resize, and a view's buffer,
// offset and length are fixed when it is made. Its ArrayBuffer can still
// be detached (by a Go host), which bytes checks at every use.
type viewCache struct {
	obj   *goja.Object
	ab    goja.ArrayBuffer
	lo, n int64
}

// lookupView reads o's window into its ArrayBuffer.
func lookupView(o *goja.Object) (viewCache, bool) {
	bv := o.Get("buffer")
	if bv == nil {
		return viewCache{}, false
	}
	ab, isAB := com.Export(bv).(goja.ArrayBuffer)
	if !isAB {
		return viewCache{}, false
	}
	off, n := o.Get("byteOffset"), o.Get("byteLength")
	if off == nil || n == nil {
		return viewCache{}, false
	}
	return viewCache{obj: o, ab: ab, lo: off.ToInteger(), n: n.ToInteger()}, true
}

// bytes returns the window, bounds-checked: whatever byteOffset and
// byteLength said, only that ArrayBuffer is written.
func (w *viewCache) bytes() ([]byte, bool) {
	if w.ab.Detached() {
		return nil, false
	}
	d := w.ab.Bytes()
	if w.lo < 0 || w.n < 0 || w.lo > int64(len(d)) || w.n > int64(len(d))-w.lo {
		return nil, false
	}
	return d[w.lo : w.lo+w.n : w.lo+w.n], true
}

// readDone is READ_COMPLETE's information for a read into the caller's
// buffer: WinHTTP passes lpBuffer and the number of bytes read, so the
// callback gets the script's own buffer object and the count.
type readDone struct {
	buf goja.Value
	n   int
}

// readIntoCaller is WinHttpReadData(hRequest, buffer[, bytesToRead]) and
// WinHttpReadDataEx(hRequest, buffer, bytesToRead, flags): up to
// bytesToRead bytes (default and maximum: the buffer's length) are read
// into the buffer; the result is the count, 0 at the end of the body, or
// null on failure. Asynchronously the call returns true and READ_COMPLETE
// carries the buffer and, as its length, the count.
func (m *module) readIntoCaller(hv, bufv goja.Value, buf []byte, nv goja.Value, fill bool) goja.Value {
	h, code := m.response(hv)
	if code != 0 {
		return m.failNull(code)
	}
	n := len(buf)
	if !isNull(nv) {
		// bytesToRead is a length of the buffer: more than it holds would
		// be a buffer overrun in C.
		want, ok := dword(nv)
		if !ok || int64(want) > int64(len(buf)) {
			return m.failNull(engine.ErrInvalidParameter)
		}
		n = int(want)
	}
	r, rd := h.req, h.req.reader
	if !h.async() {
		got, err := r.readInto(rd, buf[:n], fill)
		if err != nil {
			return m.failNullErr(err)
		}
		r.ended(got, n)
		m.lastError = 0
		return m.rt.ToValue(got)
	}
	// The read runs on its own goroutine while the script keeps running,
	// so it must not write the script's buffer: it fills a Go buffer of
	// the request's, copied into the script's on the script's goroutine
	// when the call completes. Only one call is pending per handle, so the
	// one buffer is never shared.
	scratch := r.scratchFor(n, fill)
	m.runAsync(h, func(func(engine.Notification)) func() {
		got, err := r.readInto(rd, scratch, fill)
		return func() {
			if m.cancelledCall(h, asyncResult{api: apiReadData}) {
				return
			}
			if err != nil {
				m.invoke(h, statusRequestError, asyncResult{api: apiReadData, code: m.closedCode(h, err)})
				return
			}
			dst, ok := m.callerBuffer(bufv)
			if !ok || len(dst) < got {
				// Only a Go host can detach an ArrayBuffer; the bytes
				// have nowhere to go.
				m.invoke(h, statusRequestError, asyncResult{api: apiReadData, code: engine.ErrInvalidParameter})
				return
			}
			copy(dst, scratch[:got])
			r.ended(got, n)
			m.invoke(h, statusReadComplete, readDone{buf: bufv, n: got})
		}
	})
	return m.ok()
}

// scratchFor returns the request's Go buffer for an asynchronous read of
// n bytes, grown if needed and kept for the next call. A read that need
// not fill its buffer is capped at maxRead (WinHTTP may return fewer
// bytes than asked), so a huge script buffer does not get a twin, and
// every read at what the body still owes (capRead).
func (r *requestData) scratchFor(n int, fill bool) []byte {
	if !fill {
		n = min(n, maxRead)
	}
	n = r.capRead(n)
	if cap(r.scratch) < n {
		r.scratch = make([]byte, n)
	}
	return r.scratch[:n]
}
