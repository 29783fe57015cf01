//go:build !gofuzz

package fuzz_test

import (
	"testing"

	"github.com/abnfc/abnfc/fuzz"
	"github.com/abnfc/abnfc/parser"
)

// TestClassifyBareLineEndOnlyAtIt: bare-lf and bare-cr explain a
// rejection of ours only where it is the bare LF or CR itself (RFC 2616
// §2.2: lines end with CRLF; §19.3 lets a recipient take LF alone): ours'
// error at a LF with no CR before it, at a CR with no LF after it, or at
// the byte after such a CR (ChunkedReader's "found ... after CR"), which
// net/http reads differently (textproto.Reader.ReadLine ends a line at
// any LF and keeps any other CR in the line, which only a Reason-Phrase
// may then hold). Since package parser reports a head's earliest error,
// an earlier bad byte is reported first, and both classes held for any
// rejection of an input with a bare LF or CR in its lines, hiding that
// byte's cause: those cases were bare-lf or bare-cr before.
func TestClassifyBareLineEndOnlyAtIt(t *testing.T) {
	for _, tt := range []struct {
		name, target, data string
		bug                func(fuzz.Outcome, string) fuzz.Outcome // nil: the real parser
		want               string
		their              *fuzz.Outcome // the server's answer (target "server")
	}{
		// The bare byte itself: ours refuses it, net/http reads on.
		{"bare LF ends the request line", "request", "GET / HTTP/1.1\nHost: a\r\n\r\n", nil, "bare-lf", nil},
		{"bare LF ends a field line", "request", "GET / HTTP/1.1\r\nHost: a\nX: b\r\n\r\n", nil, "bare-lf", nil},
		{"bare LF ends the head", "response", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\n", nil, "bare-lf", nil},
		{"bare LF ends a trailer line", "chunked", "0\r\nT: 1\n\r\n", nil, "bare-lf", nil},
		{"bare CR in a Reason-Phrase", "response", "HTTP/1.1 200 O\rK\r\nContent-Length: 0\r\n\r\n", nil, "bare-cr", nil},
		// A trailer's last line cut short after a CR: ours waits for
		// a LF, textproto reads the line "\r" and finds no colon.
		{"a trailer ending in a CR", "chunked", "0\r\n\r", nil, "bare-cr", nil},
		// An earlier byte is ours' error: its class, or none for a
		// made-up rejection (a parser bug).
		{"Accept refused before a bare LF", "request", "GET / HTTP/1.1\r\nHost: a\r\nAccept: ???\nX: b\r\n\r\n", nil, "header-grammar", nil},
		{"Host refused before a bare LF", "request", "GET / HTTP/1.1\r\nHost: a.b\nX: b\r\n\r\n", rejectAt("a.b"), "", nil},
		{"Status-Code refused before a bare CR", "response", "HTTP/1.1 +20 O\rK\r\nContent-Length: 0\r\n\r\n", nil, "status-line-shape", nil},
		// net/http takes a bare CR in a Reason-Phrase only, where any
		// rejection of the Status-Line is status-line-shape's; a bare CR
		// in a body read to the end of the input is data.
		{"Status-Code refused, a bare CR in the body", "response", "HTTP/1.1 200 OK\r\n\r\na\rb", rejectAt("200"), "", nil},
		{"chunk-data refused before a bare LF in the trailer", "chunked", "3\r\nabc\r\n0\r\nT: 1\n\r\n", rejectAt("abc"), "", nil},
		// A CR or LF refused where it stands, where CRLF is refused too:
		// no chunk-size (net/http ignores Transfer-Encoding in HTTP/1.0).
		// The number of messages: net/http reads one.
		{"a CR where a chunk-size starts", "request", "S / HTTP/1.0\r\nTransfer-Encoding:chunked\r\n\r\n\r\x1a", nil, "transfer-encoding", nil},
		{"a LF where a chunk-size starts", "request", "S / HTTP/1.0\r\nTransfer-Encoding:chunked\r\n\r\n\nX", nil, "transfer-encoding", nil},
		// net/http did not read the line: ReadRequest reads no chunked
		// body in HTTP/1.0 (httpfuzz -seed 77, bare-cr after the first
		// narrowing), the server refused the first request's version.
		{"a bare CR after a last-chunk net/http does not read", "request", "S / HTTP/1.0\r\nTransfer-Encoding:chunked\r\n\r\n0\r\x1a", nil, "transfer-encoding", nil},
		{"server: a bare LF after a version it refuses", "server", "& / HTTP/4.2\r\nHost:\r\n\r\nP\n", nil, "http-version", &fuzz.Outcome{Verdict: "error", Err: "505 HTTP Version Not Supported"}},
		// ReadRequest reads the first request (a bare LF ends its lines),
		// the server too: the bare LF is ours' error.
		{"server: a bare LF ends the request line", "server", "Y / HTTP/1.1\nHost:\n\nsele", nil, "bare-lf", &fuzz.Outcome{Verdict: "incomplete", Messages: []fuzz.Msg{{Method: "Y", Target: "/", Version: "HTTP/1.1"}}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.data)
			var ours, theirs fuzz.Outcome
			oracle := fuzz.OracleNetHTTP
			switch tt.target {
			case "request":
				ours, theirs = fuzz.OneShot(data, parser.Request), fuzz.NetHTTP(data, parser.Request)
			case "server":
				ours, theirs, oracle = fuzz.OneShot(data, parser.Request), *tt.their, fuzz.OracleServer
			case "response":
				ours, theirs, oracle = fuzz.OneShot(data, parser.Response), fuzz.NetHTTP(data, parser.Response), fuzz.OracleNetHTTPResp
			case "chunked":
				ours, _ = fuzz.OneShotChunked(data)
				theirs, _ = fuzz.NetHTTPChunked(data)
				oracle = fuzz.OracleChunked
			}
			if tt.bug != nil {
				ours = tt.bug(ours, tt.data)
			}
			field := differingField(t, ours, theirs)
			target := tt.target
			if target == "server" {
				target = "request"
			}
			if c := fuzz.Classify(target, oracle, field, data, ours, theirs); c != tt.want {
				t.Errorf("Classify(%s) = %q, want %q (ours %s %q@%d, theirs %s %q@%d)", field, c, tt.want, ours.Verdict, ours.Err, ours.ErrOffset, theirs.Verdict, theirs.Err, theirs.ErrOffset)
			}
		})
	}
}
