package winhttp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"

	"github.com/winhttpjs/winhttpjs/internal/hugebuf"
)

// A transfer that delivers OnResponseDataAvailable events keeps the body,
// as Windows' object does (ResponseBody, ResponseText and ResponseStream
// still work after the events), but not all of it in memory: up to
// spillAt bytes it stays in memory, beyond that the whole body moves to an
// anonymous temporary file. A streamed 1 GiB download then costs a few MiB
// of memory, and reading the body back (which few scripts that stream do)
// costs what it costs on Windows.
const (
	// spillAt is the largest body kept in memory while events are
	// delivered: small enough that a download stays well under the
	// streaming memory goal (64 MiB RSS), large enough that ordinary pages
	// and API answers never touch the disk. The worst case is a body just
	// under it (its copy plus the event chunks): measured peak RSS 35 MiB
	// at 8 MiB, 52 MiB at 16 MiB, 85 MiB at 32 MiB.
	spillAt = 8 << 20
	// arenaSize is the allocation event chunks are read into; each Read
	// takes the arena's free tail, so a chunk is exactly what one Read
	// returned (or several, coalesced while the script was busy), with no
	// copy and little wasted capacity. On loopback a Read fills whatever
	// it is given: 1 MiB arenas gave the fewest events and GC cycles, but
	// with the chunks in flight (read ahead, queued, being delivered) the
	// heap and so the peak RSS of a 1 GiB download grew to 43–57 MiB;
	// 512 KiB keeps it at 33–47 MiB for a little more CPU. (Recycling
	// arenas the GC found unreferenced, through a finalizer, halved the
	// GC cycles but raised the RSS: the free arenas are live heap too.)
	arenaSize = 512 << 10
	// minArenaTail is the smallest free tail still read into; below it a
	// new arena starts, so that reads stay large.
	minArenaTail = 64 << 10
	// maxEventChunk bounds one OnResponseDataAvailable chunk built by
	// coalescing reads.
	maxEventChunk = arenaSize
	// maxQueued is how many chunk bytes may wait for the script before
	// the reader waits for it: without a bound a script slower than the
	// network would make the queue hold the whole body.
	maxQueued = 1 << 20
)

// spillSettings says where and from what size a transfer's body spills.
type spillSettings struct {
	at  int64  // largest body kept in memory
	dir string // "" is os.TempDir()
}

// spillKey is the context key of spillSettings other than the defaults:
// tests lower the threshold and choose the directory per object, through
// Config.Context, without a package variable shared by parallel tests.
type spillKey struct{}

// withSpill returns ctx carrying s for the transfers bounded by it.
func withSpill(ctx context.Context, s spillSettings) context.Context {
	return context.WithValue(ctx, spillKey{}, s)
}

func spillSettingsOf(ctx context.Context) spillSettings {
	if s, ok := ctx.Value(spillKey{}).(spillSettings); ok {
		return s
	}
	return spillSettings{at: spillAt}
}

// spillFile is an anonymous temporary file holding a response body. Its
// references are the transfer's and those of the ResponseStream objects
// reading it; the last release closes it (and removes it where removing an
// open file is not possible, which is why the name may still be kept).
type spillFile struct {
	mu   sync.Mutex
	f    *os.File
	name string // still to remove at close; "" once removed
	size int64  // bytes written
	refs int
	// reserved is the end of the disk space preallocated so far;
	// noReserve is set once the system declined.
	reserved  int64
	noReserve bool
}

// reserveStep is how much disk space a spilled body reserves ahead of its
// writes (see preallocate): few calls per GiB, little left unused.
const reserveStep = 64 << 20

// createSpill creates the file in dir ("" is os.TempDir()) and removes
// its name at once where the system allows it (Unix): the data then lives
// only as long as the descriptor, and nothing is left behind even if the
// process is killed.
func createSpill(dir string) (*spillFile, error) {
	f, err := os.CreateTemp(dir, "winhttpjs-body-*")
	if err != nil {
		return nil, err
	}
	s := &spillFile{f: f, refs: 1, name: f.Name()}
	if os.Remove(s.name) == nil {
		s.name = ""
	}
	return s, nil
}

var errSpillClosed = errors.New("the temporary body file is closed")

// write appends b. On a short write the n bytes that did reach the file
// are counted, so that the caller can read them back.
func (s *spillFile) write(b []byte) (n int, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f == nil {
		return 0, errSpillClosed
	}
	if len(b) == 0 {
		return 0, nil
	}
	if end := s.size + int64(len(b)); end > s.reserved && !s.noReserve {
		step := max(reserveStep, end-s.reserved)
		if preallocate(s.f, s.reserved, step) {
			s.reserved += step
		} else {
			// Not supported here, or no space: writing tells.
			s.noReserve = true
		}
	}
	n, err = s.f.Write(b)
	s.size += int64(n)
	return n, err
}

// readAt reads the body's bytes at off, as io.ReaderAt.
func (s *spillFile) readAt(p []byte, off int64) (int, error) {
	s.mu.Lock()
	f, size := s.f, s.size
	s.mu.Unlock()
	if f == nil {
		return 0, errSpillClosed
	}
	if off >= size {
		return 0, io.EOF
	}
	if rest := size - off; int64(len(p)) > rest {
		p = p[:rest]
	}
	// os.File.ReadAt does not move the file offset (pread), so it needs
	// no lock against write, which only runs before the body completes.
	n, err := f.ReadAt(p, off)
	if err == io.EOF && n == len(p) {
		err = nil
	}
	return n, err
}

// length is the number of bytes written.
func (s *spillFile) length() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.size
}

// readAll returns the whole body in a new slice.
func (s *spillFile) readAll() ([]byte, error) {
	size := s.length()
	if int64(int(size)) != size {
		return nil, fmt.Errorf("a body of %d bytes does not fit in memory", size)
	}
	b := hugebuf.Make(int(size), int(size))
	if size == 0 {
		return b, nil
	}
	n, err := s.readAt(b, 0)
	if err == nil && n < len(b) {
		err = io.ErrUnexpectedEOF
	}
	if err != nil {
		return nil, fmt.Errorf("reading the response body back from its temporary file: %w", err)
	}
	return b, nil
}

// acquire takes a reference for a reader; false once the file is closed.
func (s *spillFile) acquire() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f == nil {
		return false
	}
	s.refs++
	return true
}

// release drops a reference; the last one closes the file.
func (s *spillFile) release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.refs == 0 {
		return
	}
	s.refs--
	if s.refs > 0 || s.f == nil {
		return
	}
	_ = s.f.Close()
	s.f = nil
	if s.name != "" {
		_ = os.Remove(s.name)
		s.name = ""
	}
}

// bodyFlow is the transfer's state for a body read with events: its
// temporary file and the bound on chunks waiting for the script. It is
// guarded by the transfer's mu.
type bodyFlow struct {
	// file is the spilled body, held by the transfer until discard;
	// cleanup releases it if the transfer is collected first.
	file    *spillFile
	cleanup runtime.Cleanup
	// discarded is set once the object let go of the transfer (Open,
	// Abort, a failed or collected transfer): a file created later is
	// closed at once.
	discarded bool
	// queued counts the chunk bytes pushed and not yet taken; drained is
	// poked when the script takes them. unbounded turns the bound off for
	// the rest of the transfer: a handler of the transfer is waiting for
	// it (WaitForResponse from a handler), so the queue cannot drain
	// until the transfer ends.
	queued    int
	drained   chan struct{}
	unbounded bool
}

// drainedLocked records that the queued chunks were taken; the caller
// holds t.mu.
func (f *bodyFlow) drainedLocked() {
	f.queued = 0
	if f.drained != nil {
		select {
		case f.drained <- struct{}{}:
		default:
		}
	}
}

// unthrottle lifts the bound on queued chunks: called on the script
// goroutine when a handler of t waits for t, which takes no event until
// the transfer ends.
func (t *transfer) unthrottle() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.flow.unbounded {
		t.flow.unbounded = true
		t.flow.drainedLocked()
	}
}

// discard closes the transfer's temporary file, if any, once the object
// no longer needs the body. It is idempotent and safe while the worker
// still runs (it is then told by the cancelled context).
func (t *transfer) discard() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.discardLocked()
}

func (t *transfer) discardLocked() {
	t.flow.discarded = true
	if f := t.flow.file; f != nil {
		t.flow.file = nil
		t.flow.cleanup.Stop()
		f.release()
	}
}

// dropFile releases f, the transfer's file, when the body went back to
// memory.
func (t *transfer) dropFile(f *spillFile) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.flow.file == f {
		t.flow.file = nil
		t.flow.cleanup.Stop()
		f.release()
	}
}

// adopt makes f the transfer's file, unless the transfer was discarded
// meanwhile (false: f is closed).
func (t *transfer) adopt(f *spillFile) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.flow.discarded {
		f.release()
		return false
	}
	t.flow.file = f
	// An object collected with its transfer still holding the file
	// (never re-opened, never aborted) must not leave the descriptor and
	// the disk space behind.
	t.flow.cleanup = runtime.AddCleanup(t, (*spillFile).release, f)
	return true
}

// bodyStore accumulates a body read with events, in memory up to the
// threshold and in the transfer's temporary file beyond it. It belongs to
// the worker goroutine.
type bodyStore struct {
	t       *transfer
	set     spillSettings
	mem     []byte
	file    *spillFile
	memOnly bool // the file could not be created or written: memory from now on
}

// add keeps a copy of b (the caller's b is handed to the script and may be
// changed there).
func (s *bodyStore) add(b []byte) error {
	if s.file != nil {
		n, err := s.file.write(b)
		if err == nil {
			return nil
		}
		return s.unspill(b[n:], err)
	}
	if !s.memOnly && int64(len(s.mem))+int64(len(b)) > s.set.at {
		if s.spill(b) {
			return nil
		}
	}
	s.mem = append(s.mem, b...)
	return nil
}

// spill moves the body to a new temporary file, b included; false leaves
// it in memory for good (no file system, a directory not writable, a full
// disk).
func (s *bodyStore) spill(b []byte) bool {
	s.memOnly = true
	f, err := createSpill(s.set.dir)
	if err != nil {
		return false
	}
	if _, err := f.write(s.mem); err != nil {
		f.release()
		return false
	}
	if _, err := f.write(b); err != nil {
		f.release()
		return false
	}
	if !s.t.adopt(f) {
		return false
	}
	s.file = f
	s.mem = nil
	return true
}

// unspill brings a body whose file failed to be written (disk full) back
// to memory: what the file holds, then rest, the part of the chunk that
// did not reach it. The data is lost only if the file cannot be read
// either (or was closed because the object let go of the transfer).
func (s *bodyStore) unspill(rest []byte, writeErr error) error {
	data, err := s.file.readAll()
	if err != nil {
		return fmt.Errorf("writing the response body to its temporary file: %w; %w", writeErr, err)
	}
	s.t.dropFile(s.file)
	s.file = nil
	s.memOnly = true
	s.mem = append(data, rest...)
	return nil
}

// readStreamed is readBody for a transfer delivering events. Each Read
// goes into the free tail of an arena allocated for the purpose, and that
// region, never written again, becomes the handler's Uint8Array as is (no
// copy on the script side; scripts may keep the arrays). The body store
// takes its own copy (memory, or the file's write), because the script may
// change its arrays. Once the body has spilled, the file writes and the
// event hand-off of a transfer read on a worker run on a second goroutine
// (spillWriter), so that writing one chunk overlaps reading the next; a
// synchronous Send (streamPump) writes and delivers between its reads,
// which measured faster than two hand-offs per chunk (1 GiB: 0.60 s
// against 0.70–0.94 s). The body is returned in memory, or nil with
// t.state.file set. A body not kept goes to readDropped.
func (t *transfer) readStreamed(body io.Reader, contentLength int64) ([]byte, error) {
	if t.dropBody {
		return nil, t.readDropped(body, contentLength)
	}
	s := &bodyStore{t: t, set: spillSettingsOf(t.ctx)}
	switch {
	case contentLength > s.set.at:
		// Known to spill: go to the file at once, without building the
		// first part in memory.
		s.spill(nil)
	case contentLength > 0:
		s.mem = hugebuf.Make(0, int(contentLength))
	}
	t.mu.Lock()
	t.flow.drained = make(chan struct{}, 1)
	t.mu.Unlock()

	var (
		ar = newArenaReader(contentLength)
		q  chunkQueue
		w  *spillWriter
	)
	defer func() {
		// Whatever happened, the writer goroutine ends before the
		// transfer does.
		if w != nil {
			w.stop()
		}
	}()
	for {
		c, err := ar.read(body)
		if c.n > 0 {
			var werr error
			if w != nil {
				werr = w.send(c)
			} else {
				werr = c.store(t, s, &q)
				if werr == nil && s.file != nil && t.streamPump == nil {
					w = startSpillWriter(t, s, q)
				}
			}
			if werr != nil {
				t.discard()
				return nil, werr
			}
			t.deliverStreamed()
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.discard()
			return nil, err
		}
	}
	if w != nil {
		if err := w.stop(); err != nil {
			t.discard()
			return nil, err
		}
		w = nil
	}
	if s.file != nil {
		t.mu.Lock()
		t.state.file = s.file
		t.mu.Unlock()
		return nil, nil
	}
	return s.mem, nil
}

// readDropped is readStreamed for a body that is not kept
// (transfer.dropBody): each Read goes to the script as an event chunk, as
// readStreamed's do, and nothing else holds it. A chunk read while no sink
// is connected (the script disconnected it meanwhile) is lost: the body
// was not to be kept.
func (t *transfer) readDropped(body io.Reader, contentLength int64) error {
	t.mu.Lock()
	t.state.dropped = true
	lend := t.streamPump != nil
	if !lend {
		// Only queued chunks wait for the script (chunkQueue.push).
		t.flow.drained = make(chan struct{}, 1)
	}
	t.mu.Unlock()
	if lend {
		return t.readLent(body, contentLength)
	}
	var (
		ar = newArenaReader(contentLength)
		q  chunkQueue
	)
	for {
		c, err := ar.read(body)
		if c.n > 0 {
			if t.wantEvents.Load() {
				if perr := q.push(t, c); perr != nil {
					return perr
				}
				t.deliverStreamed()
			} else {
				q.from = -1
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// lendSize is the buffer a lent body is read into: small enough to stay
// in the processor's cache between the read and the handler, large
// enough that a Read per event costs little. Measured on a 1 GiB loopback
// download (2-core EPYC): 16 KiB 0.36–0.59 s, 64 KiB 0.29–0.31 s,
// 128 KiB 0.25–0.27 s, 256 KiB 0.31–0.33 s, 1 MiB 0.29–0.53 s; curl
// 0.24–0.32 s in the same runs.
const lendSize = 128 << 10

// readLent is readDropped on the script's goroutine (a synchronous Send):
// each Read goes into one buffer, lent to the handler as the event's
// array for the call only and taken back (detached) when it returns, so
// the buffer is read into again. As with WinHttpReadData's caller-owned
// buffer, a download then allocates nothing per chunk.
//
// A body of known length shorter than lendSize gets a buffer of its
// length (and a byte for the read that finds its end).
func (t *transfer) readLent(body io.Reader, contentLength int64) error {
	size := int64(lendSize)
	if contentLength >= 0 {
		size = min(size, contentLength+1)
	}
	buf := make([]byte, size)
	for {
		n, err := body.Read(buf)
		if n > 0 && t.wantEvents.Load() {
			t.mu.Lock()
			t.push(event{kind: evData, chunk: buf[:n:n], lent: true})
			t.mu.Unlock()
			t.streamPump()
			// Undelivered (the handler aborted or re-opened the object):
			// its events are dropped, and the buffer is read into again.
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// arenaReader reads a body into arenas: each Read takes the free tail of
// the current arena (a new one once the tail is short, see read), so a
// chunk is exactly one Read's bytes, a region never written again.
//
// An arena is no larger than the body needs: one of known length gets
// what it still owes (plus a byte, so that the read finding its end needs
// no arena of its own), and one of unknown length starts at
// firstArenaSize and doubles up to arenaSize. A full arena per transfer
// made a 13-byte answer cost 512 KiB of zeroed memory, most of the CPU of
// event-driven scripts keeping requests in flight.
type arenaReader struct {
	arena []byte
	off   int
	// left is what the body still owes, -1 when its length is unknown.
	left int64
	// grown is the size of the last arena of a body of unknown length.
	grown int
}

// firstArenaSize is the first arena of a body of unknown length.
const firstArenaSize = 16 << 10

// newArenaReader returns a reader for a body of contentLength bytes
// (negative: unknown).
func newArenaReader(contentLength int64) arenaReader {
	return arenaReader{left: max(contentLength, -1)}
}

// read reads the next chunk (n may be 0) and returns the Read's error.
func (a *arenaReader) read(body io.Reader) (chunkRef, error) {
	// The tail is too short for a good read under minArenaTail, or under
	// a quarter of a smaller arena; one that holds the rest of the body
	// is long enough.
	if tail := len(a.arena) - a.off; tail < min(minArenaTail, len(a.arena)/4+1) && (a.left < 0 || int64(tail) <= a.left) {
		a.arena, a.off = make([]byte, a.nextSize()), 0
	}
	n, err := body.Read(a.arena[a.off:min(len(a.arena), a.off+maxEventChunk)])
	c := chunkRef{arena: a.arena, off: a.off, n: n}
	a.off += n
	if a.left >= 0 {
		a.left = max(a.left-int64(n), 0)
	}
	return c, err
}

// nextSize is the size of the next arena.
func (a *arenaReader) nextSize() int {
	if a.left >= 0 {
		return int(min(a.left+1, arenaSize))
	}
	a.grown = min(max(2*a.grown, firstArenaSize), arenaSize)
	return a.grown
}

// chunkRef is arena[off:off+n], one Read's bytes.
type chunkRef struct {
	arena  []byte
	off, n int
}

// store keeps the chunk in the body store, then queues it for the script
// when a sink is connected.
func (c chunkRef) store(t *transfer, s *bodyStore, q *chunkQueue) error {
	if err := s.add(c.arena[c.off : c.off+c.n : c.off+c.n]); err != nil {
		return err
	}
	if !t.wantEvents.Load() {
		q.from = -1
		return nil
	}
	return q.push(t, c)
}

// chunkQueue is the pushing side's memory of the last chunk it queued, so
// that the next read, when it continues that chunk in the same arena and
// the script has not taken it yet, extends it: while the script is busy,
// a fast network makes fewer, larger events instead of a longer queue.
type chunkQueue struct {
	arena []byte // of the last queued chunk
	from  int    // its start in arena, -1 when none can be extended
}

// push queues c as an event chunk the script may own, or extends the
// queued chunk it continues, then waits while too much is queued. It
// returns the context's error if the transfer is cancelled meanwhile.
func (q *chunkQueue) push(t *transfer, c chunkRef) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	end := c.off + c.n
	sameArena := len(q.arena) > 0 && &q.arena[0] == &c.arena[0]
	if k := len(t.events) - 1; sameArena && q.from >= 0 && k >= 0 && t.events[k].kind == evData && t.events[k].own &&
		len(t.events[k].chunk) == c.off-q.from && end-q.from <= maxEventChunk {
		// Still queued (only this pusher queues data, in order) and
		// ending where c starts: the script has not seen it, so it may
		// grow.
		t.events[k].chunk = c.arena[q.from:end:end]
	} else {
		q.arena, q.from = c.arena, c.off
		// A body not kept lends its chunks as a synchronous Send does
		// (readLent): each array is the handler's for the call only,
		// whichever way the Send was made.
		t.push(event{kind: evData, chunk: c.arena[c.off:end:end], own: true, lent: t.dropBody})
	}
	t.flow.queued += c.n
	// A transfer read on the script's goroutine delivers its events right
	// after this push (deliverStreamed): waiting here would wait for
	// itself.
	for t.flow.queued > maxQueued && !t.flow.unbounded && t.streamPump == nil {
		t.mu.Unlock()
		select {
		case <-t.flow.drained:
		case <-t.ctx.Done():
			t.mu.Lock()
			return t.ctx.Err()
		}
		t.mu.Lock()
	}
	return nil
}

// spillWriter stores and queues the chunks of a spilled body on its own
// goroutine, in the order read.
type spillWriter struct {
	ch   chan chunkRef
	done chan struct{}
	err  error // set before done is closed
	// failed is closed when the writer stops taking chunks early.
	failed  chan struct{}
	stopped bool
}

// spillAhead is how many chunks the reader may be ahead of the writer.
const spillAhead = 2

func startSpillWriter(t *transfer, s *bodyStore, q chunkQueue) *spillWriter {
	w := &spillWriter{
		ch:     make(chan chunkRef, spillAhead),
		done:   make(chan struct{}),
		failed: make(chan struct{}),
	}
	go func() {
		defer close(w.done)
		for c := range w.ch {
			if err := c.store(t, s, &q); err != nil {
				w.err = err
				close(w.failed)
				return
			}
		}
	}()
	return w
}

// send hands c to the writer; it returns the writer's error once it has
// stopped on one.
func (w *spillWriter) send(c chunkRef) error {
	select {
	case w.ch <- c:
		return nil
	case <-w.failed:
		<-w.done
		return w.err
	}
}

// stop waits for the writer to finish the chunks sent and returns its
// error. It may be called again.
func (w *spillWriter) stop() error {
	if !w.stopped {
		w.stopped = true
		close(w.ch)
	}
	<-w.done
	return w.err
}
