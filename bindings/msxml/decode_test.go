package msxml

import (
	"strings"
	"testing"
)

func TestDecode(t *testing.T) {
	big := strings.Repeat("a\u00e9", 3<<20) // 9 MiB of UTF-8, past hugebuf.Threshold
	tests := []struct {
		name, contentType, body, want string
	}{
		{"utf-8 charset", "text/plain; charset=utf-8", "caf\xc3\xa9", "caf\u00e9"},
		{"utf-8 charset, BOM removed", "text/plain; charset=UTF-8", "\xef\xbb\xbfok", "ok"},
		{"utf-8 charset, invalid bytes", "text/plain; charset=utf-8", "a\xff\xfeb", "a\ufffdb"},
		{"utf-8 charset, large", "application/json; charset=utf-8", big, big},
		{"latin1 charset", "text/plain; charset=iso-8859-1", "caf\xe9", "caf\u00e9"},
		{"no charset, UTF-16LE BOM", "text/plain", "\xff\xfeh\x00i\x00", "hi"},
		{"no charset, UTF-16BE BOM", "", "\xfe\xff\x00h\x00i", "hi"},
		{"no charset, UTF-8 BOM", "text/plain", "\xef\xbb\xbfh\xc3\xa9", "h\u00e9"},
		{"no charset, invalid run", "text/plain", "a\xff\xfeb", "a\ufffdb"},
		{"no charset, large", "text/plain", big, big},
		{"empty", "text/plain; charset=utf-8", "", ""},
	}
	for _, tt := range tests {
		if got := decode([]byte(tt.body), tt.contentType); got != tt.want {
			t.Errorf("%s: decode gave %d bytes %.40q, want %d bytes %.40q", tt.name, len(got), got, len(tt.want), tt.want)
		}
	}
}
