package wshell

import (
	"io"
	"sync"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/bindings/comarg"
	"github.com/winhttpjs/winhttpjs/bindings/scripting"
)

// WshExecStatus values.
const (
	wshRunning  = 0
	wshFinished = 1
)

// pipe collects a program's output without limit, so that the program
// never blocks on a full pipe while the script is not reading (on Windows
// it would, and scripts deadlock). Reads block until data or the end.
type pipe struct {
	mu   sync.Mutex
	cond *sync.Cond
	buf  []byte
	done bool
}

func newPipe() *pipe {
	p := &pipe{}
	p.cond = sync.NewCond(&p.mu)
	return p
}

// Write appends the program's output; it never blocks.
func (p *pipe) Write(b []byte) (int, error) {
	p.mu.Lock()
	p.buf = append(p.buf, b...)
	p.mu.Unlock()
	p.cond.Broadcast()
	return len(b), nil
}

// finish marks the end: the program has exited and its output is in.
func (p *pipe) finish() {
	p.mu.Lock()
	p.done = true
	p.mu.Unlock()
	p.cond.Broadcast()
}

// Read waits for output, or returns io.EOF once the program has ended
// and everything it wrote has been read.
func (p *pipe) Read(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for len(p.buf) == 0 && !p.done {
		p.cond.Wait()
	}
	if len(p.buf) == 0 {
		return 0, io.EOF
	}
	n := copy(b, p.buf)
	p.buf = p.buf[n:]
	return n, nil
}

// process is the state of an Exec'd program, shared with its waiter.
type process struct {
	mu       sync.Mutex
	finished bool
	code     int
}

// exec is Exec(Command): the program runs with its standard streams
// connected to the returned WshScriptExec's StdIn, StdOut and StdErr
// (TextStreams, UTF-8, "\n" line ends).
func (s *shell) exec(call goja.FunctionCall) goja.Value {
	line := comarg.New(s.rt, call, "WshShell.Exec", "Exec").String(0, "Command")
	cmd := s.command("Exec", line)
	stdout, stderr := newPipe(), newPipe()
	cmd.Stdout, cmd.Stderr = stdout, stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		com.ThrowDetail(s.rt, hrFileNotFound, "The system cannot find the file specified.", "WshShell.Exec", err.Error())
	}
	if err := cmd.Start(); err != nil {
		com.ThrowDetail(s.rt, hrFileNotFound, "The system cannot find the file specified.", "WshShell.Exec", err.Error())
	}
	st := &process{}
	go func() {
		err := cmd.Wait()
		code := 0
		if cmd.ProcessState != nil {
			code = cmd.ProcessState.ExitCode()
		} else if err != nil {
			code = -1
		}
		st.mu.Lock()
		st.finished, st.code = true, code
		st.mu.Unlock()
		stdout.finish()
		stderr.finish()
	}()
	rt := s.rt
	status := func() (bool, int) {
		st.mu.Lock()
		defer st.mu.Unlock()
		return st.finished, st.code
	}
	outStream := scripting.NewTextStream(rt, scripting.StreamConfig{Name: "StdOut of " + line, Reader: stdout, NewLine: "\n"})
	errStream := scripting.NewTextStream(rt, scripting.StreamConfig{Name: "StdErr of " + line, Reader: stderr, NewLine: "\n"})
	inStream := scripting.NewTextStream(rt, scripting.StreamConfig{Name: "StdIn of " + line, Writer: stdin, Closer: stdin, NewLine: "\n"})
	return com.NewObject(rt, []com.Member{
		{Name: "Status", Get: func() goja.Value {
			if done, _ := status(); done {
				return rt.ToValue(wshFinished)
			}
			return rt.ToValue(wshRunning)
		}},
		{Name: "ExitCode", Get: func() goja.Value {
			_, code := status()
			return rt.ToValue(code)
		}},
		{Name: "ProcessID", Get: func() goja.Value { return rt.ToValue(cmd.Process.Pid) }},
		{Name: "StdOut", Get: func() goja.Value { return outStream }},
		{Name: "StdErr", Get: func() goja.Value { return errStream }},
		{Name: "StdIn", Get: func() goja.Value { return inStream }},
		{Name: "Terminate", Method: func(goja.FunctionCall) goja.Value {
			if done, _ := status(); !done {
				_ = cmd.Process.Kill()
			}
			return nil
		}},
	}, com.ObjectOptions{Source: "WshScriptExec", Inspect: func() string { return "WshScriptExec (" + line + ")" }})
}
