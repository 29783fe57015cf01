//go:build !gofuzz

package fuzz_test

import (
	"testing"

	"github.com/abnfc/abnfc/fuzz"
	"github.com/abnfc/abnfc/parser"
)

// TestClassifyStatusLineShapeOnlyInIt: status-line-shape explains a
// rejection of ours (a verdict, a number of messages) only where ours'
// error is where a Status-Line leaves the grammar (RFC 2616 §6.1:
// HTTP-Version SP Status-Code SP Reason-Phrase CRLF) that
// http.ReadResponse took: it cuts the line at the first SP, reads a
// 3-byte code with strconv.Atoi and takes any reason. It held for any
// rejection of a response whose Status-Line was off the grammar, hiding
// a made-up one elsewhere, and until session 20's follow-up for one
// anywhere in the line (at a valid Status-Code, at the version): those
// cases were status-line-shape before.
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
		// Ours' error in the line, but not where it leaves the grammar.
		{"a valid Status-Code refused before a CTL in the Reason-Phrase", "HTTP/1.1 200 O\x7fK\r\nContent-Length: 0\r\n\r\n", rejectAt("200"), ""},
		{"a valid HTTP-Version refused before a Status-Line without reason", "HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n", rejectAt("HTTP"), ""},
		{"a valid Reason-Phrase refused after a Status-Code with a sign", "HTTP/1.1 +20 OK\r\nContent-Length: 0\r\n\r\n", rejectAt("OK"), ""},
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

// TestClassifyStatusLineShapeNoField: status-line-shape explains no
// status or version of a response both read. Ours reads none whose
// Status-Line is off the grammar (RFC 2616 §6.1), and one on it net/http
// reads alike: the version as written before the first SP, a 3-digit
// code by strconv.Atoi (a version it refuses is http-version's). Each
// case is ours (made up) taking a line off the grammar and reading it
// otherwise than net/http, as a bug would; each was status-line-shape
// before session 20's follow-up.
func TestClassifyStatusLineShapeNoField(t *testing.T) {
	for _, tt := range []struct {
		name, data, field string
		mod               func(m *fuzz.Msg)
	}{
		{"status after two SPs", "HTTP/1.1  200 OK\r\nContent-Length: 0\r\n\r\n", "status[0]", func(m *fuzz.Msg) { m.Status = 0 }},
		{"status with a sign", "HTTP/1.1 +20 OK\r\nContent-Length: 0\r\n\r\n", "status[0]", func(m *fuzz.Msg) { m.Status = 200 }},
		{"version of a line without reason", "HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n", "version[0]", func(m *fuzz.Msg) { m.Version = "HTTP/1.0" }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.data)
			theirs := fuzz.NetHTTP(data, parser.Response)
			if theirs.Verdict != "ok" || len(theirs.Messages) != 1 {
				t.Fatalf("net/http: %+v", theirs)
			}
			m := theirs.Messages[0]
			m.Start, m.End = 0, len(data)
			tt.mod(&m)
			ours := fuzz.Outcome{Verdict: "ok", Messages: []fuzz.Msg{m}}
			if c := fuzz.Classify("response", fuzz.OracleNetHTTPResp, tt.field, data, ours, theirs); c != "" {
				t.Errorf("Classify(%s) = %q, want none", tt.field, c)
			}
		})
	}
}
