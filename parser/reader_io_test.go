package parser

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

// Tests of the Reader's and the ChunkedReader's I/O behaviour: sources
// with unusual but legal io.Reader behaviour, callers with unusual
// buffers.

var errSource = errors.New("source error")

// failOnce returns the bytes of data up to n one at a time, then err once
// (with the byte at n-1 when withData), then the rest of data and io.EOF.
type failOnce struct {
	data     string
	n        int
	err      error
	withData bool
	fired    bool
	pos      int
}

func (f *failOnce) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if !f.fired && f.pos >= f.n {
		f.fired = true
		return 0, f.err
	}
	lim := len(f.data)
	if !f.fired {
		lim = f.n
	}
	if f.pos >= lim {
		return 0, io.EOF
	}
	p[0] = f.data[f.pos]
	f.pos++
	if !f.fired && f.withData && f.pos == f.n {
		f.fired = true
		return 1, f.err
	}
	return 1, nil
}

// within runs f and fails the test if it takes longer than d.
func within(t *testing.T, d time.Duration, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s: still running after %v", what, d)
	}
}

const byterangesResponse = "HTTP/1.1 206 Partial Content\r\nContent-Type: multipart/byteranges; boundary=B\r\n\r\n" +
	"--B\r\nContent-Range: bytes 0-0/2\r\n\r\na\r\n--B--"

// TestReaderByterangesSourceError: an error of the source inside a
// multipart/byteranges body is returned as it is (as in the other
// framings), and stays; it is not reported as the end of the stream.
func TestReaderByterangesSourceError(t *testing.T) {
	head := strings.Index(byterangesResponse, "\r\n\r\n") + 4
	for _, tc := range []struct {
		name string
		src  io.Reader
		want error
	}{
		{"error", &failOnce{data: byterangesResponse + "\r\n", n: head + 10, err: errSource}, errSource},
		{"error with data", &failOnce{data: byterangesResponse + "\r\n", n: head + 10, err: errSource, withData: true}, errSource},
		{"no progress", &stalling{data: byterangesResponse[:head+10], empty: 99}, io.ErrNoProgress},
	} {
		t.Run(tc.name, func(t *testing.T) {
			within(t, 10*time.Second, tc.name, func() {
				rd := NewReader(tc.src, nil)
				var m Message
				if err := rd.ReadResponse(&m, nil); err != nil {
					t.Errorf("head: %v", err)
					return
				}
				b, err := io.ReadAll(rd.Body())
				if string(b) != byterangesResponse[head:head+10] || !errors.Is(err, tc.want) || errors.Is(err, io.ErrUnexpectedEOF) {
					t.Errorf("body %q, %v; want %q, %v", b, err, byterangesResponse[head:head+10], tc.want)
				}
				if rd.Offset() != int64(head+10) {
					t.Errorf("Offset %d, want %d", rd.Offset(), head+10)
				}
				if _, err := rd.Body().Read(make([]byte, 4)); !errors.Is(err, tc.want) {
					t.Errorf("read again: %v, want %v (sticky)", err, tc.want)
				}
				if err := rd.ReadResponse(&m, nil); !errors.Is(err, tc.want) {
					t.Errorf("next message: %v, want %v", err, tc.want)
				}
			})
		})
	}
}
