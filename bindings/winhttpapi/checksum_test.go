package winhttpapi

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
)

// checksumOf fetches path with Go's client and returns the scripts'
// checksum of the body, so the scripts' bytes are compared with the
// server's.
func checksumOf(t *testing.T, s *httptest.Server, path string) string {
	t.Helper()
	resp, err := http.Get(s.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var sum int64
	for _, c := range b {
		sum = (sum*31 + int64(c)) % 1000000007
	}
	return strconv.FormatInt(sum, 10)
}
