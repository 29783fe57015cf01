package parser

import (
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
)

// TestReaderTrailer: Reader.Trailer and Reader.TrailerValue give the
// trailer fields of the chunked body read last (RFC 2616 §3.6.1 trailer,
// §14.40), with stream offsets, once the body has been read to io.EOF, and
// nil in every other state. Fed whole and in small pieces.
func TestReaderTrailer(t *testing.T) {
	const chunkedHead = "POST /%s HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
	req := func(target, body string) string { return fmt.Sprintf(chunkedHead, target) + body }
	type want struct {
		target  string
		trailer []string // "offset Name|Value" after the body's io.EOF
		lookups map[string]string
	}
	for _, tc := range []struct {
		name string
		in   string
		opts *Options
		want []want
	}{
		{name: "§3.6.1 two fields",
			in: req("a", "3\r\nabc\r\n0\r\nX-A: 1\r\nContent-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==\r\n\r\n"),
			want: []want{{"/a", []string{"68 X-A|1", "76 Content-MD5|Q2hlY2sgSW50ZWdyaXR5IQ=="},
				map[string]string{"x-a": "1", "CONTENT-md5": "Q2hlY2sgSW50ZWdyaXR5IQ==", "X-B": "<nil>"}}}},
		{name: "§3.6.1 no trailer", in: req("a", "3\r\nabc\r\n0\r\n\r\n"),
			want: []want{{"/a", nil, map[string]string{"X-A": "<nil>"}}}},
		// A folded value has its CRLF removed (ChunkedReader), where
		// Message.Headers keeps it.
		{name: "§2.2 folded field, repeated name",
			in:   req("a", "0\r\nX-A: 1\r\n 2\r\nx-a: 3\r\n\r\n"),
			want: []want{{"/a", []string{"60 X-A|1 2", "72 x-a|3"}, map[string]string{"X-A": "1 2"}}}},
		{name: "§8.1.2.2 each message its own trailer",
			in: req("a", "0\r\nX-A: 1\r\n\r\n") + "GET /b HTTP/1.1\r\nHost: a\r\n\r\n" + req("c", "1\r\nx\r\n0\r\nX-C: 3\r\n\r\n") + req("d", "0\r\n\r\n"),
			want: []want{
				{"/a", []string{"60 X-A|1"}, map[string]string{"X-A": "1"}},
				{"/b", nil, map[string]string{"X-A": "<nil>"}},
				{"/c", []string{"164 X-C|3"}, map[string]string{"X-C": "3", "X-A": "<nil>"}},
				{"/d", nil, map[string]string{"X-C": "<nil>"}},
			}},
		{name: "§19.3 AllowBareLF trailer", opts: &Options{AllowBareLF: true},
			in:   "POST /a HTTP/1.1\nHost: a\nTransfer-Encoding: chunked\n\n0\nX-A: 1\n\n",
			want: []want{{"/a", []string{"55 X-A|1"}, map[string]string{"X-A": "1"}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for rname, src := range testReaders(tc.in) {
				rd := NewReader(src, tc.opts)
				var m Message
				for i, w := range tc.want {
					if err := rd.ReadRequest(&m); err != nil {
						t.Fatalf("%s: message %d: %v", rname, i, err)
					}
					if string(m.Target) != w.target {
						t.Fatalf("%s: message %d is %s, want %s", rname, i, m.Target, w.target)
					}
					if tr := rd.Trailer(); tr != nil {
						t.Errorf("%s: %s: Trailer before the body is read = %v, want nil", rname, w.target, tr)
					}
					if _, err := io.Copy(io.Discard, rd.Body()); err != nil {
						t.Fatalf("%s: %s: body: %v", rname, w.target, err)
					}
					var got []string
					for _, f := range rd.Trailer() {
						got = append(got, fmt.Sprintf("%d %s|%s", f.Offset, f.Name, f.Value))
						if !strings.HasPrefix(tc.in[f.Offset:], string(f.Name)+":") {
							t.Errorf("%s: %s: field %s at offset %d, where the input has %.10q", rname, w.target, f.Name, f.Offset, tc.in[f.Offset:])
						}
					}
					if !reflect.DeepEqual(got, w.trailer) {
						t.Errorf("%s: %s: Trailer (-want +got):\n-%q\n+%q", rname, w.target, w.trailer, got)
					}
					for name, v := range w.lookups {
						if got := rd.TrailerValue(name); fmt.Sprintf("%s", got) != v && !(got == nil && v == "<nil>") {
							t.Errorf("%s: %s: TrailerValue(%q) = %q, want %q", rname, w.target, name, got, v)
						}
					}
				}
				if err := rd.ReadRequest(&m); err != io.EOF {
					t.Errorf("%s: after the last message: %v, want io.EOF", rname, err)
				}
			}
		})
	}
}

// TestReaderTrailerStates: Trailer is nil until the body's io.EOF, after
// an error in the body, and for a message without a chunked body.
func TestReaderTrailerStates(t *testing.T) {
	const head = "POST /a HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
	for _, tc := range []struct {
		name string
		in   string
		read int // bytes of body to read; -1: to the end
		resp string
	}{
		{name: "§3.6.1 body read in part", in: head + "5\r\nhello\r\n0\r\nX: 1\r\n\r\n", read: 3},
		{name: "§3.6.1 body data read, last-chunk not", in: head + "5\r\nhello\r\n0\r\nX: 1\r\n\r\n", read: 5},
		{name: "§3.6.1 error in the trailer", in: head + "0\r\nX: 1\r\nY : 2\r\n\r\n", read: -1},
		{name: "§3.6.1 stream ends in the trailer", in: head + "0\r\nX: 1\r\n", read: -1},
		{name: "§4.4 Content-Length body", in: "POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc", read: -1},
		// §4.4 rule 1: no body in a response to HEAD, chunked or not.
		{name: "§4.4 chunked response to HEAD", in: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: 1\r\n\r\n", read: -1, resp: "HEAD"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rd := NewReader(strings.NewReader(tc.in), nil)
			var m Message
			var err error
			if tc.resp != "" {
				err = rd.ReadResponse(&m, []byte(tc.resp))
			} else {
				err = rd.ReadRequest(&m)
			}
			if err != nil {
				t.Fatal(err)
			}
			if tc.read < 0 {
				_, err = io.Copy(io.Discard, rd.Body())
			} else {
				_, err = io.ReadFull(rd.Body(), make([]byte, tc.read))
			}
			t.Logf("body: %v", err)
			if tr := rd.Trailer(); tr != nil {
				t.Errorf("Trailer() = %v, want nil", tr)
			}
			if v := rd.TrailerValue("X"); v != nil {
				t.Errorf("TrailerValue(X) = %q, want nil", v)
			}
		})
	}
}
