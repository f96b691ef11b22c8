package runtime

import (
	"errors"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/dop251/goja"
	"github.com/dop251/goja/parser"
	"github.com/winhttpjs/winhttpjs/runtime/internal/jsrewrite"
)

// script is a compiled user script together with what is needed to report
// positions in the user's own text.
type script struct {
	name string // the name used in reports and stack frames
	src  string // the user's source, decoded
	gen  string // the source actually compiled (src, or src rewritten)
	pmap *jsrewrite.PosMap
	prog *goja.Program

	srcLines, genLines []int // offsets of line starts
}

// compileScript parses src as global (non-strict) code. Only when it does
// not parse is the JScript call-assignment rewrite tried; if the rewritten
// text does not parse either, the syntax error of the original is reported.
func compileScript(name, src string) (*script, error) {
	s := &script{name: name, src: src, gen: src, pmap: &jsrewrite.PosMap{}}
	ast, err := parser.ParseFile(nil, name, src, 0, parser.WithDisableSourceMaps)
	if err != nil {
		r := jsrewrite.Rewrite(src)
		if r.Count == 0 {
			return nil, s.syntaxError(err)
		}
		ast2, err2 := parser.ParseFile(nil, name, r.Source, 0, parser.WithDisableSourceMaps)
		if err2 != nil {
			return nil, s.syntaxError(err)
		}
		ast, s.gen, s.pmap = ast2, r.Source, r.Map
	}
	prog, err := goja.CompileAST(ast, false)
	if err != nil {
		return nil, s.compileError(err)
	}
	s.prog = prog
	return s, nil
}

// syntaxError converts a parser error of the original source.
func (s *script) syntaxError(err error) *ScriptError {
	se := &ScriptError{File: s.name, Name: "SyntaxError", Message: err.Error()}
	var list parser.ErrorList
	var one *parser.Error
	switch {
	case errors.As(err, &list) && len(list) > 0:
		one = list[0]
	case errors.As(err, &one):
	}
	if one != nil {
		se.Message = one.Message
		se.Line, se.Column = s.srcLineCol(s.srcOffset(one.Position.Line, one.Position.Column))
		se.SourceLine = s.sourceLine(se.Line)
	}
	return se
}

// compileError converts an error of goja's compiler (early errors the
// parser does not catch), whose offset is in the compiled source.
func (s *script) compileError(err error) *ScriptError {
	se := &ScriptError{File: s.name, Name: "SyntaxError", Message: err.Error()}
	var ce *goja.CompilerSyntaxError
	var re *goja.CompilerReferenceError
	var c *goja.CompilerError
	switch {
	case errors.As(err, &ce):
		c = &ce.CompilerError
	case errors.As(err, &re):
		se.Name = "ReferenceError"
		c = &re.CompilerError
	}
	if c != nil {
		se.Message = c.Message
		if c.File != nil {
			p := c.File.Position(c.Offset)
			se.Line, se.Column = s.originalPos(p.Line, p.Column)
			se.SourceLine = s.sourceLine(se.Line)
		}
	}
	return se
}

// originalPos maps a 1-based line and byte column of the compiled source to
// the 1-based line and character column of the user's source.
func (s *script) originalPos(line, col int) (int, int) {
	if s.genLines == nil {
		s.genLines = lineStarts(s.gen)
	}
	if line < 1 || line > len(s.genLines) {
		return line, col
	}
	off := s.genLines[line-1] + col - 1
	return s.srcLineCol(s.pmap.Original(off))
}

// srcOffset returns the byte offset of a 1-based line and byte column of
// the user's source.
func (s *script) srcOffset(line, col int) int {
	if s.srcLines == nil {
		s.srcLines = lineStarts(s.src)
	}
	if line < 1 || line > len(s.srcLines) {
		return len(s.src)
	}
	off := s.srcLines[line-1] + col - 1
	if off > len(s.src) {
		off = len(s.src)
	}
	return off
}

// srcLineCol returns the 1-based line and character (not byte) column of a
// byte offset of the user's source.
func (s *script) srcLineCol(off int) (int, int) {
	if s.srcLines == nil {
		s.srcLines = lineStarts(s.src)
	}
	if off > len(s.src) {
		off = len(s.src)
	}
	if off < 0 {
		off = 0
	}
	i := sort.Search(len(s.srcLines), func(i int) bool { return s.srcLines[i] > off }) - 1
	start := s.srcLines[i]
	return i + 1, utf8.RuneCountInString(s.src[start:off]) + 1
}

// sourceLine returns the text of a 1-based line of the user's source.
func (s *script) sourceLine(line int) string {
	if s.srcLines == nil {
		s.srcLines = lineStarts(s.src)
	}
	if line < 1 || line > len(s.srcLines) {
		return ""
	}
	text := s.src[s.srcLines[line-1]:]
	if i := strings.IndexAny(text, "\r\n"); i >= 0 {
		text = text[:i]
	}
	return text
}

// lineStarts returns the offsets at which lines start, with the line
// terminators goja counts (\n, \r\n, \r, U+2028, U+2029).
func lineStarts(src string) []int {
	starts := []int{0}
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			starts = append(starts, i+1)
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			starts = append(starts, i+1)
		case 0xE2:
			if strings.HasPrefix(src[i:], "\u2028") || strings.HasPrefix(src[i:], "\u2029") {
				starts = append(starts, i+3)
				i += 2
			}
		}
	}
	return starts
}
