package runtime

import (
	"io"
	"time"
)

// Options configure a Runtime. The zero value is usable: output is
// discarded, standard input is empty, the environment is the process's.
type Options struct {
	// Stdout receives WScript.Echo, WScript.StdOut and console.log/info.
	// Nil discards the output.
	Stdout io.Writer
	// Stderr receives WScript.StdErr, console.error/warn and the reports
	// of uncaught errors. Nil discards it.
	Stderr io.Writer
	// Stdin is read by WScript.StdIn. Nil is an empty stream.
	Stdin io.Reader
	// Args are the script's arguments (WScript.Arguments), verbatim:
	// "/name:value" and "/name" are also seen as named arguments.
	Args []string
	// Env is the script's environment as "KEY=value" strings
	// (process.env). Nil means the process's environment (os.Environ).
	Env []string
	// Timeout stops a script that runs longer (cscript //T:n); zero means
	// no limit. A script can set its own with WScript.Timeout.
	Timeout time.Duration
	// HostPath is the host program's path, shown as WScript.FullName (and
	// its folder as WScript.Path). Empty means this executable's path.
	HostPath string
	// Interactive is the initial value of WScript.Interactive.
	Interactive bool
	// QuietErrors stops the runtime from writing the report of an uncaught
	// error (or of a time-out) to Stderr; the error is still returned.
	QuietErrors bool
	// MaxCallStackSize bounds JavaScript recursion; deeper calls throw
	// "RangeError: Maximum call stack size exceeded". Zero means 10000.
	MaxCallStackSize int

	// noBindings leaves out the WinHttpRequest bindings (ActiveXObject);
	// WScript.CreateObject then knows no ProgIDs. Tests use it to run
	// scripts without the HTTP engine.
	noBindings bool
}
