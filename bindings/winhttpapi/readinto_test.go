package winhttpapi

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"sync"
	"testing"

	"github.com/dop251/goja"
)

// bodySize is the known body of the caller-buffer tests: 1 MiB and 7
// bytes, so that a 64 KiB buffer ends with a short read.
const bodySize = 1<<20 + 7

// knownBody is the body /body serves: a pattern that does not repeat at
// any power-of-two period, so a byte landing at the wrong offset shows.
var knownBody = func() []byte {
	b := make([]byte, bodySize)
	for i := range b {
		b[i] = byte(i*7 + i/251)
	}
	return b
}()

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// readIntoServer serves /body (knownBody, with a Content-Length) and
// /stall (10 bytes, then nothing until the client goes away), and records
// the client address of every request, to tell a reused connection.
type readIntoServer struct {
	*httptest.Server
	mu    sync.Mutex
	peers []string
}

// peerCount is the number of connections requests came over so far.
func (s *readIntoServer) peerCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	seen := map[string]bool{}
	for _, p := range s.peers {
		seen[p] = true
	}
	return len(seen)
}

func newReadIntoServer(t *testing.T) *readIntoServer {
	s := &readIntoServer{}
	mux := http.NewServeMux()
	mux.HandleFunc("/body", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.peers = append(s.peers, r.RemoteAddr)
		s.mu.Unlock()
		w.Header().Set("Content-Length", strconv.Itoa(len(knownBody)))
		w.Write(knownBody)
	})
	mux.HandleFunc("/stall", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1000")
		w.Write(knownBody[:10])
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

// hashEnv is an env whose scripts can feed(buffer, n) the first n bytes
// of a buffer to a SHA-256 and digest() it. feed reads the bytes through
// goja's own export, not through the code under test.
func hashEnv(t *testing.T) *env {
	e := newEnv(t, Options{})
	var h hash.Hash = sha256.New()
	_ = e.rt.Set("feed", func(call goja.FunctionCall) goja.Value {
		var b []byte
		if err := e.rt.ExportTo(call.Argument(0), &b); err != nil {
			panic(e.rt.NewTypeError("feed: %v", err))
		}
		n := int(call.Argument(1).ToInteger())
		if n < 0 || n > len(b) {
			panic(e.rt.NewTypeError("feed: %d of %d bytes", n, len(b)))
		}
		h.Write(b[:n])
		return goja.Undefined()
	})
	_ = e.rt.Set("digest", func(goja.FunctionCall) goja.Value {
		s := hex.EncodeToString(h.Sum(nil))
		h.Reset()
		return e.rt.ToValue(s)
	})
	return e
}

// readIntoPrelude has get (a request for path, with the session's status
// callback set first when given), received (a synchronous request sent
// and its response received), and fill/untouched to mark a buffer with
// 0xEE and check which part of it a read left alone.
const readIntoPrelude = prelude + `
function get(path, flags, cb) {
  var s = check(w.WinHttpOpen("a", w.WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, flags || 0), "open");
  // Children take their parent's callback when they are created.
  if (cb) w.WinHttpSetStatusCallback(s, cb, w.WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS | w.WINHTTP_CALLBACK_FLAG_HANDLES, 0);
  var c = check(w.WinHttpConnect(s, "{{HOST}}", {{PORT}}, 0), "connect");
  var r = check(w.WinHttpOpenRequest(c, "GET", path, null, null, null, 0), "openrequest");
  return {s: s, c: c, r: r};
}
function received(path) {
  var h = get(path);
  check(w.WinHttpSendRequest(h.r, null, null, 0, 0), "send");
  check(w.WinHttpReceiveResponse(h.r, null), "receive");
  return h;
}
function fill(u8, v) { for (var i = 0; i < u8.length; i++) u8[i] = v; return u8; }
function untouched(u8, from, to) {
  for (var i = from; i < to; i++) if (u8[i] !== 0xEE) return false;
  return true;
}
`

// The caller-buffer form, synchronously: exact counts, exact bytes, the
// argument checks and the end of the body.
func TestReadDataIntoBuffer(t *testing.T) {
	srv := newReadIntoServer(t)
	wantHash := sha(knownBody)
	cases := []struct{ name, script, want string }{
		{"64 KiB Uint8Array to the end", `
var h = received("/body"), buf = new Uint8Array(65536), n, total = 0, reads = 0, over = 0;
while ((n = w.WinHttpReadData(h.r, buf)) > 0) {
  if (n > buf.length) over++;
  feed(buf, n); total += n; reads++;
}
print(typeof n, n, w.GetLastError(), total, reads >= 17, over, digest());
print("after the end", w.WinHttpReadData(h.r, buf), w.GetLastError());
`, "number 0 0 1048583 true 0 " + wantHash + "\nafter the end 0 0\n"},
		{"ArrayBuffer, DataView and an offset view", `
var h = received("/body"), ab = new ArrayBuffer(4096), n, total = 0;
n = check(w.WinHttpReadData(h.r, ab), "ab"); feed(new Uint8Array(ab), n); total += n;
var dv = new DataView(new ArrayBuffer(5000), 100, 4000);
fill(new Uint8Array(dv.buffer), 0xEE);
n = check(w.WinHttpReadData(h.r, dv), "dv");
print("dataview window", n > 0 && n <= 4000, untouched(new Uint8Array(dv.buffer), 0, 100), untouched(new Uint8Array(dv.buffer), 100 + n, 5000));
feed(new Uint8Array(dv.buffer, 100, n), n); total += n;
var big = fill(new Uint8Array(70000), 0xEE), sub = big.subarray(5, 65541);
while ((n = w.WinHttpReadData(h.r, sub)) > 0) {
  if (!untouched(big, 0, 5) || !untouched(big, 65541, 70000)) throw new Error("wrote outside the view");
  feed(sub, n); total += n;
}
print(n, total, digest());
`, "dataview window true true true\n0 1048583 " + wantHash + "\n"},
		{"bytesToRead smaller than the buffer", `
var h = received("/body"), buf = fill(new Uint8Array(65536), 0xEE), n, total = 0;
n = w.WinHttpReadData(h.r, buf, 10);
print(n > 0 && n <= 10, untouched(buf, n, buf.length));
feed(buf, n); total += n;
n = w.WinHttpReadData(h.r, buf, 0);
print("zero", n, w.GetLastError());
while ((n = w.WinHttpReadData(h.r, buf, 1000)) > 0) {
  if (n > 1000) throw new Error("read " + n);
  feed(buf, n); total += n;
}
print(total, digest());
`, "true true\nzero 0 0\n1048583 " + wantHash + "\n"},
		{"null and undefined bytesToRead mean the buffer's length", `
var h = received("/body"), buf = new Uint8Array(1024), n, total = 0;
while ((n = w.WinHttpReadData(h.r, buf, total % 2 ? null : undefined)) > 0) { feed(buf, n); total += n; }
print(total, digest());
`, "1048583 " + wantHash + "\n"},
		{"bytesToRead larger than the buffer", `
var h = received("/body"), buf = fill(new Uint8Array(100), 0xEE);
print(w.WinHttpReadData(h.r, buf, 101), w.GetLastError(), untouched(buf, 0, 100));
print(w.WinHttpReadData(h.r, buf.subarray(0, 50), 51), w.GetLastError());
print(w.WinHttpReadData(h.r, buf, 1.5), w.GetLastError());
print(w.WinHttpReadData(h.r, buf, 100) > 0, w.GetLastError());
`, "null 87 true\nnull 87\nnull 87\ntrue 0\n"},
		{"a second argument that is no buffer", `
var h = received("/body");
print(w.WinHttpReadData(h.r, "buffer"), w.GetLastError());
print(w.WinHttpReadData(h.r, {}), w.GetLastError());
print(w.WinHttpReadData(h.r, [1, 2, 3]), w.GetLastError());
print(w.WinHttpReadData(h.r, {buffer: new ArrayBuffer(8)}), w.GetLastError());
print(w.WinHttpReadDataEx(h.r, "buffer", 8, 0), w.GetLastError());
print(w.WinHttpReadData(h.r, new Uint8Array(4)), w.GetLastError());
`, "null 87\nnull 87\nnull 87\nnull 87\nnull 87\n4 0\n"},
		{"wrong handle or state", `
var h = get("/body"), buf = new Uint8Array(16);
print(w.WinHttpReadData(h.r, buf), w.GetLastError());
print(w.WinHttpReadData(h.c, buf), w.GetLastError());
print(w.WinHttpReadData(null, buf), w.GetLastError());
`, "null 12019\nnull 12018\nnull 6\n"},
		{"the end of the body gives the connection back", `
var before = peerCount(), h = received("/body"), buf = new Uint8Array(1 << 20), n;
while ((n = w.WinHttpReadData(h.r, buf)) > 0) {}
print("end", n);
// The first request handle stays open: its connection serves the second
// only if reaching the end released it.
var r2 = check(w.WinHttpOpenRequest(h.c, "GET", "/body", null, null, null, 0), "openrequest");
check(w.WinHttpSendRequest(r2, null, null, 0, 0), "send");
check(w.WinHttpReceiveResponse(r2, null), "receive");
var total = 0;
while ((n = w.WinHttpReadData(r2, buf)) > 0) { feed(buf, n); total += n; }
print(total, digest(), "connections", peerCount() - before);
`, "end 0\n1048583 " + wantHash + " connections 1\n"},
		{"WinHttpReadDataEx fills the buffer", `
var h = received("/body"), buf = new Uint8Array(65536), n, sizes = {}, total = 0;
while ((n = w.WinHttpReadDataEx(h.r, buf, null, w.WINHTTP_READ_DATA_EX_FLAG_FILL_BUFFER)) > 0) {
  sizes[n] = (sizes[n] || 0) + 1; feed(buf, n); total += n;
}
print(JSON.stringify(sizes), n, total, digest());
`, `{"7":1,"65536":16} 0 1048583 ` + wantHash + "\n"},
		{"WinHttpReadDataEx with bytesToRead and without the flag", `
var h = received("/body"), buf = new Uint8Array(65536), n, total = 0;
print(w.WinHttpReadDataEx(h.r, buf, 1000, w.WINHTTP_READ_DATA_EX_FLAG_FILL_BUFFER));
feed(buf, 1000); total += 1000;
print(w.WinHttpReadDataEx(h.r, buf, 65537, 0), w.GetLastError());
print(w.WinHttpReadDataEx(h.r, buf, 10, "x"), w.GetLastError());
while ((n = w.WinHttpReadDataEx(h.r, buf, 3000, 0)) > 0) {
  if (n > 3000) throw new Error("read " + n);
  feed(buf, n); total += n;
}
print(n, total, digest());
`, "1000\nnull 87\nnull 87\n0 1048583 " + wantHash + "\n"},
		{"the number form is unchanged", `
var h = received("/body"), d, total = 0, over = 0;
while ((d = check(w.WinHttpReadData(h.r, 65536), "read")).length > 0) {
  if (!(d instanceof Uint8Array) || d.length > 65536) over++;
  feed(d, d.length); total += d.length;
}
print(total, over, digest(), w.WinHttpReadData(h.r, "x"), w.GetLastError());
`, "1048583 0 " + wantHash + " null 87\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := hashEnv(t)
			_ = e.rt.Set("peerCount", srv.peerCount)
			if out := e.mustRun(js(readIntoPrelude+tc.script, srv.Server)); out != tc.want {
				t.Fatalf("got\n%s\nwant\n%s", out, tc.want)
			}
		})
	}
}

// The window of a view read into is remembered between calls (see
// viewCache): reads alternating between views, of one ArrayBuffer and of
// others, each land in their own window, and a view whose ArrayBuffer a
// Go host detached meanwhile is refused, not written.
func TestReadDataIntoChangingViews(t *testing.T) {
	srv := newReadIntoServer(t)
	e := hashEnv(t)
	_ = e.rt.Set("detach", func(call goja.FunctionCall) goja.Value {
		ab, ok := call.Argument(0).ToObject(e.rt).Get("buffer").Export().(goja.ArrayBuffer)
		if !ok || !ab.Detach() {
			panic(e.rt.NewTypeError("detach: not an attached view"))
		}
		return goja.Undefined()
	})
	out := e.mustRun(js(readIntoPrelude+`
var h = received("/body"), big = fill(new Uint8Array(70000), 0xEE);
var views = [new Uint8Array(4096), big.subarray(10, 1010), new Uint8Array(big.buffer, 2000, 3000), new DataView(big.buffer, 6000, 500)];
var n, total = 0, i = 0, outside = 0;
while ((n = w.WinHttpReadData(h.r, views[i % views.length])) > 0) {
  var v = views[i % views.length];
  feed(new Uint8Array(v.buffer, v.byteOffset, n), n); total += n; i++;
  if (!untouched(big, 0, 10) || !untouched(big, 1010, 2000) || !untouched(big, 5000, 6000) || !untouched(big, 6500, 70000)) outside++;
}
print(n, total, digest(), outside, i > 4);
var h2 = received("/body"), buf = new Uint8Array(64);
print(w.WinHttpReadData(h2.r, buf) > 0);
detach(buf);
print(w.WinHttpReadData(h2.r, buf), w.GetLastError());
print(w.WinHttpReadData(h2.r, new Uint8Array(64)) > 0);
`, srv.Server))
	if want := "0 1048583 " + sha(knownBody) + " 0 true\ntrue\nnull 87\ntrue\n"; out != want {
		t.Fatalf("got\n%s\nwant\n%s", out, want)
	}
}

// asyncReadInto drives an asynchronous request for path from its status
// callback, reading with read(h) on HEADERS_AVAILABLE and every
// DATA_AVAILABLE; READ_COMPLETE feeds the bytes and counts completions by
// length. report() prints the outcome.
const asyncReadInto = readIntoPrelude + `
var log = [], total = 0, sizes = {}, sameBuffer = true, firstUntouched = null, buf;
function extra() { return ""; }
function startAsync(path, read) {
  var h = get(path, w.WINHTTP_FLAG_ASYNC, function (hr, ctx, status, info, len) {
    switch (status) {
    case w.WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE:
      check(w.WinHttpReceiveResponse(hr, null), "receive"); break;
    case w.WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE:
    case w.WINHTTP_CALLBACK_STATUS_DATA_AVAILABLE:
      if (firstUntouched !== null) { log.push(read(hr)); break; }
      fill(buf, 0xEE);
      log.push(read(hr));
      // The read runs elsewhere: the buffer is the script's until
      // READ_COMPLETE.
      firstUntouched = untouched(buf, 0, buf.length);
      break;
    case w.WINHTTP_CALLBACK_STATUS_READ_COMPLETE:
      if (info !== buf) sameBuffer = false;
      sizes[len] = (sizes[len] || 0) + 1;
      if (len === 0) { log.push("end"); w.WinHttpCloseHandle(h.s); break; }
      feed(buf, len); total += len;
      check(w.WinHttpQueryDataAvailable(hr), "avail"); break;
    case w.WINHTTP_CALLBACK_STATUS_REQUEST_ERROR:
      log.push("error " + info.dwResult + " " + info.dwError); w.WinHttpCloseHandle(h.s); break;
    }
  });
  check(w.WinHttpSendRequest(h.r, null, null, 0, 0), "send");
}
function report() {
  var seen = log.filter(function (v, i) { return log.indexOf(v) === i; });
  print(seen.join(" "), sizes[0], total, digest(), sameBuffer, firstUntouched, extra());
}
`

// The caller-buffer form, asynchronously: the call returns true without
// touching the buffer, READ_COMPLETE brings the buffer itself and the
// count as its length, once, 0, at the end.
func TestReadDataIntoBufferAsync(t *testing.T) {
	srv := newReadIntoServer(t)
	wantHash := sha(knownBody)
	cases := []struct{ name, script, want string }{
		{"64 KiB Uint8Array", `
buf = new Uint8Array(65536);
startAsync("/body", function (hr) { return w.WinHttpReadData(hr, buf); });
`, "true end 1 1048583 " + wantHash + " true true \n"},
		{"bytesToRead smaller than the buffer", `
buf = new Uint8Array(65536);
var over = 0;
extra = function () { return over; };
startAsync("/body", function (hr) { return w.WinHttpReadData(hr, buf, 4096); });
var feed0 = feed;
feed = function (b, n) { if (n > 4096) over++; feed0(b, n); };
`, "true end 1 1048583 " + wantHash + " true true 0\n"},
		{"an ArrayBuffer", `
buf = new ArrayBuffer(10000);
var fill0 = fill, untouched0 = untouched;
fill = function (b, v) { return fill0(new Uint8Array(b), v); };
untouched = function (b, from, to) { return untouched0(new Uint8Array(b), from, to); };
var feed0 = feed;
feed = function (b, n) { feed0(new Uint8Array(b), n); };
startAsync("/body", function (hr) { return w.WinHttpReadData(hr, buf); });
`, "true end 1 1048583 " + wantHash + " true true \n"},
		{"WinHttpReadDataEx fills the buffer", `
buf = new Uint8Array(65536);
extra = function () { return JSON.stringify(sizes); };
startAsync("/body", function (hr) { return w.WinHttpReadDataEx(hr, buf, null, w.WINHTTP_READ_DATA_EX_FLAG_FILL_BUFFER); });
`, "true end 1 1048583 " + wantHash + ` true true {"0":1,"7":1,"65536":16}` + "\n"},
		{"refused up front", `
buf = new Uint8Array(4096);
var refused = false;
startAsync("/body", function (hr) {
  if (!refused) {
    refused = true;
    log.push([w.WinHttpReadData(hr, buf, 4097), w.GetLastError(), w.WinHttpReadData(hr, "x"), w.GetLastError()].map(String).join(" "));
  }
  return w.WinHttpReadData(hr, buf);
});
`, "null 87 null 87 true end 1 1048583 " + wantHash + " true true \n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := hashEnv(t)
			out := e.mustRun(js(asyncReadInto+tc.script, srv.Server))
			out += e.mustRun("report()")
			if out != tc.want {
				t.Fatalf("got\n%s\nwant\n%s", out, tc.want)
			}
		})
	}
}

// Closing the request while a read into the caller's buffer is pending
// completes it with OPERATION_CANCELLED and leaves the buffer as it was.
func TestReadDataIntoBufferAsyncClosed(t *testing.T) {
	srv := newReadIntoServer(t)
	e := hashEnv(t)
	out := e.mustRun(js(readIntoPrelude+`
var buf = fill(new Uint8Array(64), 0xEE), log = [];
var h = get("/stall", w.WINHTTP_FLAG_ASYNC, function (hr, ctx, status, info, len) {
  switch (status) {
  case w.WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE:
    check(w.WinHttpReceiveResponse(hr, null), "receive"); break;
  case w.WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE:
    check(w.WinHttpReadDataEx(hr, buf, 10, w.WINHTTP_READ_DATA_EX_FLAG_FILL_BUFFER), "read"); break;
  case w.WINHTTP_CALLBACK_STATUS_READ_COMPLETE:
    log.push("read " + len);
    fill(buf, 0xEE);
    check(w.WinHttpReadData(hr, buf), "read");
    // Nothing more comes: close with the read pending.
    w.WinHttpCloseHandle(hr);
    log.push("closed");
    break;
  case w.WINHTTP_CALLBACK_STATUS_REQUEST_ERROR:
    log.push("error " + info.dwResult + " " + info.dwError); break;
  case w.WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING:
    log.push("closing"); break;
  }
});
check(w.WinHttpSendRequest(h.r, null, null, 0, 0), "send");
`, srv.Server))
	out += e.mustRun(`print(log.join(", "), untouched(buf, 0, buf.length))`)
	if want := "read 10, closed, error 3 12017, closing true\n"; out != want {
		t.Fatalf("got %q, want %q", out, want)
	}
}

// A reused caller buffer allocates nothing per call: reading 8 MiB
// through a 64 KiB buffer allocates far less than the body.
func TestReadDataIntoBufferAllocations(t *testing.T) {
	srv := newReadIntoServer(t)
	e := hashEnv(t)
	var before, after uint64
	_ = e.rt.Set("mark", func(call goja.FunctionCall) goja.Value {
		v := totalAlloc()
		if call.Argument(0).ToBoolean() {
			after = v
		} else {
			before = v
		}
		return goja.Undefined()
	})
	out := e.mustRun(js(readIntoPrelude+`
var buf = new Uint8Array(65536), total = 0, n;
for (var i = 0; i < 8; i++) {
  var h = received("/body");
  if (i === 1) mark(false);
  while ((n = w.WinHttpReadData(h.r, buf)) > 0) total += n;
  if (i === 7) mark(true);
  w.WinHttpCloseHandle(h.s);
}
print(total);
`, srv.Server))
	if want := strconv.Itoa(8*bodySize) + "\n"; out != want {
		t.Fatalf("got %q, want %q", out, want)
	}
	// Six requests of 1 MiB each: the number form would allocate 6 MiB.
	if d := after - before; d > 3<<20 {
		t.Errorf("allocated %d bytes while reading 6 MiB into a caller buffer", d)
	}
}

// totalAlloc is the bytes allocated by the process so far.
func totalAlloc() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.TotalAlloc
}
