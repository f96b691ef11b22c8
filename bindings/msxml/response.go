package msxml

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/comarg"
	"github.com/winhttpjs/winhttpjs/engine"
	"github.com/winhttpjs/winhttpjs/internal/hugebuf"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"
)

// head returns the response head, throwing E_PENDING before it is in and
// the transfer's error when it failed.
func (x *xhr) head(member string) (*engine.Response, progress) {
	x.catchUp()
	if x.cur == nil {
		x.throw(hrPending, msgPending, member+" is not available before send")
	}
	p := x.cur.snapshot()
	if p.err != nil && p.ended {
		x.throwErr(p.err)
	}
	if p.resp == nil {
		x.throw(hrPending, msgPending, member+" is not available until the response arrives")
	}
	return p.resp, p
}

// complete returns the whole response, throwing E_PENDING before the end.
func (x *xhr) complete(member string) (*engine.Response, progress) {
	resp, p := x.head(member)
	if !p.ended {
		x.throw(hrPending, msgPending, member+" is not available until the response is complete (readyState 4)")
	}
	return resp, p
}

func (x *xhr) status() goja.Value {
	resp, _ := x.head("status")
	return x.rt.ToValue(resp.StatusCode)
}

func (x *xhr) statusText() goja.Value {
	resp, _ := x.head("statusText")
	return x.rt.ToValue(resp.StatusText)
}

// getResponseHeader returns the header's values joined by ", ", or ""
// when the response has none.
func (x *xhr) getResponseHeader(call goja.FunctionCall) goja.Value {
	name := x.args(call, "getResponseHeader").String(0, "bstrHeader")
	resp, _ := x.head("getResponseHeader")
	return x.rt.ToValue(strings.Join(resp.Header.Values(name), ", "))
}

// getAllResponseHeaders returns "Name: value" lines, each ended by CRLF.
func (x *xhr) getAllResponseHeaders(goja.FunctionCall) goja.Value {
	resp, _ := x.head("getAllResponseHeaders")
	var b strings.Builder
	for _, f := range resp.Header.Fields() {
		b.WriteString(f.Name + ": " + f.Value + "\r\n")
	}
	return x.rt.ToValue(b.String())
}

func (x *xhr) responseBody() goja.Value {
	_, p := x.complete("responseBody")
	return x.bodyView(p.body)
}

// responseStream gives the body as bytes too: there is no IStream here,
// and everything that takes a stream (ADODB.Stream.Write, send) takes
// bytes.
func (x *xhr) responseStream() goja.Value {
	_, p := x.complete("responseStream")
	return x.bodyView(p.body)
}

// bodyView returns a new Uint8Array over the response's one ArrayBuffer,
// as WinHttpRequest's ResponseBody does: a body is held once, not copied
// per read, so writes through one view are seen by every other view and
// by responseText computed later.
func (x *xhr) bodyView(body []byte) goja.Value {
	if x.bufferOf != x.cur {
		x.buffer, x.bufferOf = x.rt.ToValue(x.rt.NewArrayBuffer(body)), x.cur
	}
	return comarg.NewView(x.rt, x.source, x.buffer, 0, len(body))
}

// responseText decodes the body by the Content-Type charset, else a
// byte-order mark, else as UTF-8 (MSXML's default).
func (x *xhr) responseText() goja.Value {
	resp, p := x.complete("responseText")
	ct, _ := resp.Header.Get("Content-Type")
	return x.rt.ToValue(decode(p.body, ct))
}

func decode(body []byte, contentType string) string {
	if enc := charsetOf(contentType); enc != nil {
		text := stripBOM(body)
		if enc == unicode.UTF8 && utf8.Valid(text) {
			// Valid UTF-8 decodes to itself: one copy, no decoder pass.
			return hugebuf.String(text)
		}
		if out, err := enc.NewDecoder().Bytes(text); err == nil {
			return string(out)
		}
	}
	switch {
	case bytes.HasPrefix(body, []byte("\xFF\xFE")):
		out, _ := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder().Bytes(body[2:])
		return string(out)
	case bytes.HasPrefix(body, []byte("\xFE\xFF")):
		out, _ := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder().Bytes(body[2:])
		return string(out)
	}
	s := hugebuf.String(bytes.TrimPrefix(body, []byte("\xEF\xBB\xBF")))
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

func stripBOM(b []byte) []byte {
	for _, bom := range []string{"\xEF\xBB\xBF", "\xFF\xFE", "\xFE\xFF"} {
		if bytes.HasPrefix(b, []byte(bom)) {
			return b[len(bom):]
		}
	}
	return b
}

func charsetOf(contentType string) encoding.Encoding {
	for _, p := range strings.Split(contentType, ";")[1:] {
		k, v, ok := strings.Cut(p, "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(k), "charset") {
			continue
		}
		name := strings.ToLower(strings.Trim(strings.TrimSpace(v), "\"'"))
		switch name {
		case "utf-8", "utf8":
			return nil // the default path handles BOM and bad bytes
		case "utf-16", "unicode":
			return unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
		}
		if enc, err := htmlindex.Get(name); err == nil && enc != encoding.Replacement {
			return enc
		}
		if enc, err := ianaindex.IANA.Encoding(name); err == nil && enc != nil {
			return enc
		}
	}
	return nil
}
