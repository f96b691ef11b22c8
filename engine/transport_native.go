//go:build !(js && wasm)

package engine

import "net/http"

// adaptTransport adapts each transport the pool makes to the platform.
// Natively the transport dials with the engine's own dialers as it is;
// the js/wasm build (transport_js.go) routes requests through fetch.
func adaptTransport(*http.Transport) {}

// browserState is what a session keeps for the browser's fetch; natively
// there is nothing to keep.
type browserState struct{}

// nativeSockets is set where the engine opens its own connections (and so
// runs its own HTTP/1.1 transport, h1Transport).
const nativeSockets = true
