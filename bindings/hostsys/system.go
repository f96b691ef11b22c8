// Package hostsys is the per-runtime machine state the companion classes
// share: the file and process policy, the current directory that relative
// paths start from, the process environment block, and where Popup and
// LogEvent write. One System belongs to one runtime and is used only on
// that runtime's goroutine.
package hostsys

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/winhttpjs/winhttpjs/bindings/host"
)

// Config is what a host gives New.
type Config struct {
	// Perms is the file and process policy; the zero value denies all.
	Perms host.Permissions
	// Dir is the initial current directory; empty means the process's.
	Dir string
	// Env is the runtime's environment (shared, not copied: writes through
	// WScript.Shell's PROCESS environment change it). Nil makes an empty one.
	Env map[string]string
	// Stderr receives Popup and LogEvent text; nil discards it.
	Stderr io.Writer
	// Context bounds programs started by Run and Exec: ending the run
	// kills them.
	Context context.Context
	// Loop, when set, delivers the results of asynchronous work (MSXML's
	// async send) on the script goroutine.
	Loop host.Loop
}

// System is one runtime's machine state. Its exported fields are those of
// Config after New has filled in the defaults.
type System struct {
	Perms   host.Permissions
	Env     map[string]string
	Stderr  io.Writer
	Context context.Context
	Loop    host.Loop
	dir     string // the current directory, absolute
}

// New returns the System described by cfg.
func New(cfg Config) *System {
	s := &System{Perms: cfg.Perms, Env: cfg.Env, Stderr: cfg.Stderr, Context: cfg.Context, Loop: cfg.Loop, dir: cfg.Dir}
	if s.Env == nil {
		s.Env = map[string]string{}
	}
	if s.Stderr == nil {
		s.Stderr = io.Discard
	}
	if s.Context == nil {
		s.Context = context.Background()
	}
	if s.dir == "" {
		if wd, err := os.Getwd(); err == nil {
			s.dir = wd
		} else {
			s.dir = string(filepath.Separator)
		}
	}
	return s
}

// Dir is the current directory (WScript.Shell.CurrentDirectory).
func (s *System) Dir() string { return s.dir }

// Chdir changes the current directory of this runtime only; the process's
// stays as it is, since other runtimes may share the process.
func (s *System) Chdir(dir string) error {
	abs := s.Abs(dir)
	if err := s.Perms.CheckRead(abs); err != nil {
		return err
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return &os.PathError{Op: "chdir", Path: abs, Err: os.ErrInvalid}
	}
	s.dir = abs
	return nil
}

// Abs makes path absolute against the current directory. Backslashes are
// taken as separators, since scripts written for Windows use them.
func (s *System) Abs(path string) string {
	path = Native(path)
	if filepath.IsAbs(path) {
		return filepath.Clean(path)
	}
	return filepath.Join(s.dir, path)
}

// Native turns a Windows-style path into this system's form: backslashes
// become slashes where the separator is a slash.
func Native(path string) string {
	if filepath.Separator == '/' {
		return strings.ReplaceAll(path, "\\", "/")
	}
	return path
}

// Getenv looks a variable up; names are matched without regard to case,
// as on Windows, an exact match first.
func (s *System) Getenv(name string) (string, bool) {
	if v, ok := s.Env[name]; ok {
		return v, true
	}
	for k, v := range s.Env {
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return "", false
}

// Setenv sets a variable, replacing one whose name differs only in case.
func (s *System) Setenv(name, value string) {
	if k, ok := s.key(name); ok {
		delete(s.Env, k)
	}
	s.Env[name] = value
}

// Unsetenv removes a variable.
func (s *System) Unsetenv(name string) {
	if k, ok := s.key(name); ok {
		delete(s.Env, k)
	}
}

func (s *System) key(name string) (string, bool) {
	if _, ok := s.Env[name]; ok {
		return name, true
	}
	for k := range s.Env {
		if strings.EqualFold(k, name) {
			return k, true
		}
	}
	return "", false
}

// Environ returns the environment as sorted "KEY=value" strings, the form
// programs are started with.
func (s *System) Environ() []string {
	out := make([]string, 0, len(s.Env))
	for k, v := range s.Env {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}

// ReadPath resolves path and checks that it may be read.
func (s *System) ReadPath(path string) (string, error) {
	abs := s.Abs(path)
	return abs, s.Perms.CheckRead(abs)
}

// WritePath resolves path and checks that it may be written.
func (s *System) WritePath(path string) (string, error) {
	abs := s.Abs(path)
	return abs, s.Perms.CheckWrite(abs)
}
