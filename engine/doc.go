// Package engine is the HTTP engine of winhttpjs, built on WinHTTP's model:
// a Session (user agent, proxy configuration, cookie store, connection pool)
// opens Requests; a Request carries its options (timeouts, redirect policy,
// TLS policy, credentials, proxy) and is sent with Send, which answers
// authentication challenges, follows redirects and reports progress through
// status notifications. Every failure is an *Error carrying the WinHTTP error
// code (12xxx) a Windows caller would see.
//
// On the wire the engine behaves like WinHTTP rather than like Go's
// defaults: no Accept-Encoding is added and bodies are never decompressed,
// request header names are sent as written, and Content-Length is added as
// WinHTTP adds it.
//
// Like WinHTTP's own stack, the engine drives an HTTP/1.1 exchange from the
// goroutine that sends it: the request is written and the answer read on
// one pooled keep-alive connection, with no goroutine hand-offs (Go's
// transport, which runs two goroutines per connection, carries HTTP/2
// only, and every request in the browser build). A pooled connection the
// server has closed is noticed before it is reused.
//
// The package imports no JavaScript engine: Go programs can use it directly.
package engine
