package engine

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// segRecorder records every write it is given, as the connection would
// see them; after limit bytes it fails. It has only Write, like the
// connection writer the transport buffers (no WriteString, no ReadFrom),
// so bufio.Writer behaves as it does in the transport.
type segRecorder struct {
	segs  [][]byte
	total int
	limit int // -1: no limit
}

var errRecorderFull = errors.New("recorder: connection broken")

func (r *segRecorder) Write(p []byte) (int, error) {
	n := len(p)
	if r.limit >= 0 && r.total+n > r.limit {
		n = r.limit - r.total
	}
	if n > 0 {
		r.segs = append(r.segs, bytes.Clone(p[:n]))
		r.total += n
	}
	if n < len(p) {
		return n, errRecorderFull
	}
	return n, nil
}

func (r *segRecorder) bytes() []byte { return bytes.Join(r.segs, nil) }

// streamBody is a request body that is not one of the readers net/http
// knows are in memory: it hands out data in reads of the given sizes,
// then readErr (io.EOF when nil); Close returns closeErr.
type streamBody struct {
	data     []byte
	sizes    []int // size of each read; the last repeats
	readErr  error
	closeErr error
	closes   int
}

func (b *streamBody) Read(p []byte) (int, error) {
	if len(b.data) == 0 {
		if b.readErr != nil {
			return 0, b.readErr
		}
		return 0, io.EOF
	}
	n := len(p)
	if len(b.sizes) > 0 {
		n = min(n, b.sizes[0])
		if len(b.sizes) > 1 {
			b.sizes = b.sizes[1:]
		}
	}
	n = copy(p[:n], b.data)
	b.data = b.data[n:]
	return n, nil
}

func (b *streamBody) Close() error {
	b.closes++
	return b.closeErr
}

// h1Outcome is everything a request writer did: the writes the
// connection saw, the error, the trace hooks called (with the bytes
// that had reached the connection then), and how often a stream body
// was closed.
type h1Outcome struct {
	segs       [][]byte
	err        string
	errOpaque  bool // the error does not unwrap (net/http's body errors)
	events     []string
	bodyCloses int
}

// h1Case builds a request afresh for each writer (a body is read once).
type h1Case struct {
	name  string
	proxy bool
	fast  bool // writeH1 writes it itself (else net/http does)
	build func() *http.Request
}

// newReq is a request as the engine builds them (wireRequest): a
// literal, not http.NewRequest.
func newReq(method, rawURL string, hdr http.Header, body io.ReadCloser, length int64) *http.Request {
	u, err := url.Parse(rawURL)
	if err != nil {
		panic(err)
	}
	return &http.Request{Method: method, URL: u, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: hdr, Body: body, ContentLength: length}
}

// bytesBody is the engine's replayable body: bytes behind io.NopCloser,
// with GetBody.
func bytesBody(method, rawURL string, hdr http.Header, data []byte) *http.Request {
	req := newReq(method, rawURL, hdr, io.NopCloser(bytes.NewReader(data)), int64(len(data)))
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
	return req
}

// engineHeader is the header of a request that adds nothing to the
// session's.
func engineHeader() http.Header {
	return http.Header{"User-Agent": {"Mozilla/4.0 (compatible; Win32; WinHttp.WinHttpRequest.5)"}, "Connection": {"Keep-Alive"}}
}

func with(h http.Header, kv ...string) http.Header {
	for i := 0; i+1 < len(kv); i += 2 {
		h[kv[i]] = append(h[kv[i]], kv[i+1])
	}
	return h
}

func h1Cases() []h1Case {
	big := bytes.Repeat([]byte("0123456789abcdef"), 100<<10/16) // 100 KiB
	longPath := "/" + strings.Repeat("segment/", 700)           // request line > 4 KiB
	stream := func(method string, data []byte, length int64, sizes ...int) func() *http.Request {
		return func() *http.Request {
			return newReq(method, "http://example.com/up", engineHeader(), &streamBody{data: data, sizes: sizes}, length)
		}
	}
	return []h1Case{
		// What the engine sends.
		{name: "bare GET", fast: true, build: func() *http.Request {
			return newReq("GET", "http://example.com/hello", engineHeader(), nil, 0)
		}},
		{name: "empty method is GET", fast: true, build: func() *http.Request {
			return newReq("", "http://example.com/", engineHeader(), nil, 0)
		}},
		{name: "GET with caller fields", fast: true, build: func() *http.Request {
			return newReq("GET", "http://example.com/a/b?x=1&y=%20z", with(engineHeader(),
				"Accept", "*/*", "Accept-Language", "en", "Cookie", "a=1; b=2"), nil, 0)
		}},
		{name: "odd-case and repeated keys sort by bytes", fast: true, build: func() *http.Request {
			return newReq("GET", "http://example.com/", with(engineHeader(),
				"x-lower", "a", "X-Multi", "1", "X-Multi", "2", "X-Multi", "3", "ACCEPT", "*/*",
				"alpha", "α", "Zeta", "z", "user-agent", "lower agent is a plain field",
				"content-length", "kept as written", "X-Blank", ""), nil, 0)
		}},
		{name: "key with no values writes nothing", fast: true, build: func() *http.Request {
			h := engineHeader()
			h["X-None"] = []string{}
			return newReq("GET", "http://example.com/", h, nil, 0)
		}},
		{name: "values trimmed", fast: true, build: func() *http.Request {
			return newReq("GET", "http://example.com/", with(engineHeader(),
				"X-Pad", " \t padded \t ", "X-Edge", "\r\nedge\r\n"), nil, 0)
		}},
		{name: "Go's User-Agent when the key is absent", fast: true, build: func() *http.Request {
			return newReq("GET", "http://example.com/", http.Header{"Accept": {"*/*"}}, nil, 0)
		}},
		{name: "empty User-Agent suppresses the line", fast: true, build: func() *http.Request {
			return newReq("GET", "http://example.com/", http.Header{"User-Agent": {""}, "X-A": {"1"}}, nil, 0)
		}},
		{name: "User-Agent key without values", fast: true, build: func() *http.Request {
			return newReq("GET", "http://example.com/", http.Header{"User-Agent": {}}, nil, 0)
		}},
		{name: "User-Agent of spaces writes an empty line", fast: true, build: func() *http.Request {
			return newReq("GET", "http://example.com/", http.Header{"User-Agent": {"   "}}, nil, 0)
		}},
		{name: "custom User-Agent trimmed, first value only", fast: true, build: func() *http.Request {
			return newReq("GET", "http://example.com/", http.Header{"User-Agent": {"  Agent/1.0 ", "second"}}, nil, 0)
		}},
		{name: "Host override", fast: true, build: func() *http.Request {
			req := newReq("GET", "http://127.0.0.1:8080/", engineHeader(), nil, 0)
			req.Host = "virtual.example:8080"
			return req
		}},
		{name: "Host key in the map is not written", fast: true, build: func() *http.Request {
			return newReq("GET", "http://example.com/", with(engineHeader(), "Host", "ignored"), nil, 0)
		}},
		{name: "IPv6 host", fast: true, build: func() *http.Request {
			return newReq("GET", "http://[::1]:8080/v6?q", engineHeader(), nil, 0)
		}},
		{name: "empty path is /", fast: true, build: func() *http.Request {
			return newReq("GET", "http://example.com", engineHeader(), nil, 0)
		}},
		{name: "empty path with query", fast: true, build: func() *http.Request {
			return newReq("GET", "http://example.com?a=b", engineHeader(), nil, 0)
		}},
		{name: "forced empty query", fast: true, build: func() *http.Request {
			return newReq("GET", "http://example.com/p?", engineHeader(), nil, 0)
		}},
		{name: "escaped path kept", fast: true, build: func() *http.Request {
			return newReq("GET", "http://example.com/a%2Fb/c%20d?e=%41", engineHeader(), nil, 0)
		}},
		{name: "path escaped from Path", fast: true, build: func() *http.Request {
			req := newReq("GET", "http://example.com/", engineHeader(), nil, 0)
			req.URL.Path = "/with space/é"
			return req
		}},
		{name: "long request line", fast: true, build: func() *http.Request {
			return newReq("GET", "http://example.com"+longPath+"?q=1", engineHeader(), nil, 0)
		}},
		{name: "long header value", fast: true, build: func() *http.Request {
			return newReq("GET", "http://example.com/", with(engineHeader(), "X-Long", strings.Repeat("v", 6000)), nil, 0)
		}},
		{name: "long User-Agent", fast: true, build: func() *http.Request {
			return newReq("GET", "http://example.com/", http.Header{"User-Agent": {strings.Repeat("u", 5000)}}, nil, 0)
		}},
		{name: "HEAD", fast: true, build: func() *http.Request {
			return newReq("HEAD", "http://example.com/", engineHeader(), nil, 0)
		}},
		{name: "bodiless POST has Content-Length 0", fast: true, build: func() *http.Request {
			return newReq("POST", "http://example.com/", engineHeader(), nil, 0)
		}},
		{name: "bodiless PUT", fast: true, build: func() *http.Request {
			return newReq("PUT", "http://example.com/", engineHeader(), nil, 0)
		}},
		{name: "bodiless PATCH", fast: true, build: func() *http.Request {
			return newReq("PATCH", "http://example.com/", engineHeader(), nil, 0)
		}},
		{name: "bodiless DELETE has none", fast: true, build: func() *http.Request {
			return newReq("DELETE", "http://example.com/", engineHeader(), nil, 0)
		}},
		{name: "bodiless custom verb", fast: true, build: func() *http.Request {
			return newReq("PROPFIND", "http://example.com/", engineHeader(), nil, 0)
		}},
		{name: "NoBody", fast: true, build: func() *http.Request {
			return newReq("POST", "http://example.com/", engineHeader(), http.NoBody, 0)
		}},
		{name: "POST bytes", fast: true, build: func() *http.Request {
			return bytesBody("POST", "http://example.com/form", with(engineHeader(), "Content-Type", "text/plain"), []byte("a=1&b=2"))
		}},
		{name: "PUT 100 KiB bytes", fast: true, build: func() *http.Request {
			return bytesBody("PUT", "http://example.com/big", engineHeader(), big)
		}},
		{name: "DELETE with bytes", fast: true, build: func() *http.Request {
			return bytesBody("DELETE", "http://example.com/x", engineHeader(), []byte("gone"))
		}},
		{name: "POST stream of known length", fast: true, build: stream("POST", big, int64(len(big)), 1000, 7, 50000)},
		{name: "GET stream of known length", fast: true, build: stream("GET", []byte("body"), 4, 1)},
		{name: "POST stream chunked", fast: true, build: stream("POST", big, -1, 10, 0, 40000, 3)},
		{name: "PUT short stream chunked", fast: true, build: stream("PUT", []byte("hello"), -1)},
		{name: "POST empty stream chunked", fast: true, build: stream("POST", nil, -1)},
		{name: "bytes chunked (one chunk, head not flushed first)", fast: true, build: func() *http.Request {
			return newReq("POST", "http://example.com/", engineHeader(), io.NopCloser(bytes.NewReader(big)), -1)
		}},
		{name: "strings reader chunked", fast: true, build: func() *http.Request {
			return newReq("POST", "http://example.com/", engineHeader(), io.NopCloser(strings.NewReader("text")), -1)
		}},
		{name: "body shorter than its length", fast: true, build: stream("POST", []byte("12345"), 10)},
		{name: "body longer than its length", fast: true, build: stream("POST", []byte("1234567890"), 5, 3)},
		{name: "bytes longer than the length", fast: true, build: func() *http.Request {
			return newReq("POST", "http://example.com/", engineHeader(), io.NopCloser(bytes.NewReader(big)), 100)
		}},
		{name: "body read error", fast: true, build: func() *http.Request {
			return newReq("POST", "http://example.com/", engineHeader(),
				&streamBody{data: []byte("part"), readErr: errors.New("source failed")}, 10)
		}},
		{name: "chunked body read error", fast: true, build: func() *http.Request {
			return newReq("POST", "http://example.com/", engineHeader(),
				&streamBody{data: []byte("part"), readErr: errors.New("source failed")}, -1)
		}},
		{name: "body close error", fast: true, build: func() *http.Request {
			return newReq("POST", "http://example.com/", engineHeader(),
				&streamBody{data: []byte("data"), closeErr: errors.New("close failed")}, 4)
		}},
		{name: "chunked body close error", fast: true, build: func() *http.Request {
			return newReq("POST", "http://example.com/", engineHeader(),
				&streamBody{data: []byte("data"), closeErr: errors.New("close failed")}, -1)
		}},
		{name: "proxy GET", proxy: true, fast: true, build: func() *http.Request {
			return newReq("GET", "http://example.com/p?q=1", engineHeader(), nil, 0)
		}},
		{name: "proxy GET empty path", proxy: true, fast: true, build: func() *http.Request {
			return newReq("GET", "http://example.com:8080", with(engineHeader(), "Proxy-Authorization", "Basic eDp5"), nil, 0)
		}},
		{name: "proxy with Host override", proxy: true, fast: true, build: func() *http.Request {
			req := newReq("GET", "http://10.0.0.1/x", engineHeader(), nil, 0)
			req.Host = "named.example"
			return req
		}},
		{name: "proxy POST bytes", proxy: true, fast: true, build: func() *http.Request {
			return bytesBody("POST", "http://example.com/form", engineHeader(), []byte("x=1"))
		}},
		{name: "proxy IPv6", proxy: true, fast: true, build: func() *http.Request {
			return newReq("GET", "http://[2001:db8::1]/", engineHeader(), nil, 0)
		}},

		// Left to net/http.
		{name: "punycode host", build: func() *http.Request {
			return newReq("GET", "http://bücher.example/", engineHeader(), nil, 0)
		}},
		{name: "IPv6 zone", build: func() *http.Request {
			return newReq("GET", "http://[fe80::1%25en0]:8080/", engineHeader(), nil, 0)
		}},
		{name: "invalid Host blanked", build: func() *http.Request {
			req := newReq("GET", "http://example.com/", engineHeader(), nil, 0)
			req.Host = "bad host"
			return req
		}},
		{name: "invalid Host through a proxy", proxy: true, build: func() *http.Request {
			req := newReq("GET", "http://example.com/", engineHeader(), nil, 0)
			req.Host = "bad host"
			return req
		}},
		{name: "empty host", build: func() *http.Request {
			req := newReq("GET", "http://example.com/", engineHeader(), nil, 0)
			req.URL.Host = ""
			return req
		}},
		{name: "explicit Transfer-Encoding", build: func() *http.Request {
			req := newReq("POST", "http://example.com/", engineHeader(), &streamBody{data: []byte("abc")}, 3)
			req.TransferEncoding = []string{"chunked"}
			return req
		}},
		{name: "Trailer", build: func() *http.Request {
			req := newReq("POST", "http://example.com/", engineHeader(), &streamBody{data: []byte("abc")}, -1)
			req.Trailer = http.Header{"X-Sum": {"1"}}
			return req
		}},
		{name: "Close", build: func() *http.Request {
			req := newReq("GET", "http://example.com/", engineHeader(), nil, 0)
			req.Close = true
			return req
		}},
		{name: "invalid header key", build: func() *http.Request {
			return newReq("GET", "http://example.com/", with(engineHeader(), "Bad Key", "v"), nil, 0)
		}},
		{name: "CR LF inside a value", build: func() *http.Request {
			return newReq("GET", "http://example.com/", with(engineHeader(), "X-Split", "a\r\nInjected: b"), nil, 0)
		}},
		{name: "CR LF inside the User-Agent", build: func() *http.Request {
			return newReq("GET", "http://example.com/", http.Header{"User-Agent": {"a\nb"}}, nil, 0)
		}},
		{name: "length 0 with a body", build: func() *http.Request {
			return newReq("POST", "http://example.com/", engineHeader(), io.NopCloser(strings.NewReader("abc")), 0)
		}},
		{name: "unknown length on GET (probed)", build: func() *http.Request {
			return newReq("GET", "http://example.com/", engineHeader(), io.NopCloser(strings.NewReader("abc")), -1)
		}},
		{name: "unusual negative length", build: func() *http.Request {
			return newReq("POST", "http://example.com/", engineHeader(), &streamBody{data: []byte("abc")}, -2)
		}},
		{name: "length without a body", build: func() *http.Request {
			return newReq("POST", "http://example.com/", engineHeader(), nil, 5)
		}},
		{name: "NoBody with a length", build: func() *http.Request {
			return newReq("POST", "http://example.com/", engineHeader(), http.NoBody, 5)
		}},
		{name: "CONNECT", build: func() *http.Request {
			req := newReq("CONNECT", "http://example.com:443", engineHeader(), nil, 0)
			return req
		}},
		{name: "opaque URL", build: func() *http.Request {
			req := newReq("GET", "http://example.com/", engineHeader(), nil, 0)
			req.URL.Opaque = "//other.example/x"
			return req
		}},
		{name: "control byte in the query", build: func() *http.Request {
			req := newReq("GET", "http://example.com/", engineHeader(), nil, 0)
			req.URL.RawQuery = "a=\x01"
			return req
		}},
		{name: "proxy without scheme", proxy: true, build: func() *http.Request {
			req := newReq("GET", "http://example.com/", engineHeader(), nil, 0)
			req.URL.Scheme = ""
			return req
		}},
	}
}

// traced binds a trace recording WroteHeaders and WroteRequest (with the
// bytes the connection had then) to req; withFields adds the
// WroteHeaderField hook, which writeH1 leaves to net/http.
func traced(req *http.Request, rec *segRecorder, events *[]string, withFields bool) *http.Request {
	tr := &httptrace.ClientTrace{
		WroteHeaders: func() { *events = append(*events, fmt.Sprintf("headers@%d", rec.total)) },
		WroteRequest: func(info httptrace.WroteRequestInfo) {
			*events = append(*events, fmt.Sprintf("request(%v)@%d", info.Err, rec.total))
		},
	}
	if withFields {
		tr.WroteHeaderField = func(key string, _ []string) { *events = append(*events, "field "+key) }
	}
	return req.WithContext(httptrace.WithClientTrace(context.Background(), tr))
}

// writeWith writes c's request with net/http (mine false) or writeH1
// (mine true), then flushes as the transport does, through a buffer of
// size bytes onto a connection that breaks after limit bytes.
func writeWith(c h1Case, mine bool, size, limit int, withFields bool) h1Outcome {
	rec := &segRecorder{limit: limit}
	var events []string
	req := traced(c.build(), rec, &events, withFields)
	sb, _ := req.Body.(*streamBody)
	bw := bufio.NewWriterSize(rec, size)
	var err error
	switch {
	case mine:
		var w h1Writer
		err = w.writeH1(bw, req, c.proxy, httptrace.ContextClientTrace(req.Context()))
	case c.proxy:
		err = req.WriteProxy(bw)
	default:
		err = req.Write(bw)
	}
	if err == nil {
		err = bw.Flush()
	}
	out := h1Outcome{segs: rec.segs, events: events}
	if err != nil {
		out.err = err.Error()
		out.errOpaque = errors.Unwrap(err) == nil
	}
	if sb != nil {
		out.bodyCloses = sb.closes
	}
	return out
}

// TestWriteH1MatchesNetHTTP writes every case with net/http and with
// writeH1, through buffers of several sizes and onto connections that
// break at several points, and wants the same writes, error and trace.
func TestWriteH1MatchesNetHTTP(t *testing.T) {
	for _, c := range h1Cases() {
		t.Run(c.name, func(t *testing.T) {
			var w h1Writer
			req := c.build()
			_, fast := w.planH1(req, c.proxy, nil)
			if fast != c.fast {
				t.Fatalf("planH1 accepts = %v, want %v", fast, c.fast)
			}
			full := writeWith(c, false, h1BufferSize, -1, false)
			total := len(bytes.Join(full.segs, nil))
			for _, size := range []int{h1BufferSize, 16, 100} {
				for _, limit := range []int{-1, 0, 1, 17, 40, total / 2, total - 1, total} {
					want := writeWith(c, false, size, limit, false)
					got := writeWith(c, true, size, limit, false)
					compareOutcomes(t, fmt.Sprintf("buffer %d, broken after %d", size, limit), got, want)
				}
			}
		})
	}
}

func compareOutcomes(t *testing.T, where string, got, want h1Outcome) {
	t.Helper()
	if g, w := bytes.Join(got.segs, nil), bytes.Join(want.segs, nil); !bytes.Equal(g, w) {
		t.Fatalf("%s: bytes differ\n got: %q\nwant: %q", where, g, w)
	}
	if !slices.EqualFunc(got.segs, want.segs, bytes.Equal) {
		t.Fatalf("%s: writes differ\n got: %q\nwant: %q", where, got.segs, want.segs)
	}
	if got.err != want.err || got.errOpaque != want.errOpaque {
		t.Fatalf("%s: error = %q (opaque %v), want %q (opaque %v)", where, got.err, got.errOpaque, want.err, want.errOpaque)
	}
	if !slices.Equal(got.events, want.events) {
		t.Fatalf("%s: trace = %q, want %q", where, got.events, want.events)
	}
	if got.bodyCloses != want.bodyCloses {
		t.Fatalf("%s: body closed %d times, want %d", where, got.bodyCloses, want.bodyCloses)
	}
}

// TestWriteH1WantsExactBytes pins a few requests to literal bytes, so a
// change in net/http's format shows up here as well as in the
// differential test.
func TestWriteH1WantsExactBytes(t *testing.T) {
	tests := []struct {
		req   *http.Request
		proxy bool
		want  string
	}{
		{newReq("GET", "http://example.com/a?b=c", http.Header{"User-Agent": {"UA"}, "Connection": {"Keep-Alive"}, "x-lower": {"1"}, "X-Multi": {"a", "b"}}, nil, 0), false,
			"GET /a?b=c HTTP/1.1\r\nHost: example.com\r\nUser-Agent: UA\r\nConnection: Keep-Alive\r\nX-Multi: a\r\nX-Multi: b\r\nx-lower: 1\r\n\r\n"},
		{bytesBody("POST", "http://example.com/", http.Header{"User-Agent": {""}}, []byte("abc")), true,
			"POST http://example.com/ HTTP/1.1\r\nHost: example.com\r\nContent-Length: 3\r\n\r\nabc"},
		{newReq("PUT", "http://example.com/", http.Header{}, &streamBody{data: []byte("hello world"), sizes: []int{5, 6}}, -1), false,
			"PUT / HTTP/1.1\r\nHost: example.com\r\nUser-Agent: Go-http-client/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"},
	}
	for _, tt := range tests {
		rec := &segRecorder{limit: -1}
		bw := bufio.NewWriter(rec)
		var w h1Writer
		if err := w.writeH1(bw, tt.req, tt.proxy, nil); err != nil {
			t.Fatal(err)
		}
		bw.Flush()
		if got := string(rec.bytes()); got != tt.want {
			t.Errorf("wrote\n%q\nwant\n%q", got, tt.want)
		}
	}
}

// TestWriteH1HeaderFieldTraceGoesToNetHTTP: a trace that wants every
// header field is served by net/http, which calls that hook.
func TestWriteH1HeaderFieldTraceGoesToNetHTTP(t *testing.T) {
	c := h1Cases()[2] // GET with caller fields
	var w h1Writer
	var events []string
	req := traced(c.build(), &segRecorder{limit: -1}, &events, true)
	if _, ok := w.planH1(req, false, httptrace.ContextClientTrace(req.Context())); ok {
		t.Fatal("planH1 accepts a trace with WroteHeaderField")
	}
	want := writeWith(c, false, h1BufferSize, -1, true)
	got := writeWith(c, true, h1BufferSize, -1, true)
	compareOutcomes(t, "field trace", got, want)
	if !slices.Contains(got.events, "field Accept") {
		t.Fatalf("trace = %q, want the Accept field reported", got.events)
	}
}

// TestWriteH1ReusesItsBuffers: writing the engine's usual requests on a
// connection allocates nothing once its buffers exist.
func TestWriteH1ReusesItsBuffers(t *testing.T) {
	bare := newReq("GET", "http://example.com/hello?x=1", engineHeader(), nil, 0)
	fields := newReq("GET", "http://example.com/", with(engineHeader(), "Accept", "*/*", "Accept-Language", "en", "Cookie", "a=b"), nil, 0)
	var events int
	tr := &httptrace.ClientTrace{WroteRequest: func(httptrace.WroteRequestInfo) { events++ }}
	data := []byte("a=1&b=2")
	body := bytes.NewReader(data)
	post := bytesBody("POST", "http://example.com/form", engineHeader(), data)
	post.Body = io.NopCloser(body)
	bw := bufio.NewWriterSize(io.Discard, h1BufferSize)
	var w h1Writer
	for _, req := range []*http.Request{bare, fields, post} {
		allocs := testing.AllocsPerRun(100, func() {
			body.Reset(data)
			if err := w.writeH1(bw, req, false, tr); err != nil {
				t.Fatal(err)
			}
			bw.Flush()
		})
		if allocs != 0 {
			t.Errorf("%s %s: %v allocations per request, want 0", req.Method, req.URL, allocs)
		}
	}
	if events == 0 {
		t.Fatal("WroteRequest was not called")
	}
}

// TestEngineRequestsOnTheWire sends requests of each shape through a
// session to a loopback server and wants, for each, the bytes net/http's
// Request.Write makes of the request the engine built.
func TestEngineRequestsOnTheWire(t *testing.T) {
	srv := newRawServer(t, echoOK)
	s := testSession(t, SessionOptions{UserAgent: "Wire/1"})
	big := bytes.Repeat([]byte("x"), 70<<10)
	tests := []struct {
		name   string
		method string
		header []Field
		body   requestBody
	}{
		{"GET", "GET", nil, requestBody{}},
		{"GET with fields", "GET", []Field{{"x-lower", "a"}, {"X-Multi", "1"}, {"X-Multi", "2"}, {"Accept", "*/*"}}, requestBody{}},
		{"POST bytes", "POST", nil, requestBody{data: []byte("a=1")}},
		{"PUT long bytes", "PUT", nil, requestBody{data: big}},
		{"POST stream", "POST", nil, requestBody{reader: bytes.NewReader(big), length: int64(len(big))}},
		{"POST chunked", "POST", nil, requestBody{reader: &streamBody{data: big, sizes: []int{100, 5000}}, length: -1}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustRequest(t, s, tt.method, fmt.Sprintf("%s/case/%d?q=%d", srv.URL(), i, i))
			for _, f := range tt.header {
				r.Header.Add(f.Name, f.Value)
			}
			// The request Go would be asked to write, with a body of its
			// own (the one sent is consumed).
			u, _ := url.Parse(r.URL.String())
			wb := tt.body
			if sb, ok := wb.reader.(*streamBody); ok {
				wb.reader = &streamBody{data: sb.data, sizes: sb.sizes}
			} else if wb.reader != nil {
				wb.reader = bytes.NewReader(big)
			}
			var want bytes.Buffer
			if err := r.wireRequest(tt.method, u, wb, wireHeaders{}, context.Background()).Write(&want); err != nil {
				t.Fatal(err)
			}
			var resp *Response
			var err error
			if tt.body.reader != nil {
				resp, err = r.SendReader(context.Background(), tt.body.reader, tt.body.length)
			} else {
				resp, err = r.Send(context.Background(), tt.body.data)
			}
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			raws := srv.requests()
			if got := raws[len(raws)-1]; got != want.String() {
				t.Fatalf("on the wire:\n%.600q\nnet/http writes:\n%.600q", got, want.String())
			}
		})
	}
}

// BenchmarkWriteRequest compares writing the engine's usual GET with
// net/http's Request.Write and with writeH1, without a network:
//
//	go test -run '^$' -bench WriteRequest -benchmem ./engine/
func BenchmarkWriteRequest(b *testing.B) {
	req := newReq("GET", "http://127.0.0.1:8080/hello?x=1", engineHeader(), nil, 0)
	tr := &httptrace.ClientTrace{WroteRequest: func(httptrace.WroteRequestInfo) {}}
	req = req.WithContext(httptrace.WithClientTrace(context.Background(), tr))
	bw := bufio.NewWriterSize(io.Discard, h1BufferSize)
	b.Run("net-http", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := req.Write(bw); err != nil {
				b.Fatal(err)
			}
			bw.Flush()
		}
	})
	b.Run("writeH1", func(b *testing.B) {
		b.ReportAllocs()
		var w h1Writer
		for b.Loop() {
			if err := w.writeH1(bw, req, false, tr); err != nil {
				b.Fatal(err)
			}
			bw.Flush()
		}
	})
}
