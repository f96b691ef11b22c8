package winhttp_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings"
)

// pattern is the JavaScript that fills a Uint8Array a of n bytes with
// bytes the Go side can predict (patternBytes).
const pattern = `function fill(a) { for (var i = 0; i < a.length; i++) a[i] = (i * 7 + 3) & 0xff; return a; }`

func patternBytes(n, from int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte((from+i)*7 + 3)
	}
	return b
}

// A synchronous Send of a byte container sends exactly its bytes (the
// view's, not its whole buffer's), now that it sends the script's memory
// without a copy, and leaves the script's array as it was.
func TestSendBytesSync(t *testing.T) {
	url, rec := recordingServer(t)
	tests := []struct {
		name string
		body string // JavaScript expression of the body
		want []byte
	}{
		{name: "Uint8Array", body: `fill(new Uint8Array(1000))`, want: patternBytes(1000, 0)},
		{name: "subarray", body: `fill(new Uint8Array(1000)).subarray(10, 30)`, want: patternBytes(20, 10)},
		{name: "ArrayBuffer", body: `fill(new Uint8Array(64)).buffer`, want: patternBytes(64, 0)},
		{name: "DataView", body: `new DataView(fill(new Uint8Array(64)).buffer, 5, 11)`, want: patternBytes(11, 5)},
		{name: "empty", body: `new Uint8Array(0)`, want: []byte{}},
		{name: "64 KiB", body: `fill(new Uint8Array(1 << 16))`, want: patternBytes(1<<16, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.run(pattern + `var body = ` + tt.body + `; var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
				r.Open("POST", "` + url + `", false); r.Send(body);`)
			got := rec.get()
			if !bytes.Equal(got.body, tt.want) {
				t.Errorf("the server got %d bytes, want %d (equal: %v)", len(got.body), len(tt.want), bytes.Equal(got.body, tt.want))
			}
			if cl := got.header.Get("Content-Length"); len(tt.want) > 0 && cl != strconv.Itoa(len(tt.want)) {
				t.Errorf("Content-Length %q, want %d", cl, len(tt.want))
			}
			if got := e.str(`r.Status + " " + r.ResponseText`); got != "200 ok" {
				t.Errorf("answer %q", got)
			}
		})
	}
}

// A synchronous Send of 8 MiB allocates far less than 8 MiB: the body is
// the script's array itself (the script is blocked until it is sent).
func TestSendBytesSyncNoCopy(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, req *http.Request) {
		n, _ := io.Copy(io.Discard, req.Body)
		_, _ = io.WriteString(w, strconv.FormatInt(n, 10))
	})
	e := newEnv(t)
	const size = 8 << 20
	e.run(`var body = new Uint8Array(` + strconv.Itoa(size) + `); var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
		function send() { r.Open("POST", "` + srv.URL + `", false); r.Send(body); return r.ResponseText; }
		send();`) // warm the connection up
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	got := e.str(`send()`)
	runtime.ReadMemStats(&after)
	if got != strconv.Itoa(size) {
		t.Fatalf("the server read %s bytes, want %d", got, size)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc >= size/2 {
		t.Errorf("a synchronous Send of %d bytes allocated %d bytes: the body was copied", size, alloc)
	}
}

// An asynchronous Send copies the bytes when it is called: changing the
// array right after Send (before the connection is even open) does not
// change what is sent, as Windows copies the SAFEARRAY. (A synchronous
// Send with an event sink copies too, its handlers running meanwhile.)
func TestSendBytesAsyncCopies(t *testing.T) {
	var sum [sha256.Size]byte
	srv := newServer(t, func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		sum = sha256.Sum256(b)
		_, _ = io.WriteString(w, hex.EncodeToString(sum[:]))
	})
	want := sha256.Sum256(patternBytes(4096, 0))
	tests := []struct {
		name   string
		script string
	}{
		{name: "async, changed after Send", script: `r.Open("POST", url, true); r.Send(body); body.fill(0x58); body = null; release();
			r.WaitForResponse(); r.ResponseText`},
		{name: "async, ArrayBuffer changed after Send", script: `r.Open("POST", url, true); r.Send(body.buffer); new Uint8Array(body.buffer).fill(0x58); release();
			r.WaitForResponse(); r.ResponseText`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			t.Cleanup(cancel)
			gate := make(chan struct{})
			var dialer net.Dialer
			rt := goja.New()
			bindings.Install(rt, bindings.Options{Context: ctx, DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
				// The connection opens only once the script has changed
				// its array (or the test ends).
				select {
				case <-gate:
				case <-ctx.Done():
					return nil, ctx.Err()
				}
				return dialer.DialContext(ctx, network, addr)
			}})
			released := false
			rt.Set("release", func() {
				if !released {
					released = true
					close(gate)
				}
			})
			t.Cleanup(func() {
				if !released {
					close(gate)
				}
			})
			rt.Set("url", srv.URL)
			v, err := rt.RunString(pattern + `var body = fill(new Uint8Array(4096)); var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1");` + tt.script)
			if err != nil {
				t.Fatal(err)
			}
			if got := v.String(); got != hex.EncodeToString(want[:]) {
				t.Errorf("the server got a body with SHA-256 %s, want the original's %x", got, want)
			}
		})
	}
}

// workerCount counts the goroutines of the objects' worker pools.
func workerCount() int {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return bytes.Count(buf[:n], []byte("winhttp.(*workers).work("))
		}
		buf = make([]byte, 2*len(buf))
	}
}

// The goroutines that run asynchronous requests (one per request in
// flight) outlive no use: once nothing is in flight they end after the
// pool's idle time (the objects need not even be collected), and at once
// when the host context ends.
func TestAsyncWorkersEnd(t *testing.T) {
	g := newGate(t)
	srv := newServer(t, g.handler("ok"))
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	rt := goja.New()
	bindings.Install(rt, bindings.Options{Context: ctx})
	rt.Set("url", srv.URL)
	wait := func(what string, want int) {
		t.Helper()
		for i := 0; i < 500 && workerCount() != want; i++ {
			time.Sleep(10 * time.Millisecond)
		}
		if got := workerCount(); got != want {
			t.Fatalf("%s: %d worker goroutines, want %d", what, got, want)
		}
	}
	send := `var objs = []; for (var i = 0; i < 8; i++) { var o = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); o.Open("GET", url, true); o.Send(); objs.push(o); }`
	collect := `var s = ""; for (var i = 0; i < 8; i++) { objs[i].WaitForResponse(); s += objs[i].ResponseText; } s`
	if _, err := rt.RunString(send); err != nil {
		t.Fatal(err)
	}
	// The server holds every request: one worker each.
	wait("8 requests in flight", 8)
	g.open()
	if v, err := rt.RunString(collect); err != nil || v.String() != strings.Repeat("ok", 8) {
		t.Fatalf("answers %v, %v", v, err)
	}
	if _, err := rt.RunString(`objs = null;`); err != nil {
		t.Fatal(err)
	}
	// Nothing in flight: the parked workers end after their idle time.
	wait("requests done, objects released", 0)

	// Again, then the host context ends while the workers are parked.
	if _, err := rt.RunString(send); err != nil {
		t.Fatal(err)
	}
	if v, err := rt.RunString(collect); err != nil || v.String() != strings.Repeat("ok", 8) {
		t.Fatalf("second round: answers %v, %v", v, err)
	}
	cancel()
	wait("host context ended", 0)
}
