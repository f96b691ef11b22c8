package runtime

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkParallelRequests measures one script run that sends 100
// asynchronous requests at once and lets the loop deliver their events.
func BenchmarkParallelRequests(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, "ok")
	}))
	defer srv.Close()
	src := []byte(`var done = 0, g = this;
for (var i = 0; i < 100; i++) {
  var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
  g["r" + i + "_OnResponseFinished"] = function () { done++ };
  WScript.ConnectObject(r, "r" + i + "_");
  r.Open("GET", "` + srv.URL + `", true);
  r.Send();
}`)
	rt, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer rt.Close()
	b.ReportAllocs()
	for b.Loop() {
		if code, err := rt.RunScript(context.Background(), "b.js", src); code != 0 || err != nil {
			b.Fatalf("run: %d %v", code, err)
		}
	}
}

// BenchmarkTimers measures 1,000 zero-delay timers and immediates.
func BenchmarkTimers(b *testing.B) {
	src := []byte(`var n = 0; for (var i = 0; i < 1000; i++) { setTimeout(function () { n++ }, 0); setImmediate(function () { n++ }) }`)
	rt, err := New(noCOM())
	if err != nil {
		b.Fatal(err)
	}
	defer rt.Close()
	b.ReportAllocs()
	for b.Loop() {
		if code, err := rt.RunScript(context.Background(), "b.js", src); code != 0 || err != nil {
			b.Fatalf("run: %d %v", code, err)
		}
	}
}
