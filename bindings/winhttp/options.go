package winhttp

import (
	"strconv"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/bindings/comarg"
	"github.com/winhttpjs/winhttpjs/engine"
)

// WinHttpRequestOption indices.
const (
	optUserAgentString = iota
	optURL
	optURLCodePage
	optEscapePercentInURL
	optSslErrorIgnoreFlags
	optSelectCertificate
	optEnableRedirects
	optUrlEscapeDisable
	optUrlEscapeDisableQuery
	optSecureProtocols
	optEnableTracing
	optRevertImpersonationOverSsl
	optEnableHttpsToHttpRedirects
	optEnablePassportAuthentication
	optMaxAutomaticRedirects
	optMaxResponseHeaderSize
	optMaxResponseDrainSize
	optEnableHttp1_1
	optEnableCertificateRevocationCheck
	optRejectUserpwd
	optCount
)

// options are the values behind Option(n). Those without an effect on this
// platform are kept so that scripts read back what they wrote.
type options struct {
	userAgent     string
	uaPtr         *string // userAgent as last given to a request (see apply)
	codePage      uint32
	bools         [optCount]bool
	sslIgnore     int32
	certSelector  string
	protocols     int32
	maxRedirects  int32
	maxHeaderSize int32
	maxDrainSize  int32
}

// defaultUA is the User-Agent pointer shared by the requests of every
// object that keeps the default (the engine only reads it).
var defaultUA = engine.DefaultUserAgent

func defaultOptions() options {
	o := options{
		userAgent:     engine.DefaultUserAgent,
		codePage:      cpUTF8,
		protocols:     int32(engine.DefaultProtocols),
		maxRedirects:  10,
		maxHeaderSize: 65536,
		maxDrainSize:  1048576,
	}
	// The documented defaults (winhttprequestoption.md), including the
	// self-contradictory TRUE of the three URL-escaping options.
	o.bools[optEscapePercentInURL] = true
	o.bools[optEnableRedirects] = true
	o.bools[optUrlEscapeDisable] = true
	o.bools[optUrlEscapeDisableQuery] = true
	o.bools[optRevertImpersonationOverSsl] = true
	o.bools[optEnableHttp1_1] = true
	return o
}

func isBoolOption(n int) bool {
	switch n {
	case optEscapePercentInURL, optEnableRedirects, optUrlEscapeDisable, optUrlEscapeDisableQuery,
		optEnableTracing, optRevertImpersonationOverSsl, optEnableHttpsToHttpRedirects,
		optEnablePassportAuthentication, optEnableHttp1_1, optEnableCertificateRevocationCheck,
		optRejectUserpwd:
		return true
	}
	return false
}

// optionIndex reads and checks Option's index argument; JScript passes it
// as a double.
func (r *request) optionIndex(call goja.FunctionCall) int {
	v := r.requireArg(call, 0, "Option", "index")
	n, ok := toInt32(v)
	if !ok || n < 0 || n >= optCount {
		r.throwInvalidArg("Option index " + comarg.Describe(v) + " is not a WinHttpRequestOption (0–19)")
	}
	return int(n)
}

// getOption is Option(n): a read, or with a second argument a write.
func (r *request) getOption(call goja.FunctionCall) goja.Value {
	if len(call.Arguments) >= 2 {
		// Option(n, value) writes: the form scripts use where JScript's
		// `Option(n) = value` cannot be written (goja, Go hosts). Windows
		// ignores a two-argument call, but no script relies on that.
		r.putOption(call.Arguments[:1], call.Arguments[1])
		return goja.Undefined()
	}
	n := r.optionIndex(call)
	o := &r.opt
	switch {
	case isBoolOption(n):
		return r.rt.ToValue(o.bools[n])
	case n == optUserAgentString:
		return r.rt.ToValue(o.userAgent)
	case n == optURL:
		return r.rt.ToValue(r.currentURL())
	case n == optURLCodePage:
		return r.rt.ToValue(int64(o.codePage))
	case n == optSslErrorIgnoreFlags:
		return r.rt.ToValue(o.sslIgnore)
	case n == optSelectCertificate:
		return r.rt.ToValue(o.certSelector)
	case n == optSecureProtocols:
		return r.rt.ToValue(o.protocols)
	case n == optMaxAutomaticRedirects:
		return r.rt.ToValue(o.maxRedirects)
	case n == optMaxResponseHeaderSize:
		return r.rt.ToValue(o.maxHeaderSize)
	case n == optMaxResponseDrainSize:
		return r.rt.ToValue(o.maxDrainSize)
	}
	return goja.Undefined()
}

// currentURL is Option(URL): the URL given to Open, and once the response
// head is in, the final URL after redirects.
func (r *request) currentURL() string {
	if r.phase < phaseOpen {
		r.throwCode(engine.ErrCannotCallBeforeOpen, "Option(1) URL is known only after Open")
	}
	if t := r.cur; t != nil && r.phase == phaseSent {
		if h := t.snapshot().head; h != nil {
			if u := h.urlString(); u != "" {
				return u
			}
		}
	}
	if r.openURL != nil {
		return r.openURL.String()
	}
	return r.rawURL
}

// putOption is `Option(n) = v`.
func (r *request) putOption(args []goja.Value, v goja.Value) {
	n := r.optionIndex(goja.FunctionCall{Arguments: args})
	o := &r.opt
	label := "Option(" + strconv.Itoa(n) + ")"
	mismatch := func(want string) {
		com.ThrowDetail(r.rt, com.HRTypeMismatch, com.MsgTypeMismatch, source,
			label+" takes a "+want+", not "+comarg.Describe(v))
	}
	if isBoolOption(n) {
		b, ok := comarg.ToBool(v)
		if !ok {
			mismatch("boolean")
		}
		o.bools[n] = b
		return
	}
	switch n {
	case optUserAgentString:
		if isNull(v) {
			mismatch("string")
		}
		o.userAgent = v.String()
	case optURL:
		r.throwCode(engine.ErrOptionNotSettable, "Option(1) URL is read-only")
	case optURLCodePage:
		cp, ok := codePageOf(v)
		if !ok {
			r.throwInvalidArg(label + " URLCodePage " + comarg.Describe(v) + " is not a code page number or a known charset name")
		}
		o.codePage = cp
	case optSelectCertificate:
		if isNull(v) {
			mismatch("string")
		}
		r.selectCertificate(v.String())
	default:
		num, ok := toInt32(v)
		if !ok {
			mismatch("number")
		}
		r.putNumberOption(n, label, num)
	}
}

func (r *request) putNumberOption(n int, label string, num int32) {
	o := &r.opt
	switch n {
	case optSslErrorIgnoreFlags:
		o.sslIgnore = num
	case optSecureProtocols:
		o.protocols = num
	case optMaxAutomaticRedirects, optMaxResponseHeaderSize, optMaxResponseDrainSize:
		if num < 0 {
			r.throwInvalidArg(label + " must not be negative")
		}
		switch n {
		case optMaxAutomaticRedirects:
			o.maxRedirects = num
		case optMaxResponseHeaderSize:
			o.maxHeaderSize = num
		default:
			o.maxDrainSize = num
		}
	}
}

// apply copies the options that have an engine counterpart onto req.
func (o *options) apply(req *engine.Request) {
	if o.uaPtr == nil && o.userAgent == engine.DefaultUserAgent {
		// Most objects never change the agent: they share one string.
		o.uaPtr = &defaultUA
	}
	if o.uaPtr == nil || *o.uaPtr != o.userAgent {
		// One string per value, shared by the requests sent with it
		// (the engine only reads it), rather than an allocation per
		// request; a new value gets a new pointer, so a request in flight
		// never sees it change.
		ua := o.userAgent
		o.uaPtr = &ua
	}
	req.UserAgent = o.uaPtr
	req.Security.IgnoreFlags = engine.SecurityFlags(uint32(o.sslIgnore)) & engine.SecurityIgnoreAllCertErrors
	if o.protocols == 0 {
		// WinHTTP fails a secure request when no protocol is allowed; the
		// engine reads 0 as its default, so ask for a version it never
		// negotiates instead.
		req.Security.Protocols = engine.ProtocolSSL2
	} else {
		req.Security.Protocols = engine.Protocols(uint32(o.protocols))
	}
	req.Security.CheckRevocation = o.bools[optEnableCertificateRevocationCheck]
	req.Redirects.Disabled = !o.bools[optEnableRedirects] || o.maxRedirects == 0
	req.Redirects.Max = int(o.maxRedirects)
	req.Redirects.AllowHTTPSToHTTP = o.bools[optEnableHttpsToHttpRedirects]
	req.HTTP10 = !o.bools[optEnableHttp1_1]
	req.MaxResponseHeaderBytes = int64(o.maxHeaderSize)
}
