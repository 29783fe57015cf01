package fuzz

import (
	"math/rand"
	"testing"

	"github.com/abnfc/abnfc/parser"
)

// TestStreamingReadsOnAfterTimeouts: parser.Reader over a source that
// times out now and then in a head (stallReader), read again after each
// timeout as a server reads on after a read deadline, reads what the
// one-shot parse reads: the same messages, and the same first error,
// found at a timeout from the bytes so far or later. Every case is read
// with many seeds, and the timeouts must have come.
func TestStreamingReadsOnAfterTimeouts(t *testing.T) {
	tests := []struct {
		name string
		kind parser.Kind
		in   string
	}{
		{"pipelined requests", parser.Request, "GET / HTTP/1.1\r\nHost: a\r\nAccept: */*\r\n\r\nPOST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabcGET /q HTTP/1.1\r\nHost: a\r\n\r\n"},
		{"chunked body, then a request", parser.Request, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-T: 1\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n"},
		{"an error in a field line", parser.Request, "GET / HTTP/1.1\r\nHost: a\r\nBad Header\r\nAccept: */*\r\n\r\n"},
		{"an error in the second request", parser.Request, "GET / HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/9\r\nHost: a\r\n\r\n"},
		{"a bad byte in a line not ended", parser.Request, "GET / HTTP/1.1\r\nHo\x01st: a\r\n\r\n"},
		{"Host missing", parser.Request, "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n"},
		{"a response", parser.Response, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"},
		{"a multipart/byteranges response", parser.Response, "HTTP/1.1 206 Partial Content\r\nContent-Type: multipart/byteranges; boundary=B\r\n\r\n--B\r\nContent-Range: bytes 0-0/2\r\n\r\na\r\n--B--\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.in)
			one := oneShot(data, tt.kind, "GET", nil)
			stalls := 0
			for seed := int64(0); seed < 50; seed++ {
				src := &stallReader{chunkReader: chunkReader{b: data, r: rand.New(rand.NewSource(seed))}}
				counted := &countStalls{stallReader: src}
				s := streaming(counted, tt.kind, "GET", nil, data)
				stalls += counted.n
				var r Result
				compareOutcomes(&r, OracleStream, data, one, s, streamFields, func(string) string { return "" })
				for _, d := range r.Disagreements {
					t.Errorf("seed %d: %s: one-shot %s, streaming %s", seed, d.Field, d.Ours, d.Theirs)
				}
			}
			if stalls == 0 {
				t.Error("no timeout came")
			}
		})
	}
}

// countStalls counts the timeouts of its stallReader.
type countStalls struct {
	*stallReader
	n int
}

func (c *countStalls) Read(p []byte) (int, error) {
	n, err := c.stallReader.Read(p)
	if err == errStall {
		c.n++
	}
	return n, err
}
