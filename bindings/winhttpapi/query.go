package winhttpapi

import (
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/winhttpjs/winhttpjs/engine"
)

// WinHttpQueryHeaders levels and modifiers handled specially.
const (
	queryVersion        = 18
	queryStatusCode     = 19
	queryStatusText     = 20
	queryRawHeaders     = 21
	queryRawHeadersCRLF = 22
	queryRequestMethod  = 45
	queryMax            = 78
	queryCustom         = 65535

	queryFlagRequestHeaders = 0x80000000
	queryFlagSystemTime     = 0x40000000
	queryFlagNumber         = 0x20000000
	queryFlagNumber64       = 0x08000000
	queryFlagTrailers       = 0x02000000
	queryFlagWireEncoding   = 0x01000000
	queryModifierMask       = 0xFFFF0000
)

// headerName is the header a WINHTTP_QUERY_* level names ("" for levels
// that are not plain headers).
func headerName(level uint32) string {
	const names = "Mime-Version|Content-Type|Content-Transfer-Encoding|Content-ID|Content-Description|" +
		"Content-Length|Content-Language|Allow|Public|Date|Expires|Last-Modified|Message-ID|URI|Derived-From|" +
		"Cost|Link|Pragma||||||Connection|Accept|Accept-Charset|Accept-Encoding|Accept-Language|Authorization|" +
		"Content-Encoding|Forwarded|From|If-Modified-Since|Location|Orig-URI|Referer|Retry-After|Server|Title|" +
		"User-Agent|WWW-Authenticate|Proxy-Authenticate|Accept-Ranges|Set-Cookie|Cookie||Refresh|" +
		"Content-Disposition|Age|Cache-Control|Content-Base|Content-Location|Content-MD5|Content-Range|ETag|Host|" +
		"If-Match|If-None-Match|If-Range|If-Unmodified-Since|Max-Forwards|Proxy-Authorization|Range|" +
		"Transfer-Encoding|Upgrade|Vary|Via|Warning|Expect|Proxy-Connection|Unless-Modified-Since|||||" +
		"Proxy-Support|Authentication-Info|PassportURLs|PassportConfig"
	list := strings.Split(names, "|")
	if int(level) < len(list) {
		return list[level]
	}
	return ""
}

// queryHeaders is WinHttpQueryHeaders(hRequest, infoLevel, name, index)
// → the header as a string, a number (WINHTTP_QUERY_FLAG_NUMBER /
// NUMBER64) or a SYSTEMTIME object (FLAG_SYSTEMTIME); null on failure.
// index is the occurrence wanted (null: the first); when it is an object
// {value: n}, value is updated to the next index as lpdwIndex is in C.
func (m *module) queryHeaders(call goja.FunctionCall) goja.Value {
	h, code := m.request(call.Argument(0))
	if code != 0 {
		return m.failNull(code)
	}
	level, ok1 := dword(call.Argument(1))
	name, ok2 := str(call.Argument(2))
	idxArg := call.Argument(3)
	var index uint32
	var idxObj *goja.Object
	ok3 := true
	if o, isObj := idxArg.(*goja.Object); isObj {
		idxObj = o
		index, ok3 = dword(field(o, "value"))
	} else {
		index, ok3 = dword(idxArg)
	}
	if !(ok1 && ok2 && ok3) {
		return m.failNull(engine.ErrInvalidParameter)
	}
	r := h.req
	reqHeaders := level&queryFlagRequestHeaders != 0
	if !reqHeaders && r.state != stReceived {
		return m.failNull(engine.ErrIncorrectHandleState)
	}
	if level&queryFlagTrailers != 0 {
		return m.failNull(engine.ErrHeaderNotFound)
	}
	value, code := m.headerValue(r, level&^uint32(queryModifierMask), name, reqHeaders, int(index))
	if code != 0 {
		return m.failNull(code)
	}
	if idxObj != nil {
		_ = idxObj.Set("value", index+1)
	}
	m.lastError = 0
	switch {
	case level&queryFlagNumber != 0:
		return m.rt.ToValue(uint32(leadingNumber(value)))
	case level&queryFlagNumber64 != 0:
		return m.rt.ToValue(leadingNumber(value))
	case level&queryFlagSystemTime != 0:
		return m.systemTimeObject(engine.ParseHTTPDate(value, m.opts.Now()))
	}
	return m.rt.ToValue(value)
}

// headerValue finds the value a query level asks for.
func (m *module) headerValue(r *requestData, id uint32, name *string, reqHeaders bool, index int) (string, engine.Code) {
	var fields []engine.Field
	if reqHeaders {
		fields = r.eng.Header.Fields()
	} else {
		fields = r.resp.Header.Fields()
	}
	single := func(v string) (string, engine.Code) {
		if index > 0 {
			return "", engine.ErrHeaderNotFound
		}
		return v, 0
	}
	switch id {
	case queryCustom:
		if name == nil || *name == "" {
			return "", engine.ErrInvalidParameter
		}
		return nth(fields, *name, index)
	case queryRawHeaders, queryRawHeadersCRLF:
		raw := m.rawHeaders(r, reqHeaders)
		if id == queryRawHeaders {
			raw = strings.ReplaceAll(raw, "\r\n", "\x00")
		}
		return single(raw)
	case queryRequestMethod:
		return single(r.verb)
	case queryVersion, queryStatusCode, queryStatusText:
		if reqHeaders {
			return "", engine.ErrHeaderNotFound
		}
		switch id {
		case queryVersion:
			return single(r.resp.Proto)
		case queryStatusCode:
			return single(strconv.Itoa(r.resp.StatusCode))
		}
		return single(r.resp.StatusText)
	}
	if id > queryMax {
		return "", engine.ErrInvalidParameter
	}
	n := headerName(id)
	if n == "" {
		return "", engine.ErrHeaderNotFound
	}
	return nth(fields, n, index)
}

// nth returns the index-th field named name.
func nth(fields []engine.Field, name string, index int) (string, engine.Code) {
	for _, f := range fields {
		if strings.EqualFold(f.Name, name) {
			if index == 0 {
				return f.Value, 0
			}
			index--
		}
	}
	return "", engine.ErrHeaderNotFound
}

// rawHeaders is the head as WINHTTP_QUERY_RAW_HEADERS_CRLF gives it.
func (m *module) rawHeaders(r *requestData, reqHeaders bool) string {
	if !reqHeaders {
		return r.resp.RawHeaders()
	}
	var b strings.Builder
	b.WriteString(r.verb + " " + r.eng.URL.RequestURI() + " HTTP/1.1\r\n")
	if r.eng.HTTP10 {
		b.Reset()
		b.WriteString(r.verb + " " + r.eng.URL.RequestURI() + " HTTP/1.0\r\n")
	}
	for _, f := range r.eng.Header.Fields() {
		b.WriteString(f.Name + ": " + f.Value + "\r\n")
	}
	b.WriteString("\r\n")
	return b.String()
}

// leadingNumber reads the decimal number a value starts with (0 if none),
// as WinHTTP's FLAG_NUMBER conversion does.
func leadingNumber(s string) int64 {
	s = strings.TrimSpace(s)
	var n int64
	for i := 0; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		n = n*10 + int64(s[i]-'0')
		if n > 1<<53 {
			break
		}
	}
	return n
}

// queryHeadersEx is WinHttpQueryHeadersEx(hRequest, infoLevel, flags,
// codePage, index, name) → an array of {pwszName, pwszValue} for
// WINHTTP_QUERY_EX_ALL_HEADERS (21), else a one-element array for the
// level (null on failure, error via GetLastError).
func (m *module) queryHeadersEx(call goja.FunctionCall) goja.Value {
	h, code := m.request(call.Argument(0))
	if code != 0 {
		return m.failNull(code)
	}
	level, ok := dword(call.Argument(1))
	if !ok {
		return m.failNull(engine.ErrInvalidParameter)
	}
	r := h.req
	reqHeaders := level&queryFlagRequestHeaders != 0
	if !reqHeaders && r.state != stReceived {
		return m.failNull(engine.ErrIncorrectHandleState)
	}
	id := level &^ uint32(queryModifierMask)
	var fields []engine.Field
	if reqHeaders {
		fields = r.eng.Header.Fields()
	} else {
		fields = r.resp.Header.Fields()
	}
	var out []any
	if id == queryRawHeaders {
		for _, f := range fields {
			out = append(out, m.object("pwszName", f.Name, "pwszValue", f.Value))
		}
	} else {
		var name *string
		if o, isObj := call.Argument(5).(*goja.Object); isObj {
			name, _ = str(field(o, "pwszName"))
		} else {
			name, _ = str(call.Argument(5))
		}
		v, code := m.headerValue(r, id, name, reqHeaders, 0)
		if code != 0 {
			return m.failNull(code)
		}
		n := headerName(id)
		if name != nil {
			n = *name
		}
		out = append(out, m.object("pwszName", n, "pwszValue", v))
	}
	m.lastError = 0
	return m.rt.NewArray(out...)
}
