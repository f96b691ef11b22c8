package winhttpapi

import (
	"bufio"
	"compress/gzip"
	"errors"
	"io"
	"strings"

	"github.com/dop251/goja"

	"github.com/winhttpjs/winhttpjs/engine"
)

// maxRead caps one WinHttpReadData: WinHTTP may return fewer bytes than
// asked, and a script asking for 4 GiB must not make the module allocate it.
const maxRead = 1 << 20

// received installs the response once WinHttpReceiveResponse succeeded.
func (m *module) received(h *handle, resp *engine.Response) error {
	r := h.req
	if h.set.maxRedirects == 0 && r.disable&0x2 == 0 && h.set.redirectPolicy != 0 && isRedirect(resp) {
		resp.Body.Close()
		r.state = stOpen
		return &engine.Error{Code: engine.ErrRedirectFailed, Op: "redirect",
			Err: errors.New("WINHTTP_OPTION_MAX_HTTP_AUTOMATIC_REDIRECTS is 0")}
	}
	r.resp, r.closer, r.eof = resp, resp.Body, false
	var src io.Reader = resp.Body
	if d := h.set.decompression; d != 0 {
		if v, ok := resp.Header.Get("Content-Encoding"); ok {
			switch strings.ToLower(strings.TrimSpace(v)) {
			case "gzip":
				if d&1 != 0 {
					src = &lazyDecoder{src: resp.Body, open: func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) }}
				}
			case "deflate":
				if d&2 != 0 {
					src = &lazyDecoder{src: resp.Body, open: openDeflate}
				}
			}
		}
	}
	decoded := src != io.Reader(resp.Body)
	r.reader = bufio.NewReaderSize(src, readAheadSize(resp.ContentLength, decoded))
	r.left = resp.ContentLength
	if decoded {
		r.left = -1
	}
	r.state = stReceived
	return nil
}

// readAheadSize is the read-ahead buffer of a body of contentLength bytes
// (negative: unknown): no larger than the body, whose end the next read
// finds without a buffer of its own. A decoded body's length is not
// known. A full buffer per request made a 13-byte answer cost 64 KiB.
func readAheadSize(contentLength int64, decoded bool) int {
	if decoded || contentLength < 0 {
		return readBufferSize
	}
	// bufio's smallest buffer is 16 bytes.
	return int(min(max(contentLength, 16), readBufferSize))
}

func isRedirect(resp *engine.Response) bool {
	switch resp.StatusCode {
	case 301, 302, 303, 307, 308:
		_, ok := resp.Header.Get("Location")
		return ok
	}
	return false
}

// response looks up a request whose response head has been received.
func (m *module) response(v goja.Value) (*handle, engine.Code) {
	h, code := m.request(v)
	if code != 0 {
		return nil, code
	}
	if h.req.state != stReceived || h.req.reader == nil {
		return nil, engine.ErrIncorrectHandleState
	}
	return h, 0
}

// available waits for body bytes and returns how many can be read without
// waiting (0 at the end of the body).
func (r *requestData) available(rd *bufio.Reader) (int, error) {
	if r.eof {
		return 0, nil
	}
	if _, err := rd.Peek(1); err != nil {
		if err == io.EOF {
			return 0, nil
		}
		return 0, err
	}
	return rd.Buffered(), nil
}

// read reads up to n bytes (fewer if fewer are ready) into a new slice,
// the only allocation of the call: it becomes the returned Uint8Array's
// ArrayBuffer as it is. Empty at the end. fill keeps reading until n bytes
// or the end (WinHttpReadDataEx).
func (r *requestData) read(rd *bufio.Reader, n int, fill bool) ([]byte, error) {
	n = r.capRead(min(n, maxRead))
	if b := rd.Buffered(); b > 0 && b < n && !fill {
		// bufio returns only what it holds when it holds something (after
		// WinHttpQueryDataAvailable): allocate that much, not n.
		n = b
	}
	buf := make([]byte, n)
	got, err := r.readInto(rd, buf, fill)
	return buf[:got], err
}

// readInto reads up to len(p) bytes into p (fewer if fewer are ready; 0 at
// the end). fill keeps reading until p is full or the body ends. With an
// empty read-ahead and p at least as large as it, bufio reads straight
// into p: a large caller buffer costs no copy.
func (r *requestData) readInto(rd *bufio.Reader, p []byte, fill bool) (int, error) {
	if r.eof {
		// The body was closed at its end; reading on is WinHTTP's
		// TRUE with 0 bytes, not a read of a closed body.
		return 0, nil
	}
	var got int
	var err error
	if fill {
		got, err = io.ReadFull(rd, p)
		if err == io.ErrUnexpectedEOF {
			err = io.EOF
		}
	} else if len(p) > 0 {
		got, err = rd.Read(p)
	}
	if err == io.EOF {
		err = nil
	}
	if r.left >= 0 {
		r.left = max(r.left-int64(got), 0)
	}
	return got, err
}

// capRead bounds a read of n bytes into memory of the module's own by
// what the body still owes, plus the byte that finds its end: a 13-byte
// answer read with WinHttpReadData(h, 65536) allocates 14 bytes.
func (r *requestData) capRead(n int) int {
	if r.left >= 0 && int64(n) > r.left+1 {
		return int(r.left) + 1
	}
	return n
}

// ended gives the connection back once a read of a non-zero count came
// back empty: the end of the body.
func (r *requestData) ended(got, asked int) {
	if got == 0 && asked > 0 && !r.eof {
		r.eof = true
		r.scratch = nil
		if r.closer != nil {
			r.closer.Close()
		}
	}
}

// queryDataAvailable is WinHttpQueryDataAvailable(hRequest) → bytes
// available (0 at the end of the body; null on failure). Asynchronously
// it returns true and DATA_AVAILABLE carries the count.
func (m *module) queryDataAvailable(call goja.FunctionCall) goja.Value {
	h, code := m.response(call.Argument(0))
	if code != 0 {
		return m.failNull(code)
	}
	r, rd := h.req, h.req.reader
	if h.async() {
		m.runAsync(h, func(func(engine.Notification)) func() {
			n, err := r.available(rd)
			return func() {
				if m.cancelledCall(h, asyncResult{api: apiQueryDataAvailable}) {
					return
				}
				if err != nil {
					m.invoke(h, statusRequestError, asyncResult{api: apiQueryDataAvailable, code: m.closedCode(h, err)})
					return
				}
				m.invoke(h, statusDataAvailable, uint32(n))
			}
		})
		return m.ok()
	}
	n, err := r.available(rd)
	if err != nil {
		return m.failNullErr(err)
	}
	m.lastError = 0
	return m.rt.ToValue(n)
}

// readData is WinHttpReadData in two forms:
//
//   - WinHttpReadData(hRequest, buffer[, bytesToRead]) is C's shape: the
//     body is read into the script's buffer (see readIntoCaller) and the
//     call returns the number of bytes read (0 at the end of the body).
//   - WinHttpReadData(hRequest, bytesToRead) → a new Uint8Array (empty at
//     the end of the body); asynchronously READ_COMPLETE carries it.
//
// Both return null on failure.
func (m *module) readData(call goja.FunctionCall) goja.Value {
	if buf, ok := m.callerBuffer(call.Argument(1)); ok {
		return m.readIntoCaller(call.Argument(0), call.Argument(1), buf, call.Argument(2), false)
	}
	return m.readNew(call, false)
}

// readDataEx is WinHttpReadDataEx with WINHTTP_READ_DATA_EX_FLAG_FILL_BUFFER
// (1): read until the buffer is full or the body ends. Its forms are
// WinHttpReadDataEx(hRequest, buffer, bytesToRead, flags) → count and
// WinHttpReadDataEx(hRequest, bytesToRead, flags) → Uint8Array.
func (m *module) readDataEx(call goja.FunctionCall) goja.Value {
	buf, isBuf := m.callerBuffer(call.Argument(1))
	flagArg := call.Argument(2)
	if isBuf {
		flagArg = call.Argument(3)
	}
	flags, ok := dword(flagArg)
	if !ok {
		return m.failNull(engine.ErrInvalidParameter)
	}
	if isBuf {
		return m.readIntoCaller(call.Argument(0), call.Argument(1), buf, call.Argument(2), flags&1 != 0)
	}
	return m.readNew(call, flags&1 != 0)
}

// readNew is the form that returns a new Uint8Array.
func (m *module) readNew(call goja.FunctionCall, fill bool) goja.Value {
	h, code := m.response(call.Argument(0))
	if code != 0 {
		return m.failNull(code)
	}
	n, ok := dword(call.Argument(1))
	if !ok {
		return m.failNull(engine.ErrInvalidParameter)
	}
	r, rd := h.req, h.req.reader
	if h.async() {
		m.runAsync(h, func(func(engine.Notification)) func() {
			data, err := r.read(rd, int(n), fill)
			return func() {
				if m.cancelledCall(h, asyncResult{api: apiReadData}) {
					return
				}
				if err != nil {
					m.invoke(h, statusRequestError, asyncResult{api: apiReadData, code: m.closedCode(h, err)})
					return
				}
				r.ended(len(data), int(n))
				m.invoke(h, statusReadComplete, data)
			}
		})
		return m.ok()
	}
	data, err := r.read(rd, int(n), fill)
	if err != nil {
		return m.failNullErr(err)
	}
	r.ended(len(data), int(n))
	m.lastError = 0
	return m.uint8Array(data)
}
