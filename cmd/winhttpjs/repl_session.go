package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/winhttpjs/winhttpjs/runtime"
)

// replSession is the state of one REPL: the runtime (replaced by .clear),
// what was typed (for .save), and the .httpbin server.
type replSession struct {
	s      streams
	opts   runtime.Options
	p      *runtime.REPL
	colors bool
	trace  bool
	inputs []string
	bin    *localServer
	// sigint receives SIGINT on a terminal, where it comes only while a
	// statement runs (the line editor reads Ctrl-C as a key while it waits
	// for input). Piped, SIGINT is left to end the program as usual.
	sigint chan os.Signal
}

func newREPLSession(s streams, opts runtime.Options) (*replSession, error) {
	p, err := runtime.NewREPL(opts)
	if err != nil {
		return nil, err
	}
	return &replSession{s: s, opts: opts, p: p, sigint: make(chan os.Signal, 1)}, nil
}

func (sess *replSession) close() {
	signal.Stop(sess.sigint)
	_ = sess.p.Close()
	if sess.bin != nil {
		_ = sess.bin.Close()
	}
}

// eval evaluates one complete input and prints its value or error. It
// returns a non-nil code when the input called WScript.Quit.
func (sess *replSession) eval(src string) (quit *int) {
	sess.inputs = append(sess.inputs, src)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Drop a SIGINT that came before this statement started.
	select {
	case <-sess.sigint:
	default:
	}
	stopped := make(chan struct{})
	watching := make(chan struct{})
	go func() {
		defer close(watching)
		select {
		case <-sess.sigint:
			cancel()
		case <-stopped:
		}
	}()
	res, err := sess.p.Eval(ctx, src)
	close(stopped)
	<-watching
	var qe *runtime.QuitError
	switch {
	case errors.As(err, &qe):
		return &qe.Code
	case errors.Is(err, runtime.ErrInterrupted):
		fmt.Fprintln(sess.s.err, "Interrupted: the statement was stopped and its requests aborted")
	case err != nil:
		fmt.Fprintln(sess.s.err, sess.paint("31", runtime.FormatError(err)))
	default:
		fmt.Fprintln(sess.s.out, res.Format(sess.colors))
	}
	return nil
}

func (sess *replSession) paint(code, s string) string {
	if !sess.colors {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

// piped evaluates standard input statement by statement, printing each
// result, and returns the exit code.
func (sess *replSession) piped() int {
	lr := newLineReader(sess.s.in)
	var buf statementBuffer
	for {
		line, err := lr.next()
		if err != nil {
			if buf.Len() > 0 {
				if q := sess.eval(buf.String()); q != nil {
					return *q
				}
			}
			return 0
		}
		if buf.Len() == 0 && strings.HasPrefix(strings.TrimSpace(line), ".") {
			code, err := sess.dot(strings.TrimSpace(line), nil)
			if errors.Is(err, errExit) {
				return code
			}
			continue
		}
		src, ok := buf.add(line)
		if !ok {
			continue
		}
		if q := sess.eval(src); q != nil {
			return *q
		}
	}
}

// lineReader reads lines of any length, without their terminators.
type lineReader struct{ r *bufio.Reader }

func newLineReader(r io.Reader) *lineReader { return &lineReader{r: bufio.NewReader(r)} }

// next returns the next line; the last one may lack a newline.
func (l *lineReader) next() (string, error) {
	line, err := l.r.ReadString('\n')
	if err != nil && line == "" {
		return "", err
	}
	return strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r"), nil
}

// statementBuffer gathers input lines until the parser says they make a
// complete statement.
type statementBuffer struct{ strings.Builder }

// add appends line. It returns the whole statement, and resets, once the
// statement is complete; ok is false while more lines are needed, or when
// the input was blank.
func (b *statementBuffer) add(line string) (src string, ok bool) {
	b.WriteString(line)
	if runtime.Incomplete(b.String()) {
		b.WriteByte('\n')
		return "", false
	}
	src = b.String()
	b.Reset()
	return src, strings.TrimSpace(src) != ""
}
