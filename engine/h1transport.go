package engine

import (
	"bufio"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/textproto"
	"sync"
	"time"

	"golang.org/x/net/http/httpguts"
	"golang.org/x/net/idna"
)

// The pool's HTTP/1.1 connections, like WinHTTP's own stack, are driven by
// the goroutine that sends the request: it writes the request, then reads
// the answer and the body on the same connection. Go's transport runs two
// goroutines per connection and hands every request and every response
// between them; on a keep-alive connection those hand-offs cost more than
// the exchange itself. HTTP/2 (shared connections, multiplexed streams)
// stays with Go's transport.

const (
	// h1IdleTimeout closes a connection left idle this long.
	h1IdleTimeout = 90 * time.Second
	// h1MaxIdlePerHost and h1MaxIdle bound the idle connections kept.
	h1MaxIdlePerHost = 32
	h1MaxIdle        = 256
	// h1InlineBody is the largest in-memory body written before the
	// answer is read; a longer one (or a stream) is written by a goroutine
	// of its own while the answer is read, so a server that answers
	// before reading the whole body is heard.
	h1InlineBody = 64 << 10
	// h1WriteWait is how long a finished response waits for its request's
	// body to finish writing before giving the connection up.
	h1WriteWait = 50 * time.Millisecond
	// h1BufferSize is the size of a connection's read and write buffers.
	h1BufferSize = 4 << 10
)

// h1Transport sends HTTP/1.1 requests over keep-alive connections it
// pools per server. It is an http.RoundTripper; the engine's dialers
// (dialPlain, dialTLS) open its connections, so every timeout, proxy
// tunnel and TLS setting applies exactly as under Go's transport.
type h1Transport struct {
	maxHeader int64 // response head limit (MAX_RESPONSE_HEADER_SIZE)
	maxConns  int   // connections per server, 0: no limit

	mu    sync.Mutex
	hosts map[h1Key]*h1Host
	idle  int // idle connections in all hosts
}

// h1Key is what a connection is bound to: the server (or, for plain http
// through a proxy, the proxy) it was opened to.
type h1Key struct {
	scheme string
	addr   string // host:port of the server
	proxy  string // host:port of the proxy of a plain http request
}

// h1Host is the connections of one key.
type h1Host struct {
	idle    []*h1Conn // most recently used last
	open    int       // connections open, idle or busy
	waiters []chan struct{}
}

func newH1Transport(maxHeader int64, maxConns int) *h1Transport {
	return &h1Transport{maxHeader: maxHeader, maxConns: maxConns, hosts: make(map[h1Key]*h1Host)}
}

// RoundTrip sends req and returns the response head; the body streams
// from the connection, which returns to the pool when the body has been
// read to its end.
func (t *h1Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	trace := httptrace.ContextClientTrace(ctx)
	key, usingProxy, err := h1KeyFor(req)
	if err != nil {
		closeBody(req.Body)
		return nil, err
	}
	if usingProxy {
		req = withProxyUserinfo(req)
	}
	for {
		pc, err := t.getConn(ctx, key)
		if err != nil {
			closeBody(req.Body)
			return nil, err
		}
		if trace != nil && trace.GotConn != nil {
			trace.GotConn(httptrace.GotConnInfo{Conn: pc.conn, Reused: pc.reused, WasIdle: pc.reused})
		}
		resp, err := pc.roundTrip(ctx, req, trace, usingProxy)
		if err == nil {
			return resp, nil
		}
		if !pc.retryable(ctx, req, err) {
			return nil, err
		}
		// A kept-alive connection the server had already closed: send
		// again on another, as Go's transport does.
		if req.GetBody != nil {
			body, gerr := req.GetBody()
			if gerr != nil {
				return nil, err
			}
			r := *req
			r.Body = body
			req = &r
		}
	}
}

// CloseIdleConnections closes every idle connection.
func (t *h1Transport) CloseIdleConnections() {
	t.mu.Lock()
	var idle []*h1Conn
	for _, host := range t.hosts {
		idle = append(idle, host.idle...)
		clear(host.idle)
		host.idle = host.idle[:0]
	}
	t.idle = 0
	t.mu.Unlock()
	for _, pc := range idle {
		pc.close()
	}
}

// h1KeyFor is the key of the connection req goes out on, and whether the
// request line names the absolute URI (plain http through a proxy).
func h1KeyFor(req *http.Request) (h1Key, bool, error) {
	u := req.URL
	if u == nil {
		return h1Key{}, false, errors.New("http: nil Request.URL")
	}
	addr, err := canonicalAddr(u.Scheme, u.Host, u.Hostname(), u.Port())
	if err != nil {
		return h1Key{}, false, err
	}
	key := h1Key{scheme: u.Scheme, addr: addr}
	if u.Scheme == "http" {
		if h := hopFrom(req.Context()); h != nil && h.proxy != nil {
			p := h.proxy
			if key.proxy, err = canonicalAddr("http", p.Host, p.Hostname(), p.Port()); err != nil {
				return h1Key{}, false, err
			}
			return key, true, nil
		}
	}
	return key, false, nil
}

// withProxyUserinfo answers for credentials written in the proxy's URL
// (an environment proxy such as "http://user:pw@proxy:3128"): a plain
// http request through it carries them as Basic Proxy-Authorization
// unless it has its own, as under Go's transport.
func withProxyUserinfo(req *http.Request) *http.Request {
	h := hopFrom(req.Context())
	if h == nil || h.proxy == nil || h.proxy.User == nil || req.Header.Get("Proxy-Authorization") != "" {
		return req
	}
	user := h.proxy.User.Username()
	pw, _ := h.proxy.User.Password()
	r := *req
	r.Header = req.Header.Clone()
	if r.Header == nil {
		r.Header = make(http.Header, 1)
	}
	r.Header.Set("Proxy-Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(user+":"+pw)))
	return &r
}

// canonicalAddr is host:port with the scheme's default port and the host
// in ASCII. A URL that already names its ASCII host and port is used as it
// is, sparing a string per request.
func canonicalAddr(scheme, hostport, host, port string) (string, error) {
	ascii := true
	for i := 0; i < len(host); i++ {
		if host[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii && port != "" {
		return hostport, nil
	}
	if !ascii {
		a, err := idna.Lookup.ToASCII(host)
		if err != nil {
			return "", fmt.Errorf("host %q: %w", host, err)
		}
		host = a
	}
	if port == "" {
		port = defaultPortFor(scheme)
	}
	return net.JoinHostPort(host, port), nil
}

// getConn takes an idle connection for key or dials a new one, waiting
// for one to free up when the server's connection cap is reached.
func (t *h1Transport) getConn(ctx context.Context, key h1Key) (*h1Conn, error) {
	for {
		t.mu.Lock()
		host := t.hosts[key]
		if host == nil {
			host = new(h1Host)
			t.hosts[key] = host
		}
		if n := len(host.idle); n > 0 {
			pc := host.idle[n-1]
			host.idle[n-1] = nil
			host.idle = host.idle[:n-1]
			t.idle--
			// The idle timer is left running: it finds the connection
			// busy, or idle for less than the timeout, when it fires (see
			// expire).
			t.mu.Unlock()
			if !pc.probe.check(pc.conn) {
				pc.close()
				continue
			}
			pc.reused = true
			return pc, nil
		}
		if t.maxConns > 0 && host.open >= t.maxConns {
			wake := make(chan struct{}, 1)
			host.waiters = append(host.waiters, wake)
			t.mu.Unlock()
			select {
			case <-wake:
				continue
			case <-ctx.Done():
				t.giveUpWaiting(host, wake)
				return nil, ctx.Err()
			}
		}
		host.open++
		t.mu.Unlock()
		pc, err := t.dial(ctx, key, host)
		if err != nil {
			t.mu.Lock()
			t.releaseLocked(key, host)
			t.mu.Unlock()
			return nil, err
		}
		return pc, nil
	}
}

// giveUpWaiting removes a waiter whose request was cancelled, passing on
// a wake-up it may have been sent meanwhile.
func (t *h1Transport) giveUpWaiting(host *h1Host, wake chan struct{}) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for i, w := range host.waiters {
		if w == wake {
			host.waiters = append(host.waiters[:i], host.waiters[i+1:]...)
			return
		}
	}
	// Already woken: the turn goes to the next in line.
	t.wakeLocked(host)
}

// wakeLocked lets the first request waiting for a connection of host try
// again. t.mu is held.
func (t *h1Transport) wakeLocked(host *h1Host) {
	if len(host.waiters) == 0 {
		return
	}
	w := host.waiters[0]
	host.waiters = host.waiters[1:]
	w <- struct{}{}
}

// dial opens a connection for key with the engine's dialers, which read
// the request's settings from ctx.
func (t *h1Transport) dial(ctx context.Context, key h1Key, host *h1Host) (*h1Conn, error) {
	var conn net.Conn
	var err error
	switch {
	case key.scheme == "https":
		conn, err = dialTLS(ctx, "tcp", key.addr)
	case key.proxy != "":
		conn, err = dialPlain(ctx, "tcp", key.proxy)
	default:
		conn, err = dialPlain(ctx, "tcp", key.addr)
	}
	if err != nil {
		return nil, err
	}
	tc := unwrapTimed(conn)
	if tc != nil {
		// No idle read here (see aliveProbe): the deadlines may stay.
		tc.keepDeadlines()
	}
	pc := &h1Conn{t: t, key: key, host: host, conn: conn, limit: math.MaxInt64, bodyLeft: -1}
	if tc != nil && tc == conn {
		pc.tc = tc
	}
	pc.abort = func() { pc.conn.Close() }
	pc.br = bufio.NewReaderSize(pc, h1BufferSize)
	pc.bw = bufio.NewWriterSize(countingWriter{pc}, h1BufferSize)
	return pc, nil
}

// put returns a connection whose exchange ended cleanly to the idle set,
// or closes it when the set is full.
func (t *h1Transport) put(pc *h1Conn) {
	t.mu.Lock()
	host := pc.host
	if len(host.idle) >= h1MaxIdlePerHost || t.idle >= h1MaxIdle {
		t.mu.Unlock()
		pc.close()
		return
	}
	host.idle = append(host.idle, pc)
	t.idle++
	pc.idleSince = time.Now()
	// A timer set or reset wakes an idle thread of the Go scheduler to
	// look at it (about one system call pair per request in a keep-alive
	// loop), so the timer is armed once and moved on only when it fires
	// (expire), not at every return to the pool.
	switch {
	case pc.idleTimer == nil:
		pc.idleTimer = time.AfterFunc(h1IdleTimeout, pc.expire)
		pc.idleArmed = true
	case !pc.idleArmed:
		pc.idleTimer.Reset(h1IdleTimeout)
		pc.idleArmed = true
	}
	t.wakeLocked(host)
	t.mu.Unlock()
}

// h1Conn is one HTTP/1.1 connection of an h1Transport.
type h1Conn struct {
	t    *h1Transport
	key  h1Key
	host *h1Host
	conn net.Conn // the engine's timedConn or tlsSide
	br   *bufio.Reader
	bw   *bufio.Writer
	// idleTimer closes the connection once it has been idle for
	// h1IdleTimeout; idleArmed says it is pending, idleSince when the
	// connection last went idle. All three are guarded by t.mu.
	idleTimer *time.Timer
	idleArmed bool
	idleSince time.Time
	probe     aliveProbe // checks the connection when it is taken from idle
	// abort closes the connection when a request's context is cancelled:
	// made once, not per exchange (see roundTrip).
	abort func()
	// hw writes the requests, with buffers kept from one to the next; only
	// the exchange holding the connection (or its body writer) uses it.
	hw h1Writer

	// Per exchange; only the goroutine that holds the connection uses
	// them (the body writer counts written before it is waited for).
	reused  bool
	limit   int64 // bytes the reader may still take (the head limit)
	written int64 // bytes of this exchange written to the connection
	heard   bool  // a byte of this exchange's answer arrived
	// bodyLeft is what the socket still owes of a body of known length,
	// -1 otherwise; tc is the connection's timedConn when it carries HTTP
	// in clear (nil under TLS), which batches reads within that bound.
	bodyLeft int64
	tc       *timedConn
}

// Read reads from the connection within the head limit; bufio reads
// through it.
func (pc *h1Conn) Read(p []byte) (int, error) {
	if pc.limit <= 0 {
		return 0, fmt.Errorf("net/http: server response headers exceeded %d bytes; aborted", pc.t.maxHeader)
	}
	if int64(len(p)) > pc.limit {
		p = p[:pc.limit]
	}
	var n int
	var err error
	if pc.tc != nil {
		n, err = pc.tc.readAtMost(p, pc.bodyLeft)
	} else {
		n, err = pc.conn.Read(p)
	}
	if pc.bodyLeft > 0 {
		pc.bodyLeft -= int64(n)
		if pc.bodyLeft == 0 && pc.tc != nil {
			pc.tc.batch.end(pc.tc.Conn)
		}
	}
	pc.limit -= int64(n)
	if n > 0 {
		pc.heard = true
	}
	return n, err
}

// countingWriter counts what an exchange writes to its connection.
type countingWriter struct{ pc *h1Conn }

func (w countingWriter) Write(p []byte) (int, error) {
	n, err := w.pc.conn.Write(p)
	w.pc.written += int64(n)
	return n, err
}

// bodyWriteSize is the largest write of a request body copied to the
// connection: a body the write buffer hands over whole (bufio.Writer's
// ReadFrom, once the buffer is empty) goes out in writes this large
// rather than buffer-sized 4 KiB ones, each a system call. The send
// timeout still applies to each write, as WinHTTP applies it per network
// operation.
const bodyWriteSize = 256 << 10

// ReadFrom copies r to the connection in writes of up to bodyWriteSize.
func (w countingWriter) ReadFrom(r io.Reader) (int64, error) {
	size := int64(bodyWriteSize)
	if lr, ok := r.(*io.LimitedReader); ok && lr.N < size {
		size = max(lr.N, 512)
	}
	// writerOnly hides this method from io.CopyBuffer, which would
	// otherwise call it again.
	return io.CopyBuffer(writerOnly{w}, r, make([]byte, size))
}

// writerOnly is an io.Writer and nothing else.
type writerOnly struct{ io.Writer }

// close closes the connection and frees its place under the server's cap.
// The last connection of a server takes the server's entry with it, so a
// long-lived session that has talked to many servers keeps no entry for
// those it is done with.
func (pc *h1Conn) close() {
	pc.conn.Close()
	t := pc.t
	t.mu.Lock()
	if pc.idleArmed {
		pc.idleTimer.Stop()
		pc.idleArmed = false
	}
	t.releaseLocked(pc.key, pc.host)
	t.mu.Unlock()
}

// releaseLocked gives up one of host's connections (closed, or never
// opened): it wakes a waiter and drops the entry of a server with nothing
// left. t.mu is held.
func (t *h1Transport) releaseLocked(key h1Key, host *h1Host) {
	host.open--
	t.wakeLocked(host)
	if host.open == 0 && len(host.waiters) == 0 && len(host.idle) == 0 && t.hosts[key] == host {
		delete(t.hosts, key)
	}
}

// expire runs when the idle timer fires: it closes the connection if it
// has been idle for h1IdleTimeout, sets the timer for the rest of that
// time if it went idle later, and leaves it unarmed while the connection
// is in use (put arms it again).
func (pc *h1Conn) expire() {
	t := pc.t
	t.mu.Lock()
	host := pc.host
	for i, c := range host.idle {
		if c != pc {
			continue
		}
		if rest := h1IdleTimeout - time.Since(pc.idleSince); rest > 0 {
			pc.idleTimer.Reset(rest)
			t.mu.Unlock()
			return
		}
		host.idle = append(host.idle[:i], host.idle[i+1:]...)
		t.idle--
		pc.idleArmed = false
		t.mu.Unlock()
		pc.close()
		return
	}
	pc.idleArmed = false
	t.mu.Unlock()
}

// roundTrip writes req and reads the response head. On failure the
// connection is closed.
func (pc *h1Conn) roundTrip(ctx context.Context, req *http.Request, trace *httptrace.ClientTrace, usingProxy bool) (*http.Response, error) {
	pc.written, pc.heard = 0, false
	ex := &h1Exchange{pc: pc}
	if ctx.Done() != nil {
		// Cancelling the request closes its connection, which ends any
		// read or write in progress.
		ex.stop = context.AfterFunc(ctx, pc.abort)
	}
	if inlineBody(req) {
		if err := pc.writeRequest(req, usingProxy, trace); err != nil {
			ex.end(false)
			return nil, err
		}
	} else {
		ex.writeDone = make(chan error, 1)
		go func() {
			err := pc.writeRequest(req, usingProxy, trace)
			if err != nil {
				// As under Go's transport, a failed write ends the
				// connection, and with it the wait for an answer.
				pc.conn.Close()
			}
			ex.writeDone <- err
		}()
	}
	pc.bodyLeft = -1
	resp, err := pc.readResponse(req, trace)
	if err == nil && resp.ContentLength > 0 && resp.Body != http.NoBody {
		// What the socket still owes of the body: a read may wait for
		// that much at most (readBatch).
		pc.bodyLeft = resp.ContentLength - int64(pc.br.Buffered())
		if pc.tc != nil {
			pc.tc.batch.begin()
		}
	}
	if err != nil {
		if ex.writeDone != nil {
			// The writer may have failed first, which is the better
			// explanation; either way it must end before the connection
			// is given up.
			pc.conn.Close()
			if werr := <-ex.writeDone; werr != nil && !errors.Is(werr, net.ErrClosed) {
				err = werr
			}
			ex.writeDone = nil
		}
		ex.end(false)
		return nil, err
	}
	ex.keep = !resp.Close && !req.Close && resp.StatusCode != http.StatusSwitchingProtocols &&
		!httpguts.HeaderValuesContainsToken(req.Header["Connection"], "close")
	if resp.Body == http.NoBody {
		ex.end(ex.keep)
		return resp, nil
	}
	ex.body = resp.Body
	resp.Body = ex
	return resp, nil
}

// inlineBody reports whether req's body is written before its answer is
// read: none, or a short one already in memory.
func inlineBody(req *http.Request) bool {
	return req.Body == nil || req.Body == http.NoBody ||
		req.GetBody != nil && req.ContentLength > 0 && req.ContentLength <= h1InlineBody
}

// writeRequest writes req and flushes it. The request is reported
// written (httptrace WroteRequest) before the flush, as Go's transport
// does; the engine's connection reports RequestSent when the flush has
// gone out.
func (pc *h1Conn) writeRequest(req *http.Request, usingProxy bool, trace *httptrace.ClientTrace) error {
	err := pc.hw.writeH1(pc.bw, req, usingProxy, trace)
	if err == nil {
		err = pc.bw.Flush()
	}
	if err != nil {
		pc.bw.Reset(countingWriter{pc})
	}
	return err
}

// readResponse reads heads until the final one, reporting interim (1xx)
// heads, each within the head limit.
func (pc *h1Conn) readResponse(req *http.Request, trace *httptrace.ClientTrace) (*http.Response, error) {
	first := true
	for {
		pc.limit = pc.t.maxHeader
		if first && trace != nil && trace.GotFirstResponseByte != nil {
			if _, err := pc.br.Peek(1); err != nil {
				return nil, pc.headError(err)
			}
			trace.GotFirstResponseByte()
		}
		first = false
		resp, err := http.ReadResponse(pc.br, req)
		if err != nil {
			return nil, pc.headError(err)
		}
		pc.limit = math.MaxInt64
		code := resp.StatusCode
		if code < 100 || code >= 200 || code == http.StatusSwitchingProtocols {
			return resp, nil
		}
		if trace != nil && trace.Got1xxResponse != nil {
			if err := trace.Got1xxResponse(code, textproto.MIMEHeader(resp.Header)); err != nil {
				return nil, err
			}
		}
	}
}

// headError explains a failure to read a response head.
func (pc *h1Conn) headError(err error) error {
	if pc.limit <= 0 {
		return fmt.Errorf("net/http: server response headers exceeded %d bytes; aborted", pc.t.maxHeader)
	}
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// retryable reports whether a failed exchange may be sent again on
// another connection: only when a kept-alive connection turned out to be
// closed before any of the answer came, and the request can be sent again
// safely (nothing of it went out, or it is idempotent and its body can be
// rewound). A timeout or a cancellation is never retried.
func (pc *h1Conn) retryable(ctx context.Context, req *http.Request, err error) bool {
	if !pc.reused || pc.heard || ctx.Err() != nil || isTimeout(err) {
		return false
	}
	var e *Error
	if errors.As(err, &e) {
		return false
	}
	if h := hopFrom(ctx); h != nil && h.failed.Load() {
		return false
	}
	hasBody := req.Body != nil && req.Body != http.NoBody
	if hasBody && req.GetBody == nil {
		return false
	}
	if pc.written == 0 {
		return true
	}
	switch req.Method {
	case "", http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace:
		return true
	}
	return req.Header.Get("Idempotency-Key") != "" || req.Header.Get("X-Idempotency-Key") != ""
}

// h1Exchange is the body of a response on an h1Conn, and what is needed
// to hand the connection back once it has been read.
type h1Exchange struct {
	pc        *h1Conn
	body      io.ReadCloser
	stop      func() bool // stops the cancellation hook; nil if none
	writeDone chan error  // the body writer's result, when it runs apart
	keep      bool        // the connection may serve another request

	mu    sync.Mutex
	ended bool
	eof   bool // the body was read to its end
}

// errBodyClosed is a read after Close, as Go's transport words it.
var errBodyClosed = errors.New("http: read on closed response body")

// Read reads the body; at its end the connection goes back to the pool.
func (ex *h1Exchange) Read(p []byte) (int, error) {
	if err := ex.endedErr(); err != nil {
		return 0, err
	}
	n, err := ex.body.Read(p)
	switch {
	case err == io.EOF:
		ex.mu.Lock()
		ex.eof = true
		ex.mu.Unlock()
		ex.end(ex.keep)
	case err != nil:
		ex.end(false)
	}
	return n, err
}

// Close ends the exchange; a body not read to its end closes the
// connection, which also stops a Read in progress.
func (ex *h1Exchange) Close() error {
	ex.end(false)
	return nil
}

// endedErr is what a Read returns once the exchange has ended: the end
// of the body again after it was reached, else the body's closing; nil
// while it goes on.
func (ex *h1Exchange) endedErr() error {
	ex.mu.Lock()
	defer ex.mu.Unlock()
	switch {
	case ex.eof:
		return io.EOF
	case ex.ended:
		return errBodyClosed
	}
	return nil
}

// end hands the connection back (keep) or closes it, once.
func (ex *h1Exchange) end(keep bool) {
	ex.mu.Lock()
	if ex.ended {
		ex.mu.Unlock()
		return
	}
	ex.ended = true
	ex.mu.Unlock()
	pc := ex.pc
	if ex.stop != nil && !ex.stop() {
		// The request was cancelled: its hook is closing the connection.
		keep = false
	}
	if ex.writeDone != nil {
		if keep {
			select {
			case werr := <-ex.writeDone:
				keep = werr == nil
			case <-time.After(h1WriteWait):
				keep = false
			}
		}
		if !keep {
			// The writer ends on its own once the connection is closed
			// (or its body source is): writeDone is buffered, so its last
			// send never waits for a reader.
			pc.conn.Close()
		}
	}
	if keep && pc.br.Buffered() > 0 {
		// Bytes after the response: the connection is out of step.
		keep = false
	}
	if keep {
		pc.t.put(pc)
		return
	}
	pc.close()
}
