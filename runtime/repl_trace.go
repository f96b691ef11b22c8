package runtime

import (
	"fmt"
	"io"
	"strings"

	"github.com/winhttpjs/winhttpjs/engine"
)

// SetTrace makes every request (WinHttpRequest and require("winhttp")) print its request and
// response heads to w as it happens, curl -v style (nil turns it off).
// Authorization values are masked. Safe to call from any goroutine.
func (p *REPL) SetTrace(w io.Writer) {
	p.traceMu.Lock()
	p.trace = w
	p.traceMu.Unlock()
}

// tracing returns the trace writer, nil when off.
func (p *REPL) tracing() io.Writer {
	p.traceMu.Lock()
	defer p.traceMu.Unlock()
	return p.trace
}

// observe is the bindings' Observe hook. It runs on the script's
// goroutine before the request is sent; the notifications and the end
// come from the transfer's goroutines, so each write is one whole block
// under traceMu.
func (p *REPL) observe(req *engine.Request) func(*engine.Response, error) {
	if p.tracing() == nil {
		return nil
	}
	var b strings.Builder
	target := req.URL.RequestURI()
	method := req.Method
	if method == "" {
		method = "GET"
	}
	fmt.Fprintf(&b, "> %s %s HTTP/1.1\n> Host: %s\n", method, target, req.URL.Host)
	// The engine adds User-Agent unless the script set the header itself.
	if _, set := req.Header.Get("User-Agent"); !set && req.UserAgent != nil && *req.UserAgent != "" {
		fmt.Fprintf(&b, "> User-Agent: %s\n", *req.UserAgent)
	}
	for _, f := range req.Header.Fields() {
		fmt.Fprintf(&b, "> %s: %s\n", f.Name, maskHeader(f.Name, f.Value))
	}
	b.WriteString(">\n")
	p.traceWrite(b.String())
	prev := req.Notify
	req.Notify = func(n engine.Notification) {
		if prev != nil {
			prev(n)
		}
		switch n.Status {
		case engine.StatusConnectingToServer:
			p.traceWrite(fmt.Sprintf("* Connecting to %v\n", n.Info))
		case engine.StatusConnectedToServer:
			p.traceWrite(fmt.Sprintf("* Connected to %v\n", n.Info))
		case engine.StatusRedirect:
			p.traceWrite(fmt.Sprintf("* Redirected to %v\n", n.Info))
		}
	}
	return func(resp *engine.Response, err error) {
		if err != nil {
			p.traceWrite(fmt.Sprintf("* Request failed: %v\n", err))
			return
		}
		var b strings.Builder
		fmt.Fprintf(&b, "< %s %d %s\n", resp.Proto, resp.StatusCode, resp.StatusText)
		for _, f := range resp.Header.Fields() {
			fmt.Fprintf(&b, "< %s: %s\n", f.Name, maskHeader(f.Name, f.Value))
		}
		b.WriteString("<\n")
		p.traceWrite(b.String())
	}
}

func (p *REPL) traceWrite(s string) {
	p.traceMu.Lock()
	defer p.traceMu.Unlock()
	if p.trace != nil {
		_, _ = io.WriteString(p.trace, s)
	}
}

// maskHeader hides credentials: an Authorization value keeps its scheme
// ("Basic ***") so the trace still tells which scheme was used.
func maskHeader(name, value string) string {
	if !strings.EqualFold(name, "Authorization") && !strings.EqualFold(name, "Proxy-Authorization") {
		return value
	}
	if scheme, _, ok := strings.Cut(value, " "); ok {
		return scheme + " ***"
	}
	return "***"
}
