package runtime

import (
	"io"
	"io/fs"
	"time"

	"github.com/winhttpjs/winhttpjs/bindings"
	"github.com/winhttpjs/winhttpjs/bindings/host"
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
	// Permissions is what ADODB.Stream, Scripting.FileSystemObject and
	// WScript.Shell may do with files and programs. The zero value denies
	// all of it; host.Unrestricted() allows what cscript allows (the CLI
	// without --sandbox), Sandbox builds the --sandbox policy.
	Permissions host.Permissions
	// MaxCallStackSize bounds JavaScript recursion; deeper calls throw
	// "RangeError: Maximum call stack size exceeded". Zero means 10000.
	MaxCallStackSize int

	// FS, when set, is where scripts come from: RunFile opens its path in
	// FS (a slash-separated, unrooted path) and require() loads modules
	// only from FS. Without it RunFile reads the disk and require() reads
	// only the folder of the script given to RunFile and the folders
	// Permissions lets scripts read. See embed.go.
	FS fs.FS
	// Without lists the globals (and the modules behind them) to leave
	// out, e.g. WithoutRequire|WithoutProcess. Zero keeps them all.
	Without Feature
	// ProgIDs, when not nil, are the only ProgIDs ActiveXObject and
	// WScript.CreateObject may create (case-insensitive); others fail as
	// unregistered classes do. Nil allows every registered ProgID.
	ProgIDs []string
	// FieldNames chooses the names under which the fields and methods of
	// Go structs set with Set are seen by scripts; nil keeps the Go names.
	// See TagFieldNames and LowerFirstNames.
	FieldNames FieldNameMapper
	// DiscardStreamedBody stops WinHttpRequest objects from keeping a
	// response body they deliver to an OnResponseDataAvailable handler,
	// which then streams a download at the speed of one copy per byte;
	// ResponseBody, ResponseText and ResponseStream throw 12019 after
	// such a Send. The default keeps the body, as Windows does (the CLI's
	// --discard-streamed-body).
	DiscardStreamedBody bool

	// noBindings leaves out the WinHttpRequest bindings (ActiveXObject);
	// WScript.CreateObject then knows no ProgIDs. Tests use it to run
	// scripts without the HTTP engine.
	noBindings bool
	// configureBindings, when set, adjusts the bindings' options before
	// they are installed; tests use it to make name resolution or
	// connecting stall.
	configureBindings func(*bindings.Options)
}
