package winhttpapi

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"strings"

	"github.com/coder/websocket"

	"github.com/winhttpjs/winhttpjs/engine"
)

// reqState is where a request handle is in WinHTTP's call order (§1.4).
type reqState int

const (
	stOpen     reqState = iota // opened or failed: SendRequest may be called
	stSending                  // sent, WriteData expected
	stSent                     // sent, ReceiveResponse expected
	stReceived                 // response head available
)

// requestData is a request handle's engine request and call state.
type requestData struct {
	h      *handle
	eng    *engine.Request
	verb   string
	secure bool
	state  reqState

	disable       uint32 // WINHTTP_DISABLE_* set by DISABLE_FEATURE
	securityFlags uint32
	upgrade       bool // UPGRADE_TO_WEB_SOCKET set
	autoChunk     bool // WINHTTP_FLAG_AUTOMATIC_CHUNKING

	cancel context.CancelFunc
	prog   *progress
	body   io.Writer      // where WriteData goes (pipe or dechunker); nil when no data is expected
	pw     *io.PipeWriter // the engine's body pipe
	total  int64          // body bytes announced; -1 chunked
	given  int64          // body bytes given so far (optional + WriteData)

	resp   *engine.Response
	reader *bufio.Reader // response body, decompressed if asked
	closer io.Closer
	eof    bool
	// left is what the body still owes the script, -1 when its length is
	// unknown (or it is decoded): reads allocate no more than that.
	left int64
	// scratch receives asynchronous reads into a caller's buffer until
	// they are copied there on the script's goroutine (readinto.go).
	scratch []byte

	op asyncOp

	wsConn *websocket.Conn // the upgraded connection, until CompleteUpgrade takes it
}

// flagAutomaticChunking is WinHttpOpenRequest's WINHTTP_FLAG_AUTOMATIC_CHUNKING.
const flagAutomaticChunking = 0x200

// readBufferSize is the read-ahead of a response body.
const readBufferSize = 64 << 10

// abort ends the request's current exchange (WinHttpCloseHandle or a new
// WinHttpSendRequest).
func (r *requestData) abort() {
	if r.cancel != nil {
		r.cancel()
	}
	if r.pw != nil {
		r.pw.CloseWithError(engine.ErrOperationCancelled)
	}
	if r.closer != nil {
		r.closer.Close()
	}
	if r.wsConn != nil {
		r.wsConn.CloseNow()
	}
	if r.upgrade && r.prog != nil {
		// A handshake still running hands its connection to nobody.
		go r.prog.discardWebSocket()
	}
	r.cancel, r.pw, r.body, r.closer, r.reader, r.resp, r.wsConn = nil, nil, nil, nil, nil, nil, nil
}

// start prepares and launches the engine Send for WinHttpSendRequest.
// streaming reports whether the script is to write body data.
func (r *requestData) start(m *module, optional []byte, total int64) (streaming bool) {
	r.abort()
	eng := r.eng
	r.h.set.apply(eng)
	eng.DisableCookies = r.disable&0x1 != 0
	if r.disable&0x2 != 0 {
		eng.Redirects.Disabled = true
	}
	eng.DisableAuth = r.disable&0x4 != 0
	if r.disable&0x8 != 0 {
		eng.Header.Set("Connection", "Close")
	}
	eng.Security.IgnoreFlags = engine.SecurityFlags(r.securityFlags) & engine.SecurityIgnoreAllCertErrors
	if d := r.h.set.decompression; d != 0 {
		eng.Header.Set("Accept-Encoding", acceptEncoding(d))
	}
	chunked := total == 0 && (r.autoChunk || hasChunkedHeader(&eng.Header))
	var body io.Reader
	var failPipe *io.PipeReader
	length := int64(len(optional))
	r.total, r.given = total, int64(len(optional))
	switch {
	case chunked || total > int64(len(optional)):
		pr, pw := io.Pipe()
		r.pw = pw
		r.body = pw
		length = total
		if chunked {
			length, r.total = -1, -1
			if !r.autoChunk {
				r.body = &dechunker{w: pw}
			}
		}
		body = io.MultiReader(bytes.NewReader(optional), pr)
		streaming = true
		failPipe = pr
	case len(optional) > 0:
		body = bytes.NewReader(optional)
	}
	ctx, cancel := context.WithCancel(m.opts.Context)
	r.cancel = cancel
	prog := newProgress()
	r.prog = prog
	if r.upgrade {
		r.startUpgrade(m, ctx, prog)
		return false
	}
	// The engine works on a copy: the script may change the handle's
	// headers and options while the exchange runs.
	send := *eng
	send.Header = eng.Header.Clone()
	send.Notify = prog.push
	var ended func(*engine.Response, error)
	if m.opts.Observe != nil {
		ended = m.opts.Observe(&send)
	}
	exchange := func() {
		resp, err := send.SendReader(ctx, body, length)
		if ended != nil {
			ended(resp, err)
		}
		if failPipe != nil {
			// Unblock WinHttpWriteData: once the engine is done with
			// the body, writes fail (with the engine's error, if any).
			failPipe.CloseWithError(err)
		}
		prog.finish(resp, err)
	}
	if r.inline(streaming) {
		exchange()
	} else {
		go exchange()
	}
	return streaming
}

// inline reports whether WinHttpSendRequest runs the exchange on the
// script's goroutine, through the response head, rather than on one of its
// own. A synchronous request whose whole body was given, on a handle with
// no status callback, can: nothing of the script runs until
// WinHttpReceiveResponse, which would only wait for that goroutine (two
// hand-offs a request, more than the rest of a short request's binding).
// The notifications are still queued, and each call reports its own, so
// WinHttpSendRequest still fails only when the request did not go out,
// and WinHttpReceiveResponse reports a failure after that. A status
// callback is made while the exchange runs, as WinHTTP makes it, so a
// handle with one keeps the goroutine.
func (r *requestData) inline(streaming bool) bool {
	return !r.h.async() && !streaming && r.h.callback == nil
}

// hasChunkedHeader reports whether the script asked for a chunked body.
func hasChunkedHeader(h *engine.Header) bool {
	for _, v := range h.Values("Transfer-Encoding") {
		if strings.EqualFold(strings.TrimSpace(v), "chunked") {
			return true
		}
	}
	return false
}
