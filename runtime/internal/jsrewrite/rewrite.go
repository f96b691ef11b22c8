package jsrewrite

import "strings"

// Marker is the name of the global sentinel passed as the last argument of
// a parameterized property being assigned. It must equal com.PutMarker; the
// runtime package checks that in a test (this package stays free of the
// bindings so it can be tested alone).
const Marker = "__winhttpjs_propput__"

// notCallKeyword reports whether a keyword may stand right before `(`
// without the parenthesis being a call: `if (a) = …` is not a property put.
func notCallKeyword(name string) bool {
	switch name {
	case "if", "while", "for", "switch", "catch", "with", "function", "return",
		"typeof", "void", "delete", "in", "of", "instanceof", "case", "do",
		"else", "throw", "yield", "await", "new", "var", "let", "const":
		return true
	}
	return false
}

// Result is a rewritten source and the map back to the original.
type Result struct {
	// Source is the rewritten source text.
	Source string
	// Map converts positions in Source back to the original source.
	Map *PosMap
	// Count is the number of assignments rewritten.
	Count int
}

// Rewrite turns every `CALLEE(args) = value` into
// `CALLEE(args, __winhttpjs_propput__).value = value`. Compound assignments
// (`+=` …) and calls that are not assignment targets are left alone, as is
// everything inside strings, template literals, comments and regular
// expressions.
func Rewrite(src string) Result {
	toks := tokenize(src)
	var ins []insertion
	for i, tok := range toks {
		if tok.kind != kindPunct || tok.text != "=" {
			continue
		}
		closeIdx := prevSignificant(toks, i)
		if closeIdx < 0 || toks[closeIdx].text != ")" || toks[closeIdx].kind != kindPunct {
			continue
		}
		openIdx := toks[closeIdx].match
		if openIdx < 0 || !isCallee(toks, openIdx) {
			continue
		}
		text := ", " + Marker
		if last := prevSignificant(toks, closeIdx); last == openIdx || toks[last].text == "," && toks[last].kind == kindPunct {
			// No arguments, or a trailing comma: no separator needed.
			text = Marker
		}
		closeAt := toks[closeIdx].start
		ins = append(ins, insertion{at: closeAt, text: text}, insertion{at: closeAt + 1, text: ".value"})
	}
	if len(ins) == 0 {
		return Result{Source: src, Map: &PosMap{}}
	}
	var b strings.Builder
	b.Grow(len(src) + len(ins)*len(Marker))
	last := 0
	for _, in := range ins {
		b.WriteString(src[last:in.at])
		b.WriteString(in.text)
		last = in.at
	}
	b.WriteString(src[last:])
	return Result{Source: b.String(), Map: newPosMap(ins), Count: len(ins) / 2}
}

// prevSignificant returns the index of the last non-comment token before i,
// or -1.
func prevSignificant(toks []token, i int) int {
	for j := i - 1; j >= 0; j-- {
		if toks[j].kind != kindComment {
			return j
		}
	}
	return -1
}

// isCallee reports whether the `(` at openIdx opens the arguments of a call:
// it follows a name (other than a statement keyword, unless the keyword is a
// property name after a dot), a closing bracket, or a template.
func isCallee(toks []token, openIdx int) bool {
	p := prevSignificant(toks, openIdx)
	if p < 0 {
		return false
	}
	switch toks[p].kind {
	case kindName:
		if !notCallKeyword(toks[p].text) {
			return true
		}
		q := prevSignificant(toks, p)
		return q >= 0 && toks[q].kind == kindPunct && (toks[q].text == "." || toks[q].text == "?.")
	case kindPunct:
		return toks[p].text == ")" || toks[p].text == "]"
	case kindTemplate:
		return true
	}
	return false
}
