package parser

import (
	"bytes"
	"io"
	"runtime"
	"strings"
	"testing"
)

// TestReaderAllocsBounded: reading a stream allocates what the Reader and
// its chunked reader need once, not per message, per chunk or per Read:
// the same for 10 messages as for 2000, each body read one byte at a
// time, for every framing, strict and under every leniency (which had
// allocated per message under AllowTolerantStartLine, and under
// AllowBareLF with a fold; an audit).
func TestReaderAllocsBounded(t *testing.T) {
	const chunkedBody = "1;e=1\r\nx\r\n1\r\ny\r\n0\r\nT: 1\r\n\r\n"
	lenient := &Options{AllowBareLF: true, AllowLeadingEmptyLines: true, AllowTolerantStartLine: true, AllowContentLengthWithTE: true, AllowDuplicateContentLength: true, AllowSpaceBeforeColon: true, AllowInvalidDates: true}
	for _, tc := range []struct {
		name, msg string
		resp      bool
		opts      *Options
	}{
		{"none", "GET /x HTTP/1.1\r\nHost: a\r\nAccept: */*\r\n\r\n", false, nil},
		{"length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello", false, nil},
		{"chunked", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + chunkedBody, false, nil},
		{"byteranges", byterangesResponse + "\r\n", true, nil},
		{"lenient folded", "GET /x HTTP/1.1\r\nHost: a\r\nAccept: text/html,\r\n text/plain\r\n\r\n", false, lenient},
		{"lenient chunked", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + chunkedBody, false, lenient},
		{"lenient response", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nCache-Control: no-cache,\r\n\tprivate\r\n\r\nok", true, lenient},
	} {
		t.Run(tc.name, func(t *testing.T) {
			allocs := func(n int) uint64 {
				data := []byte(strings.Repeat(tc.msg, n))
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				rd := NewReader(bytes.NewReader(data), tc.opts)
				var m Message
				one := make([]byte, 1)
				for k := 0; ; k++ {
					var err error
					if tc.resp {
						err = rd.ReadResponse(&m, nil)
					} else {
						err = rd.ReadRequest(&m)
					}
					if err == io.EOF {
						if k != n {
							t.Fatalf("%d messages, want %d", k, n)
						}
						break
					}
					if err != nil {
						t.Fatal(err)
					}
					for {
						_, err := rd.Body().Read(one)
						if err == io.EOF {
							break
						}
						if err != nil {
							t.Fatal(err)
						}
					}
					// The trailer (RFC 2616 §3.6.1), looked at per
					// message, costs nothing per message either.
					if v := rd.TrailerValue("t"); tc.name == "chunked" && (string(v) != "1" || len(rd.Trailer()) != 1) {
						t.Fatalf("trailer %v, TrailerValue(t) = %q", rd.Trailer(), v)
					}
				}
				runtime.ReadMemStats(&after)
				return after.Mallocs - before.Mallocs
			}
			small, large := allocs(10), allocs(2000)
			if large > small+10 {
				t.Errorf("%d allocations for 10 messages, %d for 2000", small, large)
			}
		})
	}
	// A long chunked body of one-byte chunks, read one byte at a time.
	body := "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + strings.Repeat("1\r\nx\r\n", 20000) + "0\r\n\r\n"
	rd := NewReader(strings.NewReader(body), nil)
	var m Message
	if err := rd.ReadRequest(&m); err != nil {
		t.Fatal(err)
	}
	one := make([]byte, 1)
	a := testing.AllocsPerRun(1, func() {
		for range 10000 {
			if _, err := rd.Body().Read(one); err != nil {
				t.Fatal(err)
			}
		}
	})
	if a > 0 {
		t.Errorf("10000 one-byte reads of a chunked body allocate %v times", a)
	}
}

// TestReaderTrailerAllocs: Reader.Trailer and Reader.TrailerValue
// allocate nothing; the fields are slices of the trailer buffer.
func TestReaderTrailerAllocs(t *testing.T) {
	in := "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\nX-A: 1\r\nX-B: 2\r\n\r\n"
	rd := NewReader(strings.NewReader(in), nil)
	var m Message
	if err := rd.ReadRequest(&m); err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(io.Discard, rd.Body()); err != nil {
		t.Fatal(err)
	}
	var n int
	a := testing.AllocsPerRun(100, func() {
		n = len(rd.Trailer()) + len(rd.TrailerValue("x-b")) + len(rd.TrailerValue("X-C"))
	})
	if a > 0 || n != 3 {
		t.Errorf("Trailer and TrailerValue: %v allocations, %d (want 0, 3)", a, n)
	}
}
