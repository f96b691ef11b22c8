// Package winhttpapi is the `winhttp` JavaScript module: the flat WinHTTP
// C API (WinHttpOpen, WinHttpConnect, WinHttpOpenRequest, …) for scripts,
// on top of the Go engine. Functions keep their C names and parameter
// order; C conventions map plainly onto JS: handles are objects, failures
// return null or false and set the value read by GetLastError(),
// out-parameters become return values, and length parameters a JS string
// or Uint8Array already carries are dropped. See the README.
package winhttpapi
