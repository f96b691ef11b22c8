package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/winhttpjs/winhttpjs/runtime"
)

// replHelp is what .help prints.
const replHelp = `.clear     Start over in a fresh runtime (globals and _ are forgotten)
.editor    Enter a multi-line buffer; Ctrl-D evaluates it, Ctrl-C cancels
.exit      Leave the REPL (Ctrl-D on an empty line too)
.help      Print this help
.httpbin   Start the built-in httpbin and put its URL in process.env.HTTPBIN_URL
.load FILE Evaluate the JavaScript in FILE
.save FILE Save what was typed in this session to FILE
.trace on|off  Print each request and response head as it happens (curl -v style)

Ctrl-C clears the input or stops a running statement; Tab completes names;
Ctrl-R searches the history.`

// dot runs a dot command. editor reads the lines of .editor (nil when
// there is no terminal). It returns errExit, with the exit code, to end
// the REPL.
func (sess *replSession) dot(line string, editor func() (string, bool)) (int, error) {
	name, arg, _ := strings.Cut(line, " ")
	arg = strings.TrimSpace(arg)
	out, errw := sess.s.out, sess.s.err
	switch name {
	case ".exit":
		return 0, errExit
	case ".help":
		fmt.Fprintln(out, replHelp)
	case ".clear":
		p, err := runtime.NewREPL(sess.opts)
		if err != nil {
			fmt.Fprintln(errw, "cannot start a fresh runtime:", err)
			return 0, nil
		}
		_ = sess.p.Close()
		sess.p = p
		if sess.trace {
			p.SetTrace(errw)
		}
		if sess.bin != nil {
			p.Setenv("HTTPBIN_URL", sess.bin.URL)
		}
		fmt.Fprintln(out, "Clearing context...")
	case ".load":
		if arg == "" {
			fmt.Fprintln(errw, "usage: .load FILE")
			return 0, nil
		}
		b, err := os.ReadFile(arg)
		if err != nil {
			fmt.Fprintln(errw, "cannot load:", err)
			return 0, nil
		}
		if q := sess.eval(string(b)); q != nil {
			return *q, errExit
		}
	case ".save":
		if arg == "" {
			fmt.Fprintln(errw, "usage: .save FILE")
			return 0, nil
		}
		text := strings.Join(sess.inputs, "\n")
		if text != "" {
			text += "\n"
		}
		if err := os.WriteFile(arg, []byte(text), 0o644); err != nil {
			fmt.Fprintln(errw, "cannot save:", err)
			return 0, nil
		}
		fmt.Fprintf(out, "Session saved to: %s\n", arg)
	case ".trace":
		switch arg {
		case "on":
			sess.trace = true
			sess.p.SetTrace(errw)
		case "off":
			sess.trace = false
			sess.p.SetTrace(nil)
		default:
			fmt.Fprintln(errw, "usage: .trace on|off")
			return 0, nil
		}
		fmt.Fprintf(out, "Tracing is %s\n", arg)
	case ".httpbin":
		if sess.bin == nil {
			h, err := startHTTPBin("127.0.0.1:0")
			if err != nil {
				fmt.Fprintln(errw, err)
				return 0, nil
			}
			sess.bin = h
			sess.opts.Env = append(sess.opts.Env, "HTTPBIN_URL="+h.URL)
			sess.p.Setenv("HTTPBIN_URL", h.URL)
		}
		fmt.Fprintf(out, "httpbin is serving at %s (process.env.HTTPBIN_URL)\n", sess.bin.URL)
	case ".editor":
		if editor == nil {
			fmt.Fprintln(errw, ".editor needs a terminal")
			return 0, nil
		}
		fmt.Fprintln(out, "// Entering editor mode (Ctrl-D to finish, Ctrl-C to cancel)")
		src, ok := editor()
		if !ok {
			return 0, nil
		}
		if q := sess.eval(src); q != nil {
			return *q, errExit
		}
	default:
		fmt.Fprintf(errw, "Invalid REPL keyword %s (try .help)\n", name)
	}
	return 0, nil
}
