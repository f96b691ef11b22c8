// Package testbin builds the project's programs for tests that run them
// the way users do, as separate processes.
package testbin

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Build compiles the main package in pkgDir (relative to the test's
// package directory, e.g. "../cmd/winhttpjs") into outDir with the given
// extra `go build` flags and returns the executable's path.
func Build(outDir, pkgDir string, flags ...string) (string, error) {
	abs, err := filepath.Abs(pkgDir)
	if err != nil {
		return "", err
	}
	// Named after its folder, as `go build` names it.
	bin := filepath.Join(outDir, filepath.Base(abs))
	args := append([]string{"build"}, flags...)
	args = append(args, "-o", bin, pkgDir)
	if out, err := exec.Command("go", args...).CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build %s: %v\n%s", pkgDir, err, out)
	}
	return bin, nil
}

// Main builds pkgDir into a temporary folder, stores the executable's
// path in *bin, runs the package's tests and exits with their status,
// removing the folder. Call it from TestMain.
func Main(m *testing.M, bin *string, pkgDir string, flags ...string) {
	dir, err := os.MkdirTemp("", "winhttpjs-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	*bin, err = Build(dir, pkgDir, flags...)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
