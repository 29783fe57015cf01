// Package bounded reads an input whole up to a limit, counting the bytes
// read rather than the size a file claims, so that /dev/zero, a FIFO or an
// endless pipe cannot fill memory. The commands (cmd/abnfc, cmd/httpcheck)
// read their inputs through it and word the limit error themselves.
package bounded

import (
	"io"
	"io/fs"
	"math"
)

// ReadAll reads r to its end. over reports that r holds more than max
// bytes, in which case b is nil: the caller has only the limit to report.
//
// Memory stays near the bytes read. A regular file (r has a Stat method,
// as *os.File) is read into one buffer of its size. Any other input is
// read in pieces of growing size, copied into one buffer at its end (as
// io.ReadAll does: twice its size for that moment); past the limit the
// pieces are dropped, not copied (io.ReadAll on /dev/zero under a 1 GiB
// limit had peaked at 2.1 GB).
func ReadAll(r io.Reader, max int64) (b []byte, over bool, err error) {
	// One byte beyond max tells a longer input; max+1 must not wrap to a
	// negative limit, under which nothing is read.
	n := max
	if n < math.MaxInt64 {
		n++
	}
	lr := io.LimitReader(r, n)
	if f, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() < n {
			// One byte more than the file, for the read that sees its
			// end; a file that grows meanwhile is read on in pieces.
			b = make([]byte, 0, fi.Size()+1)
			for len(b) < cap(b) {
				k, err := lr.Read(b[len(b):cap(b)])
				b = b[:len(b)+k]
				if err == io.EOF {
					return b, false, nil
				}
				if err != nil {
					return nil, false, err
				}
			}
			return pieces(lr, b, max)
		}
	}
	return pieces(lr, make([]byte, 0, 512), max)
}

// pieces reads lr (limited to limit+1 bytes) to its end after the bytes
// of first, into pieces of growing size as io.ReadAll does, and copies
// them into one slice unless they are more than limit bytes.
func pieces(lr io.Reader, first []byte, limit int64) ([]byte, bool, error) {
	var done [][]byte
	total := int64(0)
	b, next := first, max(256, cap(first)/2)
	for {
		// A full piece (first, from a file longer than it said) or one
		// nearly so: the next. Read into an empty slice returns 0, nil,
		// and looped for ever on a /proc file, whose size says 0.
		if len(b) == cap(b) || cap(b)-len(b) < cap(b)/16 {
			done = append(done, b)
			total += int64(len(b))
			b = make([]byte, 0, next)
			next += next / 2
		}
		k, err := lr.Read(b[len(b):cap(b)])
		b = b[:len(b)+k]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, false, err
		}
	}
	total += int64(len(b))
	if total > limit {
		return nil, true, nil
	}
	if len(done) == 0 {
		return b, false, nil
	}
	out := make([]byte, 0, total)
	for _, d := range done {
		out = append(out, d...)
	}
	return append(out, b...), false, nil
}
