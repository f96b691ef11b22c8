package winhttp_test

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package when a test leaves goroutines behind: every
// transfer must end once its test's context is cancelled.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
