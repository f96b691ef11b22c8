package runtime

import (
	"bytes"
	"errors"
	"unicode/utf16"
)

// decodeSource turns the bytes of a script file into source text the way
// WSH reads scripts: a UTF-8 byte order mark is dropped, and files saved as
// "Unicode" (UTF-16 with a byte order mark, little- or big-endian) are
// decoded. Everything else is taken as UTF-8, unchanged.
func decodeSource(b []byte) (string, error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return string(b[3:]), nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return decodeUTF16(b[2:], false)
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return decodeUTF16(b[2:], true)
	}
	return string(b), nil
}

func decodeUTF16(b []byte, bigEndian bool) (string, error) {
	if len(b)%2 != 0 {
		return "", errors.New("invalid UTF-16 text: odd number of bytes")
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	return string(utf16.Decode(u)), nil
}
