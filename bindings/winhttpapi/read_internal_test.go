package winhttpapi

import (
	"net/http"
	"net/http/httptest"
	goruntime "runtime"
	"testing"

	"github.com/dop251/goja"
)

// A response body's read-ahead buffer is no larger than the body when its
// length is known and it is not decoded.
func TestReadAheadSize(t *testing.T) {
	tests := []struct {
		name          string
		contentLength int64
		decoded       bool
		want          int
	}{
		{"empty", 0, false, 16},
		{"13 bytes", 13, false, 16},
		{"1000 bytes", 1000, false, 1000},
		{"just the buffer", readBufferSize, false, readBufferSize},
		{"larger than the buffer", 10 << 20, false, readBufferSize},
		{"unknown length", -1, false, readBufferSize},
		{"decoded", 13, true, readBufferSize},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := readAheadSize(tt.contentLength, tt.decoded); got != tt.want {
				t.Fatalf("readAheadSize(%d, %v) = %d, want %d", tt.contentLength, tt.decoded, got, tt.want)
			}
		})
	}
}

// Reads into the module's own memory (the number form, and the Go buffer
// of an asynchronous read into the caller's) are no larger than what the
// body still owes: 200 reads of a 13-byte body asking for 1 MiB each
// allocate kilobytes, not 200 MiB, and return the body intact.
func TestReadNewSizedByBody(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "13")
		_, _ = w.Write([]byte("Hello, world!"))
	}))
	defer srv.Close()
	e := newEnv(t, Options{})
	var before, after uint64
	_ = e.rt.Set("mark", func(call goja.FunctionCall) goja.Value {
		var ms goruntime.MemStats
		goruntime.ReadMemStats(&ms)
		if call.Argument(0).ToBoolean() {
			after = ms.TotalAlloc
		} else {
			before = ms.TotalAlloc
		}
		return goja.Undefined()
	})
	out := e.mustRun(js(prelude+`
var s = w.WinHttpOpen("a", w.WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
var c = w.WinHttpConnect(s, "{{HOST}}", {{PORT}}, 0);
var text = "", ends = 0;
for (var i = 0; i < 201; i++) {
  if (i === 1) mark(false);
  var r = w.WinHttpOpenRequest(c, "GET", "/", null, null, null, 0);
  check(w.WinHttpSendRequest(r, null, null, 0, 0), "send");
  check(w.WinHttpReceiveResponse(r, null), "receive");
  var d, got = "";
  while ((d = check(w.WinHttpReadData(r, 1 << 20), "read")).length > 0) got += String.fromCharCode.apply(null, d);
  if (i === 0) text = got;
  if (got === "Hello, world!") ends++;
  w.WinHttpCloseHandle(r);
}
mark(true);
print(text, ends);
`, srv))
	if out != "Hello, world! 201\n" {
		t.Fatalf("got %q", out)
	}
	if d := after - before; d > 16<<20 {
		t.Errorf("200 short reads allocated %d bytes", d)
	}
}

// capRead bounds a read by what the body owes, plus one byte.
func TestCapRead(t *testing.T) {
	for _, tt := range []struct {
		left     int64
		n, wantN int
	}{
		{-1, 65536, 65536},
		{13, 65536, 14},
		{0, 65536, 1},
		{100000, 65536, 65536},
		{13, 5, 5},
	} {
		r := &requestData{left: tt.left}
		if got := r.capRead(tt.n); got != tt.wantN {
			t.Errorf("left %d: capRead(%d) = %d, want %d", tt.left, tt.n, got, tt.wantN)
		}
	}
}
