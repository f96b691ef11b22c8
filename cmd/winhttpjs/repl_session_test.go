package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestREPLPTYInterruptSlowRequest(t *testing.T) {
	arrived := make(chan struct{}, 1)
	aborted := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		<-r.Context().Done() // never answers: only the client can end it
		aborted <- struct{}{}
	}))
	defer srv.Close()

	p := startPTY(t, t.TempDir(), []string{"NO_COLOR=1"}, "repl")
	p.waitFor("> ")
	p.eval(`var req = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); req.Open("GET", "`+srv.URL+`/slow", false)`, "undefined")
	p.send("req.Send()\r")
	select {
	case <-arrived:
	case <-time.After(waitLimit):
		t.Fatal("the request never reached the server")
	}
	p.send("\x03")
	p.waitFor("Interrupted: the statement was stopped and its requests aborted\r\n")
	select {
	case <-aborted:
	case <-time.After(waitLimit):
		t.Fatal("the server's connection was not closed: the request was not aborted")
	}
	// A busy loop and a never-ending interval stop the same way. Ctrl-C
	// is sent once the statement shows it runs: typed ahead, while the
	// line editor still has the terminal, it would be a key, not a signal.
	p.send("console.log('spin' + 'ning'); while (true) {}\r")
	p.waitFor("\r\nspinning\r\n")
	p.send("\x03")
	p.waitFor("Interrupted: the statement was stopped and its requests aborted\r\n")
	p.send("var ticks = 0; setInterval(() => { if (++ticks == 3) console.log('ti' + 'cked') }, 1)\r")
	p.waitFor("\r\nticked\r\n")
	p.send("\x03")
	p.waitFor("Interrupted: the statement was stopped and its requests aborted\r\n")
	// Still in the same REPL, with its globals; the interval is gone.
	p.eval("var seen = ticks; await new Promise(r => setTimeout(r, 20)); ticks === seen", "true")
	p.eval("typeof req", "'object'")
	p.eval("1 + 1", "2")
	p.send(".exit\r")
	if code := p.wait(); code != 0 {
		t.Errorf("exit code = %d, want 0", code)
	}
}

func TestREPLPTYHistoryAcrossSessions(t *testing.T) {
	state := t.TempDir()
	first := startPTY(t, state, []string{"NO_COLOR=1"}, "repl")
	first.waitFor("> ")
	first.eval("var histMarker = 6", "undefined")
	first.eval("1 + 2", "3")
	first.send(".exit\r")
	if code := first.wait(); code != 0 {
		t.Fatalf("first session exit code = %d", code)
	}
	b, err := os.ReadFile(filepath.Join(state, "winhttpjs", "repl_history"))
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != "var histMarker = 6\n1 + 2\n.exit\n" {
		t.Errorf("history file = %q", b)
	}

	second := startPTY(t, state, []string{"NO_COLOR=1"}, "repl")
	second.waitFor("> ")
	// Up arrow twice recalls "1 + 2".
	second.send("\x1b[A\x1b[A\r")
	second.result("3")
	// Ctrl-R searches backwards; Enter runs the match.
	second.send("\x12histM")
	second.waitFor("var histMarker = 6")
	second.send("\r")
	second.result("undefined")
	second.eval("histMarker * 7", "42")
	second.send("\x04")
	if code := second.wait(); code != 0 {
		t.Errorf("second session exit code = %d", code)
	}
}

func TestREPLPTYDotCommands(t *testing.T) {
	dir := t.TempDir()
	p := startPTY(t, dir, []string{"NO_COLOR=1"}, "repl")
	p.waitFor("> ")
	p.send(".help\r")
	p.waitFor(".trace on|off")

	p.waitFor("> ")
	// One write, typed at a prompt: Ctrl-D must reach the line editor,
	// not the terminal driver between two of its prompts.
	p.send(".editor\rvar e1 = 40\re1 + 2\r\x04")
	p.waitFor("// Entering editor mode (Ctrl-D to finish, Ctrl-C to cancel)\r\n")
	p.result("42")

	saved := filepath.Join(dir, "session.js")
	p.send(".save " + saved + "\r")
	p.waitFor("Session saved to: " + saved + "\r\n")
	b, err := os.ReadFile(saved)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != "var e1 = 40\ne1 + 2\n\n" {
		t.Errorf(".save wrote %q", b)
	}

	p.send(".clear\r")
	p.waitFor("Clearing context...\r\n")
	p.eval("typeof e1", "'undefined'")
	p.send(".load " + saved + "\r")
	p.result("42")
	p.eval("e1", "40")

	// .httpbin and .trace: heads as they happen, credentials masked.
	p.send(".httpbin\r")
	p.waitFor("httpbin is serving at http://127.0.0.1:")
	p.send(".trace on\r")
	p.waitFor("Tracing is on\r\n")
	p.send(`var r2 = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); r2.Open("GET", process.env.HTTPBIN_URL + "/get?x=1", false); r2.SetRequestHeader("Authorization", "Bearer sec` + `ret-token"); r2.Send(); r2.Status` + "\r")
	p.waitFor("r2.Status")
	trace := p.waitFor("\r\n200\r\n")
	p.waitFor("> ")
	for _, want := range []string{"> GET /get?x=1 HTTP/1.1\r\n", "> Authorization: Bearer ***\r\n", "< HTTP/1.1 200 OK\r\n", "< Content-Type: application/json"} {
		if !strings.Contains(trace, want) {
			t.Errorf("trace lacks %q:\n%s", want, trace)
		}
	}
	if strings.Contains(trace, "secret-token") {
		t.Errorf("trace shows the credentials:\n%s", trace)
	}
	p.send("r2\r")
	p.waitFor("WinHttpRequest GET http://127.0.0.1:")
	p.waitFor("/get?x=1 → 200 OK\r\n")
	p.send(".trace off\r")
	p.waitFor("Tracing is off\r\n")
	p.send(".nope\r")
	p.waitFor("Invalid REPL keyword .nope (try .help)\r\n")
	p.send("WScript.Quit(7)\r")
	if code := p.wait(); code != 7 {
		t.Errorf("exit code after WScript.Quit(7) = %d", code)
	}
}

func TestREPLPTYNoArgumentsAndColours(t *testing.T) {
	p := startPTY(t, t.TempDir(), []string{"NO_COLOR="})
	p.waitFor("> ")
	p.send("40 + 2\r")
	p.result("\x1b[33m42\x1b[0m")
	p.send("'s'\r")
	p.result("\x1b[32m's'\x1b[0m")
	p.send("\x04")
	if code := p.wait(); code != 0 {
		t.Errorf("exit code = %d, want 0", code)
	}
}

func TestREPLPiped(t *testing.T) {
	in := "var a = 2\nfunction f(x) {\n  return x * a\n}\nf(21)\n({s: 'x', n: [1, 2]})\nthrow new TypeError('bad')\nawait Promise.resolve(5)\n_ + 1\n.nope\nWScript.Quit(3)\n1\n"
	runCLI(t, in, nil, "repl").check(t, 3,
		"undefined\nundefined\n42\n{ s: 'x', n: [ 1, 2 ] }\n5\n6\n",
		"Uncaught TypeError: bad\nInvalid REPL keyword .nope (try .help)\n")
	// Without a terminal, winhttpjs alone prints its help as before.
	r := runCLI(t, "", nil)
	if r.code != 0 || !strings.HasPrefix(r.stdout, "winhttpjs runs Windows Script Host") {
		t.Errorf("winhttpjs with piped stdin: code %d, stdout %q", r.code, r.stdout)
	}
}
