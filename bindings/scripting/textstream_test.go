package scripting_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/winhttpjs/winhttpjs/bindings/host"
	"github.com/winhttpjs/winhttpjs/bindings/internal/comtest"
)

func newEnv(t *testing.T) (*comtest.Env, string) {
	dir := t.TempDir()
	e := comtest.New(t, comtest.Config{Perms: host.Permissions{Write: []string{dir}}, Dir: dir})
	e.Run(t, `var fso = new ActiveXObject("Scripting.FileSystemObject")`)
	return e, dir
}

// TestWrittenFiles checks the bytes TextStreams write: CRLF line ends,
// windows-1252 for ASCII files, UTF-16LE with a BOM for Unicode ones.
func TestWrittenFiles(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"create and write", `var f = fso.CreateTextFile("out.txt"); f.WriteLine("one"); f.Write("two"); f.WriteBlankLines(2); f.WriteLine(); f.Close()`,
			"one\r\ntwo\r\n\r\n\r\n"},
		{"ansi charset", `var f = fso.CreateTextFile("out.txt", true); f.Write("café € 日"); f.Close()`, "caf\xE9 \x80 ?"},
		{"unicode", `var f = fso.CreateTextFile("out.txt", true, true); f.WriteLine("hé"); f.Close()`, "\xFF\xFEh\x00\xE9\x00\r\x00\n\x00"},
		{"unicode beyond the BMP", `var f = fso.CreateTextFile("out.txt", true, true); f.Write("a\uD83D\uDE00"); f.Close()`, "\xFF\xFEa\x00\x3D\xD8\x00\xDE"},
		{"ansi, long ASCII then not", `var f = fso.CreateTextFile("out.txt", true); f.Write(new Array(5001).join("x")); f.Write("é"); f.Close()`, strings.Repeat("x", 5000) + "\xE9"},
		{"values as WSH prints them", `var f = fso.CreateTextFile("out.txt"); f.Write(true); f.Write(false); f.Write(1.5); f.Write(null); f.Close()`, "-10" + "1.5null"},
		{"open for writing truncates", `var f = fso.CreateTextFile("out.txt"); f.Write("long text"); f.Close(); f = fso.OpenTextFile("out.txt", 2); f.Write("x"); f.Close()`, "x"},
		{"append", `var f = fso.OpenTextFile("out.txt", 8, true); f.WriteLine("a"); f.Close(); f = fso.OpenTextFile("out.txt", 8); f.WriteLine("b"); f.Close()`, "a\r\nb\r\n"},
		{"append unicode", `var f = fso.OpenTextFile("out.txt", 8, true, -1); f.Write("a"); f.Close(); f = fso.OpenTextFile("out.txt", 8, false, -1); f.Write("b"); f.Close()`, "\xFF\xFEa\x00b\x00"},
		{"written without close", `var f = fso.CreateTextFile("out.txt"); f.Write("kept")`, "kept"},
		{"folder create text file", `fso.GetFolder(".").CreateTextFile("out.txt").Write("in folder")`, "in folder"},
		{"file open as stream", `fso.CreateTextFile("out.txt").Close(); var f = fso.GetFile("out.txt").OpenAsTextStream(8); f.Write("z"); f.Close()`, "z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, dir := newEnv(t)
			e.Run(t, tt.src)
			got, err := os.ReadFile(filepath.Join(dir, "out.txt"))
			if err != nil || string(got) != tt.want {
				t.Errorf("out.txt = %q (%v), want %q", got, err, tt.want)
			}
		})
	}
}

func TestReading(t *testing.T) {
	tests := []struct{ name, content, src, want string }{
		{"readline", "one\r\ntwo\nthree", `var f = fso.OpenTextFile("in.txt"); var a = []; while (!f.AtEndOfStream) a.push(f.ReadLine() + "@" + f.Line); a.join("|")`,
			"one@2|two@3|three@3"},
		{"readall", "a\r\nb", `fso.OpenTextFile("in.txt", 1).ReadAll()`, "a\r\nb"},
		{"read and column", "abcdef", `var f = fso.OpenTextFile("in.txt"); [f.Read(2), f.Column, f.Read(10), f.Column, f.AtEndOfStream].join()`, "ab,3,cdef,7,true"},
		{"skip", "abcdef", `var f = fso.OpenTextFile("in.txt"); f.Skip(4); f.ReadAll()`, "ef"},
		{"skipline", "head\r\nrow1\r\nrow2", `var f = fso.OpenTextFile("in.txt"); f.SkipLine(); f.ReadLine()`, "row1"},
		{"at end of line", "ab\r\nc", `var f = fso.OpenTextFile("in.txt"); var s = []; while (!f.AtEndOfLine) s.push(f.Read(1)); s.join("") + "|" + f.AtEndOfLine`, "ab|true"},
		{"ansi decoding", "caf\xE9 \x80", `fso.OpenTextFile("in.txt").ReadAll()`, "café €"},
		{"unicode decoding", "\xFF\xFEh\x00\xE9\x00", `fso.OpenTextFile("in.txt", 1, false, -1).ReadAll()`, "hé"},
		{"empty line", "\r\nx", `var f = fso.OpenTextFile("in.txt"); "[" + f.ReadLine() + "]" + f.ReadLine()`, "[]x"},
		{"file open as stream", "data", `fso.GetFile("in.txt").OpenAsTextStream().ReadAll()`, "data"},
		{"readall keeps line and column", "a\r\nb\xE9\nxyz", `var f = fso.OpenTextFile("in.txt"); f.Read(1); var s = f.ReadAll(); [s.length, f.Line, f.Column, f.AtEndOfStream].join()`, "8,3,4,true"},
		{"readall within a line", "abc", `var f = fso.OpenTextFile("in.txt"); f.Read(1); f.ReadAll(); [f.Line, f.Column].join()`, "1,4"},
		{"writer line and column", "", `var f = fso.CreateTextFile("out.txt"); f.Write("ab\ncd\u00e9"); var a = [f.Line, f.Column]; f.WriteLine("x"); a.concat([f.Line, f.Column]).join()`, "2,4,3,1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, dir := newEnv(t)
			if err := os.WriteFile(filepath.Join(dir, "in.txt"), []byte(tt.content), 0o666); err != nil {
				t.Fatal(err)
			}
			if got := e.String(t, tt.src); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTextStreamErrors(t *testing.T) {
	tests := []struct {
		name, src string
		hr        uint32
		desc      string
	}{
		{"readline past end", `var f = fso.OpenTextFile("in.txt"); f.ReadLine(); f.ReadLine()`, 0x800A003E, "Input past end of file"},
		{"readall of empty", `fso.OpenTextFile("empty.txt").ReadAll()`, 0x800A003E, "Input past end of file"},
		{"read past end", `var f = fso.OpenTextFile("empty.txt"); f.Read(1)`, 0x800A003E, "Input past end of file"},
		{"write to reader", `fso.OpenTextFile("in.txt").Write("x")`, 0x800A0036, "Bad file mode"},
		{"read from writer", `fso.CreateTextFile("new.txt").ReadLine()`, 0x800A0036, "Bad file mode"},
		{"read after close", `var f = fso.OpenTextFile("in.txt"); f.Close(); f.ReadLine()`, 0x800A0036, "Bad file mode"},
		{"open missing", `fso.OpenTextFile("missing.txt")`, 0x800A0035, "File not found"},
		{"append missing", `fso.OpenTextFile("missing.txt", 8)`, 0x800A0035, "File not found"},
		{"open in missing folder", `fso.OpenTextFile("nodir/x.txt", 2, true)`, 0x800A004C, "Path not found"},
		{"bad mode", `fso.OpenTextFile("in.txt", 3)`, 0x800A0005, "Invalid procedure call or argument"},
		{"bad format", `fso.OpenTextFile("in.txt", 1, false, 5)`, 0x800A0005, "Invalid procedure call or argument"},
		{"create existing no overwrite", `fso.CreateTextFile("in.txt", false)`, 0x800A003A, "File already exists"},
		{"create a folder's name", `fso.CreateFolder("d"); fso.CreateTextFile("d")`, 0x800A0046, "Permission denied"},
		{"negative read", `fso.OpenTextFile("in.txt").Read(-1)`, 0x800A0005, "Invalid procedure call or argument"},
		{"missing argument", `fso.OpenTextFile()`, 0x800A01C1, "Argument not optional"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, dir := newEnv(t)
			for name, content := range map[string]string{"in.txt": "line", "empty.txt": ""} {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o666); err != nil {
					t.Fatal(err)
				}
			}
			hr, desc := e.Caught(t, tt.src)
			if hr != tt.hr || desc != tt.desc {
				t.Errorf("got %#x %q, want %#x %q", hr, desc, tt.hr, tt.desc)
			}
		})
	}
}
