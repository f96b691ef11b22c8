package runtime

import (
	"github.com/winhttpjs/winhttpjs/bindings/comarg"
	"math"
	"path/filepath"
	"strings"
	"time"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
)

// newWScript builds the WScript object. Its members are found
// case-insensitively, as through IDispatch (WScript.echo works).
func (r *Runtime) newWScript(vm *goja.Runtime) *goja.Object {
	// The member objects are built when a script first reads them, each
	// once: most scripts use few of them, and building them all is a
	// noticeable part of start-up.
	args := onFirstUse(func() goja.Value { return r.newArguments(vm) })
	stdout := onFirstUse(func() goja.Value { return r.newOutStream(vm, "StdOut", r.opts.Stdout) })
	stderr := onFirstUse(func() goja.Value { return r.newOutStream(vm, "StdErr", r.opts.Stderr) })
	stdin := onFirstUse(func() goja.Value { return r.newInStream(vm) })
	str := func(s func() string) func() goja.Value {
		return func() goja.Value { return vm.ToValue(s()) }
	}
	var self *goja.Object
	members := []com.Member{
		{Name: "Echo", Method: func(call goja.FunctionCall) goja.Value {
			parts := make([]string, len(call.Arguments))
			for i, a := range call.Arguments {
				parts[i] = comarg.Text(a)
			}
			_, _ = r.opts.Stdout.Write([]byte(strings.Join(parts, " ") + "\n"))
			return goja.Undefined()
		}},
		{Name: "Arguments", Get: args},
		{Name: "Quit", Method: func(call goja.FunctionCall) goja.Value {
			code := 0
			if a := call.Argument(0); !goja.IsUndefined(a) {
				code = int(int32(a.ToInteger()))
			}
			r.quit(code)
			return goja.Undefined()
		}},
		{Name: "Sleep", Method: func(call goja.FunctionCall) goja.Value {
			r.sleep(vm, call.Argument(0))
			return goja.Undefined()
		}},
		{Name: "ScriptName", Get: str(func() string {
			if st := r.cur; st != nil {
				return filepath.Base(st.script.name)
			}
			return ""
		})},
		{Name: "ScriptFullName", Get: str(func() string {
			if st := r.cur; st != nil {
				return st.fullName
			}
			return ""
		})},
		{Name: "Path", Get: str(func() string { return filepath.Dir(r.hostPath()) })},
		{Name: "FullName", Get: str(func() string { return r.hostPath() })},
		{Name: "Name", Get: str(func() string { return wshName })},
		{Name: "Version", Get: str(func() string { return wshVersion })},
		{Name: "BuildVersion", Get: func() goja.Value { return vm.ToValue(wshBuild) }},
		{Name: "Application", Get: func() goja.Value { return self }},
		{Name: "Interactive",
			Get: func() goja.Value { return vm.ToValue(r.interactive) },
			Set: func(v goja.Value) { r.interactive = v.ToBoolean() }},
		{Name: "Timeout",
			Get: func() goja.Value {
				if st := r.cur; st != nil {
					return vm.ToValue(int64(st.timeout / time.Second))
				}
				return vm.ToValue(0)
			},
			Set: func(v goja.Value) {
				n := v.ToFloat()
				if math.IsNaN(n) || n < 0 || n > math.MaxInt32 {
					com.Throw(vm, hrInvalidCall, "Invalid procedure call or argument", sourceJScript)
				}
				r.setTimeout(time.Duration(n) * time.Second)
			}},
		{Name: "StdOut", Get: stdout},
		{Name: "StdErr", Get: stderr},
		{Name: "StdIn", Get: stdin},
		{Name: "CreateObject", Method: func(call goja.FunctionCall) goja.Value {
			obj := r.registry.Create(vm, call.Argument(0).String())
			if prefix := call.Argument(1); !goja.IsUndefined(prefix) && prefix.String() != "" {
				r.connect(vm, obj, prefix.String())
			}
			return obj
		}},
		{Name: "ConnectObject", Method: func(call goja.FunctionCall) goja.Value {
			obj, ok := call.Argument(0).(*goja.Object)
			if !ok {
				com.Throw(vm, hrNotEventSource, "Object is not a source of events", sourceHost)
			}
			r.connect(vm, obj, call.Argument(1).String())
			return goja.Undefined()
		}},
		{Name: "DisconnectObject", Method: func(call goja.FunctionCall) goja.Value {
			if obj, ok := call.Argument(0).(*goja.Object); ok {
				com.SetEventSink(obj, nil)
			}
			return goja.Undefined()
		}},
		{Name: "GetObject", Method: func(goja.FunctionCall) goja.Value {
			com.Throw(vm, com.HRCannotCreateObject, "WScript."+getObjectNotThere, sourceHost)
			return nil
		}},
	}
	self = com.NewObject(vm, members, com.ObjectOptions{
		Source: sourceHost,
		// WScript's default property is Name: String(WScript) is its name.
		Inspect: func() string { return wshName },
	})
	return self
}

// onFirstUse returns a getter that builds its value at the first call and
// returns that same value afterwards.
func onFirstUse(build func() goja.Value) func() goja.Value {
	var v goja.Value
	return func() goja.Value {
		if v == nil {
			v = build()
		}
		return v
	}
}

// connect routes obj's events to the global functions prefix+EventName,
// looked up when each event fires (WScript.ConnectObject). An exception
// thrown by a handler ends the script as an uncaught error would, even
// when the event fired inside a call the script could catch around.
func (r *Runtime) connect(vm *goja.Runtime, obj *goja.Object, prefix string) {
	if !com.SetEventSink(obj, &prefixSink{r: r, vm: vm, prefix: prefix}) {
		com.Throw(vm, hrNotEventSource, "Object is not a source of events", sourceHost)
	}
}

// prefixSink is the event sink of WScript.ConnectObject and
// WScript.CreateObject with a prefix: the handler of an event is the
// global function prefix+EventName at the time it fires.
type prefixSink struct {
	r      *Runtime
	vm     *goja.Runtime
	prefix string
	// names holds prefix+event for the events fired so far: an object
	// fires a few kinds of events, many times each.
	names []sinkName
}

type sinkName struct{ event, global string }

func (s *prefixSink) handler(event string) (goja.Callable, bool) {
	return goja.AssertFunction(s.vm.GlobalObject().Get(s.global(event)))
}

// global returns the name of event's handler.
func (s *prefixSink) global(event string) string {
	for _, n := range s.names {
		if n.event == event {
			return n.global
		}
	}
	g := s.prefix + event
	s.names = append(s.names, sinkName{event, g})
	return g
}

// Fire calls the event's handler, if the script defines one.
func (s *prefixSink) Fire(event string, args []goja.Value) {
	fn, ok := s.handler(event)
	if !ok {
		return
	}
	if _, err := fn(goja.Undefined(), args...); err != nil {
		s.r.callbackFailed(err)
	}
}

// Handles reports whether the script defines the event's handler now.
func (s *prefixSink) Handles(event string) bool {
	_, ok := s.handler(event)
	return ok
}

// sleep blocks the script for ms milliseconds, or until the run ends. As
// WSH delivers COM events while a script sleeps, the event loop runs
// meanwhile: events of asynchronous requests, timers and immediates.
// Promise reactions wait until the script's stack is empty, as in any
// JavaScript host.
func (r *Runtime) sleep(vm *goja.Runtime, v goja.Value) {
	ms := v.ToFloat()
	if math.IsNaN(ms) || ms < 0 {
		com.Throw(vm, hrInvalidCall, "Invalid procedure call or argument", sourceJScript)
	}
	if r.cur == nil {
		return
	}
	d := time.Duration(math.MaxInt64)
	if ms < float64(math.MaxInt64/int64(time.Millisecond)) {
		d = time.Duration(ms * float64(time.Millisecond))
	}
	// A stop interrupts the VM: the script ends as soon as this returns.
	_, _ = r.loop.Wait(nil, d)
}
