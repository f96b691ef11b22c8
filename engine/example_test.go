package engine_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/winhttpjs/winhttpjs/engine"
)

// A session opens requests; Send returns once the response head has
// arrived, and the body is read from the response.
func Example() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "hello, %s", r.UserAgent())
	}))
	defer srv.Close()

	s := engine.NewSession(engine.SessionOptions{
		UserAgent: engine.DefaultUserAgent,
		Proxy:     engine.ProxyConfig{Access: engine.ProxyDirect},
	})
	defer s.Close()

	req, err := s.NewRequest("GET", srv.URL+"/greeting")
	if err != nil {
		fmt.Println(err)
		return
	}
	resp, err := req.Send(context.Background(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(resp.StatusCode, resp.StatusText)
	fmt.Println(string(body))
	// Output:
	// 200 OK
	// hello, Mozilla/4.0 (compatible; Win32; WinHttp.WinHttpRequest.5)
}

// Every failure carries the WinHTTP error code a Windows script would see.
func ExampleCodeOf() {
	s := engine.NewSession(engine.SessionOptions{Proxy: engine.ProxyConfig{Access: engine.ProxyDirect}})
	defer s.Close()

	_, err := s.NewRequest("GET", "ftp://example.com/file")
	code := engine.CodeOf(err)
	fmt.Println(uint32(code), code.Name())
	fmt.Printf("%#x\n", code.HRESULT())
	// Output:
	// 12006 ERROR_WINHTTP_UNRECOGNIZED_SCHEME
	// 0x80072ee6
}
