package winhttp

import "strconv"

// inspect summarises the object for consoles:
// "WinHttpRequest GET http://host/path → 200 OK".
func (r *request) inspect() string {
	s := "WinHttpRequest"
	switch r.phase {
	case phaseInit:
		return s + " (not opened)"
	case phaseCancelled:
		return s + " (aborted)"
	}
	s += " " + r.method + " " + r.rawURL
	if r.phase < phaseSent || r.cur == nil {
		return s + " (not sent)"
	}
	st := r.cur.snapshot()
	switch {
	case st.err != nil:
		code := codeOf(st.err)
		return s + " → error " + strconv.Itoa(int(code)) + " " + code.Message()
	case st.head == nil:
		return s + " (pending)"
	}
	s += " → " + strconv.Itoa(st.head.status) + " " + st.head.statusText
	if !st.complete {
		s += " (receiving)"
	}
	return s
}
