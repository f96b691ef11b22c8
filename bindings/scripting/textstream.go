package scripting

import (
	"bufio"
	"errors"
	"io"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/bindings/comarg"
	"github.com/winhttpjs/winhttpjs/internal/hugebuf"
)

// StreamConfig describes a TextStream's two sides. Text crosses both as
// UTF-8; the charset of a file is applied by the reader and writer given.
type StreamConfig struct {
	// Name labels the stream in errors and inspection.
	Name string
	// Reader, when set, makes the stream readable.
	Reader io.Reader
	// Writer, when set, makes the stream writable.
	Writer io.Writer
	// Closer is closed by Close (the file, or the pipe).
	Closer io.Closer
	// NewLine ends WriteLine's lines; empty means CRLF, as on Windows.
	NewLine string
	// SizeHint is how many bytes of text the Reader is expected to give
	// (a file's size), 0 when unknown: ReadAll reads into a buffer that
	// size rather than growing one.
	SizeHint int64
}

// textStream is a TextStream: a file opened by OpenTextFile or
// CreateTextFile, or a program's standard stream (WScript.Shell.Exec).
type textStream struct {
	rt     *goja.Runtime
	cfg    StreamConfig
	r      *bufio.Reader
	line   int
	column int
	closed bool
}

// NewTextStream returns a TextStream object over cfg.
func NewTextStream(rt *goja.Runtime, cfg StreamConfig) *goja.Object {
	if cfg.NewLine == "" {
		cfg.NewLine = "\r\n"
	}
	t := &textStream{rt: rt, cfg: cfg, line: 1, column: 1}
	if cfg.Reader != nil {
		t.r = bufio.NewReader(cfg.Reader)
	}
	return com.NewObject(rt, []com.Member{
		{Name: "Read", Method: t.read},
		{Name: "ReadLine", Method: t.readLine},
		{Name: "ReadAll", Method: t.readAll},
		{Name: "Skip", Method: t.skip},
		{Name: "SkipLine", Method: t.skipLine},
		{Name: "AtEndOfStream", Get: t.atEndOfStream},
		{Name: "AtEndOfLine", Get: t.atEndOfLine},
		{Name: "Line", Get: func() goja.Value { return rt.ToValue(t.line) }},
		{Name: "Column", Get: func() goja.Value { return rt.ToValue(t.column) }},
		{Name: "Write", Method: t.write},
		{Name: "WriteLine", Method: t.writeLine},
		{Name: "WriteBlankLines", Method: t.writeBlankLines},
		{Name: "Close", Method: t.close},
	}, com.ObjectOptions{
		Source:  "Scripting.TextStream",
		Inspect: func() string { return "TextStream (" + cfg.Name + ")" },
	})
}

func (t *textStream) readable(member string) {
	if t.closed {
		throw(t.rt, hrBadFileMode, msgBadFileMode, member+": "+t.cfg.Name+" is closed")
	}
	if t.r == nil {
		throw(t.rt, hrBadFileMode, msgBadFileMode, member+": "+t.cfg.Name+" was opened for writing")
	}
}

func (t *textStream) writable(member string) {
	if t.closed {
		throw(t.rt, hrBadFileMode, msgBadFileMode, member+": "+t.cfg.Name+" is closed")
	}
	if t.cfg.Writer == nil {
		throw(t.rt, hrBadFileMode, msgBadFileMode, member+": "+t.cfg.Name+" was opened for reading")
	}
}

// next reads one character, keeping Line and Column.
func (t *textStream) next() (rune, bool) {
	r, _, err := t.r.ReadRune()
	if err != nil {
		if !errors.Is(err, io.EOF) {
			throw(t.rt, hrPathFileError, msgPathFileError, "reading "+t.cfg.Name+": "+err.Error())
		}
		return 0, false
	}
	t.advance(r)
	return r, true
}

func (t *textStream) advance(r rune) {
	if r == '\n' {
		t.line++
		t.column = 1
	} else {
		t.column++
	}
}

// advanceText is advance for each character of s.
func (t *textStream) advanceText(s string) {
	lines := strings.Count(s, "\n")
	if lines == 0 {
		t.column += utf8.RuneCountInString(s)
		return
	}
	t.line += lines
	t.column = 1 + utf8.RuneCountInString(s[strings.LastIndexByte(s, '\n')+1:])
}

func (t *textStream) atEOF() bool {
	_, err := t.r.Peek(1)
	return err != nil
}

func (t *textStream) pastEnd(member string) {
	throw(t.rt, hrPastEOF, msgPastEOF, member+": the end of "+t.cfg.Name+" was reached")
}

func (t *textStream) count(call goja.FunctionCall, member string) int64 {
	n := comarg.New(t.rt, call, "Scripting.TextStream", member).Int(0, "Characters")
	if n < 0 {
		throw(t.rt, hrInvalidCall, msgInvalidCall, member+": the count must not be negative")
	}
	return n
}

// read is Read(Characters).
func (t *textStream) read(call goja.FunctionCall) goja.Value {
	n := t.count(call, "Read")
	t.readable("Read")
	if n > 0 && t.atEOF() {
		t.pastEnd("Read")
	}
	var sb strings.Builder
	for i := int64(0); i < n; i++ {
		r, ok := t.next()
		if !ok {
			break
		}
		sb.WriteRune(r)
	}
	return t.rt.ToValue(sb.String())
}

// readLine is ReadLine(): the characters up to a line feed (a carriage
// return before it is dropped too).
func (t *textStream) readLine(goja.FunctionCall) goja.Value {
	t.readable("ReadLine")
	if t.atEOF() {
		t.pastEnd("ReadLine")
	}
	var sb strings.Builder
	for {
		r, ok := t.next()
		if !ok || r == '\n' {
			break
		}
		sb.WriteRune(r)
	}
	return t.rt.ToValue(strings.TrimSuffix(sb.String(), "\r"))
}

// readAll is ReadAll(): the rest. Like Windows, it fails on an empty rest.
func (t *textStream) readAll(goja.FunctionCall) goja.Value {
	t.readable("ReadAll")
	if t.atEOF() {
		t.pastEnd("ReadAll")
	}
	b, err := hugebuf.ReadAll(t.r, t.cfg.SizeHint)
	if err != nil {
		throw(t.rt, hrPathFileError, msgPathFileError, "reading "+t.cfg.Name+": "+err.Error())
	}
	text := validText(b)
	t.advanceText(text)
	return t.rt.ToValue(text)
}

// validText is b as text, each byte that is not UTF-8 read as U+FFFD, as
// reading it rune by rune (bufio.Reader.ReadRune) gives. Valid text (all
// a decoder gives) is not copied: b is the caller's to give away.
func validText(b []byte) string {
	if utf8.Valid(b) {
		return unsafe.String(unsafe.SliceData(b), len(b))
	}
	var sb strings.Builder
	sb.Grow(len(b))
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		sb.WriteRune(r)
		b = b[size:]
	}
	return sb.String()
}

func (t *textStream) skip(call goja.FunctionCall) goja.Value {
	n := t.count(call, "Skip")
	t.readable("Skip")
	if n > 0 && t.atEOF() {
		t.pastEnd("Skip")
	}
	for i := int64(0); i < n; i++ {
		if _, ok := t.next(); !ok {
			break
		}
	}
	return nil
}

func (t *textStream) skipLine(goja.FunctionCall) goja.Value {
	t.readable("SkipLine")
	if t.atEOF() {
		t.pastEnd("SkipLine")
	}
	for {
		r, ok := t.next()
		if !ok || r == '\n' {
			break
		}
	}
	return nil
}

func (t *textStream) atEndOfStream() goja.Value {
	t.readable("AtEndOfStream")
	return t.rt.ToValue(t.atEOF())
}

func (t *textStream) atEndOfLine() goja.Value {
	t.readable("AtEndOfLine")
	b, err := t.r.Peek(1)
	if err != nil {
		return t.rt.ToValue(true)
	}
	if b[0] == '\n' {
		return t.rt.ToValue(true)
	}
	if b[0] == '\r' {
		b2, err := t.r.Peek(2)
		return t.rt.ToValue(err != nil || b2[1] == '\n')
	}
	return t.rt.ToValue(false)
}

func (t *textStream) put(member, s string) {
	t.writable(member)
	if _, err := io.WriteString(t.cfg.Writer, s); err != nil {
		throw(t.rt, hrPathFileError, msgPathFileError, member+": writing "+t.cfg.Name+": "+err.Error())
	}
	t.advanceText(s)
}

func (t *textStream) write(call goja.FunctionCall) goja.Value {
	s := comarg.Text(comarg.New(t.rt, call, "Scripting.TextStream", "Write").Value(0, "Text"))
	t.put("Write", s)
	return nil
}

func (t *textStream) writeLine(call goja.FunctionCall) goja.Value {
	t.put("WriteLine", comarg.Text(call.Argument(0))+t.cfg.NewLine)
	return nil
}

func (t *textStream) writeBlankLines(call goja.FunctionCall) goja.Value {
	n := comarg.New(t.rt, call, "Scripting.TextStream", "WriteBlankLines").Int(0, "Lines")
	if n < 0 || n > 1<<20 {
		throw(t.rt, hrInvalidCall, msgInvalidCall, "WriteBlankLines: the count must be between 0 and 1048576")
	}
	t.put("WriteBlankLines", strings.Repeat(t.cfg.NewLine, int(n)))
	return nil
}

// close closes the stream; closing twice is harmless, as on Windows.
func (t *textStream) close(goja.FunctionCall) goja.Value {
	if t.closed {
		return nil
	}
	t.closed = true
	if t.cfg.Closer != nil {
		if err := t.cfg.Closer.Close(); err != nil {
			throw(t.rt, hrPathFileError, msgPathFileError, "closing "+t.cfg.Name+": "+err.Error())
		}
	}
	return nil
}
