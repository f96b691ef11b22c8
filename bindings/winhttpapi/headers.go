package winhttpapi

import (
	"strings"

	"github.com/dop251/goja"

	"github.com/winhttpjs/winhttpjs/engine"
)

// WINHTTP_ADDREQ_FLAG_* modifiers.
const (
	addFlagAddIfNew      = 0x10000000
	addFlagAdd           = 0x20000000
	addFlagCoalesceComma = 0x40000000
	addFlagCoalesceSemi  = 0x01000000
	addFlagReplace       = 0x80000000
)

// addRequestHeaders is WinHttpAddRequestHeaders(hRequest, headers,
// modifiers): one or more CRLF-separated "Name: value" lines.
func (m *module) addRequestHeaders(call goja.FunctionCall) goja.Value {
	h, code := m.request(call.Argument(0))
	if code != 0 {
		return m.fail(code)
	}
	headers, ok1 := str(call.Argument(1))
	mods, ok2 := dword(call.Argument(2))
	if !ok1 || !ok2 || headers == nil || *headers == "" {
		return m.fail(engine.ErrInvalidParameter)
	}
	if code := addHeaders(&h.req.eng.Header, *headers, mods); code != 0 {
		return m.fail(code)
	}
	return m.ok()
}

// addRequestHeadersEx is WinHttpAddRequestHeadersEx(hRequest, modifiers,
// flags, extra, headers) with headers an array of {pwszName, pwszValue}
// (or {name, value}); it returns the error code (0 on success).
func (m *module) addRequestHeadersEx(call goja.FunctionCall) goja.Value {
	h, code := m.request(call.Argument(0))
	if code != 0 {
		return m.dwordResult(code)
	}
	mods, ok := dword(call.Argument(1))
	list, isObj := call.Argument(4).(*goja.Object)
	if !ok || !isObj {
		return m.dwordResult(engine.ErrInvalidParameter)
	}
	n := int(field(list, "length").ToInteger())
	if n < 0 || n > 1<<16 {
		return m.dwordResult(engine.ErrInvalidParameter)
	}
	var lines []string
	for i := 0; i < n; i++ {
		e, ok := list.Get(itoa(i)).(*goja.Object)
		if !ok {
			return m.dwordResult(engine.ErrInvalidParameter)
		}
		name, value := field(e, "pwszName"), field(e, "pwszValue")
		if isNull(name) {
			name, value = field(e, "name"), field(e, "value")
		}
		if isNull(name) {
			return m.dwordResult(engine.ErrInvalidParameter)
		}
		lines = append(lines, name.String()+": "+value.String())
	}
	if len(lines) == 0 {
		return m.dwordResult(engine.ErrInvalidParameter)
	}
	return m.dwordResult(addHeaders(&h.req.eng.Header, strings.Join(lines, "\r\n"), mods))
}

// addHeaders applies header lines to hdr with WinHTTP's modifiers.
func addHeaders(hdr *engine.Header, text string, mods uint32) engine.Code {
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		name, value = strings.TrimSpace(name), strings.TrimSpace(value)
		if !ok || name == "" || strings.ContainsAny(name, " \t") {
			return engine.ErrInvalidHeader
		}
		if code := addHeader(hdr, name, value, mods); code != 0 {
			return code
		}
	}
	return 0
}

// addHeader applies one header.
func addHeader(hdr *engine.Header, name, value string, mods uint32) engine.Code {
	_, exists := hdr.Get(name)
	switch {
	case mods&addFlagAddIfNew != 0:
		if exists {
			return engine.ErrHeaderAlreadyExists
		}
		hdr.Add(name, value)
	case mods&addFlagReplace != 0:
		if !exists && mods&addFlagAdd == 0 {
			return engine.ErrHeaderNotFound
		}
		if value == "" {
			hdr.Del(name)
			return 0
		}
		replaceFirst(hdr, name, value, "")
	case mods&(addFlagCoalesceComma|addFlagCoalesceSemi) != 0:
		if !exists {
			if mods&addFlagAdd == 0 {
				return engine.ErrHeaderNotFound
			}
			hdr.Add(name, value)
			return 0
		}
		sep := ", "
		if mods&addFlagCoalesceSemi != 0 {
			sep = "; "
		}
		replaceFirst(hdr, name, value, sep)
	default:
		hdr.Add(name, value)
	}
	return 0
}

// replaceFirst replaces the first name field's value (or, with sep,
// appends to it), keeping the fields' order; a missing field is added.
func replaceFirst(hdr *engine.Header, name, value, sep string) {
	var out engine.Header
	done := false
	for _, f := range hdr.Fields() {
		if !done && strings.EqualFold(f.Name, name) {
			done = true
			if sep != "" {
				out.Add(f.Name, f.Value+sep+value)
			} else {
				out.Add(f.Name, value)
			}
			continue
		}
		out.Add(f.Name, f.Value)
	}
	if !done {
		out.Add(name, value)
	}
	*hdr = out
}

func itoa(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return digits[i : i+1]
	}
	return itoa(i/10) + digits[i%10:i%10+1]
}
