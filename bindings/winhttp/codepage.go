package winhttp

import (
	"strings"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

const cpUTF8 = 65001

// codePage maps a Windows code page number to its encoding; nil means
// UTF-8. CP_ACP (0) and CP_THREAD_ACP (3) stand for the ANSI code page of
// an English Windows, windows-1252.
func codePage(cp uint32) encoding.Encoding {
	switch cp {
	case 0, 3, 1252:
		return charmap.Windows1252
	case 1250:
		return charmap.Windows1250
	case 1251:
		return charmap.Windows1251
	case 1253:
		return charmap.Windows1253
	case 1254:
		return charmap.Windows1254
	case 1255:
		return charmap.Windows1255
	case 1256:
		return charmap.Windows1256
	case 1257:
		return charmap.Windows1257
	case 1258:
		return charmap.Windows1258
	case 874:
		return charmap.Windows874
	case 866:
		return charmap.CodePage866
	case 28591:
		return charmap.ISO8859_1
	case 28592:
		return charmap.ISO8859_2
	case 28595:
		return charmap.ISO8859_5
	case 28597:
		return charmap.ISO8859_7
	case 28605:
		return charmap.ISO8859_15
	case 20866:
		return charmap.KOI8R
	case 21866:
		return charmap.KOI8U
	case 932:
		return japanese.ShiftJIS
	case 20932, 51932:
		return japanese.EUCJP
	case 50220:
		return japanese.ISO2022JP
	case 936:
		return simplifiedchinese.GBK
	case 54936:
		return simplifiedchinese.GB18030
	case 949, 51949:
		return korean.EUCKR
	case 950:
		return traditionalchinese.Big5
	}
	return nil
}

// knownCodePages lists the numbers codePage knows, for name look-ups.
func knownCodePages() []uint32 {
	return []uint32{1252, 1250, 1251, 1253, 1254, 1255, 1256, 1257, 1258, 874, 866,
		28591, 28592, 28595, 28597, 28605, 20866, 21866, 932, 51932, 50220, 936, 54936, 949, 950}
}

// codePageOf reads a URLCodePage value: a number, or a charset name
// ("utf-8" is Windows-verified to give 65001).
func codePageOf(v goja.Value) (uint32, bool) {
	if s, ok := com.Export(v).(string); ok {
		name := strings.ToLower(strings.TrimSpace(s))
		if name == "utf-8" || name == "utf8" {
			return cpUTF8, true
		}
		enc, err := htmlindex.Get(name)
		if err != nil {
			if n, ok := toInt32(v); ok && n >= 0 {
				return uint32(n), true
			}
			return 0, false
		}
		if enc == encoding.Nop {
			return 0, false
		}
		want, _ := htmlindex.Name(enc)
		for _, cp := range knownCodePages() {
			if got, err := htmlindex.Name(codePage(cp)); err == nil && got == want {
				return cp, true
			}
		}
		return 0, false
	}
	n, ok := toInt32(v)
	if !ok || n < 0 {
		return 0, false
	}
	return uint32(n), true
}

// escapeURL turns the URL given to Open into the bytes WinHTTP sends:
// characters outside ASCII are encoded in the code page and %-escaped, and
// characters that may not appear raw in a request line are %-escaped.
// A '%' is left alone: scripts pass URLs that are already escaped.
func escapeURL(raw string, cp uint32) string {
	start := strings.Index(raw, "://")
	if start < 0 {
		return raw
	}
	start += 3
	if i := strings.IndexAny(raw[start:], "/?#"); i >= 0 {
		start += i
	} else {
		return raw
	}
	if !needsEscape(raw[start:]) {
		// The usual URL: nothing to escape, so no encoder or builder.
		return raw
	}
	var enc *encoding.Encoder
	if e := codePage(cp); e != nil {
		enc = e.NewEncoder()
	}
	var b strings.Builder
	b.WriteString(raw[:start])
	for _, c := range raw[start:] {
		switch {
		case c >= 0x80:
			s := string(c)
			if enc != nil {
				if out, err := enc.String(s); err == nil {
					s = out
				} else {
					// WideCharToMultiByte's default character.
					s = "?"
				}
			}
			for i := 0; i < len(s); i++ {
				writeEscaped(&b, s[i])
			}
		case c <= 0x20 || c == 0x7f || strings.ContainsRune("\"<>\\^`{|}", c):
			writeEscaped(&b, byte(c))
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// needsEscape reports whether escapeURL would change s: a byte that is not
// printable ASCII, or one of the characters it escapes.
func needsEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= 0x20 || c >= 0x7f || strings.IndexByte("\"<>\\^`{|}", c) >= 0 {
			return true
		}
	}
	return false
}

func writeEscaped(b *strings.Builder, c byte) {
	const hex = "0123456789ABCDEF"
	b.WriteByte('%')
	b.WriteByte(hex[c>>4])
	b.WriteByte(hex[c&15])
}
