//go:build !gofuzz

package fuzz_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/abnfc/abnfc/fuzz"
	"github.com/abnfc/abnfc/parser"
)

// TestClassifyChunkLinesWalked: chunk-line and chunk-size-huge explain a
// verdict or a count of messages only through a chunk line (RFC 2616
// §3.6.1: chunk-size [ chunk-extension ] CRLF) of a chunked body as
// net/http's chunkedReader walks it, by the sizes, from the body's start
// to the last-chunk: chunk-line where ours' error is on such a line off
// the grammar (net/http trims or ignores what follows the size),
// chunk-size-huge where net/http refused the body at a size whose
// excess accounting overflows and ours did not fail before it. The cases
// with want "" hold a made-up difference with another cause (in ours'
// outcome or net/http's, as a bug of either would have it) in an input
// with a start line, a field name or chunk-data that looks like such a
// line, or bytes after the body; each was chunk-line or chunk-size-huge
// before session 21 (checked with the change stashed). Those with a
// class are the classes' own, on the real outcomes.
func TestClassifyChunkLinesWalked(t *testing.T) {
	const (
		add = "ADD / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
		// A field named by a size net/http's accounting overflows at,
		// and a line of chunk-data that is one.
		hugeName = "HTTP/1.1 200 OK\r\n7000000000000000: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
		hugeData = "POST / HTTP/1.1\r\nHost: a\r\nX: y\r\nTransfer-Encoding: chunked\r\n\r\n12\r\nx\n7000000000000000\r\n0\r\n\r\n"
		// A real huge size in a request after one with a field ours
		// (made up) refuses.
		hugeSize = "POST / HTTP/1.1\r\nHost: a\r\nX: y\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nPOST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n7000000000000000\r\n"
		oddExt   = "H * HTTP/1.1\r\nHost:\r\nTransfer-Encoding:chunked\r\n\r\n1;\r\n" // httpfuzz -seed 21001
	)
	tests := []struct {
		// field is "" for the verdict or the number of messages of a
		// request or response (differingField).
		name, target, oracle, data, field string
		// mod changes the real outcomes, ours and net/http's.
		mod  func(ours, theirs *fuzz.Outcome)
		want string
	}{
		// A start line of hex letters is no chunk line.
		{"body of a request with the method ADD", "request", "", add, "body[0]", func(o, t *fuzz.Outcome) {
			same(o, t)
			t.Messages[0].Body = "abd"
		}, ""},
		{"made-up rejection of the request line ADD", "request", "", add, "", func(o, _ *fuzz.Outcome) {
			*o = fuzz.Outcome{Verdict: "error", ErrOffset: 5, ErrRule: "Request-Line", Err: "made up"}
		}, ""},
		// Nor a field name, nor a line of chunk-data.
		{"body of a response with a field named 7000000000000000", "response", "", hugeName, "body[0]", func(o, t *fuzz.Outcome) {
			same(o, t)
			t.Messages[0].Body = "abd"
		}, ""},
		{"made-up rejection of a field, 7000000000000000 in chunk-data", "request", "", hugeData, "", func(o, _ *fuzz.Outcome) {
			*o = madeUpRejectionAt(hugeData, "X: y")
		}, ""},
		// A real huge size, ours (made up) failing before it.
		{"made-up rejection of a field in a request before a huge size", "request", "", hugeSize, "", func(o, _ *fuzz.Outcome) {
			*o = madeUpRejectionAt(hugeSize, "X: y")
		}, ""},
		// Nor bytes after the last-chunk's line and the body's end, in
		// the chunked target.
		{"chunked: body, an odd line after the body", "chunked", "", "3\r\nabc\r\n0\r\n\r\n3 ;\r\n", "body", func(o, t *fuzz.Outcome) {
			*o, *t = fuzz.Outcome{Verdict: "ok"}, fuzz.Outcome{Verdict: "ok"}
		}, ""},
		{"chunked: body, 7000000000000000 in chunk-data", "chunked", "", "12\r\nx\n7000000000000000\r\n0\r\n\r\n", "body", func(o, t *fuzz.Outcome) {
			*o, *t = fuzz.Outcome{Verdict: "ok"}, fuzz.Outcome{Verdict: "ok"}
		}, ""},
		// 2^62, whose 2*size wraps the excess back below 0: net/http
		// takes it (a made-up refusal).
		{"chunked: a made-up refusal of 4000000000000000", "chunked", "", "4000000000000000\r\n", "verdict", func(_, t *fuzz.Outcome) {
			*t = fuzz.Outcome{Verdict: "error", Err: "chunked encoding contains too much non-data"}
		}, ""},

		// Ours (made up) refusing an earlier chunk-size, one past 63
		// bits after it; net/http (made up) refusing one.
		{"chunked: a made-up refusal before 8000000000000000", "chunked", "", "3\r\nabc\r\n8000000000000000\r\n", "verdict", func(o, _ *fuzz.Outcome) {
			*o = fuzz.Outcome{Verdict: "error", Err: "made up", ErrOffset: 0}
		}, ""},
		{"chunked: net/http's made-up refusal of 8000000000000000", "chunked", "", "8000000000000000\r\n", "verdict", func(_, t *fuzz.Outcome) {
			*t = fuzz.Outcome{Verdict: "error", Err: "made up"}
		}, ""},

		// Lines net/http refuses too (net/http made up to take them; a
		// review): a size it cannot read, a bare LF, a CR inside.
		{"chunked: a made-up take of 3 x", "chunked", "", "3 x\r\nabc\r\n0\r\n\r\n", "verdict", func(_, t *fuzz.Outcome) {
			*t = fuzz.Outcome{Verdict: "ok"}
		}, ""},
		{"chunked: a made-up take of 7000000000000000 with a bare LF", "chunked", "", "7000000000000000\n", "verdict", func(o, _ *fuzz.Outcome) {
			*o = fuzz.Outcome{Verdict: "ok"}
		}, ""},
		{"chunked: a made-up take of 7000000000000000 with a CR inside", "chunked", "", "7000000000000000\r\r\n", "verdict", func(o, _ *fuzz.Outcome) {
			*o = fuzz.Outcome{Verdict: "ok"}
		}, ""},

		// A huge size on a line the input ends inside past net/http's
		// 4096-byte buffer, which it refuses as too long (a review).
		{"chunked: 7000000000000000 on a line past net/http's buffer", "chunked", "", "7000000000000000;" + strings.Repeat("a", 4079), "verdict", nil, ""},
		{"a request's 7000000000000000 on a line past net/http's buffer", "request", "", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n7000000000000000;" + strings.Repeat("a", 4079), "", nil, ""},

		// The classes' own.
		{"chunked: an empty extension on the last-chunk", "chunked", "", "9\r\n2ay1xb1\x003\r\n0;\r\n", "verdict", nil, "chunk-line"}, // httpfuzz -seed 21001
		{"chunked: a CTL in an extension the input ends inside", "chunked", "", "3;\x01", "verdict", nil, "chunk-line"},
		{"an empty extension", "request", "", oddExt, "", nil, "chunk-line"},
		{"server: an empty extension", "request", fuzz.OracleServer, oddExt, "", nil, "chunk-line"},
		{"an empty extension on a response's last-chunk", "response", "", "HTTP/1.1 301 \r\nTransfer-Encoding:chunked\r\n\r\n0;\r\n", "", nil, "chunk-line"}, // httpfuzz -seed 21001
		{"chunked: 7000000000000000", "chunked", "", "7000000000000000\r\n", "verdict", nil, "chunk-size-huge"},
		// Past 63 bits: ours refuses the size, net/http reads it as a
		// uint64 and waits for its data (FuzzChunked in CI's smoke run;
		// unexplained after the narrowing above).
		{"chunked: 8000000000000000, the input ending in it", "chunked", "", "8000000000000000", "verdict", nil, "chunk-size-huge"},
		{"chunked: ffffffffffffffff", "chunked", "", "3\r\nabc\r\nffffffffffffffff\r\nxyz", "verdict", nil, "chunk-size-huge"},
		{"a request's 8000000000000000", "request", "", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n8000000000000000\r\n", "", nil, "chunk-size-huge"},
		{"server: a request's 8000000000000000", "request", fuzz.OracleServer, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n8000000000000000\r\n", "", nil, "chunk-size-huge"}, // httpfuzz -seed 21001
		{"a request's 7000000000000000", "request", "", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n7000000000000000\r\n", "", nil, "chunk-size-huge"},
		{"server: a request's 7000000000000000", "request", fuzz.OracleServer, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n7000000000000000\r\n", "", nil, "chunk-size-huge"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.data)
			var (
				ours, theirs fuzz.Outcome
				oracle       string
			)
			if tt.target == "chunked" {
				ours, _ = fuzz.OneShotChunked(data)
				theirs, _ = fuzz.NetHTTPChunked(data)
				oracle = fuzz.OracleChunked
			} else {
				var kind parser.Kind
				kind, oracle, theirs = oracleOutcome(t, tt.target, tt.oracle, data)
				ours = fuzz.OneShot(data, kind)
				if oracle == fuzz.OracleServer {
					ours = cutAtClose(ours)
				}
			}
			ours.Messages, theirs.Messages = slices.Clone(ours.Messages), slices.Clone(theirs.Messages)
			if tt.mod != nil {
				tt.mod(&ours, &theirs)
			}
			if tt.target != "chunked" {
				tt.field = fieldToClassify(t, tt.field, ours, theirs)
			}
			if c := fuzz.Classify(tt.target, oracle, tt.field, data, ours, theirs); c != tt.want {
				t.Errorf("Classify(%s) = %q, want %q (ours %s %q@%d, theirs %s %q@%d)", tt.field, c, tt.want, ours.Verdict, ours.Err, ours.ErrOffset, theirs.Verdict, theirs.Err, theirs.ErrOffset)
			}
		})
	}
}

// madeUpRejectionAt is ours' outcome of data with a made-up rejection at
// the first byte of field, a valid one: the messages ours read before it.
func madeUpRejectionAt(data, field string) fuzz.Outcome {
	o := fuzz.OneShot([]byte(data), parser.Request)
	at := strings.Index(data, field)
	var ms []fuzz.Msg
	for _, m := range o.Messages {
		if m.End <= at {
			ms = append(ms, m)
		}
	}
	return fuzz.Outcome{Verdict: "error", Err: "a made-up rejection", ErrRule: "message-header", ErrOffset: at, Messages: ms}
}
