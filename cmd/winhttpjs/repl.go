package main

import (
	"errors"
	"os"

	"github.com/spf13/cobra"
	"github.com/winhttpjs/winhttpjs/bindings/host"
	"github.com/winhttpjs/winhttpjs/runtime"
)

func newREPLCmd(s streams) *cobra.Command {
	return &cobra.Command{
		Use:   "repl",
		Short: "Try requests interactively (what winhttpjs alone starts on a terminal)",
		Long: `repl evaluates JavaScript as you type it, in the same runtime as run:
WinHttpRequest (new ActiveXObject("WinHttp.WinHttpRequest.5.1")), WScript,
console, require, timers and promises. Results print as Node prints them; _ is
the last result. Top-level await works, and a Promise result is awaited.

After each input the event loop runs until it is idle, so timers, promises
and asynchronous requests finish before the next prompt. Ctrl-C clears the
input, or stops a running statement (aborting its requests and dropping its
timers); Ctrl-D or .exit leaves. Type .help for the dot commands.

History is kept in $XDG_STATE_HOME/winhttpjs/repl_history (default
~/.local/state). When standard input is not a terminal, each complete
statement read from it is evaluated and its result printed.`,
		Example: `  winhttpjs repl
  echo '1 + 2' | winhttpjs repl`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return runREPL(s) },
	}
}

// runREPL runs the REPL on s: interactive when s.in is a terminal.
func runREPL(s streams) error {
	env := os.Environ()
	sess, err := newREPLSession(s, runtime.Options{
		Permissions: host.Unrestricted(),
		Stdout:      s.out,
		Stderr:      s.err,
		Env:         env,
		Interactive: true,
	})
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	defer sess.close()
	var code int
	if isTerminal(s.in) {
		code, err = sess.interactive()
	} else {
		code = sess.piped()
	}
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	if code != 0 {
		return &exitError{code: code, reported: true}
	}
	return nil
}

// isTerminal reports whether r is a terminal: a character device other
// than the null device (which is one too).
func isTerminal(r any) bool {
	f, ok := r.(*os.File)
	if !ok || f == nil {
		return false
	}
	fi, err := f.Stat()
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	if null, err := os.Stat(os.DevNull); err == nil && os.SameFile(fi, null) {
		return false
	}
	return true
}

// errExit is returned by a dot command that ends the REPL.
var errExit = errors.New("exit")
