package adodb_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/winhttpjs/winhttpjs/bindings/host"
	"github.com/winhttpjs/winhttpjs/bindings/internal/comtest"
)

func newEnv(t *testing.T) (*comtest.Env, string) {
	dir := t.TempDir()
	return comtest.New(t, comtest.Config{Perms: host.Permissions{Write: []string{dir}}, Dir: dir}), dir
}

// TestWriteTextCharsets saves text in each charset and compares the file
// byte for byte: ADO writes a BOM for utf-8 and Unicode, and '?' for what
// a charset lacks.
func TestWriteTextCharsets(t *testing.T) {
	tests := []struct {
		charset, text string
		want          string
	}{
		{"utf-8", "héllo €", "\xEF\xBB\xBFh\xC3\xA9llo \xE2\x82\xAC"},
		{"UTF-8", "a", "\xEF\xBB\xBFa"},
		{"Unicode", "hé", "\xFF\xFEh\x00\xE9\x00"},
		{"utf-16", "A😀", "\xFF\xFEA\x00\x3D\xD8\x00\xDE"},
		{"unicodeFFFE", "A", "\xFE\xFF\x00A"},
		{"iso-8859-1", "café €", "caf\xE9 ?"},
		{"windows-1252", "café €", "caf\xE9 \x80"},
		{"us-ascii", "naïve", "na?ve"},
		{"shift_jis", "日本", "\x93\xFA\x96\x7B"},
		{"koi8-r", "Да", "\xE4\xC1"},
	}
	for _, tt := range tests {
		t.Run(tt.charset, func(t *testing.T) {
			e, dir := newEnv(t)
			e.Run(t, `var s = new ActiveXObject("ADODB.Stream"); s.Type = 2; s.Charset = "`+tt.charset+`"; s.Open();
				s.WriteText(`+quote(tt.text)+`); s.SaveToFile("out.bin", 2);`)
			got, err := os.ReadFile(filepath.Join(dir, "out.bin"))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("file = %q, want %q", got, tt.want)
			}
			// Reading back from the start skips the BOM and gives the text
			// (or its '?' substitutes).
			back := e.String(t, `s.Position = 0; s.ReadText()`)
			want := tt.text
			switch tt.charset {
			case "iso-8859-1":
				want = "café ?"
			case "us-ascii":
				want = "na?ve"
			}
			if back != want {
				t.Errorf("ReadText = %q, want %q", back, want)
			}
		})
	}
}

func quote(s string) string {
	return "\"" + strings.NewReplacer("\\", "\\\\", "\"", "\\\"").Replace(s) + "\""
}

func TestStreamMembers(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"defaults", `var s = new ActiveXObject("ADODB.Stream"); [s.Type, s.Charset, s.State, s.Mode, s.LineSeparator].join()`, "2,Unicode,0,0,-1"},
		{"open state", `var s = new ActiveXObject("adodb.stream"); s.open(); [s.state, s.size, s.position, s.eos].join()`, "1,0,0,true"},
		{"write line CRLF", `var s = new ActiveXObject("ADODB.Stream"); s.Charset = "us-ascii"; s.Open(); s.WriteText("a", 1); s.WriteText("b"); [s.Size, s.Position, s.EOS].join()`, "4,4,true"},
		{"read lines CRLF", `var s = new ActiveXObject("ADODB.Stream"); s.Charset = "utf-8"; s.Open(); s.WriteText("one\r\ntwo\r\nthree"); s.Position = 0;
			[s.ReadText(-2), s.ReadText(-2), s.ReadText(-2), s.EOS].join("|")`, "one|two|three|true"},
		{"read lines LF", `var s = new ActiveXObject("ADODB.Stream"); s.Charset = "utf-8"; s.LineSeparator = 10; s.Open(); s.WriteText("a\nb\n"); s.Position = 0;
			[s.ReadText(-2), s.ReadText(-2), s.EOS].join("|")`, "a|b|true"},
		{"read lines CR", `var s = new ActiveXObject("ADODB.Stream"); s.Charset = "utf-8"; s.LineSeparator = 13; s.Open(); s.WriteText("a\rb"); s.Position = 0;
			[s.ReadText(-2), s.ReadText(-2)].join("|")`, "a|b"},
		{"skip line", `var s = new ActiveXObject("ADODB.Stream"); s.Charset = "utf-8"; s.Open(); s.WriteText("head\r\nbody"); s.Position = 0; s.SkipLine(); s.ReadText()`, "body"},
		{"read n chars", `var s = new ActiveXObject("ADODB.Stream"); s.Charset = "utf-8"; s.Open(); s.WriteText("héllo"); s.Position = 0;
			[s.ReadText(2), s.Position, s.ReadText(10), s.EOS].join("|")`, "hé|6|llo|true"},
		{"binary read write", `var s = new ActiveXObject("ADODB.Stream"); s.Type = 1; s.Open(); s.Write(new Uint8Array([1,2,3,4,5])); s.Position = 1;
			var a = s.Read(2); [a.length, a[0], a[1], s.Position, s.Size].join()`, "2,2,3,3,5"},
		{"read all and null at end", `var s = new ActiveXObject("ADODB.Stream"); s.Type = 1; s.Open(); s.Write(new Uint8Array([9,8])); s.Position = 0;
			var a = s.Read(); [a.length, s.Read() === null, s.Read(5) === null].join()`, "2,true,true"},
		{"overwrite in place", `var s = new ActiveXObject("ADODB.Stream"); s.Type = 1; s.Open(); s.Write(new Uint8Array([1,2,3])); s.Position = 1;
			s.Write(new Uint8Array([7])); s.Position = 0; Array.prototype.join.call(s.Read())`, "1,7,3"},
		{"set eos", `var s = new ActiveXObject("ADODB.Stream"); s.Type = 1; s.Open(); s.Write(new Uint8Array([1,2,3,4])); s.Position = 2; s.SetEOS(); [s.Size, s.EOS].join()`, "2,true"},
		{"write past a cut end", `var s = new ActiveXObject("ADODB.Stream"); s.Type = 1; s.Open(); s.Write(new Uint8Array([1,2,3,4,5,6,7,8])); s.Position = 2; s.SetEOS();
			s.Write(new Uint8Array([9])); s.Position = 0; Array.prototype.join.call(s.Read()) + "|" + s.Size`, "1,2,9|3"},
		{"write copies the script's bytes", `var s = new ActiveXObject("ADODB.Stream"); s.Type = 1; s.Open(); var u = new Uint8Array([1,2]); s.Write(u); u[0] = 9;
			s.Position = 0; Array.prototype.join.call(s.Read())`, "1,2"},
		{"many small writes", `var s = new ActiveXObject("ADODB.Stream"); s.Type = 1; s.Open();
			for (var i = 0; i < 5000; i++) s.Write(new Uint8Array([i & 255, i >> 8]));
			s.Position = 0; var a = s.Read(), ok = true;
			for (var i = 0; i < 5000; i++) ok = ok && a[2*i] === (i & 255) && a[2*i+1] === (i >> 8);
			[s.Size, a.length, ok].join()`, "10000,10000,true"},
		{"write a stream into itself", `var s = new ActiveXObject("ADODB.Stream"); s.Type = 1; s.Open(); s.Write(new Uint8Array([1,2,3,4])); s.Position = 1; s.Write(s);
			s.Position = 0; Array.prototype.join.call(s.Read()) + "|" + s.Size`, "1,2,3,4|4"},
		{"binary to text", `var s = new ActiveXObject("ADODB.Stream"); s.Type = 1; s.Open(); s.Write(new Uint8Array([0xEF,0xBB,0xBF,0x68,0xC3,0xA9])); s.Position = 0;
			s.Type = 2; s.Charset = "utf-8"; s.ReadText()`, "hé"},
		{"text to binary", `var s = new ActiveXObject("ADODB.Stream"); s.Charset = "utf-8"; s.Open(); s.WriteText("A"); s.Position = 0; s.Type = 1;
			Array.prototype.join.call(s.Read())`, "239,187,191,65"},
		{"copy bytes", `var a = new ActiveXObject("ADODB.Stream"), b = new ActiveXObject("ADODB.Stream"); a.Type = 1; b.Type = 1; a.Open(); b.Open();
			a.Write(new Uint8Array([1,2,3,4])); a.Position = 1; a.CopyTo(b, 2); b.Position = 0; Array.prototype.join.call(b.Read()) + "|" + a.Position`, "2,3|3"},
		{"copy text converts", `var a = new ActiveXObject("ADODB.Stream"), b = new ActiveXObject("ADODB.Stream"); a.Charset = "Unicode"; b.Charset = "windows-1252";
			a.Open(); b.Open(); a.WriteText("é!"); a.Position = 0; a.CopyTo(b); b.Position = 0; b.Type = 1; Array.prototype.join.call(b.Read())`, "233,33"},
		{"vbarray of read", `var s = new ActiveXObject("ADODB.Stream"); s.Type = 1; s.Open(); s.Write(new Uint8Array([5,6])); s.Position = 0; new VBArray(s.Read()).toArray().join()`, "5,6"},
		{"close resets", `var s = new ActiveXObject("ADODB.Stream"); s.Open(); s.WriteText("x"); s.Close(); s.Open(); s.Size`, "0"},
		{"flush", `var s = new ActiveXObject("ADODB.Stream"); s.Open(); s.Flush(); "ok"`, "ok"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _ := newEnv(t)
			if got := e.String(t, tt.src); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestStreamErrors(t *testing.T) {
	tests := []struct {
		name, src string
		hr        uint32
		desc      string
	}{
		{"closed read", `s.Read()`, 0x800A0E78, "Operation is not allowed when the object is closed."},
		{"closed size", `s.Size`, 0x800A0E78, "Operation is not allowed when the object is closed."},
		{"closed close", `s.Close()`, 0x800A0E78, "Operation is not allowed when the object is closed."},
		{"open twice", `s.Open(); s.Open()`, 0x800A0E79, "Operation is not allowed when the object is open."},
		{"mode while open", `s.Open(); s.Mode = 3`, 0x800A0E79, "Operation is not allowed when the object is open."},
		{"write on text", `s.Open(); s.Write(new Uint8Array([1]))`, 0x800A0C93, "Operation is not allowed in this context."},
		{"writetext on binary", `s.Type = 1; s.Open(); s.WriteText("x")`, 0x800A0C93, "Operation is not allowed in this context."},
		{"readtext on binary", `s.Type = 1; s.Open(); s.ReadText()`, 0x800A0C93, "Operation is not allowed in this context."},
		{"type at position", `s.Open(); s.WriteText("x"); s.Type = 1`, 0x800A0C93, "Operation is not allowed in this context."},
		{"charset at position", `s.Open(); s.WriteText("x"); s.Charset = "utf-8"`, 0x800A0C93, "Operation is not allowed in this context."},
		{"unknown charset", `s.Charset = "klingon"`, 0x800A0BB9, "Arguments are of the wrong type, are out of acceptable range, or are in conflict with one another."},
		{"bad type", `s.Type = 3`, 0x800A0BB9, "Arguments are of the wrong type, are out of acceptable range, or are in conflict with one another."},
		{"bad line separator", `s.LineSeparator = 11`, 0x800A0BB9, "Arguments are of the wrong type, are out of acceptable range, or are in conflict with one another."},
		{"position past end", `s.Open(); s.Position = 1`, 0x800A0BB9, "Arguments are of the wrong type, are out of acceptable range, or are in conflict with one another."},
		{"write a string", `s.Type = 1; s.Open(); s.Write("text")`, 0x800A0BB9, "Arguments are of the wrong type, are out of acceptable range, or are in conflict with one another."},
		{"write nothing", `s.Type = 1; s.Open(); s.Write()`, 0x800A01C1, "Argument not optional"},
		{"bad save option", `s.Open(); s.SaveToFile("x", 3)`, 0x800A0BB9, "Arguments are of the wrong type, are out of acceptable range, or are in conflict with one another."},
		{"save exists", `s.Open(); s.SaveToFile("exists.txt")`, 0x800A0BBC, "Write to file failed."},
		{"save exists option 1", `s.Open(); s.SaveToFile("exists.txt", 1)`, 0x800A0BBC, "Write to file failed."},
		{"save into missing folder", `s.Open(); s.SaveToFile("no/such/dir/x.bin", 2)`, 0x800A0BBC, "Write to file failed."},
		{"load missing", `s.Open(); s.LoadFromFile("missing.bin")`, 0x800A0BBA, "File could not be opened."},
		{"load a folder", `fso = new ActiveXObject("Scripting.FileSystemObject"); fso.CreateFolder("sub"); s.Open(); s.LoadFromFile("sub")`, 0x800A0BBB, "File could not be read."},
		{"open a url", `s.Open("URL=http://example.com/")`, 0x800A0CB3, "Current provider does not support the necessary interface for this operation."},
		{"copy to non-stream", `s.Open(); s.CopyTo({})`, 0x800A0BB9, "Arguments are of the wrong type, are out of acceptable range, or are in conflict with one another."},
		{"unknown member", `s.Nope`, 0x800A01B6, "Object doesn't support this property or method"},
		{"read-only size", `s.Open(); s.Size = 3`, 0x800A01C2, "Wrong number of arguments or invalid property assignment"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, dir := newEnv(t)
			if err := os.WriteFile(filepath.Join(dir, "exists.txt"), []byte("keep"), 0o666); err != nil {
				t.Fatal(err)
			}
			e.Run(t, `var s = new ActiveXObject("ADODB.Stream")`)
			hr, desc := e.Caught(t, tt.src)
			if hr != tt.hr || desc != tt.desc {
				t.Errorf("got %#x %q, want %#x %q", hr, desc, tt.hr, tt.desc)
			}
			if b, _ := os.ReadFile(filepath.Join(dir, "exists.txt")); string(b) != "keep" {
				t.Errorf("exists.txt changed to %q", b)
			}
		})
	}
}

func TestSaveAndLoad(t *testing.T) {
	e, dir := newEnv(t)
	e.Run(t, `var s = new ActiveXObject("ADODB.Stream"); s.Type = 1; s.Open(); s.Write(new Uint8Array([0, 255, 10, 13])); s.SaveToFile("a.bin");
		s.Position = 0; s.Write(new Uint8Array([1])); s.SaveToFile("a.bin", 2); s.Close();`)
	got, err := os.ReadFile(filepath.Join(dir, "a.bin"))
	if err != nil || string(got) != "\x01\xFF\n\r" {
		t.Fatalf("a.bin = %q, %v", got, err)
	}
	if err := os.WriteFile(filepath.Join(dir, "in.txt"), []byte("\xFF\xFEh\x00i\x00"), 0o666); err != nil {
		t.Fatal(err)
	}
	if got := e.String(t, `var r = new ActiveXObject("ADODB.Stream"); r.Open(); r.LoadFromFile("in.txt"); [r.Position, r.Size, r.ReadText()].join("|")`); got != "0|6|hi" {
		t.Errorf("LoadFromFile: %q", got)
	}
	// A file past hugebuf's threshold, loaded and read back whole.
	big := make([]byte, 5<<20+3)
	for i := range big {
		big[i] = byte(i * 7)
	}
	if err := os.WriteFile(filepath.Join(dir, "big.bin"), big, 0o666); err != nil {
		t.Fatal(err)
	}
	e.Run(t, `var b = new ActiveXObject("ADODB.Stream"); b.Type = 1; b.Open(); b.LoadFromFile("big.bin"); var all = b.Read();`)
	var back []byte
	if err := e.RT.ExportTo(e.RT.Get("all"), &back); err != nil || !bytes.Equal(back, big) {
		t.Errorf("LoadFromFile + Read of %d bytes gave %d (%v)", len(big), len(back), err)
	}
}

// TestPermissions checks that every denial names the path and the flag,
// keeping ADO's number.
func TestPermissions(t *testing.T) {
	dir := t.TempDir()
	ro := t.TempDir()
	if err := os.WriteFile(filepath.Join(ro, "in.bin"), []byte("data"), 0o666); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		perms host.Permissions
		src   string
		hr    uint32
		desc  string
	}{
		{"save without write", host.Permissions{Read: []string{dir}}, `s.SaveToFile("out.bin")`, 0x800A0BBC,
			"Write to file failed. Permission denied: write access to " + filepath.Join(dir, "out.bin") + " is not allowed (grant a folder containing it with --allow-write=DIR)"},
		{"load without read", host.Permissions{}, `s.LoadFromFile("` + filepath.Join(ro, "in.bin") + `")`, 0x800A0BBA,
			"File could not be opened. Permission denied: read access to " + filepath.Join(ro, "in.bin") + " is not allowed (grant a folder containing it with --allow-read=DIR)"},
		{"save outside the root", host.Permissions{Write: []string{dir}}, `s.SaveToFile("../escape.bin")`, 0x800A0BBC,
			"Write to file failed. Permission denied: write access to " + filepath.Join(filepath.Dir(dir), "escape.bin") + " is not allowed (grant a folder containing it with --allow-write=DIR)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := comtest.New(t, comtest.Config{Perms: tt.perms, Dir: dir})
			e.Run(t, `var s = new ActiveXObject("ADODB.Stream"); s.Open();`)
			hr, desc := e.Caught(t, tt.src)
			if hr != tt.hr || desc != tt.desc {
				t.Errorf("got %#x %q\nwant %#x %q", hr, desc, tt.hr, tt.desc)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "escape.bin")); err == nil {
		t.Errorf("a denied write created the file")
	}
	e := comtest.New(t, comtest.Config{Perms: host.Permissions{Read: []string{ro}}, Dir: dir})
	if got := e.String(t, `var s = new ActiveXObject("ADODB.Stream"); s.Type = 1; s.Open(); s.LoadFromFile("`+filepath.Join(ro, "in.bin")+`"); s.Size`); got != "4" {
		t.Errorf("granted read: Size = %s", got)
	}
}
