package engine

import "syscall"

// setLowWater sets SO_RCVLOWAT on rc's socket.
func setLowWater(rc syscall.RawConn, n int) bool {
	var serr error
	err := rc.Control(func(fd uintptr) {
		serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVLOWAT, n)
	})
	return err == nil && serr == nil
}
