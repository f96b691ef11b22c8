// Command embed shows a Go program embedding winhttpjs: a monitoring
// agent runs its user's check script, hands it a host object (agent) with
// the target to probe and a way to report, stops it on Ctrl-C, and closes
// the runtime.
//
//	go run ./examples/embed -target https://example.com examples/embed/check.js
//
// The script cannot touch files or start programs (the zero
// Permissions), cannot load modules, and may create only WinHttpRequest.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/winhttpjs/winhttpjs/runtime"
)

// Agent is the host object scripts see as `agent`.
type Agent struct {
	// Target is the URL the check probes (agent.target).
	Target string `js:"target"`

	out    io.Writer
	failed int
}

// Report records one result of the check (agent.report(name, ok, detail)).
func (a *Agent) Report(name string, ok bool, detail string) {
	status := "OK"
	if !ok {
		status = "FAIL"
		a.failed++
	}
	fmt.Fprintf(a.out, "%s %s: %s\n", status, name, detail)
}

// Expect returns an error, thrown into the script, when got is not want.
func (a *Agent) Expect(what string, got, want int) error {
	if got != want {
		return fmt.Errorf("%s: got %d, want %d", what, got, want)
	}
	return nil
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run runs the check script named by args and returns the exit code:
// 0 when every report passed, 1 when one failed or the script threw, 130
// when interrupted.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("embed", flag.ContinueOnError)
	flags.SetOutput(stderr)
	target := flags.String("target", "", "the URL the check script probes")
	if err := flags.Parse(args); err != nil || flags.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: embed -target URL script.js")
		return 2
	}
	rt, err := runtime.New(runtime.Options{
		Stdout:     stdout,
		Stderr:     stderr,
		FieldNames: runtime.TagFieldNames("js", true), // Report → report
		Without:    runtime.WithoutRequire | runtime.WithoutProcess,
		ProgIDs:    []string{"WinHttp.WinHttpRequest.5.1"},
	})
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	defer rt.Close()
	agent := &Agent{Target: *target, out: stdout}
	if err := rt.Set("agent", agent); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	code, err := rt.RunFile(ctx, flags.Arg(0))
	switch {
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "check interrupted")
		return 130
	case err != nil:
		return max(code, 1) // the runtime has reported the error
	case agent.failed > 0:
		return 1
	}
	return code
}
