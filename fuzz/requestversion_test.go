//go:build !gofuzz

package fuzz_test

import (
	"testing"

	"github.com/abnfc/abnfc/fuzz"
	"github.com/abnfc/abnfc/parser"
)

// TestClassifyReadRequestVersionOnlyAtIt: against http.ReadRequest,
// http-version explains a verdict or a number of messages by a
// request's HTTP-Version (RFC 2616 §3.1: "HTTP" "/" 1*DIGIT "." 1*DIGIT)
// only where ours and http.ParseHTTPVersion read it differently: ours
// took a version ReadRequest refuses ("malformed HTTP version": one
// digit each), or ours stopped inside the version token (after the
// line's second SP, as parseRequestLine cuts it). It held for any last
// token of a start line that ParseHTTPVersion refuses, a junk one too,
// and hid a made-up rejection elsewhere: those cases were http-version
// before.
func TestClassifyReadRequestVersionOnlyAtIt(t *testing.T) {
	incompleteAtEnd := func(_ fuzz.Outcome, data string) fuzz.Outcome {
		return fuzz.Outcome{Verdict: "incomplete", Err: "a made-up wait", ErrOffset: len(data)}
	}
	acceptOne := func(_ fuzz.Outcome, data string) fuzz.Outcome {
		return fuzz.Outcome{Verdict: "ok", ErrOffset: -1, Messages: []fuzz.Msg{{Method: "GET", Target: "/", Version: "\x01", Start: 0, End: len(data)}}}
	}
	for _, tt := range []struct {
		name, data string
		bug        func(fuzz.Outcome, string) fuzz.Outcome // nil: the real parser
		want       string
	}{
		// The version itself.
		{"HTTP/1.10", "GET / HTTP/1.10\r\nHost: a\r\n\r\n", nil, "http-version"},
		{"HTTP/01.1 in a second request", "GET / HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/01.1\r\nHost: a\r\n\r\n", nil, "http-version"},
		// Ours waits for the rest of the head (httpfuzz -seed 88,
		// unexplained after the first version of the change).
		{"a head the input ends after HTTP/1.10", "T / HTTP/1.10\r\n", nil, "http-version"},
		// textproto reads a last line the input ends inside: eof-line's.
		{"the input ends inside the version", "GET / HTTP/1.", nil, "eof-line"},
		// A made-up rejection (a parser bug) elsewhere, before a start
		// line whose last token ParseHTTPVersion refuses.
		{"a field refused before a junk version the input ends inside", "GET / HTTP/1.1\r\nHost: a\r\nX: a.b\r\n\r\nGET / HTT", rejectAt("a.b"), ""},
		{"a field refused before a junk version", "GET / HTTP/1.1\r\nHost: a\r\nX: a.b\r\n\r\nGET / \x01\r\n\r\n", rejectAt("a.b"), ""},
		// A junk token taken (made up: ours waits for more, or accepts
		// it) is no version net/http refuses.
		{"waits for more after a junk version", "GET / \x01\r\nHost: a\r\n\r\n", incompleteAtEnd, ""},
		{"accepts a junk version", "GET / \x01\r\nHost: a\r\n\r\n", acceptOne, ""},
		{"a field refused before HTTP/1.10", "GET / HTTP/1.1\r\nHost: a\r\nX: a.b\r\n\r\nGET / HTTP/1.10\r\nHost: a\r\n\r\n", rejectAt("a.b"), ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.data)
			ours, theirs := fuzz.OneShot(data, parser.Request), fuzz.NetHTTP(data, parser.Request)
			if tt.bug != nil {
				ours = tt.bug(ours, tt.data)
			}
			field := differingField(t, ours, theirs)
			if c := fuzz.Classify("request", fuzz.OracleNetHTTP, field, data, ours, theirs); c != tt.want {
				t.Errorf("Classify(%s) = %q, want %q (ours %s %q@%d %d messages, theirs %s %q@%d %d messages)", field, c, tt.want, ours.Verdict, ours.Err, ours.ErrOffset, len(ours.Messages), theirs.Verdict, theirs.Err, theirs.ErrOffset, len(theirs.Messages))
			}
		})
	}
}
