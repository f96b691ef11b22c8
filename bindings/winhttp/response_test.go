package winhttp_test

import (
	"bytes"
	"net/http"
	"strconv"
	"testing"
)

func TestResponseText(t *testing.T) {
	tests := []struct {
		name, contentType string
		body              []byte
		want              string
	}{
		{"utf-8 charset", "text/plain; charset=utf-8", []byte("caf\xc3\xa9"), "caf\u00e9"},
		{"quoted upper-case charset", `text/html; CHARSET="UTF-8"`, []byte("\xe2\x82\xac"), "\u20ac"},
		{"latin1 charset", "text/plain; charset=iso-8859-1", []byte("caf\xe9"), "caf\u00e9"},
		{"windows-1252 charset", "text/plain;charset=windows-1252", []byte("\x80"), "\u20ac"},
		{"shift_jis charset", "text/plain; charset=Shift_JIS", []byte("\x82\xa0"), "\u3042"},
		{"koi8-r charset", "text/plain; charset=koi8-r", []byte("\xc1"), "\u0430"},
		{"utf-16le charset with BOM", "text/plain; charset=utf-16le", []byte("\xff\xfeh\x00i\x00"), "hi"},
		{"utf-16 charset, BE BOM", "text/plain; charset=utf-16", []byte("\xfe\xff\x00h\x00i"), "hi"},
		{"utf-8 charset with BOM", "text/plain; charset=utf-8", []byte("\xef\xbb\xbfok"), "ok"},
		{"UTF-8 BOM, no charset", "text/plain", []byte("\xef\xbb\xbfcaf\xc3\xa9"), "caf\u00e9"},
		{"UTF-16LE BOM, no charset", "text/plain", []byte("\xff\xfeh\x00\xe9\x00"), "h\u00e9"},
		{"UTF-16BE BOM, no charset", "", []byte("\xfe\xff\x00h\x00\xe9"), "h\u00e9"},
		{"UTF-8 JSON without charset reads as windows-1252", "application/json", []byte("{\"a\":\"\xc3\xa9\"}"), `{"a":"` + "\u00c3\u00a9" + `"}`},
		{"not UTF-8, no charset", "text/plain", []byte("caf\xe9"), "caf\u00e9"},
		{"unknown charset falls back", "text/plain; charset=x-no-such", []byte("caf\xc3\xa9"), "caf\u00c3\u00a9"},
		{"invalid bytes in UTF-8", "text/plain; charset=utf-8", []byte("a\xffb"), "a\ufffdb"},
		{"empty", "text/plain", []byte{}, ""},
	}
	for _, tt := range tests {
		srv := newServer(t, func(w http.ResponseWriter, _ *http.Request) {
			w.Header()["Content-Type"] = []string{tt.contentType}
			_, _ = w.Write(tt.body)
		})
		e := newEnv(t)
		e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("GET", "` + srv.URL + `"); r.Send();`)
		if got := e.str(`r.ResponseText`); got != tt.want {
			t.Errorf("%s: ResponseText %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestResponseBody(t *testing.T) {
	srv := newHTTPBin(t)
	for _, n := range []int{0, 1, 100, 70000} {
		path := "/bytes/" + strconv.Itoa(n) + "?seed=1"
		want := fetch(t, srv.URL+path)
		e := newEnv(t)
		e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("GET", "` + srv.URL + path + `"); r.Send();
var b = r.ResponseBody;`)
		var got []byte
		if err := e.rt.ExportTo(e.run(`b`), &got); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: ResponseBody differs from a Go fetch (%d vs %d bytes)", path, len(got), len(want))
		}
		checks := []struct{ src, want string }{
			{`b instanceof Uint8Array`, "true"},
			{`b.length`, strconv.Itoa(n)},
			{`r.ResponseBody.buffer === b.buffer`, "true"},
			{`r.ResponseBody !== b`, "true"},
		}
		for _, c := range checks {
			if got := e.str(c.src); got != c.want {
				t.Errorf("%s: %s = %q, want %q", path, c.src, got, c.want)
			}
		}
	}
}

// Bodies large enough for the buffers advised for huge pages (see
// internal/hugebuf), of a declared length past the first reservation and
// of none (grown by doubling), come back byte for byte, as bytes and as
// text.
func TestLargeResponseBody(t *testing.T) {
	body := spillBody(17<<20 + 5)
	srv := bodyServer(t, body)
	for _, path := range []string{"/len", "/chunked"} {
		e := newEnv(t)
		e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("GET", "` + srv.URL + path + `"); r.Send();`)
		var got []byte
		if err := e.rt.ExportTo(e.run(`r.ResponseBody`), &got); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, body) {
			t.Errorf("%s: ResponseBody of %d bytes differs from the %d sent", path, len(got), len(body))
		}
		if text := e.str(`r.ResponseText`); text != string(body) {
			t.Errorf("%s: ResponseText of %d bytes differs from the %d ASCII bytes sent", path, len(text), len(body))
		}
	}
}

func TestResponseBodyIsRawBytes(t *testing.T) {
	// No decompression: the gzip bytes come back as sent.
	srv := newHTTPBin(t)
	e := newEnv(t)
	e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("GET", "` + srv.URL + `/gzip"); r.Send();`)
	if got := e.str(`var b = r.ResponseBody; b[0].toString(16) + b[1].toString(16)`); got != "1f8b" {
		t.Errorf("first bytes %s, want the gzip magic 1f8b", got)
	}
}

func TestResponseStream(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("0123456789")) })
	e := newEnv(t)
	e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("GET", "` + srv.URL + `"); r.Send();
function text(a) { return String.fromCharCode.apply(null, a); }
var s = r.ResponseStream;`)
	tests := []struct{ src, want string }{
		{`s.Size`, "10"},
		{`s.Position`, "0"},
		{`text(s.Read(3))`, "012"},
		{`s.Position`, "3"},
		{`text(r.ResponseStream.Read(2))`, "01"},
		{`s.Position`, "3"},
		{`s.Seek(-2, 2)`, "8"},
		{`text(s.read(5))`, "89"},
		{`s.Read(5).length`, "0"},
		{`s.Seek(1, 0); s.Seek(2, 1)`, "3"},
		{`s.Position = 5; text(s.Read())`, "56789"},
		{`s.Position = 20; s.Read(1).length`, "0"},
		{`s.Read(1) instanceof Uint8Array`, "true"},
	}
	for _, tt := range tests {
		if got := e.str(tt.src); got != tt.want {
			t.Errorf("%s = %q, want %q", tt.src, got, tt.want)
		}
	}
	for _, src := range []string{`s.Seek(-1, 0)`, `s.Seek(0, 7)`} {
		if got := e.fail(src); got.hr != 0x80030001 {
			t.Errorf("%s: %#x %q", src, got.hr, got.description)
		}
	}
	// The stream outlives a new request on the same object.
	e.run(`var s2 = r.ResponseStream; r.Open("GET", "` + srv.URL + `");`)
	if got := e.str(`text(s2.Read(2))`); got != "01" {
		t.Errorf("stream after re-Open read %q", got)
	}
}
