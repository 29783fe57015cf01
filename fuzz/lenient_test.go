//go:build !gofuzz

package fuzz

import (
	"testing"

	"github.com/abnfc/abnfc/parser"
)

// TestLeadingEmptyLinesModel: the parser under AllowLeadingEmptyLines
// agrees with the model (the request after the empty lines, parsed
// strictly, moved by their length; RFC 2616 §4.1) on requests with
// CRLF and bare LF lines before them, with a missing Host (§14.23,
// whose error the parser once put at offset 0, f59fdd8), on input of
// empty lines only, and cut short; and skipEmptyLines finds the lines.
func TestLeadingEmptyLinesModel(t *testing.T) {
	lenient := &parser.Options{AllowLeadingEmptyLines: true}
	bareLF := &parser.Options{AllowLeadingEmptyLines: true, AllowBareLF: true}
	for _, tt := range []struct {
		name, in string
		o        *parser.Options
		skip     int
	}{
		{"two CRLF", "\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\nX: b\r\n\r\n", lenient, 4},
		{"no Host", "\r\nGET / HTTP/1.1\r\nX: b\r\n\r\n", lenient, 2},
		{"none", "GET / HTTP/1.0\r\n\r\n", lenient, 0},
		{"only empty lines", "\r\n\r\n", lenient, 4},
		{"cut short", "\r\nGET / HT", lenient, 2},
		{"bare LF refused", "\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", lenient, 0},
		{"bare LF taken", "\n\r\nGET / HTTP/1.1\nHost: a\n\n", bareLF, 3},
		{"a CR alone", "\r\rGET / HTTP/1.1\r\nHost: a\r\n\r\n", lenient, 0},
		{"a CR at the end", "\r\n\r", lenient, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := skipEmptyLines([]byte(tt.in), tt.o.AllowBareLF); got != tt.skip {
				t.Errorf("skipEmptyLines(%q) = %d, want %d", tt.in, got, tt.skip)
			}
			var r Result
			compareLeadingEmptyLines(&r, []byte(tt.in), tt.o)
			if r.Failed() {
				t.Errorf("compareLeadingEmptyLines(%q): %v", tt.in, r)
			}
		})
	}
}
