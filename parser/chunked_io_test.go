package parser

import (
	"errors"
	"io"
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
