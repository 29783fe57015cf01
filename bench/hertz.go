package bench

import (
	"errors"
	"io"
)

// HertzReader is a minimal network.Reader of hertz
// (github.com/cloudwego/hertz/pkg/network) over a byte slice, so that
// hertz's request-header parser (pkg/protocol/http1/req.ReadHeader) can run
// without a connection or netpoll. Peek returns the slice itself, as
// netpoll's zero-copy reader does.
type HertzReader struct {
	b []byte
	r int
}

// Reset starts reading b.
func (h *HertzReader) Reset(b []byte) { h.b, h.r = b, 0 }

// Peek returns the next n bytes without consuming them.
func (h *HertzReader) Peek(n int) ([]byte, error) {
	if rest := len(h.b) - h.r; n > rest {
		return h.b[h.r:], io.EOF
	}
	return h.b[h.r : h.r+n], nil
}

// Skip consumes n bytes.
func (h *HertzReader) Skip(n int) error {
	if n > len(h.b)-h.r {
		return errors.New("hertzreader: skip past the end")
	}
	h.r += n
	return nil
}

// Release does nothing: the slice belongs to the caller.
func (h *HertzReader) Release() error { return nil }

// Len returns the number of unread bytes.
func (h *HertzReader) Len() int { return len(h.b) - h.r }

// ReadByte reads one byte.
func (h *HertzReader) ReadByte() (byte, error) {
	if h.r == len(h.b) {
		return 0, io.EOF
	}
	h.r++
	return h.b[h.r-1], nil
}

// ReadBinary returns a copy of the next n bytes.
func (h *HertzReader) ReadBinary(n int) ([]byte, error) {
	p, err := h.Peek(n)
	if err != nil {
		return nil, err
	}
	h.r += n
	return append([]byte(nil), p...), nil
}
