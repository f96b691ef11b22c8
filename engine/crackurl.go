package engine

import (
	"errors"
	"unicode/utf16"
)

// ICU_* flags of WinHttpCrackUrl and WinHttpCreateUrl.
const (
	ICUEscape       uint32 = 0x80000000
	ICUDecode       uint32 = 0x10000000
	ICURejectUserPw uint32 = 0x00004000
)

// URLPart names one string component of URL_COMPONENTS.
type URLPart int

// The string components of URL_COMPONENTS, in the structure's order.
const (
	PartScheme URLPart = iota
	PartHostName
	PartUserName
	PartPassword
	PartURLPath
	PartExtraInfo
	NumURLParts
)

// PartMode is how the caller asks for one component (the pointer/length
// protocol of URL_COMPONENTS).
type PartMode int

// Component request modes.
const (
	// PartSkip: pointer NULL, length 0 — the component is not wanted.
	PartSkip PartMode = iota
	// PartPointer: pointer NULL, length non-zero — point into the input.
	PartPointer
	// PartBuffer: a caller buffer of Size WCHARs (NUL included).
	PartBuffer
	// PartBadBuffer: a buffer with length 0, which WinHTTP rejects.
	PartBadBuffer
)

// PartRequest asks for one component.
type PartRequest struct {
	Mode PartMode
	Size int // buffer size in WCHARs, NUL included (PartBuffer only)
}

// URLComponent is one cracked component.
type URLComponent struct {
	// Present is false when the component was not wanted or is absent in
	// a way WinHTTP reports as NULL (user name and password).
	Present bool
	// Text is the component (for a buffer that was too small, empty).
	Text string
	// Offset is the UTF-16 offset into the input in pointer mode, else -1.
	Offset int
	// Length is the length in WCHARs; for a too-small buffer, the size
	// needed including the NUL.
	Length int
}

// CrackedURL is WinHttpCrackUrl's URL_COMPONENTS output.
type CrackedURL struct {
	Scheme int // INTERNET_SCHEME_HTTP (1) or _HTTPS (2)
	Port   int
	Parts  [NumURLParts]URLComponent
}

// CrackURL splits rawURL as WinHttpCrackUrl does (spec §5.1). When a
// buffer is too small it still fills every other component and returns
// the result with ErrInsufficientBuffer. Decoding (ICU_DECODE) is applied
// to each component after splitting, so an encoded delimiter never moves
// a boundary; a '#' starts the extra info, like '?'.
func CrackURL(rawURL string, flags uint32, want [NumURLParts]PartRequest) (CrackedURL, error) {
	out := emptyCracked()
	fail := func(c Code, why string) (CrackedURL, error) {
		return emptyCracked(), &Error{Code: c, Op: "crackurl", URL: rawURL, Err: errors.New(why)}
	}
	for _, w := range want {
		if w.Mode == PartBadBuffer {
			return fail(ErrInvalidParameter, "a component has a buffer but length 0")
		}
		if w.Mode == PartPointer && flags&(ICUEscape|ICUDecode) != 0 {
			return fail(ErrInvalidParameter, "ICU_ESCAPE and ICU_DECODE need buffers for every wanted component")
		}
	}
	in := utf16.Encode([]rune(rawURL))
	decode := false
	if flags&ICUEscape != 0 {
		last := lastIndex16(in, '/')
		esc, ok := escape16(in[last+1:])
		if !ok {
			return fail(ErrInvalidParameter, "ICU_ESCAPE: a character above U+00FF cannot be escaped")
		}
		in = append(in[:last+1:last+1], esc...)
	} else if flags&ICUDecode != 0 {
		decode = true
	}

	colon := index16(in, 0, ':')
	if colon < 0 {
		return fail(ErrUnrecognizedScheme, "the URL has no scheme")
	}
	switch lower16(in[:colon]) {
	case "http":
		out.Scheme, out.Port = 1, 80
	case "https":
		out.Scheme, out.Port = 2, 443
	default:
		return fail(ErrUnrecognizedScheme, "the scheme is not http or https")
	}
	if len(in) < colon+3 || in[colon+1] != '/' || in[colon+2] != '/' {
		return fail(ErrInvalidURL, "\"//\" must follow the scheme")
	}
	start := colon + 3
	if start == len(in) {
		return fail(ErrInvalidURL, "nothing follows \"//\"")
	}
	type span struct {
		from, to int
		ok       bool
	}
	var spans [NumURLParts]span
	spans[PartScheme] = span{0, colon, true}

	authEnd := index16(in, start, '/')
	if authEnd < 0 {
		authEnd = len(in)
	}
	hostStart := start
	if at := index16(in[:authEnd], start, '@'); at >= 0 {
		if c := index16(in[:at], start, ':'); c >= 0 {
			spans[PartUserName] = span{start, c, true}
			spans[PartPassword] = span{c + 1, at, true}
		} else {
			spans[PartUserName] = span{start, at, true}
		}
		hostStart = at + 1
		if flags&ICURejectUserPw != 0 {
			return fail(ErrInvalidURL, "ICU_REJECT_USERPWD: the URL carries a user name or password")
		}
	}
	hostEnd := authEnd
	portFrom := -1
	if hostStart < authEnd && in[hostStart] == '[' {
		if rb := index16(in[:authEnd], hostStart, ']'); rb >= 0 {
			hostEnd = rb + 1
			if hostEnd < authEnd && in[hostEnd] == ':' {
				portFrom = hostEnd + 1
			}
		}
	} else if c := index16(in[:authEnd], hostStart, ':'); c >= 0 {
		hostEnd, portFrom = c, c+1
	}
	spans[PartHostName] = span{hostStart, hostEnd, true}
	if portFrom >= 0 && portFrom < authEnd {
		port := 0
		for _, ch := range in[portFrom:authEnd] {
			if ch < '0' || ch > '9' {
				return fail(ErrInvalidURL, "the port is not a number")
			}
			port = port*10 + int(ch-'0')
			if port > 65535 {
				return fail(ErrInvalidURL, "the port is above 65535")
			}
		}
		out.Port = port
	}
	pathEnd := len(in)
	if authEnd < len(in) {
		q := indexAny16(in, authEnd, '?', '#')
		if q >= 0 && want[PartExtraInfo].Mode != PartSkip {
			pathEnd = q
		}
	} else {
		pathEnd = authEnd
	}
	spans[PartURLPath] = span{authEnd, pathEnd, true}
	spans[PartExtraInfo] = span{pathEnd, len(in), true}

	short := false
	for p := URLPart(0); p < NumURLParts; p++ {
		sp, w := spans[p], want[p]
		if w.Mode == PartSkip || !sp.ok {
			continue
		}
		text := in[sp.from:sp.to]
		if decode {
			text = decode16(text)
		}
		c := URLComponent{Present: true, Length: len(text), Offset: -1}
		switch w.Mode {
		case PartPointer:
			c.Offset = sp.from
			c.Text = string(utf16.Decode(text))
		case PartBuffer:
			if w.Size < len(text)+1 {
				c.Length = len(text) + 1
				short = true
			} else {
				c.Text = string(utf16.Decode(text))
			}
		}
		out.Parts[p] = c
	}
	if short {
		out.Scheme = 0
		return out, &Error{Code: ErrInsufficientBuffer, Op: "crackurl", URL: rawURL, Err: errors.New("a component buffer is too small")}
	}
	return out, nil
}

// emptyCracked is a result with nothing filled in (offsets -1).
func emptyCracked() CrackedURL {
	var out CrackedURL
	for i := range out.Parts {
		out.Parts[i].Offset = -1
	}
	return out
}

func index16(s []uint16, from int, c uint16) int {
	for i := from; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

func indexAny16(s []uint16, from int, a, b uint16) int {
	for i := from; i < len(s); i++ {
		if s[i] == a || s[i] == b {
			return i
		}
	}
	return -1
}

func lastIndex16(s []uint16, c uint16) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == c {
			return i
		}
	}
	return -1
}

func lower16(s []uint16) string {
	b := make([]byte, len(s))
	for i, c := range s {
		if c >= 0x80 {
			return ""
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = byte(c)
	}
	return string(b)
}

// urlUnsafe reports whether c is escaped by ICU_ESCAPE (spec §5.3).
func urlUnsafe(c uint16) bool {
	if c <= 0x1F || c >= 0x7F {
		return true
	}
	switch c {
	case ' ', '"', '#', '%', '<', '>', '[', '\\', ']', '^', '`', '{', '|', '}', '~':
		return true
	}
	return false
}

// escape16 percent-escapes the unsafe characters of s; false if s holds a
// character above 0xFF, which has no single-byte escape.
func escape16(s []uint16) ([]uint16, bool) {
	const hex = "0123456789ABCDEF"
	out := make([]uint16, 0, len(s))
	for _, c := range s {
		if c > 0xFF {
			return nil, false
		}
		if urlUnsafe(c) {
			out = append(out, '%', uint16(hex[c>>4]), uint16(hex[c&15]))
			continue
		}
		out = append(out, c)
	}
	return out, true
}

// decode16 turns every %XX into that code unit (no UTF-8 decoding, as
// ICU_DECODE does).
func decode16(s []uint16) []uint16 {
	out := make([]uint16, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && hexDigit16(s[i+1]) >= 0 && hexDigit16(s[i+2]) >= 0 {
			out = append(out, uint16(hexDigit16(s[i+1])<<4|hexDigit16(s[i+2])))
			i += 2
			continue
		}
		out = append(out, s[i])
	}
	return out
}

func hexDigit16(c uint16) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
