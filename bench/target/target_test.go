package target

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
)

func TestServer(t *testing.T) {
	srv, err := Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()

	body := get(t, srv.URL+"/hello")
	if body != Hello || len(body) != 13 {
		t.Errorf("/hello = %q", body)
	}
	const n = 300<<10 + 7 // more than one pattern chunk
	body = get(t, fmt.Sprintf("%s/bytes/%d", srv.URL, n))
	if len(body) != n || body[:3] != "abc" {
		t.Errorf("/bytes/%d gave %d bytes starting %q", n, len(body), body[:min(len(body), 3)])
	}
	resp, err := http.Post(srv.URL+"/upload", "application/octet-stream", strings.NewReader(strings.Repeat("x", 12345)))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != "12345" {
		t.Errorf("/upload answered %q, want 12345", b)
	}
	if n := srv.Conns(); n < 1 {
		t.Errorf("Conns() = %d after three requests", n)
	}
}

func TestStartRefusesNonLoopback(t *testing.T) {
	if _, err := Start("0.0.0.0:0"); err == nil {
		t.Error("Start accepted 0.0.0.0")
	}
}

func TestCannedPipelined(t *testing.T) {
	srv, err := StartCanned()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	conn, err := net.Dial("tcp", strings.TrimPrefix(srv.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// Three requests in one write, split across the head boundary.
	req := "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"
	if _, err := io.WriteString(conn, req+req+req[:10]); err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(conn, req[10:]); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(conn)
	for i := range 3 {
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatalf("response %d: %v", i, err)
		}
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 || string(b) != Hello {
			t.Errorf("response %d: %d %q", i, resp.StatusCode, b)
		}
	}
}

func TestCannedRefusesBody(t *testing.T) {
	srv, err := StartCanned()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	resp, err := http.Post(srv.URL+"/hello", "text/plain", strings.NewReader("body"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotImplemented {
		t.Errorf("POST with a body: status %d, want 501", resp.StatusCode)
	}
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d, %v", url, resp.StatusCode, err)
	}
	return string(b)
}
