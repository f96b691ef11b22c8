package pac

import (
	"context"
	"net"
	"strings"
	"time"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
)

// helpers are the PAC functions of one evaluation.
type helpers struct {
	ctx  context.Context
	opts Options
}

// install defines the helper functions as globals of rt.
func (h helpers) install(rt *goja.Runtime) {
	set := func(name string, f any) { _ = rt.Set(name, f) }
	set("isPlainHostName", func(host string) bool { return !strings.Contains(host, ".") })
	set("dnsDomainIs", func(host, domain string) bool {
		return strings.HasSuffix(strings.ToLower(host), strings.ToLower(domain))
	})
	set("localHostOrDomainIs", func(host, hostdom string) bool {
		host, hostdom = strings.ToLower(host), strings.ToLower(hostdom)
		return host == hostdom || !strings.Contains(host, ".") && strings.HasPrefix(hostdom, host+".")
	})
	set("isResolvable", func(host string) bool { return h.resolve(host) != "" })
	set("dnsResolve", func(host string) goja.Value {
		if ip := h.resolve(host); ip != "" {
			return rt.ToValue(ip)
		}
		return goja.Null()
	})
	set("myIpAddress", func() string { return h.myIP() })
	set("dnsDomainLevels", func(host string) int { return strings.Count(host, ".") })
	set("isInNet", func(host, pattern, mask string) bool {
		ip := net.ParseIP(h.resolve(host)).To4()
		p, m := net.ParseIP(pattern).To4(), net.ParseIP(mask).To4()
		if ip == nil || p == nil || m == nil {
			return false
		}
		for i := range 4 {
			if ip[i]&m[i] != p[i]&m[i] {
				return false
			}
		}
		return true
	})
	set("shExpMatch", func(s, pattern string) bool { return shExpMatch(s, pattern) })
	set("weekdayRange", func(call goja.FunctionCall) goja.Value { return rt.ToValue(h.weekdayRange(args(call))) })
	set("dateRange", func(call goja.FunctionCall) goja.Value { return rt.ToValue(h.dateRange(args(call))) })
	set("timeRange", func(call goja.FunctionCall) goja.Value { return rt.ToValue(h.timeRange(args(call))) })
}

// args exports a call's arguments (strings and numbers).
func args(call goja.FunctionCall) []any {
	out := make([]any, len(call.Arguments))
	for i, a := range call.Arguments {
		out[i] = com.Export(a)
	}
	return out
}

// resolve returns host's first IPv4 address (an IPv6 one if it has no
// IPv4), or "" if it cannot be resolved.
func (h helpers) resolve(host string) string {
	if ip := net.ParseIP(host); ip != nil {
		return ip.String()
	}
	addrs, err := h.opts.Resolver.LookupHost(h.ctx, host)
	if err != nil || len(addrs) == 0 {
		return ""
	}
	for _, a := range addrs {
		if ip := net.ParseIP(a); ip != nil && ip.To4() != nil {
			return ip.String()
		}
	}
	return addrs[0]
}

// myIP is the host's own address: the configured one, else the local
// address of a route to the Internet (a UDP "dial" sends nothing).
func (h helpers) myIP() string {
	if h.opts.MyIPAddress != "" {
		return h.opts.MyIPAddress
	}
	c, err := net.Dial("udp4", "192.0.2.1:9")
	if err != nil {
		return "127.0.0.1"
	}
	defer c.Close()
	if a, ok := c.LocalAddr().(*net.UDPAddr); ok {
		return a.IP.String()
	}
	return "127.0.0.1"
}

// shExpMatch is a shell-style match: '*' any run of characters
// (including '/' and '.'), '?' any one character, the rest literal.
func shExpMatch(s, pattern string) bool {
	sr, pr := []rune(s), []rune(pattern)
	var match func(i, j int) bool
	match = func(i, j int) bool {
		for j < len(pr) {
			switch pr[j] {
			case '*':
				for k := i; k <= len(sr); k++ {
					if match(k, j+1) {
						return true
					}
				}
				return false
			case '?':
				if i >= len(sr) {
					return false
				}
			default:
				if i >= len(sr) || sr[i] != pr[j] {
					return false
				}
			}
			i, j = i+1, j+1
		}
		return i == len(sr)
	}
	return match(0, 0)
}

// now returns the clock, in GMT when the last argument is "GMT", and the
// arguments without it.
func (h helpers) now(a []any) (time.Time, []any) {
	t := h.opts.Now()
	if n := len(a); n > 0 {
		if s, ok := a[n-1].(string); ok && strings.EqualFold(s, "GMT") {
			return t.UTC(), a[:n-1]
		}
	}
	return t, a
}

// inRange tests v against start..end, wrapping around when start > end.
func inRange(v, start, end int) bool {
	if start <= end {
		return start <= v && v <= end
	}
	return v >= start || v <= end
}

func index3(list, s string) int {
	s = strings.ToUpper(s)
	for i := 0; i+3 <= len(list); i += 3 {
		if len(s) == 3 && list[i:i+3] == s {
			return i / 3
		}
	}
	return -1
}

const (
	weekdays = "SUNMONTUEWEDTHUFRISAT"
	months   = "JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC"
)

// weekdayRange(wd1 [, wd2] [, "GMT"]).
func (h helpers) weekdayRange(a []any) bool {
	t, a := h.now(a)
	if len(a) == 0 || len(a) > 2 {
		return false
	}
	var d [2]int
	for i := range a {
		s, ok := a[i].(string)
		if d[i] = -1; ok {
			d[i] = index3(weekdays, s)
		}
		if d[i] < 0 {
			return false
		}
	}
	if len(a) == 1 {
		return int(t.Weekday()) == d[0]
	}
	return inRange(int(t.Weekday()), d[0], d[1])
}

// dateField is one dateRange argument: its kind (0 day, 1 month, 2 year)
// and value.
func dateField(v any) (kind, value int, ok bool) {
	switch x := v.(type) {
	case int64:
		if x >= 1 && x <= 31 {
			return 0, int(x), true
		}
		if x > 31 {
			return 2, int(x), true
		}
	case float64:
		return dateField(int64(x))
	case string:
		if m := index3(months, x); m >= 0 {
			return 1, m + 1, true
		}
	}
	return 0, 0, false
}

// dateRange(day | month | year, ranges of each, or of day-month,
// month-year and day-month-year) [, "GMT"].
func (h helpers) dateRange(a []any) bool {
	t, a := h.now(a)
	n := len(a)
	if n == 0 || n > 6 || n > 1 && n%2 != 0 {
		return false
	}
	kinds := make([]int, n)
	vals := make([]int, n)
	for i, v := range a {
		k, x, ok := dateField(v)
		if !ok {
			return false
		}
		kinds[i], vals[i] = k, x
	}
	cur := [3]int{t.Day(), int(t.Month()), t.Year()}
	// key weighs the present fields: year, then month, then day.
	key := func(ks, vs []int, fromNow bool) int {
		k := 0
		for _, kind := range []int{2, 1, 0} {
			for i, kk := range ks {
				if kk == kind {
					v := vs[i]
					if fromNow {
						v = cur[kind]
					}
					k = k*10000 + v
				}
			}
		}
		return k
	}
	if n == 1 {
		return cur[kinds[0]] == vals[0]
	}
	half := n / 2
	for i := range half {
		if kinds[i] != kinds[i+half] {
			return false
		}
	}
	start := key(kinds[:half], vals[:half], false)
	end := key(kinds[half:], vals[half:], false)
	now := key(kinds[:half], vals[:half], true)
	if kinds[0] == 2 || half == 3 || half == 2 && kinds[1] == 2 {
		// Ranges that include the year do not wrap.
		return start <= now && now <= end
	}
	return inRange(now, start, end)
}

// timeRange(hour | h1, h2 | h1, m1, h2, m2 | h1, m1, s1, h2, m2, s2)
// [, "GMT"]: the end is inclusive to its last second.
func (h helpers) timeRange(a []any) bool {
	t, a := h.now(a)
	v := make([]int, len(a))
	for i, x := range a {
		switch n := x.(type) {
		case int64:
			v[i] = int(n)
		case float64:
			v[i] = int(n)
		default:
			return false
		}
	}
	now := t.Hour()*3600 + t.Minute()*60 + t.Second()
	switch len(v) {
	case 1:
		return t.Hour() == v[0]
	case 2:
		return inRange(now, v[0]*3600, v[1]*3600+3599)
	case 4:
		return inRange(now, v[0]*3600+v[1]*60, v[2]*3600+v[3]*60+59)
	case 6:
		return inRange(now, v[0]*3600+v[1]*60+v[2], v[3]*3600+v[4]*60+v[5])
	}
	return false
}
