package jsrewrite

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// kind classifies a token. Only the distinctions the rewrite needs are kept.
type kind int

const (
	kindPunct    kind = iota // operators and brackets
	kindName                 // identifiers and keywords
	kindNumber               // numeric literals
	kindString               // '…' and "…"
	kindTemplate             // a piece of a template literal
	kindRegex                // /…/flags
	kindComment              // // and /* */ (and HTML-like comments)
)

// token is one significant token; whitespace is not kept.
type token struct {
	kind       kind
	start, end int    // byte offsets into the source
	text       string // the source text of punctuators and names
	match      int    // for ( and ): index of the matching paren, or -1
}

// isPunctuator reports whether s is an ECMAScript punctuator.
func isPunctuator(s string) bool {
	switch s {
	case ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??=",
		"=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=",
		"*=", "/=", "%=", "&=", "|=", "^=", "<<", ">>", "**",
		"{", "}", "(", ")", "[", "]", ";", ",", "<", ">", "+", "-", "*", "/", "%",
		"&", "|", "^", "!", "~", "?", ":", "=", ".", "@", "#":
		return true
	}
	return false
}

// regexAfterName reports whether, after the keyword name, a slash starts a
// regular expression rather than a division.
func regexAfterName(name string) bool {
	switch name {
	case "return", "typeof", "instanceof", "in", "of", "new", "delete", "void",
		"throw", "case", "do", "else", "yield", "await":
		return true
	}
	return false
}

// tokenize splits src into tokens. It never fails: text it cannot
// classify becomes a one-character punctuator, and unterminated literals
// run to the end of the source (the parser reports those errors).
func tokenize(src string) []token {
	t := &tokenizer{src: src}
	t.run()
	return t.toks
}

type tokenizer struct {
	src    string
	pos    int
	toks   []token
	parens []int // indices of open parens
	// braces holds, for each open template substitution `${`, the brace
	// depth at which it was opened; a `}` at that depth resumes the template.
	braces []int
	depth  int
}

func (t *tokenizer) emit(k kind, start int) {
	tok := token{kind: k, start: start, end: t.pos, match: -1}
	if k == kindPunct || k == kindName {
		tok.text = t.src[start:t.pos]
	}
	t.toks = append(t.toks, tok)
}

// prevSignificant returns the last token that is not a comment, or nil.
func (t *tokenizer) prevSignificant() *token {
	for i := len(t.toks) - 1; i >= 0; i-- {
		if t.toks[i].kind != kindComment {
			return &t.toks[i]
		}
	}
	return nil
}

// slashStartsRegex decides regex vs division from the previous token.
func (t *tokenizer) slashStartsRegex() bool {
	p := t.prevSignificant()
	if p == nil {
		return true
	}
	switch p.kind {
	case kindNumber, kindString, kindTemplate, kindRegex:
		return false
	case kindName:
		return regexAfterName(p.text)
	}
	switch p.text {
	case ")", "]", "++", "--":
		return false
	case "}":
		// After a block a regex may start a statement; after an object
		// literal a division is possible but rare in practice.
		return true
	}
	return true
}

func (t *tokenizer) run() {
	src := t.src
	for t.pos < len(src) {
		c := src[t.pos]
		start := t.pos
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			t.pos++
		case c == '/' && strings.HasPrefix(src[t.pos:], "//"):
			t.skipLine()
			t.emit(kindComment, start)
		case c == '/' && strings.HasPrefix(src[t.pos:], "/*"):
			if end := strings.Index(src[t.pos+2:], "*/"); end >= 0 {
				t.pos += 2 + end + 2
			} else {
				t.pos = len(src)
			}
			t.emit(kindComment, start)
		case c == '<' && strings.HasPrefix(src[t.pos:], "<!--"):
			t.skipLine()
			t.emit(kindComment, start)
		case c == '#' && t.pos == 0 && strings.HasPrefix(src, "#!"):
			t.skipLine()
			t.emit(kindComment, start)
		case c == '\'' || c == '"':
			t.skipString(c)
			t.emit(kindString, start)
		case c == '`':
			t.pos++
			t.skipTemplate(start)
		case c == '/' && t.slashStartsRegex():
			t.skipRegex()
			t.emit(kindRegex, start)
		case c >= '0' && c <= '9' || c == '.' && t.pos+1 < len(src) && src[t.pos+1] >= '0' && src[t.pos+1] <= '9':
			t.skipNumber()
			t.emit(kindNumber, start)
		case isNameStart(src, t.pos):
			t.skipName()
			t.emit(kindName, start)
		case c == '}' && len(t.braces) > 0 && t.braces[len(t.braces)-1] == t.depth:
			// End of a template substitution: the template continues.
			t.braces = t.braces[:len(t.braces)-1]
			t.pos++
			t.skipTemplate(start)
		default:
			t.punct()
		}
	}
}

func (t *tokenizer) skipLine() {
	for t.pos < len(t.src) && t.src[t.pos] != '\n' && t.src[t.pos] != '\r' {
		t.pos++
	}
}

func (t *tokenizer) skipString(quote byte) {
	t.pos++
	for t.pos < len(t.src) {
		switch t.src[t.pos] {
		case '\\':
			t.pos += 2
			continue
		case quote:
			t.pos++
			return
		case '\n':
			return // unterminated; let the parser say so
		}
		t.pos++
	}
	if t.pos > len(t.src) {
		t.pos = len(t.src)
	}
}

// skipTemplate scans template characters after a backtick or after the
// `}` closing a substitution, up to the closing backtick or the next `${`.
func (t *tokenizer) skipTemplate(start int) {
	for t.pos < len(t.src) {
		switch t.src[t.pos] {
		case '\\':
			t.pos += 2
			continue
		case '`':
			t.pos++
			t.emit(kindTemplate, start)
			return
		case '$':
			if t.pos+1 < len(t.src) && t.src[t.pos+1] == '{' {
				t.pos += 2
				t.emit(kindTemplate, start)
				t.braces = append(t.braces, t.depth)
				return
			}
		}
		t.pos++
	}
	t.pos = len(t.src)
	t.emit(kindTemplate, start)
}

func (t *tokenizer) skipRegex() {
	t.pos++ // the opening slash
	inClass := false
	for t.pos < len(t.src) {
		c := t.src[t.pos]
		switch {
		case c == '\\':
			t.pos += 2
			continue
		case c == '\n' || c == '\r':
			return // unterminated
		case c == '[':
			inClass = true
		case c == ']':
			inClass = false
		case c == '/' && !inClass:
			t.pos++
			for t.pos < len(t.src) && isNamePart(t.src, t.pos) {
				_, n := utf8.DecodeRuneInString(t.src[t.pos:])
				t.pos += n
			}
			return
		}
		t.pos++
	}
	if t.pos > len(t.src) {
		t.pos = len(t.src)
	}
}

func (t *tokenizer) skipNumber() {
	for t.pos < len(t.src) {
		c := t.src[t.pos]
		switch {
		case c >= '0' && c <= '9', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_', c == '.':
			t.pos++
		case (c == '+' || c == '-') && (t.src[t.pos-1] == 'e' || t.src[t.pos-1] == 'E') &&
			!strings.HasPrefix(strings.ToLower(t.src[:t.pos]), "0x"):
			t.pos++
		default:
			return
		}
	}
}

func (t *tokenizer) skipName() {
	for t.pos < len(t.src) && isNamePart(t.src, t.pos) {
		if t.src[t.pos] == '\\' { // \uXXXX escape in an identifier
			t.pos += 2
			continue
		}
		_, n := utf8.DecodeRuneInString(t.src[t.pos:])
		t.pos += n
	}
	if t.pos > len(t.src) {
		t.pos = len(t.src)
	}
}

func (t *tokenizer) punct() {
	start := t.pos
	rest := t.src[t.pos:]
	// The longest punctuator wins, so that `===` is never read as `=` `==`.
	p := rest[:1]
	for n := min(4, len(rest)); n > 1; n-- {
		if isPunctuator(rest[:n]) {
			p = rest[:n]
			break
		}
	}
	// `?.` followed by a digit is a conditional operator and a number.
	if p == "?." && len(rest) > 2 && rest[2] >= '0' && rest[2] <= '9' {
		p = "?"
	}
	if p == rest[:1] && rest[0] >= utf8.RuneSelf {
		_, n := utf8.DecodeRuneInString(rest)
		p = rest[:n]
	}
	t.pos += len(p)
	t.emit(kindPunct, start)
	idx := len(t.toks) - 1
	switch p {
	case "(":
		t.parens = append(t.parens, idx)
	case ")":
		if n := len(t.parens); n > 0 {
			open := t.parens[n-1]
			t.parens = t.parens[:n-1]
			t.toks[open].match = idx
			t.toks[idx].match = open
		}
	case "{":
		t.depth++
	case "}":
		t.depth--
	}
}

func isNameStart(src string, i int) bool {
	c := src[i]
	if c == '$' || c == '_' || c == '\\' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
		return true
	}
	if c < utf8.RuneSelf {
		return false
	}
	r, _ := utf8.DecodeRuneInString(src[i:])
	return unicode.IsLetter(r) || unicode.Is(unicode.Nl, r)
}

func isNamePart(src string, i int) bool {
	c := src[i]
	if c >= '0' && c <= '9' {
		return true
	}
	if isNameStart(src, i) {
		return true
	}
	if c < utf8.RuneSelf {
		return false
	}
	r, _ := utf8.DecodeRuneInString(src[i:])
	return unicode.In(r, unicode.Mn, unicode.Mc, unicode.Nd, unicode.Pc) || r == '\u200c' || r == '\u200d'
}
