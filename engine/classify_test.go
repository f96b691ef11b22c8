package engine

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/winhttpjs/winhttpjs/internal/fakedns"
)

// scriptServer runs script on every accepted connection.
func scriptServer(t *testing.T, script func(c net.Conn, br *bufio.Reader)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer c.Close()
				script(c, bufio.NewReader(c))
			}()
		}
	}()
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	return "http://" + ln.Addr().String()
}

// readHead consumes one request head.
func readHead(br *bufio.Reader) {
	req, err := http.ReadRequest(br)
	if err == nil {
		io.Copy(io.Discard, req.Body)
	}
}

// closedPort returns a loopback address nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr
}

func TestSendErrors(t *testing.T) {
	resetMidBody := scriptServer(t, func(c net.Conn, br *bufio.Reader) {
		readHead(br)
		io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789")
		c.(*net.TCPConn).SetLinger(0)
	})
	truncated := scriptServer(t, func(c net.Conn, br *bufio.Reader) {
		readHead(br)
		io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789")
	})
	hangUp := scriptServer(t, func(c net.Conn, br *bufio.Reader) { readHead(br) })
	garbage := scriptServer(t, func(c net.Conn, br *bufio.Reader) {
		readHead(br)
		io.WriteString(c, "this is not http\r\n\r\n")
	})
	badLength := scriptServer(t, func(c net.Conn, br *bufio.Reader) {
		readHead(br)
		io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n")
	})
	bigHead := scriptServer(t, func(c net.Conn, br *bufio.Reader) {
		readHead(br)
		io.WriteString(c, "HTTP/1.1 200 OK\r\nX-Big: "+strings.Repeat("a", 4000)+"\r\nContent-Length: 0\r\n\r\n")
	})
	tests := []struct {
		name      string
		opts      SessionOptions
		url       string
		maxHeader int64
		inBody    bool
		wantCode  Code
		wantOp    string
	}{
		{name: "refused", url: closedPort(t), wantCode: ErrCannotConnect, wantOp: "connect"},
		{name: "NXDOMAIN", opts: SessionOptions{Resolver: fakedns.NXDomainResolver(t)},
			url: "http://nosuch.winhttpjs.invalid/", wantCode: ErrNameNotResolved, wantOp: "resolve"},
		{name: "reset mid-body", url: resetMidBody, inBody: true, wantCode: ErrConnectionError, wantOp: "receive"},
		{name: "truncated body", url: truncated, inBody: true, wantCode: ErrConnectionError, wantOp: "receive"},
		{name: "closed before answering", url: hangUp, wantCode: ErrConnectionError},
		{name: "not HTTP", url: garbage, wantCode: ErrInvalidServerResponse, wantOp: "receive"},
		{name: "bad Content-Length", url: badLength, wantCode: ErrInvalidServerResponse, wantOp: "receive"},
		{name: "head over the limit", url: bigHead, maxHeader: 1024, wantCode: ErrHeaderSizeOverflow, wantOp: "receive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := testSession(t, tt.opts)
			r := mustRequest(t, s, "GET", tt.url)
			r.MaxResponseHeaderBytes = tt.maxHeader
			resp, err := r.Send(context.Background(), nil)
			if tt.inBody {
				if err != nil {
					t.Fatalf("Send: %v", err)
				}
				_, err = io.ReadAll(resp.Body)
				resp.Body.Close()
			}
			wantCode(t, err, tt.wantCode, tt.wantOp)
			if e := err.(*Error); e.URL != r.URL.String() || e.Err == nil {
				t.Fatalf("Error.URL = %q (want %q), cause %v", e.URL, r.URL, e.Err)
			}
		})
	}
}

func TestHeaderLimitDefaultAllowsLargeHead(t *testing.T) {
	head := strings.Repeat("b", 60000)
	srv := scriptServer(t, func(c net.Conn, br *bufio.Reader) {
		readHead(br)
		io.WriteString(c, "HTTP/1.1 200 OK\r\nX-Big: "+head+"\r\nContent-Length: 0\r\n\r\n")
	})
	s := testSession(t, SessionOptions{})
	resp, _ := fetch(t, mustRequest(t, s, "GET", srv), nil)
	if v, _ := resp.Header.Get("X-Big"); v != head {
		t.Fatalf("X-Big is %d bytes, want %d", len(v), len(head))
	}
}
