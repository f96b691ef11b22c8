package winhttp_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/bindings/winhttp"
)

// spillBody is an ASCII body (so that ResponseText is the same text)
// several times the lowered spill threshold, of an odd length.
func spillBody(n int) []byte {
	b := make([]byte, n)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = 'A' + byte(x%58)
	}
	return b
}

// bodyServer serves body at /len (with Content-Length), /chunked
// (without) and /short (declaring the whole length, then closing after a
// third).
func bodyServer(t *testing.T, body []byte) *httptest.Server {
	t.Helper()
	return newServer(t, func(w http.ResponseWriter, req *http.Request) {
		switch req.URL.Path {
		case "/len":
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			_, _ = w.Write(body)
		case "/chunked":
			for rest := body; len(rest) > 0; {
				n := min(len(rest), 100_000)
				_, _ = w.Write(rest[:n])
				w.(http.Flusher).Flush()
				rest = rest[n:]
			}
		case "/short":
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			_, _ = w.Write(body[:len(body)/3])
		}
	})
}

// newSpillEnv is newEnv (or newLoopEnv with withLoop) with bodies read with
// events spilling past at bytes into dir.
func newSpillEnv(t *testing.T, at int64, dir string, withLoop bool) (*env, *recordingLoop) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	opts := bindings.Options{Context: winhttp.WithSpill(ctx, at, dir)}
	var loop *recordingLoop
	if withLoop {
		loop = newRecordingLoop()
		opts.Loop = loop
	}
	rt := goja.New()
	bindings.Install(rt, opts)
	return &env{t: t, rt: rt}, loop
}

// openFiles counts the process's descriptors open on files in dir, removed
// or not (Linux); -1 when the system does not tell.
func openFiles(t *testing.T, dir string) int {
	t.Helper()
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	n := 0
	for _, fd := range fds {
		target, err := os.Readlink(filepath.Join("/proc/self/fd", fd.Name()))
		if err == nil && strings.HasPrefix(target, dir+string(filepath.Separator)) {
			n++
		}
	}
	return n
}

// checkFiles fails unless dir holds no file (on Unix the file is removed
// as soon as it is created) and wantOpen descriptors are open on its files.
func checkFiles(t *testing.T, dir, when string, wantOpen int) {
	t.Helper()
	if names, err := os.ReadDir(dir); err == nil && len(names) > 0 && runtime.GOOS != "windows" {
		t.Errorf("%s: %d files left in the temporary directory", when, len(names))
	}
	if got := openFiles(t, dir); got >= 0 && got != wantOpen {
		t.Errorf("%s: %d temporary body files open, want %d", when, got, wantOpen)
	}
}

// waitFiles waits (collecting garbage) until no temporary body file is
// open or present in dir. A transfer cancelled by Abort or Open may still
// be ending on its own goroutine when the script goes on (it is not
// waited for, as on Windows), so its file may take a moment to go.
func waitFiles(t *testing.T, dir, when string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		names, _ := os.ReadDir(dir)
		open := openFiles(t, dir)
		if len(names) == 0 && open <= 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Errorf("%s: %d temporary body files still open, %d in the directory", when, open, len(names))
			return
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
}

// chunkKeeper is an event sink that keeps every OnResponseDataAvailable
// array, as a script storing them would.
type chunkKeeper struct {
	arrays []*goja.Object
	copies [][]byte // each array's bytes when it arrived
	events []string
}

func keepChunks(t *testing.T, e *env, onData func(arr *goja.Object)) *chunkKeeper {
	t.Helper()
	k := &chunkKeeper{}
	obj := e.rt.Get("r").(*goja.Object)
	if !com.SetEventSink(obj, com.EventFunc(func(name string, args []goja.Value) {
		if name != "OnResponseDataAvailable" {
			k.events = append(k.events, name)
			return
		}
		if len(k.events) == 0 || k.events[len(k.events)-1] != name {
			k.events = append(k.events, name)
		}
		arr := args[0].(*goja.Object)
		k.arrays = append(k.arrays, arr)
		k.copies = append(k.copies, bytes.Clone(exportBytes(t, e, arr)))
		if onData != nil {
			onData(arr)
		}
	})) {
		t.Fatal("SetEventSink refused the request object")
	}
	return k
}

func exportBytes(t *testing.T, e *env, v goja.Value) []byte {
	t.Helper()
	var b []byte
	if err := e.rt.ExportTo(v, &b); err != nil {
		t.Fatalf("export: %v", err)
	}
	return b
}

// readStream reads the script's stream s piece by piece.
func readStream(t *testing.T, e *env, piece int) []byte {
	t.Helper()
	var out []byte
	for {
		b := exportBytes(t, e, e.run(`s.Read(`+strconv.Itoa(piece)+`)`))
		if len(b) == 0 {
			return out
		}
		out = append(out, b...)
	}
}

// A body read with events past the threshold goes to a temporary file (or
// stays in memory when none can be made); either way the events carry the
// exact bytes in order, in arrays that stay the script's, and
// ResponseBody, ResponseText and ResponseStream give the exact body
// afterwards. The file is gone once the object is re-opened.
func TestSpilledBody(t *testing.T) {
	body := spillBody(3<<20 + 12345)
	srv := bodyServer(t, body)
	sum := sha256.Sum256(body)
	tests := []struct {
		name    string
		mode    string // sync, async (WaitForResponse), loop (host loop)
		path    string
		at      int64
		noDir   bool // the temporary directory does not exist
		onData  string
		spilled bool
	}{
		{name: "sync, Content-Length", mode: "sync", path: "/len", at: 256 << 10, spilled: true},
		{name: "sync, chunked", mode: "sync", path: "/chunked", at: 256 << 10, spilled: true},
		{name: "async, WaitForResponse", mode: "async", path: "/len", at: 256 << 10, spilled: true},
		{name: "async, chunked, WaitForResponse", mode: "async", path: "/chunked", at: 256 << 10, spilled: true},
		{name: "async, host loop", mode: "loop", path: "/chunked", at: 256 << 10, spilled: true},
		{name: "below the threshold", mode: "sync", path: "/chunked", at: 64 << 20},
		{name: "directory not writable: memory", mode: "sync", path: "/chunked", at: 256 << 10, noDir: true},
		{name: "directory not writable, Content-Length", mode: "async", path: "/len", at: 256 << 10, noDir: true},
		{name: "script overwrites its arrays", mode: "sync", path: "/len", at: 256 << 10, onData: "scribble", spilled: true},
		{name: "slow handler", mode: "async", path: "/chunked", at: 256 << 10, onData: "slow", spilled: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			spillDir := dir
			if tt.noDir {
				spillDir = filepath.Join(dir, "missing")
			}
			e, loop := newSpillEnv(t, tt.at, spillDir, tt.mode == "loop")
			e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("GET", "` + srv.URL + tt.path + `", ` + strconv.FormatBool(tt.mode != "sync") + `);`)
			var onData func(*goja.Object)
			switch tt.onData {
			case "scribble":
				onData = func(arr *goja.Object) {
					fill, _ := goja.AssertFunction(arr.Get("fill"))
					if _, err := fill(arr, e.rt.ToValue(0xFF)); err != nil {
						t.Fatal(err)
					}
				}
			case "slow":
				onData = func(*goja.Object) { time.Sleep(2 * time.Millisecond) }
			}
			k := keepChunks(t, e, onData)
			e.run(`r.Send()`)
			switch tt.mode {
			case "async":
				e.run(`r.WaitForResponse()`)
			case "loop":
				loop.idle(t)
			}
			if len(k.events) != 3 || k.events[0] != "OnResponseStart" || k.events[1] != "OnResponseDataAvailable" || k.events[2] != "OnResponseFinished" {
				t.Errorf("events %q", k.events)
			}
			var got []byte
			for i, c := range k.copies {
				if len(c) == 0 || len(c) > winhttp.MaxEventChunk {
					t.Errorf("chunk %d has %d bytes", i, len(c))
				}
				got = append(got, c...)
			}
			if sha256.Sum256(got) != sum {
				t.Errorf("the %d chunks carried %d bytes, not the body's %d", len(k.copies), len(got), len(body))
			}
			if tt.onData != "scribble" {
				var kept []byte
				for _, arr := range k.arrays {
					kept = append(kept, exportBytes(t, e, arr)...)
				}
				if !bytes.Equal(kept, body) {
					t.Error("the arrays the script kept changed after their events")
				}
			}
			open := 0
			if tt.spilled {
				open = 1
			}
			checkFiles(t, dir, "after Send", open)

			if got := exportBytes(t, e, e.run(`r.ResponseStream.Read()`)); !bytes.Equal(got, body) {
				t.Errorf("ResponseStream.Read() gave %d bytes, not the body", len(got))
			}
			e.run(`var s = r.ResponseStream;`)
			if got := e.run(`s.Size`).ToInteger(); got != int64(len(body)) {
				t.Errorf("ResponseStream.Size %d, want %d", got, len(body))
			}
			if got := readStream(t, e, 100_000); !bytes.Equal(got, body) {
				t.Errorf("ResponseStream read in pieces gave %d bytes, not the body", len(got))
			}
			e.run(`s.Seek(-10, 2)`)
			if got := exportBytes(t, e, e.run(`s.Read(100)`)); !bytes.Equal(got, body[len(body)-10:]) {
				t.Errorf("the last 10 bytes of the stream: %q", got)
			}
			if got := e.str(`r.ResponseText`); got != string(body) {
				t.Errorf("ResponseText has %d characters, not the body", len(got))
			}
			if got := exportBytes(t, e, e.run(`r.ResponseBody`)); !bytes.Equal(got, body) {
				t.Errorf("ResponseBody has %d bytes, not the body", len(got))
			}
			// Once the body is in memory everything reads it there, the
			// script's writes through ResponseBody included.
			e.run(`var b = r.ResponseBody; b[0] = 0x21;`)
			if got := e.str(`r.ResponseStream.Read(1)[0]`); got != "33" {
				t.Errorf("ResponseStream after writing through ResponseBody: %s, want 33", got)
			}

			e.run(`s = null; r.Open("GET", "` + srv.URL + `/len", false);`)
			runtime.GC()
			waitFiles(t, dir, "after re-Open")
		})
	}
}

// The temporary file lives no longer than the body may be read: it is
// closed when the object is re-opened, aborted, sends again, fails or is
// collected; a ResponseStream keeps it until it is collected itself.
func TestSpillFileLifecycle(t *testing.T) {
	body := spillBody(2<<20 + 7)
	srv := bodyServer(t, body)
	tests := []struct {
		name     string
		path     string
		abortAt  int    // Abort from the handler of this chunk (0: no)
		fails    bool   // Send throws
		then     string // script run after Send
		wantOpen int    // files open after then
		collect  bool   // then drops the object: the file goes once it is collected
		stream   bool   // then keeps a stream: collect it and check
	}{
		{name: "re-Open", path: "/len", then: `r.Open("GET", "` + srv.URL + `/len", true);`},
		{name: "Abort", path: "/len", then: `r.Abort();`},
		{name: "Send again", path: "/chunked", then: `r.Open("GET", "` + srv.URL + `/len", false); r.Send();`, wantOpen: 1},
		{name: "Send again, then Abort", path: "/chunked", then: `r.Open("GET", "` + srv.URL + `/len", false); r.Send(); r.Abort();`},
		{name: "Abort from a handler", path: "/chunked", abortAt: 2, fails: true},
		{name: "the transfer fails", path: "/short", fails: true},
		{name: "the transfer fails, then a retry", path: "/short", fails: true, then: `r.Open("GET", "` + srv.URL + `/chunked", false); r.Send();`, wantOpen: 1},
		{name: "object collected", path: "/len", then: `r = null;`, collect: true},
		{name: "stream outlives re-Open", path: "/len", then: `var s = r.ResponseStream; r.Open("GET", "` + srv.URL + `/len", false);`, wantOpen: 1, stream: true},
		{name: "stream outlives the object", path: "/len", then: `var s = r.ResponseStream; r = null;`, wantOpen: 1, stream: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			e, _ := newSpillEnv(t, 256<<10, dir, false)
			e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("GET", "` + srv.URL + tt.path + `", false);`)
			n := 0
			keepChunks(t, e, func(*goja.Object) {
				if n++; n == tt.abortAt {
					e.run(`r.Abort()`)
				}
			})
			if tt.fails {
				e.fail(`r.Send()`)
				waitFiles(t, dir, "after the failed Send")
			} else {
				e.run(`r.Send()`)
				checkFiles(t, dir, "after Send", 1)
			}
			if tt.then == "" {
				return
			}
			e.run(tt.then)
			if tt.collect {
				waitFiles(t, dir, "after "+tt.then)
				return
			}
			checkFiles(t, dir, "after "+tt.then, tt.wantOpen)
			if tt.stream {
				if got := readStream(t, e, 1<<20); !bytes.Equal(got, body) {
					t.Errorf("the kept stream read %d bytes, not the body", len(got))
				}
				e.run(`s = null;`)
				waitFiles(t, dir, "after the stream was dropped")
			}
		})
	}
}

// A handler that waits for its own transfer (WaitForResponse inside
// OnResponseDataAvailable) takes no event until the transfer ends: the
// reader must not wait for the queue to drain then, and every chunk still
// arrives, in order, once the handler returns.
func TestSpillNestedWait(t *testing.T) {
	body := spillBody(9<<20 + 3)
	srv := bodyServer(t, body)
	tests := []struct {
		name, path string
		loop       bool
	}{
		{"Content-Length", "/len", false},
		{"chunked", "/chunked", false},
		{"host loop", "/len", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			e, loop := newSpillEnv(t, 1<<20, dir, tt.loop)
			e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("GET", "` + srv.URL + tt.path + `", true);`)
			waited := false
			k := keepChunks(t, e, func(*goja.Object) {
				if !waited {
					waited = true
					if got := e.str(`r.WaitForResponse(30)`); got != "true" {
						t.Errorf("WaitForResponse from the handler: %s", got)
					}
				}
			})
			e.run(`r.Send();`)
			if loop != nil {
				loop.idle(t)
			} else {
				e.run(`r.WaitForResponse();`)
			}
			var got []byte
			for _, c := range k.copies {
				got = append(got, c...)
			}
			if !bytes.Equal(got, body) {
				t.Errorf("the chunks carried %d bytes, not the body's %d", len(got), len(body))
			}
			if got := exportBytes(t, e, e.run(`r.ResponseBody`)); !bytes.Equal(got, body) {
				t.Errorf("ResponseBody has %d bytes, not the body", len(got))
			}
			e.run(`r.Abort()`)
			waitFiles(t, dir, "after Abort")
		})
	}
}

// A sink disconnected in the middle of a spilled body gets no more
// events, and the body is still kept whole.
func TestSpillSinkDisconnected(t *testing.T) {
	body := spillBody(3<<20 + 1)
	srv := bodyServer(t, body)
	dir := t.TempDir()
	e, _ := newSpillEnv(t, 256<<10, dir, false)
	e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("GET", "` + srv.URL + `/chunked", false);`)
	obj := e.rt.Get("r").(*goja.Object)
	k := keepChunks(t, e, func(*goja.Object) {
		com.SetEventSink(obj, nil)
	})
	e.run(`r.Send()`)
	if len(k.copies) != 1 || !bytes.HasPrefix(body, k.copies[0]) {
		t.Errorf("%d chunks after disconnecting at the first", len(k.copies))
	}
	if got := exportBytes(t, e, e.run(`r.ResponseBody`)); !bytes.Equal(got, body) {
		t.Errorf("ResponseBody has %d bytes, not the body", len(got))
	}
	e.run(`r.Abort()`)
	checkFiles(t, dir, "after Abort", 0)
}
