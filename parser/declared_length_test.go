package parser

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// TestDeclaredLength: Message.DeclaredLength is the Content-Length field's
// value (RFC 2616 §14.13) apart from the body length that is read
// (ContentLength, §4.4): a response to HEAD has no body (§4.4 rule 1) and
// reports the length a GET would have had. Invalid and repeated values are
// refused as in any message, at the field.
func TestDeclaredLength(t *testing.T) {
	const ok200 = "HTTP/1.1 200 OK\r\n"
	for _, tc := range []struct {
		name   string
		opts   *Options
		in     string
		method string // "" for a request
		// body, length: Message.Body and ContentLength.
		body     Framing
		length   int64
		declared int64
		has      bool
		// err and section: the error's text and section; at is where
		// it is (the Content-Length field, unless the grammar names a
		// byte in it).
		err, section string
		at           int
	}{
		{name: "§14.13 HEAD declares the GET's length", in: ok200 + "Content-Length: 5\r\n\r\n", method: "HEAD", body: BodyNone, declared: 5, has: true},
		{name: "§14.13 HEAD Content-Length 0", in: ok200 + "Content-Length: 0\r\n\r\n", method: "HEAD", body: BodyNone, declared: 0, has: true},
		{name: "§14.13 HEAD without Content-Length", in: ok200 + "\r\n", method: "HEAD", body: BodyNone},
		{name: "§14.13 HEAD largest int64", in: ok200 + "Content-Length: 9223372036854775807\r\n\r\n", method: "HEAD", body: BodyNone, declared: 1<<63 - 1, has: true},
		{name: "§14.13 HEAD leading zeros", in: ok200 + "Content-Length: 0007\r\n\r\n", method: "HEAD", body: BodyNone, declared: 7, has: true},
		{name: "§14.13 GET frames the body by it", in: ok200 + "Content-Length: 5\r\n\r\n", method: "GET", body: BodyLength, length: 5, declared: 5, has: true},
		{name: "§5.1.1 head is not HEAD", in: ok200 + "Content-Length: 5\r\n\r\n", method: "head", body: BodyLength, length: 5, declared: 5, has: true},
		{name: "§14.13 request", in: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\n", body: BodyLength, length: 3, declared: 3, has: true},
		{name: "§14.13 request without", in: "GET / HTTP/1.1\r\nHost: a\r\n\r\n", body: BodyNone},
		{name: "§10.3.5 304 declares the 200's length", in: "HTTP/1.1 304 Not Modified\r\nContent-Length: 12\r\n\r\n", method: "GET", body: BodyNone, declared: 12, has: true},
		{name: "§4.4 HEAD chunked: no length", in: ok200 + "Transfer-Encoding: chunked\r\n\r\n", method: "HEAD", body: BodyNone},
		{name: "§4.4 HEAD identity coding keeps it", in: ok200 + "Transfer-Encoding: identity\r\nContent-Length: 4\r\n\r\n", method: "HEAD", body: BodyNone, declared: 4, has: true},
		{name: "§4.4 lenient CL with TE after HEAD is ignored", opts: &Options{AllowContentLengthWithTE: true}, in: ok200 + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", method: "HEAD", body: BodyNone},
		{name: "§4.4 lenient CL with TE after GET is ignored", opts: &Options{AllowContentLengthWithTE: true}, in: ok200 + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", method: "GET", body: BodyChunked},
		// RFC 9112 §6.3 rule 2: a 2xx to CONNECT opens a tunnel and its
		// Content-Length is ignored, even one that would not fit.
		{name: "§9.9 2xx to CONNECT ignores it", in: "HTTP/1.1 200 Connection established\r\nContent-Length: 10\r\n\r\n", method: "CONNECT", body: BodyNone},
		{name: "§9.9 2xx to CONNECT ignores a huge one", in: "HTTP/1.1 200 Connection established\r\nContent-Length: 99999999999999999999\r\n\r\n", method: "CONNECT", body: BodyNone},
		{name: "§9.9 407 to CONNECT frames by it", in: "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 5\r\n\r\n", method: "CONNECT", body: BodyLength, length: 5, declared: 5, has: true},
		// Invalid values after HEAD: refused, as after GET.
		{name: "§14.13 HEAD Content-Length past int64", in: ok200 + "Content-Length: 9223372036854775808\r\n\r\n", method: "HEAD", err: "does not fit in 63 bits", section: "14.13", at: 17},
		{name: "§14.13 304 Content-Length past int64", in: "HTTP/1.1 304 Not Modified\r\nContent-Length: 99999999999999999999\r\n\r\n", method: "GET", err: "does not fit in 63 bits", section: "14.13", at: 27},
		{name: "§14.13 GET Content-Length past int64", in: ok200 + "Content-Length: 9223372036854775808\r\n\r\n", method: "GET", err: "does not fit in 63 bits", section: "14.13", at: 17},
		{name: "§14.13 HEAD Content-Length not 1*DIGIT", in: ok200 + "Content-Length: 5a\r\n\r\n", method: "HEAD", err: "found 'a'", section: "14.13", at: 34},
		{name: "§14.13 HEAD Content-Length negative", in: ok200 + "Content-Length: -1\r\n\r\n", method: "HEAD", err: "found '-'", section: "14.13", at: 33},
		{name: "§14.13 HEAD Content-Length empty", in: ok200 + "Content-Length:\r\n\r\n", method: "HEAD", err: "found end of input", section: "14.13", at: 32},
		{name: "§14.13 HEAD Content-Length list", in: ok200 + "Content-Length: 5, 5\r\n\r\n", method: "HEAD", err: "found ','", section: "14.13", at: 34},
		// §4.2: Content-Length is not a list; RFC 7230 §3.3.2 lets
		// equal values through (Options.AllowDuplicateContentLength).
		{name: "§4.2 HEAD duplicate Content-Length", in: ok200 + "Content-Length: 5\r\nContent-Length: 5\r\n\r\n", method: "HEAD", err: "appears more than once", section: "4.2", at: 36},
		{name: "§4.2 HEAD duplicate Content-Length allowed", opts: &Options{AllowDuplicateContentLength: true}, in: ok200 + "Content-Length: 5\r\nContent-Length: 005\r\n\r\n", method: "HEAD", body: BodyNone, declared: 5, has: true},
		{name: "§4.2 HEAD differing Content-Lengths allowed duplicates", opts: &Options{AllowDuplicateContentLength: true}, in: ok200 + "Content-Length: 5\r\nContent-Length: 6\r\n\r\n", method: "HEAD", err: "appears more than once", section: "4.2", at: 36},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var m Message
			var err error
			if tc.method == "" {
				_, err = tc.opts.ParseRequest([]byte(tc.in), &m)
			} else {
				_, err = tc.opts.ParseResponse([]byte(tc.in), &m, []byte(tc.method))
			}
			if tc.err != "" {
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("error %v, want an *Error saying %q", err, tc.err)
				}
				line, col := lineCol([]byte(tc.in), tc.at)
				if !strings.Contains(e.Msg, tc.err) || e.Section != tc.section || e.Offset != tc.at || e.Line != line || e.Col != col {
					t.Errorf("error %v at offset %d, want %q (§%s) at offset %d, %d:%d", e, e.Offset, tc.err, tc.section, tc.at, line, col)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			n, has := m.DeclaredLength()
			if m.Body != tc.body || m.ContentLength != tc.length || n != tc.declared || has != tc.has {
				t.Errorf("Body %v, ContentLength %d, DeclaredLength %d %v; want %v, %d, %d %v", m.Body, m.ContentLength, n, has, tc.body, tc.length, tc.declared, tc.has)
			}
		})
	}
}

// TestReaderDeclaredLength: a Reader reads no body after a response to
// HEAD that declares a length (§4.4 rule 1), and DeclaredLength has the
// length; the next response is read from the byte after the head.
func TestReaderDeclaredLength(t *testing.T) {
	const head = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"
	const get = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"
	for rname, src := range testReaders(head + get) {
		rd := NewReader(src, nil)
		var m Message
		for _, want := range []struct {
			method   string
			body     string
			declared int64
			end      int64
		}{
			{"HEAD", "", 5, int64(len(head))},
			{"GET", "hi", 2, int64(len(head + get))},
		} {
			if err := rd.ReadResponse(&m, []byte(want.method)); err != nil {
				t.Fatalf("%s: %s: %v", rname, want.method, err)
			}
			n, ok := m.DeclaredLength()
			body, err := io.ReadAll(rd.Body())
			if err != nil || string(body) != want.body || !ok || n != want.declared || rd.Offset() != want.end {
				t.Errorf("%s: %s: body %q %v, DeclaredLength %d %v, Offset %d; want %q, %d true, %d", rname, want.method, body, err, n, ok, rd.Offset(), want.body, want.declared, want.end)
			}
		}
	}
}
