// Package runtime hosts Windows Script Host (cscript) JScript scripts on a
// goja virtual machine: scripts run as global code, WScript and the JScript
// host globals (ScriptEngine, GetObject, Enumerator) are defined, the
// WinHttpRequest COM object is available through ActiveXObject and
// WScript.CreateObject, and Node-style facilities come from goja_nodejs
// (console, require, process.env, Buffer, URL, timers).
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
// An uncaught error ends the script with exit code 1; its report (see
// ScriptError.Report) is written to Options.Stderr and the *ScriptError is
// returned. WScript.Quit(n) ends it with exit code n and a nil error.
package runtime
