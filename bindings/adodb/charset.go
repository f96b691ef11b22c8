package adodb

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
)

// codec is one Charset: how text becomes bytes and back, one character at
// a time so that Position stays a byte offset as in ADO.
type codec struct {
	kind codecKind
	enc  encoding.Encoding // for kindOther
	bom  string            // written before the first text, skipped when read at 0
}

type codecKind int

const (
	kindUTF16LE codecKind = iota
	kindUTF16BE
	kindUTF8
	kindASCII
	kindOther
)

// lookupCodec finds a Charset by the names ADO accepts (the MIME database
// names: "Unicode", "utf-8", "us-ascii", "iso-8859-1", "windows-1252", …),
// then by WHATWG label and IANA name through golang.org/x/text.
func lookupCodec(name string) (codec, bool) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "unicode", "utf-16", "utf-16le", "utf16":
		return codec{kind: kindUTF16LE, bom: "\xFF\xFE"}, true
	case "unicodefffe", "utf-16be":
		return codec{kind: kindUTF16BE, bom: "\xFE\xFF"}, true
	case "utf-8", "utf8", "unicode-1-1-utf-8", "unicode-2-0-utf-8", "x-unicode20utf8":
		return codec{kind: kindUTF8, bom: "\xEF\xBB\xBF"}, true
	case "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "cp367", "ibm367":
		return codec{kind: kindASCII}, true
	case "iso-8859-1", "latin1", "l1", "iso_8859-1", "cp28591":
		// WHATWG maps these labels to windows-1252; Windows' code page
		// 28591 is the real ISO-8859-1.
		return codec{kind: kindOther, enc: charmap.ISO8859_1}, true
	case "":
		return codec{}, false
	}
	if enc, err := htmlindex.Get(name); err == nil && enc != nil && enc != encoding.Replacement {
		return codec{kind: kindOther, enc: enc}, true
	}
	if enc, err := ianaindex.IANA.Encoding(name); err == nil && enc != nil {
		return codec{kind: kindOther, enc: enc}, true
	}
	return codec{}, false
}

// encode turns text into bytes; a character the charset lacks becomes '?',
// as WideCharToMultiByte's default character.
func (c codec) encode(s string) []byte {
	switch c.kind {
	case kindUTF16LE, kindUTF16BE:
		units := utf16.Encode([]rune(s))
		out := make([]byte, 0, 2*len(units))
		for _, u := range units {
			if c.kind == kindUTF16LE {
				out = append(out, byte(u), byte(u>>8))
			} else {
				out = append(out, byte(u>>8), byte(u))
			}
		}
		return out
	case kindUTF8:
		return []byte(s)
	case kindASCII:
		out := make([]byte, 0, len(s))
		for _, r := range s {
			if r < 0x80 {
				out = append(out, byte(r))
			} else {
				out = append(out, '?')
			}
		}
		return out
	}
	if b, err := c.enc.NewEncoder().Bytes([]byte(s)); err == nil {
		return b
	}
	var out []byte
	for _, r := range s {
		b, err := c.enc.NewEncoder().Bytes([]byte(string(r)))
		if err != nil {
			b = []byte{'?'}
		}
		out = append(out, b...)
	}
	return out
}

// next decodes the character at the start of b and returns it with the
// number of bytes it took. A malformed sequence is one U+FFFD.
func (c codec) next(b []byte) (string, int) {
	switch c.kind {
	case kindUTF16LE, kindUTF16BE:
		if len(b) < 2 {
			return "\uFFFD", len(b)
		}
		u := c.unit(b)
		if utf16.IsSurrogate(rune(u)) && u < 0xDC00 && len(b) >= 4 {
			if r := utf16.DecodeRune(rune(u), rune(c.unit(b[2:]))); r != utf8.RuneError {
				return string(r), 4
			}
		}
		if utf16.IsSurrogate(rune(u)) {
			return "\uFFFD", 2
		}
		return string(rune(u)), 2
	case kindUTF8:
		r, n := utf8.DecodeRune(b)
		return string(r), n
	case kindASCII:
		if b[0] < 0x80 {
			return string(rune(b[0])), 1
		}
		return "?", 1
	}
	// Multi-byte charsets: the shortest prefix that decodes to one
	// character without error.
	for n := 1; n <= 4 && n <= len(b); n++ {
		out, err := c.enc.NewDecoder().Bytes(b[:n])
		if err == nil && utf8.RuneCount(out) == 1 && !strings.ContainsRune(string(out), utf8.RuneError) {
			return string(out), n
		}
	}
	out, err := c.enc.NewDecoder().Bytes(b[:1])
	if err != nil || len(out) == 0 {
		return "\uFFFD", 1
	}
	return string(out), 1
}

func (c codec) unit(b []byte) uint16 {
	if c.kind == kindUTF16LE {
		return uint16(b[0]) | uint16(b[1])<<8
	}
	return uint16(b[0])<<8 | uint16(b[1])
}

// decodeAll decodes b whole, the fast path of ReadText(adReadAll).
func (c codec) decodeAll(b []byte) string {
	switch c.kind {
	case kindUTF8:
		return strings.ToValidUTF8(string(b), "\uFFFD")
	case kindUTF16LE, kindUTF16BE:
		units := make([]uint16, len(b)/2)
		for i := range units {
			units[i] = c.unit(b[2*i:])
		}
		s := string(utf16.Decode(units))
		if len(b)%2 == 1 {
			s += "\uFFFD"
		}
		return s
	case kindOther:
		if out, err := c.enc.NewDecoder().Bytes(b); err == nil {
			return string(out)
		}
	}
	var sb strings.Builder
	for len(b) > 0 {
		ch, n := c.next(b)
		sb.WriteString(ch)
		b = b[n:]
	}
	return sb.String()
}
