package runtime

import (
	"encoding/json"
	"errors"
	"strings"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
)

// scriptError describes an error that ended a run of s.
func (r *Runtime) scriptError(s *script, err error) error {
	var ie *internalError
	if errors.As(err, &ie) {
		return err
	}
	se := &ScriptError{File: s.name}
	var frames []goja.StackFrame
	var so *goja.StackOverflowError
	var ex *goja.Exception
	switch {
	case errors.As(err, &so):
		se.Name, se.Message = "RangeError", "Maximum call stack size exceeded"
		frames = so.Stack()
	case errors.As(err, &ex):
		r.describeValue(se, ex.Value())
		frames = ex.Stack()
	default:
		se.Name, se.Message = "Error", err.Error()
	}
	se.Stack = s.frames(frames)
	// The error's position is that of the innermost script frame.
	if len(se.Stack) > 0 {
		f := se.Stack[0]
		se.Line, se.Column = f.Line, f.Column
		if f.File == s.name {
			se.SourceLine = s.sourceLine(f.Line)
		} else {
			se.File = f.File
		}
	}
	return se
}

// rejectionError describes a promise rejection nothing handled. The
// position is unknown: goja keeps no stack for a rejection.
func (r *Runtime) rejectionError(s *script, p *goja.Promise) *ScriptError {
	se := &ScriptError{File: s.name, InPromise: true}
	r.describeValue(se, p.Result())
	return se
}

// frames converts goja's stack, leaving out the frames of Go functions
// (they have no position, and their names are implementation details) and
// mapping positions in the script back to the user's source.
func (s *script) frames(frames []goja.StackFrame) []StackFrame {
	var out []StackFrame
	for _, f := range frames {
		if f.SrcName() == "<native>" {
			continue
		}
		sf := StackFrame{Function: f.FuncName(), File: f.SrcName()}
		if sf.Function == "<anonymous>" {
			sf.Function = ""
		}
		p := f.Position()
		sf.Line, sf.Column = p.Line, p.Column
		if sf.File == s.name {
			sf.Line, sf.Column = s.originalPos(p.Line, p.Column)
		}
		out = append(out, sf)
	}
	return out
}

// describeValue fills the name and message of se from a thrown value.
func (r *Runtime) describeValue(se *ScriptError, v goja.Value) {
	if hr, source, detail, ok := comErrorInfo(v); ok {
		se.HResult, se.Source, se.Detail = hr, source, detail
	}
	obj, isObj := v.(*goja.Object)
	if isObj && isErrorObject(r.vm, obj) {
		se.Name = safeString(obj.Get("name"))
		se.Message = safeString(obj.Get("message"))
		if se.Name == "" {
			se.Name = "Error"
		}
		return
	}
	se.Name = ""
	switch {
	case v == nil || goja.IsUndefined(v):
		se.Message = "undefined"
	case isObj && obj.ClassName() != "Function":
		if b, err := json.Marshal(com.Export(obj)); err == nil && !strings.HasPrefix(string(b), "null") {
			se.Message = string(b)
		} else {
			se.Message = safeString(v)
		}
	default:
		if s, ok := com.Export(v).(string); ok {
			b, _ := json.Marshal(s)
			se.Message = string(b)
		} else {
			se.Message = safeString(v)
		}
	}
}

// isErrorObject reports whether obj is an Error (or inherits from one).
func isErrorObject(vm *goja.Runtime, obj *goja.Object) bool {
	ctor, ok := vm.Get("Error").(*goja.Object)
	if !ok {
		return obj.ClassName() == "Error"
	}
	return obj.ClassName() == "Error" || vm.InstanceOf(obj, ctor)
}

// safeString converts v to a string without letting a throwing toString
// escape into the report.
func safeString(v goja.Value) (s string) {
	if v == nil || goja.IsUndefined(v) {
		return ""
	}
	defer func() {
		if recover() != nil {
			s = "[object]"
		}
	}()
	return v.String()
}

// comErrorInfo asks the bindings whether v is a COM error; a failure there
// must not turn an error report into a crash.
func comErrorInfo(v goja.Value) (hr uint32, source, detail string, ok bool) {
	defer func() {
		if recover() != nil {
			hr, source, detail, ok = 0, "", "", false
		}
	}()
	hr, source, ok = com.ErrorInfo(v)
	if ok {
		detail = com.ErrorDetail(v)
	}
	return hr, source, detail, ok
}
