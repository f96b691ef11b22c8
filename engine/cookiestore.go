package engine

import (
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"sync/atomic"
)

// cookieStore is a session's cookie store: a cookiejar.Jar made when the
// first cookie arrives. Most sessions never receive one (a WinHttpRequest
// object per request gets a session each), and an empty jar costs two
// allocations to make. It is safe for concurrent use, as the jar is.
type cookieStore struct {
	jar atomic.Pointer[cookiejar.Jar]
}

var _ http.CookieJar = (*cookieStore)(nil)

// Cookies returns the cookies to send to u; none before a cookie was
// stored.
func (c *cookieStore) Cookies(u *url.URL) []*http.Cookie {
	j := c.jar.Load()
	if j == nil {
		return nil
	}
	return j.Cookies(u)
}

// SetCookies files cookies received from u, making the jar for the first.
func (c *cookieStore) SetCookies(u *url.URL, cookies []*http.Cookie) {
	if len(cookies) == 0 {
		return
	}
	j := c.jar.Load()
	if j == nil {
		// cookiejar.New fails only for a bad PublicSuffixList; nil has none.
		j, _ = cookiejar.New(nil)
		if !c.jar.CompareAndSwap(nil, j) {
			// Another request stored the first cookie at the same time.
			j = c.jar.Load()
		}
	}
	j.SetCookies(u, cookies)
}
