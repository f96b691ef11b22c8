// Package wshell provides WScript.Shell: the environment (read from and
// written to the runtime's, never the process's), the current directory,
// Popup and LogEvent as text on standard error, and Run and Exec, which
// start programs only when the host's policy allows it.
package wshell

import (
	"fmt"
	"os"
	"regexp"
	"sync"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/bindings/comarg"
	"github.com/winhttpjs/winhttpjs/bindings/hostsys"
)

// ProgIDs returns the names the object is created by.
func ProgIDs() []string { return []string{"WScript.Shell", "WScript.Shell.1"} }

// Factory returns a com.Factory making shells over sys.
func Factory(sys *hostsys.System) com.Factory {
	// The SYSTEM, USER and VOLATILE environments are shared by every shell
	// of the runtime, as the registry is by every shell of a machine.
	other := map[string]*overlay{}
	return func(rt *goja.Runtime) (*goja.Object, error) { return newShell(rt, sys, other), nil }
}

const (
	source = "WshShell"
	// HRESULTs of Win32 errors the shell reports.
	hrFileNotFound = 0x80070002
	hrPathNotFound = 0x80070003
	hrAccessDenied = 0x80070005
	hrInvalidArg   = 0x80070057
)

type shell struct {
	rt    *goja.Runtime
	sys   *hostsys.System
	other map[string]*overlay
}

// New creates a WScript.Shell object with SYSTEM, USER and VOLATILE
// environments of its own (Factory's shells share theirs).
func New(rt *goja.Runtime, sys *hostsys.System) *goja.Object {
	return newShell(rt, sys, map[string]*overlay{})
}

func newShell(rt *goja.Runtime, sys *hostsys.System, other map[string]*overlay) *goja.Object {
	s := &shell{rt: rt, sys: sys, other: other}
	return com.NewObject(rt, []com.Member{
		{Name: "Environment", Method: s.environment},
		{Name: "ExpandEnvironmentStrings", Method: func(call goja.FunctionCall) goja.Value {
			return rt.ToValue(s.expand(comarg.New(rt, call, source, "ExpandEnvironmentStrings").String(0, "Src")))
		}},
		{Name: "CurrentDirectory", Get: func() goja.Value { return rt.ToValue(sys.Dir()) }, Set: s.setCurrentDirectory},
		{Name: "Popup", Method: s.popup},
		{Name: "LogEvent", Method: s.logEvent},
		{Name: "Run", Method: s.run},
		{Name: "Exec", Method: s.exec},
		{Name: "RegRead", Method: s.registry("RegRead")},
		{Name: "RegWrite", Method: s.registry("RegWrite")},
		{Name: "RegDelete", Method: s.registry("RegDelete")},
	}, com.ObjectOptions{Source: "WScript.Shell", Inspect: func() string { return "WScript.Shell" }})
}

// envVar matches %NAME%. It is compiled at the first expansion, not at
// every start of the program.
var envVar = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`%([^%]+)%`) })

// expand replaces %NAME% with the variable's value; unknown names stay as
// written, as ExpandEnvironmentStrings leaves them.
func (s *shell) expand(text string) string {
	return envVar().ReplaceAllStringFunc(text, func(m string) string {
		if v, ok := s.sys.Getenv(m[1 : len(m)-1]); ok {
			return v
		}
		return m
	})
}

func (s *shell) setCurrentDirectory(v goja.Value) {
	if err := s.sys.Chdir(v.String()); err != nil {
		if pe := permissionError(err); pe != "" {
			com.ThrowDetail(s.rt, hrAccessDenied, "Access is denied: "+pe, source, "")
		}
		com.ThrowDetail(s.rt, hrPathNotFound, "The system cannot find the path specified.", source, err.Error())
	}
}

// popup is Popup(Text, [SecondsToWait], [Title], [Type]): there is no
// desktop to show a box on, so the text goes to standard error and the
// result is -1, what Windows returns when no button was clicked in time.
func (s *shell) popup(call goja.FunctionCall) goja.Value {
	a := comarg.New(s.rt, call, source, "Popup")
	text := comarg.Text(a.Value(0, "Text"))
	title := a.OptString(2, "Windows Script Host")
	fmt.Fprintf(s.sys.Stderr, "%s: %s\n", title, text)
	return s.rt.ToValue(-1)
}

// logEvent is LogEvent(Type, Message, [Target]): a line on standard error
// in place of the Application event log.
func (s *shell) logEvent(call goja.FunctionCall) goja.Value {
	a := comarg.New(s.rt, call, source, "LogEvent")
	typ := a.Int(0, "Type")
	msg := comarg.Text(a.Value(1, "Message"))
	names := map[int64]string{0: "SUCCESS", 1: "ERROR", 2: "WARNING", 4: "INFORMATION", 8: "AUDIT_SUCCESS", 16: "AUDIT_FAILURE"}
	name, ok := names[typ]
	if !ok {
		com.ThrowDetail(s.rt, hrInvalidArg, "The parameter is incorrect.", source, "LogEvent: Type must be 0, 1, 2, 4, 8 or 16")
	}
	fmt.Fprintf(s.sys.Stderr, "LogEvent %s: %s\n", name, msg)
	return s.rt.ToValue(true)
}

func (s *shell) registry(member string) func(goja.FunctionCall) goja.Value {
	return func(goja.FunctionCall) goja.Value {
		com.ThrowDetail(s.rt, com.HRNotImpl, "Not implemented: "+member+" is not supported (there is no registry)", source, member)
		return nil
	}
}

// cwd is the directory programs start in.
func (s *shell) cwd() string {
	if fi, err := os.Stat(s.sys.Dir()); err == nil && fi.IsDir() {
		return s.sys.Dir()
	}
	return ""
}
