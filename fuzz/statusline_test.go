//go:build !gofuzz

package fuzz_test

import (
	"testing"

	"github.com/abnfc/abnfc/fuzz"
	"github.com/abnfc/abnfc/parser"
)

// TestClassifyStatusLineShapeOnlyInIt: status-line-shape explains a
// rejection of ours (a verdict, a number of messages) only where ours'
// error is in a Status-Line off the grammar (RFC 2616 §6.1:
// HTTP-Version SP Status-Code SP Reason-Phrase CRLF) that
// http.ReadResponse took: it cuts the line at the first SP, reads a
// 3-byte code with strconv.Atoi and takes any reason. It held for any
// rejection of a response whose Status-Line was off the grammar, hiding
// a made-up one elsewhere: those cases were status-line-shape before.
func TestClassifyStatusLineShapeOnlyInIt(t *testing.T) {
	for _, tt := range []struct {
		name, data string
		bug        func(fuzz.Outcome, string) fuzz.Outcome // nil: the real parser
		want       string
	}{
		// Ours' error in the Status-Line, which net/http takes.
		{"no SP and reason after the code", "HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n", nil, "status-line-shape"},
		{"a CTL in the Reason-Phrase", "HTTP/1.1 200 O\x7fK\r\nContent-Length: 0\r\n\r\n", nil, "status-line-shape"},
		{"a Status-Code with a sign", "HTTP/1.1 +20 OK\r\nContent-Length: 0\r\n\r\n", nil, "status-line-shape"},
		{"two SPs before the code", "HTTP/1.1  200 OK\r\nContent-Length: 0\r\n\r\n", nil, "status-line-shape"},
		{"a CTL in a Reason-Phrase the input ends inside", "HTTP/1.1 200 O\x7fK", nil, "status-line-shape"},
		// Ours' error elsewhere (made up: a parser bug) in a response
		// whose Status-Line is off the grammar too.
		{"a field refused after a bad byte before a bare CR", "HTTP/1.1 200 O\x7f\rK\r\nX: a.b\r\nContent-Length: 0\r\n\r\n", rejectAt("a.b"), ""},
		{"a field refused after a Reason-Phrase with a CTL", "HTTP/1.1 200 O\x01K\r\nX: a.b\r\nContent-Length: 0\r\n\r\n", rejectAt("a.b"), ""},
		{"the body refused after a Status-Line without reason", "HTTP/1.1 200\r\nContent-Length: 3\r\n\r\nabc", rejectAt("abc"), ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.data)
			ours, theirs := fuzz.OneShot(data, parser.Response), fuzz.NetHTTP(data, parser.Response)
			if tt.bug != nil {
				ours = tt.bug(ours, tt.data)
			}
			field := differingField(t, ours, theirs)
			if c := fuzz.Classify("response", fuzz.OracleNetHTTPResp, field, data, ours, theirs); c != tt.want {
				t.Errorf("Classify(%s) = %q, want %q (ours %s %q@%d, theirs %s %q@%d)", field, c, tt.want, ours.Verdict, ours.Err, ours.ErrOffset, theirs.Verdict, theirs.Err, theirs.ErrOffset)
			}
		})
	}
}
