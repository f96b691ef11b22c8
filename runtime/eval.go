package runtime

import (
	"sort"
	"strings"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/parser"
	"github.com/winhttpjs/winhttpjs/runtime/internal/jsrewrite"
)

// The wrapper that gives REPL input top-level await: the input becomes the
// body of an async function called with the global object, whose promise
// the REPL awaits. The parameter lets hoisted function declarations be
// copied to the global object even when a script shadows globalThis.
const (
	asyncHead     = "(async function (__winhttpjs_global) {\n"
	asyncTail     = "\n})"
	asyncCall     = "(this)"
	asyncGlobal   = "__winhttpjs_global"
	endOfInputMsg = "Unexpected end of input"
)

// compileInput compiles one REPL input as global code, so that `var` and
// `function` declarations persist as globals between inputs (WSH global
// semantics). The JScript call-assignment rewrite applies as for scripts.
// Input that only parses inside an async function (top-level await) is
// rewritten into one, with its declarations hoisted to the global scope.
// A lone `{ … }` is first tried as an object literal, as Node's REPL does.
func compileInput(name, src string) (*script, error) {
	trimmed := strings.TrimSpace(src)
	if strings.HasPrefix(trimmed, "{") && strings.HasSuffix(trimmed, "}") {
		if s, err := compileScript(name, "("+trimmed+")"); err == nil {
			return s, nil
		}
	}
	s, firstErr := compileScript(name, src)
	if firstErr == nil {
		return s, nil
	}
	if !strings.Contains(src, "await") {
		return nil, firstErr
	}
	for _, candidate := range []string{src, jsrewrite.Rewrite(src).Source} {
		gen, ok := asyncTransform(candidate)
		if !ok {
			continue
		}
		if s, err := compileScript(name, gen); err == nil {
			return s, nil
		}
	}
	return nil, firstErr
}

// Incomplete reports whether src is the start of a statement that more
// lines could finish: the parser ran out of input (an open brace, string
// template, comment or argument list), not into a wrong token. Input that
// is only valid with top-level await is judged inside the async wrapper.
func Incomplete(src string) bool {
	if strings.TrimSpace(src) == "" {
		return false
	}
	_, err := parser.ParseFile(nil, "", src, 0, parser.WithDisableSourceMaps)
	if err == nil {
		return false
	}
	if isEndOfInput(err, -1) {
		return true
	}
	if !strings.Contains(src, "await") {
		return false
	}
	wrapped := asyncHead + src + asyncTail
	_, err = parser.ParseFile(nil, "", wrapped, 0, parser.WithDisableSourceMaps)
	// An error on the wrapper's closing line means the input left
	// something open that the wrapper's "})" could not close.
	return err != nil && isEndOfInput(err, len(lineStarts(wrapped)))
}

// isEndOfInput reports whether a parse error is "Unexpected end of input",
// or (lastLine > 0) any error on that line.
func isEndOfInput(err error, lastLine int) bool {
	var first *parser.Error
	switch e := err.(type) {
	case parser.ErrorList:
		if len(e) == 0 {
			return false
		}
		first = e[0]
	case *parser.Error:
		first = e
	default:
		return false
	}
	return first.Message == endOfInputMsg || lastLine > 0 && first.Position.Line == lastLine
}

// edit replaces src[start:end] with text.
type edit struct {
	start, end int
	text       string
}

// asyncTransform turns src, which must parse as an async function body,
// into global code running that body: top-level var/let/const become
// global vars assigned in the body, function and class declarations are
// copied to the global object, and the last expression statement's value
// becomes the function's result. ok is false when src does not parse so.
func asyncTransform(src string) (string, bool) {
	wrapped := asyncHead + src + asyncTail
	prog, err := parser.ParseFile(nil, "", wrapped, 0, parser.WithDisableSourceMaps)
	if err != nil || len(prog.Body) != 1 {
		return "", false
	}
	es, ok := prog.Body[0].(*ast.ExpressionStatement)
	if !ok {
		return "", false
	}
	fn, ok := es.Expression.(*ast.FunctionLiteral)
	if !ok || fn.Body == nil {
		return "", false
	}
	// Offsets: parser indexes are 1-based.
	text := func(n ast.Node) string { return wrapped[int(n.Idx0())-1 : int(n.Idx1())-1] }
	var globals []string
	var edits []edit
	var copies strings.Builder
	body := fn.Body.List
	for i, st := range body {
		switch st := st.(type) {
		case *ast.VariableStatement:
			globals, edits = declToAssign(st, st.List, globals, edits, text)
		case *ast.LexicalDeclaration:
			globals, edits = declToAssign(st, st.List, globals, edits, text)
		case *ast.FunctionDeclaration:
			if st.Function.Name != nil {
				name := st.Function.Name.Name.String()
				globals = append(globals, name)
				copies.WriteString(asyncGlobal + "." + name + " = " + name + "; ")
			}
		case *ast.ClassDeclaration:
			if st.Class.Name != nil {
				name := st.Class.Name.Name.String()
				globals = append(globals, name)
				edits = append(edits, edit{int(st.Idx0()) - 1, int(st.Idx0()) - 1, name + " = "})
			}
		case *ast.ExpressionStatement:
			if i == len(body)-1 {
				edits = append(edits,
					edit{int(st.Expression.Idx0()) - 1, int(st.Expression.Idx0()) - 1, "return ("},
					edit{int(st.Expression.Idx1()) - 1, int(st.Expression.Idx1()) - 1, ")"})
			}
		}
	}
	// Function declarations are hoisted: copying them first makes them
	// global even if a later statement throws.
	edits = append([]edit{{len(asyncHead), len(asyncHead), copies.String()}}, edits...)
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	var b strings.Builder
	if len(globals) > 0 {
		b.WriteString("var " + strings.Join(globals, ", ") + "; ")
	}
	last := 0
	for _, e := range edits {
		if e.start < last || e.end < e.start || e.end > len(wrapped) {
			return "", false // overlapping edits: a case not handled
		}
		b.WriteString(wrapped[last:e.start])
		b.WriteString(e.text)
		last = e.end
	}
	b.WriteString(wrapped[last:])
	b.WriteString(asyncCall)
	return b.String(), true
}

// declToAssign replaces a declaration with assignments to globals. Plain
// names are hoisted as global vars; destructuring patterns assign to
// (sloppy-mode implicit) globals.
func declToAssign(st ast.Node, list []*ast.Binding, globals []string, edits []edit, text func(ast.Node) string) ([]string, []edit) {
	var parts []string
	for _, b := range list {
		if id, ok := b.Target.(*ast.Identifier); ok {
			globals = append(globals, id.Name.String())
		}
		if b.Initializer == nil {
			continue
		}
		parts = append(parts, "("+text(b.Target)+" = ("+text(b.Initializer)+"));")
	}
	return globals, append(edits, edit{int(st.Idx0()) - 1, int(st.Idx1()) - 1, strings.Join(parts, " ") + ";"})
}
