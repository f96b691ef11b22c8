package winhttp_test

import (
	"io"
	"net/http"
	"runtime"
	"testing"
)

// A method read from one object acts on that object wherever it is
// called, also after other objects were made (their methods share one
// function per runtime and member) and after a collection; each object's
// method values stay its own.
func TestDetachedMethodsActOnTheirObject(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, r.URL.Path) })
	e := newEnv(t)
	e.run(`var a = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
var open = a.Open, send = a.send, header = a.SetRequestHeader;
var b = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
for (var i = 0; i < 20; i++) new ActiveXObject("WinHttp.WinHttpRequest.5.1").Open("GET", "` + srv.URL + `/x" + i);`)
	runtime.GC()
	got := e.str(`open("GET", "` + srv.URL + `/a", false);
b.Open("GET", "` + srv.URL + `/b", false);
header("X-Test", "1"); send(); b.Send();
var c = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
c.Open("GET", "` + srv.URL + `/c", false); c.Send();
[a.ResponseText, b.ResponseText, c.ResponseText, a.Open === open, a.open === open, b.Open !== open, c.Send !== send,
 typeof open, open.name, String(a.Status)].join()`)
	if want := "/a,/b,/c,true,true,true,true,function,Open,200"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
