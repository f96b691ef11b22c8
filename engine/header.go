package engine

import "strings"

// Field is one header line.
type Field struct {
	Name  string
	Value string
}

// Header is an ordered list of header fields that keeps names exactly as
// written. Lookups ignore case, as HTTP and WinHTTP do.
type Header struct {
	fields []Field
}

// Set replaces the value of the first field named name, or appends a new
// field (WinHTTP's ADD|REPLACE). Other fields of that name are removed.
func (h *Header) Set(name, value string) {
	for i := range h.fields {
		if strings.EqualFold(h.fields[i].Name, name) {
			h.fields[i].Value = value
			h.removeFrom(i+1, name)
			return
		}
	}
	h.fields = append(h.fields, Field{name, value})
}

// Add appends a field, keeping any with the same name.
func (h *Header) Add(name, value string) {
	h.fields = append(h.fields, Field{name, value})
}

// Get returns the value of the first field named name.
func (h *Header) Get(name string) (string, bool) {
	for _, f := range h.fields {
		if strings.EqualFold(f.Name, name) {
			return f.Value, true
		}
	}
	return "", false
}

// Values returns the values of every field named name, in order.
func (h *Header) Values(name string) []string {
	var out []string
	for _, f := range h.fields {
		if strings.EqualFold(f.Name, name) {
			out = append(out, f.Value)
		}
	}
	return out
}

// Del removes every field named name.
func (h *Header) Del(name string) { h.removeFrom(0, name) }

func (h *Header) removeFrom(start int, name string) {
	kept := h.fields[:start]
	for _, f := range h.fields[start:] {
		if !strings.EqualFold(f.Name, name) {
			kept = append(kept, f)
		}
	}
	clear(h.fields[len(kept):])
	h.fields = kept
}

// Fields returns the fields in order. The slice must not be modified.
func (h *Header) Fields() []Field { return h.fields }

// Len returns the number of fields.
func (h *Header) Len() int { return len(h.fields) }

// Clone returns an independent copy.
func (h *Header) Clone() Header {
	return Header{fields: append([]Field(nil), h.fields...)}
}
