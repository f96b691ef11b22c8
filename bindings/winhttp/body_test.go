package winhttp_test

import (
	"bytes"
	"net/http"
	"testing"
)

func TestSendBody(t *testing.T) {
	url, rec := recordingServer(t)
	tests := []struct {
		name, method, setup, body string
		wantBody                  []byte
		wantCT                    string
	}{
		{"ascii string", "POST", ``, `"a=1&b=2"`, []byte("a=1&b=2"), "text/plain; Charset=UTF-8"},
		{"unicode string", "POST", ``, `"\u00e9\u20ac"`, []byte("\u00e9\u20ac"), "text/plain; Charset=UTF-8"},
		{"empty string", "POST", ``, `""`, []byte{}, "text/plain; Charset=UTF-8"},
		{"json content type", "POST", `r.SetRequestHeader("Content-Type", "application/json");`, `'{"a":1}'`, []byte(`{"a":1}`), "application/json; Charset=UTF-8"},
		{"charset kept", "PUT", `r.SetRequestHeader("Content-Type", "text/xml; charset=iso-8859-1");`, `"<a/>"`, []byte("<a/>"), "text/xml; charset=iso-8859-1"},
		{"number as text", "POST", ``, `42`, []byte("42"), "text/plain; Charset=UTF-8"},
		{"no body", "POST", ``, ``, []byte{}, ""},
		{"null body", "POST", ``, `null`, []byte{}, ""},
		{"GET drops body", "GET", ``, `"ignored"`, []byte{}, ""},
		{"lower-case get keeps body", "get", ``, `"kept"`, []byte("kept"), "text/plain; Charset=UTF-8"},
		{"Uint8Array", "POST", ``, `new Uint8Array([0, 1, 254, 255])`, []byte{0, 1, 254, 255}, ""},
		{"Uint8Array view", "POST", ``, `new Uint8Array([9, 1, 2, 9]).subarray(1, 3)`, []byte{1, 2}, ""},
		{"ArrayBuffer", "POST", ``, `new Uint8Array([7, 8]).buffer`, []byte{7, 8}, ""},
		{"DataView", "POST", ``, `new DataView(new Uint8Array([1, 2, 3, 4]).buffer, 1, 2)`, []byte{2, 3}, ""},
		{"Int16Array", "POST", ``, `new Int16Array([0x0201])`, []byte{1, 2}, ""},
		{"bytes keep own Content-Type", "POST", `r.SetRequestHeader("Content-Type", "application/octet-stream");`, `new Uint8Array([5])`, []byte{5}, "application/octet-stream"},
	}
	for _, tt := range tests {
		e := newEnv(t)
		e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("` + tt.method + `", "` + url + `");` + tt.setup + `r.Send(` + tt.body + `);`)
		got := rec.get()
		if !bytes.Equal(got.body, tt.wantBody) {
			t.Errorf("%s: server got body %q, want %q", tt.name, got.body, tt.wantBody)
		}
		if ct := got.header.Get("Content-Type"); ct != tt.wantCT {
			t.Errorf("%s: Content-Type %q, want %q", tt.name, ct, tt.wantCT)
		}
	}
}

func TestSendResponseBodyOfAnotherRequest(t *testing.T) {
	srv := newHTTPBin(t)
	url, rec := recordingServer(t)
	e := newEnv(t)
	e.run(`var a = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
a.Open("GET", "` + srv.URL + `/bytes/300?seed=7"); a.Send();
var b = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
b.Open("POST", "` + url + `"); b.Send(a.ResponseBody);`)
	want := fetch(t, srv.URL+"/bytes/300?seed=7")
	got := rec.get()
	if !bytes.Equal(got.body, want) || got.header.Get("Content-Type") != "" {
		t.Errorf("server got %d bytes (Content-Type %q), want the %d bytes of the first response", len(got.body), got.header.Get("Content-Type"), len(want))
	}
}

func TestSendResponseStream(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("0123456789")) })
	url, rec := recordingServer(t)
	e := newEnv(t)
	e.run(`var a = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); a.Open("GET", "` + srv.URL + `"); a.Send();
var s = a.ResponseStream; s.Read(4);
var b = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); b.Open("POST", "` + url + `"); b.Send(s);`)
	if got := rec.get(); string(got.body) != "456789" || got.header.Get("Content-Type") != "" {
		t.Errorf("server got %q (Content-Type %q), want the unread rest of the stream", got.body, got.header.Get("Content-Type"))
	}
}

func TestSendBadBody(t *testing.T) {
	url, rec := recordingServer(t)
	e := newEnv(t)
	e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("POST", "` + url + `");`)
	got := e.fail(`r.Send({a: 1})`)
	if got.number != hresultNumber(0x800A000D) {
		t.Errorf("Send({}) threw %d %q", got.number, got.description)
	}
	if rec.get().count != 0 {
		t.Errorf("a request was sent")
	}
	// The object is still usable.
	e.run(`r.Send("x")`)
	if rec.get().count != 1 {
		t.Errorf("Send after a refused body did not send")
	}
}
