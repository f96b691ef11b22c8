package scripting

import (
	"io"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Tristate values of OpenTextFile's Format and CreateTextFile's Unicode.
const (
	tristateUseDefault = -2
	tristateTrue       = -1
	tristateFalse      = 0
)

// A file's text is "ASCII" (the ANSI code page: windows-1252, as on an
// English Windows) or "Unicode" (UTF-16LE with a byte-order mark).
const bomUTF16LE = "\xFF\xFE"

// decoder returns a reader of UTF-8 text over a file's bytes.
func decoder(r io.Reader, unicodeText bool) io.Reader {
	if unicodeText {
		// A BOM is removed; without one the text is still taken as
		// little-endian, as the FileSystemObject does.
		return transform.NewReader(r, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder())
	}
	return transform.NewReader(r, charmap.Windows1252.NewDecoder())
}

// encWriter encodes each write whole and passes it on at once, so that
// what a script wrote is on disk even if it never calls Close.
type encWriter struct {
	w           io.Writer
	unicodeText bool
}

// Write encodes p (UTF-8 text) and writes it through at once.
func (e encWriter) Write(p []byte) (int, error) {
	if _, err := e.WriteString(string(p)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// WriteString is Write for a string (TextStream writes strings): ASCII
// text in the ANSI code page is its own encoding and goes through without
// a copy.
func (e encWriter) WriteString(s string) (int, error) {
	if !e.unicodeText && isASCII(s) {
		if _, err := io.WriteString(e.w, s); err != nil {
			return 0, err
		}
		return len(s), nil
	}
	if _, err := e.w.Write(encode(s, e.unicodeText)); err != nil {
		return 0, err
	}
	return len(s), nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// encode turns text into the file's bytes; characters windows-1252 lacks
// become '?', as WideCharToMultiByte's default character.
func encode(s string, unicodeText bool) []byte {
	if unicodeText {
		out := make([]byte, 0, 2*len(s))
		for _, r := range s {
			if r1, r2 := utf16.EncodeRune(r); r1 != utf8.RuneError {
				out = append(out, byte(r1), byte(r1>>8), byte(r2), byte(r2>>8))
			} else {
				out = append(out, byte(r), byte(r>>8))
			}
		}
		return out
	}
	out := make([]byte, 0, len(s))
	for _, r := range s {
		if r < utf8.RuneSelf {
			out = append(out, byte(r))
		} else if b, ok := charmap.Windows1252.EncodeRune(r); ok {
			out = append(out, b)
		} else {
			out = append(out, '?')
		}
	}
	return out
}
