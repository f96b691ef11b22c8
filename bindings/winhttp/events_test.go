package winhttp_test

import (
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
)

// eventLog attaches a sink to the script variable r that records events
// as text; OnResponseDataAvailable chunks are collected in data.
type eventLog struct {
	events []string
	data   []byte
	onData func()
}

func attach(t *testing.T, e *env, onEvent func(string)) *eventLog {
	t.Helper()
	log := &eventLog{}
	obj := e.rt.Get("r").(*goja.Object)
	ok := com.SetEventSink(obj, com.EventFunc(func(name string, args []goja.Value) {
		switch name {
		case "OnResponseDataAvailable":
			var b []byte
			if err := e.rt.ExportTo(args[0], &b); err != nil {
				t.Errorf("chunk: %v", err)
			}
			log.data = append(log.data, b...)
			if len(log.events) == 0 || log.events[len(log.events)-1] != name {
				log.events = append(log.events, name)
			}
		default:
			parts := make([]string, len(args))
			for i, a := range args {
				parts[i] = a.String()
			}
			log.events = append(log.events, name+"("+strings.Join(parts, ",")+")")
		}
		if onEvent != nil {
			onEvent(name)
		}
	}))
	if !ok {
		t.Fatal("SetEventSink refused the request object")
	}
	return log
}

func TestSyncEvents(t *testing.T) {
	body := strings.Repeat("0123456789", 10000)
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte(body))
	})
	e := newEnv(t)
	e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("GET", "` + srv.URL + `");`)
	log := attach(t, e, nil)
	e.run(`r.Send()`)
	want := []string{"OnResponseStart(200,text/plain; charset=utf-8)", "OnResponseDataAvailable", "OnResponseFinished()"}
	if !reflect.DeepEqual(log.events, want) {
		t.Errorf("events %q, want %q", log.events, want)
	}
	if string(log.data) != body {
		t.Errorf("chunks carried %d bytes, want %d", len(log.data), len(body))
	}
	if got := e.str(`r.ResponseText.length`); got != fmt.Sprint(len(body)) {
		t.Errorf("ResponseText length %s", got)
	}
}

func TestSyncErrorEvent(t *testing.T) {
	refused := closedPort(t)
	e := newEnv(t)
	e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("GET", "` + refused + `/");`)
	log := attach(t, e, nil)
	if got := e.fail(`r.Send()`); got.number != winhttpNumber(errCannotConn) {
		t.Errorf("Send: %d", got.number)
	}
	want := []string{"OnError(-2147012867,A connection with the server could not be established)"}
	if !reflect.DeepEqual(log.events, want) {
		t.Errorf("events %q, want %q", log.events, want)
	}
}

func TestAbortFromEventHandler(t *testing.T) {
	body := strings.Repeat("x", 200000)
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte(body)) })
	for _, at := range []string{"OnResponseStart", "OnResponseDataAvailable"} {
		e := newEnv(t)
		e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("GET", "` + srv.URL + `");`)
		log := attach(t, e, func(name string) {
			if name == at {
				e.run(`r.Abort()`)
			}
		})
		if got := e.fail(`r.Send()`); got.number != winhttpNumber(errCancelled) {
			t.Errorf("abort at %s: Send threw %d %q", at, got.number, got.description)
		}
		if last := log.events[len(log.events)-1]; !strings.HasPrefix(last, at) {
			t.Errorf("abort at %s: events went on: %q", at, log.events)
		}
		if got := e.fail(`r.Status`); got.number != winhttpNumber(errBeforeSend) {
			t.Errorf("abort at %s: Status threw %d", at, got.number)
		}
	}
}

func TestEventsDuringWaitForResponse(t *testing.T) {
	g := newGate(t)
	srv := newServer(t, g.handler("async body"))
	e := newEnv(t)
	e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("GET", "` + srv.URL + `", true);`)
	log := attach(t, e, nil)
	e.run(`r.Send()`)
	if len(log.events) != 0 {
		t.Errorf("events before the script waited: %q", log.events)
	}
	g.open()
	e.run(`r.WaitForResponse()`)
	want := []string{"OnResponseStart(200,text/plain)", "OnResponseDataAvailable", "OnResponseFinished()"}
	if !reflect.DeepEqual(log.events, want) || string(log.data) != "async body" {
		t.Errorf("events %q data %q", log.events, log.data)
	}
}

func TestHandlerExceptionReachesScript(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("x")) })
	e := newEnv(t)
	e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("GET", "` + srv.URL + `");`)
	attach(t, e, func(name string) {
		if name == "OnResponseStart" {
			panic(e.rt.NewTypeError("handler failed"))
		}
	})
	_, err := e.rt.RunString(`r.Send()`)
	if err == nil || !strings.Contains(err.Error(), "handler failed") {
		t.Errorf("Send returned %v, want the handler's exception", err)
	}
}
