package winhttpapi

import (
	"bufio"
	"compress/flate"
	"compress/zlib"
	"io"

	"github.com/winhttpjs/winhttpjs/engine"
)

// acceptEncoding is the Accept-Encoding WinHTTP writes for
// WINHTTP_OPTION_DECOMPRESSION flags.
func acceptEncoding(flags uint32) string {
	switch flags & 3 {
	case 1:
		return "gzip"
	case 2:
		return "deflate"
	}
	return "gzip, deflate"
}

// lazyDecoder opens its decompressor on the first read, so that a bad
// stream fails WinHttpReadData rather than WinHttpReceiveResponse.
type lazyDecoder struct {
	src  io.Reader
	open func(io.Reader) (io.Reader, error)
	dec  io.Reader
}

func (l *lazyDecoder) Read(p []byte) (int, error) {
	if l.dec == nil {
		d, err := l.open(l.src)
		if err != nil {
			return 0, decodeErr(err)
		}
		l.dec = d
	}
	n, err := l.dec.Read(p)
	if err != nil && err != io.EOF {
		return n, decodeErr(err)
	}
	return n, err
}

// decodeErr keeps the engine's classified error, else reports corrupt
// compressed data as WinHTTP does (a bad server response).
func decodeErr(err error) error {
	if engine.CodeOf(err) != 0 {
		return err
	}
	return &engine.Error{Code: engine.ErrInvalidServerResponse, Op: "decompress", Err: err}
}

// openDeflate accepts "deflate" as zlib (RFC 1950, what the standard
// means) or, as servers often send, raw deflate (RFC 1951).
func openDeflate(r io.Reader) (io.Reader, error) {
	br := bufio.NewReader(r)
	head, err := br.Peek(2)
	if err == nil && head[0]&0x0F == 8 && (uint16(head[0])<<8|uint16(head[1]))%31 == 0 {
		return zlib.NewReader(br)
	}
	return flate.NewReader(br), nil
}
