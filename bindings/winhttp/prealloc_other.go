//go:build !linux

package winhttp

import "os"

// preallocate does nothing where fallocate(2) is not available: the file
// grows as it is written.
func preallocate(*os.File, int64, int64) bool { return false }
