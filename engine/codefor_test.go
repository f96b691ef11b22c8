package engine

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

func TestCodeFor(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want Code
	}{
		{"nil", nil, 0},
		{"engine error", &Error{Code: ErrCannotConnect}, ErrCannotConnect},
		{"wrapped code", fmt.Errorf("send: %w", ErrHeaderNotFound), ErrHeaderNotFound},
		{"deadline", fmt.Errorf("wait: %w", context.DeadlineExceeded), ErrTimeout},
		{"cancelled", context.Canceled, ErrOperationCancelled},
		{"anything else", errors.New("boom"), ErrInternal},
	}
	for _, tt := range tests {
		if got := CodeFor(tt.err); got != tt.want {
			t.Errorf("%s: CodeFor = %d, want %d", tt.name, got, tt.want)
		}
	}
}
