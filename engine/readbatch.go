package engine

import (
	"net"
	"syscall"
	"time"
)

// readBatch lets a large download wake its reader once per batch of data
// rather than at every segment the sender writes: the socket is told
// (SO_RCVLOWAT) to report data only when a batch is there. Each wake-up of
// a goroutine waiting on the network costs the Go scheduler thread
// switches; on a 1 GiB loopback download batching cut the context switches
// by a quarter and the client's CPU below curl's.
//
// A batch never waits for bytes that will not come: it is only used for a
// body of known length, never larger than what the socket still owes of it
// (Content-Length minus what was read), and only for reads that take at
// least batchMin. Nor does it hold up data that comes slowly: a read with
// a batch pending waits batchWait at most; then batching stops for the
// rest of that body and the read waits as usual, under the request's whole
// receive timeout.
//
// Only the goroutine reading the connection uses a readBatch.
type readBatch struct {
	rc   syscall.RawConn // made at the first batch
	none bool            // the socket cannot batch (no descriptor, another system)
	off  bool            // stopped for the current body: its sender is slow
	set  int             // the socket's low-water mark now; 0 is the default (1 byte)
	// batches and stops count the batches started and the bodies whose
	// batching stopped, for tests.
	batches, stops int
}

const (
	// batchMin is the smallest read, and the smallest batch, worth one:
	// below it reads are head lines and small bodies.
	batchMin = 64 << 10
	// batchStart is how much of a body must be owed for batching to
	// start: a smaller body is not worth the two system calls.
	batchStart = 1 << 20
	// batchMax bounds a batch. Measured on loopback, 1 GiB read 128 KiB
	// at a time: 256 KiB batches 0.23–0.25 s against 0.27–0.38 s without
	// and curl's 0.25–0.29 s.
	batchMax = 256 << 10
	// batchWait is the longest a read waits for a whole batch.
	batchWait = 50 * time.Millisecond
)

// begin starts a new body: batching may start again.
func (b *readBatch) begin() { b.off = false }

// engage sets the socket's low-water mark for a read of size bytes when
// the socket owes room more bytes of a body (-1: not known), under a
// receive timeout of receive, and reports whether the read waits for a
// batch (then with a deadline of batchWait). A batch may be larger than
// the read: the next reads then find their data waiting.
func (b *readBatch) engage(conn net.Conn, size int, room int64, receive time.Duration) bool {
	want := 0
	if !b.none && !b.off && size >= batchMin && room >= batchMin && (receive <= 0 || receive > time.Second) &&
		(b.set > 0 || room >= batchStart) {
		want = int(min(room, batchMax))
	}
	if want != b.set {
		if b.set == 0 {
			b.batches++
		}
		b.apply(conn, want)
	}
	return b.set > 0
}

// end is called when the socket owes nothing more of the current body:
// a batch still set (the last read took the whole rest) goes back to the
// default, so that whatever comes next on the connection, the next
// response or the server closing it, wakes its reader at once.
func (b *readBatch) end(conn net.Conn) {
	if b.set != 0 {
		b.apply(conn, 0)
	}
}

// stop ends batching for the current body: its sender slowed down.
func (b *readBatch) stop(conn net.Conn) {
	b.off = true
	b.stops++
	if b.set != 0 {
		b.apply(conn, 0)
	}
}

// apply sets the socket's low-water mark to n bytes (0: the default).
func (b *readBatch) apply(conn net.Conn, n int) {
	if b.rc == nil {
		sc, ok := conn.(syscall.Conn)
		if !ok {
			b.none = true
			return
		}
		rc, err := sc.SyscallConn()
		if err != nil {
			b.none = true
			return
		}
		b.rc = rc
	}
	if !setLowWater(b.rc, max(n, 1)) {
		b.none, b.set = true, 0
		return
	}
	b.set = n
}
