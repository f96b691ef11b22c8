package winhttpapi

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"

	"github.com/winhttpjs/winhttpjs/engine"
)

// startUpgrade runs the WebSocket handshake of a request with
// WINHTTP_OPTION_UPGRADE_TO_WEB_SOCKET: coder/websocket dials and checks
// the 101 answer; the module then presents that answer as the request's
// response, so WinHttpReceiveResponse and WinHttpQueryHeaders work as for
// any request, and WinHttpWebSocketCompleteUpgrade takes the connection.
func (r *requestData) startUpgrade(m *module, ctx context.Context, prog *progress) {
	eng := r.eng
	u := *eng.URL
	hdr := http.Header{}
	for _, f := range eng.Header.Fields() {
		switch strings.ToLower(f.Name) {
		case "connection", "upgrade", "sec-websocket-key", "sec-websocket-version", "content-length", "transfer-encoding":
			continue
		}
		hdr.Add(f.Name, f.Value)
	}
	if ua := r.h.set.userAgent; ua != nil && *ua != "" {
		hdr.Set("User-Agent", *ua)
	}
	dial := r.webSocketDialer(m, hdr)
	go func() {
		prog.push(engine.Notification{Status: engine.StatusSendingRequest})
		conn, resp, err := dial(ctx, u.String())
		if resp == nil {
			prog.finish(nil, upgradeErr(ctx, err))
			return
		}
		prog.push(engine.Notification{Status: engine.StatusRequestSent, Info: 0})
		prog.push(engine.Notification{Status: engine.StatusReceivingResponse})
		prog.push(engine.Notification{Status: engine.StatusResponseReceived, Info: 0})
		out := &engine.Response{StatusCode: resp.StatusCode, StatusText: reason(resp),
			Proto: resp.Proto, URL: &u, ContentLength: -1, Body: http.NoBody}
		if resp.Body != nil {
			out.Body = resp.Body // the start of a refusal's body, as coder/websocket kept it
		}
		if out.Proto == "" {
			out.Proto = "HTTP/1.1"
		}
		names := make([]string, 0, len(resp.Header))
		for k := range resp.Header {
			names = append(names, k)
		}
		slices.Sort(names)
		for _, k := range names {
			for _, v := range resp.Header[k] {
				out.Header.Add(k, v)
			}
		}
		prog.finishUpgrade(out, conn) // conn is nil when the server refused
	}()
}

// upgradeErr gives a failed handshake a WinHTTP code.
func upgradeErr(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return &engine.Error{Code: engine.ErrOperationCancelled, Op: "websocket", Err: err}
	}
	var dnsErr *net.DNSError
	var opErr *net.OpError
	switch {
	case errors.As(err, &dnsErr):
		return &engine.Error{Code: engine.ErrNameNotResolved, Op: "websocket", Err: err}
	case errors.As(err, &opErr) && opErr.Op == "dial":
		return &engine.Error{Code: engine.ErrCannotConnect, Op: "websocket", Err: err}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return &engine.Error{Code: engine.ErrConnectionError, Op: "websocket", Err: err}
	}
	return &engine.Error{Code: engine.ErrCannotConnect, Op: "websocket", Err: err}
}

// reason is the reason phrase of Go's "101 Switching Protocols" Status.
func reason(resp *http.Response) string {
	_, after, _ := strings.Cut(resp.Status, " ")
	return after
}
