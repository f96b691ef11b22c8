package engine

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

func echoOK(r *http.Request, _ string) string {
	if r.Method == http.MethodHead {
		return "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n"
	}
	return okResponse
}

func TestWireRequestExactBytes(t *testing.T) {
	srv := newRawServer(t, echoOK)
	host := strings.TrimPrefix(srv.URL(), "http://")
	ua := "Agent/1.0"
	tests := []struct {
		name      string
		session   SessionOptions
		method    string
		path      string
		userAgent *string
		header    []Field
		http10    bool
		body      []byte
		want      string
	}{
		{
			name:    "plain GET with session agent",
			session: SessionOptions{UserAgent: DefaultUserAgent},
			method:  "GET", path: "/a/b?x=1",
			want: "GET /a/b?x=1 HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: " + DefaultUserAgent +
				"\r\nConnection: Keep-Alive\r\n\r\n",
		},
		{
			name:   "no agent sends no User-Agent",
			method: "GET", path: "/",
			want: "GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: Keep-Alive\r\n\r\n",
		},
		{
			name:    "request agent overrides session agent",
			session: SessionOptions{UserAgent: "Session/1"},
			method:  "GET", path: "/", userAgent: &ua,
			want: "GET / HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: Agent/1.0\r\nConnection: Keep-Alive\r\n\r\n",
		},
		{
			name:    "header names as written, caller agent replaces",
			session: SessionOptions{UserAgent: "Session/1"},
			method:  "GET", path: "/",
			header: []Field{{"x-lower", "a"}, {"X-MiXeD", "b"}, {"user-agent", "mine"}, {"ACCEPT", "*/*"}},
			want: "GET / HTTP/1.1\r\nHost: " + host +
				"\r\nACCEPT: */*\r\nConnection: Keep-Alive\r\nX-MiXeD: b\r\nuser-agent: mine\r\nx-lower: a\r\n\r\n",
		},
		{
			name:    "repeated names keep every value, in order, apart from the others",
			session: SessionOptions{UserAgent: "UA"},
			method:  "GET", path: "/",
			header: []Field{{"X-A", "1"}, {"X-B", "2"}, {"X-A", "3"}, {"X-C", "4"}, {"X-A", "5"}, {"X-B", "6"}},
			want: "GET / HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: UA\r\nConnection: Keep-Alive" +
				"\r\nX-A: 1\r\nX-A: 3\r\nX-A: 5\r\nX-B: 2\r\nX-B: 6\r\nX-C: 4\r\n\r\n",
		},
		{
			name:   "caller Host and Connection replace the engine's",
			method: "GET", path: "/",
			header: []Field{{"Host", "virtual.example"}, {"connection", "close"}},
			want:   "GET / HTTP/1.1\r\nHost: virtual.example\r\nconnection: close\r\n\r\n",
		},
		{
			name:   "POST with body gets Content-Length, no Content-Type",
			method: "POST", path: "/p", body: []byte("a=1&b=2"),
			want: "POST /p HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: 7\r\nConnection: Keep-Alive\r\n\r\na=1&b=2",
		},
		{
			name:   "caller Content-Length is replaced by the body's",
			method: "PUT", path: "/p", body: []byte("xyz"), header: []Field{{"content-length", "99"}},
			want: "PUT /p HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: 3\r\nConnection: Keep-Alive\r\n\r\nxyz",
		},
		{
			name:   "bodiless DELETE gets Content-Length: 0",
			method: "DELETE", path: "/d", session: SessionOptions{UserAgent: "UA"},
			want: "DELETE /d HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: UA\r\nContent-Length: 0\r\nConnection: Keep-Alive\r\n\r\n",
		},
		{
			name:   "HTTP10 bodiless OPTIONS",
			method: "OPTIONS", path: "/o", http10: true,
			want: "OPTIONS /o HTTP/1.0\r\nHost: " + host + "\r\nContent-Length: 0\r\nConnection: Keep-Alive\r\n\r\n",
		},
		{
			name:   "HTTP10 request line",
			method: "GET", path: "/", http10: true,
			want: "GET / HTTP/1.0\r\nHost: " + host + "\r\nConnection: Keep-Alive\r\n\r\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(srv.requests())
			s := testSession(t, tt.session)
			r := mustRequest(t, s, tt.method, srv.URL()+tt.path)
			r.UserAgent = tt.userAgent
			r.HTTP10 = tt.http10
			for _, f := range tt.header {
				r.Header.Add(f.Name, f.Value)
			}
			fetch(t, r, tt.body)
			got := srv.requests()[before:]
			if len(got) != 1 || got[0] != tt.want {
				t.Fatalf("wire request:\n%q\nwant:\n%q", got, tt.want)
			}
		})
	}
}

func TestContentLengthRules(t *testing.T) {
	srv := newRawServer(t, echoOK)
	tests := []struct {
		method string
		body   []byte
		want   string // the Content-Length line, "" for none
	}{
		{"GET", nil, ""},
		{"HEAD", nil, "Content-Length: 0"},
		{"POST", nil, "Content-Length: 0"},
		{"PUT", nil, "Content-Length: 0"},
		{"PATCH", nil, "Content-Length: 0"},
		{"DELETE", nil, "Content-Length: 0"},
		{"OPTIONS", nil, "Content-Length: 0"},
		{"PROPFIND", []byte{}, "Content-Length: 0"},
		{"MKCOL", nil, "Content-Length: 0"},
		{"POST", []byte("hello"), "Content-Length: 5"},
		{"GET", []byte("hello"), "Content-Length: 5"},
	}
	s := testSession(t, SessionOptions{})
	for _, tt := range tests {
		t.Run(tt.method, func(t *testing.T) {
			before := len(srv.requests())
			r := mustRequest(t, s, tt.method, srv.URL()+"/")
			resp, err := r.Send(context.Background(), tt.body)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			raw := srv.requests()[before]
			got := ""
			for _, l := range headLines(raw) {
				if strings.HasPrefix(strings.ToLower(l), "content-length:") || strings.HasPrefix(strings.ToLower(l), "transfer-encoding:") {
					got = l
				}
			}
			if got != tt.want {
				t.Fatalf("%s body %q: framing line %q, want %q (request %q)", tt.method, tt.body, got, tt.want, raw)
			}
		})
	}
}

func TestSendReaderFraming(t *testing.T) {
	srv := newRawServer(t, echoOK)
	s := testSession(t, SessionOptions{})
	tests := []struct {
		name   string
		length int64
		want   string
	}{
		{"known length", 6, "POST / HTTP/1.1\r\nHost: HOST\r\nContent-Length: 6\r\nConnection: Keep-Alive\r\n\r\nstream"},
		{"unknown length is chunked", -1, "POST / HTTP/1.1\r\nHost: HOST\r\nTransfer-Encoding: chunked\r\nConnection: Keep-Alive\r\n\r\n6\r\nstream\r\n0\r\n\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(srv.requests())
			r := mustRequest(t, s, "POST", srv.URL()+"/")
			resp, err := r.SendReader(context.Background(), strings.NewReader("stream"), tt.length)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			want := strings.Replace(tt.want, "HOST", strings.TrimPrefix(srv.URL(), "http://"), 1)
			if got := srv.requests()[before]; got != want {
				t.Fatalf("wire:\n%q\nwant\n%q", got, want)
			}
		})
	}
}

func TestNoCompression(t *testing.T) {
	var compressed bytes.Buffer
	zw := gzip.NewWriter(&compressed)
	zw.Write([]byte(strings.Repeat("winhttp ", 100)))
	zw.Close()
	var gotAE []string
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotAE = r.Header.Values("Accept-Encoding")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(compressed.Bytes())
	}))
	s := testSession(t, SessionOptions{})
	tests := []struct {
		name   string
		header []Field
		wantAE []string
	}{
		{"engine adds no Accept-Encoding", nil, nil},
		{"caller's Accept-Encoding still gets raw bytes", []Field{{"Accept-Encoding", "gzip"}}, []string{"gzip"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustRequest(t, s, "GET", srv.URL)
			for _, f := range tt.header {
				r.Header.Add(f.Name, f.Value)
			}
			resp, body := fetch(t, r, nil)
			if strings.Join(gotAE, ",") != strings.Join(tt.wantAE, ",") {
				t.Fatalf("server saw Accept-Encoding %q, want %q", gotAE, tt.wantAE)
			}
			if body != compressed.String() {
				t.Fatalf("body is %d bytes, want the %d compressed bytes unchanged", len(body), compressed.Len())
			}
			if v, _ := resp.Header.Get("Content-Encoding"); v != "gzip" {
				t.Fatalf("Content-Encoding = %q, want gzip", v)
			}
			if resp.ContentLength != int64(compressed.Len()) {
				t.Fatalf("ContentLength = %d, want %d", resp.ContentLength, compressed.Len())
			}
		})
	}
}

func TestInvalidHeaderRejected(t *testing.T) {
	srv := newRawServer(t, echoOK)
	s := testSession(t, SessionOptions{})
	tests := []struct {
		name  string
		field Field
	}{
		{"space in name", Field{"Bad Name", "x"}},
		{"colon in name", Field{"a:b", "x"}},
		{"newline in value", Field{"X-Ok", "a\r\nInjected: 1"}},
		{"empty name", Field{"", "x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustRequest(t, s, "GET", srv.URL())
			r.Header.Add(tt.field.Name, tt.field.Value)
			_, err := r.Send(context.Background(), nil)
			wantCode(t, err, ErrInvalidHeader, "send")
		})
	}
	if n := len(srv.requests()); n != 0 {
		t.Fatalf("%d requests reached the server, want 0", n)
	}
}

func TestSendReaderLengthMismatch(t *testing.T) {
	srv := newRawServer(t, echoOK)
	s := testSession(t, SessionOptions{})
	tests := []struct {
		name   string
		body   string
		length int64
	}{
		{"reader shorter than length", "abc", 10},
		{"reader longer than length", "abcdefgh", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustRequest(t, s, "POST", srv.URL())
			_, err := r.SendReader(context.Background(), strings.NewReader(tt.body), tt.length)
			wantCode(t, err, ErrInvalidParameter, "send")
		})
	}
}

func TestHTTP10(t *testing.T) {
	// The server answers as an HTTP/1.0 server without keep-alive.
	srv := newRawServer(t, func(*http.Request, string) string {
		return "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok"
	})
	s := testSession(t, SessionOptions{})
	host := strings.TrimPrefix(srv.URL(), "http://")
	for i := 0; i < 3; i++ {
		r := mustRequest(t, s, "POST", srv.URL()+"/up")
		r.HTTP10 = true
		resp, err := r.SendReader(context.Background(), strings.NewReader("streamed"), -1)
		if err != nil {
			t.Fatal(err)
		}
		io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.Proto != "HTTP/1.0" {
			t.Fatalf("Proto %q", resp.Proto)
		}
	}
	want := "POST /up HTTP/1.0\r\nHost: " + host + "\r\nContent-Length: 8\r\nConnection: Keep-Alive\r\n\r\nstreamed"
	for i, got := range srv.requests() {
		if got != want {
			t.Fatalf("request %d:\n%q\nwant\n%q", i, got, want)
		}
	}
	if n := srv.connCount(); n != 3 {
		t.Fatalf("%d connections, want 3 (an HTTP/1.0 answer without keep-alive ends the connection)", n)
	}
}
