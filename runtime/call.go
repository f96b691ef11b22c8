package runtime

import (
	"context"
	"errors"
	"fmt"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/runtime/internal/jsrewrite"
)

// ErrNotFunction is returned by Call when the global is not a function.
var ErrNotFunction = errors.New("not a function")

// ErrUnsettled is returned by Call when the function returned a promise
// that was still pending once nothing was left to run.
var ErrUnsettled = errors.New("the promise never settled")

// ExitError is returned by Call when the script called WScript.Quit or
// process.exit during the call.
type ExitError struct {
	// Code is the exit code the script asked for.
	Code int
}

// Error says that the script quit, and with which code.
func (e *ExitError) Error() string { return fmt.Sprintf("script quit with exit code %d", e.Code) }

// Call calls the global function name with args (converted as by Set) and
// returns its result exported as by Get. Like a run, it then runs the
// event loop until the timers and requests the call started are done; if
// the result is a promise, Call returns what it settles to (a rejection is
// an error). Cancelling ctx interrupts the JavaScript at once and aborts
// its requests; Call then returns ctx's error. Options.Timeout bounds the
// call as it bounds a run.
//
// Errors: ErrBusy while a script runs, ErrNotFunction, a *ScriptError for
// an uncaught exception (not written to Stderr: the host reports it), an
// *ExitError when the script quit, an error wrapping ErrTimeout, or
// ErrUnsettled.
func (r *Runtime) Call(ctx context.Context, name string, args ...any) (any, error) {
	if err := r.begin(); err != nil {
		return nil, err
	}
	defer r.end()
	fn, ok := goja.AssertFunction(r.vm.Get(name))
	if !ok {
		return nil, fmt.Errorf("%w: %s", ErrNotFunction, name)
	}
	s, full := r.embed.last, r.embed.lastFull
	if s == nil {
		s = &script{name: name, pmap: &jsrewrite.PosMap{}}
		full = name
	}
	var result goja.Value
	st, cause, perr := r.session(ctx, s, full, func() error {
		jsArgs := make([]goja.Value, len(args))
		for i, a := range args {
			jsArgs[i] = r.toJS(a)
		}
		v, err := fn(goja.Undefined(), jsArgs...)
		result = v
		return err
	})
	if perr != nil {
		return nil, perr
	}
	return r.callOutcome(st, cause, result)
}

// callOutcome turns the way a call ended into its result or error; it
// follows outcome, without reports.
func (r *Runtime) callOutcome(st *runState, cause error, result goja.Value) (any, error) {
	if st.quitCode != nil {
		return nil, &ExitError{Code: *st.quitCode}
	}
	err := st.err
	if cause != nil {
		err = nil
	}
	var ie *goja.InterruptedError
	if errors.As(err, &ie) {
		switch v := ie.Value().(type) {
		case quitSignal:
			return nil, &ExitError{Code: v.code}
		case handlerFailure:
			err = v.err
		case stopSignal:
			err, cause = nil, v.cause
		}
	}
	if err == nil && cause != nil {
		return nil, cause
	}
	if err != nil {
		return nil, r.scriptError(st.script, err)
	}
	p, isPromise := exportValue(result).(*goja.Promise)
	for _, q := range st.rejected {
		if q != p {
			return nil, r.rejectionError(st.script, q)
		}
	}
	if !isPromise {
		return exportValue(result), nil
	}
	switch p.State() {
	case goja.PromiseStateFulfilled:
		return exportValue(p.Result()), nil
	case goja.PromiseStateRejected:
		return nil, r.rejectionError(st.script, p)
	}
	return nil, ErrUnsettled
}

// Program is a compiled script. It is immutable: one Program can be run by
// many runtimes, on many goroutines at once (see Pool).
type Program struct {
	s *script
}

// Compile decodes and compiles src (as RunScript would, JScript rewrite
// included) under name. A syntax error is returned as a *ScriptError.
func Compile(name string, src []byte) (*Program, error) {
	text, err := decodeSource(src)
	if err != nil {
		return nil, fmt.Errorf("cannot read script %s: %w", name, err)
	}
	s, err := compileScript(name, text)
	if err != nil {
		return nil, err
	}
	// The line tables are otherwise built on first use, which would be a
	// data race between runtimes sharing the program.
	s.srcLines, s.genLines = lineStarts(s.src), lineStarts(s.gen)
	return &Program{s: s}, nil
}

// Name returns the name the program was compiled under.
func (p *Program) Name() string { return p.s.name }

// RunProgram runs a compiled program as RunScript runs source.
func (r *Runtime) RunProgram(ctx context.Context, p *Program) (int, error) {
	if err := r.begin(); err != nil {
		return 1, err
	}
	defer r.end()
	st, cause, perr := r.session(ctx, p.s, p.s.name, func() error {
		_, err := r.vm.RunProgram(p.s.prog)
		return err
	})
	if perr != nil {
		return r.report(1, perr)
	}
	return r.outcome(st, cause)
}
