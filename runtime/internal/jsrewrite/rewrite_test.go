package jsrewrite

import (
	"strings"
	"testing"
)

func TestRewrite(t *testing.T) {
	const m = Marker
	tests := []struct {
		name, in, want string
	}{
		{"option put", `req.Option(4) = 13056;`, `req.Option(4, ` + m + `).value = 13056;`},
		{"no args", `o.Prop() = 1`, `o.Prop(` + m + `).value = 1`},
		{"two args", `o.P(1, 2) = "x"`, `o.P(1, 2, ` + m + `).value = "x"`},
		{"trailing comma", `o.P(1,) = 2`, `o.P(1,` + m + `).value = 2`},
		{"nested parens in args", `o.Option(f(1, (2)), g()) = h(3)`, `o.Option(f(1, (2)), g(), ` + m + `).value = h(3)`},
		{"no spaces", `o.Option(6)=false`, `o.Option(6, ` + m + `).value=false`},
		{"two on a line", `a.X(1) = 1; b.Y(2) = 2;`, `a.X(1, ` + m + `).value = 1; b.Y(2, ` + m + `).value = 2;`},
		{"call result callee", `f()(1) = 2`, `f()(1, ` + m + `).value = 2`},
		{"element callee", `o["Option"](4) = 1`, `o["Option"](4, ` + m + `).value = 1`},
		{"keyword as property", `o.if(1) = 2`, `o.if(1, ` + m + `).value = 2`},
		{"comment between", `o.P(1) /* c */ = 2`, `o.P(1, ` + m + `).value /* c */ = 2`},
		{"equality untouched", `if (o.P(1) == 2 || o.P(1) === 3 || o.P(1) != 4) x = 1`, `if (o.P(1) == 2 || o.P(1) === 3 || o.P(1) != 4) x = 1`},
		{"relational untouched", `a = o.P(1) <= 2; b = o.P(1) >= 3`, `a = o.P(1) <= 2; b = o.P(1) >= 3`},
		{"arrow untouched", `var f = (a) => a; var g = (a, b) => (b)`, `var f = (a) => a; var g = (a, b) => (b)`},
		{"compound untouched", `o.P(1) += 2`, `o.P(1) += 2`},
		{"plain call untouched", `o.P(1); x = o.P(2);`, `o.P(1); x = o.P(2);`},
		{"parenthesized target untouched", `(x) = 1; if (a) b = 2`, `(x) = 1; if (a) b = 2`},
		{"default param untouched", `function f(a = g(1)) {}`, `function f(a = g(1)) {}`},
		{"string untouched", `s = "o.P(1) = 2"; t = 'o.P(1) = 2'`, `s = "o.P(1) = 2"; t = 'o.P(1) = 2'`},
		{"escaped quote", `s = "a\" o.P(1) = 2"; o.Q(1) = 3`, `s = "a\" o.P(1) = 2"; o.Q(1, ` + m + `).value = 3`},
		{"line comment untouched", "// o.P(1) = 2\no.Q(1) = 3", "// o.P(1) = 2\no.Q(1, " + m + ").value = 3"},
		{"block comment untouched", "/* o.P(1) = 2 */ o.Q(1) = 3", "/* o.P(1) = 2 */ o.Q(1, " + m + ").value = 3"},
		{"regex untouched", `r = /o.P(1) = 2/g; o.Q(1) = 3`, `r = /o.P(1) = 2/g; o.Q(1, ` + m + `).value = 3`},
		{"regex with class", `r = /[/]o.P(1) = 2/; o.Q(1) = 3`, `r = /[/]o.P(1) = 2/; o.Q(1, ` + m + `).value = 3`},
		{"division is not regex", `x = a / b; o.P(1) = c / d`, `x = a / b; o.P(1, ` + m + `).value = c / d`},
		{"division after paren", `x = (a) / 2 / (b); o.P(1) = 3`, `x = (a) / 2 / (b); o.P(1, ` + m + `).value = 3`},
		{"regex after return", "function f(){ return /a(1) = 2/ }\no.P(1) = 3", "function f(){ return /a(1) = 2/ }\no.P(1, " + m + ").value = 3"},
		{"template untouched", "s = `o.P(1) = 2`; o.Q(1) = 3", "s = `o.P(1) = 2`; o.Q(1, " + m + ").value = 3"},
		{"template substitution", "s = `a ${ {x: o.P(1)}.x } o.P(1) = 2 ${`in${1}`}`; o.Q(1) = 3", "s = `a ${ {x: o.P(1)}.x } o.P(1) = 2 ${`in${1}`}`; o.Q(1, " + m + ").value = 3"},
		{"put inside substitution", "s = `${o.P(1) = 2}`", "s = `${o.P(1, " + m + ").value = 2}`"},
		{"multi-line args", "o.P(1,\n  2\n) = 3", "o.P(1,\n  2\n, " + m + ").value = 3"},
		{"keyword before the paren untouched", `while (x) = 1; typeof(y) = 2`, `while (x) = 1; typeof(y) = 2`},
		{"unterminated string", `o.P(1) = "abc`, `o.P(1, ` + m + `).value = "abc`},
		{"unbalanced parens", `o.P(1)) = 2; (`, `o.P(1)) = 2; (`},
		{"unicode before", `s = "é"; o.P(1) = 2`, `s = "é"; o.P(1, ` + m + `).value = 2`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Rewrite(tt.in)
			if got.Source != tt.want {
				t.Errorf("Rewrite(%q)\n got %q\nwant %q", tt.in, got.Source, tt.want)
			}
			if wantCount := strings.Count(tt.want, m); got.Count != wantCount {
				t.Errorf("Count = %d, want %d", got.Count, wantCount)
			}
		})
	}
}

func TestPosMapOriginal(t *testing.T) {
	src := "a.X(1) = f(); b.Y() = g();"
	r := Rewrite(src)
	// Every character of the original must map back to itself.
	for orig := 0; orig < len(src); orig++ {
		c := src[orig]
		// Find the same character in the rewritten source by walking both
		// strings with the map.
		found := false
		for gen := 0; gen < len(r.Source); gen++ {
			if r.Map.Original(gen) == orig && r.Source[gen] == c {
				found = true
				break
			}
		}
		if !found {
			t.Fatalf("original offset %d (%q) has no rewritten position", orig, c)
		}
	}
	tests := []struct {
		find string // a substring of the rewritten source (last occurrence)
		want int    // its original offset
	}{
		{"f()", strings.Index(src, "f()")},
		{"g()", strings.Index(src, "g()")},
		{"b.Y", strings.Index(src, "b.Y")},
		{", " + Marker, strings.Index(src, ") = f")},
		{Marker + ")", strings.Index(src, ") = g")},
		{".value = g", strings.Index(src, ") = g") + 1},
	}
	for _, tt := range tests {
		gen := strings.LastIndex(r.Source, tt.find)
		if gen < 0 {
			t.Fatalf("%q not in %q", tt.find, r.Source)
		}
		if got := r.Map.Original(gen); got != tt.want {
			t.Errorf("Original(offset of %q) = %d, want %d", tt.find, got, tt.want)
		}
	}
	if !Rewrite("x = 1").Map.Identity() {
		t.Error("map of an unchanged source is not the identity")
	}
}

// FuzzRewrite checks that any input is tokenized without a panic and that
// the rewrite only inserts: deleting the inserted text gives the input back.
func FuzzRewrite(f *testing.F) {
	for _, seed := range []string{"o.P(1) = 2", "`${`", "/[/", "a(/*", "'\\", "x = y / z(1) = 2", "\u0061(1) = 2", "0x1e+1", "#!x\no.P() = 1"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		r := Rewrite(src)
		var back strings.Builder
		last := 0
		for i := range r.Map.gen {
			back.WriteString(r.Source[last:r.Map.gen[i]])
			last = r.Map.gen[i] + r.Map.size[i]
		}
		back.WriteString(r.Source[last:])
		if back.String() != src {
			t.Fatalf("removing the insertions from %q gives %q, not the input %q", r.Source, back.String(), src)
		}
		if r.Count == 0 && r.Source != src {
			t.Fatalf("no rewrite, but source changed: %q -> %q", src, r.Source)
		}
		if strings.Count(r.Source, Marker)-strings.Count(src, Marker) != r.Count {
			t.Fatalf("Count %d does not match the markers inserted in %q", r.Count, r.Source)
		}
	})
}
