//go:build !linux

package engine

import "syscall"

// setLowWater reports false: batching reads is done on Linux only, where
// the socket's low-water mark governs what epoll reports.
func setLowWater(syscall.RawConn, int) bool { return false }
