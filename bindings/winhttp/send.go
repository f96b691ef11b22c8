package winhttp

import (
	"bytes"
	"strings"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/engine"
)

// utf8Charset is what Windows tags every string body with.
const utf8Charset = "Charset=UTF-8"

// send is Send([Body]).
func (r *request) send(call goja.FunctionCall) goja.Value {
	if r.phase < phaseOpen {
		r.throwCode(engine.ErrCannotCallBeforeOpen, "")
	}
	if r.phase == phaseSent {
		// A second Send re-sends nothing (Windows-verified) unless the
		// last one failed, so that a script can retry.
		if st := r.cur.snapshot(); !st.complete || st.err == nil {
			return nil
		}
	}
	body := r.bodyOf(call)
	req := r.openReq
	r.openReq = nil
	if req == nil || req.Method != r.method {
		var err error
		req, err = r.session.NewRequest(r.method, r.rawURL)
		if err != nil {
			r.throwErr(err)
		}
	}
	if r.method == "GET" {
		// Only the exact verb GET drops the body (Wine and Windows).
		body = requestBody{}
	}
	inline := !r.async && r.sink == nil
	if body.shared && !inline {
		// The script runs while this transfer does (an asynchronous Send,
		// or event handlers): it may change its array meanwhile, so the
		// request gets its own copy, as Windows copies the SAFEARRAY. An
		// inline Send blocks the script until the body is sent and
		// sends the script's bytes as they are (no copy of a 100 MiB
		// upload).
		body.data = bytes.Clone(body.data)
	}
	if !body.isString {
		// Nothing can change the object's headers while the engine reads
		// them: SetRequestHeader fails once Send was called, and Open
		// (or Abort) gives the object a new header rather than changing
		// this one. They are shared, not copied, by a synchronous and an
		// asynchronous Send alike. A string body amends Content-Type
		// below, on a copy.
		req.Header = r.header
	} else {
		req.Header = r.header.Clone()
	}
	if body.isString {
		setUTF8ContentType(&req.Header)
	}
	r.configure(req)

	t := newTransfer(r.cfg.Context, r.cfg.workers, inline, r.async && r.cfg.Loop != nil)
	t.failOnRedirect = r.opt.bools[optEnableRedirects] && r.opt.maxRedirects == 0
	if r.cfg.Observe != nil {
		t.observed = r.cfg.Observe(req)
	}
	t.wantEvents.Store(r.sink != nil)
	t.dropBody = r.cfg.DiscardStreamedBody && r.sink != nil && r.sink.Handles("OnResponseDataAvailable")
	r.cur = t
	r.phase = phaseSent
	var data []byte
	if body.present {
		data = body.data
	}
	if r.async && r.cfg.Loop != nil {
		// The transfer holds a reservation of the host's loop until it
		// ends: the script cannot finish first, and the events reach it
		// whenever the loop runs.
		t.loop = r.cfg.Loop
		t.owner = r
		t.arm()
	}
	switch {
	case inline:
		// A synchronous Send with no event sink has nothing to deliver
		// while it runs and the script is blocked meanwhile: running the
		// transfer here saves a goroutine (and its stack growth) and two
		// hand-offs per request. Its context still bounds it; wait below
		// then finds it done and only collects the end.
		t.run(req, data)
	case !r.async:
		// A synchronous Send with a sink: the script is blocked here too,
		// and its handlers run between reads, on this goroutine
		// (streamPump), as on Windows' calling thread. A streamed
		// download then costs no hand-off between goroutines per chunk.
		// The transfer keeps its own context, so a handler's Abort stops
		// the read.
		t.streamPump = r.pump
		t.run(req, data)
	default:
		r.cfg.workers.start(t, req, data)
	}
	if r.async {
		return nil
	}

	finished := false
	defer func() {
		if !finished {
			// An event handler threw: the exception goes to the script,
			// the request must not run on without it.
			t.cancel()
		}
	}()
	r.wait(t, -1)
	finished = true
	if r.cur != t {
		// Abort (or Open) was called from an event handler.
		r.throwCode(engine.ErrOperationCancelled, "")
	}
	if st := t.snapshot(); st.err != nil {
		r.throwErr(st.err)
	}
	return nil
}

// setUTF8ContentType labels a string body as Windows does: text/plain when
// the script set no Content-Type, and a UTF-8 charset appended to one that
// has none.
func setUTF8ContentType(h *engine.Header) {
	ct, ok := h.Get("Content-Type")
	if !ok {
		h.Set("Content-Type", "text/plain; "+utf8Charset)
		return
	}
	if hasCharset(ct) {
		return
	}
	ct = strings.TrimRight(ct, " \t;")
	h.Set("Content-Type", ct+"; "+utf8Charset)
}

func hasCharset(contentType string) bool {
	_, ok := charsetParam(contentType)
	return ok
}

// configure applies the object's settings to a request about to be sent.
func (r *request) configure(req *engine.Request) {
	r.opt.apply(req)
	req.Timeouts = r.timeouts
	if r.proxyCfg != nil {
		p := *r.proxyCfg
		req.Proxy = &p
	}
	req.ServerCredentials = r.server
	req.ProxyCredentials = r.proxy
	req.Security.ClientCertificate = r.clientCert
}
