// Package jsrewrite turns the one piece of JScript syntax that ECMAScript
// parsers reject but WSH scripts use all the time — assignment to a call
// expression, `req.Option(4) = 13056;` (a COM parameterized property put) —
// into ordinary JavaScript, and maps positions in the rewritten source back
// to the user's source so that error reports point at what the user wrote.
//
// The rewrite only inserts text (never deletes, never adds line breaks), so
// line numbers are unchanged and columns move only on rewritten lines.
package jsrewrite
