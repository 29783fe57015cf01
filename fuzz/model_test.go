package fuzz

import (
	"strings"
	"testing"

	"github.com/abnfc/abnfc/parser"
)

// TestModelHead pins the model oracle's reading of RFC 2616's message
// rules, case by case, each with the section it comes from.
func TestModelHead(t *testing.T) {
	req, resp := parser.Request, parser.Response
	for _, tc := range []struct {
		name      string
		kind      parser.Kind
		head      string
		framing   string // "" when the model makes no claim
		keepAlive bool
		method    string // of the request a response answers; "" is GET
	}{
		{"request no body (4.4 rule 5)", req, "GET / HTTP/1.1\r\nHost: a\r\n\r\n", "none", true, ""},
		{"HTTP/1.0 closes (19.6.2)", req, "GET / HTTP/1.0\r\n\r\n", "none", false, ""},
		{"HTTP/1.0 keep-alive", req, "GET / HTTP/1.0\r\nConnection: x, Keep-Alive\r\n\r\n", "none", true, ""},
		{"HTTP/1.0 Transfer-Encoding closes (RFC 9112 6.1)", req, "POST / HTTP/1.0\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n", "chunked", false, ""},
		{"HTTP/1.0 204 Transfer-Encoding closes", resp, "HTTP/1.0 204 No\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n", "none", false, ""},
		{"close wins (14.10)", req, "GET / HTTP/1.0\r\nConnection: close\r\nConnection: keep-alive\r\n\r\n", "none", false, ""},
		{"leading zeros (3.1)", req, "GET / HTTP/001.0001\r\n\r\n", "none", true, ""},
		{"HTTP/1.01 is 1.1", req, "GET / HTTP/1.01\r\n\r\n", "none", true, ""},
		{"HTTP/0.9 closes", req, "GET / HTTP/0.9\r\n\r\n", "none", false, ""},
		{"HTTP/12.0 persists", req, "GET / HTTP/12.0\r\n\r\n", "none", true, ""},
		{"chunked (4.4 rule 2)", req, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", "chunked", true, ""},
		{"codings ending in chunked", req, "POST / HTTP/1.1\r\nTransfer-Encoding: gzip, CHUNKED\r\n\r\n", "chunked", true, ""},
		{"codings over two fields", req, "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n", "chunked", true, ""},
		{"chunked not last (3.6)", req, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", "error", true, ""},
		{"chunked twice (3.6)", req, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", "error", true, ""},
		{"response chunked twice (3.6)", resp, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip, chunked\r\n\r\n", "error", true, ""},
		{"304 chunked twice (3.6 holds without a body)", resp, "HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", "error", true, ""},
		{"204 chunked once (4.4 rule 1)", resp, "HTTP/1.1 204 No Content\r\nTransfer-Encoding: chunked\r\n\r\n", "none", true, ""},
		{"quoted comma separates nothing (2.2)", req, "POST / HTTP/1.1\r\nTransfer-Encoding: x;p=\"a, chunked\"\r\n\r\n", "error", true, ""},
		{"quoted-pair quote", req, "POST / HTTP/1.1\r\nTransfer-Encoding: x;p=\"\\\", chunked\"\r\n\r\n", "error", true, ""},
		{"after a quoted-string", req, "POST / HTTP/1.1\r\nTransfer-Encoding: x;p=\"a,b\", chunked\r\n\r\n", "chunked", true, ""},
		{"parameters of chunked", req, "POST / HTTP/1.1\r\nTransfer-Encoding: gzip;q=1 , chunked ; a=b\r\n\r\n", "chunked", true, ""},
		{"empty elements (2.1)", req, "POST / HTTP/1.1\r\nTransfer-Encoding: ,chunked,,\r\n\r\n", "chunked", true, ""},
		{"identity alone", req, "POST / HTTP/1.1\r\nTransfer-Encoding: identity\r\nContent-Length: 3\r\n\r\n", "length", true, ""},
		{"response coding not chunked", resp, "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", "close", false, ""},
		{"response 204 (4.4 rule 1)", resp, "HTTP/1.1 204 No\r\nTransfer-Encoding: chunked\r\n\r\n", "none", true, ""},
		{"response 1xx", resp, "HTTP/1.1 100 Continue\r\nContent-Length: 3\r\n\r\n", "none", true, ""},
		{"101: no claim (§14.42)", resp, "HTTP/1.1 101 Up\r\nContent-Length: 3\r\n\r\n", "", false, ""},
		{"205 (§10.2.6)", resp, "HTTP/1.1 205 Reset Content\r\nContent-Length: 3\r\n\r\n", "none", true, ""},
		{"response to close (rule 5)", resp, "HTTP/1.1 200 OK\r\n\r\n", "close", false, ""},
		{"Content-Length (rule 3)", req, "POST / HTTP/1.1\r\nContent-Length : 34\r\n\r\n", "length", true, ""},
		{"Content-Length 0", req, "POST / HTTP/1.1\r\nContent-Length: 000\r\n\r\n", "none", true, ""},
		{"folded Connection", req, "GET / HTTP/1.1\r\nConnection: a,\r\n close\r\n\r\n", "none", false, ""},
		{"Content-Length with Transfer-Encoding: no claim", req, "POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", "", false, ""},
		{"two Content-Lengths: no claim", req, "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n", "", false, ""},
		{"Content-Length off grammar: no claim", req, "POST / HTTP/1.1\r\nContent-Length: +1\r\n\r\n", "", false, ""},
		{"byteranges: no claim", resp, "HTTP/1.1 206 Partial Content\r\nContent-Type: multipart/byteranges; boundary=x\r\n\r\n", "", false, ""},
		{"byteranges in a request (§4.3)", req, "POST / HTTP/1.1\r\nContent-Type: multipart/byteranges; boundary=x\r\n\r\n", "none", true, ""},
		{"HTTP/1.0 Connection names Transfer-Encoding (§14.10)", req, "POST / HTTP/1.0\r\nConnection: Transfer-Encoding\r\nTransfer-Encoding: chunked\r\n\r\n", "none", false, ""},
		{"Connection names Content-Length: no claim (§14.10)", req, "POST / HTTP/1.1\r\nConnection: Content-Length\r\nContent-Length: 3\r\n\r\n", "", false, ""},
		{"no empty line: no claim", req, "GET / HTTP/1.1\r\n", "", false, ""},
		// §4.4 rule 1: no body in a response to HEAD, whatever its
		// fields say; §5.1.1: methods are case-sensitive.
		{"HEAD Content-Length (4.4 rule 1)", resp, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", "none", true, "HEAD"},
		// The Content-Length of a response without a body is read
		// (parser.Message.DeclaredLength): past 63 bits it is refused,
		// which the model does not claim; a 2xx to CONNECT ignores it.
		{"HEAD Content-Length past 63 bits (14.13)", resp, "HTTP/1.1 200 OK\r\nContent-Length: 9223372036854775808\r\n\r\n", "", false, "HEAD"},
		{"CONNECT 2xx ignores a huge Content-Length", resp, "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n", "none", true, "CONNECT"},
		{"HEAD chunked", resp, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", "none", true, "HEAD"},
		{"HEAD no length persists", resp, "HTTP/1.1 404 Not Found\r\n\r\n", "none", true, "HEAD"},
		{"HEAD HTTP/1.0 closes (19.6.2)", resp, "HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\n", "none", false, "HEAD"},
		{"HEAD coding not chunked", resp, "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", "none", true, "HEAD"},
		{"HEAD chunked twice (3.6)", resp, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, chunked\r\n\r\n", "error", true, "HEAD"},
		{"head is another method (5.1.1)", resp, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", "length", true, "head"},
		// §9.9, RFC 2817 §5.3: a 2xx to CONNECT opens a tunnel.
		{"CONNECT 200 (9.9)", resp, "HTTP/1.1 200 Connection established\r\n\r\n", "none", true, "CONNECT"},
		{"CONNECT 200 Content-Length", resp, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", "none", true, "CONNECT"},
		{"CONNECT 299 chunked", resp, "HTTP/1.1 299 OK\r\nTransfer-Encoding: chunked\r\n\r\n", "none", true, "CONNECT"},
		{"CONNECT 200 HTTP/1.0", resp, "HTTP/1.0 200 OK\r\n\r\n", "none", false, "CONNECT"},
		{"CONNECT 407 has a body", resp, "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 5\r\n\r\n", "length", true, "CONNECT"},
		{"CONNECT 300 to close", resp, "HTTP/1.1 300 Multiple\r\n\r\n", "close", false, "CONNECT"},
		{"a request's method is its own", req, "POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n", "length", true, "HEAD"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			method := tc.method
			if method == "" {
				method = "GET"
			}
			m, ok := modelHead([]byte(tc.head), tc.kind, method)
			if !ok {
				if tc.framing != "" {
					t.Fatalf("no claim, want framing %q", tc.framing)
				}
				return
			}
			if m.framing != tc.framing || m.keepAlive != tc.keepAlive {
				t.Errorf("framing %q keep-alive %v, want %q %v", m.framing, m.keepAlive, tc.framing, tc.keepAlive)
			}
		})
	}
}

// TestModelOracle runs the request and response checks on heads whose
// framing only the model oracle can check (net/http rejects or ignores
// their Transfer-Encoding, which the transfer-encoding class explains),
// and requires that it ran and agreed: a parser that read "chunked" in a
// quoted-string, or took the first coding for the last, fails here.
func TestModelOracle(t *testing.T) {
	for _, tc := range []struct {
		name string
		kind parser.Kind
		data string
		// method is the request a response answers, named by its
		// first line (SplitMethod); "" is GET.
		method string
	}{
		{"codings ending in chunked", parser.Request, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n", ""},
		{"chunked then gzip", parser.Response, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\nabc", ""},
		{"quoted comma", parser.Response, "HTTP/1.1 200 OK\r\nTransfer-Encoding: x;p=\"a, chunked\"\r\n\r\n1\r\nx\r\n0\r\n\r\n", ""},
		{"quoted comma, request", parser.Request, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: x;p=\"a, chunked\"\r\n\r\n", ""},
		{"quoted comma and parameter", parser.Response, "HTTP/1.1 200 OK\r\nTransfer-Encoding: x;p=\", chunked;q=\"\r\n\r\n1\r\nx\r\n0\r\n\r\n", ""},
		{"chunked twice", parser.Response, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n", ""},
		{"HTTP/1.0 keep-alive chunked closes", parser.Request, "POST / HTTP/1.0\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n", ""},
		{"HTTP/1.0 chunked", parser.Request, "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n", ""},
		// The method line is read: without it these have bodies.
		{"HEAD Content-Length", parser.Response, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", "HEAD"},
		{"HEAD coding not chunked", parser.Response, "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", "HEAD"},
		{"CONNECT 200 then tunnel", parser.Response, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n\x16\x03\x01", "CONNECT"},
		{"CONNECT 200 chunked", parser.Response, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", "CONNECT"},
		{"CONNECT 200 to close", parser.Response, "HTTP/1.1 200 OK\r\n\r\n", "CONNECT"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			method, input := "GET", []byte(tc.data)
			if tc.method != "" {
				method, input = tc.method, append([]byte(MethodMarker+tc.method+"\r\n"), tc.data...)
			}
			r := checkMessage(input, tc.kind, Options{})
			if r.Failed() {
				t.Fatal(r)
			}
			var r2 Result
			one := oneShot([]byte(tc.data), tc.kind, method, nil)
			compareModel(&r2, []byte(tc.data), one, tc.kind, method)
			if len(r2.Disagreements) != 0 {
				t.Fatal(r2)
			}
			// The model made a claim about this input.
			if len(one.Messages) == 0 && !strings.Contains(one.Err, "must end with chunked") && !strings.Contains(one.Err, "chunked transfer-coding is applied more than once") {
				t.Fatalf("ours read no message and gave %q: the model checked nothing", one.Err)
			}
			m, ok := modelHead([]byte(tc.data), tc.kind, method)
			if !ok {
				t.Fatal("the model makes no claim about this head")
			}
			// The method changes the claim: an oracle that dropped the
			// method line would give a GET's framing and disagree.
			if g, _ := modelHead([]byte(tc.data), tc.kind, "GET"); method != "GET" && g == m {
				t.Fatalf("the model gives %v to %s and to GET", m, method)
			}
		})
	}
}

// TestSplitMethod pins the response target's method line: only a
// well-formed one is split off, so any other input (every response
// corpus file before it) is a response to GET, whole.
func TestSplitMethod(t *testing.T) {
	for _, tc := range []struct{ in, method, rest string }{
		{"; method HEAD\r\nHTTP/1.1 200 OK\r\n\r\n", "HEAD", "HTTP/1.1 200 OK\r\n\r\n"},
		{"; method CONNECT\r\n", "CONNECT", ""},
		{"; method head\r\nx", "head", "x"},
		{"HTTP/1.1 200 OK\r\n\r\n", "GET", "HTTP/1.1 200 OK\r\n\r\n"},
		{"; method HEAD\nHTTP/1.1 200 OK\r\n\r\n", "GET", "; method HEAD\nHTTP/1.1 200 OK\r\n\r\n"},
		{"; method \r\nx", "GET", "; method \r\nx"},
		{"; method HE AD\r\nx", "GET", "; method HE AD\r\nx"},
		{"; method HEAD", "GET", "; method HEAD"},
		{";method HEAD\r\nx", "GET", ";method HEAD\r\nx"},
	} {
		m, rest := SplitMethod([]byte(tc.in))
		if m != tc.method || string(rest) != tc.rest {
			t.Errorf("SplitMethod(%q) = %q, %q; want %q, %q", tc.in, m, rest, tc.method, tc.rest)
		}
	}
}
