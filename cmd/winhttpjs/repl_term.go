package main

import (
	"errors"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"github.com/peterh/liner"
)

// Prompts: Node's.
const (
	promptFirst = "> "
	promptMore  = "... "
)

// historyPath is where the history is kept: $XDG_STATE_HOME/winhttpjs,
// or ~/.local/state/winhttpjs. Empty when neither can be found.
func historyPath() string {
	dir := os.Getenv("XDG_STATE_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil || home == "" {
			return ""
		}
		dir = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(dir, "winhttpjs", "repl_history")
}

// interactive runs the REPL on a terminal with line editing, and returns
// the exit code.
func (sess *replSession) interactive() (int, error) {
	sess.colors = os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
	signal.Notify(sess.sigint, os.Interrupt)
	ed := liner.NewLiner()
	defer ed.Close()
	ed.SetCtrlCAborts(true)
	ed.SetTabCompletionStyle(liner.TabPrints)
	// The completer reads sess.p when called, so it follows .clear.
	ed.SetWordCompleter(func(line string, pos int) (string, []string, string) {
		return sess.p.Complete(line, pos)
	})
	hist := historyPath()
	if hist != "" {
		if f, err := os.Open(hist); err == nil {
			_, _ = ed.ReadHistory(f)
			_ = f.Close()
		}
	}
	saveHistory := func() {
		if hist == "" {
			return
		}
		if err := os.MkdirAll(filepath.Dir(hist), 0o700); err != nil {
			return
		}
		if f, err := os.OpenFile(hist, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600); err == nil {
			_, _ = ed.WriteHistory(f)
			_ = f.Close()
		}
	}
	editor := func() (string, bool) {
		var b strings.Builder
		for {
			line, err := ed.Prompt("")
			switch {
			case errors.Is(err, io.EOF):
				return b.String(), true
			case err != nil:
				return "", false
			}
			b.WriteString(line)
			b.WriteByte('\n')
		}
	}
	var buf statementBuffer
	for {
		prompt := promptFirst
		if buf.Len() > 0 {
			prompt = promptMore
		}
		line, err := ed.Prompt(prompt)
		switch {
		case errors.Is(err, liner.ErrPromptAborted):
			// Ctrl-C clears the input, complete or not.
			buf.Reset()
			continue
		case errors.Is(err, io.EOF):
			if buf.Len() > 0 {
				buf.Reset()
				continue
			}
			return 0, nil
		case err != nil:
			return 1, err
		}
		if buf.Len() == 0 && strings.HasPrefix(strings.TrimSpace(line), ".") {
			cmd := strings.TrimSpace(line)
			ed.AppendHistory(cmd)
			saveHistory()
			code, err := sess.dot(cmd, editor)
			if errors.Is(err, errExit) {
				return code, nil
			}
			continue
		}
		src, ok := buf.add(line)
		if !ok {
			continue
		}
		// A multi-line statement is kept as one history entry.
		ed.AppendHistory(strings.ReplaceAll(src, "\n", " "))
		saveHistory()
		if q := sess.eval(src); q != nil {
			return *q, nil
		}
	}
}
