package engine

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Response is the head of an HTTP response and its unread body.
type Response struct {
	StatusCode int
	StatusText string // reason phrase as the server sent it ("" if none)
	Proto      string // "HTTP/1.1", "HTTP/1.0", or "HTTP/2.0" (Request.EnableHTTP2)
	// Header holds the response headers in the order received, names
	// spelled as the server sent them (the engine captures the head off
	// the connection, since Go's parser hands over a map). Should the
	// capture not match what Go parsed, names are in canonical form
	// ("Content-Type") and sorted, each name's values in the order
	// received, with a chunked response's "Transfer-Encoding: chunked"
	// restored. HTTP/2 responses always take that form (there is no
	// head on the wire to capture).
	Header Header
	// URL is the final URL, after redirects.
	URL *url.URL
	// ContentLength is -1 when unknown.
	ContentLength int64
	// Body is the raw entity body, never decompressed. Reads fail with an
	// *Error (ErrTimeout after the receive timeout, ErrConnectionError on
	// a reset or truncated body, ErrOperationCancelled when the Send
	// context is cancelled). Close it to free the connection; a body read
	// to its end returns the connection to the pool.
	Body io.ReadCloser
}

// RawHeaders returns the response head as WinHTTP's
// WINHTTP_QUERY_RAW_HEADERS_CRLF gives it: the status line, each header
// line ended by CRLF, and a final CRLF.
func (r *Response) RawHeaders() string {
	var b strings.Builder
	b.WriteString(r.Proto)
	b.WriteByte(' ')
	b.WriteString(strconv.Itoa(r.StatusCode))
	if r.StatusText != "" {
		b.WriteByte(' ')
		b.WriteString(r.StatusText)
	}
	b.WriteString("\r\n")
	for _, f := range r.Header.Fields() {
		b.WriteString(f.Name)
		b.WriteString(": ")
		b.WriteString(f.Value)
		b.WriteString("\r\n")
	}
	b.WriteString("\r\n")
	return b.String()
}

// newResponse converts Go's response head, preferring the head as
// captured off the wire (raw, "" if none); body is attached by the caller.
func newResponse(resp *http.Response, u *url.URL, raw string) *Response {
	out := new(Response)
	fillResponse(out, resp, u, raw)
	return out
}

// fillResponse is newResponse into a Response the caller provides.
func fillResponse(out *Response, resp *http.Response, u *url.URL, raw string) {
	*out = Response{
		StatusCode:    resp.StatusCode,
		URL:           u,
		ContentLength: resp.ContentLength,
	}
	if raw != "" {
		if h, ok := parseRawHead(raw); ok && h.code == resp.StatusCode {
			out.Proto, out.StatusText = h.proto, h.reason
			out.Header = Header{fields: h.fields}
			return
		}
	}
	// No usable capture: status line and fields from what Go parsed.
	out.Proto, out.StatusText = resp.Proto, reasonPhrase(resp)
	if out.Proto == "" {
		out.Proto = "HTTP/1.1"
	}
	hdr := resp.Header
	if slices.Contains(resp.TransferEncoding, "chunked") && len(hdr.Values("Transfer-Encoding")) == 0 {
		hdr = hdr.Clone()
		if hdr == nil {
			hdr = http.Header{}
		}
		hdr["Transfer-Encoding"] = []string{"chunked"}
	}
	names := make([]string, 0, len(hdr))
	for name := range hdr {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		for _, v := range hdr[name] {
			out.Header.Add(name, v)
		}
	}
}

// reasonPhrase extracts the reason phrase from Go's "200 OK" Status.
func reasonPhrase(resp *http.Response) string {
	code := strconv.Itoa(resp.StatusCode)
	s := strings.TrimPrefix(resp.Status, code)
	return strings.TrimPrefix(s, " ")
}

// bodyReader maps body read failures to *Error and ends the hop once the
// body is finished, so the connection's deadlines are cleared before it
// idles in the pool.
type bodyReader struct {
	rc        io.ReadCloser
	h         *hop
	callerCtx context.Context
	url       *url.URL

	mu  sync.Mutex
	err error // sticky classified error
}

// Read reads the body, classifying any failure once and for all.
func (b *bodyReader) Read(p []byte) (int, error) {
	stop := b.h.readTimer()
	n, err := b.rc.Read(p)
	if stop != nil {
		stop()
	}
	if err == nil {
		return n, nil
	}
	if err == io.EOF {
		b.h.release()
		return n, io.EOF
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.err == nil {
		b.err = classify(err, b.callerCtx, b.h, "receive", b.url)
		b.h.release()
	}
	return n, b.err
}

// Close closes the body and ends the hop.
func (b *bodyReader) Close() error {
	err := b.rc.Close()
	b.h.release()
	return err
}

// drain reads what is left of an intermediate body (up to the request's
// MaxDrainBytes, by default WinHTTP's MAX_RESPONSE_DRAIN_SIZE of 1 MiB) so
// its connection can be reused, then closes it (a longer body closes the
// connection).
func drain(resp *http.Response, h *hop) {
	limit := h.maxDrain
	switch {
	case limit == 0:
		limit = 1 << 20
	case limit < 0:
		limit = 0
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, limit))
	resp.Body.Close()
	h.release()
}
