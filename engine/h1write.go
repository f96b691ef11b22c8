package engine

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/textproto"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/net/http/httpguts"
)

// The engine's wire format is what net/http's Request.Write puts on the
// wire (see wireRequest), and the connection wrapper (hop.rewriteHead)
// edits those very bytes. Request.Write formats the request line with
// fmt, sorts the header through a pooled sorter and allocates a transfer
// writer for every request; on a keep-alive GET that is a visible share
// of the client's work. writeH1 writes the same bytes by hand for the
// requests the engine makes, and hands anything else to Request.Write,
// so the format has one definition: Go's. h1write_test.go compares the
// two byte for byte.

// h1Plan is what writeH1 needs to know about a request it can write
// itself, worked out (and the request vetted) by planH1.
type h1Plan struct {
	method string
	host   string        // the Host line's value, also the proxy form's authority
	path   string        // the request line's path, escaped ("/" when empty)
	query  bool          // "?" and the raw query follow the path
	body   io.ReadCloser // nil: nothing to send
	// length is the Content-Length line's value; -1 writes none.
	length  int64
	chunked bool // the body goes chunked ("Transfer-Encoding: chunked")
	flush   bool // the head goes out before the body is read (a stream)
}

// h1Writer is the state writeH1 reuses from one request to the next on a
// connection, so that writing a request allocates nothing.
type h1Writer struct {
	keys  []string         // the header's keys, sorted
	line  []byte           // a request line too long for the buffer
	limit io.LimitedReader // the body, cut to its declared length
	chunk chunkWriter      // the body, chunked
}

// writeH1 writes req (head and body) to bw exactly as req.Write (or, for
// a proxy, req.WriteProxy) would, and reports the writing to trace's
// WroteHeaders and WroteRequest hooks as Request.Write does. It does not
// flush the end of the request: the caller does, after WroteRequest, as
// Go's transport does. A request it does not know how to write byte for
// byte goes to net/http.
func (w *h1Writer) writeH1(bw *bufio.Writer, req *http.Request, usingProxy bool, trace *httptrace.ClientTrace) error {
	p, ok := w.planH1(req, usingProxy, trace)
	if !ok {
		if usingProxy {
			return req.WriteProxy(bw)
		}
		return req.Write(bw)
	}
	err := w.writePlanned(bw, req, &p, usingProxy, trace)
	w.resetKeys()
	if trace != nil && trace.WroteRequest != nil {
		trace.WroteRequest(httptrace.WroteRequestInfo{Err: err})
	}
	return err
}

// planH1 vets req for writeH1 and collects its header's keys in w.keys.
// It refuses (false) anything where net/http would do more than copy
// fields out: a host to punycode, to strip a zone from, or to blank; an
// opaque URL or a control byte in it; CONNECT; explicit framing
// (TransferEncoding, Trailer, Close); a body of unknown length that
// net/http would probe or send unframed; a header key net/http would
// drop or a value with CR or LF inside; a trace that wants each header
// field reported.
func (w *h1Writer) planH1(req *http.Request, usingProxy bool, trace *httptrace.ClientTrace) (h1Plan, bool) {
	var p h1Plan
	u := req.URL
	if u == nil || u.Opaque != "" || req.Close || len(req.TransferEncoding) != 0 || req.Trailer != nil ||
		trace != nil && trace.WroteHeaderField != nil {
		return p, false
	}
	p.method = req.Method
	if p.method == "" {
		p.method = http.MethodGet
	}
	if p.method == http.MethodConnect {
		return p, false
	}
	p.host = req.Host
	if p.host == "" {
		p.host = u.Host
	}
	if !plainHost(p.host) || usingProxy && (u.Scheme == "" || hasCTL(u.Scheme)) {
		return p, false
	}
	p.path = u.EscapedPath()
	if p.path == "" {
		p.path = "/"
	}
	p.query = u.ForceQuery || u.RawQuery != ""
	if hasCTL(p.path) || p.query && hasCTL(u.RawQuery) {
		return p, false
	}
	if !p.planBody(req) || !w.collectKeys(req.Header) {
		return p, false
	}
	return p, true
}

// collectKeys gathers in w.keys, sorted, the keys of h that Request.Write
// writes in its sorted part. It refuses (false, w.keys left empty) a key
// net/http would drop and a value, the User-Agent's included, that it
// would have to clean of CR or LF.
func (w *h1Writer) collectKeys(h http.Header) bool {
	for k, vs := range h {
		switch k {
		case "Host", "User-Agent", "Content-Length", "Transfer-Encoding", "Trailer":
			// Written (or left out) by Request.Write itself, matched as
			// the map holds them, not canonicalised.
			continue
		}
		if !httpguts.ValidHeaderFieldName(k) || slices.ContainsFunc(vs, hasCRLF) {
			w.resetKeys()
			return false
		}
		w.keys = append(w.keys, k)
	}
	if hasCRLF(userAgentOf(h)) {
		w.resetKeys()
		return false
	}
	slices.Sort(w.keys)
	return true
}

// resetKeys empties w.keys, dropping the strings so that a request's
// header is not kept alive by its connection.
func (w *h1Writer) resetKeys() {
	clear(w.keys)
	w.keys = w.keys[:0]
}

// planBody works out the framing Request.Write gives req's body: none,
// a Content-Length, or chunks. It refuses the cases where net/http reads
// a byte ahead to decide (a body of unknown length on a verb that rarely
// has one) or reports an error (a length without a body).
func (p *h1Plan) planBody(req *http.Request) bool {
	body, n := req.Body, req.ContentLength
	if body == http.NoBody {
		if n != 0 {
			return false
		}
		body = nil
	}
	p.length = -1
	switch {
	case body == nil:
		if n != 0 {
			return false
		}
		// Go writes "Content-Length: 0" only for the verbs that
		// normally carry a body.
		switch p.method {
		case http.MethodPost, http.MethodPut, http.MethodPatch:
			p.length = 0
		}
		return true
	case n > 0:
		p.length = n
	case n == -1 && !methodUsuallyLacksBody(p.method):
		p.chunked = true
	default:
		return false
	}
	p.body = body
	// A stream may only produce its bytes once the server has seen the
	// head: Go sends the head first unless the body is already in memory.
	p.flush = !inMemoryReader(body)
	return true
}

// methodUsuallyLacksBody lists the verbs for which net/http probes a body
// of unknown length before choosing to send it chunked.
func methodUsuallyLacksBody(method string) bool {
	switch method {
	case "GET", "HEAD", "DELETE", "OPTIONS", "PROPFIND", "SEARCH":
		return true
	}
	return false
}

// plainHost reports whether net/http writes host as it is: non-empty
// ASCII made of valid Host bytes, without an IPv6 zone ('%') to strip.
func plainHost(host string) bool {
	return host != "" && httpguts.ValidHostHeader(host) && strings.IndexByte(host, '%') < 0
}

// hasCTL reports whether s holds an ASCII control byte, which net/http
// refuses in a request line.
func hasCTL(s string) bool {
	for i := 0; i < len(s); i++ {
		if b := s[i]; b < ' ' || b == 0x7f {
			return true
		}
	}
	return false
}

// nopCloserTypes are the types io.NopCloser returns, whose reader
// inMemoryReader looks through.
var nopCloserTypes = [...]reflect.Type{
	reflect.TypeOf(io.NopCloser(nil)),
	reflect.TypeOf(io.NopCloser(struct {
		io.Reader
		io.WriterTo
	}{})),
}

// inMemoryReader reports the readers net/http knows never block, whose
// body it writes in the same flush as the head.
func inMemoryReader(r io.Reader) bool {
	switch r.(type) {
	case *bytes.Reader, *bytes.Buffer, *strings.Reader:
		return true
	}
	if t := reflect.TypeOf(r); t == nopCloserTypes[0] || t == nopCloserTypes[1] {
		inner, _ := reflect.ValueOf(r).Field(0).Interface().(io.Reader)
		return inner != nil && inMemoryReader(inner)
	}
	return false
}

// writePlanned writes a request planH1 accepted. Errors are net/http's:
// the buffer's (sticky) write error, a body error wrapped as a read
// error, the body's Close error, or a length mismatch.
func (w *h1Writer) writePlanned(bw *bufio.Writer, req *http.Request, p *h1Plan, usingProxy bool, trace *httptrace.ClientTrace) error {
	w.writeHead(bw, req, p, usingProxy)
	// bufio.Writer keeps its first write error and returns it from every
	// later call: this is the error the first failed line returned.
	if _, err := bw.Write(nil); err != nil {
		closeBody(p.body)
		return err
	}
	if trace != nil && trace.WroteHeaders != nil {
		trace.WroteHeaders()
	}
	if p.flush {
		if err := bw.Flush(); err != nil {
			closeBody(p.body)
			return err
		}
	}
	if p.body == nil {
		return nil
	}
	return w.writeBody(bw, p)
}

// writeHead writes the request line and the header, in Request.Write's
// order: Host, User-Agent, the framing line, the other fields by key.
// The writes are shaped like net/http's (see writeLine), so the
// connection sees the same writes, not only the same bytes.
func (w *h1Writer) writeHead(bw *bufio.Writer, req *http.Request, p *h1Plan, usingProxy bool) {
	u := req.URL
	scheme, sep, authority := "", "", ""
	if usingProxy {
		scheme, sep, authority = u.Scheme, "://", p.host
	}
	mark, query := "", ""
	if p.query {
		mark, query = "?", u.RawQuery
	}
	w.writeLine(bw, p.method, " ", scheme, sep, authority, p.path, mark, query, " HTTP/1.1\r\n")
	w.writeLine(bw, "Host: ", p.host, "\r\n")

	// Go's own User-Agent unless the map has the key; an empty value
	// (before clean-up) leaves the line out.
	if ua := userAgentOf(req.Header); ua != "" {
		w.writeLine(bw, "User-Agent: ", textproto.TrimString(ua), "\r\n")
	}

	switch {
	case p.chunked:
		bw.WriteString("Transfer-Encoding: chunked\r\n")
	case p.length >= 0:
		bw.WriteString("Content-Length: ")
		writeInt(bw, p.length, 10)
		bw.WriteString("\r\n")
	}

	for _, k := range w.keys {
		for _, v := range req.Header[k] {
			bw.WriteString(k)
			bw.WriteString(": ")
			bw.WriteString(textproto.TrimString(v))
			bw.WriteString("\r\n")
		}
	}
	bw.WriteString("\r\n")
}

// userAgentOf is the User-Agent value Request.Write starts from: Go's own
// unless the map holds the key, else its first value ("" for none).
func userAgentOf(h http.Header) string {
	vs, ok := h["User-Agent"]
	switch {
	case !ok:
		return "Go-http-client/1.1"
	case len(vs) == 0:
		return ""
	}
	return vs[0]
}

// writeLine writes the concatenation of parts the way the single Write of
// net/http's fmt.Fprintf does. bufio.Writer copies a write that fits its
// free space, so parts that fit are simply copied; a longer write goes
// straight to the connection when nothing is buffered, so a line that
// does not fit is assembled first and written in one call.
func (w *h1Writer) writeLine(bw *bufio.Writer, parts ...string) {
	n := 0
	for _, s := range parts {
		n += len(s)
	}
	if n <= bw.Available() {
		for _, s := range parts {
			bw.WriteString(s)
		}
		return
	}
	line := w.line[:0]
	for _, s := range parts {
		line = append(line, s...)
	}
	bw.Write(line)
	if cap(line) <= h1BufferSize {
		w.line = line
	}
}

// writeInt writes n in base, a byte at a time: bufio.Writer treats that
// like the string net/http writes (copied through the buffer).
func writeInt(bw *bufio.Writer, n int64, base int) {
	var digits [20]byte
	for _, c := range strconv.AppendInt(digits[:0], n, base) {
		bw.WriteByte(c)
	}
}

// hasCRLF reports whether a header value has a CR or LF inside, which
// net/http turns into spaces (with an allocation) and writeH1 leaves to it.
func hasCRLF(v string) bool {
	return strings.IndexAny(textproto.TrimString(v), "\r\n") >= 0
}

// writeBody writes the body as net/http's transfer writer does, and
// closes it whatever happens.
func (w *h1Writer) writeBody(bw *bufio.Writer, p *h1Plan) error {
	body := p.body
	if p.chunked {
		w.chunk.bw = bw
		buf := copyBufPool.Get().(*[copyBufSize]byte)
		_, err := io.CopyBuffer(&w.chunk, body, buf[:])
		copyBufPool.Put(buf)
		w.chunk.bw = nil
		if err != nil {
			body.Close()
			return bodyReadError{err}
		}
		if _, err := bw.WriteString("0\r\n"); err != nil {
			body.Close()
			return err
		}
		if err := body.Close(); err != nil {
			return err
		}
		_, err = bw.WriteString("\r\n")
		return err
	}

	// Through the write buffer, as net/http copies it (bufio.Writer's
	// ReadFrom); then whatever the body holds beyond its length is read
	// off, so a longer body is reported.
	w.limit = io.LimitedReader{R: body, N: p.length}
	n, err := bw.ReadFrom(&w.limit)
	w.limit.R = nil
	if err == nil {
		var extra int64
		extra, err = io.Copy(io.Discard, body)
		n += extra
	}
	if err != nil {
		body.Close()
		return bodyReadError{err}
	}
	if err := body.Close(); err != nil {
		return err
	}
	if n != p.length {
		// classify recognises this wording.
		return fmt.Errorf("http: ContentLength=%d with Body length %d", p.length, n)
	}
	return nil
}

// closeBody closes a body that will not be written, as Request.Write
// does when the head fails and a RoundTripper must when it fails.
func closeBody(body io.Closer) {
	if body != nil {
		body.Close()
	}
}

// bodyReadError is an error met while copying the body. net/http wraps
// such errors in a type of its own that does not unwrap; this one does
// not either, so the engine sees the same error whichever wrote the
// request.
type bodyReadError struct{ error }

// copyBufSize is the copy buffer net/http uses for a chunked body: each
// read of the body (up to this size) becomes one chunk.
const copyBufSize = 32 << 10

// copyBufPool holds the chunked copies' buffers.
var copyBufPool = sync.Pool{New: func() any { return new([copyBufSize]byte) }}

// chunkWriter writes each Write as one chunk and flushes it, as net/http
// does for a request body, which may be produced slowly.
type chunkWriter struct{ bw *bufio.Writer }

func (c *chunkWriter) Write(p []byte) (int, error) {
	if len(p) == 0 {
		// An empty chunk would end the body.
		return 0, nil
	}
	bw := c.bw
	writeInt(bw, int64(len(p)), 16)
	bw.WriteString("\r\n")
	n, err := bw.Write(p)
	if err != nil {
		return n, err
	}
	if _, err := bw.WriteString("\r\n"); err != nil {
		return n, err
	}
	return n, bw.Flush()
}
