package winhttpapi

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/dop251/goja"
	"github.com/dop251/goja_nodejs/require"
)

// BenchmarkReadData streams a 64 MiB body from a loopback server through
// WinHttpReadData in the script, in its number form (a new Uint8Array per
// call) and its caller-buffer form (one reused buffer):
//
//	go test -run '^$' -bench ReadData -cpuprofile cpu.out ./bindings/winhttpapi/
func BenchmarkReadData(b *testing.B) {
	const size = 64 << 20
	// As bench/target serves /bytes/N: 256 KiB writes.
	chunk := make([]byte, 256<<10)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(size))
		for n := size; n > 0; n -= len(chunk) {
			if _, err := w.Write(chunk[:min(n, len(chunk))]); err != nil {
				return
			}
		}
	}))
	defer srv.Close()
	for _, bc := range []struct{ name, read string }{
		{"number-64KiB", `var d = w.WinHttpReadData(r, 65536); n = d === null ? null : d.length;`},
		{"number-1MiB", `var d = w.WinHttpReadData(r, 1 << 20); n = d === null ? null : d.length;`},
		{"buffer-64KiB", `n = w.WinHttpReadData(r, buf64k);`},
		{"buffer-1MiB", `n = w.WinHttpReadData(r, buf1m);`},
	} {
		b.Run(bc.name, func(b *testing.B) {
			rt := goja.New()
			reg := require.NewRegistry()
			reg.RegisterNativeModule(ModuleName, Require)
			reg.Enable(rt)
			if _, err := rt.RunString(js(prelude+`
var buf64k = new Uint8Array(65536), buf1m = new Uint8Array(1 << 20);
var s = w.WinHttpOpen("a", w.WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
var c = w.WinHttpConnect(s, "{{HOST}}", {{PORT}}, 0);
function download() {
  var r = w.WinHttpOpenRequest(c, "GET", "/", null, null, null, 0);
  check(w.WinHttpSendRequest(r, null, null, 0, 0), "send");
  check(w.WinHttpReceiveResponse(r, null), "receive");
  var got = 0, n;
  for (;;) {
    `+bc.read+`
    if (n === null) throw new Error("read failed: " + w.GetLastError());
    if (n === 0) break;
    got += n;
  }
  w.WinHttpCloseHandle(r);
  return got;
}
`, srv)); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(size)
			for b.Loop() {
				v, err := rt.RunString("download()")
				if err != nil || v.ToInteger() != size {
					b.Fatalf("download: %v, %v", v, err)
				}
			}
		})
	}
}

// BenchmarkReadDataShort is one keep-alive GET of a 13-byte body per op,
// read through WinHttpReadData into a reused buffer: the flat API's cost
// per request when bodies are small.
func BenchmarkReadDataShort(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "13")
		w.Write([]byte("Hello, world!"))
	}))
	defer srv.Close()
	rt := goja.New()
	reg := require.NewRegistry()
	reg.RegisterNativeModule(ModuleName, Require)
	reg.Enable(rt)
	if _, err := rt.RunString(js(prelude+`
var buf = new Uint8Array(4096);
var s = w.WinHttpOpen("a", w.WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
var c = w.WinHttpConnect(s, "{{HOST}}", {{PORT}}, 0);
function get() {
  var r = w.WinHttpOpenRequest(c, "GET", "/", null, null, null, 0);
  check(w.WinHttpSendRequest(r, null, null, 0, 0), "send");
  check(w.WinHttpReceiveResponse(r, null), "receive");
  var got = 0, n;
  while ((n = w.WinHttpReadData(r, buf)) > 0) got += n;
  if (n !== 0) throw new Error("read failed: " + w.GetLastError());
  w.WinHttpCloseHandle(r);
  return got;
}
`, srv)); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		v, err := rt.RunString("get()")
		if err != nil || v.ToInteger() != 13 {
			b.Fatalf("get: %v, %v", v, err)
		}
	}
}
