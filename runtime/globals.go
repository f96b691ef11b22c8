package runtime

import (
	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/scripts"
)

// The version numbers a script sees: those of the last JScript and WSH
// Microsoft shipped (JScript 5.8, WSH 5.812).
const (
	jscriptMajor = 5
	jscriptMinor = 8
	jscriptBuild = 16384
	wshVersion   = "5.812"
	wshBuild     = 10240
	wshName      = "Windows Script Host"
)

// HRESULTs of the JScript runtime errors the host raises itself.
const (
	hrInvalidCall     = 0x800A0005 // 5: Invalid procedure call or argument
	hrOutOfRange      = 0x800A0009 // 9: Subscript out of range
	hrBadFileMode     = 0x800A0036 // 54: Bad file mode
	hrPastEOF         = 0x800A003E // 62: Input past end of file
	hrNotEventSource  = 0x80040200 // CONNECT_E_NOCONNECTION
	sourceJScript     = com.SourceJScript
	sourceHost        = "Windows Script Host"
	getObjectNotThere = "GetObject is not supported: winhttpjs cannot attach to running COM objects or files"
)

// installHostGlobals defines the functions JScript provides to every script.
func (r *Runtime) installHostGlobals(vm *goja.Runtime) {
	vm.Set("ScriptEngine", func(goja.FunctionCall) goja.Value { return vm.ToValue("JScript") })
	vm.Set("ScriptEngineMajorVersion", func(goja.FunctionCall) goja.Value { return vm.ToValue(jscriptMajor) })
	vm.Set("ScriptEngineMinorVersion", func(goja.FunctionCall) goja.Value { return vm.ToValue(jscriptMinor) })
	vm.Set("ScriptEngineBuildVersion", func(goja.FunctionCall) goja.Value { return vm.ToValue(jscriptBuild) })
	vm.Set("GetObject", func(goja.FunctionCall) goja.Value {
		com.Throw(vm, com.HRCannotCreateObject, getObjectNotThere, sourceJScript)
		return nil
	})
}

// runPrelude runs the embedded JavaScript prelude.
func (r *Runtime) runPrelude(vm *goja.Runtime) error {
	prg, err := goja.Compile(scripts.PreludeName, scripts.Prelude(), false)
	if err != nil {
		return err
	}
	_, err = vm.RunProgram(prg)
	return err
}
