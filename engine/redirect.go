package engine

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// defaultMaxRedirects is WinHTTP's MAX_HTTP_AUTOMATIC_REDIRECTS default.
const defaultMaxRedirects = 10

// nextHop is where a followed redirect goes and what it sends.
type nextHop struct {
	url    *url.URL
	method string
	body   requestBody
}

// redirect decides whether resp is followed. It returns nil when resp is
// the final response: not a redirect, redirects disabled, no Location, or
// a redirect that would have to re-send a body that cannot be replayed.
func (r *Request) redirect(resp *http.Response, cur *url.URL, method string, b requestBody, hops int) (*nextHop, error) {
	code := resp.StatusCode
	if r.Redirects.Disabled || !isRedirect(code) {
		return nil, nil
	}
	loc := resp.Header.Get("Location")
	if loc == "" {
		return nil, nil
	}
	fail := func(format string, args ...any) error {
		return &Error{Code: ErrRedirectFailed, Op: "redirect", URL: cur.String(), Err: fmt.Errorf(format, args...)}
	}
	max := r.Redirects.Max
	if max <= 0 {
		max = defaultMaxRedirects
	}
	if hops >= max {
		return nil, fail("more than %d redirects", max)
	}
	next, err := cur.Parse(fixPercents(escapeUnsafe(loc)))
	if err != nil {
		return nil, fail("bad Location %q: %v", loc, err)
	}
	next.Scheme = strings.ToLower(next.Scheme)
	if next.Scheme != "http" && next.Scheme != "https" {
		return nil, fail("Location %q does not use http or https", loc)
	}
	if next.Hostname() == "" {
		return nil, fail("Location %q has no host", loc)
	}
	if cur.Scheme == "https" && next.Scheme == "http" && !r.Redirects.AllowHTTPSToHTTP {
		return nil, fail("redirect from https to http refused: %s", next)
	}
	next = stripFragment(next)

	nextMethod, keepBody := redirectMethod(code, method)
	nb := requestBody{}
	if keepBody {
		if !b.replayable() {
			return nil, nil
		}
		nb = b
	}
	return &nextHop{url: next, method: nextMethod, body: nb}, nil
}

func isRedirect(code int) bool {
	switch code {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// redirectMethod applies the method rules: 301 and 302 turn POST into a
// bodiless GET and keep other verbs; 303 turns everything but HEAD into a
// bodiless GET; 307 and 308 keep verb and body.
func redirectMethod(code int, method string) (string, bool) {
	switch code {
	case http.StatusMovedPermanently, http.StatusFound:
		if method == http.MethodPost {
			return http.MethodGet, false
		}
		return method, true
	case http.StatusSeeOther:
		if method == http.MethodHead {
			return method, false
		}
		return http.MethodGet, false
	}
	return method, true
}
