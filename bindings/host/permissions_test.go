package host_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/winhttpjs/winhttpjs/bindings/host"
)

func TestPermissions(t *testing.T) {
	base := t.TempDir()
	in, out, w := filepath.Join(base, "in"), filepath.Join(base, "out"), filepath.Join(base, "w")
	for _, d := range []string{in, out, w} {
		if err := os.Mkdir(d, 0o777); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(out, filepath.Join(in, "link")); err != nil {
		t.Fatal(err)
	}
	p := host.Permissions{Read: []string{in}, Write: []string{w}}
	tests := []struct {
		name  string
		check func(string) error
		path  string
		err   string
	}{
		{"read in root", p.CheckRead, filepath.Join(in, "a.txt"), ""},
		{"read the root itself", p.CheckRead, in, ""},
		{"read nested new", p.CheckRead, filepath.Join(in, "x", "y", "z.txt"), ""},
		{"read write root", p.CheckRead, filepath.Join(w, "a"), ""},
		{"read outside", p.CheckRead, filepath.Join(out, "a"), "read access to " + filepath.Join(out, "a") + " is not allowed (grant a folder containing it with --allow-read=DIR)"},
		{"read sibling prefix", p.CheckRead, in + "2/a", "read access to " + in + "2/a is not allowed (grant a folder containing it with --allow-read=DIR)"},
		{"read through link", p.CheckRead, filepath.Join(in, "link", "a"), "read access to " + filepath.Join(in, "link", "a") + " is not allowed (grant a folder containing it with --allow-read=DIR)"},
		{"read dot-dot", p.CheckRead, in + "/../out/a", "read access to " + in + "/../out/a is not allowed (grant a folder containing it with --allow-read=DIR)"},
		{"write in root", p.CheckWrite, filepath.Join(w, "new.txt"), ""},
		{"write read root", p.CheckWrite, filepath.Join(in, "a"), "write access to " + filepath.Join(in, "a") + " is not allowed (grant a folder containing it with --allow-write=DIR)"},
		{"run", p.CheckRun, "ls -l", "running ls -l is not allowed (grant it with --allow-run)"},
		{"zero value read", host.Permissions{}.CheckRead, "/tmp", "read access to /tmp is not allowed (grant a folder containing it with --allow-read=DIR)"},
		{"unrestricted read", host.Unrestricted().CheckRead, "/etc/passwd", ""},
		{"unrestricted write", host.Unrestricted().CheckWrite, "/x", ""},
		{"unrestricted run", host.Unrestricted().CheckRun, "rm", ""},
		{"run granted", host.Permissions{Run: true}.CheckRun, "ls", ""},
	}
	for _, tt := range tests {
		err := tt.check(tt.path)
		got := ""
		if err != nil {
			got = err.Error()
			if !errors.Is(err, host.ErrDenied) {
				t.Errorf("%s: %v is not ErrDenied", tt.name, err)
			}
		}
		if got != tt.err {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.err)
		}
	}
}
