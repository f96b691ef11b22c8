package engine

import (
	"errors"
	"strconv"
	"unicode/utf16"
)

// URLParts is WinHttpCreateUrl's input: URL_COMPONENTS with each string
// given or NULL (nil).
type URLParts struct {
	Scheme    *string
	SchemeNum int // INTERNET_SCHEME_*; 0 means http
	HostName  *string
	Port      int
	UserName  *string
	Password  *string
	URLPath   *string
	ExtraInfo *string
}

// CreateURL assembles a URL as WinHttpCreateUrl does (spec §5.2): the
// scheme string wins over SchemeNum; after a host name, the port is
// written unless it is the scheme's default and a path without a leading
// '/' gets one; ICU_ESCAPE
// escapes path and extra info (a character above U+00FF there fails with
// ErrInvalidParameter). A password without a user name fails with
// ErrInvalidParameter; ICU_REJECT_USERPWD refuses either with
// ErrInvalidURL.
func CreateURL(c URLParts, flags uint32) (string, error) {
	fail := func(code Code, why string) (string, error) {
		return "", &Error{Code: code, Op: "createurl", Err: errors.New(why)}
	}
	if c.UserName == nil && c.Password != nil {
		return fail(ErrInvalidParameter, "a password needs a user name")
	}
	if flags&ICURejectUserPw != 0 && (c.UserName != nil || c.Password != nil) {
		return fail(ErrInvalidURL, "ICU_REJECT_USERPWD: the components carry a user name or password")
	}
	var scheme string
	switch {
	case c.Scheme != nil:
		scheme = *c.Scheme
	case c.SchemeNum == 2:
		scheme = "https"
	case c.SchemeNum == 0 || c.SchemeNum == 1:
		scheme = "http"
	case c.SchemeNum == 3:
		scheme = "ftp"
	case c.SchemeNum == 4:
		scheme = "socks"
	default:
		return fail(ErrInvalidParameter, "unknown nScheme "+strconv.Itoa(c.SchemeNum))
	}
	out := scheme + "://"
	if c.UserName != nil {
		out += *c.UserName
		if c.Password != nil {
			out += ":" + *c.Password
		}
		out += "@"
	}
	// The port and a missing leading '/' are written only after a host
	// name (spec cases C19 and C22 have neither).
	if c.HostName != nil {
		out += *c.HostName
		def := map[string]int{"http": 80, "https": 443}[lowerASCII(scheme)]
		if def == 0 || c.Port != def {
			out += ":" + strconv.Itoa(c.Port)
		}
	}
	tail := ""
	if c.URLPath != nil {
		p := *c.URLPath
		if c.HostName != nil && p != "" && p[0] != '/' {
			p = "/" + p
		}
		tail += p
	}
	if c.ExtraInfo != nil {
		tail += *c.ExtraInfo
	}
	if flags&ICUEscape != 0 {
		esc, ok := escape16(utf16.Encode([]rune(tail)))
		if !ok {
			return fail(ErrInvalidParameter, "ICU_ESCAPE: a character above U+00FF cannot be escaped")
		}
		tail = string(utf16.Decode(esc))
	}
	return out + tail, nil
}

func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
