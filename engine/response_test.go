package engine

import (
	"net/http"
	"strings"
	"testing"
)

func TestResponseHead(t *testing.T) {
	tests := []struct {
		name       string
		wire       string
		wantStatus int
		wantText   string
		wantProto  string
		wantLength int64
		wantBody   string
		wantRaw    string
	}{
		{
			name:       "reason phrase, fields in wire order and spelling",
			wire:       "HTTP/1.1 404 Not Found Here\r\nX-B: 2\r\nx-a:1 \r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Length: 3\r\n\r\nabc",
			wantStatus: 404, wantText: "Not Found Here", wantProto: "HTTP/1.1", wantLength: 3, wantBody: "abc",
			wantRaw: "HTTP/1.1 404 Not Found Here\r\nX-B: 2\r\nx-a: 1\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Length: 3\r\n\r\n",
		},
		{
			name:       "chunked keeps Transfer-Encoding",
			wire:       "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
			wantStatus: 200, wantText: "OK", wantProto: "HTTP/1.1", wantLength: -1, wantBody: "abcde",
			wantRaw: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n",
		},
		{
			name:       "interim responses are skipped",
			wire:       "HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nz",
			wantStatus: 200, wantText: "OK", wantProto: "HTTP/1.1", wantLength: 1, wantBody: "z",
			wantRaw: "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n",
		},
		{
			name:       "bare LF line ends",
			wire:       "HTTP/1.1 200 Fine\nB: 1\nA: 2\nContent-Length: 0\n\n",
			wantStatus: 200, wantText: "Fine", wantProto: "HTTP/1.1", wantLength: 0,
			wantRaw: "HTTP/1.1 200 Fine\r\nB: 1\r\nA: 2\r\nContent-Length: 0\r\n\r\n",
		},
		{
			name:       "no reason phrase",
			wire:       "HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n",
			wantStatus: 200, wantText: "", wantProto: "HTTP/1.1", wantLength: 0,
			wantRaw: "HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n",
		},
		{
			name:       "HTTP/1.0 answer",
			wire:       "HTTP/1.0 201 Created\r\nContent-Length: 2\r\n\r\nhi",
			wantStatus: 201, wantText: "Created", wantProto: "HTTP/1.0", wantLength: 2, wantBody: "hi",
			wantRaw: "HTTP/1.0 201 Created\r\nContent-Length: 2\r\n\r\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newRawServer(t, func(*http.Request, string) string { return tt.wire })
			s := testSession(t, SessionOptions{})
			resp, body := fetch(t, mustRequest(t, s, "GET", srv.URL()+"/x"), nil)
			if resp.StatusCode != tt.wantStatus || resp.StatusText != tt.wantText || resp.Proto != tt.wantProto {
				t.Fatalf("status %d %q %q, want %d %q %q", resp.StatusCode, resp.StatusText, resp.Proto, tt.wantStatus, tt.wantText, tt.wantProto)
			}
			if resp.ContentLength != tt.wantLength || body != tt.wantBody {
				t.Fatalf("length %d body %q, want %d %q", resp.ContentLength, body, tt.wantLength, tt.wantBody)
			}
			if got := resp.RawHeaders(); got != tt.wantRaw {
				t.Fatalf("RawHeaders:\n%q\nwant\n%q", got, tt.wantRaw)
			}
			if resp.URL.String() != srv.URL()+"/x" {
				t.Fatalf("URL %s", resp.URL)
			}
		})
	}
}

func TestNotificationOrder(t *testing.T) {
	srv := newRawServer(t, func(r *http.Request, _ string) string {
		if r.URL.Path == "/moved" {
			return "HTTP/1.1 302 Found\r\nLocation: /final\r\nContent-Length: 0\r\n\r\n"
		}
		return okResponse
	})
	s := testSession(t, SessionOptions{})
	const ip = "127.0.0.1"
	okHead := len("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n")
	movedHead := len("HTTP/1.1 302 Found\r\nContent-Length: 0\r\nLocation: /final\r\n\r\n")
	// sent(i) is the size of the i-th request the server received.
	type want struct {
		status CallbackStatus
		info   any // int -1: the size of the next request the server saw
	}
	tests := []struct {
		name string
		path string
		want []want
	}{
		{"new connection", "/a", []want{
			{StatusResolvingName, ip}, {StatusNameResolved, ip},
			{StatusConnectingToServer, ip}, {StatusConnectedToServer, ip},
			{StatusSendingRequest, nil}, {StatusRequestSent, -1}, {StatusReceivingResponse, nil},
			{StatusResponseReceived, okHead}, {StatusHeadersAvailable, nil},
		}},
		{"reused connection", "/b", []want{
			{StatusSendingRequest, nil}, {StatusRequestSent, -1}, {StatusReceivingResponse, nil},
			{StatusResponseReceived, okHead}, {StatusHeadersAvailable, nil},
		}},
		{"redirect", "/moved", []want{
			{StatusSendingRequest, nil}, {StatusRequestSent, -1}, {StatusReceivingResponse, nil},
			{StatusResponseReceived, movedHead}, {StatusRedirect, srv.URL() + "/final"},
			{StatusSendingRequest, nil}, {StatusRequestSent, -1}, {StatusReceivingResponse, nil},
			{StatusResponseReceived, okHead}, {StatusHeadersAvailable, nil},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(srv.requests())
			var got []Notification
			r := mustRequest(t, s, "GET", srv.URL()+tt.path)
			r.Notify = func(n Notification) { got = append(got, n) }
			fetch(t, r, nil)
			sizes := srv.requests()[before:]
			var expected []Notification
			for _, w := range tt.want {
				info := w.info
				if info == -1 {
					info, sizes = len(sizes[0]), sizes[1:]
				}
				expected = append(expected, Notification{Status: w.status, Info: info})
			}
			if len(got) != len(expected) {
				t.Fatalf("notifications\n%v\nwant\n%v", got, expected)
			}
			for i := range got {
				if got[i] != expected[i] {
					t.Fatalf("notification %d = %+v, want %+v\nall: %v", i, got[i], expected[i], got)
				}
			}
		})
	}
}

// Without a captured head (https through a proxy) the fields come from Go's
// map: canonical names, sorted, with Transfer-Encoding restored.
func TestResponseHeadFallback(t *testing.T) {
	resp := &http.Response{
		Status: "200 OK", StatusCode: 200, Proto: "HTTP/1.1", ContentLength: -1,
		Header:           http.Header{"X-B": {"2"}, "Content-Type": {"text/plain"}, "Set-Cookie": {"a=1", "b=2"}},
		TransferEncoding: []string{"chunked"},
	}
	got := newResponse(resp, nil, "").RawHeaders()
	want := "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nTransfer-Encoding: chunked\r\nX-B: 2\r\n\r\n"
	if got != want {
		t.Fatalf("RawHeaders:\n%q\nwant\n%q", got, want)
	}
	// A captured head that does not match Go's status is not trusted.
	got = newResponse(resp, nil, "HTTP/1.1 500 Oops\r\nA: 1\r\n\r\n").RawHeaders()
	if got != want {
		t.Fatalf("mismatched capture used:\n%q", got)
	}
}

func TestResponseHeadOverTLS(t *testing.T) {
	srv := httptestTLS(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header()["x-lower"] = []string{"1"}
		w.Header()["A-First"] = []string{"2"}
		w.Write([]byte("body"))
	}))
	s := testSession(t, SessionOptions{})
	for i := 0; i < 2; i++ { // new connection, then a reused one
		r := mustRequest(t, s, "GET", srv.URL)
		r.Security.IgnoreFlags = SecurityIgnoreAllCertErrors
		resp, _ := fetch(t, r, nil)
		var names []string
		for _, f := range resp.Header.Fields() {
			names = append(names, f.Name)
		}
		// As the server wrote them: its map sorted, then Date and the framing.
		if got := strings.Join(names, ","); got != "A-First,x-lower,Date,Content-Length,Content-Type" {
			t.Fatalf("request %d: fields %s", i, got)
		}
	}
}

func TestInterimResponseNotified(t *testing.T) {
	srv := newRawServer(t, func(*http.Request, string) string {
		return "HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
	})
	s := testSession(t, SessionOptions{})
	var got []CallbackStatus
	var interim any
	r := mustRequest(t, s, "GET", srv.URL())
	r.Notify = func(n Notification) {
		got = append(got, n.Status)
		if n.Status == StatusIntermediateResponse {
			interim = n.Info
		}
	}
	fetch(t, r, nil)
	want := []CallbackStatus{
		StatusResolvingName, StatusNameResolved, StatusConnectingToServer, StatusConnectedToServer,
		StatusSendingRequest, StatusRequestSent, StatusReceivingResponse, StatusIntermediateResponse,
		StatusResponseReceived, StatusHeadersAvailable,
	}
	if len(got) != len(want) {
		t.Fatalf("notifications %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("notifications %v, want %v", got, want)
		}
	}
	if interim != 103 {
		t.Fatalf("interim info %v, want 103", interim)
	}
}
