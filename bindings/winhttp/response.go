package winhttp

import (
	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/bindings/comarg"
	"github.com/winhttpjs/winhttpjs/engine"
)

// sent returns the current transfer's state, throwing 12101 before Send
// and the transfer's error when it failed. The state check comes before
// any argument check (Windows-verified).
func (r *request) sent() (*transfer, transferState) {
	if r.phase < phaseSent || r.cur == nil {
		r.throwCode(engine.ErrCannotCallBeforeSend, "")
	}
	t := r.cur
	st := t.snapshot()
	if st.err != nil {
		r.throwErr(st.err)
	}
	return t, st
}

func (r *request) throwPending(what string) {
	com.ThrowDetail(r.rt, com.HRPending, "The data necessary to complete this operation is not yet available", source,
		what+" is not available until the asynchronous Send completes (call WaitForResponse)")
}

// responseHead returns the response head, throwing E_PENDING while an
// asynchronous request has not received it yet.
func (r *request) responseHead() *head {
	_, st := r.sent()
	if st.head == nil {
		r.throwPending("the response head")
	}
	return st.head
}

// completed returns the finished transfer, throwing E_PENDING while it is
// still receiving the body.
func (r *request) completed(what string) (*transfer, transferState) {
	t, st := r.sent()
	if !st.complete {
		r.throwPending(what)
	}
	return t, st
}

func (r *request) status() goja.Value {
	return r.rt.ToValue(r.responseHead().status)
}

func (r *request) statusText() goja.Value {
	return r.rt.ToValue(r.responseHead().statusText)
}

func (r *request) responseText() goja.Value {
	t, st := r.completed("ResponseText")
	if t.text == nil {
		// The script value is kept, not the string: re-reads then
		// allocate nothing.
		t.text = r.rt.ToValue(decodeText(r.bodyBytes(t, st), st.head.contentType))
	}
	return t.text
}

// bodyBytes returns the complete body: the ResponseBody buffer once made
// (a script may have written through it, and everything else then reads
// it too), else the body in memory, else what the temporary file holds,
// read back into a new slice that is not kept.
func (r *request) bodyBytes(t *transfer, st transferState) []byte {
	if st.dropped {
		r.throwDropped()
	}
	if t.buffer != nil {
		return t.buffer.Bytes()
	}
	if st.file == nil {
		return st.body
	}
	b, err := st.file.readAll()
	if err != nil {
		r.throwCode(engine.ErrInternal, err.Error())
	}
	return b
}

// throwDropped throws 12019 for a body that went to
// OnResponseDataAvailable only (Config.DiscardStreamedBody): there is
// nothing to read, and the script is told why rather than given an empty
// body.
func (r *request) throwDropped() {
	r.throwCode(engine.ErrIncorrectHandleState,
		"the response body was delivered to OnResponseDataAvailable and not kept (--discard-streamed-body); run without it to read ResponseBody, ResponseText or ResponseStream after the events")
}

// responseBody returns a new Uint8Array over the response's one
// ArrayBuffer: bodies are not copied per read, so writes through one view
// are seen by every other view, ResponseText computed later and
// ResponseStream.
func (r *request) responseBody() goja.Value {
	t, st := r.completed("ResponseBody")
	if t.bufferV == nil {
		ab := r.rt.NewArrayBuffer(r.bodyBytes(t, st))
		t.buffer = &ab
		t.bufferV = r.rt.ToValue(ab)
	}
	return r.newView(t.bufferV, 0, len(t.buffer.Bytes()))
}

// responseStream returns a new stream over the body. A spilled body not
// yet read into memory is read from its file as the script reads the
// stream: ResponseStream is how a script gets at a large body piece by
// piece, as on Windows.
func (r *request) responseStream() goja.Value {
	t, st := r.completed("ResponseStream")
	if st.dropped {
		r.throwDropped()
	}
	if t.buffer == nil && st.file != nil {
		if obj := newFileStream(r.rt, st.file); obj != nil {
			return obj
		}
	}
	return newStream(r.rt, r.bodyBytes(t, st))
}

// chunkArray returns the Uint8Array of an OnResponseDataAvailable event,
// each the handler's own as on Windows: over the chunk itself when the
// reader made it for the script, else over a copy.
func (r *request) chunkArray(ev event) goja.Value {
	if !ev.own {
		return r.newUint8Array(ev.chunk)
	}
	return r.newView(r.rt.ToValue(r.rt.NewArrayBuffer(ev.chunk)), 0, len(ev.chunk))
}

// fireLent fires OnResponseDataAvailable with an array over b, the
// reader's buffer, and detaches it when the handler returns: a script
// that kept the array finds it empty (a detached buffer), never
// overwritten by the next chunk.
func (r *request) fireLent(sink com.EventSink, b []byte) {
	ab := r.rt.NewArrayBuffer(b)
	defer ab.Detach()
	sink.Fire("OnResponseDataAvailable", []goja.Value{r.newView(r.rt.ToValue(ab), 0, len(b))})
}

// newUint8Array returns a Uint8Array over a copy of b.
func (r *request) newUint8Array(b []byte) goja.Value {
	data := append([]byte{}, b...)
	return r.newView(r.rt.ToValue(r.rt.NewArrayBuffer(data)), 0, len(data))
}

func (r *request) newView(buf goja.Value, off, n int) goja.Value {
	return newView(r.rt, buf, off, n)
}

func newView(rt *goja.Runtime, buf goja.Value, off, n int) goja.Value {
	return comarg.NewView(rt, source, buf, off, n)
}
