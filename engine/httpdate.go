package engine

import (
	"fmt"
	"time"
)

// SystemTime mirrors Windows' SYSTEMTIME.
type SystemTime struct {
	Year, Month, DayOfWeek, Day, Hour, Minute, Second, Milliseconds int
}

// SystemTimeOf converts t (taken as UTC) to a SystemTime.
func SystemTimeOf(t time.Time) SystemTime {
	t = t.UTC()
	return SystemTime{t.Year(), int(t.Month()), int(t.Weekday()), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond() / 1e6}
}

// Three-letter English names, packed into constants (no mutable globals).
const (
	dayNames   = "SunMonTueWedThuFriSat"
	monthNames = "JanFebMarAprMayJunJulAugSepOctNovDec"
)

// FormatHTTPDate is WinHttpTimeFromSystemTime: the RFC 1123 form, always
// "GMT", with the weekday taken from st.DayOfWeek as given. A weekday or
// month outside its range fails with ErrInvalidParameter (there is no name
// to print).
func FormatHTTPDate(st SystemTime) (string, error) {
	if st.DayOfWeek < 0 || st.DayOfWeek > 6 || st.Month < 1 || st.Month > 12 {
		return "", &Error{Code: ErrInvalidParameter, Op: "timefromsystemtime",
			Err: fmt.Errorf("wDayOfWeek %d or wMonth %d out of range", st.DayOfWeek, st.Month)}
	}
	return fmt.Sprintf("%s, %02d %s %4d %02d:%02d:%02d GMT", dayNames[3*st.DayOfWeek:3*st.DayOfWeek+3], st.Day,
		monthNames[3*st.Month-3:3*st.Month], st.Year, st.Hour, st.Minute, st.Second), nil
}

// ParseHTTPDate is WinHttpTimeToSystemTime's lenient scanner (spec §6.2):
// it starts from now (UTC) and overwrites weekday, day, month, year, hour,
// minute and second as far as the text allows; it never fails.
func ParseHTTPDate(s string, now time.Time) SystemTime {
	st := SystemTimeOf(now)
	i := 0
	skipTo := func(letter bool) bool {
		for ; i < len(s); i++ {
			c := s[i] | 0x20
			if letter && 'a' <= c && c <= 'z' || !letter && '0' <= s[i] && s[i] <= '9' {
				return true
			}
		}
		return false
	}
	word := func() string {
		if i+3 > len(s) {
			return ""
		}
		w := lowerASCII(s[i : i+3])
		i += 3
		return w
	}
	number := func() (int, bool) {
		if !skipTo(false) {
			return 0, false
		}
		n := 0
		for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
			n = n*10 + int(s[i]-'0')
			if n > 1<<20 {
				n = 1 << 20 // keeps absurd input from overflowing
			}
		}
		return n, true
	}
	if !skipTo(true) {
		return st
	}
	dow := indexName(dayNames, word())
	if dow < 0 {
		return st
	}
	st.DayOfWeek = dow
	day, ok := number()
	if !ok {
		return st
	}
	st.Day = day
	if !skipTo(true) {
		return st
	}
	mon := indexName(monthNames, word())
	if mon < 0 {
		return st
	}
	st.Month = mon + 1
	st.Milliseconds = 0
	for _, f := range []*int{&st.Year, &st.Hour, &st.Minute, &st.Second} {
		n, ok := number()
		if !ok {
			return st
		}
		*f = n
	}
	return st
}

// indexName finds the three-letter lower-case w in packed names.
func indexName(names, w string) int {
	for k := 0; k+3 <= len(names); k += 3 {
		if len(w) == 3 && lowerASCII(names[k:k+3]) == w {
			return k / 3
		}
	}
	return -1
}
