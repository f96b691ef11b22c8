package runtime

import (
	"sort"
	"strings"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
)

// Complete returns tab completions for line with the cursor at byte pos:
// head is the text before the word being completed, tail the text after
// the cursor, and each completion a full replacement of the word. A bare
// name completes from the globals; `a.b.c.` completes c's members — a COM
// object's by their canonical names, matched without regard to case.
// Properties on the path are read, but nothing is called.
func (p *REPL) Complete(line string, pos int) (head string, completions []string, tail string) {
	if pos < 0 || pos > len(line) {
		pos = len(line)
	}
	before, tail := line[:pos], line[pos:]
	start := len(before)
	for start > 0 && isIdentByte(before[start-1]) {
		start--
	}
	word := before[start:]
	pathEnd := start
	var path []string
	if pathEnd > 0 && before[pathEnd-1] == '.' {
		pathStart := pathEnd - 1
		for pathStart > 0 && (isIdentByte(before[pathStart-1]) || before[pathStart-1] == '.') {
			pathStart--
		}
		path = strings.Split(before[pathStart:pathEnd-1], ".")
		for _, part := range path {
			if part == "" {
				return before, nil, tail
			}
		}
	}
	defer func() {
		if recover() != nil {
			completions = nil
		}
	}()
	var names []string
	fold := false
	if ex := p.rt.vm.Try(func() { names, fold = p.candidates(path) }); ex != nil {
		return before, nil, tail
	}
	seen := map[string]bool{}
	for _, n := range names {
		match := strings.HasPrefix(n, word)
		if fold {
			match = len(n) >= len(word) && strings.EqualFold(n[:len(word)], word)
		}
		if match && !seen[n] && !strings.HasPrefix(n, "__winhttpjs") {
			seen[n] = true
			completions = append(completions, n)
		}
	}
	sort.Strings(completions)
	return before[:start], completions, tail
}

// candidates lists the names at the end of path (the globals for an empty
// path); fold is set for COM objects, whose names ignore case.
func (p *REPL) candidates(path []string) (names []string, fold bool) {
	vm := p.rt.vm
	var v goja.Value = vm.GlobalObject()
	for _, part := range path {
		o := v.ToObject(vm)
		v = o.Get(part)
		if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
			return nil, false
		}
	}
	obj := v.ToObject(vm)
	if com.IsObject(obj) {
		return com.Canonical(obj), true
	}
	// Own and inherited names, enumerable or not, as Node lists them.
	for o := obj; o != nil; o = o.Prototype() {
		names = append(names, ownNames(vm, o)...)
	}
	return names, false
}

// ownNames is Object.getOwnPropertyNames(o).
func ownNames(vm *goja.Runtime, o *goja.Object) []string {
	get, ok := goja.AssertFunction(vm.Get("Object").(*goja.Object).Get("getOwnPropertyNames"))
	if !ok {
		return o.Keys()
	}
	res, err := get(goja.Undefined(), o)
	if err != nil {
		return o.Keys()
	}
	var out []string
	if arr, ok := com.Export(res).([]any); ok {
		for _, n := range arr {
			if s, ok := n.(string); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}
