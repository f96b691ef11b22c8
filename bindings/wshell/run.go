package wshell

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/bindings/comarg"
	"github.com/winhttpjs/winhttpjs/bindings/host"
)

// permissionError returns the text of a policy denial, "" for other errors.
func permissionError(err error) string {
	var pe *host.PermissionError
	if errors.As(err, &pe) {
		return pe.Error()
	}
	return ""
}

// command checks the policy and prepares the program a command line names.
func (s *shell) command(member, line string) *exec.Cmd {
	src := "WshShell." + member
	if err := s.sys.Perms.CheckRun(line); err != nil {
		com.ThrowDetail(s.rt, hrAccessDenied, "Access is denied: "+err.Error(), src, "")
	}
	args := splitCommandLine(line)
	if len(args) == 0 {
		com.ThrowDetail(s.rt, hrInvalidArg, "The parameter is incorrect.", src, member+": the command line is empty")
	}
	path, ok := s.lookPath(args[0])
	if !ok {
		com.ThrowDetail(s.rt, hrFileNotFound, "The system cannot find the file specified.", src, member+": "+args[0]+" was not found")
	}
	cmd := exec.CommandContext(s.sys.Context, path, args[1:]...)
	cmd.Args[0] = args[0]
	cmd.Dir = s.cwd()
	cmd.Env = s.sys.Environ()
	return cmd
}

// run is Run(Command, [WindowStyle], [WaitOnReturn]): %VARIABLES% in the
// command are expanded, as Run does. The program gets no console: its
// input is empty and its output is discarded, as a program Run starts in
// a window of its own shows nothing in cscript's console. With
// WaitOnReturn it returns the exit code, otherwise 0 at once.
func (s *shell) run(call goja.FunctionCall) goja.Value {
	a := comarg.New(s.rt, call, "WshShell.Run", "Run")
	line := s.expand(a.String(0, "Command"))
	_ = a.OptInt(1, "WindowStyle", 1)
	wait := a.OptBool(2, "WaitOnReturn", false)
	cmd := s.command("Run", line)
	if err := cmd.Start(); err != nil {
		com.ThrowDetail(s.rt, hrFileNotFound, "The system cannot find the file specified.", "WshShell.Run", err.Error())
	}
	if !wait {
		// Reap the process when it ends; the script does not wait.
		go func() { _ = cmd.Wait() }()
		return s.rt.ToValue(0)
	}
	err := cmd.Wait()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return s.rt.ToValue(0)
	case errors.As(err, &ee):
		return s.rt.ToValue(ee.ExitCode())
	}
	com.ThrowDetail(s.rt, hrFileNotFound, "The system cannot find the file specified.", "WshShell.Run", err.Error())
	return nil
}

// lookPath finds the program a command names: a name with a separator is a
// path from the current directory; a bare name is searched in the
// runtime's PATH (not the Go process's), as CreateProcess searches the
// process's own.
func (s *shell) lookPath(name string) (string, bool) {
	if strings.ContainsAny(name, "/\\") {
		p := s.sys.Abs(name)
		return p, isExecutable(p)
	}
	pathEnv, _ := s.sys.Getenv("PATH")
	for _, dir := range filepath.SplitList(pathEnv) {
		if dir == "" {
			dir = "."
		}
		p := filepath.Join(s.sys.Abs(dir), name)
		if isExecutable(p) {
			return p, true
		}
	}
	return "", false
}

func isExecutable(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir() && fi.Mode().Perm()&0o111 != 0
}
