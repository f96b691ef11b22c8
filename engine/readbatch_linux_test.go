package engine

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"
)

// batchBody is n bytes of a repeating pattern.
func batchBody(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + i/251)
	}
	return b
}

// idleBatch returns the readBatch of the session's one idle connection.
func idleBatch(t *testing.T, s *Session) *readBatch {
	t.Helper()
	tr := s.pool.transport(Security{}, defaultMaxResponseHeaderBytes, nil, false, 0).(*h1Transport)
	tr.mu.Lock()
	defer tr.mu.Unlock()
	var found []*h1Conn
	for _, h := range tr.hosts {
		found = append(found, h.idle...)
	}
	if len(found) != 1 || found[0].tc == nil {
		t.Fatalf("%d idle connections, want 1 in clear", len(found))
	}
	return &found[0].tc.batch
}

// readAll reads r in 128 KiB reads, as a streaming script does.
func readAll(t *testing.T, r io.Reader) []byte {
	t.Helper()
	var out bytes.Buffer
	buf := make([]byte, 128<<10)
	for {
		n, err := r.Read(buf)
		out.Write(buf[:n])
		if err == io.EOF {
			return out.Bytes()
		}
		if err != nil {
			t.Fatalf("read after %d bytes: %v", out.Len(), err)
		}
	}
}

// A large body of known length is read in batches, intact, and the
// connection then carries the next request: its head is not held back
// waiting for a batch, and the low-water mark is back at the default even
// when the body's last read took the whole rest while a batch was set
// (a rest of 64–128 KiB, read 128 KiB at a time).
func TestBatchedBody(t *testing.T) {
	for _, size := range []int{16<<20 + 12345, 2<<20 + 100<<10} {
		body := batchBody(size)
		srv, conns := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/small" {
				io.WriteString(w, "ok")
				return
			}
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			w.Write(body)
		}))
		s := testSession(t, SessionOptions{})
		for i := range 3 {
			resp, err := mustRequest(t, s, "GET", srv.URL+"/big").Send(t.Context(), nil)
			if err != nil {
				t.Fatal(err)
			}
			got := readAll(t, resp.Body)
			resp.Body.Close()
			if !bytes.Equal(got, body) {
				t.Fatalf("%d bytes, request %d: read %d bytes, not the body", size, i, len(got))
			}
			if b := idleBatch(t, s); b.batches == 0 || b.stops != 0 || b.set != 0 {
				t.Errorf("%d bytes, request %d: batches %d, stops %d, low-water mark left at %d; want batching, no stop, then the default",
					size, i, b.batches, b.stops, b.set)
			}
			if _, got := fetch(t, mustRequest(t, s, "GET", srv.URL+"/small"), nil); got != "ok" {
				t.Fatalf("%d bytes: small body %q", size, got)
			}
		}
		if n := conns.count(); n != 1 {
			t.Errorf("%d bytes: server accepted %d connections, want 1", size, n)
		}
	}
}

// A sender that slows down in the middle of a batched body is not held
// up: the batch wait runs out, batching stops for that body, and the
// slow rest arrives under the usual receive timeout. The slow part comes
// in pieces 100 ms apart, each gap longer than a batch waits, and so many
// that a reader slowed down itself (the race detector, a loaded machine)
// still catches up and waits in one of them with a batch pending.
func TestBatchStopsForSlowSender(t *testing.T) {
	fast := batchBody(4 << 20)
	slow := batchBody(256 << 10)
	const piece = 16 << 10
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(len(fast)+len(slow)))
		w.Write(fast)
		w.(http.Flusher).Flush()
		for rest := slow; len(rest) > 0; rest = rest[piece:] {
			time.Sleep(100 * time.Millisecond)
			w.Write(rest[:piece])
			w.(http.Flusher).Flush()
		}
	}))
	s := testSession(t, SessionOptions{Timeouts: &Timeouts{Send: 5 * time.Second, Receive: 2 * time.Second}})
	resp, err := mustRequest(t, s, "GET", srv.URL+"/").Send(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	got := readAll(t, resp.Body)
	resp.Body.Close()
	if want := append(append([]byte{}, fast...), slow...); !bytes.Equal(got, want) {
		t.Fatalf("%d bytes, not the body's %d", len(got), len(want))
	}
	b := idleBatch(t, s)
	if b.batches == 0 || b.stops != 1 {
		t.Errorf("batches %d, stops %d: want batching, then one stop", b.batches, b.stops)
	}
	if b.set != 0 {
		t.Errorf("low-water mark left at %d", b.set)
	}
}

// A body of unknown length (chunked) is never batched: nothing bounds
// what a batch could wait for.
func TestNoBatchWithoutLength(t *testing.T) {
	body := batchBody(4 << 20)
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for rest := body; len(rest) > 0; rest = rest[min(len(rest), 1<<20):] {
			w.Write(rest[:min(len(rest), 1<<20)])
			w.(http.Flusher).Flush()
		}
	}))
	s := testSession(t, SessionOptions{})
	resp, err := mustRequest(t, s, "GET", srv.URL+"/").Send(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	got := readAll(t, resp.Body)
	resp.Body.Close()
	if !bytes.Equal(got, body) {
		t.Fatalf("%d bytes, not the body's %d", len(got), len(body))
	}
	if b := idleBatch(t, s); b.batches != 0 {
		t.Errorf("%d batches for a chunked body, want 0", b.batches)
	}
}
