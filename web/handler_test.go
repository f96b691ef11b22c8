package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/fstest"
)

func gz(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func testHandler(t *testing.T) http.Handler {
	t.Helper()
	h, err := Handler(fstest.MapFS{
		"index.html":        {Data: []byte("<!doctype html>page")},
		"app.js":            {Data: []byte("console.log(1)")},
		"winhttpjs.wasm.gz": {Data: gz(t, []byte("\x00asm wasm bytes"))},
	})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func serve(h http.Handler, method, path, acceptEncoding string) *http.Response {
	req := httptest.NewRequest(method, path, nil)
	if acceptEncoding != "" {
		req.Header.Set("Accept-Encoding", acceptEncoding)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w.Result()
}

func TestHandlerServes(t *testing.T) {
	h := testHandler(t)
	tests := []struct {
		path, accept          string
		code                  int
		ctype, encoding, body string
	}{
		{"/", "", 200, "text/html; charset=utf-8", "", "<!doctype html>page"},
		{"/index.html", "gzip", 200, "text/html; charset=utf-8", "gzip", "<!doctype html>page"},
		{"/app.js", "br, gzip;q=0.8", 200, "text/javascript; charset=utf-8", "gzip", "console.log(1)"},
		{"/app.js", "gzip;q=0", 200, "text/javascript; charset=utf-8", "", "console.log(1)"},
		{"/winhttpjs.wasm", "gzip, deflate", 200, "application/wasm", "gzip", "\x00asm wasm bytes"},
		{"/winhttpjs.wasm", "identity", 200, "application/wasm", "", "\x00asm wasm bytes"},
		{"/winhttpjs.wasm.gz", "", 404, "", "", ""},
		{"/missing", "", 404, "", "", ""},
	}
	for _, tt := range tests {
		resp := serve(h, http.MethodGet, tt.path, tt.accept)
		if resp.StatusCode != tt.code {
			t.Errorf("GET %s: status %d, want %d", tt.path, resp.StatusCode, tt.code)
			continue
		}
		if tt.code != 200 {
			continue
		}
		body, _ := io.ReadAll(resp.Body)
		if enc := resp.Header.Get("Content-Encoding"); enc != tt.encoding {
			t.Errorf("GET %s (Accept-Encoding %q): Content-Encoding %q, want %q", tt.path, tt.accept, enc, tt.encoding)
		} else if enc == "gzip" {
			zr, err := gzip.NewReader(bytes.NewReader(body))
			if err != nil {
				t.Fatalf("GET %s: %v", tt.path, err)
			}
			body, _ = io.ReadAll(zr)
		}
		if string(body) != tt.body || resp.Header.Get("Content-Type") != tt.ctype {
			t.Errorf("GET %s: %q %q, want %q %q", tt.path, resp.Header.Get("Content-Type"), body, tt.ctype, tt.body)
		}
		if resp.Header.Get("Etag") == "" || resp.Header.Get("Cache-Control") != "no-cache" {
			t.Errorf("GET %s: Etag %q, Cache-Control %q", tt.path, resp.Header.Get("Etag"), resp.Header.Get("Cache-Control"))
		}
	}
}

func TestHandlerRevalidates(t *testing.T) {
	h := testHandler(t)
	etag := serve(h, http.MethodGet, "/app.js", "gzip").Header.Get("Etag")
	req := httptest.NewRequest(http.MethodGet, "/app.js", nil)
	req.Header.Set("If-None-Match", etag)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != http.StatusNotModified {
		t.Errorf("If-None-Match %s: status %d, want 304", etag, w.Code)
	}
}

func TestHandlerMethods(t *testing.T) {
	resp := serve(testHandler(t), http.MethodPost, "/", "")
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST /: %d Allow %q, want 405 \"GET, HEAD\"", resp.StatusCode, resp.Header.Get("Allow"))
	}
}

func TestHandlerNeedsPageAndRuntime(t *testing.T) {
	_, err := Handler(fstest.MapFS{"index.html": {Data: []byte("x")}})
	if err == nil || err.Error() != "playground assets: index.html or winhttpjs.wasm.gz missing (run: go run ./web/build)" {
		t.Errorf("Handler without the wasm: %v", err)
	}
}

func TestAssetsAreBuilt(t *testing.T) {
	if _, err := Handler(Assets()); err != nil {
		t.Fatal(err)
	}
}
