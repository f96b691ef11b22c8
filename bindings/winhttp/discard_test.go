package winhttp_test

import (
	"bytes"
	"context"
	"slices"
	"strconv"
	"testing"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/bindings/winhttp"
)

// newDiscardEnv is newSpillEnv with DiscardStreamedBody set.
func newDiscardEnv(t *testing.T, dir string, withLoop bool) (*env, *recordingLoop) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	opts := bindings.Options{Context: winhttp.WithSpill(ctx, 256<<10, dir), DiscardStreamedBody: true}
	var loop *recordingLoop
	if withLoop {
		loop = newRecordingLoop()
		opts.Loop = loop
	}
	rt := goja.New()
	bindings.Install(rt, opts)
	return &env{t: t, rt: rt}, loop
}

// With DiscardStreamedBody the events carry the whole body, in order;
// each array is the handler's for the call only (a kept one is found
// detached, empty), nothing is written to the temporary directory, and
// the body's properties say the body was not kept.
func TestDiscardStreamedBody(t *testing.T) {
	body := spillBody(3<<20 + 12345)
	srv := bodyServer(t, body)
	tests := []struct {
		name, mode, path string // mode: sync, async (WaitForResponse), loop (host loop)
	}{
		{"sync, Content-Length", "sync", "/len"},
		{"sync, chunked", "sync", "/chunked"},
		{"async, WaitForResponse", "async", "/len"},
		{"async, chunked, host loop", "loop", "/chunked"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			e, loop := newDiscardEnv(t, dir, tt.mode == "loop")
			e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("GET", "` + srv.URL + tt.path + `", ` + strconv.FormatBool(tt.mode != "sync") + `);`)
			k := keepChunks(t, e, nil)
			e.run(`r.Send()`)
			switch tt.mode {
			case "async":
				e.run(`r.WaitForResponse()`)
			case "loop":
				loop.idle(t)
			}
			if len(k.events) != 3 || k.events[0] != "OnResponseStart" || k.events[1] != "OnResponseDataAvailable" || k.events[2] != "OnResponseFinished" {
				t.Errorf("events %q", k.events)
			}
			var got []byte
			for _, c := range k.copies {
				got = append(got, c...)
			}
			if !bytes.Equal(got, body) {
				t.Errorf("the %d chunks carried %d bytes, not the body's %d", len(k.copies), len(got), len(body))
			}
			for i, arr := range k.arrays {
				if n := arr.Get("length").ToInteger(); n != 0 {
					t.Fatalf("array %d kept past its handler has length %d, want 0 (detached)", i, n)
				}
			}
			if got := e.str(`r.Status`); got != "200" {
				t.Errorf("Status %s", got)
			}
			for _, prop := range []string{"ResponseBody", "ResponseText", "ResponseStream"} {
				th := e.fail(`r.` + prop)
				if th.number != winhttpNumber(12019) || th.description != "The handle supplied is not in the correct state for this operation" {
					t.Errorf("%s threw %d %q, want 12019", prop, th.number, th.description)
				}
				if want := "the response body was delivered to OnResponseDataAvailable and not kept (--discard-streamed-body); run without it to read ResponseBody, ResponseText or ResponseStream after the events"; th.detail != want {
					t.Errorf("%s detail %q", prop, th.detail)
				}
			}
			checkFiles(t, dir, "after a discarded body", 0)
		})
	}
}

// onlyFinished is a sink with handlers for every event but
// OnResponseDataAvailable, as a script defining only r_OnResponseFinished.
type onlyFinished struct{ events []string }

func (s *onlyFinished) Fire(event string, _ []goja.Value) { s.events = append(s.events, event) }
func (s *onlyFinished) Handles(event string) bool         { return event != "OnResponseDataAvailable" }

// DiscardStreamedBody applies only when a handler takes the body: a sink
// without OnResponseDataAvailable leaves the body kept.
func TestDiscardNeedsDataHandler(t *testing.T) {
	body := spillBody(1<<20 + 7)
	srv := bodyServer(t, body)
	for _, path := range []string{"/len", "/chunked"} {
		t.Run(path, func(t *testing.T) {
			dir := t.TempDir()
			e, _ := newDiscardEnv(t, dir, false)
			e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("GET", "` + srv.URL + path + `", false);`)
			sink := &onlyFinished{}
			if !com.SetEventSink(e.rt.Get("r").(*goja.Object), sink) {
				t.Fatal("SetEventSink refused the request object")
			}
			e.run(`r.Send()`)
			if got := e.str(`r.ResponseText`); got != string(body) {
				t.Errorf("ResponseText has %d bytes, want the body's %d", len(got), len(body))
			}
			// No OnResponseDataAvailable: the sink has no handler for it,
			// so no array is made for it either.
			if want := []string{"OnResponseStart", "OnResponseFinished"}; !slices.Equal(sink.events, want) {
				t.Errorf("events %q, want %q", sink.events, want)
			}
			e.run(`r.Abort()`)
			waitFiles(t, dir, "after Abort")
		})
	}
}

// A synchronous Send reads its body on the script's goroutine, between
// the handlers: a handler waiting for that Send is told at once that the
// response is not complete (false), and the body then goes on to the end.
func TestHandlerWaitDuringSyncSend(t *testing.T) {
	body := spillBody(2<<20 + 1)
	srv := bodyServer(t, body)
	for _, discard := range []bool{false, true} {
		t.Run("discard="+strconv.FormatBool(discard), func(t *testing.T) {
			dir := t.TempDir()
			var e *env
			if discard {
				e, _ = newDiscardEnv(t, dir, false)
			} else {
				e, _ = newSpillEnv(t, 256<<10, dir, false)
			}
			e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r.Open("GET", "` + srv.URL + `/chunked", false);`)
			var waits []string
			k := keepChunks(t, e, func(*goja.Object) {
				if len(waits) < 2 {
					waits = append(waits, e.str(`r.WaitForResponse()`), e.str(`r.WaitForResponse(30)`))
				}
			})
			e.run(`r.Send()`)
			if len(waits) != 2 || waits[0] != "false" || waits[1] != "false" {
				t.Errorf("WaitForResponse from a handler of a synchronous Send: %q, want false twice", waits)
			}
			var got []byte
			for _, c := range k.copies {
				got = append(got, c...)
			}
			if !bytes.Equal(got, body) {
				t.Errorf("the chunks carried %d bytes, not the body's %d", len(got), len(body))
			}
			if got := e.str(`r.WaitForResponse()`); got != "true" {
				t.Errorf("WaitForResponse after Send: %s", got)
			}
			if !discard {
				if got := exportBytes(t, e, e.run(`r.ResponseBody`)); !bytes.Equal(got, body) {
					t.Errorf("ResponseBody has %d bytes, not the body", len(got))
				}
			}
			e.run(`r.Abort()`)
			waitFiles(t, dir, "after Abort")
		})
	}
}
