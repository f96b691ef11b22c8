package winhttp

import (
	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/bindings/comarg"
)

// STG_E_INVALIDFUNCTION, IStream's answer to a bad seek.
const hrStgInvalidFunction uint32 = 0x80030001

// stream is what ResponseStream returns: a read-only IStream over the
// body, with its own position. It keeps the bytes alive after the request
// object is gone, as the COM stream does.
type stream struct {
	rt   *goja.Runtime
	data []byte
	pos  int64
}

// newStream returns a stream object positioned at 0. Its members are
// Read([n]) → Uint8Array (empty at the end; all the rest when n is
// missing), Seek(offset, [origin 0 set, 1 current, 2 end]) → new position,
// Size (read-only) and Position (read/write).
func newStream(rt *goja.Runtime, data []byte) *goja.Object {
	s := &stream{rt: rt, data: data}
	return com.NewObject(rt, []com.Member{
		{Name: "Read", Method: s.read},
		{Name: "Seek", Method: s.seek},
		{Name: "Size", Get: func() goja.Value { return rt.ToValue(len(s.data)) }},
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
	return s.data[min(s.pos, int64(len(s.data))):]
}

func (s *stream) read(call goja.FunctionCall) goja.Value {
	start := min(s.pos, int64(len(s.data)))
	rest := int64(len(s.data)) - start
	n := rest
	if !absent(call, 0) {
		f, ok := comarg.ToNumber(call.Argument(0))
		if !ok || f < 0 {
			com.ThrowDetail(s.rt, com.HRInvalidArg, "The parameter is incorrect: Read: count "+comarg.Describe(call.Argument(0))+" is not a non-negative number", "IStream", "")
		}
		n = min(int64(f), rest)
	}
	s.pos = start + n
	chunk := append([]byte{}, s.data[start:start+n]...)
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
			base = int64(len(s.data))
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
