// Package scripts holds the JavaScript that ships inside the winhttpjs
// binary, embedded at build time.
package scripts

import _ "embed"

//go:embed prelude.js
var prelude string

// PreludeName is the file name the prelude runs under (it shows in stack
// traces of errors raised inside it).
const PreludeName = "winhttpjs:prelude.js"

// Prelude returns the source of the JScript host prelude: JScript globals
// that are simplest to write in JavaScript (none at present: Enumerator
// and VBArray moved to bindings/vbarray). It runs once in
// every runtime before the user's script, as non-strict global code that
// defines its globals as non-enumerable properties.
func Prelude() string { return prelude }
