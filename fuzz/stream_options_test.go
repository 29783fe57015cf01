//go:build !gofuzz

package fuzz

import (
	"strings"
	"testing"

	"github.com/abnfc/abnfc/parser"
)

// TestStreamingUnderOptions: the streaming oracle under lenient options
// holds the one-shot parse and parser.Reader to the same messages,
// extents and errors. Each case is one it caught: with
// AllowLeadingEmptyLines, ParseRequest counted the empty lines before a
// request line in HeadLen (extent) and put a missing Host at offset 0
// (error), where the Reader did neither (RFC 2616 §4.1).
func TestStreamingUnderOptions(t *testing.T) {
	lead := &parser.Options{AllowLeadingEmptyLines: true}
	tests := []struct {
		name string
		opts *parser.Options
		in   string
	}{
		{"CRLF after a body", lead, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\nx\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n"},
		{"missing Host after CRLF", lead, "\r\nGET /test HTTP/1.1\r\n\r\n"},
		{"bare LF chunked", &parser.Options{AllowBareLF: true}, "POST / HTTP/1.1\nHost: a\nTransfer-Encoding: chunked\n\n1\nx\n0\n\n"},
		// The chunk limits of Options (RFC 2616 §3.6.1): the Reader's
		// chunked reader and the one-shot side's ChunkedOptions must
		// stop at the same byte.
		{"chunk line limit", &parser.Options{MaxChunkLineBytes: 4}, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1;ab\r\nx\r\n0\r\n\r\n"},
		{"chunk-size digits limit", &parser.Options{MaxChunkSizeDigits: 2}, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n001\r\nx\r\n0\r\n\r\n"},
		{"trailer limit", &parser.Options{MaxTrailerBytes: 8}, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: 12\r\n\r\n"},
		// The trailer (§3.6.1) with its stream offsets: Reader.Trailer
		// against the one-shot side's ChunkedReader.
		{"trailer", &parser.Options{}, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\nX-A: 1\r\nx-a: 2\r\n\r\nPOST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-B: 3\r\n\r\n"},
		{"bare LF byteranges", &parser.Options{AllowBareLF: true}, "HTTP/1.1 206 OK\nContent-Type: multipart/byteranges; boundary=b\n\n--b\nContent-Range: bytes 0-0/2\n\nx\n--b--\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kind := parser.Request
			if strings.HasPrefix(tt.in, "HTTP/") {
				kind = parser.Response
			}
			data := []byte(tt.in)
			one := oneShot(data, kind, "GET", tt.opts)
			if one.Verdict == "incomplete" || one.Verdict == "ok" && len(one.Messages) == 0 {
				t.Fatalf("one-shot: %+v", one)
			}
			var r Result
			compareStreaming(&r, data, kind, "GET", tt.opts, one, 1)
			if r.Failed() {
				t.Errorf("%v", r)
			}
		})
	}
}
