package engine_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/winhttpjs/winhttpjs/engine"
)

// A POST with the caller's headers, sent with their names as written, and
// server credentials that answer the 401 challenge.
func ExampleRequest_Send_post() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, pass, ok := r.BasicAuth()
		if !ok || user != "agent" || pass != "s3cret" {
			w.Header().Set("WWW-Authenticate", `Basic realm="api"`)
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		body, _ := io.ReadAll(r.Body)
		fmt.Fprintf(w, "%s %s as %s: %s", r.Method, r.Header.Get("X-Trace"), user, body)
	}))
	defer srv.Close()

	s := engine.NewSession(engine.SessionOptions{Proxy: engine.ProxyConfig{Access: engine.ProxyDirect}})
	defer s.Close()
	req, err := s.NewRequest("POST", srv.URL+"/items")
	if err != nil {
		fmt.Println(err)
		return
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Trace", "t-1")
	req.ServerCredentials = &engine.Credentials{Username: "agent", Password: "s3cret", Schemes: engine.AuthBasic}
	resp, err := req.Send(context.Background(), []byte(`{"n":1}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.StatusCode, string(body))
	// Output:
	// 200 POST t-1 as agent: {"n":1}
}

// With redirects disabled, a 3xx response is returned as it is.
func ExampleRedirectPolicy() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/old" {
			http.Redirect(w, r, "/new", http.StatusFound)
			return
		}
		fmt.Fprint(w, "new place")
	}))
	defer srv.Close()

	s := engine.NewSession(engine.SessionOptions{Proxy: engine.ProxyConfig{Access: engine.ProxyDirect}})
	defer s.Close()
	for _, disabled := range []bool{true, false} {
		req, err := s.NewRequest("GET", srv.URL+"/old")
		if err != nil {
			fmt.Println(err)
			return
		}
		req.Redirects = engine.RedirectPolicy{Disabled: disabled}
		resp, err := req.Send(context.Background(), nil)
		if err != nil {
			fmt.Println(err)
			return
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		loc, _ := resp.Header.Get("Location")
		fmt.Printf("%d %q %q\n", resp.StatusCode, loc, body)
	}
	// Output:
	// 302 "/new" "<a href=\"/new\">Found</a>.\n\n"
	// 200 "" "new place"
}

// Cancelling the context aborts a request at whatever step it is in; the
// error carries WinHTTP's ERROR_WINHTTP_OPERATION_CANCELLED.
func ExampleRequest_Send_cancel() {
	arrived, release := make(chan struct{}), make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(arrived)
		select { // stall until the client goes away
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)

	s := engine.NewSession(engine.SessionOptions{Proxy: engine.ProxyConfig{Access: engine.ProxyDirect}})
	defer s.Close()
	req, err := s.NewRequest("GET", srv.URL+"/slow")
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-arrived; cancel() }()
	_, err = req.Send(ctx, nil)
	var e *engine.Error
	fmt.Println(errors.As(err, &e), engine.CodeOf(err).Name())
	// Output:
	// true ERROR_WINHTTP_OPERATION_CANCELLED
}
