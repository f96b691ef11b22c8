package engine

import "net/url"

// proxyFor returns the proxy to use for target under cfg, or nil for a
// direct connection. Owned by the security part of the engine (proxy*.go).
// ProxyDefault reads HTTP_PROXY, HTTPS_PROXY and NO_PROXY (either case) from
// env (os.Getenv when env is nil).
func proxyFor(cfg ProxyConfig, target *url.URL, env func(string) string) (*url.URL, error) {
	panic("TODO")
}
