// Package adodb provides ADODB.Stream, the object legacy scripts use to
// write a downloaded ResponseBody to disk and to convert text between
// charsets.
package adodb

import (
	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/bindings/hostsys"
	"github.com/winhttpjs/winhttpjs/internal/hugebuf"
)

// ProgIDs returns the names the object is created by.
func ProgIDs() []string { return []string{"ADODB.Stream", "ADODB.Stream.6.0", "ADODB.Stream.2.8"} }

// Factory returns a com.Factory making streams that reach the disk
// through sys (its policy and current directory).
func Factory(sys *hostsys.System) com.Factory {
	return func(rt *goja.Runtime) (*goja.Object, error) { return New(rt, sys), nil }
}

// ADO's StreamTypeEnum, LineSeparatorEnum and ObjectStateEnum values.
const (
	adTypeBinary = 1
	adTypeText   = 2
	adCR         = 13
	adLF         = 10
	adCRLF       = -1
	adStateOpen  = 1
)

// stream is one ADODB.Stream: a byte buffer with a position, read and
// written as bytes (Type 1) or as text in Charset (Type 2).
type stream struct {
	rt  *goja.Runtime
	sys *hostsys.System

	open    bool
	typ     int64
	mode    int64
	charset string
	codec   codec
	linesep int64
	data    []byte
	pos     int
}

// New creates a closed ADODB.Stream: Type text, Charset "Unicode", line
// separator CRLF, as ADO's defaults.
func New(rt *goja.Runtime, sys *hostsys.System) *goja.Object {
	c, _ := lookupCodec("Unicode")
	s := &stream{rt: rt, sys: sys, typ: adTypeText, charset: "Unicode", codec: c, linesep: adCRLF}
	return com.NewObject(rt, s.members(), com.ObjectOptions{
		Source:  source,
		Inspect: s.inspect,
		Native:  s,
	})
}

// Bytes returns the bytes from the position on: what an IStream read
// gives, so that WinHttpRequest.Send(stream) sends the stream's content.
func (s *stream) Bytes() []byte {
	if s.pos >= len(s.data) {
		return nil
	}
	// Capped: the spare capacity past the end is the stream's own.
	return s.data[s.pos:len(s.data):len(s.data)]
}

func (s *stream) members() []com.Member {
	return []com.Member{
		{Name: "Type", Get: func() goja.Value { return s.rt.ToValue(s.typ) }, Set: s.setType},
		{Name: "Charset", Get: func() goja.Value { return s.rt.ToValue(s.charset) }, Set: s.setCharset},
		{Name: "Mode", Get: func() goja.Value { return s.rt.ToValue(s.mode) }, Set: s.setMode},
		{Name: "State", Get: func() goja.Value { return s.rt.ToValue(s.state()) }},
		{Name: "LineSeparator", Get: func() goja.Value { return s.rt.ToValue(s.linesep) }, Set: s.setLineSeparator},
		{Name: "Position", Get: s.position, Set: s.setPosition},
		{Name: "Size", Get: s.size},
		{Name: "EOS", Get: s.eos},
		{Name: "Open", Method: s.openStream},
		{Name: "Close", Method: s.close},
		{Name: "Write", Method: s.write},
		{Name: "WriteText", Method: s.writeText},
		{Name: "Read", Method: s.read},
		{Name: "ReadText", Method: s.readText},
		{Name: "SkipLine", Method: s.skipLine},
		{Name: "SetEOS", Method: s.setEOS},
		{Name: "CopyTo", Method: s.copyTo},
		{Name: "Flush", Method: s.flush},
		{Name: "SaveToFile", Method: s.saveToFile},
		{Name: "LoadFromFile", Method: s.loadFromFile},
		{Name: "Cancel", Method: func(goja.FunctionCall) goja.Value { return nil }},
	}
}

func (s *stream) inspect() string {
	if !s.open {
		return "ADODB.Stream (closed)"
	}
	return "ADODB.Stream (open, " + s.rt.ToValue(len(s.data)).String() + " bytes)"
}

func (s *stream) state() int64 {
	if s.open {
		return adStateOpen
	}
	return 0
}

// mustOpen throws 3704 when the stream is closed.
func (s *stream) mustOpen(member string) {
	if !s.open {
		s.throw(hrObjectClosed, msgObjectClosed, member+": the stream is closed (call Open first)")
	}
}

func (s *stream) mustType(member string, typ int64) {
	if s.typ != typ {
		want := "binary (Type = 1)"
		if typ == adTypeText {
			want = "text (Type = 2)"
		}
		s.throw(hrIllegal, msgIllegal, member+" needs a "+want+" stream")
	}
}

func (s *stream) setType(v goja.Value) {
	n, ok := toInt(v)
	if !ok || (n != adTypeBinary && n != adTypeText) {
		s.throw(hrInvalidArgument, msgInvalidArgument, "Type must be 1 (binary) or 2 (text)")
	}
	if s.open && s.pos != 0 {
		s.throw(hrIllegal, msgIllegal, "Type can be changed only at Position 0")
	}
	s.typ = n
}

func (s *stream) setCharset(v goja.Value) {
	name := v.String()
	c, ok := lookupCodec(name)
	if !ok {
		s.throw(hrInvalidArgument, msgInvalidArgument, "Charset "+name+" is not known")
	}
	if s.open && s.pos != 0 {
		s.throw(hrIllegal, msgIllegal, "Charset can be changed only at Position 0")
	}
	s.charset, s.codec = name, c
}

func (s *stream) setMode(v goja.Value) {
	n, ok := toInt(v)
	if !ok || n < 0 {
		s.throw(hrInvalidArgument, msgInvalidArgument, "Mode must be a ConnectModeEnum value")
	}
	if s.open {
		s.throw(hrObjectOpen, msgObjectOpen, "Mode can be set only while the stream is closed")
	}
	s.mode = n
}

func (s *stream) setLineSeparator(v goja.Value) {
	n, ok := toInt(v)
	if !ok || (n != adCR && n != adLF && n != adCRLF) {
		s.throw(hrInvalidArgument, msgInvalidArgument, "LineSeparator must be -1 (CRLF), 10 (LF) or 13 (CR)")
	}
	s.linesep = n
}

func (s *stream) position() goja.Value {
	s.mustOpen("Position")
	return s.rt.ToValue(s.pos)
}

func (s *stream) setPosition(v goja.Value) {
	s.mustOpen("Position")
	n, ok := toInt(v)
	if !ok || n < 0 || n > int64(len(s.data)) {
		s.throw(hrInvalidArgument, msgInvalidArgument, "Position must be between 0 and Size ("+s.rt.ToValue(len(s.data)).String()+")")
	}
	s.pos = int(n)
}

func (s *stream) size() goja.Value {
	s.mustOpen("Size")
	return s.rt.ToValue(len(s.data))
}

func (s *stream) eos() goja.Value {
	s.mustOpen("EOS")
	return s.rt.ToValue(s.pos >= len(s.data))
}

// openStream is Open([Source], [Mode], [Options], [UserName], [Password]).
// Only an empty in-memory stream can be opened: a URL or Record source
// needs an OLE DB provider this host does not have.
func (s *stream) openStream(call goja.FunctionCall) goja.Value {
	if s.open {
		s.throw(hrObjectOpen, msgObjectOpen, "Open: the stream is already open")
	}
	if src := call.Argument(0); !goja.IsUndefined(src) && !goja.IsNull(src) && src.String() != "" {
		s.throw(hrNotSupported, msgNotSupported, "Open: opening a Source ("+src.String()+") is not supported; open an empty stream and use LoadFromFile")
	}
	if m := call.Argument(1); !goja.IsUndefined(m) {
		if n, ok := toInt(m); ok && n >= 0 {
			s.mode = n
		}
	}
	s.open = true
	s.data = nil
	s.pos = 0
	return nil
}

func (s *stream) close(goja.FunctionCall) goja.Value {
	s.mustOpen("Close")
	s.open = false
	s.data = nil
	s.pos = 0
	return nil
}

func (s *stream) flush(goja.FunctionCall) goja.Value {
	s.mustOpen("Flush")
	return nil
}

// put writes b at the position, overwriting and extending, as IStream.
// The buffer grows by at least half its size (as append does), so that a
// body written chunk by chunk costs a few copies rather than one per
// Write; the position never passes the end, so the bytes past the old end
// are all b's.
func (s *stream) put(b []byte) {
	end := s.pos + len(b)
	switch {
	case end > cap(s.data):
		grown := hugebuf.Make(end, max(end, cap(s.data)+cap(s.data)/2))
		copy(grown, s.data)
		s.data = grown
	case end > len(s.data):
		s.data = s.data[:end]
	}
	copy(s.data[s.pos:], b)
	s.pos = end
}

func (s *stream) setEOS(goja.FunctionCall) goja.Value {
	s.mustOpen("SetEOS")
	s.data = s.data[:s.pos]
	return nil
}
