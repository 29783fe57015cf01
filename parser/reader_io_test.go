package parser

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"
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

// within runs f and fails the test if it takes longer than d, or if f
// returns an error (f runs in its own goroutine, so it does not report
// itself: it may still run when the test has ended).
func within(t *testing.T, d time.Duration, what string, f func() error) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- f() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("%s: %v", what, err)
		}
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
			within(t, 10*time.Second, tc.name, func() error {
				rd := NewReader(tc.src, nil)
				var m Message
				if err := rd.ReadResponse(&m, nil); err != nil {
					return fmt.Errorf("head: %v", err)
				}
				b, err := io.ReadAll(rd.Body())
				if string(b) != byterangesResponse[head:head+10] || !errors.Is(err, tc.want) || errors.Is(err, io.ErrUnexpectedEOF) {
					return fmt.Errorf("body %q, %v; want %q, %v", b, err, byterangesResponse[head:head+10], tc.want)
				}
				if rd.Offset() != int64(head+10) {
					return fmt.Errorf("Offset %d, want %d", rd.Offset(), head+10)
				}
				if _, err := rd.Body().Read(make([]byte, 4)); !errors.Is(err, tc.want) {
					return fmt.Errorf("read again: %v, want %v (sticky)", err, tc.want)
				}
				if err := rd.ReadResponse(&m, nil); !errors.Is(err, tc.want) {
					return fmt.Errorf("next message: %v, want %v", err, tc.want)
				}
				return nil
			})
		})
	}
}

// TestReaderByterangesCloseDelimiter: a multipart/byteranges body ends
// with its close delimiter (RFC 2616 §19.2, §4.4 rule 4); the CRLF after
// it is optional (RFC 2046 §5.1.1: close-delimiter transport-padding
// [CRLF epilogue]), so the body ends at the delimiter without waiting for
// more bytes, which on a live connection may never come, and the next
// head skips one CRLF after it. A delimiter that does not start a line
// ends nothing.
func TestReaderByterangesCloseDelimiter(t *testing.T) {
	const next = "HTTP/1.1 204 No Content\r\n\r\n"
	body := byterangesResponse[strings.Index(byterangesResponse, "\r\n\r\n")+4:]
	for _, tc := range []struct {
		name, in string
		body     string
		err      string // of the body ("" for none)
		next     bool   // a second response follows
	}{
		{"CRLF, end", byterangesResponse + "\r\n", body, "", false},
		{"no CRLF, end", byterangesResponse, body, "", false},
		{"CRLF, next", byterangesResponse + "\r\n" + next, body, "", true},
		{"no CRLF, next", byterangesResponse + next, body, "", true},
		// RFC 2046 §5.1.1: "receivers MUST be able to handle padding".
		{"padding, CRLF, next", byterangesResponse + " \t \r\n" + next, body, "", true},
		{"padding, CRLF, end", byterangesResponse + "\t\r\n", body, "", false},
		{"padding, end", byterangesResponse + "  ", body, "", false},
		{"mid-line", byterangesResponse[:len(byterangesResponse)-5] + "x--B--\r\n", "", "9:1: [multipart/byteranges] the stream ends before the close delimiter", false},
		{"ends early", byterangesResponse[:len(byterangesResponse)-2], "", "8:4: [multipart/byteranges] the stream ends before the close delimiter", false},
	} {
		for _, split := range []string{"whole", "bytes"} {
			t.Run(tc.name+"/"+split, func(t *testing.T) {
				var src io.Reader = strings.NewReader(tc.in)
				if split == "bytes" {
					src = iotest.OneByteReader(strings.NewReader(tc.in))
				}
				rd := NewReader(src, nil)
				var m Message
				if err := rd.ReadResponse(&m, nil); err != nil {
					t.Fatalf("head: %v", err)
				}
				b, err := io.ReadAll(rd.Body())
				if tc.err != "" {
					if err == nil || !strings.HasPrefix(err.Error(), tc.err) || !errors.Is(err, io.ErrUnexpectedEOF) {
						t.Errorf("body error %v, want %s", err, tc.err)
					}
					return
				}
				if err != nil || string(b) != tc.body {
					t.Fatalf("body %q, %v; want %q", b, err, tc.body)
				}
				err = rd.ReadResponse(&m, nil)
				switch {
				case tc.next && (err != nil || m.Status != 204):
					t.Errorf("next response: %v, status %d", err, m.Status)
				case !tc.next && err != io.EOF:
					t.Errorf("after the body: %v, want io.EOF", err)
				}
				if rd.Offset() != int64(len(tc.in)) {
					t.Errorf("Offset %d, want %d", rd.Offset(), len(tc.in))
				}
			})
		}
	}

	// On a live connection the body ends at the delimiter without another
	// read; the next head then reads on, and skips the CRLF.
	pr, pw := io.Pipe()
	defer pr.Close()
	go pw.Write([]byte(byterangesResponse))
	rd := NewReader(pr, nil)
	var m Message
	if err := rd.ReadResponse(&m, nil); err != nil {
		t.Fatal(err)
	}
	within(t, 5*time.Second, "a live connection after the close delimiter", func() error {
		if b, err := io.ReadAll(rd.Body()); err != nil || string(b) != body {
			return fmt.Errorf("body %q, %v", b, err)
		}
		return nil
	})
	go pw.Write([]byte("\r\n" + next))
	within(t, 5*time.Second, "the next response", func() error {
		if err := rd.ReadResponse(&m, nil); err != nil || m.Status != 204 {
			return fmt.Errorf("%v, status %d", err, m.Status)
		}
		return nil
	})
}

// TestReaderBodyZeroLengthRead: Body().Read with an empty slice returns at
// once, whatever the framing, without waiting for the source (io.Reader
// allows 0, nil there; a Read that blocks to fill nothing can hang a
// caller probing the body).
func TestReaderBodyZeroLengthRead(t *testing.T) {
	for _, tc := range []struct {
		name, head string
		resp       bool
	}{
		{"length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n", false},
		{"chunked", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n", false},
		{"byteranges", byterangesResponse[:strings.Index(byterangesResponse, "\r\n\r\n")+4], true},
		{"close", "HTTP/1.1 200 OK\r\n\r\n", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pr, pw := io.Pipe()
			defer pw.Close()
			go pw.Write([]byte(tc.head))
			rd := NewReader(pr, nil)
			var m Message
			var err error
			if tc.resp {
				err = rd.ReadResponse(&m, nil)
			} else {
				err = rd.ReadRequest(&m)
			}
			if err != nil {
				t.Fatal(err)
			}
			within(t, 2*time.Second, "Body().Read(nil) with nothing buffered", func() error {
				if n, err := rd.Body().Read(nil); n != 0 || err != nil {
					return fmt.Errorf("%d, %v; want 0, nil", n, err)
				}
				return nil
			})
		})
	}
}

// TestReaderByterangesBoundaryKept: the Reader keeps its own copy of the
// boundary of a multipart/byteranges body (RFC 2616 §19.2; RFC 2046
// §5.1.1: close-delimiter := delimiter "--", delimiter := CRLF dash-
// boundary). Message.Boundary points into the buffer, which the reads of
// a long body refill from its start: matched against those bytes, the
// close delimiter was not found.
func TestReaderByterangesBoundaryKept(t *testing.T) {
	const head = "HTTP/1.1 206 Partial Content\r\nContent-Type: multipart/byteranges; boundary=BOUNDARY\r\n\r\n"
	body := "--BOUNDARY\r\nContent-Range: bytes 0-299/300\r\n\r\n" + strings.Repeat("x", 300) + "\r\n--BOUNDARY--"
	in := head + body + "\r\n"
	for _, tc := range []struct {
		name  string
		sizes []int // of the source's reads, after one of the head
	}{
		{"whole", []int{len(in)}},
		{"one byte", []int{1}},
		{"7", []int{7}},
		{"64", []int{64}},
		{"head length", []int{len(head)}},
		{"176", []int{176}},
		{"200", []int{200}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := &pieceReader{data: []byte(in), sizes: []int{len(head)}, n: tc.sizes[0]}
			rd := NewReader(src, nil)
			var m Message
			if err := rd.ReadResponse(&m, nil); err != nil {
				t.Fatalf("head: %v", err)
			}
			b, err := io.ReadAll(rd.Body())
			if err != nil || string(b) != body {
				t.Fatalf("body %d bytes, %v; want %d bytes, nil", len(b), err, len(body))
			}
			if err := rd.ReadResponse(&m, nil); err != io.EOF {
				t.Errorf("after the body: %v, want io.EOF", err)
			}
		})
	}
}
