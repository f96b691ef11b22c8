package engine

import (
	"testing"
	"time"
)

func TestFormatHTTPDate(t *testing.T) {
	cases := []struct {
		st   SystemTime
		want string
		code Code
	}{
		{SystemTime{2008, 7, 1, 28, 10, 5, 52, 0}, "Mon, 28 Jul 2008 10:05:52 GMT", 0},
		{SystemTime{999, 1, 0, 2, 3, 4, 5, 678}, "Sun, 02 Jan  999 03:04:05 GMT", 0},
		{SystemTime{2008, 13, 1, 28, 10, 5, 52, 0}, "", ErrInvalidParameter},
		{SystemTime{2008, 7, 7, 28, 10, 5, 52, 0}, "", ErrInvalidParameter},
	}
	for _, tc := range cases {
		got, err := FormatHTTPDate(tc.st)
		if got != tc.want || CodeOf(err) != tc.code {
			t.Errorf("FormatHTTPDate(%+v) = %q, %v; want %q, %d", tc.st, got, err, tc.want, tc.code)
		}
	}
}

func TestParseHTTPDate(t *testing.T) {
	now := time.Date(2030, 3, 4, 5, 6, 7, 8e6, time.UTC) // a Monday
	nowST := SystemTime{2030, 3, 1, 4, 5, 6, 7, 8}
	want := SystemTime{2008, 7, 1, 28, 10, 5, 52, 0}
	cases := []struct {
		in   string
		want SystemTime
	}{
		{"Mon, 28 Jul 2008 10:05:52 GMT\n", want},
		{" mon 28 jul 2008 10 05 52\n", want},
		{"garbage", nowST},
		{"", nowST},
		{"Monday, 28-Jul-08 10:05:52 GMT", SystemTime{8, 7, 1, 28, 10, 5, 52, 0}},
		{"Mon Jul 28 10:05:52 2008", SystemTime{2030, 3, 1, 28, 5, 6, 7, 8}},
		{"Tue, 29 Jul", SystemTime{2030, 7, 2, 29, 5, 6, 7, 0}},
	}
	for _, tc := range cases {
		if got := ParseHTTPDate(tc.in, now); got != tc.want {
			t.Errorf("ParseHTTPDate(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}
