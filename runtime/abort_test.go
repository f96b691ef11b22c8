package runtime

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/winhttpjs/winhttpjs/bindings"
)

// stallAddr is the address the test dialer never connects to.
const stallAddr = "127.0.0.1:9"

// stallingServer accepts connections and reads request heads; then, for
// "sending", it stops reading (the client's body fills the socket buffers),
// and for "receiving" it sends a response head and part of the body and
// stops. It signals the stage once there, and "<stage> closed" when the
// client has closed the connection.
func stallingServer(t *testing.T, st *stages) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	t.Cleanup(func() {
		ln.Close()
		<-done
	})
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			serveStall(c, st)
		}
	}()
	return "http://" + ln.Addr().String()
}

func serveStall(c net.Conn, st *stages) {
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(15 * time.Second))
	br := bufio.NewReader(c)
	line, err := br.ReadString('\n')
	if err != nil {
		return
	}
	for {
		l, err := br.ReadString('\n')
		if err != nil {
			return
		}
		if l == "\r\n" {
			break
		}
	}
	stage := "sending"
	if strings.Contains(line, "/receive") {
		stage = "receiving"
		_, _ = io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\npartial")
	}
	st.signal(stage)
	// Wait for the client to let go: a read returns EOF or a reset once
	// it has closed the connection (for "sending", after the buffered
	// part of the body).
	_, _ = io.Copy(io.Discard, br)
	st.signal(stage + " closed")
}

// stallingNet makes name resolution of *.stall.test and connections to
// stallAddr hang until the request is cancelled, signalling the stage
// and, once cancelled, "<stage> closed".
func stallingNet(st *stages) func(*bindings.Options) {
	return func(o *bindings.Options) {
		o.Resolver = &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, _, _ string) (net.Conn, error) {
			st.signal("resolving")
			<-ctx.Done()
			st.signal("resolving closed")
			return nil, ctx.Err()
		}}
		o.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
			if addr != stallAddr {
				var d net.Dialer
				return d.DialContext(ctx, network, addr)
			}
			st.signal("connecting")
			<-ctx.Done()
			st.signal("connecting closed")
			return nil, ctx.Err()
		}
	}
}

// Abort cancels an asynchronous request wherever it is: resolving the
// name, connecting, sending the body, receiving the response, or inside
// an event handler. No event of the aborted request reaches the script,
// the connection is released, and the object can be opened again.
func TestAbortAtEachStage(t *testing.T) {
	st := newStages()
	stall := stallingServer(t, st)
	srv := newTestServer(t)
	tests := []struct {
		stage, open, send, wait string
		events                  string
	}{
		{"resolving", `"GET", "http://name.stall.test/"`, ``, `gate.Wait("resolving")`, ""},
		{"connecting", `"GET", "http://` + stallAddr + `/"`, ``, `gate.Wait("connecting")`, ""},
		{"sending", `"POST", "` + stall + `/send"`, `body`, `gate.Wait("sending")`, ""},
		{"receiving", `"GET", "` + stall + `/receive"`, ``, `gate.Wait("receiving")`, ""},
		{"receiving", `"GET", "` + stall + `/receive"`, ``, `abortOnStart = true; r.WaitForResponse()`, "start 200 text/plain\n"},
	}
	for _, tt := range tests {
		name := tt.stage
		if tt.events != "" {
			name += " from OnResponseStart"
		}
		t.Run(name, func(t *testing.T) {
			st.reset(tt.stage)
			// body (16 MiB) is more than the socket buffers hold.
			src := `var abortOnStart = false, body = "b";
for (var i = 0; i < 24; i++) body += body;
var gate = new ActiveXObject("Test.Gate");
var r = WScript.CreateObject("WinHttp.WinHttpRequest.5.1", "r_");
function r_OnResponseStart(status, type) { WScript.Echo("start", status, type); if (abortOnStart) r.Abort() }
function r_OnResponseDataAvailable(d) { WScript.Echo("data", d.length) }
function r_OnResponseFinished() { WScript.Echo("finished") }
function r_OnError(n, d) { WScript.Echo("error", n, d) }
r.Open(` + tt.open + `, true);
r.Send(` + tt.send + `);
` + tt.wait + `;
abortOnStart = false;
r.Abort();
try { r.Status } catch (e) { WScript.Echo("after Abort", e.number) }
WScript.Sleep(20);
r.Open("GET", "` + srv.URL + `/text", true);
r.Send();
WScript.Echo("again", r.WaitForResponse(), r.Status, r.ResponseText);`
			var out, errb bytes.Buffer
			o := Options{Stdout: &out, Stderr: &errb, configureBindings: stallingNet(st)}
			rt, err := New(o)
			if err != nil {
				t.Fatal(err)
			}
			defer rt.Close()
			st.register(rt)
			code, _ := rt.RunScript(context.Background(), "t.js", []byte(src))
			want := tt.events + "after Abort -2147012795\nstart 200 text/plain\nfinished\nagain -1 200 hello\n"
			result{code: code, stdout: out.String(), stderr: errb.String()}.check(t, 0, strings.Replace(want, "finished", "data 5\nfinished", 1), "")
			st.wait(t, tt.stage+" closed")
		})
	}
}
