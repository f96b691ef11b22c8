package winhttp

import (
	"strings"

	"github.com/winhttpjs/winhttpjs/internal/hugebuf"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"
)

// Byte-order marks.
const (
	bomUTF8    = "\xEF\xBB\xBF"
	bomUTF16LE = "\xFF\xFE"
	bomUTF16BE = "\xFE\xFF"
)

// decodeText is ResponseText's decoding: the charset of Content-Type when
// it names one golang.org/x/text knows; else a byte-order mark (UTF-8,
// UTF-16LE/BE, removed); else windows-1252, the ANSI code page a Western
// Windows decodes with — so a UTF-8 body without a charset reads as it does
// on Windows (scripts that need its text decode ResponseBody themselves).
func decodeText(body []byte, contentType string) string {
	if name, ok := charsetParam(contentType); ok {
		if enc := lookupCharset(name); enc != nil {
			return decodeWith(enc, stripOwnBOM(enc, body))
		}
	}
	switch {
	case hasPrefix(body, bomUTF8):
		return decodeWith(unicode.UTF8, body[len(bomUTF8):])
	case hasPrefix(body, bomUTF16LE):
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), body[2:])
	case hasPrefix(body, bomUTF16BE):
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), body[2:])
	}
	return decodeWith(charmap.Windows1252, body)
}

// lookupCharset finds an encoding by WHATWG label, then by IANA name.
func lookupCharset(name string) encoding.Encoding {
	name = strings.ToLower(strings.TrimSpace(name))
	switch name {
	case "utf-16", "utf16", "unicode":
		// No byte order given: a BOM decides, little-endian otherwise
		// (Windows' "unicode" is UTF-16LE).
		return unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	}
	if enc, err := htmlindex.Get(name); err == nil && enc != nil && enc != encoding.Replacement {
		return enc
	}
	if enc, err := ianaindex.IANA.Encoding(name); err == nil && enc != nil {
		return enc
	}
	return nil
}

// stripOwnBOM removes a byte-order mark that agrees with the declared
// charset; it is not text.
func stripOwnBOM(enc encoding.Encoding, body []byte) []byte {
	if enc == unicode.UTF8 && hasPrefix(body, bomUTF8) {
		return body[len(bomUTF8):]
	}
	if name, err := htmlindex.Name(enc); err == nil {
		switch {
		case name == "utf-16le" && hasPrefix(body, bomUTF16LE),
			name == "utf-16be" && hasPrefix(body, bomUTF16BE):
			return body[2:]
		}
	}
	return body
}

func hasPrefix(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && string(b[:len(prefix)]) == prefix
}

func decodeWith(enc encoding.Encoding, body []byte) string {
	if enc == charmap.Windows1252 && isASCII(body) {
		// windows-1252 maps 0x00–0x7F to themselves: an ASCII body (the
		// common case) needs no decoder, which costs several allocations.
		return hugebuf.String(body)
	}
	if enc == unicode.UTF8 {
		return strings.ToValidUTF8(hugebuf.String(body), "\uFFFD")
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return strings.ToValidUTF8(string(body), "\uFFFD")
	}
	return string(out)
}

// charsetParam returns the charset parameter of a Content-Type value. It
// is lenient (quotes, spacing, case) because servers are.
func charsetParam(contentType string) (string, bool) {
	// Walks the parameters with strings.Cut rather than strings.Split,
	// which allocates a slice on every ResponseText.
	_, rest, more := strings.Cut(contentType, ";")
	for more {
		var p string
		p, rest, more = strings.Cut(rest, ";")
		k, v, ok := strings.Cut(p, "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(k), "charset") {
			continue
		}
		v = strings.Trim(strings.TrimSpace(v), "\"'")
		if v != "" {
			return v, true
		}
	}
	return "", false
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}
