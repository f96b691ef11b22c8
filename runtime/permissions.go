package runtime

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/winhttpjs/winhttpjs/bindings/host"
)

// Sandbox returns the policy of `winhttpjs run --sandbox`: no file access
// or programs except the folders and the permission granted. The folders
// are made absolute (against the process's working directory) and must
// exist, so that a typo does not silently grant nothing.
func Sandbox(read, write []string, run bool) (host.Permissions, error) {
	p := host.Permissions{Run: run}
	abs := func(flag string, dirs []string) ([]string, error) {
		out := make([]string, 0, len(dirs))
		for _, d := range dirs {
			a, err := filepath.Abs(d)
			if err != nil {
				return nil, fmt.Errorf("%s=%s: %w", flag, d, err)
			}
			fi, err := os.Stat(a)
			if err != nil {
				return nil, fmt.Errorf("%s=%s: %w", flag, d, unwrapPathError(err))
			}
			if !fi.IsDir() {
				return nil, fmt.Errorf("%s=%s: not a folder", flag, d)
			}
			out = append(out, a)
		}
		return out, nil
	}
	var err error
	if p.Read, err = abs("--allow-read", read); err != nil {
		return host.Permissions{}, err
	}
	if p.Write, err = abs("--allow-write", write); err != nil {
		return host.Permissions{}, err
	}
	return p, nil
}
