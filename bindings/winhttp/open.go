package winhttp

import (
	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/comarg"
	"github.com/winhttpjs/winhttpjs/engine"
)

// open is Open(Method, Url, [Async]).
func (r *request) open(call goja.FunctionCall) goja.Value {
	if absent(call, 0) || isNull(call.Argument(0)) {
		r.throwInvalidArg("Open: Method is missing or null")
	}
	if absent(call, 1) || isNull(call.Argument(1)) {
		r.throwInvalidArg("Open: Url is missing or null")
	}
	method := call.Argument(0).String()
	rawURL := call.Argument(1).String()
	async := false
	if !absent(call, 2) {
		// An argument that does not convert counts as missing.
		async, _ = comarg.ToBool(call.Argument(2))
	}

	// Every Open starts over: the previous request is cancelled and its
	// response, headers and credentials are dropped, even when this Open
	// fails.
	r.reset(phaseInit)
	r.ensureSession()

	escaped := escapeURL(rawURL, r.opt.codePage)
	// The URL is checked before the verb (Windows-verified).
	probe, err := r.session.NewRequest(verbForCheck(method), escaped)
	if err != nil {
		r.throwErr(err)
	}
	if method == "" {
		// WinHttpOpenRequest sends GET for a missing verb.
		method = "GET"
	}
	if !isToken(method) {
		r.throwInvalidArg("Open: Method " + comarg.Describe(call.Argument(0)) + " is not a valid HTTP verb")
	}
	r.method = method
	r.rawURL = escaped
	r.openURL = probe.URL
	r.openReq = probe
	r.async = async
	// Every request starts with the same header: shared until the script
	// changes it (ownHeader), one allocation fewer per Open.
	r.header = openHeader
	r.headerShared = true
	r.phase = phaseOpen
	return nil
}

// openHeader is the header of a request just opened ("Accept: */*", as
// Windows sends by default). Objects share it read-only: SetRequestHeader
// copies it first, the engine only reads it.
var openHeader = func() engine.Header {
	var h engine.Header
	h.Set("Accept", "*/*")
	return h
}()

// ownHeader gives the object its own copy of a shared header before it is
// changed.
func (r *request) ownHeader() {
	if r.headerShared {
		r.header = r.header.Clone()
		r.headerShared = false
	}
}

// verbForCheck gives NewRequest a verb it accepts while Open checks the URL
// alone; the real verb is validated afterwards.
func verbForCheck(method string) string {
	if isToken(method) {
		return method
	}
	return "GET"
}

// reset cancels any transfer in flight and forgets the request, leaving the
// object in phase p. Object-wide settings (options, timeouts, proxy,
// client certificate, auto-logon policy) are kept.
func (r *request) reset(p phase) {
	if r.cur != nil {
		r.cur.cancel()
		// The body goes with the request: its temporary file, if any,
		// must not outlive it.
		r.cur.discard()
		r.cur = nil
	}
	r.phase = p
	r.method = ""
	r.rawURL = ""
	r.openURL = nil
	r.openReq = nil
	r.async = false
	r.header = engine.Header{}
	r.headerShared = false
	r.server = nil
	r.proxy = nil
}

// abort is Abort(): it always succeeds; the object then behaves as if never
// opened, and a Send waiting for the cancelled transfer fails with 12017.
func (r *request) abort(goja.FunctionCall) goja.Value {
	r.reset(phaseCancelled)
	return nil
}
