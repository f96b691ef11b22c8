package adodb

import (
	"strings"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/comarg"
)

// ADO's StreamReadEnum and StreamWriteEnum values.
const (
	adReadAll    = -1
	adReadLine   = -2
	adWriteLine  = 1
	adWriteChar  = 0
	maxReadCount = 1 << 31
)

func toInt(v goja.Value) (int64, bool) { return comarg.ToInt(v) }

func (s *stream) args(call goja.FunctionCall, member string) comarg.Args {
	return comarg.New(s.rt, call, source, member)
}

// write is Write(Buffer): bytes only (ResponseBody, Read's result, a
// VBArray of bytes, any TypedArray or ArrayBuffer).
func (s *stream) write(call goja.FunctionCall) goja.Value {
	a := s.args(call, "Write")
	v := a.Value(0, "Buffer")
	s.mustOpen("Write")
	s.mustType("Write", adTypeBinary)
	b, ok := comarg.Bytes(s.rt, v)
	if !ok {
		s.throw(hrInvalidArgument, msgInvalidArgument, "Write needs bytes (ResponseBody, a Uint8Array, Read's result), not "+comarg.Describe(v)+"; use WriteText for text")
	}
	// put copies b (even from the stream's own bytes: copy is memmove).
	s.put(b)
	return nil
}

// writeText is WriteText(Data, [Options]): the text in Charset, preceded
// by the charset's byte-order mark when the stream is empty (ADO writes
// one for "Unicode" and "utf-8"), followed by LineSeparator for option 1.
func (s *stream) writeText(call goja.FunctionCall) goja.Value {
	a := s.args(call, "WriteText")
	text := a.String(0, "Data")
	opt := a.OptInt(1, "Options", adWriteChar)
	s.mustOpen("WriteText")
	s.mustType("WriteText", adTypeText)
	if opt != adWriteChar && opt != adWriteLine {
		s.throw(hrInvalidArgument, msgInvalidArgument, "WriteText: Options must be 0 (adWriteChar) or 1 (adWriteLine)")
	}
	if opt == adWriteLine {
		text += s.separator()
	}
	if len(s.data) == 0 && s.codec.bom != "" {
		s.put([]byte(s.codec.bom))
	}
	s.put(s.codec.encode(text))
	return nil
}

func (s *stream) separator() string {
	switch s.linesep {
	case adCR:
		return "\r"
	case adLF:
		return "\n"
	}
	return "\r\n"
}

// read is Read([NumBytes]): up to NumBytes bytes (all by default) from the
// position, as a byte array; at the end of the stream it returns null, as
// ADO returns an empty (Null) variant.
func (s *stream) read(call goja.FunctionCall) goja.Value {
	a := s.args(call, "Read")
	n := a.OptInt(0, "NumBytes", adReadAll)
	s.mustOpen("Read")
	s.mustType("Read", adTypeBinary)
	rest := len(s.data) - s.pos
	switch {
	case n == adReadAll:
		n = int64(rest)
	case n < 0:
		s.throw(hrInvalidArgument, msgInvalidArgument, "Read: NumBytes must be -1 (all) or a count of bytes")
	}
	n = min(n, int64(rest))
	if n <= 0 {
		return goja.Null()
	}
	b := s.data[s.pos : s.pos+int(n)]
	s.pos += int(n)
	return comarg.NewBytes(s.rt, b)
}

// skipBOM moves past the charset's byte-order mark when reading text from
// the start of the stream: the mark is not text.
func (s *stream) skipBOM() {
	if s.pos == 0 && s.codec.bom != "" && strings.HasPrefix(string(s.data), s.codec.bom) {
		s.pos = len(s.codec.bom)
	}
}

// readText is ReadText([NumChars]): NumChars characters, -1 all, -2 one
// line (without its separator, which is consumed).
func (s *stream) readText(call goja.FunctionCall) goja.Value {
	a := s.args(call, "ReadText")
	n := a.OptInt(0, "NumChars", adReadAll)
	s.mustOpen("ReadText")
	s.mustType("ReadText", adTypeText)
	s.skipBOM()
	switch {
	case n == adReadAll:
		text := s.codec.decodeAll(s.data[s.pos:])
		s.pos = len(s.data)
		return s.rt.ToValue(text)
	case n == adReadLine:
		line, _ := s.line()
		return s.rt.ToValue(line)
	case n < 0 || n >= maxReadCount:
		s.throw(hrInvalidArgument, msgInvalidArgument, "ReadText: NumChars must be -1 (all), -2 (a line) or a count of characters")
	}
	var sb strings.Builder
	for i := int64(0); i < n && s.pos < len(s.data); i++ {
		ch, size := s.codec.next(s.data[s.pos:])
		sb.WriteString(ch)
		s.pos += size
	}
	return s.rt.ToValue(sb.String())
}

// line reads characters up to LineSeparator and consumes it; found is
// false when the stream ended first.
func (s *stream) line() (text string, found bool) {
	sep := s.separator()
	var sb strings.Builder
	for s.pos < len(s.data) {
		ch, size := s.codec.next(s.data[s.pos:])
		s.pos += size
		sb.WriteString(ch)
		if strings.HasSuffix(sb.String(), sep) {
			return strings.TrimSuffix(sb.String(), sep), true
		}
	}
	return sb.String(), false
}

func (s *stream) skipLine(call goja.FunctionCall) goja.Value {
	s.mustOpen("SkipLine")
	s.mustType("SkipLine", adTypeText)
	s.skipBOM()
	s.line()
	return nil
}

// copyTo is CopyTo(DestStream, [CharNumber]): from this position to the
// destination's. Between two text streams characters are copied, converted
// to the destination's charset; otherwise bytes.
func (s *stream) copyTo(call goja.FunctionCall) goja.Value {
	a := s.args(call, "CopyTo")
	v := a.Value(0, "DestStream")
	n := a.OptInt(1, "CharNumber", adReadAll)
	s.mustOpen("CopyTo")
	dst := s.streamOf(v)
	if dst == nil {
		s.throw(hrInvalidArgument, msgInvalidArgument, "CopyTo needs another ADODB.Stream, not "+comarg.Describe(v))
	}
	dst.mustOpen("CopyTo (destination)")
	if n < adReadAll {
		s.throw(hrInvalidArgument, msgInvalidArgument, "CopyTo: CharNumber must be -1 (all) or a count")
	}
	if s.typ == adTypeText && dst.typ == adTypeText {
		s.skipBOM()
		var sb strings.Builder
		for i := int64(0); (n == adReadAll || i < n) && s.pos < len(s.data); i++ {
			ch, size := s.codec.next(s.data[s.pos:])
			sb.WriteString(ch)
			s.pos += size
		}
		if len(dst.data) == 0 && dst.codec.bom != "" {
			dst.put([]byte(dst.codec.bom))
		}
		dst.put(dst.codec.encode(sb.String()))
		return nil
	}
	rest := int64(len(s.data) - s.pos)
	if n == adReadAll || n > rest {
		n = rest
	}
	chunk := append([]byte(nil), s.data[s.pos:s.pos+int(n)]...)
	s.pos += int(n)
	dst.put(chunk)
	return nil
}

func (s *stream) streamOf(v goja.Value) *stream {
	o, ok := v.(*goja.Object)
	if !ok {
		return nil
	}
	n, _ := nativeOf(o)
	d, _ := n.(*stream)
	return d
}
