package parser

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"
)

// stepReader returns each of data in one Read (or in pieces, if p is
// shorter), the last piece with errs[i]; then io.EOF, or, with
// thenBlock, a test failure: a source that does not repeat its error.
type stepReader struct {
	t         *testing.T
	data      []string
	errs      []error
	i         int
	thenBlock bool
}

func (s *stepReader) Read(p []byte) (int, error) {
	if s.i >= len(s.data) {
		if s.thenBlock {
			s.t.Errorf("read again after the last step")
		}
		return 0, io.EOF
	}
	n := copy(p, s.data[s.i])
	if n < len(s.data[s.i]) {
		s.data[s.i] = s.data[s.i][n:]
		return n, nil
	}
	err := s.errs[s.i]
	s.i++
	return n, err
}

// TestChunkedReaderErrorWithData: a source may return data together
// with an error (io.Reader: "Callers should always process the n > 0
// bytes returned before considering the error err"). The ChunkedReader
// uses the data, then returns the error, whether it fills its buffer or
// reads chunk-data straight into the caller's slice; it does not read
// the source again to find the error (a source need not repeat it).
func TestChunkedReaderErrorWithData(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []string
		errs []error
		want string
		err  error
	}{
		{"error, buffer", []string{"5\r\nhel", "lo\r\n0\r\n\r\n"}, []error{errSource, nil}, "hello", errSource},
		{"error, straight", []string{"5\r\n", "hel", "lo\r\n0\r\n\r\n"}, []error{nil, errSource, nil}, "hello", errSource},
		{"EOF, buffer", []string{"5\r\nhel"}, []error{io.EOF}, "hel", io.ErrUnexpectedEOF},
		{"EOF, straight", []string{"5\r\n", "hel"}, []error{nil, io.EOF}, "hel", io.ErrUnexpectedEOF},
		{"EOF, whole body", []string{"5\r\nhello\r\n0\r\n\r\n"}, []error{io.EOF}, "hello", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := &stepReader{t: t, data: tc.data, errs: tc.errs, thenBlock: true}
			c := NewChunkedReader(src, nil)
			var got []byte
			var sawErr error
			buf := make([]byte, 64)
			for range 10 {
				n, err := c.Read(buf)
				got = append(got, buf[:n]...)
				if err == io.EOF {
					break
				}
				if err != nil {
					if sawErr == nil {
						sawErr = err
					}
					if errors.Is(err, io.ErrUnexpectedEOF) {
						break
					}
				}
			}
			if string(got) != tc.want || !errors.Is(sawErr, tc.err) || tc.err == nil && sawErr != nil {
				t.Errorf("got %q, error %v; want %q, %v", got, sawErr, tc.want, tc.err)
			}
		})
	}
}

// TestChunkedReaderReadPerChunk: chunks larger than the buffer, read
// into a larger slice, take one Read each after the first (which the
// first fill, a whole buffer, splits) and one for io.EOF. Their data goes
// straight into the caller's slice, and the short fill after it reads the
// CRLF and a chunk-size line as long as the last one and no more: it read
// 32 bytes, so 24 bytes of the next chunk's data came out of a Read of
// their own (two Reads a chunk, and those bytes copied twice: 9, 7 and 7
// Reads below).
func TestChunkedReaderReadPerChunk(t *testing.T) {
	for _, tc := range []struct {
		name  string
		sizes []int
		ext   string
		reads int // Reads up to and including io.EOF
	}{
		{"equal chunks", []int{8192, 8192, 8192, 8192}, "", 6},
		{"equal chunks with an extension", []int{8192, 8192, 8192}, ";name=value", 5},
		// A line longer than the last takes another fill, which reads
		// into the next chunk's data: no fewer Reads than before.
		{"growing lines", []int{0x1000, 0x10000, 0x100000}, "", 7},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var body []byte
			for _, n := range tc.sizes {
				body = append(body, strconv.FormatInt(int64(n), 16)+tc.ext+"\r\n"...)
				body = append(body, bytes.Repeat([]byte{'x'}, n)...)
				body = append(body, "\r\n"...)
			}
			body = append(body, "0\r\n\r\n"...)
			cr := NewChunkedReader(bytes.NewReader(body), nil)
			buf := make([]byte, 2<<20)
			reads, total := 0, 0
			for {
				n, err := cr.Read(buf)
				reads++
				total += n
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			want := 0
			for _, n := range tc.sizes {
				want += n
			}
			if total != want || reads != tc.reads {
				t.Errorf("%d bytes in %d Reads, want %d in %d", total, reads, want, tc.reads)
			}
		})
	}
}

// TestChunkedReaderTrailerValue: the first trailer field of a name, in
// any case (§4.2), once Read has returned io.EOF; nil before, and for a
// name no field has.
func TestChunkedReaderTrailerValue(t *testing.T) {
	body := "3\r\nabc\r\n0\r\nExpires: Thu, 01 Dec 1994 16:00:00 GMT\r\nX-Sum: 1\r\nx-sum: 2\r\n\r\n"
	cr := NewChunkedReader(strings.NewReader(body), nil)
	if v := cr.TrailerValue("X-Sum"); v != nil {
		t.Errorf("before the body is read: %q", v)
	}
	if _, err := io.Copy(io.Discard, cr); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, want string }{
		{"X-Sum", "1"}, {"x-SUM", "1"}, {"expires", "Thu, 01 Dec 1994 16:00:00 GMT"}, {"Age", "<nil>"},
	} {
		if got := cr.TrailerValue(tc.name); fmt.Sprintf("%s", got) != tc.want && !(got == nil && tc.want == "<nil>") {
			t.Errorf("TrailerValue(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}
