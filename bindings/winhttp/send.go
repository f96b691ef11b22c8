package winhttp

import (
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
	if inline && !body.isString {
		// The script is blocked until the inline transfer is over, so
		// nothing can change the object's headers while the engine reads
		// them: they are shared, not copied.
		req.Header = r.header
	} else {
		req.Header = r.header.Clone()
	}
	if body.isString {
		setUTF8ContentType(&req.Header)
	}
	r.configure(req)

	t := newTransfer(r.cfg.Context, inline)
	t.failOnRedirect = r.opt.bools[optEnableRedirects] && r.opt.maxRedirects == 0
	if r.cfg.Observe != nil {
		t.observed = r.cfg.Observe(req)
	}
	t.wantEvents.Store(r.sink != nil)
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
		t.job = r.deliverJob(t)
		t.arm()
	}
	if inline {
		// A synchronous Send with no event sink has nothing to deliver
		// while it runs and the script is blocked meanwhile: running the
		// transfer here saves a goroutine (and its stack growth) and two
		// hand-offs per request. Its context still bounds it; wait below
		// then finds it done and only collects the end.
		t.run(req, data)
	} else {
		go t.run(req, data)
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
