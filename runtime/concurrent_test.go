package runtime

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// barrierServer answers /n/I with "body-I", but only once n requests are
// in flight at the same time: a script that cannot keep n requests in
// flight at once never gets an answer.
func barrierServer(t *testing.T, n int) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var arrived atomic.Int64
	var once sync.Once
	all := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if arrived.Add(1) == int64(n) {
			once.Do(func() { close(all) })
		}
		select {
		case <-all:
		case <-r.Context().Done():
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, "body-"+strings.TrimPrefix(r.URL.Path, "/n/"))
	}))
	t.Cleanup(srv.Close)
	return srv, &arrived
}

// One script keeps 1,000 requests in flight at once, each on its own
// object with its own event prefix, and every event is accounted for:
// exactly one OnResponseStart and one OnResponseFinished per object, the
// right body through OnResponseDataAvailable and ResponseText, no OnError.
// The script's code ends right after sending; the loop keeps it alive
// until the last request is done.
func TestThousandConcurrentRequests(t *testing.T) {
	const n = 1000
	srv, arrived := barrierServer(t, n)
	src := `var N = ` + strconv.Itoa(n) + `, g = this;
var starts = [], finishes = [], texts = [], errors = 0, finished = 0, bad = [];
function track(i, r) {
  var p = "r" + i + "_";
  starts[i] = 0; finishes[i] = 0; texts[i] = "";
  g[p + "OnResponseStart"] = function (status, type) {
    starts[i]++;
    if (status !== 200 || type !== "text/plain") bad.push(i + " start " + status + " " + type);
  };
  g[p + "OnResponseDataAvailable"] = function (data) { texts[i] += String.fromCharCode.apply(null, data) };
  g[p + "OnResponseFinished"] = function () {
    finishes[i]++;
    finished++;
    if (texts[i] !== "body-" + i || r.ResponseText !== "body-" + i) bad.push(i + " body " + texts[i]);
    if (finished === N) report();
  };
  g[p + "OnError"] = function (n, d) { errors++; bad.push(i + " error " + d) };
  WScript.ConnectObject(r, p);
}
function report() {
  var s = 0, f = 0;
  for (var i = 0; i < N; i++) { if (starts[i] === 1) s++; if (finishes[i] === 1) f++ }
  WScript.Echo("objects with one start", s, "one finish", f, "errors", errors, "bad", bad.length, bad.slice(0, 3).join("; "));
}
for (var i = 0; i < N; i++) {
  var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
  track(i, r);
  r.Open("GET", "` + srv.URL + `/n/" + i, true);
  r.Send();
}
WScript.Echo("sent", N);`
	var out, errb strings.Builder
	rt, err := New(Options{Stdout: &out, Stderr: &errb})
	if err != nil {
		t.Fatal(err)
	}
	defer rt.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	code, err := rt.RunScript(ctx, "t.js", []byte(src))
	result{code: code, stdout: out.String(), stderr: errb.String(), err: err}.check(t, 0,
		"sent 1000\nobjects with one start 1000 one finish 1000 errors 0 bad 0 \n", "")
	if got := arrived.Load(); got != n {
		t.Errorf("the server saw %d requests, want %d", got, n)
	}
}
