// Package pac evaluates proxy auto-configuration (PAC) files: it runs a
// script's FindProxyForURL(url, host) in a goja runtime of its own, with
// the standard helper functions (isPlainHostName, dnsDomainIs,
// localHostOrDomainIs, isResolvable, isInNet, dnsResolve, myIpAddress,
// dnsDomainLevels, shExpMatch, weekdayRange, dateRange, timeRange).
package pac

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
)

// Options configure an evaluation; the zero value uses the system.
type Options struct {
	// Resolver answers dnsResolve, isResolvable and isInNet; nil means
	// net.DefaultResolver.
	Resolver *net.Resolver
	// MyIPAddress is what myIpAddress() returns; "" means the address of
	// the interface that routes to the Internet (127.0.0.1 if none).
	MyIPAddress string
	// Now is the clock of weekdayRange, dateRange and timeRange; nil
	// means time.Now.
	Now func() time.Time
	// Timeout bounds the script's run (an endless loop must not hang the
	// caller); 0 means 10 seconds.
	Timeout time.Duration
}

// ScriptError reports a failure of the PAC script itself: a syntax
// error, an exception, no FindProxyForURL, a non-string result, or a
// timeout.
type ScriptError struct{ Err error }

// Error describes the failure.
func (e *ScriptError) Error() string { return "PAC script: " + e.Err.Error() }

// Unwrap returns the cause.
func (e *ScriptError) Unwrap() error { return e.Err }

// FindProxyForURL runs script and returns what its FindProxyForURL(url,
// host) returns, e.g. "PROXY p:8080; DIRECT".
func FindProxyForURL(ctx context.Context, script, url, host string, opts Options) (string, error) {
	if opts.Resolver == nil {
		opts.Resolver = net.DefaultResolver
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 10 * time.Second
	}
	rt := goja.New()
	ctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	stop := context.AfterFunc(ctx, func() { rt.Interrupt("PAC script timed out") })
	defer stop()
	h := helpers{ctx: ctx, opts: opts}
	h.install(rt)
	if _, err := rt.RunString(script); err != nil {
		return "", &ScriptError{err}
	}
	fn, ok := goja.AssertFunction(rt.Get("FindProxyForURL"))
	if !ok {
		return "", &ScriptError{errors.New("the script defines no FindProxyForURL function")}
	}
	v, err := fn(goja.Undefined(), rt.ToValue(url), rt.ToValue(host))
	if err != nil {
		return "", &ScriptError{err}
	}
	s, ok := com.Export(v).(string)
	if !ok {
		return "", &ScriptError{fmt.Errorf("FindProxyForURL returned %s, not a string", v)}
	}
	return s, nil
}

// Entry is one element of a PAC result.
type Entry struct {
	Kind string // "DIRECT", "PROXY", "HTTP", "HTTPS", "SOCKS", "SOCKS4", "SOCKS5"
	Host string // host:port, empty for DIRECT
}

// Parse splits a FindProxyForURL result ("PROXY a:1; DIRECT") into
// entries; unknown kinds are an error.
func Parse(result string) ([]Entry, error) {
	var out []Entry
	for _, part := range strings.Split(result, ";") {
		f := strings.Fields(part)
		if len(f) == 0 {
			continue
		}
		kind := strings.ToUpper(f[0])
		switch kind {
		case "DIRECT":
			if len(f) != 1 {
				return nil, fmt.Errorf("bad PAC entry %q", part)
			}
			out = append(out, Entry{Kind: kind})
		case "PROXY", "HTTP", "HTTPS", "SOCKS", "SOCKS4", "SOCKS5":
			if len(f) != 2 {
				return nil, fmt.Errorf("bad PAC entry %q", part)
			}
			out = append(out, Entry{Kind: kind, Host: f[1]})
		default:
			return nil, fmt.Errorf("unknown PAC entry %q", part)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("empty PAC result")
	}
	return out, nil
}
