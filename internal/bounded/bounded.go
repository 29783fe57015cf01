// Package bounded reads an input whole up to a limit, counting the bytes
// read rather than the size a file claims, so that /dev/zero, a FIFO or an
// endless pipe cannot fill memory. The commands (cmd/abnfc, cmd/httpcheck)
// read their inputs through it and word the limit error themselves.
package bounded

import (
	"io"
	"math"
)

// ReadAll reads r to its end. over reports that r holds more than max
// bytes, in which case b is not all of it.
func ReadAll(r io.Reader, max int64) (b []byte, over bool, err error) {
	// One byte beyond max tells a longer input; max+1 must not wrap to a
	// negative limit, under which nothing is read.
	n := max
	if n < math.MaxInt64 {
		n++
	}
	b, err = io.ReadAll(io.LimitReader(r, n))
	return b, int64(len(b)) > max, err
}
