package winhttpapi

import (
	"github.com/dop251/goja"

	"github.com/winhttpjs/winhttpjs/engine"
)

// urlFields are URL_COMPONENTS' string fields, in engine.URLPart order.
func urlFields() [engine.NumURLParts][2]string {
	return [engine.NumURLParts][2]string{
		{"lpszScheme", "dwSchemeLength"}, {"lpszHostName", "dwHostNameLength"},
		{"lpszUserName", "dwUserNameLength"}, {"lpszPassword", "dwPasswordLength"},
		{"lpszUrlPath", "dwUrlPathLength"}, {"lpszExtraInfo", "dwExtraInfoLength"},
	}
}

// crackURL is WinHttpCrackUrl(url, flags, components) → a URL_COMPONENTS
// object, or null. components is optional: omitted, every component is
// returned as a string. Given, each component follows C's protocol:
// lpszXxx null and dwXxxLength 0 = not wanted (null/0 in the result);
// lpszXxx null and dwXxxLength non-zero = "point into the input" (the
// substring is returned; with ICU_ESCAPE or ICU_DECODE this fails with
// ERROR_INVALID_PARAMETER, as in C); lpszXxx non-null = a buffer of
// dwXxxLength characters including the NUL. When a buffer is too small
// the call fails with ERROR_INSUFFICIENT_BUFFER and, as C does, writes
// into the components object the size each short component needs (NUL
// included) and the components that fitted.
func (m *module) crackURL(call goja.FunctionCall) goja.Value {
	raw, ok1 := str(call.Argument(0))
	flags, ok2 := dword(call.Argument(1))
	if !ok1 || !ok2 || raw == nil {
		return m.failNull(engine.ErrInvalidParameter)
	}
	var want [engine.NumURLParts]engine.PartRequest
	comp := call.Argument(2)
	switch {
	case goja.IsUndefined(comp):
		for i := range want {
			want[i] = engine.PartRequest{Mode: engine.PartBuffer, Size: 1 << 30}
		}
	case goja.IsNull(comp):
		return m.failNull(engine.ErrInvalidParameter)
	default:
		o, ok := comp.(*goja.Object)
		if !ok {
			return m.failNull(engine.ErrInvalidParameter)
		}
		if s := field(o, "dwStructSize"); !isNull(s) {
			if n, ok := dword(s); !ok || n == 0 {
				return m.failNull(engine.ErrInvalidParameter)
			}
		}
		for i, f := range urlFields() {
			n, ok := dword(field(o, f[1]))
			if !ok {
				return m.failNull(engine.ErrInvalidParameter)
			}
			buf := !isNull(field(o, f[0]))
			switch {
			case buf && n == 0:
				want[i] = engine.PartRequest{Mode: engine.PartBadBuffer}
			case buf:
				want[i] = engine.PartRequest{Mode: engine.PartBuffer, Size: int(n)}
			case n != 0:
				want[i] = engine.PartRequest{Mode: engine.PartPointer}
			}
		}
	}
	out, err := engine.CrackURL(*raw, flags, want)
	if err != nil && engine.CodeOf(err) != engine.ErrInsufficientBuffer {
		return m.failNullErr(err)
	}
	res := m.rt.NewObject()
	_ = res.Set("dwStructSize", 104) // sizeof(URL_COMPONENTS) on 64-bit Windows
	_ = res.Set("nScheme", out.Scheme)
	_ = res.Set("nPort", out.Port)
	for i, f := range urlFields() {
		p := out.Parts[i]
		if p.Present && (err == nil || p.Text != "" || p.Length == 0) {
			_ = res.Set(f[0], p.Text)
		} else {
			_ = res.Set(f[0], goja.Null())
		}
		_ = res.Set(f[1], p.Length)
	}
	if err != nil {
		// ERROR_INSUFFICIENT_BUFFER: C fails but fills the lengths needed;
		// when the script passed components, they are written back there.
		if o, ok := comp.(*goja.Object); ok {
			for i, f := range urlFields() {
				if p := out.Parts[i]; p.Present {
					_ = o.Set(f[1], p.Length)
					if p.Text != "" || p.Length == 0 {
						_ = o.Set(f[0], p.Text)
					}
				}
			}
		}
		return m.failNullErr(err)
	}
	m.lastError = 0
	return res
}

// createURL is WinHttpCreateUrl(components, flags) → the URL string, or
// null. Strings absent or null are C's NULL; a non-zero dwXxxLength takes
// only that many characters of the string.
func (m *module) createURL(call goja.FunctionCall) goja.Value {
	o, ok := call.Argument(0).(*goja.Object)
	flags, ok2 := dword(call.Argument(1))
	if !ok || !ok2 {
		return m.failNull(engine.ErrInvalidParameter)
	}
	if s := field(o, "dwStructSize"); !isNull(s) {
		if n, ok := dword(s); !ok || n == 0 {
			return m.failNull(engine.ErrInvalidParameter)
		}
	}
	var parts [engine.NumURLParts]*string
	for i, f := range urlFields() {
		s, ok := str(field(o, f[0]))
		n, ok2 := dword(field(o, f[1]))
		if !ok || !ok2 {
			return m.failNull(engine.ErrInvalidParameter)
		}
		if s != nil && n > 0 {
			if r := []rune(*s); int(n) < len(r) {
				t := string(r[:n])
				s = &t
			}
		}
		parts[i] = s
	}
	scheme, ok3 := dword(field(o, "nScheme"))
	port, ok4 := dword(field(o, "nPort"))
	if !ok3 || !ok4 || port > 65535 {
		return m.failNull(engine.ErrInvalidParameter)
	}
	u, err := engine.CreateURL(engine.URLParts{
		Scheme: parts[engine.PartScheme], SchemeNum: int(scheme), HostName: parts[engine.PartHostName], Port: int(port),
		UserName: parts[engine.PartUserName], Password: parts[engine.PartPassword],
		URLPath: parts[engine.PartURLPath], ExtraInfo: parts[engine.PartExtraInfo],
	}, flags)
	if err != nil {
		return m.failNullErr(err)
	}
	m.lastError = 0
	return m.rt.ToValue(u)
}

// systemTimeObject converts a SystemTime to a SYSTEMTIME-shaped object.
func (m *module) systemTimeObject(st engine.SystemTime) goja.Value {
	return m.object("wYear", st.Year, "wMonth", st.Month, "wDayOfWeek", st.DayOfWeek, "wDay", st.Day,
		"wHour", st.Hour, "wMinute", st.Minute, "wSecond", st.Second, "wMilliseconds", st.Milliseconds)
}

// timeFromSystemTime is WinHttpTimeFromSystemTime(systemTime) → the
// RFC 1123 date string, or null.
func (m *module) timeFromSystemTime(call goja.FunctionCall) goja.Value {
	o, ok := call.Argument(0).(*goja.Object)
	if !ok {
		return m.failNull(engine.ErrInvalidParameter)
	}
	var st engine.SystemTime
	for _, f := range []struct {
		name string
		dst  *int
	}{{"wYear", &st.Year}, {"wMonth", &st.Month}, {"wDayOfWeek", &st.DayOfWeek}, {"wDay", &st.Day},
		{"wHour", &st.Hour}, {"wMinute", &st.Minute}, {"wSecond", &st.Second}, {"wMilliseconds", &st.Milliseconds}} {
		n, ok := integer(field(o, f.name))
		if !ok || n < 0 || n > 0xFFFF {
			return m.failNull(engine.ErrInvalidParameter)
		}
		*f.dst = int(n)
	}
	s, err := engine.FormatHTTPDate(st)
	if err != nil {
		return m.failNullErr(err)
	}
	m.lastError = 0
	return m.rt.ToValue(s)
}

// timeToSystemTime is WinHttpTimeToSystemTime(text) → a SYSTEMTIME object
// (lenient: unparsed fields keep the current UTC time), or null for null.
func (m *module) timeToSystemTime(call goja.FunctionCall) goja.Value {
	s, ok := str(call.Argument(0))
	if !ok || s == nil {
		return m.failNull(engine.ErrInvalidParameter)
	}
	m.lastError = 0
	return m.systemTimeObject(engine.ParseHTTPDate(*s, m.opts.Now()))
}
