package winhttp_test

import (
	"net/http"
	"reflect"
	"strings"
	"testing"
)

func TestRequestHeaders(t *testing.T) {
	url, rec := recordingServer(t)
	tests := []struct {
		name, setup string
		want        map[string][]string
	}{
		{"defaults", ``, map[string][]string{"Accept": {"*/*"}, "User-Agent": {"Mozilla/4.0 (compatible; Win32; WinHttp.WinHttpRequest.5)"}}},
		{"replace", `r.SetRequestHeader("X-A", "1"); r.SetRequestHeader("x-a", "2");`, map[string][]string{"X-A": {"2"}}},
		{"delete", `r.SetRequestHeader("X-A", "1"); r.SetRequestHeader("X-A", null);`, map[string][]string{"X-A": nil}},
		{"replace Accept", `r.SetRequestHeader("Accept", "application/json");`, map[string][]string{"Accept": {"application/json"}}},
		{"delete Accept", `r.SetRequestHeader("Accept", null);`, map[string][]string{"Accept": nil}},
		{"replace User-Agent", `r.SetRequestHeader("User-Agent", "Mine");`, map[string][]string{"User-Agent": {"Mine"}}},
		{"number value", `r.SetRequestHeader("X-N", 5);`, map[string][]string{"X-N": {"5"}}},
		{"empty value", `r.SetRequestHeader("X-E", "");`, map[string][]string{"X-E": {""}}},
		{"Open resets headers", `r.SetRequestHeader("X-A", "1"); r.Open("GET", "` + url + `");`, map[string][]string{"X-A": nil, "Accept": {"*/*"}}},
	}
	for _, tt := range tests {
		e := newEnv(t)
		e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("GET", "` + url + `");` + tt.setup + `r.Send();`)
		got := rec.get().header
		for name, want := range tt.want {
			if v := got.Values(name); !reflect.DeepEqual(v, want) {
				t.Errorf("%s: %s = %q, want %q", tt.name, name, v, want)
			}
		}
	}
}

func TestInvalidRequestHeaders(t *testing.T) {
	url, _ := recordingServer(t)
	tests := []struct{ call, mention string }{
		{`r.SetRequestHeader("Bad Name", "v")`, `"Bad Name"`},
		{`r.SetRequestHeader("", "v")`, `""`},
		{`r.SetRequestHeader("X:Y", "v")`, `"X:Y"`},
		{`r.SetRequestHeader("X-Inject", "a\r\nEvil: 1")`, `"X-Inject"`},
		{`r.SetRequestHeader("X-Nul", "a\u0000b")`, `"X-Nul"`},
	}
	for _, tt := range tests {
		e := newEnv(t)
		e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("GET", "` + url + `");`)
		got := e.fail(tt.call)
		if got.number != winhttpNumber(errInvalidHdr) || got.description != "The supplied header is invalid" ||
			!strings.Contains(got.detail, tt.mention) {
			t.Errorf("%s: %d %q (detail %q)", tt.call, got.number, got.description, got.detail)
		}
	}
}

func TestResponseHeaders(t *testing.T) {
	url := rawServer(t, "HTTP/1.1 201 Created Here\r\n"+
		"Content-Type: text/plain\r\n"+
		"X-Dup: first\r\n"+
		"x-lower: v\r\n"+
		"X-Dup: second\r\n"+
		"Content-Length: 2\r\n"+
		"\r\nhi")
	e := newEnv(t)
	e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("GET", "` + url + `/"); r.Send();`)
	tests := []struct{ src, want string }{
		{`r.Status`, "201"},
		{`typeof r.Status`, "number"},
		{`r.StatusText`, "Created Here"},
		// No status line (Windows, unlike Wine); the server's order and
		// spelling.
		{`r.GetAllResponseHeaders()`, "Content-Type: text/plain\r\nX-Dup: first\r\nx-lower: v\r\nX-Dup: second\r\nContent-Length: 2\r\n\r\n"},
		{`r.GetResponseHeader("x-dup")`, "first"},
		{`r.GetResponseHeader("X-LOWER")`, "v"},
		{`r.getresponseheader("content-type")`, "text/plain"},
		{`r.ResponseText`, "hi"},
	}
	for _, tt := range tests {
		if got := e.str(tt.src); got != tt.want {
			t.Errorf("%s = %q, want %q", tt.src, got, tt.want)
		}
	}
	got := e.fail(`r.GetResponseHeader("X-Missing")`)
	if got.number != winhttpNumber(errHeaderNF) || got.description != "The requested header could not be located" ||
		!strings.Contains(got.detail, "X-Missing") {
		t.Errorf("missing header: %d %q (detail %q)", got.number, got.description, got.detail)
	}
}

// fetch gets url with Go's client, for comparing bytes.
func fetch(t *testing.T, url string) []byte {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return []byte(b.String())
}
