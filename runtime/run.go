package runtime

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"runtime/debug"
	"sync"
	"time"

	"github.com/dop251/goja"
)

// runState is the state of one script run.
type runState struct {
	script   *script
	fullName string
	start    time.Time
	ctx      context.Context
	cancel   context.CancelCauseFunc

	err      error // the first error that ended the run
	quitCode *int  // set by WScript.Quit
	stopped  bool  // the run is ending: no more callbacks are run

	rejected []*goja.Promise // rejected promises without a handler

	timeout      time.Duration // the limit in force (0 = none)
	timeoutTimer *time.Timer
}

// quitSignal interrupts the VM for WScript.Quit.
type quitSignal struct{ code int }

// stopSignal interrupts the VM when the run's context ends; cause is why.
type stopSignal struct{ cause error }

// handlerFailure interrupts the VM when an event handler or timer callback
// threw: the script ends with that error, as under WSH.
type handlerFailure struct{ err error }

// timeoutError is the cause of a run stopped by its time limit.
type timeoutError struct {
	file  string
	limit time.Duration
}

// Error says which script ran out of time, and the limit.
func (e *timeoutError) Error() string {
	return fmt.Sprintf("%s: %v (time limit %v); script terminated", e.file, ErrTimeout, e.limit)
}

// Unwrap makes errors.Is(err, ErrTimeout) hold.
func (e *timeoutError) Unwrap() error { return ErrTimeout }

// internalError is a Go panic that escaped a host function.
type internalError struct {
	file  string
	value any
}

// Error reports the panic value, never a Go stack trace.
func (e *internalError) Error() string {
	return fmt.Sprintf("%s: internal error in winhttpjs: %v", e.file, e.value)
}

// detachedExport matches goja's export of a typed array in a panic's
// stack: exporting one whose ArrayBuffer is detached slices released
// memory, which panics, wherever the export happens (goja_nodejs' Buffer
// too), before any code of ours can check. Compiled on first need: every
// start-up would pay for it, and only a panic uses it.
var detachedExport = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`goja\.\(\*(typedArrayObject|u?int(8|16|32)(Clamped)?Array|float(32|64)Array|bigU?[iI]nt64Array|dataViewObject)\)\.export`)
})

// explainPanic adds what the script did to a panic it can cause: handing
// a typed array over a detached ArrayBuffer (as an OnResponseDataAvailable
// array kept past its handler under --discard-streamed-body is) to a
// function that reads it.
func explainPanic(p any, stack []byte) any {
	if detachedExport().Match(stack) {
		return fmt.Sprintf("%v: a typed array whose ArrayBuffer is detached was passed to a function that reads it "+
			"(an array lent to OnResponseDataAvailable is valid during its handler only; copy it there with slice())", p)
	}
	return p
}

// run decodes, compiles and runs one script, then turns the way it ended
// into an exit code and an error (see RunScript).
func (r *Runtime) run(ctx context.Context, name, fullName string, b []byte) (int, error) {
	if err := r.begin(); err != nil {
		return 1, err
	}
	defer r.end()

	src, err := decodeSource(b)
	if err != nil {
		return 1, fmt.Errorf("cannot read script %s: %w", name, err)
	}
	s, err := compileScript(name, src)
	if err != nil {
		return r.report(1, err)
	}

	st, cause, perr := r.session(ctx, s, fullName, func() error {
		_, err := r.vm.RunProgram(s.prog)
		return err
	})
	if perr != nil {
		return r.report(1, perr)
	}
	return r.outcome(st, cause)
}

// session runs body (the script's code, or a call into it) as one run of
// s, then the event loop until nothing is left to run, with the run's
// context, time limit and interruption in force. It returns the run's
// state, the cause of a stop from outside (nil when the run ended by
// itself) and, when a Go panic escaped the VM, the internal error.
// The caller holds the runtime (begin).
func (r *Runtime) session(ctx context.Context, s *script, fullName string, body func() error) (*runState, error, error) {
	r.embed.last, r.embed.lastFull = s, fullName
	runCtx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	st := &runState{script: s, fullName: fullName, start: time.Now(), ctx: runCtx, cancel: cancel}
	r.cur = st
	defer func() { r.cur = nil }()
	r.reqCtx.set(runCtx)
	defer r.reqCtx.set(r.base)

	// Closing the runtime stops the run.
	stopOnClose := context.AfterFunc(r.base, func() { cancel(ErrClosed) })
	defer stopOnClose()
	// The end of the run's context interrupts the VM, wherever it is.
	watched := make(chan struct{})
	r.loop.begin()
	stopWatch := context.AfterFunc(runCtx, func() {
		defer close(watched)
		r.vm.Interrupt(stopSignal{cause: context.Cause(runCtx)})
		r.loop.stop()
	})
	if r.opts.Timeout > 0 {
		r.setTimeout(r.opts.Timeout)
	}

	panicked, perr := r.execute(s, body)

	stoppedByContext := !stopWatch()
	if stoppedByContext {
		<-watched
	}
	if st.timeoutTimer != nil {
		st.timeoutTimer.Stop()
	}
	st.stopped = true
	var cause error
	if stoppedByContext {
		cause = context.Cause(runCtx)
	}
	cancel(nil) // abort what the script left running (async requests)
	// Drop the timers and wait for the cancelled requests to report back,
	// so that nothing this run started outlives it.
	r.loop.end()
	if panicked {
		r.mu.Lock()
		r.broken = true
		r.mu.Unlock()
		return st, cause, perr
	}
	r.vm.ClearInterrupt()
	return st, cause, nil
}

// begin marks the runtime as running, or says why it cannot run.
func (r *Runtime) begin() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case r.closed:
		return ErrClosed
	case r.broken:
		return errors.New("runtime is unusable after an internal error")
	case r.running:
		return ErrBusy
	}
	r.running = true
	return nil
}

func (r *Runtime) end() {
	r.mu.Lock()
	r.running = false
	r.mu.Unlock()
}

// execute runs body (the program), then the event loop until nothing is left
// that could run a callback: no timer, no immediate, no Go work in flight.
// A Go panic that escapes the VM (a bug in a host function) is returned as
// an internal error rather than crashing the host.
func (r *Runtime) execute(s *script, body func() error) (panicked bool, err error) {
	defer func() {
		if p := recover(); p != nil {
			panicked, err = true, &internalError{file: s.name, value: explainPanic(p, debug.Stack())}
		}
	}()
	if err := body(); err != nil {
		r.fail(err)
	}
	r.loop.drive(nil, -1, true)
	return false, nil
}

// fail records the first error that ends the run and stops the event loop.
// It runs on the script's goroutine.
func (r *Runtime) fail(err error) {
	st := r.cur
	if st == nil {
		return
	}
	if st.err == nil {
		st.err = err
	}
	st.stopped = true
	r.loop.stop()
}

// runJob runs a callback of the event loop (a timer, an immediate, the
// result of Go work) on the script's goroutine. A JavaScript exception
// from it ends the run as an uncaught error would; so does one thrown by a
// binding's job outside any script code.
func (r *Runtime) runJob(job func() error) {
	// A run whose context has ended (time limit, cancel, Close) runs no
	// more callbacks, even before the interrupt that stops it has landed:
	// the cancellation itself makes requests fail and post their OnError.
	if st := r.cur; st == nil || st.stopped || st.ctx.Err() != nil {
		return
	}
	var err error
	if ex := r.vm.Try(func() { err = job() }); ex != nil {
		err = ex
	}
	if err != nil {
		r.callbackFailed(err)
	}
}

// callbackFailed ends the run because a callback (an event handler, a
// timer) threw or called WScript.Quit. The error is recorded first; the
// VM is then interrupted so that script code below the callback — it may
// run inside WScript.Sleep, WaitForResponse or a synchronous Send —
// stops at its next instruction instead of catching the error.
func (r *Runtime) callbackFailed(err error) {
	st := r.cur
	if st == nil {
		return
	}
	var ie *goja.InterruptedError
	if st.quitCode != nil || errors.As(err, &ie) {
		// WScript.Quit or a stop: the VM is already interrupted.
		st.stopped = true
		r.loop.stop()
		return
	}
	r.fail(err)
	r.vm.Interrupt(handlerFailure{err: err})
}

// quit ends the run with code at once (WScript.Quit, process.exit).
func (r *Runtime) quit(code int) {
	st := r.cur
	if st == nil {
		return
	}
	if st.quitCode == nil {
		st.quitCode = &code
	}
	st.stopped = true
	r.vm.Interrupt(quitSignal{code: code})
	r.loop.stop()
	st.cancel(context.Canceled)
}

// setTimeout arms (or, with 0, disarms) the run's time limit, counted from
// the start of the run as cscript's //T:n is.
func (r *Runtime) setTimeout(limit time.Duration) {
	st := r.cur
	if st == nil {
		return
	}
	if st.timeoutTimer != nil {
		st.timeoutTimer.Stop()
		st.timeoutTimer = nil
	}
	st.timeout = limit
	if limit <= 0 {
		return
	}
	cause := &timeoutError{file: st.script.name, limit: limit}
	st.timeoutTimer = time.AfterFunc(max(limit-time.Since(st.start), 0), func() { st.cancel(cause) })
}

// outcome turns the way a run ended into an exit code and an error.
func (r *Runtime) outcome(st *runState, cause error) (int, error) {
	if st.quitCode != nil {
		return *st.quitCode, nil
	}
	err := st.err
	if cause != nil {
		// Stopped from outside (the caller's context, the time limit,
		// Close): whatever the script was doing then failed because of
		// that — a request in flight reports "operation cancelled" — so
		// the stop is the outcome.
		err = nil
	}
	var ie *goja.InterruptedError
	if errors.As(err, &ie) {
		switch v := ie.Value().(type) {
		case quitSignal:
			return v.code, nil
		case handlerFailure:
			err = v.err
		case stopSignal:
			err, cause = nil, v.cause
		}
	}
	if err == nil && cause != nil {
		var te *timeoutError
		if errors.As(cause, &te) {
			return r.report(1, te)
		}
		return 1, cause
	}
	if err == nil {
		if len(st.rejected) > 0 {
			return r.report(1, r.rejectionError(st.script, st.rejected[0]))
		}
		return 0, nil
	}
	return r.report(1, r.scriptError(st.script, err))
}

// trackRejection keeps the run's list of rejected promises that have no
// handler: one left at the end of the run is an uncaught error, as in Node.
func (r *Runtime) trackRejection(p *goja.Promise, op goja.PromiseRejectionOperation) {
	st := r.cur
	if st == nil {
		return
	}
	switch op {
	case goja.PromiseRejectionReject:
		st.rejected = append(st.rejected, p)
	case goja.PromiseRejectionHandle:
		for i, q := range st.rejected {
			if q == p {
				st.rejected = append(st.rejected[:i], st.rejected[i+1:]...)
				break
			}
		}
	}
}

// report writes the report of err to Stderr (unless QuietErrors) and
// returns code and err.
func (r *Runtime) report(code int, err error) (int, error) {
	if !r.opts.QuietErrors {
		var text string
		if se, ok := err.(*ScriptError); ok {
			text = se.Report()
		} else {
			text = err.Error() + "\n"
		}
		_, _ = r.opts.Stderr.Write([]byte(text))
	}
	return code, err
}
