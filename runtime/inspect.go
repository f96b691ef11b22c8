package runtime

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
)

// Inspection limits, as Node's util.inspect defaults.
const (
	inspectDepth     = 2   // nested objects deeper than this print as [Object]
	inspectMaxItems  = 100 // array and typed-array entries shown
	inspectLineWidth = 72  // longer one-line forms are broken, one entry a line
)

// ANSI styles of util.inspect's default colour scheme.
const (
	styleNumber    = "33" // yellow: numbers, booleans, bigints
	styleString    = "32" // green: strings, symbols
	styleNull      = "1"  // bold
	styleUndefined = "90" // grey
	styleSpecial   = "36" // cyan: functions, COM objects, [Circular]
	styleDate      = "35" // magenta
	styleRegExp    = "31" // red
)

// inspector formats values; seen holds the objects being printed, to spot
// cycles.
type inspector struct {
	vm     *goja.Runtime
	colors bool
	seen   []*goja.Object
	key    string // the property whose value is being formatted, if any
}

// inspect returns util.inspect's form of v. A getter or proxy that throws
// (or a Go panic below it) gives a marker instead of failing the REPL.
func (p *REPL) inspect(v goja.Value, colors bool) (out string) {
	in := &inspector{vm: p.rt.vm, colors: colors}
	defer func() {
		if recover() != nil {
			out = "[value could not be inspected]"
		}
	}()
	if ex := p.rt.vm.Try(func() { out = in.format(v, 0) }); ex != nil {
		out = "[value could not be inspected: " + safeString(ex.Value()) + "]"
	}
	return out
}

func (in *inspector) style(code, s string) string {
	if !in.colors {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

// format returns v's form at nesting level (0 for the value itself).
func (in *inspector) format(v goja.Value, level int) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return in.style(styleUndefined, "undefined")
	case goja.IsNull(v):
		return in.style(styleNull, "null")
	}
	if sym, ok := v.(*goja.Symbol); ok {
		return in.style(styleString, "Symbol("+sym.String()+")")
	}
	switch x := com.Export(v).(type) {
	case bool:
		return in.style(styleNumber, strconv.FormatBool(x))
	case int64:
		return in.style(styleNumber, strconv.FormatInt(x, 10))
	case float64:
		if x == 0 && math.Signbit(x) {
			return in.style(styleNumber, "-0")
		}
		return in.style(styleNumber, v.String())
	case *big.Int:
		return in.style(styleNumber, x.String()+"n")
	case string:
		return in.style(styleString, quoteJS(x))
	}
	obj, ok := v.(*goja.Object)
	if !ok {
		return v.String()
	}
	return in.object(obj, level)
}

// object formats an object, by kind.
func (in *inspector) object(obj *goja.Object, level int) string {
	hint := in.key
	in.key = ""
	for _, s := range in.seen {
		if s == obj {
			return in.style(styleSpecial, "[Circular]")
		}
	}
	if com.IsObject(obj) {
		if summary, ok := com.Inspect(obj); ok {
			return in.style(styleSpecial, summary)
		}
		return in.style(styleSpecial, "["+strings.TrimPrefix(strings.TrimSuffix(safeString(obj), "]"), "[object ")+"]")
	}
	if _, ok := goja.AssertFunction(obj); ok {
		return in.function(obj, hint)
	}
	if isErrorObject(in.vm, obj) {
		return in.errorText(obj, level)
	}
	switch x := com.Export(obj).(type) {
	case *goja.Promise:
		return in.promise(x, level)
	}
	switch obj.ClassName() {
	case "Date":
		return in.style(styleDate, in.callString(obj, "toISOString"))
	case "RegExp":
		return in.style(styleRegExp, safeString(obj))
	}
	in.seen = append(in.seen, obj)
	defer func() { in.seen = in.seen[:len(in.seen)-1] }()
	switch {
	case obj.ClassName() == "Array":
		if level > inspectDepth {
			return in.style(styleSpecial, "[Array]")
		}
		return in.list("", "[", "]", in.items(obj, level), level)
	case in.instanceOf(obj, "Buffer"):
		return in.buffer(obj)
	case in.isTypedArray(obj):
		if level > inspectDepth {
			return in.style(styleSpecial, "["+in.ctorName(obj)+"]")
		}
		n := obj.Get("length").ToInteger()
		return in.list(fmt.Sprintf("%s(%d) ", in.ctorName(obj), n), "[", "]", in.items(obj, level), level)
	case in.instanceOf(obj, "Map"), in.instanceOf(obj, "Set"):
		return in.collection(obj, level)
	}
	name := in.ctorName(obj)
	prefix := ""
	if name != "" && name != "Object" {
		prefix = name + " "
	}
	if level > inspectDepth {
		if name == "" {
			name = "Object"
		}
		return in.style(styleSpecial, "["+name+"]")
	}
	var entries []string
	for _, k := range obj.Keys() {
		in.key = k
		v := obj.Get(k)
		entries = append(entries, propertyKey(k)+": "+in.format(v, level+1))
	}
	in.key = ""
	return in.list(prefix, "{", "}", entries, level)
}

// items formats the elements of an array-like object, up to the limit.
func (in *inspector) items(obj *goja.Object, level int) []string {
	n := obj.Get("length").ToInteger()
	var out []string
	for i := int64(0); i < n && i < inspectMaxItems; i++ {
		out = append(out, in.format(obj.Get(strconv.FormatInt(i, 10)), level+1))
	}
	if n > inspectMaxItems {
		out = append(out, fmt.Sprintf("... %d more items", n-inspectMaxItems))
	}
	return out
}

// list joins entries on one line when short, else one entry a line.
func (in *inspector) list(prefix, open, close string, entries []string, level int) string {
	if len(entries) == 0 {
		return prefix + open + close
	}
	one := prefix + open + " " + strings.Join(entries, ", ") + " " + close
	if len(stripANSI(one))+2*level <= inspectLineWidth && !strings.Contains(one, "\n") {
		return one
	}
	// Nested forms are indented relative to their own first line: the
	// enclosing list indents every line of an entry once more.
	const pad = "  "
	if open == "[" {
		if grid, ok := in.grid(entries, pad, inspectLineWidth-2*level); ok {
			return prefix + open + "\n" + grid + "\n" + close
		}
	}
	var b strings.Builder
	b.WriteString(prefix + open + "\n")
	for i, e := range entries {
		b.WriteString(pad + strings.ReplaceAll(e, "\n", "\n  "))
		if i < len(entries)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString(close)
	return b.String()
}

// function is [Function: name]; hint, the key the function is stored
// under, names a function that has no usable name of its own.
// grid lays many short array entries out in aligned columns, as Node
// does for arrays of numbers; ok is false when they are not all short.
func (in *inspector) grid(entries []string, pad string, lineWidth int) (string, bool) {
	const maxCell = 16
	more := ""
	if n := len(entries); n > 0 && strings.HasPrefix(entries[n-1], "... ") {
		more, entries = entries[n-1], entries[:n-1]
	}
	if len(entries) <= 6 {
		return "", false
	}
	width := 0
	for _, e := range entries {
		n := len(stripANSI(e))
		if n > maxCell || strings.Contains(e, "\n") {
			return "", false
		}
		width = max(width, n)
	}
	// Columns of width+2 ("entry, "), no more than 16, none past the line.
	cols := min(16, max(1, (lineWidth-len(pad))/(width+2)))
	var b strings.Builder
	for i, e := range entries {
		if i%cols == 0 {
			if i > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(pad)
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(strings.Repeat(" ", width-len(stripANSI(e))))
		b.WriteString(e)
		if i < len(entries)-1 || more != "" {
			b.WriteByte(',')
		}
	}
	if more != "" {
		b.WriteString("\n" + pad + more)
	}
	return b.String(), true
}

func (in *inspector) function(obj *goja.Object, hint string) string {
	name := safeString(obj.Get("name"))
	if strings.ContainsAny(name, "/(*") {
		// A Go function's name is its Go symbol
		// ("github.com/…(*module).export.func1"): meaningless to a script.
		name = ""
	}
	if strings.HasPrefix(safeString(obj), "class") {
		if name == "" {
			return in.style(styleSpecial, "[class (anonymous)]")
		}
		return in.style(styleSpecial, "[class "+name+"]")
	}
	if name == "" && hint != "" {
		name = hint
	}
	if name == "" {
		return in.style(styleSpecial, "[Function (anonymous)]")
	}
	return in.style(styleSpecial, "[Function: "+name+"]")
}

// errorText is "Name: message (HRESULT 0x…, SOURCE)", bracketed when nested.
func (in *inspector) errorText(obj *goja.Object, level int) string {
	se := &ScriptError{}
	r := &Runtime{vm: in.vm}
	r.describeValue(se, obj)
	h := se.headline()
	if level > 0 {
		return "[" + h + "]"
	}
	return h
}

func (in *inspector) promise(p *goja.Promise, level int) string {
	switch p.State() {
	case goja.PromiseStatePending:
		return "Promise { " + in.style(styleSpecial, "<pending>") + " }"
	case goja.PromiseStateRejected:
		return "Promise { " + in.style(styleSpecial, "<rejected>") + " " + in.format(p.Result(), level+1) + " }"
	}
	return "Promise { " + in.format(p.Result(), level+1) + " }"
}

// buffer is Node's <Buffer 68 69> form, at most 50 bytes.
func (in *inspector) buffer(obj *goja.Object) string {
	n := obj.Get("length").ToInteger()
	var b strings.Builder
	b.WriteString("<Buffer")
	for i := int64(0); i < n && i < 50; i++ {
		fmt.Fprintf(&b, " %02x", obj.Get(strconv.FormatInt(i, 10)).ToInteger()&0xff)
	}
	if n > 50 {
		fmt.Fprintf(&b, " ... %d more bytes", n-50)
	}
	b.WriteString(">")
	return b.String()
}

// collection formats a Map or Set through Array.from.
func (in *inspector) collection(obj *goja.Object, level int) string {
	name := in.ctorName(obj)
	size := obj.Get("size").ToInteger()
	if level > inspectDepth {
		return in.style(styleSpecial, "["+name+"]")
	}
	from, _ := goja.AssertFunction(in.vm.Get("Array").(*goja.Object).Get("from"))
	arr, err := from(goja.Undefined(), obj)
	if err != nil {
		return name + " {}"
	}
	var entries []string
	isMap := in.instanceOf(obj, "Map")
	for _, e := range in.vm.ToValue(arr).(*goja.Object).Keys() {
		item := arr.(*goja.Object).Get(e)
		if isMap {
			pair := item.(*goja.Object)
			entries = append(entries, in.format(pair.Get("0"), level+1)+" => "+in.format(pair.Get("1"), level+1))
		} else {
			entries = append(entries, in.format(item, level+1))
		}
	}
	return in.list(fmt.Sprintf("%s(%d) ", name, size), "{", "}", entries, level)
}

func (in *inspector) instanceOf(obj *goja.Object, ctor string) bool {
	c, ok := in.vm.Get(ctor).(*goja.Object)
	return ok && in.vm.InstanceOf(obj, c)
}

func (in *inspector) isTypedArray(obj *goja.Object) bool {
	for _, c := range []string{"Uint8Array", "Int8Array", "Uint8ClampedArray", "Uint16Array", "Int16Array",
		"Uint32Array", "Int32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array"} {
		if in.instanceOf(obj, c) {
			return true
		}
	}
	return false
}

// ctorName is the name of obj's constructor ("" for a null prototype).
func (in *inspector) ctorName(obj *goja.Object) string {
	proto := obj.Prototype()
	if proto == nil {
		return ""
	}
	if c, ok := proto.Get("constructor").(*goja.Object); ok {
		return safeString(c.Get("name"))
	}
	return ""
}

func (in *inspector) callString(obj *goja.Object, method string) string {
	if f, ok := goja.AssertFunction(obj.Get(method)); ok {
		if v, err := f(obj); err == nil {
			return v.String()
		}
	}
	return safeString(obj)
}

// propertyKey quotes a key that is not an identifier.
func propertyKey(k string) string {
	for i, c := range k {
		if !(c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9' || c > 0x7f) {
			return quoteJS(k)
		}
	}
	if k == "" {
		return "''"
	}
	return k
}

// quoteJS quotes s with single quotes (double when s holds single quotes
// only), escaping as Node does.
func quoteJS(s string) string {
	q := byte('\'')
	if strings.Contains(s, "'") && !strings.Contains(s, "\"") {
		q = '"'
	}
	var b strings.Builder
	b.WriteByte(q)
	for _, r := range s {
		switch {
		case r == rune(q) || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte(q)
	return b.String()
}

// stripANSI removes colour escapes, for measuring.
func stripANSI(s string) string {
	if !strings.Contains(s, "\x1b[") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := strings.IndexByte(s[i:], 'm')
			if j > 0 {
				i += j
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
