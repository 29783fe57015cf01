//go:build !gofuzz

package fuzz_test

import (
	"strings"
	"testing"

	"github.com/abnfc/abnfc/fuzz"
	"github.com/abnfc/abnfc/parser"
)

// TestClassifyServerVersionOnlyItsRefusal: against net/http.Server,
// http-version explains a verdict or a number of messages only through
// what the server does with a version (RFC 2616 §3.1 allows any
// HTTP-Version): (*conn).readRequest answers 505 to a major version but
// 1 (http1ServerSupportsRequest; "PRI * HTTP/2.0" aside), and 400 to one
// http.ParseHTTPVersion refuses (HTTP/1.10, HTTP/9.64: one digit each),
// as ReadRequest does, in the request it stopped at, which ours read up
// to there. It held for any start line of the scope without HTTP/1.0 or
// HTTP/1.1, a partial or junk one included, and for any failure of the
// server: those cases were http-version before.
func TestClassifyServerVersionOnlyItsRefusal(t *testing.T) {
	const host = "Host: a\r\n\r\n"
	for _, tt := range []struct {
		name, data string
		their      *fuzz.Outcome // nil: the real server's answer
		ours       string        // a made-up failure of ours at this string
		want       string
	}{
		{"505 for HTTP/2.0", "GET / HTTP/2.0\r\n" + host, nil, "", "http-version"},
		{"505 for HTTP/0.9", "GET / HTTP/0.9\r\n\r\n", nil, "", "http-version"},
		{"505 for a second request", "GET / HTTP/1.1\r\n" + host + "GET / HTTP/3.0\r\n" + host, nil, "", "http-version"},
		{"400 for HTTP/1.10", "GET / HTTP/1.10\r\n" + host, nil, "", "http-version"},
		{"505 before a junk start line", "GET / HTTP/2.0\r\n" + host + "\x01 HTTP/2.0\r\n\r\n", nil, "", "http-version"},
		// Not the version's doing.
		{"a made-up 400 for HTTP/2.0", "GET / HTTP/1.1\r\n" + host + "GET / HTTP/2.0\r\n" + host, &fuzz.Outcome{Verdict: "error", Err: "400 Bad Request", Messages: []fuzz.Msg{{Method: "GET", Target: "/", Version: "HTTP/1.1", Host: "a"}}}, "", ""},
		{"ours fails in a request before", "GET / HTTP/1.1\r\nHost: a\r\nAccept: a/b\r\n\r\nGET / HTTP/2.0\r\n" + host, nil, "a/b", ""},
		// The HTTP/2 preface, which the server serves without Host.
		{"PRI * HTTP/2.0 without Host", "PRI * HTTP/2.0\r\n\r\n", nil, "", "http-version"},
		// The server exempts CONNECT from Host (from HTTP/1.1 on).
		{"CONNECT, HTTP/1.7, without Host", "CONNECT * HTTP/1.7\r\n\r\n", nil, "", "host-missing"},
		// The server's 417 to an expectation it does not know (§14.20)
		// in an HTTP/1.2 request: expect's.
		{"417 in an HTTP/1.2 request", "GET / HTTP/1.2\r\nHost: a\r\nExpect: foo\r\n\r\n", nil, "", "expect"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.data)
			ours := fuzz.OneShot(data, parser.Request)
			if tt.ours != "" {
				ours = fuzz.Outcome{Verdict: "error", Err: "a made-up failure", ErrRule: "Accept", ErrOffset: strings.Index(tt.data, tt.ours)}
			}
			theirs := tt.their
			if theirs == nil {
				o, err := fuzz.ServeOnce(data)
				if err != nil {
					t.Fatal(err)
				}
				// As compareServer decides a close after the last answer.
				if o.Verdict == "ok?" {
					o.Verdict = "incomplete"
					if len(o.Messages) >= len(ours.Messages) && (ours.Verdict == "ok" || len(o.Messages) > len(ours.Messages)) {
						o.Verdict = "ok"
					}
				}
				theirs = &o
			}
			field := differingField(t, ours, *theirs)
			if c := fuzz.Classify("request", fuzz.OracleServer, field, data, ours, *theirs); c != tt.want {
				t.Errorf("Classify(%s) = %q, want %q (ours %s %q@%d %d messages, theirs %s %q %d messages)", field, c, tt.want, ours.Verdict, ours.Err, ours.ErrOffset, len(ours.Messages), theirs.Verdict, theirs.Err, len(theirs.Messages))
			}
		})
	}
}

// TestClassifyLastLineLost: net/http never reads a last line, ended by
// EOF, whose length is a multiple of its bufio.Reader's buffer (4096):
// ReadLine meets EOF after the last full prefix and textproto returns
// EOF for the line. Ours' error on such a Request-Line is early-error's;
// on a line one byte shorter net/http reads and refuses it.
func TestClassifyLastLineLost(t *testing.T) {
	data := []byte("GET /" + strings.Repeat("A", 4096) + " " + strings.Repeat("A", 8192-5-4096-1))
	ours := fuzz.OneShot(data, parser.Request)
	for _, oracle := range []string{fuzz.OracleNetHTTP, fuzz.OracleServer} {
		theirs := fuzz.NetHTTP(data, parser.Request)
		if oracle == fuzz.OracleServer {
			o, err := fuzz.ServeOnce(data)
			if err != nil {
				t.Fatal(err)
			}
			if o.Verdict == "ok?" && len(o.Messages) == 0 {
				o.Verdict = "incomplete" // closed without an answer (compareServer)
			}
			theirs = o
		}
		if theirs.Verdict != "incomplete" || ours.Verdict != "error" {
			t.Fatalf("ours %s, theirs %s %q", ours.Verdict, theirs.Verdict, theirs.Err)
		}
		if c := fuzz.Classify("request", oracle, "verdict", data, ours, theirs); c != "early-error" {
			t.Errorf("%s: Classify(verdict) = %q, want early-error", oracle, c)
		}
	}
	short := data[:8191]
	if theirs := fuzz.NetHTTP(short, parser.Request); theirs.Verdict != "error" {
		t.Errorf("8191 bytes: net/http %s %q, want error", theirs.Verdict, theirs.Err)
	}
}
