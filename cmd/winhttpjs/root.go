package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"
)

// streams are the standard streams the commands use (tests give their own).
type streams struct {
	in       io.Reader
	out, err io.Writer
	// exiting is set when the process ends as soon as the command
	// returns (main): clean-up that matters only to a process that lives
	// on, such as handing signals back to their default handling, is
	// skipped.
	exiting bool
}

// exitError ends the program with code; reported means its message has
// already been written (a script error report), so only the code matters.
type exitError struct {
	code     int
	err      error
	reported bool
}

// Error returns the message printed after "winhttpjs: ".
func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

// Exit codes of the winhttpjs program.
const (
	exitUsage  = 2   // bad command line
	exitSIGINT = 130 // 128 + SIGINT, as shells report
	exitSIGTRM = 143 // 128 + SIGTERM
)

// newRootCmd builds the command tree for the command line args. For
// "winhttpjs run …" it holds only the run command: everything after "run"
// is run's flags and the script's arguments, so no other command can be
// reached, and building them (and cobra's completion command) would only
// lengthen every script's start-up.
func newRootCmd(s streams, args []string) *cobra.Command {
	root := &cobra.Command{
		Use:   "winhttpjs",
		Short: "Run WSH JScript scripts that use WinHttp.WinHttpRequest, on any OS",
		Long: `winhttpjs runs Windows Script Host (cscript) JScript scripts that use
WinHttp.WinHttpRequest.5.1 unchanged, on Linux and macOS: WScript, ActiveXObject
and the WinHttpRequest object are re-implemented on a Go HTTP engine.`,
		Example: `  winhttpjs run fetch.js https://example.com /verbose
  winhttpjs run --httpbin test.js
  winhttpjs httpbin --addr 127.0.0.1:8080
  winhttpjs version`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(s.in)
	root.SetOut(s.out)
	root.SetErr(s.err)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &exitError{code: exitUsage, err: fmt.Errorf("%w\nRun '%s --help' for usage.", err, c.CommandPath())}
	})
	if len(args) > 0 && args[0] == "run" {
		root.AddCommand(newRunCmd(s))
		root.CompletionOptions.DisableDefaultCmd = true
	} else {
		root.AddCommand(newRunCmd(s), newHTTPBinCmd(s), newVersionCmd(s), newWebCmd(s), newREPLCmd(s))
	}
	// Alone on a terminal, winhttpjs starts the REPL; otherwise it prints
	// its help, as before.
	root.Args = cobra.NoArgs
	root.RunE = func(c *cobra.Command, _ []string) error {
		if isTerminal(s.in) {
			return runREPL(s)
		}
		return c.Help()
	}
	return root
}

// execute runs the command line args and returns the exit code.
func execute(args []string, s streams) int {
	root := newRootCmd(s, args)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return 0
	}
	var ee *exitError
	if !errors.As(err, &ee) {
		// Cobra's own errors: unknown command, wrong number of arguments.
		ee = &exitError{code: exitUsage, err: fmt.Errorf("%w\nRun 'winhttpjs --help' for usage.", err)}
	}
	if !ee.reported && ee.err != nil {
		fmt.Fprintf(s.err, "winhttpjs: %v\n", ee.err)
	}
	return ee.code
}
