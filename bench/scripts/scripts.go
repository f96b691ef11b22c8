// Package scripts holds the workload scripts of the benchmark driver:
// winhttpjs/*.js run with `winhttpjs run`, node/*.js with node. Each takes
// the target's base URL and a count or size as arguments (and the file to
// save the body to, for download-adodb.js) and prints one line
//
//	BENCH requests=N bytes=B ms=T
//
// where T is the time its own loop took (start-up excluded), or
// "BENCH unavailable=REASON" when the workload cannot run yet. A script
// exits non-zero when a response is not the expected one.
package scripts

import "embed"

// FS holds winhttpjs/*.js and node/*.js.
//
//go:embed winhttpjs/*.js node/*.js
var FS embed.FS
