package runtime

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/dop251/goja"
	"github.com/dop251/goja_nodejs/buffer"
	"github.com/dop251/goja_nodejs/require"
	"github.com/dop251/goja_nodejs/url"
	"github.com/winhttpjs/winhttpjs/bindings"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/engine"
)

// Runtime runs WSH JScript scripts. It runs one script (or Call) at a
// time: while one runs, Close may be called from another goroutine, and
// the other methods return ErrBusy.
type Runtime struct {
	opts     Options
	loop     *eventLoop
	vm       *goja.Runtime
	registry *com.Registry
	// observe is shown every request of the flat winhttp module too, as
	// the bindings' Observe is for WinHttpRequest (the REPL's .trace).
	observe func(*engine.Request) func(*engine.Response, error)
	pool    *engine.Pool
	env     map[string]string
	// hostPath gives the host program's path (WScript.FullName): the
	// executable is looked up when a script first asks, not at start-up.
	hostPath func() string
	// modules is the runtime's require(), reached from Go.
	modules *require.RequireModule
	// console and process are the objects of the console and process
	// globals, which require("console") and require("process") return.
	console, process *goja.Object

	// reqCtx is the context the bindings see: it follows the script being
	// run, so that ending a run aborts the requests it started.
	reqCtx    *runContext
	base      context.Context
	closeBase context.CancelFunc

	stdin *bufio.Reader // created on first use of WScript.StdIn

	mu      sync.Mutex // guards the fields below
	running bool
	closed  bool
	broken  bool // a Go panic escaped the VM; the VM state is unknown

	// cur is the script in progress, nil between runs. Only the goroutine
	// running the script touches it, apart from the cancel function.
	cur *runState

	interactive bool

	embed embedState // the embedding API's state (embed.go)
}

// New returns a Runtime ready to run scripts.
func New(opts Options) (*Runtime, error) {
	if opts.Stdout == nil {
		opts.Stdout = io.Discard
	}
	if opts.Stderr == nil {
		opts.Stderr = io.Discard
	}
	if opts.Stdin == nil {
		opts.Stdin = strings.NewReader("")
	}
	if opts.MaxCallStackSize <= 0 {
		opts.MaxCallStackSize = 10000
	}
	if opts.Env == nil {
		opts.Env = os.Environ()
	}
	r := &Runtime{
		opts:        opts,
		env:         envMap(opts.Env),
		hostPath:    sync.OnceValue(func() string { return hostPath(opts.HostPath) }),
		interactive: opts.Interactive,
	}
	r.base, r.closeBase = context.WithCancel(context.Background())
	r.reqCtx = newRunContext(r.base)

	reg := require.NewRegistry(r.requireOptions()...)
	reg.RegisterNativeModule(consoleModule, moduleOf(&r.console))
	reg.RegisterNativeModule("node:"+consoleModule, r.requireConsole)
	reg.RegisterNativeModule(processModule, moduleOf(&r.process))
	reg.RegisterNativeModule("node:"+processModule, r.requireProcess)
	r.registerFlatAPI(reg)
	r.loop = newEventLoop(r.runJob)
	r.vm = goja.New()
	_, builtins := globalOwnNames(r.vm)
	r.modules = reg.Enable(r.vm)
	if err := r.setup(r.vm, builtins); err != nil {
		r.Close()
		return nil, err
	}
	return r, nil
}

// setup installs the globals. A Go panic in an installer (a bug) is
// returned as an error rather than crashing the host.
func (r *Runtime) setup(vm *goja.Runtime, builtins int) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("runtime setup failed: %v", p)
		}
	}()
	vm.SetMaxCallStackSize(r.opts.MaxCallStackSize)
	vm.SetPromiseRejectionTracker(r.trackRejection)
	r.console, r.process = r.newConsole(vm), r.newProcess(vm)
	vm.Set("console", r.console)
	vm.Set("process", r.process)
	defineLazyGlobals(vm, []string{"Buffer"}, buffer.Enable)
	defineLazyGlobals(vm, []string{"URL", "URLSearchParams"}, url.Enable)
	r.installTimers(vm)
	if r.opts.noBindings {
		r.registry = com.NewRegistry()
		r.registry.Enable(vm)
	} else {
		r.pool = engine.NewPool()
		bo := bindings.Options{Context: r.reqCtx, Pool: r.pool, Loop: r.loop,
			DiscardStreamedBody: r.opts.DiscardStreamedBody}
		if r.opts.configureBindings != nil {
			r.opts.configureBindings(&bo)
		}
		r.observe = bo.Observe
		r.registry = bindings.Install(vm, bo)
	}
	r.installCompanions(vm)
	vm.Set("WScript", r.newWScript(vm))
	r.installHostGlobals(vm)
	if err := r.runPrelude(vm); err != nil {
		return err
	}
	hideGlobals(vm, builtins)
	r.applyEmbedOptions(vm)
	return nil
}

// hideGlobals makes the host's globals non-enumerable, as built-ins are:
// `for (k in this)` lists only what the script itself declared.
//
// builtins is the number of own properties of the fresh global object:
// goja's own globals, non-enumerable already and each built lazily, on
// first use, so that asking every global for its flags (GlobalObject().Keys())
// would build them all at every start-up. The global object keeps its
// property names in order, goja's first, then in the order they were
// defined: the names past the first builtins ones are those the host added
// (setup deletes no built-in, which would shift them; a global the host
// redefines keeps its place and is left as it is).
func hideGlobals(vm *goja.Runtime, builtins int) {
	g := vm.GlobalObject()
	isEnum, ok := goja.AssertFunction(vm.Get("Object").ToObject(vm).Get("prototype").ToObject(vm).Get("propertyIsEnumerable"))
	if !ok {
		panic("Object.prototype.propertyIsEnumerable is not a function")
	}
	names, n := globalOwnNames(vm)
	for i := builtins; i < n; i++ {
		name := names.Get(strconv.Itoa(i))
		if e, err := isEnum(g, name); err != nil || !e.ToBoolean() {
			continue
		}
		k := name.String()
		_ = g.DefineDataProperty(k, g.Get(k), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
}

// globalOwnNames returns Object.getOwnPropertyNames(globalThis), an array,
// and its length. Unlike Keys() from Go, it names goja's lazily-built
// globals without building them.
func globalOwnNames(vm *goja.Runtime) (*goja.Object, int) {
	f, ok := goja.AssertFunction(vm.Get("Object").ToObject(vm).Get("getOwnPropertyNames"))
	if !ok {
		panic("Object.getOwnPropertyNames is not a function")
	}
	v, err := f(goja.Undefined(), vm.GlobalObject())
	if err != nil {
		panic(err)
	}
	o := v.ToObject(vm)
	return o, int(o.Get("length").ToInteger())
}

// RunFile reads the script at path and runs it (see RunScript). The name
// in reports and WScript.ScriptName comes from path; WScript.ScriptFullName
// is its absolute form. With Options.FS, path is opened in that file
// system instead of on disk.
func (r *Runtime) RunFile(ctx context.Context, path string) (int, error) {
	if r.opts.FS != nil {
		return r.runFS(ctx, path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return 1, fmt.Errorf("cannot read script %s: %w", path, unwrapPathError(err))
	}
	full, err := filepath.Abs(path)
	if err != nil {
		full = path
	}
	return r.run(ctx, path, full, b)
}

// RunScript runs src as a WSH script named name, to completion: until the
// script and the timers and callbacks it scheduled are done, WScript.Quit
// is called, it throws, or ctx is cancelled.
//
// It returns the exit code (0, WScript.Quit's code, or 1) and, for an
// uncaught error or a syntax error, a *ScriptError whose report has been
// written to Stderr; for a time-out an error wrapping ErrTimeout; when ctx
// ends the script, ctx's error.
func (r *Runtime) RunScript(ctx context.Context, name string, src []byte) (int, error) {
	return r.run(ctx, name, name, src)
}

// Close ends the runtime: a script still running is interrupted, its
// requests aborted, and the event loop's timers are cleared. Close is safe
// to call more than once and from another goroutine.
func (r *Runtime) Close() error {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return nil
	}
	r.closed = true
	r.mu.Unlock()
	r.closeBase()
	if r.pool != nil {
		r.pool.CloseIdleConnections()
	}
	return nil
}

// hostPath is the path shown as WScript.FullName: configured, else this
// executable's.
func hostPath(configured string) string {
	if configured != "" {
		return configured
	}
	if exe, err := os.Executable(); err == nil {
		return exe
	}
	return "winhttpjs"
}

// envMap turns "KEY=value" strings into a map; later entries win, as in
// the process environment.
func envMap(env []string) map[string]string {
	m := make(map[string]string, len(env))
	for _, kv := range env {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			continue
		}
		m[k] = v
	}
	return m
}

// unwrapPathError drops the operation and path that *fs.PathError repeats.
func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
