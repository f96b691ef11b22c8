package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/winhttpjs/winhttpjs/bindings/host"
	"github.com/winhttpjs/winhttpjs/runtime"
)

// stdinName is the script name used for a script read from standard input.
const stdinName = "<stdin>"

type runFlags struct {
	httpbin bool
	timeout time.Duration
	// File and process policy: everything unless sandbox is set.
	sandbox    bool
	allowRead  []string
	allowWrite []string
	allowRun   bool
	// discardStreamed: runtime.Options.DiscardStreamedBody.
	discardStreamed bool
}

func newRunCmd(s streams) *cobra.Command {
	var f runFlags
	cmd := &cobra.Command{
		Use:   "run [flags] FILE|- [args...]",
		Short: "Run a WSH JScript script",
		Long: `run runs a Windows Script Host JScript script as cscript would.

Everything after FILE is passed to the script verbatim as WScript.Arguments,
including WSH named arguments such as /verbose or /out:file.txt and anything
that looks like a flag. FILE "-" reads the script from standard input.

The exit code is the script's WScript.Quit code, 0 when it ends normally, 1
when it throws an uncaught error (reported on standard error as
FILE:LINE:COL, the source line and the error), and 130 when interrupted.

Scripts may read and write files (ADODB.Stream, Scripting.FileSystemObject)
and run programs (WScript.Shell Run and Exec) as they can under cscript.
--sandbox denies all of that except what --allow-read, --allow-write and
--allow-run grant; every denial names the path and the flag.`,
		Example: `  winhttpjs run fetch.js https://example.com
  winhttpjs run report.js /format:csv /v --debug   # all three go to the script
  echo 'WScript.Echo(ScriptEngine())' | winhttpjs run -
  winhttpjs run --httpbin test.js      # process.env.HTTPBIN_URL is set
  winhttpjs run --timeout 30s slow.js  # like cscript //T:30
  winhttpjs run --sandbox --allow-write=out download.js   # files only in ./out
  winhttpjs run --discard-streamed-body stream.js   # OnResponseDataAvailable at full speed`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return &exitError{code: exitUsage, err: errors.New("run needs a script: winhttpjs run FILE|- [args...]")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if f.timeout < 0 {
				return &exitError{code: exitUsage, err: fmt.Errorf("--timeout must not be negative (got %v)", f.timeout)}
			}
			if !f.sandbox && (len(f.allowRead) > 0 || len(f.allowWrite) > 0 || f.allowRun) {
				return &exitError{code: exitUsage, err: errors.New("--allow-read, --allow-write and --allow-run only make sense with --sandbox (without it everything is allowed)")}
			}
			return runScript(s, f, args[0], args[1:])
		},
	}
	// Flags end at FILE: what follows belongs to the script.
	cmd.Flags().SetInterspersed(false)
	cmd.Flags().BoolVar(&f.httpbin, "httpbin", false, "serve a local httpbin while the script runs and pass its URL as HTTPBIN_URL")
	cmd.Flags().DurationVar(&f.timeout, "timeout", 0, "stop the script after this long, e.g. 30s (0 = no limit)")
	cmd.Flags().BoolVar(&f.sandbox, "sandbox", false, "deny file access and running programs unless granted by --allow-*")
	cmd.Flags().StringArrayVar(&f.allowRead, "allow-read", nil, "with --sandbox: let the script read files under `DIR` (repeatable)")
	cmd.Flags().StringArrayVar(&f.allowWrite, "allow-write", nil, "with --sandbox: let the script create, change and delete files under `DIR`, and read them (repeatable)")
	cmd.Flags().BoolVar(&f.allowRun, "allow-run", false, "with --sandbox: let WScript.Shell Run and Exec start programs")
	cmd.Flags().BoolVar(&f.discardStreamed, "discard-streamed-body", false, "stream bodies to OnResponseDataAvailable only: the body is not kept and each event's array is valid in its handler only (ResponseBody, ResponseText and ResponseStream then throw 12019)")
	return cmd
}

func runScript(s streams, f runFlags, file string, args []string) error {
	ctx, signalled, stop := signalContext(s.exiting)
	defer stop()

	env := os.Environ()
	if f.httpbin {
		h, err := startHTTPBin("127.0.0.1:0")
		if err != nil {
			return &exitError{code: 1, err: err}
		}
		defer h.Close()
		env = append(env, "HTTPBIN_URL="+h.URL)
	}

	stdin := s.in
	var src []byte
	if file == "-" {
		b, err := io.ReadAll(s.in)
		if err != nil {
			return &exitError{code: 1, err: fmt.Errorf("cannot read script from standard input: %w", err)}
		}
		src, stdin = b, bytes.NewReader(nil)
	}

	perms := host.Unrestricted()
	if f.sandbox {
		p, err := runtime.Sandbox(f.allowRead, f.allowWrite, f.allowRun)
		if err != nil {
			return &exitError{code: exitUsage, err: err}
		}
		perms = p
	}

	rt, err := runtime.New(runtime.Options{
		Permissions: perms,
		Stdout:      s.out,
		Stderr:      s.err,
		Stdin:       stdin,
		Args:        args,
		Env:         env,
		Timeout:     f.timeout,

		DiscardStreamedBody: f.discardStreamed,
	})
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	defer rt.Close()

	var code int
	if file == "-" {
		code, err = rt.RunScript(ctx, stdinName, src)
	} else {
		code, err = rt.RunFile(ctx, file)
	}
	if sig := signalled(); sig != 0 {
		return &exitError{code: sig, reported: true}
	}
	if err == nil {
		if code != 0 {
			return &exitError{code: code, reported: true}
		}
		return nil
	}
	var se *runtime.ScriptError
	reported := errors.As(err, &se) || errors.Is(err, runtime.ErrTimeout)
	return &exitError{code: code, err: err, reported: reported}
}

// signalContext returns a context cancelled by SIGINT or SIGTERM, a
// function telling the exit code the signal calls for (0 if none came),
// and stop, which ends the watch. After the first signal the default
// handling is restored, so a second Ctrl-C kills a script that does not
// stop.
//
// With exiting set, stop leaves the handlers in place: the process ends
// right after, and handing the signals back (signal.Stop) waits for the
// Go runtime's signal thread, a tenth of a millisecond of every run.
func signalContext(exiting bool) (ctx context.Context, signalled func() int, stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	got := make(chan int, 1)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			signal.Stop(ch)
			if sig == syscall.SIGTERM {
				got <- exitSIGTRM
			} else {
				got <- exitSIGINT
			}
			cancel()
		case <-done:
		}
	}()
	signalled = func() int {
		select {
		case code := <-got:
			got <- code
			return code
		default:
			return 0
		}
	}
	stop = func() {
		close(done)
		if !exiting {
			signal.Stop(ch)
		}
		cancel()
	}
	return ctx, signalled, stop
}
