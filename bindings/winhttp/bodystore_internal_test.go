package winhttp

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// A spilled body whose file stops taking writes (a full disk) goes back to
// memory whole: what the file holds, then the chunk that failed, and the
// file is released.
func TestBodyStoreWriteFailure(t *testing.T) {
	tests := []struct {
		name   string
		before string // already in the file
		chunk  string // the write that fails
	}{
		{"after a few chunks", "hello, ", "world"},
		{"first chunk", "", "world"},
		{"empty chunk", "hello", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := filepath.Join(t.TempDir(), "body")
			if err := os.WriteFile(name, []byte(tt.before), 0o600); err != nil {
				t.Fatal(err)
			}
			// Read-only: every write fails, as on a full disk, while
			// reading back works.
			f, err := os.Open(name)
			if err != nil {
				t.Fatal(err)
			}
			sf := &spillFile{f: f, refs: 1, size: int64(len(tt.before))}
			tr := &transfer{ctx: context.Background()}
			if !tr.adopt(sf) {
				t.Fatal("adopt refused the file")
			}
			s := &bodyStore{t: tr, set: spillSettings{at: 1}, file: sf}
			if err := s.add([]byte(tt.chunk)); err != nil {
				t.Fatalf("add: %v", err)
			}
			if tt.chunk == "" {
				// Nothing to write, nothing failed: still in the file.
				if s.file == nil {
					t.Error("an empty write left the file")
				}
				return
			}
			if got, want := string(s.mem), tt.before+tt.chunk; got != want || s.file != nil {
				t.Errorf("memory %q (file %v), want %q", got, s.file != nil, want)
			}
			if tr.flow.file != nil || sf.f != nil {
				t.Error("the failed file is still held")
			}
			// Later chunks stay in memory.
			if err := s.add([]byte("!")); err != nil || string(s.mem) != tt.before+tt.chunk+"!" || s.file != nil {
				t.Errorf("after the fallback: %q, %v", s.mem, err)
			}
		})
	}
}

// Without spill settings in the context, the package's threshold applies
// to the OS's temporary directory.
func TestSpillSettingsDefault(t *testing.T) {
	if got := spillSettingsOf(context.Background()); got != (spillSettings{at: spillAt}) {
		t.Errorf("default %+v", got)
	}
	want := spillSettings{at: 5, dir: "x"}
	if got := spillSettingsOf(withSpill(context.Background(), want)); got != want {
		t.Errorf("from the context %+v, want %+v", got, want)
	}
}
