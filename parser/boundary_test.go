package parser

import (
	"errors"
	"strings"
	"testing"
)

// TestByterangesBoundaryGrammar: the boundary of a multipart/byteranges
// body that frames the message (RFC 2616 §4.4 rule 4, §19.2) must match
// RFC 2046 §5.1.1, boundary := 0*69<bchars> bcharsnospace; else
// ParseResponse refuses the head with an *Error at the
// byte at fault (at the boundary's start when quoted-pairs were undone).
// Where another rule frames the body, or in a request (§4.3), the
// boundary is not looked at.
func TestByterangesBoundaryGrammar(t *testing.T) {
	const alnum, other = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", "'()+_,-./:=? "
	long := strings.Repeat("a", 70)
	for _, tc := range []struct {
		name  string
		param string // the boundary parameter's value, as sent
		want  string // Message.Boundary
		at    int    // where the error is, from the value's start; -1: none
	}{
		{"one byte", "B", "B", -1},
		{"token", "THIS_STRING_SEPARATES", "THIS_STRING_SEPARATES", -1},
		{"DIGIT and ALPHA", alnum, alnum, -1},
		{"the other bchars", `"` + other + `z"`, other + "z", -1},
		{"space inside", `"a b"`, "a b", -1},
		{"70 bytes", long, long, -1},
		{"70 bytes quoted, space inside", `"` + long[:35] + " " + long[:34] + `"`, long[:35] + " " + long[:34], -1},
		{"quoted-pair undone", `"a\-b"`, "a-b", -1},
		{"empty", `""`, "", 1},
		{"71 bytes", long + "a", "", 70},
		{"71 bytes quoted", `"` + long + `a"`, "", 71},
		{"one space", `" "`, "", 1},
		{"ends with a space", `"ab "`, "", 3},
		{"folded LWS", "\"a\r\n b\"", "", 2},
		{"tab", "\"a\tb\"", "", 2},
		{"token byte outside bchars", "a!b", "", 1},
		{"another", "ab*", "", 2},
		{"semicolon quoted", `"a;b"`, "", 2},
		{"quote, a quoted-pair", `"a\"b"`, "", 1},
		{"backslash, a quoted-pair", `"a\\b"`, "", 1},
		{"byte over 0x7f", "\"a\xe9\"", "", 2},
	} {
		// §4.3: a request has a body only with Content-Length or
		// Transfer-Encoding, so its multipart/byteranges frames
		// nothing, and its boundary is not looked at.
		for _, kind := range []string{"request", "response"} {
			t.Run(kind+"/"+tc.name, func(t *testing.T) {
				start := "GET / HTTP/1.1\r\nHost: a\r\n"
				if kind == "response" {
					start = "HTTP/1.1 206 Partial Content\r\nDate: Wed, 15 Nov 1995 06:25:24 GMT\r\n"
				}
				field := "Content-Type: multipart/byteranges; boundary="
				in := start + field + tc.param + "\r\n\r\n"
				var m Message
				var err error
				if kind == "request" {
					_, err = ParseRequest([]byte(in), &m)
				} else {
					_, err = ParseResponse([]byte(in), &m, nil)
				}
				if kind == "request" {
					if err != nil || m.Body != BodyNone || m.Boundary != nil {
						t.Errorf("%q: %v, framing %v, boundary %q; want no error and no body (§4.3)", in, err, m.Body, m.Boundary)
					}
					return
				}
				if tc.at < 0 {
					if err != nil {
						t.Fatalf("%q: %v", in, err)
					}
					if m.Body != BodyByteranges || string(m.Boundary) != tc.want {
						t.Errorf("%q: framing %v, boundary %q; want multipart/byteranges, %q", in, m.Body, m.Boundary, tc.want)
					}
					return
				}
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("%q: %v, want an *Error", in, err)
				}
				off := len(start) + len(field) + tc.at
				if e.Rule != "boundary" || e.Section != "19.2" || !strings.Contains(e.Msg, "RFC 2046 §5.1.1") || e.Offset != off || e.Line != 3 || e.Col != len(field)+tc.at+1 {
					t.Errorf("%q: %v (offset %d, rule %q, section %q); want [boundary] at offset %d, 3:%d, RFC 2046 §5.1.1, §19.2", in, e, e.Offset, e.Rule, e.Section, off, len(field)+tc.at+1)
				}
			})
		}
	}
	// RFC 2616 §4.4: the boundary frames nothing where Content-Length
	// does (rule 3), Transfer-Encoding (rule 2) or the status or method
	// (rule 1), nor in another media type (§3.7): it is not checked.
	for _, tc := range []struct {
		name, in string
		method   string
		want     Framing
	}{
		{"Content-Length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\nContent-Type: multipart/byteranges; boundary=\"\"\r\n\r\n", "", BodyLength},
		{"chunked", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Type: multipart/byteranges; boundary=\"a b \"\r\n\r\n", "", BodyChunked},
		{"response to HEAD", "HTTP/1.1 206 Partial Content\r\nDate: Wed, 15 Nov 1995 06:25:24 GMT\r\nContent-Type: multipart/byteranges; boundary=\"\"\r\n\r\n", "HEAD", BodyNone},
		{"304", "HTTP/1.1 304 Not Modified\r\nContent-Type: multipart/byteranges; boundary=a!b\r\n\r\n", "GET", BodyNone},
		{"multipart/byterangesx", "POST / HTTP/1.1\r\nHost: a\r\nContent-Type: multipart/byterangesx; boundary=\"\"\r\n\r\n", "", BodyNone},
		{"multipart/mixed", "POST / HTTP/1.1\r\nHost: a\r\nContent-Type: multipart/mixed; boundary=\"a\r\n b\"\r\n\r\n", "", BodyNone},
	} {
		t.Run("not framing/"+tc.name, func(t *testing.T) {
			var m Message
			var err error
			if tc.method == "" {
				_, err = ParseRequest([]byte(tc.in), &m)
			} else {
				_, err = ParseResponse([]byte(tc.in), &m, []byte(tc.method))
			}
			if err != nil || m.Body != tc.want {
				t.Errorf("%q: %v, %v; want %v, no error", tc.in, m.Body, err, tc.want)
			}
		})
	}
}
