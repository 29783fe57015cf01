package ref_test

import (
	"strings"
	"testing"
)

// TestRFC2616 holds hand-labelled cases for each area of the embedded RFC
// 2616 grammar, each naming the section it comes from.
func TestRFC2616(t *testing.T) {
	g := rfc2616Grammar(t)
	tests := []struct {
		rule  string
		cases []matchCase
	}{
		// §5.1 Request-Line = Method SP Request-URI SP HTTP-Version CRLF
		{"Request-Line", []matchCase{
			{"§5.1 origin path", "GET /pub/WWW/TheProject.html HTTP/1.1\r\n", true},
			{"§5.1.2 asterisk", "OPTIONS * HTTP/1.1\r\n", true},
			{"§5.1.2 absoluteURI", "GET http://www.w3.org/pub/WWW/TheProject.html HTTP/1.1\r\n", true},
			{"§5.1.2 query (abnfc fix)", "GET /search?q=abnf HTTP/1.1\r\n", true},
			{"§5.1.1 extension method", "PURGE /x HTTP/1.1\r\n", true},
			{"§3.1 multi-digit version", "GET / HTTP/12.34\r\n", true},
			{"§5.1 two spaces", "GET  / HTTP/1.1\r\n", false},
			{"§5.1 bare LF", "GET / HTTP/1.1\n", false},
			{"§3.1 lower-case http", "GET / http/1.1\r\n", false},
			{"§3.1 missing minor", "GET / HTTP/1\r\n", false},
			{"§5.1 tab separator", "GET\t/ HTTP/1.1\r\n", false},
			{"§3.2.1 space in URI", "GET /a b HTTP/1.1\r\n", false},
		}},
		// §6.1 Status-Line
		{"Status-Line", []matchCase{
			{"§6.1 ok", "HTTP/1.1 200 OK\r\n", true},
			{"§6.1.1 extension code and empty phrase", "HTTP/1.1 299 \r\n", true},
			{"§6.1.1 two-digit code", "HTTP/1.1 20 OK\r\n", false},
			{"§6.1.1 phrase with CR", "HTTP/1.1 200 O\rK\r\n", false},
		}},
		// §4.2 message-header = field-name ":" [ field-value ]
		{"message-header", []matchCase{
			{"§4.2 simple", "X-Foo: bar", true},
			{"§4.2 folded value (LWS)", "X-Foo: bar\r\n baz", true},
			{"§4.2 empty value", "X-Foo:", true},
			{"§4.2 name with space", "X Foo: bar", false},
			{"§4.2 CTL in value", "X-Foo: b\x01r", false},
			{"§4.2 bare LF in value", "X-Foo: a\nb", false},
		}},
		// §3.6.1 Chunked-Body
		{"Chunked-Body", []matchCase{
			{"§3.6.1 two chunks", "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n", true},
			{"§3.6.1 extension and trailer", "5;name=val\r\nhello\r\n0\r\nExpires: never\r\n\r\n", true},
			{"§3.6.1 hex size", "a\r\n0123456789\r\n0\r\n\r\n", true},
			{"§3.6.1 no last-chunk", "5\r\nhello\r\n", false},
			{"§3.6.1 signed size", "+5\r\nhello\r\n0\r\n\r\n", false},
			{"§3.6.1 0x prefix", "0x5\r\nhello\r\n0\r\n\r\n", false},
		}},
		// §3.9 qvalue = ( "0" [ "." 0*3DIGIT ] ) | ( "1" [ "." 0*3("0") ] )
		{"qvalue", []matchCase{
			{"§3.9 zero", "0", true}, {"§3.9 three decimals", "0.375", true}, {"§3.9 one", "1.000", true},
			{"§3.9 trailing dot", "1.", true}, {"§3.9 above one", "1.001", false}, {"§3.9 four decimals", "0.1234", false},
			{"§3.9 two", "2", false}, {"§3.9 leading dot", ".5", false},
		}},
		// §3.3.1 HTTP-date, case-sensitive
		{"HTTP-date", []matchCase{
			{"§3.3.1 rfc1123-date", "Sun, 06 Nov 1994 08:49:37 GMT", true},
			{"§3.3.1 rfc850-date", "Sunday, 06-Nov-94 08:49:37 GMT", true},
			{"§3.3.1 asctime-date", "Sun Nov  6 08:49:37 1994", true},
			{"§3.3.1 asctime two-digit day", "Sun Nov 16 08:49:37 1994", true},
			{"§3.3.1 case-sensitive month", "Sun, 06 NOV 1994 08:49:37 GMT", false},
			{"§3.3.1 not GMT", "Sun, 06 Nov 1994 08:49:37 UTC", false},
			{"§3.3.1 one-digit day in rfc1123", "Sun, 6 Nov 1994 08:49:37 GMT", false},
			{"§3.3.1 extra space", "Sun,  06 Nov 1994 08:49:37 GMT", false},
		}},
		// §14.35.1 byte ranges
		{"ranges-specifier", []matchCase{
			{"§14.35.1 first 500", "bytes=0-499", true},
			{"§14.35.1 suffix", "bytes=-500", true},
			{"§14.35.1 open end", "bytes=9500-", true},
			{"§14.35.1 several", "bytes=500-600,601-999", true},
			{"§14.35.1 first and last", "bytes=0-0,-1", true},
			{"§14.35.1 no unit", "=0-499", false},
			{"§14.35.1 empty spec", "bytes=", false},
			{"§14.35.1 just dash", "bytes=-", false},
			// RFC 2616 §2.1's 1#element has *LWS before the first element;
			// abnfc's lists leave it to the enclosing rule's @lws, and the
			// byte-range rules have none (NOTES.md, as RFC 7233 §2.1).
			{"§14.35.1 white space before the first range", "bytes= 0-499", false},
			{"§2.1 white space around the list's commas", "bytes=0-1 , 5-6", true},
		}},
		// §14.16 Content-Range
		{"Content-Range", []matchCase{
			{"§14.16 example", "Content-Range: bytes 21010-47021/47022", true},
			{"§14.16 unknown length", "Content-Range: bytes 0-499/*", true},
			{"§14.16 unsatisfiable (abnfc fix)", "Content-Range: bytes */47022", true},
			{"§14.16 */* (abnfc fix)", "Content-Range: bytes */*", false},
		}},
		// §14 headers with their own grammars
		{"Accept", []matchCase{
			{"§14.1 example", "Accept: audio/*; q=0.2, audio/basic", true},
			{"§14.1 example 2", "Accept: text/plain; q=0.5, text/html,\r\n       text/x-dvi; q=0.8, text/x-c", true},
			{"§14.1 level param", "Accept: text/*, text/html, text/html;level=1, */*", true},
			{"§3.7 no LWS in type/subtype", "Accept: text / html", false},
		}},
		{"Accept-Encoding", []matchCase{
			{"§14.3 examples", "Accept-Encoding: compress, gzip", true},
			{"§14.3 empty (abnfc fix)", "Accept-Encoding:", true},
			{"§14.3 qvalues", "Accept-Encoding: gzip;q=1.0, identity; q=0.5, *;q=0", true},
		}},
		{"Host", []matchCase{
			{"§14.23 name and port", "Host: www.w3.org:8080", true},
			{"§14.23 IPv4", "Host: 192.0.2.1", true},
			{"§14.23 empty value (its prose; an abnfc fix)", "Host:", true},
			{"§14.23 port without a host", "Host: :80", false},
			{"§14.23 user info is not a host", "Host: user@www.w3.org", false},
		}},
		{"Cache-Control", []matchCase{
			{"§14.9 directives", "Cache-Control: no-cache, max-age=3600", true},
			{"§14.9 private with fields", `Cache-Control: private="Set-Cookie"`, true},
			{"§14.9 empty", "Cache-Control:", false},
		}},
		{"User-Agent", []matchCase{
			{"§14.43 example", "User-Agent: CERN-LineMode/2.15 libwww/2.17b3", true},
			{"§14.43 comment", "User-Agent: Mozilla/5.0 (X11; Linux x86_64)", true},
			{"§3.8 nested comment", "User-Agent: a (b (c) d)", true},
			{"§2.1 comment needs no white space", "User-Agent: a/1(b)c/2(d)", true},
			{"§2.1 folded white space between products", "User-Agent: a/1\r\n b/2", true},
			{"§2.1 two tokens without a delimiter (abnfc fix)", "User-Agent: Mozilla/5.0Gecko/20100101", false},
		}},
		{"Server", []matchCase{
			{"§14.38 example", "Server: CERN/3.0 libwww/2.17", true},
			{"§14.38 product and comment", "Server: Apache/2.4 (Unix)", true},
			{"§2.1 two tokens without a delimiter (abnfc fix)", "Server: A/1B/2", false},
		}},
		{"Via", []matchCase{
			{"§14.45 example", "Via: 1.0 fred, 1.1 nowhere.com (Apache/1.1)", true},
			{"§14.45 no space (abnfc fix)", "Via: 1.1fred", false},
		}},
		{"Content-Length", []matchCase{
			{"§14.13 example", "Content-Length: 3495", true},
			{"§14.13 sign", "Content-Length: +3495", false},
			{"§14.13 two numbers", "Content-Length: 34 95", false},
		}},
		{"Transfer-Encoding", []matchCase{
			{"§14.41 chunked", "Transfer-Encoding: chunked", true},
			{"§14.41 list", "Transfer-Encoding: gzip, chunked", true},
		}},
		{"Expect", []matchCase{{"§14.20 100-continue", "Expect: 100-continue", true}}},
		{"Range", []matchCase{{"§14.35.2 header", "Range: bytes=0-499", true}}},
		{"Warning", []matchCase{{"§14.46 warning", `Warning: 110 anderson "Response is stale"`, true}, {"§14.46 agent is a host or pseudonym", `Warning: 110 anderson/1.3 "x"`, false}}},
	}
	for _, tt := range tests {
		p := mustParser(t, g, tt.rule)
		for _, c := range tt.cases {
			t.Run(tt.rule+"/"+c.name, func(t *testing.T) {
				if got := p.Match([]byte(c.input)); got != c.want {
					res, _ := p.Parse([]byte(c.input))
					t.Errorf("Match(%q) = %v, want %v (%v)", c.input, got, c.want, res.Failure)
				}
			})
		}
	}
}

// TestRFC2616Request matches whole requests (§5) and finds the Host
// header with captures.
func TestRFC2616Request(t *testing.T) {
	p := mustParser(t, rfc2616Grammar(t), "Request")
	req := "GET /index.html HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n"
	caps, err := p.Captures([]byte(req), "Host", "Request-URI")
	if err != nil {
		t.Fatal(err)
	}
	if got := caps["Request-URI"]; len(got) != 1 || req[got[0][0]:got[0][1]] != "/index.html" {
		t.Errorf("Request-URI spans %v", got)
	}
	if !p.Match([]byte(req)) || p.Match([]byte(strings.TrimSuffix(req, "\r\n"))) {
		t.Error("a request needs its empty line (§4.1)")
	}
}
