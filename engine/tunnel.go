package engine

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// maxConnectBody is how much of a refused CONNECT's body is kept for the
// caller (WinHTTP's MAX_RESPONSE_DRAIN_SIZE default).
const maxConnectBody = 1 << 20

// openTunnel connects to h's proxy and asks it, with CONNECT, for a
// tunnel to target ("host:port"). A 407 is answered with the request's
// proxy credentials by any scheme the handshake supports, on the same
// connection when the proxy keeps it open. Any other refusal ends the
// dial with errConnectRefused, the proxy's answer kept in h for Send to
// return as the response, as WinHTTP returns it.
func openTunnel(ctx context.Context, h *hop, target string) (*timedConn, error) {
	if h.proxy.Scheme != "http" {
		return nil, &Error{Code: ErrInvalidParameter, Op: "proxy", URL: h.url.String(),
			Err: fmt.Errorf("proxy %s: only http proxies can tunnel https", h.proxy)}
	}
	port := h.proxy.Port()
	if port == "" {
		port = "80"
	}
	proxyAddr := net.JoinHostPort(h.proxy.Hostname(), port)
	var hs authHandshake
	authz := ""
	rounds := 0
	for {
		conn, err := dialTCP(ctx, h, proxyAddr)
		if err != nil {
			return nil, err
		}
		for {
			resp, head, err := connectOnce(h, conn, target, authz)
			if err != nil {
				conn.Close()
				return nil, err
			}
			if resp.StatusCode/100 == 2 {
				return conn, nil
			}
			if resp.StatusCode == http.StatusProxyAuthRequired && h.proxyCreds != nil && !h.noAuth && rounds < maxAuthRounds {
				if hs == nil {
					hs = newAuthHandshake(h.proxyCreds, http.MethodConnect, target)
				}
				value, ok, err := hs.Next(resp.Header.Values("Proxy-Authenticate"))
				if err != nil {
					conn.Close()
					return nil, asError(err, ErrLoginFailure, "auth", h.url)
				}
				if ok {
					authz = value
					rounds++
					if resp.Close {
						conn.Close()
						break // the proxy hung up: ask again on a new connection
					}
					continue
				}
			}
			conn.Close()
			h.setConnectResponse(resp, head)
			return nil, errConnectRefused
		}
	}
}

// connectOnce sends one CONNECT on conn and reads the answer, with the
// request's send and receive timeouts applied to each write and read. A
// refusal's body is read into memory so the connection can carry the next
// attempt and the caller can read it.
func connectOnce(h *hop, conn *timedConn, target, authz string) (*http.Response, string, error) {
	// Cancelling Send closes the connection, which ends any pending I/O.
	stop := context.AfterFunc(h.callerCtx, func() { conn.Conn.Close() })
	defer stop()
	defer conn.Conn.SetDeadline(time.Time{})

	var b strings.Builder
	fmt.Fprintf(&b, "CONNECT %s HTTP/1.1\r\nHost: %s\r\n", target, target)
	if h.userAgent != "" {
		fmt.Fprintf(&b, "User-Agent: %s\r\n", h.userAgent)
	}
	if authz != "" {
		fmt.Fprintf(&b, "Proxy-Authorization: %s\r\n", authz)
	}
	b.WriteString("\r\n")
	conn.Conn.SetWriteDeadline(deadline(h.timeouts.Send))
	if _, err := io.WriteString(conn.Conn, b.String()); err != nil {
		return nil, "", tunnelError(err, h, "send")
	}

	capture := &headCapture{limit: h.capture.limit}
	// The head may not exceed the request's header limit, as for any
	// response; the body gets its own allowance once the head is read.
	limited := &io.LimitedReader{N: int64(h.capture.limit), R: readFunc(func(p []byte) (int, error) {
		conn.Conn.SetReadDeadline(deadline(h.timeouts.Receive))
		n, err := conn.Conn.Read(p)
		capture.add(p[:n])
		return n, err
	})}
	br := bufio.NewReader(limited)
	resp, err := http.ReadResponse(br, &http.Request{Method: http.MethodConnect})
	if err != nil {
		if limited.N <= 0 {
			return nil, "", &Error{Code: ErrHeaderSizeOverflow, Op: "receive", URL: h.url.String(),
				Err: fmt.Errorf("proxy's answer to CONNECT: head over %d bytes", h.capture.limit)}
		}
		return nil, "", tunnelError(err, h, "receive")
	}
	limited.N += maxConnectBody
	if resp.StatusCode/100 == 2 {
		if br.Buffered() > 0 {
			return nil, "", &Error{Code: ErrInvalidServerResponse, Op: "receive", URL: h.url.String(),
				Err: errors.New("proxy sent data after accepting CONNECT")}
		}
		return resp, capture.final(), nil
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxConnectBody))
	resp.Body.Close()
	if err != nil {
		return nil, "", tunnelError(err, h, "receive")
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if br.Buffered() > 0 || int64(len(body)) == maxConnectBody {
		resp.Close = true
	}
	return resp, capture.final(), nil
}

// tunnelError classifies a failed CONNECT exchange.
func tunnelError(err error, h *hop, op string) *Error {
	if isTimeout(err) && h.callerCtx.Err() == nil {
		return &Error{Code: ErrTimeout, Op: op, URL: h.url.String(), Err: err}
	}
	return classify(err, h.callerCtx, nil, op, h.url)
}

// readFunc adapts a function to io.Reader.
type readFunc func([]byte) (int, error)

func (f readFunc) Read(p []byte) (int, error) { return f(p) }
