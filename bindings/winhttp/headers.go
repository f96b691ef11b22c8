package winhttp

import (
	"strconv"
	"strings"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/engine"
)

// isToken reports whether s is an RFC 9110 token (a header name or verb).
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0:
		default:
			return false
		}
	}
	return true
}

// badValue returns why v cannot be a header value, or "".
func badValue(v string) string {
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == '\r' || c == '\n':
			return "contains a line break"
		case c == 0:
			return "contains a NUL character"
		case c < 0x20 && c != '\t', c == 0x7f:
			return "contains the control character " + strconv.QuoteRune(rune(c))
		}
	}
	return ""
}

// setRequestHeader is SetRequestHeader(Header, Value): replace semantics,
// a null Value deletes.
func (r *request) setRequestHeader(call goja.FunctionCall) goja.Value {
	// A null name is refused before the state is looked at
	// (Windows-verified: SetRequestHeader(null, null) on a fresh object).
	if absent(call, 0) || isNull(call.Argument(0)) {
		r.throwInvalidArg("SetRequestHeader: Header name is missing or null")
	}
	switch {
	case r.phase < phaseOpen:
		r.throwCode(engine.ErrCannotCallBeforeOpen, "")
	case r.phase >= phaseSent:
		r.throwCode(engine.ErrCannotCallAfterSend, "")
	}
	name := call.Argument(0).String()
	value := r.requireArgOrNull(call, 1, "SetRequestHeader", "Value")
	if !isToken(name) {
		r.throwCode(engine.ErrInvalidHeader, "header name "+strconv.Quote(name)+" is not a valid token")
	}
	r.ownHeader()
	if value == nil {
		r.header.Del(name)
		return nil
	}
	v := strings.Trim(*value, " \t")
	if why := badValue(v); why != "" {
		r.throwCode(engine.ErrInvalidHeader, "the value of header "+strconv.Quote(name)+" "+why)
	}
	r.header.Set(name, v)
	return nil
}

// requireArgOrNull returns argument i as a string, nil for null; a left-out
// argument is an error, explicit undefined is VT_EMPTY, the empty string.
func (r *request) requireArgOrNull(call goja.FunctionCall, i int, member, name string) *string {
	if i >= len(call.Arguments) {
		r.requireArg(call, i, member, name)
	}
	v := call.Arguments[i]
	switch {
	case goja.IsNull(v):
		return nil
	case goja.IsUndefined(v):
		s := ""
		return &s
	}
	s := v.String()
	return &s
}

// getResponseHeader is GetResponseHeader(Header): the first field of that
// name, case-insensitively.
func (r *request) getResponseHeader(call goja.FunctionCall) goja.Value {
	h := r.responseHead()
	if absent(call, 0) || isNull(call.Argument(0)) {
		r.throwInvalidArg("GetResponseHeader: Header name is missing or null")
	}
	name := call.Argument(0).String()
	v, ok := h.header.Get(name)
	if !ok {
		r.throwCode(engine.ErrHeaderNotFound, "no "+strconv.Quote(name)+" header in the response")
	}
	return r.rt.ToValue(v)
}

// getAllResponseHeaders is GetAllResponseHeaders(): each header line ended
// by CRLF and a final CRLF. Windows leaves the status line out (unlike
// WinHTTP's raw-headers query, which Wine returns).
func (r *request) getAllResponseHeaders(goja.FunctionCall) goja.Value {
	h := r.responseHead()
	var b strings.Builder
	for _, f := range h.header.Fields() {
		b.WriteString(f.Name)
		b.WriteString(": ")
		b.WriteString(f.Value)
		b.WriteString("\r\n")
	}
	b.WriteString("\r\n")
	return r.rt.ToValue(b.String())
}
