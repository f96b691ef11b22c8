// Package web is the browser playground of winhttpjs: the page and the
// runtime compiled to WebAssembly, built into dist/ by ./build (see
// the README) and embedded here, so the winhttpjs binary serves
// them itself (winhttpjs web).
package web

import (
	"embed"
	"io/fs"
)

//go:generate go run ./build

//go:embed dist
var dist embed.FS

// Assets returns the built playground: index.html, app.js, app.css,
// wasm_exec.js and winhttpjs.wasm.gz.
func Assets() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // "dist" is a valid path: cannot happen
	}
	return sub
}
