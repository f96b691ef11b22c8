package winhttp

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
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

// Event chunks are read into arenas no larger than the body needs: a
// short answer costs its own length, not a full arena, and the read that
// finds the end of a body of known length needs no arena of its own.
func TestArenaReaderSizes(t *testing.T) {
	tests := []struct {
		name   string
		size   int
		length int64 // as declared; -1 unknown
		arenas []int
	}{
		{"empty", 0, 0, []int{1}},
		{"13 bytes", 13, 13, []int{14}},
		{"just under an arena", arenaSize - 1, arenaSize - 1, []int{arenaSize}},
		{"two arenas and the end", 2 * arenaSize, 2 * arenaSize, []int{arenaSize, arenaSize, 1}},
		{"unknown length, short", 13, -1, []int{firstArenaSize}},
		{"unknown length, doubling", 100 << 10, -1, []int{16 << 10, 32 << 10, 64 << 10, 128 << 10}},
		{"unknown length, capped", 3 * arenaSize, -1, []int{16 << 10, 32 << 10, 64 << 10, 128 << 10, 256 << 10, arenaSize, arenaSize, arenaSize}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := make([]byte, tt.size)
			for i := range body {
				body[i] = byte(i * 7)
			}
			ar := newArenaReader(tt.length)
			var got []byte
			var arenas []int
			var last []byte
			for reads := 0; ; reads++ {
				if reads > 100 {
					t.Fatal("no end after 100 reads")
				}
				c, err := ar.read(bytes.NewReader(body[len(got):]))
				if len(c.arena) > 0 && (last == nil || &c.arena[0] != &last[0]) {
					arenas = append(arenas, len(c.arena))
					last = c.arena
				}
				got = append(got, c.arena[c.off:c.off+c.n]...)
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			if !bytes.Equal(got, body) {
				t.Fatalf("read %d bytes, not the body's %d", len(got), len(body))
			}
			if !slices.Equal(arenas, tt.arenas) {
				t.Fatalf("arenas %v, want %v", arenas, tt.arenas)
			}
		})
	}
}
