package jsrewrite

import "sort"

// insertion is text inserted at a byte offset of the original source.
type insertion struct {
	at   int
	text string
}

// PosMap maps byte offsets in a rewritten source back to the original.
// The zero value (no insertions) is the identity.
type PosMap struct {
	// gen[i] is where insertion i starts in the rewritten source; orig[i]
	// is its offset in the original; size[i] its length.
	gen, orig, size []int
}

func newPosMap(ins []insertion) *PosMap {
	m := &PosMap{}
	shift := 0
	for _, in := range ins {
		m.gen = append(m.gen, in.at+shift)
		m.orig = append(m.orig, in.at)
		m.size = append(m.size, len(in.text))
		shift += len(in.text)
	}
	return m
}

// Identity reports whether the map changes no offset.
func (m *PosMap) Identity() bool { return m == nil || len(m.gen) == 0 }

// Original returns the offset in the original source of the byte at offset
// off of the rewritten source. Offsets inside inserted text map to the
// original character the text was inserted before.
func (m *PosMap) Original(off int) int {
	if m.Identity() {
		return off
	}
	// The last insertion starting at or before off.
	i := sort.Search(len(m.gen), func(i int) bool { return m.gen[i] > off }) - 1
	if i < 0 {
		return off
	}
	if off < m.gen[i]+m.size[i] {
		return m.orig[i]
	}
	return m.orig[i] + (off - m.gen[i] - m.size[i])
}
