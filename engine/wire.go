package engine

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/textproto"
	"net/url"
	"strings"

	"golang.org/x/net/http/httpguts"
)

// body is what Send was given to send.
type requestBody struct {
	data   []byte    // Send's body (replayable)
	reader io.Reader // SendReader's body (sent once)
	length int64     // -1: unknown, sent chunked
}

func (b requestBody) empty() bool {
	return b.reader == nil && len(b.data) == 0 || b.reader != nil && b.length == 0
}

// replayable reports whether the body can be sent again (redirect,
// authentication round).
func (b requestBody) replayable() bool { return b.reader == nil || b.length == 0 }

// wireHeaders are the header values the engine computes for one hop.
type wireHeaders struct {
	authorization      string // answer to a 401, replaces the caller's
	proxyAuthorization string // answer to a 407, replaces the caller's
	crossHost          bool   // the hop goes to another server than the original
	cookie             string // from the session's store; "" for none
}

// validateHeaders checks the caller's header fields before anything is
// sent, so a bad one fails with ErrInvalidHeader naming it.
func validateHeaders(h *Header, u *url.URL) error {
	for _, f := range h.Fields() {
		if !httpguts.ValidHeaderFieldName(f.Name) {
			return &Error{Code: ErrInvalidHeader, Op: "send", URL: u.String(),
				Err: fmt.Errorf("invalid header name %q", f.Name)}
		}
		if !httpguts.ValidHeaderFieldValue(f.Value) {
			return &Error{Code: ErrInvalidHeader, Op: "send", URL: u.String(),
				Err: fmt.Errorf("invalid value for header %q", f.Name)}
		}
	}
	return nil
}

// wireRequest builds the request Go's transport writes for one hop.
//
// Header names go into the map exactly as the caller wrote them: Go writes
// map keys verbatim. The keys Go writes itself (Host, User-Agent,
// Content-Length, Transfer-Encoding, Trailer) are handled here so that no
// line is written twice. Go writes Host first, then User-Agent, then
// Content-Length, then the other fields sorted by name, whatever order the
// caller used.
//
// The request is returned already bound to ctx: built on the stack and
// copied once by WithContext, instead of allocated and then copied.
func (r *Request) wireRequest(method string, u *url.URL, b requestBody, w wireHeaders, ctx context.Context) *http.Request {
	if r.Header.Len() == 0 && w.cookie == "" && w.authorization == "" && w.proxyAuthorization == "" &&
		(r.UserAgent == nil || *r.UserAgent == r.session.userAgent) {
		// The session's header, shared by every such request: Go's
		// transport only reads a request's header (http.RoundTripper
		// must not modify the request), and nothing here writes to it.
		return r.newWireRequest(method, u, b, r.session.bareHeader, "", ctx)
	}
	hdr := make(http.Header, r.Header.Len()+4)
	vals := make(valueSlab, 0, r.Header.Len()+4)
	host := ""
	callerUA, callerUASet := "", false
	has := map[string]bool{}
	for _, f := range r.Header.Fields() {
		canon := textproto.CanonicalMIMEHeaderKey(f.Name)
		switch canon {
		case "Host":
			if !w.crossHost {
				host = f.Value
			}
			continue
		case "Content-Length", "Transfer-Encoding", "Trailer":
			// Framing follows the body Send was given.
			continue
		case "Authorization":
			if w.crossHost || w.authorization != "" {
				continue
			}
		case "Proxy-Authorization":
			if w.crossHost || w.proxyAuthorization != "" {
				continue
			}
		case "User-Agent":
			if f.Name == "User-Agent" {
				if !callerUASet {
					callerUA, callerUASet = f.Value, true
				}
				has[canon] = true
				continue
			}
		}
		has[canon] = true
		if vs, ok := hdr[f.Name]; ok {
			hdr[f.Name] = append(vs, f.Value)
		} else {
			hdr[f.Name] = vals.one(f.Value)
		}
	}

	// Go writes hdr["User-Agent"] itself and, when that key is absent, its
	// own "Go-http-client/1.1"; an empty value suppresses the line.
	switch {
	case callerUASet:
		hdr["User-Agent"] = vals.one(callerUA)
	case has["User-Agent"]:
		hdr["User-Agent"] = vals.one("")
	case r.UserAgent == nil || *r.UserAgent == r.session.userAgent:
		hdr["User-Agent"] = r.session.uaValue[:]
	default:
		hdr["User-Agent"] = vals.one(r.userAgent())
	}

	if !has["Connection"] {
		hdr["Connection"] = r.session.keepAliveValue[:]
	}
	if w.cookie != "" && !has["Cookie"] {
		hdr["Cookie"] = vals.one(w.cookie)
	}
	if w.authorization != "" {
		hdr["Authorization"] = vals.one(w.authorization)
	}
	if w.proxyAuthorization != "" {
		hdr["Proxy-Authorization"] = vals.one(w.proxyAuthorization)
	}

	return r.newWireRequest(method, u, b, hdr, host, ctx)
}

// valueSlab hands out the one-value []string of a header's fields from
// one backing array: one allocation for all of a request's values
// instead of one per field. Each value is capped at its own length, so
// appending to it (a repeated name) copies instead of overwriting the
// next field's value.
type valueSlab []string

func (s *valueSlab) one(v string) []string {
	*s = append(*s, v)
	n := len(*s)
	return (*s)[n-1 : n : n]
}

// newWireRequest is wireRequest's http.Request around a finished header.
func (r *Request) newWireRequest(method string, u *url.URL, b requestBody, hdr http.Header, host string, ctx context.Context) *http.Request {
	// Go's transport only reads the URL: copy it only to drop userinfo.
	target := u
	if u.User != nil {
		c := *u
		c.User = nil
		target = &c
	}
	req := http.Request{
		Method:     method,
		URL:        target,
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header:     hdr,
		Host:       host,
	}
	switch {
	case b.empty():
		// Go writes "Content-Length: 0" for a bodiless POST, PUT and
		// PATCH; for the other verbs but GET the connection adds it (see
		// hop.rewriteHead), as WinHTTP sends it for every verb but GET.
	case b.reader != nil:
		req.Body = io.NopCloser(b.reader)
		req.ContentLength = b.length
		if b.length < 0 {
			req.ContentLength = -1
		}
	default:
		data := b.data
		req.Body = io.NopCloser(bytes.NewReader(data))
		req.ContentLength = int64(len(data))
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
	}
	return req.WithContext(ctx)
}

// userAgent is the request's User-Agent, else the session's.
func (r *Request) userAgent() string {
	if r.UserAgent != nil {
		return *r.UserAgent
	}
	return r.session.userAgent
}

// cookieHeader renders the session's cookies for u as one Cookie value.
func cookieHeader(cookies []*http.Cookie) string {
	parts := make([]string, 0, len(cookies))
	for _, c := range cookies {
		parts = append(parts, c.Name+"="+c.Value)
	}
	return strings.Join(parts, "; ")
}
