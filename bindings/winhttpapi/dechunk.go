package winhttpapi

import (
	"io"
	"strconv"
	"strings"
)

// dechunker takes the chunked framing a script writes itself (WinHTTP
// sends WriteData bytes as they are when the script set
// "Transfer-Encoding: chunked") and passes the payload on; the engine
// frames it again on the wire. It ends the body at the last chunk.
type dechunker struct {
	w     io.WriteCloser
	state int // 0 size line, 1 data, 2 CRLF after data, 3 trailer, 4 done
	line  []byte
	left  int64
}

// chunkError is a framing error; a constant, so no mutable global.
type chunkError string

func (e chunkError) Error() string { return string(e) }

const errBadChunk = chunkError("malformed chunked framing in WinHttpWriteData")

// Write parses p and forwards the payload it carries.
func (d *dechunker) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		switch d.state {
		case 0, 2, 3:
			i := indexByte(p, '\n')
			if i < 0 {
				if len(d.line)+len(p) > 4096 {
					return 0, errBadChunk
				}
				d.line = append(d.line, p...)
				return n, nil
			}
			line := strings.TrimRight(string(append(d.line, p[:i]...)), "\r")
			d.line, p = d.line[:0], p[i+1:]
			if err := d.endLine(line); err != nil {
				return 0, err
			}
		case 1:
			k := int64(len(p))
			if k > d.left {
				k = d.left
			}
			if _, err := d.w.Write(p[:k]); err != nil {
				return 0, err
			}
			p, d.left = p[k:], d.left-k
			if d.left == 0 {
				d.state = 2
			}
		case 4:
			return 0, errBadChunk
		}
	}
	return n, nil
}

// endLine handles one complete framing line.
func (d *dechunker) endLine(line string) error {
	switch d.state {
	case 0:
		size, _, _ := strings.Cut(line, ";")
		v, err := strconv.ParseInt(strings.TrimSpace(size), 16, 64)
		if err != nil || v < 0 {
			return errBadChunk
		}
		if v == 0 {
			d.state = 3
			return nil
		}
		d.left, d.state = v, 1
	case 2:
		if line != "" {
			return errBadChunk
		}
		d.state = 0
	case 3:
		if line == "" {
			d.state = 4
			return d.w.Close()
		}
	}
	return nil
}

func indexByte(p []byte, c byte) int {
	for i, b := range p {
		if b == c {
			return i
		}
	}
	return -1
}
