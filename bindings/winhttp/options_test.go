package winhttp_test

import (
	"strconv"
	"strings"
	"testing"
)

func TestOptionDefaults(t *testing.T) {
	srv := newHTTPBin(t)
	e := newEnv(t)
	e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("GET", "` + srv.URL + `/get");`)
	want := []string{
		0:  "string Mozilla/4.0 (compatible; Win32; WinHttp.WinHttpRequest.5)",
		1:  "string " + srv.URL + "/get",
		2:  "number 65001",
		3:  "boolean true",
		4:  "number 0",
		5:  "string ",
		6:  "boolean true",
		7:  "boolean true",
		8:  "boolean true",
		9:  "number 10880",
		10: "boolean false",
		11: "boolean true",
		12: "boolean false",
		13: "boolean false",
		14: "number 10",
		15: "number 65536",
		16: "number 1048576",
		17: "boolean true",
		18: "boolean false",
		19: "boolean false",
	}
	for n, w := range want {
		src := "typeof r.Option(" + itoa(n) + ") + ' ' + r.Option(" + itoa(n) + ".0)"
		if got := e.str(src); got != w {
			t.Errorf("Option(%d) = %q, want %q", n, got, w)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestOptionPut(t *testing.T) {
	tests := []struct {
		n         int
		put, read string
		dflt      string // the value before any write
	}{
		{0, `"MyAgent/1.0"`, "MyAgent/1.0", "Mozilla/4.0 (compatible; Win32; WinHttp.WinHttpRequest.5)"},
		{2, `0`, "0", "65001"},
		{2, `"utf-8"`, "65001", "65001"},
		{2, `"windows-1252"`, "1252", "65001"},
		{2, `932`, "932", "65001"},
		{3, `false`, "false", "true"},
		{4, `13056`, "13056", "0"},
		{4, `0x3300`, "13056", "0"},
		{6, `false`, "false", "true"},
		{6, `0`, "false", "true"},
		{6, `"False"`, "false", "true"},
		{9, `0x2000`, "8192", "10880"},
		{10, `true`, "true", "false"},
		{11, `false`, "false", "true"},
		{12, `true`, "true", "false"},
		{13, `true`, "true", "false"},
		{14, `3`, "3", "10"},
		{15, `1024`, "1024", "65536"},
		{16, `4096`, "4096", "1048576"},
		{17, `false`, "false", "true"},
		{18, `true`, "true", "false"},
		{19, `true`, "true", "false"},
	}
	for _, tt := range tests {
		e := newEnv(t)
		e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1");`)
		idx := itoa(tt.n)
		if got := e.str(`String(r.Option(` + idx + `))`); got != tt.dflt {
			t.Errorf("Option(%d) is %q before any write, want %q", tt.n, got, tt.dflt)
		}
		// The JScript assignment, as the script loader rewrites it.
		e.run(`r.Option(` + idx + `, __winhttpjs_propput__).value = ` + tt.put)
		if got := e.str(`String(r.option(` + idx + `))`); got != tt.read {
			t.Errorf("Option(%d) = %s read back %q, want %q", tt.n, tt.put, got, tt.read)
		}
		// The two-argument form writes too.
		e.run(`var r2 = new ActiveXObject("WinHttp.WinHttpRequest.5.1");`)
		if got := e.str(`String(r2.Option(` + idx + `, ` + tt.put + `))`); got != "undefined" {
			t.Errorf("Option(%d, %s) returned %q, want undefined", tt.n, tt.put, got)
		}
		if got := e.str(`String(r2.Option(` + idx + `))`); got != tt.read {
			t.Errorf("Option(%d, %s) read back %q, want %q", tt.n, tt.put, got, tt.read)
		}
	}
}

func TestOptionErrors(t *testing.T) {
	srv := newHTTPBin(t)
	tests := []struct {
		src    string
		number int64
		detail string
	}{
		{`r.Option(99)`, hresultNumber(eInvalidArg), "99"},
		{`r.Option(-1)`, hresultNumber(eInvalidArg), "-1"},
		{`r.Option(20, __winhttpjs_propput__).value = 1`, hresultNumber(eInvalidArg), "20"},
		{`r.Option("x")`, hresultNumber(eInvalidArg), `"x"`},
		{`r.Option()`, hresultNumber(0x800A01C1), ""},
		{`r.Option(1, __winhttpjs_propput__).value = "http://x/"`, winhttpNumber(errNotSettable), ""},
		{`r.Option(6, __winhttpjs_propput__).value = "maybe"`, hresultNumber(0x800A000D), ""},
		{`r.Option(14, __winhttpjs_propput__).value = -1`, hresultNumber(eInvalidArg), ""},
		{`r.Option(2, __winhttpjs_propput__).value = "no-such-charset"`, hresultNumber(eInvalidArg), ""},
		{`r.Option(0, __winhttpjs_propput__).value = null`, hresultNumber(0x800A000D), ""},
	}
	for _, tt := range tests {
		e := newEnv(t)
		e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("GET", "` + srv.URL + `/get");`)
		got := e.fail(tt.src)
		if got.number != tt.number || !strings.Contains(got.description, tt.detail) {
			t.Errorf("%s: %d %q, want %d mentioning %q", tt.src, got.number, got.description, tt.number, tt.detail)
		}
	}
}

// TestOptionEffects checks the options that change what goes on the wire.
func TestOptionEffects(t *testing.T) {
	url, rec := recordingServer(t)
	e := newEnv(t)
	e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
r.Option(0, __winhttpjs_propput__).value = "Agent/2";
r.Option(17, __winhttpjs_propput__).value = false;
r.Open("GET", "` + url + `/p"); r.Send();`)
	got := rec.get()
	if ua := got.header.Get("User-Agent"); ua != "Agent/2" {
		t.Errorf("User-Agent %q", ua)
	}
	// EnableHttp1_1 = false sends an HTTP/1.0 request line; WinHTTP keeps
	// asking for keep-alive, which HTTP/1.0 spells Connection: Keep-Alive.
	if got.proto != "HTTP/1.0" || got.header.Get("Connection") != "Keep-Alive" {
		t.Errorf("EnableHttp1_1 false sent %s with Connection %q, want HTTP/1.0 with Keep-Alive", got.proto, got.header.Get("Connection"))
	}
	// Options are object-wide: they survive Open.
	e.run(`r.Open("GET", "` + url + `/q"); r.Send();`)
	if ua := rec.get().header.Get("User-Agent"); ua != "Agent/2" {
		t.Errorf("after re-Open User-Agent %q", ua)
	}
}

func TestURLCodePage(t *testing.T) {
	url, rec := recordingServer(t)
	tests := []struct {
		codePage, path, want string
	}{
		{"65001", "/caf\u00e9?q=\u00e9 x", "/caf%C3%A9?q=%C3%A9%20x"},
		{"1252", "/caf\u00e9?q=\u00e9", "/caf%E9?q=%E9"},
		{"65001", "/already%20escaped?a=%41", "/already%20escaped?a=%41"},
	}
	for _, tt := range tests {
		e := newEnv(t)
		e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
r.Option(2, __winhttpjs_propput__).value = ` + tt.codePage + `;
r.Open("GET", "` + url + tt.path + `"); r.Send();`)
		if got := rec.get().uri; got != tt.want {
			t.Errorf("code page %s, %q: server saw %q, want %q", tt.codePage, tt.path, got, tt.want)
		}
	}
}
