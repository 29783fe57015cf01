package parser

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// TestEarliestError: the error reported is the earliest in the input, at
// the first byte at which no valid head could continue, whatever follows
// it: a line end that is not CRLF (§2.2), the end of the input, a fold
// that Options.RejectFolding refuses, or a limit crossed later on the
// line. ParseRequest (ParseResponse) and a Reader, fed the input whole or
// one byte at a time, report the same error at the same offset. Before,
// the line-end checks ran before the grammar: `\x01GET / HTTP/1.1\n` was
// a bare LF at 1:16, and `\x01GET` then EOF an incomplete head.
func TestEarliestError(t *testing.T) {
	tests := []struct {
		name string
		in   string
		resp bool
		opts *Options
		off  int    // the error's offset (line and column follow from it)
		rule string // its rule
		msg  string // the start of its Msg
		sec  string // its section
	}{
		{name: "§5.1 bad byte before a bare LF", in: "\x01GET / HTTP/1.1\n", off: 0, rule: "Request-Line", msg: "found 0x01", sec: "5.1"},
		{name: "§5.1 bad byte, then the input ends", in: "\x01GET", off: 0, rule: "Request-Line", msg: "found 0x01", sec: "5.1"},
		{name: "§5.1 bad byte before a bare CR", in: "GET /\x01 HTTP/1.1\r\r\nHost: a\r\n\r\n", off: 5, rule: "Request-Line", msg: "found 0x01", sec: "5.1"},
		{name: "§6.1 bad status before a bare LF", in: "HTTP/1.1 2x0 OK\n\n", resp: true, off: 10, rule: "Status-Line", msg: "found 'x'", sec: "6.1"},
		{name: "§6.1 bad status, then the input ends", in: "HTTP/1.1 2x", resp: true, off: 10, rule: "Status-Line", msg: "found 'x'", sec: "6.1"},
		{name: "§4.2 bad byte in a name before a bare LF", in: "GET / HTTP/1.1\r\nHo\x01st: a\n\r\n", off: 18, rule: "message-header", msg: "found 0x01", sec: "4.2"},
		{name: "§4.2 bad byte in a value before a bare CR", in: "GET / HTTP/1.1\r\nHost: a\x01\rb\r\n\r\n", off: 23, rule: "message-header", msg: "found 0x01", sec: "4.2"},
		{name: "§4.2 bad byte in a field, then the input ends", in: "GET / HTTP/1.1\r\nHost: a\r\nX\x01", off: 26, rule: "message-header", msg: "found 0x01", sec: "4.2"},
		{name: "§4.2 bad byte in a continuation line before a bare LF", in: "GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n b\x01\n\r\n", off: 33, rule: "message-header", msg: "found 0x01", sec: "4.2"},
		{name: "§14.13 Content-Length not digits before a bare LF", in: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1x\n\r\n", off: 43, rule: "Content-Length", msg: "found 'x'", sec: "14.13"},
		{name: "§14.13 Content-Length not digits, then the input ends", in: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1x", off: 43, rule: "Content-Length", msg: "found 'x'", sec: "14.13"},
		// RFC 7230 §3.2.4: the white space before the colon comes before
		// the bad byte in the value.
		{name: "RFC 7230 §3.2.4 space before colon before a bad byte", in: "GET / HTTP/1.1\r\nHost : a\x01\r\n\r\n", off: 20, rule: "message-header", msg: `white space before ":"`, sec: "4.2"},
		{name: "§4.2 bad byte before a refused fold", opts: &Options{RejectFolding: true}, in: "GET / HTTP/1.1\r\nHost: a\r\nX\x01: a\r\n b\r\n\r\n", off: 26, rule: "message-header", msg: "found 0x01", sec: "4.2"},
		{name: "§4.1 bad byte before the start line's limit", opts: &Options{MaxStartLine: 20}, in: "G\x01T /" + strings.Repeat("a", 30) + " HTTP/1.1\r\n\r\n", off: 1, rule: "Request-Line", msg: "found 0x01", sec: "5.1"},
		{name: "§4.2 bad byte before the header bytes' limit", opts: &Options{MaxHeaderBytes: 60}, in: "GET / HTTP/1.1\r\nHost: a\r\nX\x01: " + strings.Repeat("b", 100) + "\r\n\r\n", off: 26, rule: "message-header", msg: "found 0x01", sec: "4.2"},
		{name: "§4.2 one field too many, then the input ends", opts: &Options{MaxHeaders: 1}, in: "GET / HTTP/1.1\r\nHost: a\r\nX: b", off: 25, rule: "message-header", msg: "more than 1 header fields", sec: "4.2"},
		{name: "§19.3 tolerant start line, bad byte, then the input ends", opts: &Options{AllowTolerantStartLine: true}, in: "GET \t /a\"b", off: 8, rule: "Request-Line", msg: `found '"'`, sec: "5.1"},
		{name: "§19.3 tolerant start line, bad byte before a bare LF", opts: &Options{AllowTolerantStartLine: true}, in: "GET  /a\"b  HTTP/1.1\n\r\n", off: 7, rule: "Request-Line", msg: `found '"'`, sec: "5.1"},
		// A fourth field after a bad one: the bad byte first (it was "more
		// after the request line's HTTP-Version" at the fourth field,
		// and the bad byte for a prefix without it).
		{name: "§19.3 tolerant start line, bad byte before a fourth field", opts: &Options{AllowTolerantStartLine: true}, in: "GET /a b HTTP/1.1\r\nHost: x\r\n\r\n", off: 7, rule: "Request-Line", msg: "found 'b'", sec: "5.1"},
		{name: "§19.3 tolerant start line, a status line read as a request", opts: &Options{AllowTolerantStartLine: true}, in: "HTTP/1.1 204 No Content\r\n\r\n", off: 4, rule: "Request-Line", msg: "found '/'", sec: "5.1"},
		{name: "§19.3 tolerant start line, a fourth field", opts: &Options{AllowTolerantStartLine: true}, in: "GET / HTTP/1.1 x\r\nHost: x\r\n\r\n", off: 14, rule: "Request-Line", msg: "more after the request line's HTTP-Version", sec: "5.1"},
		// Under AllowBareLF, the machine reads the fold's LF as CRLF; the
		// error is placed in the input as received.
		{name: "§19.3 bare LF fold, bad byte after it", opts: &Options{AllowBareLF: true}, in: "GET / HTTP/1.1\nHost: a\nX: a\n b\x01\n\n", off: 30, rule: "message-header", msg: "found 0x01", sec: "4.2"},
		// Nothing earlier: the line end is the error.
		{name: "§2.2 bare LF alone", in: "GET / HTTP/1.1\nHost: a\n\n", off: 14, rule: "start-line", msg: "bare LF", sec: "4.1"},
		{name: "§2.2 bare CR alone", in: "GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n", off: 23, rule: "message-header", msg: "bare CR", sec: "4.2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m Message
			var err error
			if tt.resp {
				_, err = tt.opts.ParseResponse([]byte(tt.in), &m, []byte("GET"))
			} else {
				_, err = tt.opts.ParseRequest([]byte(tt.in), &m)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want an *Error", err)
			}
			line, col := lineCol([]byte(tt.in), tt.off)
			if e.Offset != tt.off || e.Line != line || e.Col != col || e.Rule != tt.rule || e.Section != tt.sec || !strings.HasPrefix(e.Msg, tt.msg) {
				t.Errorf("error at offset %d (%d:%d) [%s §%s] %q\nwant offset %d (%d:%d) [%s §%s] %q...", e.Offset, e.Line, e.Col, e.Rule, e.Section, e.Msg, tt.off, line, col, tt.rule, tt.sec, tt.msg)
			}
			for _, mode := range []string{"whole", "one byte"} {
				var src io.Reader = strings.NewReader(tt.in)
				if mode == "one byte" {
					src = iotest.OneByteReader(src)
				}
				rd := NewReader(src, tt.opts)
				var rerr error
				if tt.resp {
					rerr = rd.ReadResponse(&m, []byte("GET"))
				} else {
					rerr = rd.ReadRequest(&m)
				}
				var re *Error
				if !errors.As(rerr, &re) || fmt.Sprint(rerr) != fmt.Sprint(err) || re.Offset != e.Offset || errors.Is(rerr, ErrLimit) != errors.Is(err, ErrLimit) {
					t.Errorf("Reader (%s): %v; ParseRequest: %v", mode, rerr, err)
				}
			}
		})
	}
}

// TestPrefixesIncomplete: every proper prefix of a valid head is
// ErrIncomplete, under the options it is valid with, so that checking the
// grammar of a line before its end (TestEarliestError) finds no error
// where a later byte would make the line valid.
func TestPrefixesIncomplete(t *testing.T) {
	lenient := &Options{AllowBareLF: true, AllowTolerantStartLine: true, AllowSpaceBeforeColon: true, AllowDuplicateContentLength: true}
	tests := []struct {
		name string
		in   string
		resp bool
		opts *Options
	}{
		{name: "browser", in: "GET /index.html?q=1 HTTP/1.1\r\nHost: example.com:8080\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64)\r\nAccept: text/html, application/xhtml+xml;q=0.9, */*;q=0.8\r\nAccept-Language: en-US, en;q=0.5\r\nAccept-Encoding: gzip, deflate\r\nIf-Modified-Since: Sun, 06 Nov 1994 08:49:37 GMT\r\nCache-Control: max-age=0, no-cache=\"Set-Cookie\"\r\nConnection: keep-alive\r\n\r\n"},
		{name: "folds", in: "POST /f HTTP/1.1\r\nHost: a\r\nX-Fold: one\r\n two\r\n\t three\r\nContent-Type: multipart/byteranges;\r\n boundary=\"a b\"\r\nContent-Length: 12\r\n\r\n"},
		{name: "response", resp: true, in: "HTTP/1.1 206 Partial Content\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nContent-Range: bytes 0-9/100\r\nETag: W/\"x\"\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"},
		{name: "empty reason", resp: true, in: "HTTP/1.1 200 \r\n\r\n"},
		{name: "lenient", opts: lenient, in: "GET \t /a  HTTP/1.1\nHost : a\nContent-Length: 3\nContent-Length: 003\nX: a\n b\n\n"},
		{name: "lenient response", resp: true, opts: lenient, in: "HTTP/1.1 \t 200  Fine  reason \nServer: x\n\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parse := func(b []byte) (int, error) {
				var m Message
				if tt.resp {
					return tt.opts.ParseResponse(b, &m, []byte("GET"))
				}
				return tt.opts.ParseRequest(b, &m)
			}
			if n, err := parse([]byte(tt.in)); err != nil || n != len(tt.in) {
				t.Fatalf("whole: %d, %v", n, err)
			}
			for i := range len(tt.in) {
				if _, err := parse([]byte(tt.in[:i])); err != ErrIncomplete {
					t.Errorf("prefix %q: %v, want ErrIncomplete", tt.in[:i], err)
				}
			}
		})
	}
}

// TestPrefixKeepsError: a prefix of the input that holds the error's
// byte gives the same error as the whole input (ParseRequest's doc), under
// each option set (the tolerant start line's cases of TestEarliestError
// among them). The one exception the doc names, white space before a
// colon, is decided at the colon.
func TestPrefixKeepsError(t *testing.T) {
	opts := []*Options{nil, {AllowTolerantStartLine: true}, {AllowBareLF: true, RejectFolding: true}, {AllowSpaceBeforeColon: true, SkipValueGrammars: true}}
	for _, in := range []string{
		"GET / HTTP/1.1\r\nHost : a\x01\r\n\r\n",
		"GET /a b HTTP/1.1\r\nHost: x\r\n\r\n",
		"HTTP/1.1 204 No Content\r\n\r\n",
		"GET  /a\"b  HTTP/1.1\r\nHost: x\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: a\r\nX\x01: b\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n b\x01\n\r\n",
		"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1x\r\n\r\n",
	} {
		for oi, o := range opts {
			var m Message
			_, err := o.ParseRequest([]byte(in), &m)
			var e *Error
			if !errors.As(err, &e) || errors.Is(err, ErrLimit) {
				continue
			}
			from := e.Offset + 1
			if strings.HasPrefix(e.Msg, `white space before ":"`) {
				from = strings.IndexByte(in[e.Offset:], ':') + e.Offset + 1
			}
			for n := from; n < len(in); n++ {
				_, perr := o.ParseRequest([]byte(in[:n]), &m)
				if fmt.Sprint(perr) != fmt.Sprint(err) {
					t.Errorf("options %d, %q: the whole gives %v, its first %d bytes %v", oi, in, err, n, perr)
					break
				}
			}
		}
	}
}
