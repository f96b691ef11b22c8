// Package runtime hosts Windows Script Host (cscript) JScript scripts on a
// goja virtual machine: scripts run as global code, WScript and the JScript
// host globals (ScriptEngine, GetObject, Enumerator) are defined, the
// WinHttpRequest COM object is available through ActiveXObject and
// WScript.CreateObject, and Node-style facilities come from goja_nodejs
// (console, require, process.env, Buffer, URL).
//
// Each run has an event loop (loop.go, timers.go): setTimeout,
// setInterval, setImmediate and their clear* functions, Promise jobs, and
// the results of Go work such as asynchronous requests, which bindings
// hand back through host.Loop (reserve when the work starts, enqueue its
// result when it ends). The loop runs once the script's code has finished
// and also inside WScript.Sleep and WaitForResponse, as WSH delivers COM
// events while a script waits. A run ends when its code, its timers and
// its Go work are all done, at WScript.Quit, at an uncaught error, or
// when it is stopped; whatever is still in flight then is cancelled, and
// the run returns only once that work has let go.
//
// A Runtime owns one goja.Runtime and its event loop. It runs one script at
// a time; use one Runtime per goroutine. Cancelling the context given to
// RunFile or RunScript interrupts the script and aborts its HTTP requests.
//
//	rt, err := runtime.New(runtime.Options{Stdout: os.Stdout, Stderr: os.Stderr, Args: args})
//	if err != nil { … }
//	defer rt.Close()
//	code, err := rt.RunFile(ctx, "fetch.js")
//
// # Embedding
//
// Go programs embed the runtime to let their users script request flows.
// Set hands scripts Go values, structs and functions (named as
// Options.FieldNames says; a returned Go error or a panic is thrown as a
// JavaScript Error), Get reads globals back as Go values, and Call calls a
// script function, running the event loop until its timers, requests and
// promise are done. Values cross only while no script runs: otherwise
// these return ErrBusy. Options limit what scripts get: Timeout,
// MaxCallStackSize, Permissions (no file access unless granted), ProgIDs,
// Without (globals and modules left out) and FS (where scripts and
// require()d modules come from). Compile and Pool share compiled programs
// and reuse runtimes for hosts that run many short scripts. See
// the README (Embedding) and the examples.
//
// An uncaught error ends the script with exit code 1; its report (see
// ScriptError.Report) is written to Options.Stderr and the *ScriptError is
// returned. WScript.Quit(n) ends it with exit code n and a nil error.
package runtime
