package winhttpapi

import (
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"testing"

	"github.com/dop251/goja"
)

// streamServer generates /download?n=N bytes without holding them and
// counts an upload's bytes without keeping them.
func streamServer(t *testing.T) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("/download", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.ParseInt(r.URL.Query().Get("n"), 10, 64)
		w.Header().Set("Content-Length", strconv.FormatInt(n, 10))
		chunk := make([]byte, 64<<10)
		for i := range chunk {
			chunk[i] = byte(i * 7)
		}
		for n > 0 {
			k := min(n, int64(len(chunk)))
			if _, err := w.Write(chunk[:k]); err != nil {
				return
			}
			n -= k
		}
	})
	mux.HandleFunc("/upload", func(w http.ResponseWriter, r *http.Request) {
		n, _ := io.Copy(io.Discard, r.Body)
		io.WriteString(w, strconv.FormatInt(n, 10))
	})
	s := httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

// streamPeak streams size bytes down (or up) through the script and
// returns the largest live heap seen while it ran.
func streamPeak(t *testing.T, s *httptest.Server, size int64, upload bool) uint64 {
	e := newEnv(t, Options{})
	var peak uint64
	_ = e.rt.Set("sample", func(goja.FunctionCall) goja.Value {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapInuse)
		return goja.Undefined()
	})
	_ = e.rt.Set("SIZE", size)
	out := e.mustRun(js(prelude+`
var s = w.WinHttpOpen("a", w.WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
var c = w.WinHttpConnect(s, "{{HOST}}", {{PORT}}, 0);
var got = 0, i = 0;
if (`+strconv.FormatBool(upload)+`) {
  var r = w.WinHttpOpenRequest(c, "POST", "/upload", null, null, null, 0);
  check(w.WinHttpSendRequest(r, null, null, SIZE, 0), "send");
  var piece = new Uint8Array(65536);
  for (var sent = 0; sent < SIZE; sent += piece.length) {
    check(w.WinHttpWriteData(r, piece), "write");
    if (++i % 64 === 0) sample();
  }
  check(w.WinHttpReceiveResponse(r, null), "receive");
  got = Number(String.fromCharCode.apply(null, w.WinHttpReadData(r, 100)));
} else {
  var r = w.WinHttpOpenRequest(c, "GET", "/download?n=" + SIZE, null, null, null, 0);
  check(w.WinHttpSendRequest(r, null, null, 0, 0), "send");
  check(w.WinHttpReceiveResponse(r, null), "receive");
  for (;;) {
    var b = check(w.WinHttpReadData(r, 65536), "read");
    if (b.length === 0) break;
    got += b.length;
    if (++i % 64 === 0) sample();
  }
}
w.WinHttpCloseHandle(s);
print(got);
`, s))
	if out != strconv.FormatInt(size, 10)+"\n" {
		t.Fatalf("streamed %q bytes, want %d", out, size)
	}
	return peak
}

// Streaming 1 GiB needs no more memory than 64 MiB: neither
// WinHttpReadData nor WinHttpWriteData holds the body.
func TestStreamingMemoryIsFlat(t *testing.T) {
	s := streamServer(t)
	for _, upload := range []bool{false, true} {
		small := streamPeak(t, s, 64<<20, upload)
		large := streamPeak(t, s, 1<<30, upload)
		t.Logf("upload=%v peak live heap: 64 MiB → %d KiB, 1 GiB → %d KiB", upload, small>>10, large>>10)
		if large > small+4<<20 || large > 48<<20 {
			t.Errorf("upload=%v: peak live heap grew from %d to %d bytes", upload, small, large)
		}
	}
}
