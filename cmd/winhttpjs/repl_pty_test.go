package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// waitLimit bounds every wait for output or exit, so a broken REPL fails
// the test instead of hanging it.
const waitLimit = 15 * time.Second

// ptyREPL is the binary running on a pseudo-terminal.
type ptyREPL struct {
	t      *testing.T
	cmd    *exec.Cmd
	master *os.File

	mu     sync.Mutex
	out    bytes.Buffer // everything the terminal showed
	mark   int          // waitFor searches from here
	grew   chan struct{}
	exited chan struct{}
	err    error // cmd.Wait's result, once exited is closed
}

// startPTY runs the binary with args on a new pseudo-terminal, with the
// history kept under its own state directory.
func startPTY(t *testing.T, stateDir string, env []string, args ...string) *ptyREPL {
	t.Helper()
	cmd := exec.Command(binPath, args...)
	cmd.Env = append(os.Environ(), "TERM=xterm", "XDG_STATE_HOME="+stateDir)
	cmd.Env = append(cmd.Env, env...)
	master, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 50, Cols: 250})
	if err != nil {
		t.Fatal(err)
	}
	p := &ptyREPL{t: t, cmd: cmd, master: master, grew: make(chan struct{}, 1), exited: make(chan struct{})}
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := master.Read(buf)
			p.mu.Lock()
			p.out.Write(buf[:n])
			p.mu.Unlock()
			select {
			case p.grew <- struct{}{}:
			default:
			}
			if err != nil {
				return
			}
		}
	}()
	go func() {
		p.err = cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-p.exited:
		default:
			_ = cmd.Process.Kill()
			<-p.exited
		}
		master.Close()
	})
	return p
}

// send types s.
func (p *ptyREPL) send(s string) {
	p.t.Helper()
	if _, err := io.WriteString(p.master, s); err != nil {
		p.t.Fatalf("writing to the terminal: %v", err)
	}
}

// waitFor waits until the output after the mark contains want, and moves
// the mark past it. It returns the output from the old mark to the match.
func (p *ptyREPL) waitFor(want string) string {
	p.t.Helper()
	deadline := time.NewTimer(waitLimit)
	defer deadline.Stop()
	for {
		p.mu.Lock()
		text := p.out.String()
		if i := strings.Index(text[p.mark:], want); i >= 0 {
			seen := text[p.mark : p.mark+i]
			p.mark += i + len(want)
			p.mu.Unlock()
			return seen
		}
		p.mu.Unlock()
		select {
		case <-p.grew:
		case <-deadline.C:
			p.mu.Lock()
			defer p.mu.Unlock()
			p.t.Fatalf("no %q in the terminal's output after %v; after the mark it shows:\n%q", want, waitLimit, p.out.String()[p.mark:])
		}
	}
}

// eval types a line and waits for the result line that follows it.
func (p *ptyREPL) eval(line, result string) {
	p.t.Helper()
	p.send(line + "\r")
	p.waitFor(line)
	p.result(result)
}

// result waits for a result line, then for the next prompt: keys typed
// before the line editor has the terminal again would be read by the
// terminal driver (Ctrl-C as a signal) instead.
func (p *ptyREPL) result(line string) {
	p.t.Helper()
	p.waitFor("\r\n" + line + "\r\n")
	p.waitFor("> ")
}

// wait waits for the program to exit and returns its exit code.
func (p *ptyREPL) wait() int {
	p.t.Helper()
	select {
	case <-p.exited:
	case <-time.After(waitLimit):
		p.t.Fatalf("the REPL did not exit within %v", waitLimit)
	}
	var ee *exec.ExitError
	if errors.As(p.err, &ee) {
		return ee.ExitCode()
	}
	if p.err != nil {
		p.t.Fatalf("waiting for the REPL: %v", p.err)
	}
	return 0
}

func TestREPLPTYEditing(t *testing.T) {
	p := startPTY(t, t.TempDir(), []string{"NO_COLOR=1"}, "repl")
	p.waitFor("> ")
	// Ctrl-A moves to the start of the line; what is typed goes there.
	p.send("2+40\x01" + "1+\r")
	p.result("43")
	// Backspace, then Ctrl-C clears a line without leaving.
	p.send("abc\x7f\x7f\x7f6*7\r")
	p.result("42")
	p.send("garbage(\x03")
	p.eval("_ + 1", "43")
	// Multi-line input: the parser says when the statement is complete.
	p.send("function add(a, b) {\r")
	p.waitFor("... ")
	p.send("return a +\r")
	p.waitFor("... ")
	p.send("b }\r")
	p.result("undefined")
	p.eval("add(20, 22)", "42")
	// Declarations persist as globals; the JScript property-put rewrite works.
	p.eval(`var req = new ActiveXObject("WinHttp.WinHttpRequest.5.1")`, "undefined")
	p.eval("req.Option(4) = 13056", "13056")
	p.eval("req.Option(4)", "13056")
	p.eval("req", "WinHttpRequest (not opened)")
	p.eval("({a: 1, b: [1, 'x', {c: {d: {}}}], u: new Uint8Array([1, 2])})", "{ a: 1, b: [ 1, 'x', { c: [Object] } ], u: Uint8Array(2) [ 1, 2 ] }")
	p.eval(`await new Promise(r => setTimeout(() => r("done"), 20))`, "'done'")
	p.eval("Promise.resolve(7)", "7")
	p.send("req.Nope\r")
	p.waitFor("Uncaught Error: Object doesn't support this property or method (HRESULT 0x800A01B6, Microsoft JScript runtime error): member Nope of WinHttp.WinHttpRequest\r\n")
	p.send("\x04")
	if code := p.wait(); code != 0 {
		t.Errorf("exit code after Ctrl-D = %d, want 0", code)
	}
}

func TestREPLPTYCompletion(t *testing.T) {
	p := startPTY(t, t.TempDir(), []string{"NO_COLOR=1"}, "repl")
	p.waitFor("> ")
	p.eval(`var req = new ActiveXObject("WinHttp.WinHttpRequest.5.1"), myLongVariableName = 21`, "undefined")
	// A global; then a COM member typed in the wrong case comes back in
	// its canonical spelling.
	p.send("myLong\t")
	p.waitFor("myLongVariableName")
	p.send(" * 2\r")
	p.result("42")
	p.send("req.setreq\t")
	p.waitFor("req.SetRequestHeader")
	p.send("\r")
	p.result("[Function: SetRequestHeader]")
	// Several matches: the first Tab completes their common prefix, the
	// second lists them.
	p.send("req.respo\t")
	p.waitFor("req.Response")
	p.send("\t")
	p.waitFor("ResponseBody")
	p.waitFor("ResponseStream")
	p.waitFor("ResponseText")
	p.send("\x03.exit\r")
	if code := p.wait(); code != 0 {
		t.Errorf("exit code after .exit = %d, want 0", code)
	}
}
