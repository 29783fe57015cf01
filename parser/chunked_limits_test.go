package parser

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// chunkedLimitCase is a chunked body at a limit of RFC 2616 §3.6.1's
// framing (ChunkedOptions, or the Options a Reader takes): at the limit it
// is read, one byte past it the error names the limit and is at the first
// byte past it (off, from the body's start).
type chunkedLimitCase struct {
	name string
	body string
	// digits, line, trailer and fields are the limit set (0: the
	// default); a Reader's MaxHeaders is fields, and bounds its head too.
	digits, line, trailer, fields int
	// off is the offset of the error in the body, or -1 for none.
	off  int
	rule string
	// chunked and reader name the limit in the error of a ChunkedReader
	// and of a Reader.
	chunked, reader string
}

var (
	// A chunk-size line of exactly 12 bytes: "5;abcdefgh" and CRLF.
	line12 = "5;abcdefgh\r\nhello\r\n0\r\n\r\n"
	// A trailer-part and final CRLF of exactly 18 bytes.
	trailer18 = "0\r\nX-A: 1\r\nX-B: 2\r\n\r\n"
)

var chunkedLimitCases = []chunkedLimitCase{
	// §3.6.1 chunk-size = 1*HEX: MaxSizeDigits counts leading zeros.
	{name: "§3.6.1 chunk-size at MaxSizeDigits 4", body: "0005\r\nhello\r\n0\r\n\r\n", digits: 4, off: -1},
	{name: "§3.6.1 chunk-size one past MaxSizeDigits 4", body: "00005\r\nhello\r\n0\r\n\r\n", digits: 4, off: 4, rule: "chunk-size",
		chunked: "more than 4 HEX digits (ChunkedOptions.MaxSizeDigits)", reader: "more than 4 HEX digits (Options.MaxChunkSizeDigits)"},
	{name: "§3.6.1 last-chunk at MaxSizeDigits 4", body: "5\r\nhello\r\n0000\r\n\r\n", digits: 4, off: -1},
	{name: "§3.6.1 last-chunk one past MaxSizeDigits 4", body: "5\r\nhello\r\n00000\r\n\r\n", digits: 4, off: 14, rule: "chunk-size",
		chunked: "(ChunkedOptions.MaxSizeDigits)", reader: "(Options.MaxChunkSizeDigits)"},
	{name: "§3.6.1 chunk-size at the default 16 digits", body: strings.Repeat("0", 15) + "5\r\nhello\r\n0\r\n\r\n", off: -1},
	{name: "§3.6.1 chunk-size one past the default 16 digits", body: strings.Repeat("0", 16) + "5\r\nhello\r\n0\r\n\r\n", off: 16, rule: "chunk-size",
		chunked: "more than 16 HEX digits (ChunkedOptions.MaxSizeDigits)", reader: "more than 16 HEX digits (Options.MaxChunkSizeDigits)"},
	// The chunk-size line: chunk-size, chunk-extension and CRLF.
	{name: "§3.6.1 chunk line at MaxLineBytes 12", body: line12, line: 12, off: -1},
	{name: "§3.6.1 chunk line one past MaxLineBytes 11", body: line12, line: 11, off: 11, rule: "chunk",
		chunked: "chunk-size line longer than 11 bytes (ChunkedOptions.MaxLineBytes)", reader: "chunk-size line longer than 11 bytes (Options.MaxChunkLineBytes)"},
	{name: "§3.6.1 second chunk line one past MaxLineBytes 11", body: "1\r\nx\r\n" + line12, line: 11, off: 17, rule: "chunk",
		chunked: "(ChunkedOptions.MaxLineBytes)", reader: "(Options.MaxChunkLineBytes)"},
	{name: "§3.6.1 chunk-extension past MaxLineBytes 4", body: "5;abcdefgh\r\nhello\r\n0\r\n\r\n", line: 4, off: 4, rule: "chunk",
		chunked: "(ChunkedOptions.MaxLineBytes)", reader: "(Options.MaxChunkLineBytes)"},
	{name: "§3.6.1 last-chunk line at MaxLineBytes 12", body: "0;abcdefgh\r\n\r\n", line: 12, off: -1},
	{name: "§3.6.1 last-chunk line one past MaxLineBytes 11", body: "0;abcdefgh\r\n\r\n", line: 11, off: 11, rule: "chunk",
		chunked: "(ChunkedOptions.MaxLineBytes)", reader: "(Options.MaxChunkLineBytes)"},
	{name: "§3.6.1 chunk line at the default 4096", body: "5;" + strings.Repeat("a", 4092) + "\r\nhello\r\n0\r\n\r\n", off: -1},
	{name: "§3.6.1 chunk line one past the default 4096", body: "5;" + strings.Repeat("a", 4093) + "\r\nhello\r\n0\r\n\r\n", off: 4096, rule: "chunk",
		chunked: "longer than 4096 bytes (ChunkedOptions.MaxLineBytes)", reader: "longer than 4096 bytes (Options.MaxChunkLineBytes)"},
	// §3.6.1 trailer (trailer-part) and the final CRLF, as received.
	{name: "§3.6.1 trailer at MaxTrailerBytes 18", body: trailer18, trailer: 18, off: -1},
	{name: "§3.6.1 trailer one past MaxTrailerBytes 17", body: trailer18, trailer: 17, off: 20, rule: "trailer-part",
		chunked: "trailer longer than 17 bytes (ChunkedOptions.MaxTrailerBytes)", reader: "trailer longer than 17 bytes (Options.MaxTrailerBytes)"},
	{name: "§3.6.1 trailer field past MaxTrailerBytes 5", body: trailer18, trailer: 5, off: 8, rule: "trailer-part",
		chunked: "(ChunkedOptions.MaxTrailerBytes)", reader: "(Options.MaxTrailerBytes)"},
	{name: "§3.6.1 empty trailer at MaxTrailerBytes 2", body: "0\r\n\r\n", trailer: 2, off: -1},
	{name: "§3.6.1 empty trailer one past MaxTrailerBytes 1", body: "0\r\n\r\n", trailer: 1, off: 4, rule: "trailer-part",
		chunked: "(ChunkedOptions.MaxTrailerBytes)", reader: "(Options.MaxTrailerBytes)"},
	{name: "§3.6.1 trailer at the default 8192", body: "0\r\nX: " + strings.Repeat("v", 8192-7) + "\r\n\r\n", off: -1},
	{name: "§3.6.1 trailer one past the default 8192", body: "0\r\nX: " + strings.Repeat("v", 8192-6) + "\r\n\r\n", off: 3 + 8192, rule: "trailer-part",
		chunked: "trailer longer than 8192 bytes (ChunkedOptions.MaxTrailerBytes)", reader: "trailer longer than 8192 bytes (Options.MaxTrailerBytes)"},
	// The trailer's fields are entity-header fields (§3.6.1), counted as
	// a head's are (an audit found 2046 of them in the default 8192
	// bytes, 14 times the buffer's memory in their table).
	{name: "§3.6.1 trailer at MaxTrailerFields 2", body: trailer18, fields: 2, off: -1},
	{name: "§3.6.1 trailer one past MaxTrailerFields 2", body: "0\r\nX-A: 1\r\nX-B: 2\r\nX-C: 3\r\n\r\n", fields: 2, off: 19, rule: "trailer-part",
		chunked: "more than 2 trailer fields (ChunkedOptions.MaxTrailerFields)", reader: "more than 2 trailer fields (Options.MaxHeaders)"},
	{name: "§3.6.1 trailer at the default 100 fields", body: "0\r\n" + strings.Repeat("a:\r\n", 100) + "\r\n", off: -1},
	{name: "§3.6.1 trailer one past the default 100 fields", body: "0\r\n" + strings.Repeat("a:\r\n", 101) + "\r\n", off: 3 + 4*100, rule: "trailer-part",
		chunked: "more than 100 trailer fields (ChunkedOptions.MaxTrailerFields)", reader: "more than 100 trailer fields (Options.MaxHeaders)"},
}

// checkLimitErr checks err against tc, its offset shifted by base.
func checkLimitErr(t *testing.T, tc chunkedLimitCase, err error, base int, name string) {
	t.Helper()
	if tc.off < 0 {
		if err != nil {
			t.Errorf("error %v, want none", err)
		}
		return
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v, want an *Error", err)
	}
	if !errors.Is(err, ErrLimit) {
		t.Errorf("error %v does not wrap ErrLimit", err)
	}
	if e.Offset != base+tc.off || e.Rule != tc.rule || e.Section != "3.6.1" {
		t.Errorf("error at offset %d [%s] §%s, want offset %d [%s] §3.6.1: %v", e.Offset, e.Rule, e.Section, base+tc.off, tc.rule, e)
	}
	if !strings.Contains(e.Msg, name) {
		t.Errorf("error %q does not name the limit: want %q", e.Msg, name)
	}
}

// TestChunkedReaderLimits: each limit of ChunkedOptions at the limit and
// one past it, fed whole and in small pieces.
func TestChunkedReaderLimits(t *testing.T) {
	for _, tc := range chunkedLimitCases {
		t.Run(tc.name, func(t *testing.T) {
			for rname, r := range testReaders(tc.body) {
				c := NewChunkedReader(r, &ChunkedOptions{MaxSizeDigits: tc.digits, MaxLineBytes: tc.line, MaxTrailerBytes: tc.trailer, MaxTrailerFields: tc.fields})
				_, err := io.ReadAll(c)
				t.Logf("%s: %v", rname, err)
				checkLimitErr(t, tc, err, 0, tc.chunked)
			}
		})
	}
}

// TestReaderChunkedLimits: the chunk limits of Options reach the chunked
// bodies a Reader reads, at the limit and one past it, and the error is at
// the stream offset (with its line and column) and names the Options
// field. A body within the limits is followed by the next request.
func TestReaderChunkedLimits(t *testing.T) {
	const head = "POST /a HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
	const next = "GET /b HTTP/1.1\r\nHost: a\r\n\r\n"
	for _, tc := range chunkedLimitCases {
		t.Run(tc.name, func(t *testing.T) {
			in := head + tc.body + next
			for rname, src := range testReaders(in) {
				opts := &Options{MaxChunkSizeDigits: tc.digits, MaxChunkLineBytes: tc.line, MaxTrailerBytes: tc.trailer, MaxHeaders: tc.fields}
				rd := NewReader(src, opts)
				var m Message
				if err := rd.ReadRequest(&m); err != nil {
					t.Fatalf("%s: head: %v", rname, err)
				}
				_, err := io.ReadAll(rd.Body())
				checkLimitErr(t, tc, err, len(head), tc.reader)
				if tc.off >= 0 {
					var e *Error
					errors.As(err, &e)
					if line, col := lineCol([]byte(in), e.Offset); e.Line != line || e.Col != col {
						t.Errorf("%s: error at %d:%d, want %d:%d", rname, e.Line, e.Col, line, col)
					}
					continue
				}
				if err := rd.ReadRequest(&m); err != nil || string(m.Target) != "/b" {
					t.Errorf("%s: next request %q: %v", rname, m.Target, err)
				}
			}
		})
	}
}

// TestOptionsChunkedOptions: the ChunkedOptions a Reader decodes with
// under Options.
func TestOptionsChunkedOptions(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts *Options
		want ChunkedOptions
	}{
		{"nil", nil, ChunkedOptions{}},
		{"zero", &Options{}, ChunkedOptions{}},
		{"leniencies", &Options{AllowBareLF: true, RejectFolding: true, AllowTolerantStartLine: true}, ChunkedOptions{AllowBareLF: true, RejectFolding: true}},
		{"limits", &Options{MaxChunkSizeDigits: 3, MaxChunkLineBytes: 40, MaxTrailerBytes: 500, MaxHeaderBytes: 9, MaxHeaders: 7}, ChunkedOptions{MaxSizeDigits: 3, MaxLineBytes: 40, MaxTrailerBytes: 500, MaxTrailerFields: 7}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.opts.ChunkedOptions(); got != tc.want {
				t.Errorf("ChunkedOptions() = %+v, want %+v", got, tc.want)
			}
		})
	}
}
