package winhttp_test

import (
	"net/http"
	"strings"
	"testing"
)

// Every Open starts from the same "Accept: */*" header, shared by the
// objects until one changes it: SetRequestHeader (replacing, adding or
// deleting) changes that object's request only, and a new Open starts
// from the default again.
func TestOpenHeaderNotShared(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(strings.Join(r.Header.Values("Accept"), ",") + "|" + r.Header.Get("X-Test")))
	})
	e := newEnv(t)
	got := e.str(`(function() {
		var u = "` + srv.URL + `", out = [];
		function get(o) { o.Send(); return o.ResponseText; }
		var a = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
		var b = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
		var c = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
		a.Open("GET", u, false); b.Open("GET", u, false); c.Open("GET", u, false);
		a.SetRequestHeader("Accept", "text/x");
		c.SetRequestHeader("Accept", null);
		b.SetRequestHeader("X-Test", "b");
		out.push(get(a), get(b), get(c));
		a.Open("GET", u, false);
		out.push(get(a));
		var d = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
		d.Open("GET", u, false);
		out.push(get(d));
		return out.join(" ");
	})()`)
	if want := "text/x| */*|b | */*| */*|"; got != want {
		t.Errorf("Accept|X-Test per request: %q, want %q", got, want)
	}
}
