//go:build js && wasm

package winhttpapi

import (
	"context"
	"net/http"

	"github.com/coder/websocket"
)

// webSocketDialer returns the handshake of a request. In a browser the
// page's WebSocket makes it: it chooses the headers itself and knows
// nothing of proxies or certificate flags, so hdr is not sent.
func (r *requestData) webSocketDialer(*module, http.Header) func(ctx context.Context, url string) (*websocket.Conn, *http.Response, error) {
	return func(ctx context.Context, url string) (*websocket.Conn, *http.Response, error) {
		return websocket.Dial(ctx, url, nil)
	}
}
