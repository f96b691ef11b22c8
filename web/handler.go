package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

// asset is one file of the page, ready to serve.
type asset struct {
	name  string
	ctype string
	plain []byte // nil when only the gzipped form exists (the wasm)
	gz    []byte
	etag  string
}

// Handler serves the playground from assets (normally Assets()): "/" is
// the page, /winhttpjs.wasm the runtime. Files go out gzip-compressed to
// clients that accept it (the wasm is stored compressed and decompressed
// for those that do not), with an ETag and "Cache-Control: no-cache".
func Handler(assets fs.FS) (http.Handler, error) {
	files := map[string]*asset{}
	err := fs.WalkDir(assets, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(assets, p)
		if err != nil {
			return err
		}
		a := &asset{name: p}
		if strings.HasSuffix(p, ".gz") {
			a.name, a.gz = strings.TrimSuffix(p, ".gz"), b
		} else {
			a.plain, a.gz = b, compress(b)
		}
		a.ctype = mime.TypeByExtension(path.Ext(a.name))
		if path.Ext(a.name) == ".wasm" {
			a.ctype = "application/wasm"
		}
		sum := sha256.Sum256(a.gz)
		a.etag = `"` + hex.EncodeToString(sum[:12]) + `"`
		files["/"+a.name] = a
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("playground assets: %w", err)
	}
	if files["/index.html"] == nil || files["/winhttpjs.wasm"] == nil {
		return nil, fmt.Errorf("playground assets: index.html or winhttpjs.wasm.gz missing (run: go run ./web/build)")
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if p == "/" {
			p = "/index.html"
		}
		a := files[p]
		if a == nil {
			http.NotFound(w, r)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		a.serve(w, r)
	}), nil
}

// serve writes the asset, compressed if the client accepts gzip.
func (a *asset) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", a.ctype)
	h.Set("Cache-Control", "no-cache")
	h.Set("Etag", a.etag)
	h.Add("Vary", "Accept-Encoding")
	body := a.plain
	if acceptsGzip(r.Header.Get("Accept-Encoding")) {
		h.Set("Content-Encoding", "gzip")
		body = a.gz
	} else if body == nil {
		zr, err := gzip.NewReader(bytes.NewReader(a.gz))
		if err == nil {
			body, err = io.ReadAll(zr)
		}
		if err != nil {
			http.Error(w, "corrupt asset", http.StatusInternalServerError)
			return
		}
	}
	http.ServeContent(w, r, a.name, time.Time{}, bytes.NewReader(body))
}

// acceptsGzip reports whether an Accept-Encoding value allows gzip.
func acceptsGzip(v string) bool {
	for _, part := range strings.Split(v, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") {
			return strings.ReplaceAll(strings.TrimSpace(params), " ", "") != "q=0"
		}
	}
	return false
}

// compress gzips b.
func compress(b []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression) // a valid level: no error
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}
