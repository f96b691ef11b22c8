//go:build !linux

package hugebuf

// adviseHuge does nothing here: huge pages for a buffer are asked for on
// Linux only.
func adviseHuge([]byte) {}
