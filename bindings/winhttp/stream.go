package winhttp

import (
	"io"
	"runtime"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/bindings/comarg"
	"github.com/winhttpjs/winhttpjs/engine"
	"github.com/winhttpjs/winhttpjs/internal/hugebuf"
)

// STG_E_INVALIDFUNCTION, IStream's answer to a bad seek.
const hrStgInvalidFunction uint32 = 0x80030001

// stream is what ResponseStream returns: a read-only IStream over the
// body, with its own position. It keeps the bytes alive after the request
// object is gone, as the COM stream does.
type stream struct {
	rt   *goja.Runtime
	data []byte
	// file, when set, holds the bytes instead of data (a spilled body),
	// size of them; the stream holds a reference to it until collected.
	file *spillFile
	size int64
	pos  int64
}

// newStream returns a stream object positioned at 0. Its members are
// Read([n]) → Uint8Array (empty at the end; all the rest when n is
// missing), Seek(offset, [origin 0 set, 1 current, 2 end]) → new position,
// Size (read-only) and Position (read/write).
func newStream(rt *goja.Runtime, data []byte) *goja.Object {
	return newStreamObject(&stream{rt: rt, data: data, size: int64(len(data))})
}

// newFileStream returns a stream reading f, which it keeps open (its own
// reference) until the stream is collected, so that it outlives the
// request's re-Open as the bytes of a memory stream do. It returns nil if
// f is already closed.
func newFileStream(rt *goja.Runtime, f *spillFile) *goja.Object {
	if !f.acquire() {
		return nil
	}
	s := &stream{rt: rt, file: f, size: f.length()}
	runtime.AddCleanup(s, (*spillFile).release, f)
	return newStreamObject(s)
}

func newStreamObject(s *stream) *goja.Object {
	rt := s.rt
	return com.NewObject(rt, []com.Member{
		{Name: "Read", Method: s.read},
		{Name: "Seek", Method: s.seek},
		{Name: "Size", Get: func() goja.Value { return rt.ToValue(s.size) }},
		{Name: "Position", Get: func() goja.Value { return rt.ToValue(s.pos) }, Set: s.setPosition},
	}, com.ObjectOptions{
		Source:  "IStream",
		Inspect: func() string { return "ResponseStream" },
		Native:  s,
	})
}

// Bytes returns what is left to read, which is what Send sends when given
// the stream (IStream bodies are read from the current position).
func (s *stream) Bytes() []byte {
	start := min(s.pos, s.size)
	if s.file == nil {
		return s.data[start:]
	}
	return s.fileBytes(start, s.size-start)
}

// fileBytes reads n bytes at off from the file into a new slice.
func (s *stream) fileBytes(off, n int64) []byte {
	b := hugebuf.Make(int(n), int(n))
	if n == 0 {
		return b
	}
	if got, err := s.file.readAt(b, off); err != nil || int64(got) < n {
		if err == nil {
			err = io.ErrUnexpectedEOF
		}
		com.ThrowDetail(s.rt, engine.ErrInternal.HRESULT(), engine.ErrInternal.Message(), "IStream",
			"reading the response body from its temporary file: "+err.Error())
	}
	return b
}

func (s *stream) read(call goja.FunctionCall) goja.Value {
	start := min(s.pos, s.size)
	rest := s.size - start
	n := rest
	if !absent(call, 0) {
		f, ok := comarg.ToNumber(call.Argument(0))
		if !ok || f < 0 {
			com.ThrowDetail(s.rt, com.HRInvalidArg, "The parameter is incorrect: Read: count "+comarg.Describe(call.Argument(0))+" is not a non-negative number", "IStream", "")
		}
		n = min(int64(f), rest)
	}
	s.pos = start + n
	var chunk []byte
	if s.file != nil {
		chunk = s.fileBytes(start, n)
	} else {
		chunk = append([]byte{}, s.data[start:start+n]...)
	}
	return newView(s.rt, s.rt.ToValue(s.rt.NewArrayBuffer(chunk)), 0, len(chunk))
}

func (s *stream) seek(call goja.FunctionCall) goja.Value {
	off, ok := comarg.ToNumber(call.Argument(0))
	if absent(call, 0) || !ok {
		com.ThrowDetail(s.rt, com.HRInvalidArg, "The parameter is incorrect: Seek: offset "+comarg.Describe(call.Argument(0))+" is not a number", "IStream", "")
	}
	base := int64(0)
	if !absent(call, 1) {
		origin, _ := toInt32(call.Argument(1))
		switch origin {
		case 0:
		case 1:
			base = s.pos
		case 2:
			base = s.size
		default:
			com.ThrowDetail(s.rt, hrStgInvalidFunction, "Invalid function: Seek: origin "+comarg.Describe(call.Argument(1))+" is not 0 (set), 1 (current) or 2 (end)", "IStream", "")
		}
	}
	s.moveTo(base + int64(off))
	return s.rt.ToValue(s.pos)
}

func (s *stream) setPosition(v goja.Value) {
	f, ok := comarg.ToNumber(v)
	if !ok {
		com.ThrowDetail(s.rt, com.HRTypeMismatch, com.MsgTypeMismatch, "IStream", "Position must be a number")
	}
	s.moveTo(int64(f))
}

// moveTo sets the position; past the end is allowed (reads return
// nothing), before the start is not.
func (s *stream) moveTo(p int64) {
	if p < 0 {
		com.ThrowDetail(s.rt, hrStgInvalidFunction, "Invalid function: cannot seek before the start of the stream", "IStream", "")
	}
	s.pos = p
}
