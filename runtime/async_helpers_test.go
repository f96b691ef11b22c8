package runtime

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
)

// eventHandlers defines r_On* handlers that print each event of the object
// connected with prefix "r_"; data chunks are counted and their total
// length printed with OnResponseFinished.
const eventHandlers = `var bytes = 0;
function r_OnResponseStart(status, type) { WScript.Echo("start", status, type) }
function r_OnResponseDataAvailable(data) { bytes += data.length }
function r_OnResponseFinished() { WScript.Echo("finished", bytes) }
function r_OnError(number, description) { WScript.Echo("error", number, description) }
`

// testServer serves the paths the asynchronous tests use:
//
//	/text       200 "hello" (text/plain)
//	/big        200, 100000 bytes in 10 flushed writes
//	/missing    404 "no such page" (text/html)
//	/stall      never answers; the handler ends when the client goes away
//	/stalled    how many /stall requests the server is holding
//	/n/I        200 "body-I"
//	/wait       200 "waited", once /release has been requested
//	/release    200 "released"; lets /wait answer
//
// Every handler that ends because its client went away reports the path
// on gone.
type testServer struct {
	*httptest.Server
	gone    chan string
	stalled atomic.Int64
}

func newTestServer(t *testing.T) *testServer {
	t.Helper()
	s := &testServer{gone: make(chan string, 2000)}
	released := make(chan struct{})
	var release sync.Once
	mux := http.NewServeMux()
	mux.HandleFunc("/wait", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-released:
			_, _ = io.WriteString(w, "waited")
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/release", func(w http.ResponseWriter, _ *http.Request) {
		release.Do(func() { close(released) })
		_, _ = io.WriteString(w, "released")
	})
	mux.HandleFunc("/text", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, "hello")
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		chunk := []byte(strings.Repeat("x", 10000))
		for range 10 {
			_, _ = w.Write(chunk)
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/missing", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusNotFound)
		_, _ = io.WriteString(w, "no such page")
	})
	mux.HandleFunc("/stall", func(_ http.ResponseWriter, r *http.Request) {
		s.stalled.Add(1)
		<-r.Context().Done()
		s.stalled.Add(-1)
		s.gone <- r.URL.Path
	})
	mux.HandleFunc("/stalled", func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, strconv.FormatInt(s.stalled.Load(), 10))
	})
	mux.HandleFunc("/n/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, "body-"+strings.TrimPrefix(r.URL.Path, "/n/"))
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

// untilStalled returns script code that waits until the server holds n
// /stall requests, so that cancelling them is seen by the server.
func (s *testServer) untilStalled(n int) string {
	return `(function () {
  var q = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
  for (;;) {
    q.Open("GET", "` + s.URL + `/stalled", false);
    q.Send();
    if (q.ResponseText === "` + strconv.Itoa(n) + `") return;
    WScript.Sleep(1);
  }
})();
`
}

// waitGone waits until n handlers saw their client go away.
func (s *testServer) waitGone(t *testing.T, n int) {
	t.Helper()
	for i := range n {
		select {
		case <-s.gone:
		case <-time.After(10 * time.Second):
			t.Fatalf("only %d of %d requests were cancelled", i, n)
		}
	}
}

// refusedURL returns a loopback URL on which nothing listens.
func refusedURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr
}

// stages lets a test's hooks and servers tell a script that a request has
// reached a stage: the script calls Test.Gate's Wait(name), which returns
// once the stage was signalled.
type stages struct {
	mu sync.Mutex
	ch map[string]chan struct{}
}

func newStages() *stages { return &stages{ch: map[string]chan struct{}{}} }

func (s *stages) get(name string) chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.ch[name]
	if !ok {
		c = make(chan struct{})
		s.ch[name] = c
	}
	return c
}

// signal marks name as reached; later signals are ignored.
func (s *stages) signal(name string) {
	c := s.get(name)
	s.mu.Lock()
	defer s.mu.Unlock()
	select {
	case <-c:
	default:
		close(c)
	}
}

// wait waits for name in Go; it fails the test when the stage never comes.
func (s *stages) wait(t *testing.T, name string) {
	t.Helper()
	select {
	case <-s.get(name):
	case <-time.After(10 * time.Second):
		t.Fatalf("stage %q never reached", name)
	}
}

// register adds "Test.Gate" to rt: Wait(name) blocks the script until the
// stage is reached (throwing after 10 s, so that a broken test fails
// instead of hanging).
func (s *stages) register(rt *Runtime) {
	rt.registry.Register("Test.Gate", func(vm *goja.Runtime) (*goja.Object, error) {
		return com.NewObject(vm, []com.Member{{
			Name: "Wait",
			Method: func(call goja.FunctionCall) goja.Value {
				select {
				case <-s.get(call.Argument(0).String()):
				case <-time.After(10 * time.Second):
					panic(vm.NewGoError(context.DeadlineExceeded))
				}
				return goja.Undefined()
			},
		}}, com.ObjectOptions{Source: "Test.Gate"}), nil
	})
}

// reset forgets that name (and "name closed") were reached, for a test
// that goes through the same stage again.
func (s *stages) reset(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.ch, name)
	delete(s.ch, name+" closed")
}
