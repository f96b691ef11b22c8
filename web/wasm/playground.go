//go:build js && wasm

package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"syscall/js"

	"github.com/winhttpjs/winhttpjs/runtime"
)

// replName is the script name of REPL evaluations.
const replName = "repl"

// playground holds the runtime of the last run: the REPL evaluates in it,
// so a script's globals can be inspected after it ended.
type playground struct {
	api js.Value // globalThis.winhttpjs, whose onoutput gets the output

	mu      sync.Mutex
	rt      *runtime.Runtime
	cancel  context.CancelFunc // stops the script in progress
	running bool
}

func newPlayground() *playground { return &playground{} }

// promise returns a Promise settled with what work returns; work runs on
// a new goroutine, outside the JavaScript callback that asked for it.
func (p *playground) promise(work func() js.Value) js.Value {
	var executor js.Func
	executor = js.FuncOf(func(_ js.Value, args []js.Value) any {
		resolve := args[0]
		go func() {
			var v js.Value
			func() {
				defer func() {
					if r := recover(); r != nil {
						v = result(1, false, fmt.Errorf("internal error in winhttpjs: %v", r))
					}
				}()
				v = work()
			}()
			resolve.Invoke(v)
		}()
		return nil
	})
	defer executor.Release()
	return js.Global().Get("Promise").New(executor)
}

// output forwards a stream's text to winhttpjs.onoutput.
type output struct {
	p      *playground
	stream string
}

// Write hands p to the page as text.
func (o output) Write(b []byte) (int, error) {
	if fn := o.p.api.Get("onoutput"); fn.Type() == js.TypeFunction {
		fn.Invoke(o.stream, string(b))
	}
	return len(b), nil
}

// newRuntime replaces the runtime with a fresh one for args.
func (p *playground) newRuntime(args []string) (*runtime.Runtime, error) {
	if p.rt != nil {
		p.rt.Close()
		p.rt = nil
	}
	env := []string{}
	if len(args) > 0 {
		env = append(env, "HTTPBIN_URL="+args[0])
	}
	rt, err := runtime.New(runtime.Options{
		Stdout:   output{p, "stdout"},
		Stderr:   output{p, "stderr"},
		Args:     args,
		Env:      env,
		HostPath: "/winhttpjs/winhttpjs.wasm",
	})
	if err != nil {
		return nil, err
	}
	p.rt = rt
	return rt, nil
}

// claim marks a script as running and returns the context Stop cancels.
// It runs in the JavaScript call that asks for the run, before the
// goroutine that runs it starts: a Stop posted right after Run then finds
// the context to cancel, however late that goroutine gets to run.
func (p *playground) claim() (context.Context, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.running {
		return nil, errors.New("a script is running: stop it first")
	}
	ctx, cancel := context.WithCancel(context.Background())
	p.running, p.cancel = true, cancel
	return ctx, nil
}

// claimed claims the run now, in the JavaScript call, and returns a
// Promise of work done with its context on a goroutine of its own.
func (p *playground) claimed(work func(ctx context.Context) js.Value) js.Value {
	ctx, err := p.claim()
	return p.promise(func() js.Value {
		if err != nil {
			return result(1, false, err)
		}
		return work(ctx)
	})
}

// runtimeFor returns the runtime to run in: a new one for args when fresh
// is set or there is none yet.
func (p *playground) runtimeFor(fresh bool, args []string) (*runtime.Runtime, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if fresh || p.rt == nil {
		return p.newRuntime(args)
	}
	return p.rt, nil
}

func (p *playground) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cancel()
	p.running, p.cancel = false, nil
}

// run runs source as the script name with args in a new runtime, under
// ctx from claim.
func (p *playground) run(ctx context.Context, name, source string, args []string) js.Value {
	defer p.finish()
	rt, err := p.runtimeFor(true, args)
	if err != nil {
		return result(1, false, err)
	}
	code, err := rt.RunScript(ctx, name, []byte(source))
	return result(code, ctx.Err() != nil, err)
}

// eval evaluates an expression or statements in the last run's runtime
// (a new one with args before the first run) and prints the value, as a
// console would; ctx is from claim.
func (p *playground) eval(ctx context.Context, source string, args []string) js.Value {
	defer p.finish()
	rt, err := p.runtimeFor(false, args)
	if err != nil {
		return result(1, false, err)
	}
	quoted, _ := json.Marshal(source)
	code, err := rt.RunScript(ctx, replName, []byte(fmt.Sprintf(replWrapper, quoted)))
	return result(code, ctx.Err() != nil, err)
}

// replWrapper evaluates %s (a JSON string) globally, so declarations
// persist, and prints its value or the error it threw.
const replWrapper = `(function (show) {
  try { show((0, eval)(%s)); }
  catch (e) {
    var s = (e && e.name ? e.name + ": " + e.message : String(e));
    if (e && typeof e.number === "number") s += " (0x" + (e.number >>> 0).toString(16).toUpperCase() + ")";
    console.error(s);
  }
})(function (v) {
  var s;
  try {
    if (typeof v === "string") s = JSON.stringify(v);
    else if (typeof v === "function") s = "[Function" + (v.name ? ": " + v.name : "") + "]";
    else if (v !== null && typeof v === "object" && !(v instanceof Error)) s = JSON.stringify(v);
  } catch (e) {}
  console.log(s === undefined ? String(v) : s);
});`

// stop ends the script in progress, if any.
func (p *playground) stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cancel != nil {
		p.cancel()
	}
}

// result is the object the page's promises resolve to: the exit code,
// whether Stop ended the run, and the error with its position.
func result(code int, stopped bool, err error) js.Value {
	o := js.Global().Get("Object").New()
	o.Set("code", code)
	o.Set("stopped", stopped)
	if err == nil || stopped {
		return o
	}
	e := js.Global().Get("Object").New()
	e.Set("message", err.Error())
	var se *runtime.ScriptError
	if errors.As(err, &se) {
		e.Set("file", se.File)
		e.Set("line", se.Line)
		e.Set("column", se.Column)
		e.Set("name", se.Name)
		e.Set("hresult", se.HResult)
	}
	o.Set("error", e)
	return o
}
