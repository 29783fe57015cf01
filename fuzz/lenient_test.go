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

// lenientCase is a case of a leniency's model: an input, a request or
// a response to GET, the options it is parsed under.
type lenientCase struct {
	name, in string
	kind     parser.Kind
	o        *parser.Options
}

// runLenientModel runs compare over the cases and fails on any
// disagreement it finds.
func runLenientModel(t *testing.T, compare func(*Result, []byte, parser.Kind, string, *parser.Options), cases []lenientCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) { modelAgrees(t, compare, tt.in, tt.kind, tt.o) })
	}
}

// modelAgrees runs compare, a leniency's model, on in (a message of kind,
// a response to GET) under o, and fails on any disagreement it finds.
func modelAgrees(t *testing.T, compare func(*Result, []byte, parser.Kind, string, *parser.Options), in string, kind parser.Kind, o *parser.Options) {
	t.Helper()
	var r Result
	compare(&r, []byte(in), kind, "GET", o)
	if r.Failed() {
		t.Errorf("%q: %v", in, r)
	}
}

// TestBareLFModel: the parser under AllowBareLF agrees with the model
// (the input with each bare LF written CRLF, parsed strictly, offsets
// mapped back; RFC 2616 §19.3) on heads with bare LF line ends, a
// folded known field whose fold ends in a bare LF (§2.2; its value is
// checked against §14.1's grammar), bare CR, leading empty lines and
// cut short; and bareLFToCRLF maps offsets.
func TestBareLFModel(t *testing.T) {
	o := &parser.Options{AllowBareLF: true}
	empty := &parser.Options{AllowBareLF: true, AllowLeadingEmptyLines: true}
	fold := &parser.Options{AllowBareLF: true, RejectFolding: true}
	runLenientModel(t, compareBareLF, []lenientCase{
		{"request", "GET / HTTP/1.1\nHost: a\nX: b\r\n\n", parser.Request, o},
		{"response", "HTTP/1.1 200 OK\nContent-Length: 3\n\nabc", parser.Response, o},
		{"folded Accept", "GET / HTTP/1.1\nHost: a\nAccept: a/b,\n c/d\n\n", parser.Request, o},
		{"folded value", "GET / HTTP/1.1\nHost: a\nX: b\n\tc\r\n d\n\n", parser.Request, o},
		{"fold refused", "GET / HTTP/1.1\nHost: a\nX: b\n c\n\n", parser.Request, fold},
		{"bad Accept", "GET / HTTP/1.1\nHost: a\nAccept: a/,\n c\n\n", parser.Request, o},
		{"bare CR", "GET / HTTP/1.1\nHost: a\rb\n\n", parser.Request, o},
		{"CR at the end", "GET / HTTP/1.1\nHost: a\r", parser.Request, o},
		{"empty lines", "\n\r\n\nGET / HTTP/1.1\nHost: a\n\n", parser.Request, empty},
		{"no Host", "GET / HTTP/1.1\nX: a\n\n", parser.Request, o},
		{"cut short", "GET / HTTP/1.1\nHost: a\n", parser.Request, o},
		// Campaign 55's finds: the error in a field folded over bare
		// LF was one byte late per bare LF (TestBareLFFoldErrorOffset).
		{"fold error", "T / HTTP/1.1\nH:o\r\ned\n \nfffffffffbc\r\n\r\n", parser.Request, o},
		{"fold error response", "HTTP/1.0 204 \ne\n \n\n ht0 ", parser.Response, o},
		{"head limit", "GET / HTTP/1.1\nHost: a\nX: bbbbbbbbbbbbbbbbbbbbbb\n\n", parser.Request, &parser.Options{AllowBareLF: true, MaxHeaderBytes: 20}},
	})
	w := bareLFToCRLF([]byte("a\nb\r\n\n"))
	if got, want := string(w.out), "a\r\nb\r\n\r\n"; got != want {
		t.Errorf("bareLFToCRLF = %q, want %q", got, want)
	}
	for _, tt := range []struct{ out, in int }{{0, 0}, {1, 1}, {2, 1}, {3, 2}, {6, 5}, {7, 5}, {8, 6}} {
		if got := w.at(tt.out); got != tt.in {
			t.Errorf("at(%d) = %d, want %d", tt.out, got, tt.in)
		}
	}
}

// TestSpaceBeforeColonModel: the parser under AllowSpaceBeforeColon
// agrees with the model (the head without the white space before each
// colon, parsed strictly; RFC 2616 §2.1 implied LWS, RFC 7230 §3.2.4)
// on SP, HT and folds before the colon, with RejectFolding and bare LF,
// and dropSpaceBeforeColon drops what it should.
func TestSpaceBeforeColonModel(t *testing.T) {
	o := &parser.Options{AllowSpaceBeforeColon: true}
	bare := &parser.Options{AllowSpaceBeforeColon: true, AllowBareLF: true}
	fold := &parser.Options{AllowSpaceBeforeColon: true, RejectFolding: true}
	for _, tt := range []struct {
		name, in, want string
		kind           parser.Kind
		o              *parser.Options
	}{
		{"SP", "GET / HTTP/1.1\r\nHost : a\r\nX\t \t: b\r\n\r\n", "GET / HTTP/1.1\r\nHost: a\r\nX: b\r\n\r\n", parser.Request, o},
		{"fold", "GET / HTTP/1.1\r\nHost: a\r\nX \r\n : b\r\n\r\n", "GET / HTTP/1.1\r\nHost: a\r\nX: b\r\n\r\n", parser.Request, o},
		{"fold refused", "GET / HTTP/1.1\r\nHost: a\r\nX\r\n : b\r\n\r\n", "GET / HTTP/1.1\r\nHost: a\r\nX\r\n : b\r\n\r\n", parser.Request, fold},
		{"bare LF fold", "GET / HTTP/1.1\nHost: a\nX \n\t: b\n\n", "GET / HTTP/1.1\nHost: a\nX: b\n\n", parser.Request, bare},
		{"Content-Length", "HTTP/1.1 200 OK\r\nContent-Length  : 2\r\n\r\nab", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nab", parser.Response, o},
		{"twice", "GET / HTTP/1.1\r\nHost : a\r\nHost : b\r\n\r\n", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", parser.Request, o},
		{"in the value", "GET / HTTP/1.1\r\nHost: a\r\nX: b : c\r\n\r\n", "GET / HTTP/1.1\r\nHost: a\r\nX: b : c\r\n\r\n", parser.Request, o},
		{"not a token", "GET / HTTP/1.1\r\nHost: a\r\nX Y : c\r\n\r\n", "GET / HTTP/1.1\r\nHost: a\r\nX Y : c\r\n\r\n", parser.Request, o},
		{"bad value", "GET / HTTP/1.1\r\nHost: a\r\nAge : x\r\n\r\n", "GET / HTTP/1.1\r\nHost: a\r\nAge: x\r\n\r\n", parser.Request, o},
		{"empty lines", "\r\nGET / HTTP/1.1\r\nHost : a\r\n\r\n", "\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", parser.Request, &parser.Options{AllowSpaceBeforeColon: true, AllowLeadingEmptyLines: true}},
		{"cut short", "GET / HTTP/1.1\r\nHost :", "GET / HTTP/1.1\r\nHost:", parser.Request, o},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(dropSpaceBeforeColon([]byte(tt.in), tt.kind, tt.o).out); got != tt.want {
				t.Errorf("dropSpaceBeforeColon(%q) = %q, want %q", tt.in, got, tt.want)
			}
			modelAgrees(t, compareSpaceBeforeColon, tt.in, tt.kind, tt.o)
		})
	}
}

// TestRejectFoldingModel: the parser under RejectFolding agrees with the
// model (a folded field fails at its fold's first byte unless the head
// cut there fails first; RFC 2616 §2.2 LWS, RFC 7230 §3.2.4) on folds
// with SP and HT, in a response, after a bare LF, after an earlier
// error, and on heads without a fold; firstFold finds the fold.
func TestRejectFoldingModel(t *testing.T) {
	o := &parser.Options{RejectFolding: true}
	bare := &parser.Options{RejectFolding: true, AllowBareLF: true}
	for _, tt := range []struct {
		name, in string
		kind     parser.Kind
		o        *parser.Options
		fold     int
	}{
		{"SP", "GET / HTTP/1.1\r\nHost: a\r\nX: b\r\n c\r\n\r\n", parser.Request, o, 31},
		{"HT", "GET / HTTP/1.1\r\nHost: a\r\n\tc\r\n\r\n", parser.Request, o, 25},
		{"response", "HTTP/1.1 200 OK\r\nX: b\r\n c\r\n\r\n", parser.Response, o, 23},
		{"bare LF", "GET / HTTP/1.1\nHost: a\nX: b\n c\n\n", parser.Request, bare, 28},
		{"bare LF refused", "GET / HTTP/1.1\r\nHost: a\r\nX: b\n c\r\n\r\n", parser.Request, o, 30},
		{"earlier error", "GET / HTTP/1.1\r\nAge: x\r\nX: b\r\n c\r\n\r\n", parser.Request, o, 30},
		{"bad folded value", "GET / HTTP/1.1\r\nHost: a\r\nAge: x\r\n c\r\n\r\n", parser.Request, o, 33},
		{"no field", "GET / HTTP/1.1\r\n c\r\nHost: a\r\n\r\n", parser.Request, o, -1},
		{"none", "GET / HTTP/1.1\r\nHost: a\r\nX: b\r\n\r\n c", parser.Request, o, -1},
		{"cut short", "GET / HTTP/1.1\r\nHost: a\r\n", parser.Request, o, -1},
		// MaxHeaderBytes counts the fold's bytes: crossed there, its
		// error is not compared (campaign 1602).
		{"MaxHeaderBytes crossed at the fold", "HTTP/1.1 100 Reason\r\ntRansFer-eNcodINg\r\n \r\n\r\n", parser.Response, &parser.Options{RejectFolding: true, MaxHeaderBytes: 19}, 40},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := firstFold([]byte(tt.in), tt.kind, tt.o); got != tt.fold {
				t.Errorf("firstFold(%q) = %d, want %d", tt.in, got, tt.fold)
			}
			modelAgrees(t, compareRejectFolding, tt.in, tt.kind, tt.o)
		})
	}
}

// TestSkippedGrammarModels: the parser under SkipValueGrammars and
// AllowInvalidDates agrees with the model (a subset of the checks:
// what the parse with the option off takes is taken alike, what it
// refuses by a skipped grammar is not refused so, the rest is refused
// alike) on values of §14 fields that break their grammars, the
// framing fields (§14.13, §14.41) and the date fields (§14.21, §14.25,
// §14.28), a repeated field (§4.2) and an error after the bad value.
func TestSkippedGrammarModels(t *testing.T) {
	skip := &parser.Options{SkipValueGrammars: true}
	dates := &parser.Options{AllowInvalidDates: true}
	cases := []lenientCase{
		{"valid", "GET / HTTP/1.1\r\nHost: a\r\nAccept: a/b\r\nExpires: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\n", parser.Request, nil},
		{"Accept", "GET / HTTP/1.1\r\nHost: a\r\nAccept: a/\r\n\r\n", parser.Request, nil},
		{"Age", "HTTP/1.1 200 OK\r\nAge: x\r\nContent-Length: 0\r\n\r\n", parser.Response, nil},
		{"Expires 0", "HTTP/1.1 200 OK\r\nExpires: 0\r\nContent-Length: 0\r\n\r\n", parser.Response, nil},
		{"If-Modified-Since", "GET / HTTP/1.1\r\nHost: a\r\nIf-Modified-Since: yesterday\r\n\r\n", parser.Request, nil},
		{"If-Unmodified-Since", "GET / HTTP/1.1\r\nHost: a\r\nIf-Unmodified-Since: -\r\n\r\n", parser.Request, nil},
		{"Content-Length", "HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n", parser.Response, nil},
		{"Transfer-Encoding", "GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: ,\r\n\r\n", parser.Request, nil},
		// Upgrade decides Message.Upgrade, so its grammar is checked
		// (campaign 1701: the lenient parse said Upgrade true on a value
		// the model deleted).
		{"Upgrade", "HTTP/1.1 200 \r\nConnection:upgrade\r\nUpgrade:h 8\r\n\r\nbd", parser.Response, nil},
		{"Age twice", "HTTP/1.1 200 OK\r\nAge: 1\r\nAge: x\r\n\r\n", parser.Response, nil},
		{"Date twice", "HTTP/1.1 100 Rn\r\ndatE:\r\ndatE:\r\n\t Sun Feb 31 68:45:75 6971\r\n\r\n", parser.Response, nil},
		{"bad Age first", "HTTP/1.1 200 OK\r\nAge: x\r\nAge: 1\r\n\r\n", parser.Response, nil},
		{"two bad", "GET / HTTP/1.1\r\nAccept: a/\r\nHost: a\r\nAccept-Charset: *,\r\n\r\n", parser.Request, nil},
		{"error after", "GET / HTTP/1.1\r\nAccept: a/\r\nAge: x\r\n\r\n", parser.Request, nil},
		{"folded", "GET / HTTP/1.1\r\nHost: a\r\nAccept: a/b,\r\n c/\r\n\r\n", parser.Request, nil},
		// An error after the bad value in its field: the parse with the
		// option off reports the value (the earliest error) and the
		// model deletes the field with the later error in it, which
		// the lenient parse reports (campaign 1602).
		{"bare CR after a bad date", "GET / HTTP/1.1\r\nHost: a\r\nIf-Modified-Since: x\r\t\r\n\r\n", parser.Request, nil},
		{"bare LF after a bad date, cut short", "HTTP/1.0 200 OK\r\nExpires: 0\nTr", parser.Response, nil},
		{"no colon on a fold of a bad date", "HTTP/1.0 200 OK\r\nExpires: 0\r\n x\r\n\r\n", parser.Response, nil},
	}
	for _, o := range []struct {
		name    string
		o       *parser.Options
		compare func(*Result, []byte, parser.Kind, string, *parser.Options)
	}{
		{"SkipValueGrammars", skip, func(r *Result, b []byte, k parser.Kind, m string, o *parser.Options) {
			compareSkippedGrammar(r, b, k, m, o, "SkipValueGrammars", skippedByValueGrammars)
		}},
		{"AllowInvalidDates", dates, func(r *Result, b []byte, k parser.Kind, m string, o *parser.Options) {
			compareSkippedGrammar(r, b, k, m, o, "AllowInvalidDates", skippedByInvalidDates)
		}},
	} {
		t.Run(o.name, func(t *testing.T) {
			cs := append([]lenientCase(nil), cases...)
			for i := range cs {
				cs[i].o = o.o
			}
			runLenientModel(t, o.compare, cs)
		})
	}
}

// TestDuplicateContentLengthModel: the parser under
// AllowDuplicateContentLength agrees with the model (each later
// Content-Length of the first's decimal value deleted, the rest parsed
// strictly; RFC 2616 §4.2, §14.13, RFC 7230 §3.3.2) on repeats with
// leading zeros, folded, of another value, past 63 bits, with a
// Transfer-Encoding and cut short.
func TestDuplicateContentLengthModel(t *testing.T) {
	o := &parser.Options{AllowDuplicateContentLength: true}
	te := &parser.Options{AllowDuplicateContentLength: true, AllowContentLengthWithTE: true}
	runLenientModel(t, compareDuplicateContentLength, []lenientCase{
		{"twice", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nX: y\r\nContent-Length: 3\r\n\r\nabc", parser.Response, o},
		{"three times", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\ncontent-length: 003\r\nContent-Length:3\r\n\r\nabc", parser.Request, o},
		{"zeros", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nContent-Length: 000\r\n\r\n", parser.Response, o},
		{"folded", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length:\r\n 2\r\n\r\nab", parser.Response, o},
		{"other value", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabc", parser.Response, o},
		{"same then other", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 3\r\nContent-Length: 30\r\n\r\nabc", parser.Response, o},
		{"past 63 bits", "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\nContent-Length: 99999999999999999999\r\n\r\n", parser.Response, o},
		{"with Transfer-Encoding", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n", parser.Response, o},
		{"with Transfer-Encoding allowed", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n", parser.Response, te},
		{"bad value", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 3x\r\n\r\n", parser.Response, o},
		{"leading zero", "HTTP/1.1 200 OK\r\nContent-Length: 7\r\nContent-Length: 07\r\n\r\n", parser.Response, o},
		{"cut short", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 3\r\n", parser.Response, o},
		{"header count", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 3\r\nA: b\r\n\r\n", parser.Response, &parser.Options{AllowDuplicateContentLength: true, MaxHeaders: 2}},
	})
}

// TestContentLengthWithTEModel: the parser under
// AllowContentLengthWithTE agrees with the model (with a Transfer-Encoding
// that refuses the strict parse, every Content-Length deleted and the
// rest parsed strictly; RFC 2616 §4.4) on requests and responses, with
// Content-Length before and after the Transfer-Encoding, an identity
// coding (§3.6: no conflict), a bad Content-Length value, with
// HTTP/1.0, and with an HTTP/1.0 Connection naming Transfer-Encoding
// (§14.10: that field ignored, Content-Length frames the body).
func TestContentLengthWithTEModel(t *testing.T) {
	o := &parser.Options{AllowContentLengthWithTE: true}
	runLenientModel(t, compareContentLengthWithTE, []lenientCase{
		{"request", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", parser.Request, o},
		{"after", "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\nContent-Length: 30\r\nX: y\r\n\r\n", parser.Response, o},
		{"not chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nContent-Length: 30\r\n\r\n", parser.Response, o},
		{"identity", "HTTP/1.1 200 OK\r\nTransfer-Encoding: identity\r\nContent-Length: 3\r\n\r\nabc", parser.Response, o},
		{"past 63 bits", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 99999999999999999999\r\n\r\n", parser.Response, o},
		{"folded", "HTTP/1.1 200 OK\r\nContent-Length:\r\n 3\r\nTransfer-Encoding: chunked\r\n\r\n", parser.Response, o},
		{"HTTP/1.0", "POST / HTTP/1.0\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", parser.Request, o},
		{"twice", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n", parser.Request, &parser.Options{AllowContentLengthWithTE: true, AllowDuplicateContentLength: true}},
		{"no Transfer-Encoding", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc", parser.Response, o},
		// §14.10: the Transfer-Encoding an HTTP/1.0 Connection names is
		// ignored, so Content-Length frames the body (an audit: both
		// had been ignored, the body read as none or to the close).
		{"HTTP/1.0, Connection names it", "POST /a HTTP/1.0\r\nConnection: Transfer-Encoding\r\nTransfer-Encoding: chunked\r\nContent-Length: 20\r\n\r\n", parser.Request, o},
		{"HTTP/1.0 response, Connection names it", "HTTP/1.0 200 OK\r\nContent-Length: 20\r\nTransfer-Encoding: gzip\r\nConnection: keep-alive, transfer-encoding\r\n\r\n", parser.Response, o},
		{"HTTP/1.0 TRACE, Connection names it", "TRACE / HTTP/1.0\r\nContent-Length: 2\r\nConnection: Transfer-Encoding\r\nTransfer-Encoding: chunked\r\n\r\n", parser.Request, o},
		// A coding that is also in the field's name (a review: the
		// name had been rewritten).
		{"HTTP/1.0, Connection names it, coding e", "POST / HTTP/1.0\r\nConnection: keep-alive, Transfer-Encoding\r\nTransfer-Encoding: e\r\nContent-Length: 3\r\n\r\nabc", parser.Request, o},
		{"HTTP/1.0, Connection names it, coding coding", "POST / HTTP/1.0\r\nConnection: Transfer-Encoding\r\nTransfer-Encoding: coding\r\nContent-Length: 3\r\n\r\nabc", parser.Request, o},
		{"HTTP/1.1, Connection names it", "POST /a HTTP/1.1\r\nHost: a\r\nConnection: Transfer-Encoding\r\nTransfer-Encoding: chunked\r\nContent-Length: 20\r\n\r\n", parser.Request, o},
	})
}

// TestTolerantStartLineModel: the parser under AllowTolerantStartLine
// agrees with the model (the start line's runs of SP and HT written as
// single SPs, parsed strictly; RFC 2616 §19.3, §5.1, §6.1) on runs in
// request and status lines, a Reason-Phrase with white space in it and
// before it, none at all, errors in a field after a run, the shapes the
// option refuses (white space first or last, two or four fields), leading
// empty lines, bare LF and cut short; and tolerantStartLine rewrites as
// it should.
func TestTolerantStartLineModel(t *testing.T) {
	o := &parser.Options{AllowTolerantStartLine: true}
	more := &parser.Options{AllowTolerantStartLine: true, AllowLeadingEmptyLines: true, AllowBareLF: true}
	for _, tt := range []struct {
		name, in, want string
		kind           parser.Kind
		o              *parser.Options
	}{
		{"request", "GET \t /  HTTP/1.1\r\nHost: a\r\n\r\n", "GET / HTTP/1.1\r\nHost: a\r\n\r\n", parser.Request, o},
		{"single SPs", "GET / HTTP/1.1\r\nHost: a\r\n\r\n", "GET / HTTP/1.1\r\nHost: a\r\n\r\n", parser.Request, o},
		{"status", "HTTP/1.1\t200  Not  OK \r\n\r\n", "HTTP/1.1 200 Not  OK \r\n\r\n", parser.Response, o},
		// No white space after the Status-Code: refused, as strictly
		// (§6.1's SP before the empty Reason-Phrase).
		{"no reason", "HTTP/1.1  204\r\n\r\n", "HTTP/1.1 204\r\n\r\n", parser.Response, o},
		{"no reason after a run", "HTTP/1.1  204  \r\n\r\n", "HTTP/1.1 204 \r\n\r\n", parser.Response, o},
		{"white reason", "HTTP/1.1 204 \t\r\n\r\n", "HTTP/1.1 204 \r\n\r\n", parser.Response, o},
		{"bad version", "GET  /  HTTP/1.x\r\nHost: a\r\n\r\n", "GET / HTTP/1.x\r\nHost: a\r\n\r\n", parser.Request, o},
		{"bad status", "HTTP/1.1  20x OK\r\n\r\n", "HTTP/1.1 20x OK\r\n\r\n", parser.Response, o},
		{"bad target", "GET  a b HTTP/1.1\r\n\r\n", "GET  a b HTTP/1.1\r\n\r\n", parser.Request, o},
		{"white first", " GET / HTTP/1.1\r\nHost: a\r\n\r\n", " GET / HTTP/1.1\r\nHost: a\r\n\r\n", parser.Request, o},
		{"white last", "GET / HTTP/1.1 \r\nHost: a\r\n\r\n", "GET / HTTP/1.1 \r\nHost: a\r\n\r\n", parser.Request, o},
		{"two fields", "GET  /\r\nHost: a\r\n\r\n", "GET  /\r\nHost: a\r\n\r\n", parser.Request, o},
		{"one field", "HTTP/1.1\r\n\r\n", "HTTP/1.1\r\n\r\n", parser.Response, o},
		{"empty lines and bare LF", "\n\r\nGET\t/ HTTP/1.1\nHost: a\n\n", "\n\r\nGET / HTTP/1.1\nHost: a\n\n", parser.Request, more},
		{"cut short", "GET  /  HTTP/1.1", "GET / HTTP/1.1", parser.Request, o},
		{"line limit", "GET  /  HTTP/1.1\r\nHost: a\r\n\r\n", "GET / HTTP/1.1\r\nHost: a\r\n\r\n", parser.Request, &parser.Options{AllowTolerantStartLine: true, MaxStartLine: 15}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if w, _ := tolerantStartLine([]byte(tt.in), tt.kind, tt.o); string(w.out) != tt.want {
				t.Errorf("tolerantStartLine(%q) = %q, want %q", tt.in, w.out, tt.want)
			}
			modelAgrees(t, compareTolerantStartLine, tt.in, tt.kind, tt.o)
		})
	}
}

// TestChunkedBareLFModel: a ChunkedReader under ChunkedOptions.AllowBareLF
// agrees with the model (the body with each bare LF where the grammar has
// CRLF written CRLF, decoded strictly, offsets mapped back; RFC 2616
// §3.6.1, §19.3) on bare LF chunk lines, data ends, last-chunk lines and
// trailer lines, a fold over bare LF ends, a LF inside chunk-data (data,
// not rewritten), errors after a bare LF, and a body cut short; and
// chunkedBareLFToCRLF rewrites only those line ends.
func TestChunkedBareLFModel(t *testing.T) {
	for _, tt := range []struct {
		name, in, out string
	}{
		{"all bare", "3\nabc\n0\nT: 1\n\n", "3\r\nabc\r\n0\r\nT: 1\r\n\r\n"},
		{"LF in chunk-data", "3\na\nb\r\n0\r\n\r\n", "3\r\na\nb\r\n0\r\n\r\n"},
		{"extension", "2;x=y\nab\n0;z\n\n", "2;x=y\r\nab\r\n0;z\r\n\r\n"},
		{"a folded trailer field", "0\nT: a\n b\nU: c\r\n\n", "0\r\nT: a\r\n b\r\nU: c\r\n\r\n"},
		{"after the body", "0\n\nX\n", "0\r\n\r\nX\n"},
		{"bad byte after data", "3\nabcX\n", "3\r\nabcX\n"},
		{"bare CR in a trailer", "0\nT: 1\rX\n\n", "0\r\nT: 1\rX\r\n\r\n"},
		{"no size", "x\n3\n", "x\n3\n"},
		{"an empty chunk line", "\n", "\n"},
		{"data ending in a CR", "2\na\r\n0\n\n", "2\r\na\r\r\n0\r\n\r\n"},
		{"cut short", "5\nab\n", "5\r\nab\n"},
		{"trailer cut short", "0\nT: 1\n", "0\r\nT: 1\r\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := chunkedBareLFToCRLF([]byte(tt.in))
			if string(w.out) != tt.out {
				t.Errorf("chunkedBareLFToCRLF(%q) = %q, want %q", tt.in, w.out, tt.out)
			}
			if len(w.orig) != len(w.out)+1 || w.orig[len(w.out)] != len(tt.in) {
				t.Errorf("orig has %d offsets ending %d, want %d ending %d", len(w.orig), w.orig[len(w.orig)-1], len(w.out)+1, len(tt.in))
			}
			var r Result
			compareChunkedBareLF(&r, []byte(tt.in))
			for _, d := range r.Disagreements {
				t.Errorf("%s: %s: ours %s, model %s", d.Oracle, d.Field, d.Ours, d.Theirs)
			}
		})
	}
}
