package pac

import (
	"context"
	"errors"
	"testing"
	"time"
)

// Wednesday 2026-06-17 14:30:15 in UTC+2 (12:30:15 GMT).
func testNow() time.Time {
	return time.Date(2026, 6, 17, 14, 30, 15, 0, time.FixedZone("X", 2*3600))
}

func eval(t *testing.T, expr string) string {
	t.Helper()
	script := `function FindProxyForURL(url, host) { return String(` + expr + `); }`
	got, err := FindProxyForURL(context.Background(), script, "http://www.example.com/a", "www.example.com",
		Options{MyIPAddress: "10.1.2.3", Now: testNow})
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return got
}

func TestHelpers(t *testing.T) {
	cases := []struct{ expr, want string }{
		{`isPlainHostName("www")`, "true"},
		{`isPlainHostName("www.example.com")`, "false"},
		{`dnsDomainIs("www.example.com", ".example.com")`, "true"},
		{`dnsDomainIs("www", ".example.com")`, "false"},
		{`localHostOrDomainIs("www.example.com", "www.example.com")`, "true"},
		{`localHostOrDomainIs("www", "www.example.com")`, "true"},
		{`localHostOrDomainIs("www.other.com", "www.example.com")`, "false"},
		{`localHostOrDomainIs("home.example.com", "www.example.com")`, "false"},
		{`isResolvable("127.0.0.1")`, "true"},
		{`isResolvable("localhost")`, "true"},
		{`isResolvable("no-such-host.invalid")`, "false"},
		{`dnsResolve("127.0.0.1")`, "127.0.0.1"},
		{`dnsResolve("no-such-host.invalid")`, "null"},
		{`isInNet("127.0.0.1", "127.0.0.0", "255.0.0.0")`, "true"},
		{`isInNet("10.1.2.3", "10.1.0.0", "255.255.0.0")`, "true"},
		{`isInNet("10.2.2.3", "10.1.0.0", "255.255.0.0")`, "false"},
		{`isInNet("no-such-host.invalid", "10.1.0.0", "255.255.0.0")`, "false"},
		{`myIpAddress()`, "10.1.2.3"},
		{`dnsDomainLevels("www")`, "0"},
		{`dnsDomainLevels("www.example.com")`, "2"},
		{`shExpMatch("http://home.example.com/a/b", "*/a/*")`, "true"},
		{`shExpMatch("www.example.com", "*.example.???")`, "true"},
		{`shExpMatch("www.example.co", "*.example.???")`, "false"},
		{`shExpMatch("abc", "abc")`, "true"},
		{`weekdayRange("WED")`, "true"},
		{`weekdayRange("MON", "FRI")`, "true"},
		{`weekdayRange("SAT", "TUE")`, "false"},
		{`weekdayRange("FRI", "WED")`, "true"},
		{`weekdayRange("THU", "GMT")`, "false"},
		{`weekdayRange("XYZ")`, "false"},
		{`dateRange(17)`, "true"},
		{`dateRange(18)`, "false"},
		{`dateRange("JUN")`, "true"},
		{`dateRange(2026)`, "true"},
		{`dateRange(1, 20)`, "true"},
		{`dateRange(20, 5)`, "false"},
		{`dateRange(25, 18)`, "true"},
		{`dateRange("MAY", "JUL")`, "true"},
		{`dateRange("NOV", "FEB")`, "false"},
		{`dateRange(2025, 2027)`, "true"},
		{`dateRange(1, "JUN", 16, "JUN")`, "false"},
		{`dateRange(17, "JUN", 30, "AUG")`, "true"},
		{`dateRange("JUN", 2026, "DEC", 2026)`, "true"},
		{`dateRange(1, "JAN", 2027, 1, "FEB", 2027)`, "false"},
		{`dateRange(17, "JUN", 2026, 17, "JUN", 2026, "GMT")`, "true"},
		{`timeRange(14)`, "true"},
		{`timeRange(12, "GMT")`, "true"},
		{`timeRange(9, 14)`, "true"},
		{`timeRange(15, 17)`, "false"},
		{`timeRange(22, 15)`, "true"},
		{`timeRange(14, 30, 14, 31)`, "true"},
		{`timeRange(14, 31, 15, 0)`, "false"},
		{`timeRange(14, 30, 15, 14, 30, 15)`, "true"},
		{`timeRange(14, 30, 16, 14, 30, 59)`, "false"},
	}
	for _, tc := range cases {
		if got := eval(t, tc.expr); got != tc.want {
			t.Errorf("%s = %s, want %s", tc.expr, got, tc.want)
		}
	}
}

func TestScriptErrors(t *testing.T) {
	cases := []struct{ name, script string }{
		{"syntax", `function FindProxyForURL(url, host) {`},
		{"no function", `var x = 1;`},
		{"throws", `function FindProxyForURL() { throw new Error("x"); }`},
		{"not a string", `function FindProxyForURL() { return 5; }`},
		{"endless", `function FindProxyForURL() { for (;;) {} }`},
	}
	for _, tc := range cases {
		_, err := FindProxyForURL(context.Background(), tc.script, "http://a/", "a", Options{Timeout: 50 * time.Millisecond})
		var se *ScriptError
		if !errors.As(err, &se) {
			t.Errorf("%s: got %v, want a *ScriptError", tc.name, err)
		}
	}
}

func TestParse(t *testing.T) {
	got, err := Parse("PROXY a:1; socks5 b:2;DIRECT")
	if err != nil || len(got) != 3 || got[0] != (Entry{"PROXY", "a:1"}) || got[1] != (Entry{"SOCKS5", "b:2"}) || got[2] != (Entry{Kind: "DIRECT"}) {
		t.Fatalf("got %v, %v", got, err)
	}
	for _, bad := range []string{"", "PROXY", "FOO a:1", "DIRECT x"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) succeeded", bad)
		}
	}
}
