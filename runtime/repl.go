package runtime

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings"
	"github.com/winhttpjs/winhttpjs/bindings/com"
)

// REPL evaluates interactive input in one live Runtime: globals, `var`
// and `function` declarations persist from one input to the next.
//
// Each Eval runs on the caller's goroutine and then runs the event loop
// until it is idle — timers, promises and asynchronous requests started
// by the input finish before Eval returns (cancelling ctx stops them, and
// what is left is dropped). A Promise result is awaited. Between inputs
// nothing runs, so completion and inspection may use the VM safely.
//
// A REPL is not safe for concurrent use, apart from SetTrace and Close.
type REPL struct {
	rt  *Runtime
	seq int // numbers the inputs for stack frames: REPL1, REPL2…

	// underscore is the last value given to `_`; once the script assigns
	// `_` itself, the REPL stops overwriting it (underscoreOff), as Node.
	underscore    goja.Value
	underscoreOff bool

	traceMu sync.Mutex
	trace   io.Writer // nil: .trace off
}

// QuitError is returned by Eval when the input called WScript.Quit or
// process.exit: the REPL should end with Code.
type QuitError struct{ Code int }

// Error says which code the script asked for.
func (e *QuitError) Error() string { return fmt.Sprintf("quit with code %d", e.Code) }

// ErrInterrupted is returned by Eval when its context was cancelled while
// the input ran (Ctrl-C); its requests were aborted.
var ErrInterrupted = errors.New("interrupted")

// NewREPL returns a REPL over a new Runtime configured by opts.
func NewREPL(opts Options) (*REPL, error) {
	p := &REPL{}
	prev := opts.configureBindings
	opts.configureBindings = func(bo *bindings.Options) {
		if prev != nil {
			prev(bo)
		}
		bo.Observe = p.observe
	}
	rt, err := New(opts)
	if err != nil {
		return nil, err
	}
	p.rt = rt
	return p, nil
}

// Close ends the runtime (see Runtime.Close).
func (p *REPL) Close() error { return p.rt.Close() }

// Setenv sets an environment variable the script sees in process.env.
func (p *REPL) Setenv(key, value string) {
	p.rt.env[key] = value
	if proc, ok := p.rt.vm.Get("process").(*goja.Object); ok {
		if env, ok := proc.Get("env").(*goja.Object); ok {
			_ = env.Set(key, value)
		}
	}
}

// Result is the value of an evaluated input.
type Result struct {
	p *REPL
	v goja.Value
}

// Format returns the value as Node's util.inspect shows it, with ANSI
// colours when colors is set.
func (res *Result) Format(colors bool) string {
	return res.p.inspect(res.v, colors)
}

// Eval evaluates one complete input (see Incomplete) and returns its value,
// which also becomes the global `_`. Errors: a *ScriptError for an
// uncaught exception or a syntax error, *QuitError, ErrInterrupted when
// ctx was cancelled, ErrClosed, or an internal error.
func (p *REPL) Eval(ctx context.Context, src string) (*Result, error) {
	r := p.rt
	if err := r.begin(); err != nil {
		return nil, err
	}
	defer r.end()
	p.seq++
	name := fmt.Sprintf("REPL%d", p.seq)
	s, err := compileInput(name, src)
	if err != nil {
		return nil, err
	}

	// The input is a run of its own, so that cancelling it interrupts the
	// VM and aborts its requests.
	var v goja.Value
	st, cause, perr := r.session(ctx, s, name, func() error {
		var err error
		v, err = r.vm.RunProgram(s.prog)
		return err
	})
	switch {
	case perr != nil:
		return nil, perr
	case st.quitCode != nil:
		return nil, &QuitError{Code: *st.quitCode}
	case errors.Is(cause, ErrClosed):
		return nil, ErrClosed
	case cause != nil:
		return nil, ErrInterrupted
	}
	if st.err == nil {
		// A promise result is shown settled: the loop has run until idle.
		if prom, ok := promiseOf(v); ok {
			switch prom.State() {
			case goja.PromiseStateFulfilled:
				v = prom.Result()
			case goja.PromiseStateRejected:
				p.dropRejection(st, prom)
				se := r.rejectionError(s, prom)
				se.InPromise = false
				return nil, se
			}
		}
	}
	if err := p.failure(st); err != nil {
		return nil, err
	}
	if v == nil {
		v = goja.Undefined()
	}
	p.setUnderscore(v)
	return &Result{p: p, v: v}, nil
}

// promiseOf returns v's promise when v is one.
func promiseOf(v goja.Value) (*goja.Promise, bool) {
	o, ok := v.(*goja.Object)
	if !ok {
		return nil, false
	}
	prom, ok := com.Export(o).(*goja.Promise)
	return prom, ok
}

// setUnderscore makes v the global `_`, unless the script took `_` over.
func (p *REPL) setUnderscore(v goja.Value) {
	g := p.rt.vm.GlobalObject()
	if p.underscoreOff {
		return
	}
	if p.underscore != nil {
		if cur := g.Get("_"); cur == nil || !cur.SameAs(p.underscore) {
			p.underscoreOff = true
			return
		}
	}
	p.underscore = v
	_ = g.Set("_", v)
}

// dropRejection forgets a rejected promise the REPL reports itself.
func (p *REPL) dropRejection(st *runState, prom *goja.Promise) {
	for i, q := range st.rejected {
		if q == prom {
			st.rejected = append(st.rejected[:i], st.rejected[i+1:]...)
			return
		}
	}
}

// failure turns the way an input ended into its error, nil for success.
func (p *REPL) failure(st *runState) error {
	err := st.err
	var ie *goja.InterruptedError
	if errors.As(err, &ie) {
		switch v := ie.Value().(type) {
		case quitSignal:
			return &QuitError{Code: v.code}
		case handlerFailure:
			err = v.err
		case stopSignal:
			return ErrInterrupted
		}
	}
	var se *ScriptError
	switch {
	case err == nil && len(st.rejected) > 0:
		return p.rt.rejectionError(st.script, st.rejected[0])
	case err == nil:
		return nil
	case errors.As(err, &se):
		return se
	}
	return p.rt.scriptError(st.script, err)
}

// FormatError returns the one-line report of an Eval error, as Node's REPL
// prints it: "Uncaught TypeError: … (HRESULT 0x…, SOURCE)".
func FormatError(err error) string {
	var se *ScriptError
	if !errors.As(err, &se) {
		return err.Error()
	}
	h := se.headline()
	if !strings.HasPrefix(h, "Uncaught") {
		h = "Uncaught " + h
	}
	return h
}
