// Package hugebuf allocates large byte buffers that the kernel may back
// with transparent huge pages.
//
// A response body held in memory is written once, front to back, into a
// buffer made for it. Backed by 4 KiB pages, every page of it costs a
// page fault at its first write: 262,144 faults for 1 GiB, which took
// 4.3–4.5 s on a VM where a fault costs 15 µs, against 1.3–2.0 s with
// 2 MiB pages (512 faults). Where transparent huge pages are enabled only
// for memory that asks for them (the "madvise" mode, the default of many
// distributions), a buffer has to ask before its first write; Go's heap
// does not ask on its own. The advice stays with the address range once
// the buffer is freed, so memory Go later reuses there may be backed by
// huge pages too: a little more RSS for a small heap, never a change in
// what a program reads or writes. GODEBUG=disablethp=1, Go's own switch
// for huge pages, turns the advice off.
package hugebuf

import (
	"errors"
	"io"
	"math"
	"unsafe"
)

// Threshold is the capacity from which Make asks for huge pages: a
// buffer that small holds at least one whole aligned 2 MiB page, and
// below it the faults saved are too few to matter.
const Threshold = 4 << 20

// Make returns make([]byte, n, c), with the aligned 2 MiB pages inside a
// capacity of at least Threshold advised for huge pages where the system
// supports it. Like make, it panics if n > c or c is negative.
func Make(n, c int) []byte {
	b := make([]byte, n, c)
	if c >= Threshold {
		adviseHuge(b[:c])
	}
	return b
}

// String returns a copy of b as a string, in memory from Make: a large
// body's text (ResponseText) is written once like the body itself.
func String(b []byte) string {
	if len(b) < Threshold {
		return string(b)
	}
	c := clone(b)
	// c is not reachable from anywhere else, so the string's bytes never
	// change.
	return unsafe.String(unsafe.SliceData(c), len(c))
}

// Bytes returns a copy of s as bytes, in memory from Make: a large
// string body (Send of a script's text) is written once.
func Bytes(s string) []byte {
	if len(s) < Threshold {
		return []byte(s)
	}
	return clone(s)
}

// Clone returns a copy of b (nil for nil), in memory from Make.
func Clone(b []byte) []byte {
	if len(b) < Threshold {
		return append([]byte(nil), b...)
	}
	return clone(b)
}

// clone copies src into a buffer from Make.
func clone[S ~string | ~[]byte](src S) []byte {
	b := Make(len(src), len(src))
	copy(b, src)
	return b
}

// ReadAll reads r to its end, as io.ReadAll, into a buffer of hint bytes
// (what r is expected to give, such as a file's size; 0 if unknown) and
// one to find the end, doubled when that is not enough: a large file is
// read with at most a few copies, into memory from Make.
func ReadAll(r io.Reader, hint int64) ([]byte, error) {
	b := Make(0, int(min(max(hint, 512), math.MaxInt32))+1)
	for {
		if len(b) == cap(b) {
			grown := Make(len(b), 2*cap(b))
			copy(grown, b)
			b = grown
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if errors.Is(err, io.EOF) {
			return b, nil
		}
		if err != nil {
			return b, err
		}
	}
}
