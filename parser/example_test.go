package parser_test

import (
	"fmt"

	"github.com/abnfc/abnfc/parser"
)

func ExampleMatchRequestLine() {
	fmt.Println(parser.MatchRequestLine([]byte("GET /index.html HTTP/1.1\r\n")))
	fmt.Println(parser.MatchRequestLine([]byte("GET /index.html HTTP/1.1\n"))) // bare LF
	// Output:
	// true
	// false
}

func ExampleValidateHTTPDate() {
	err := parser.ValidateHTTPDate([]byte("Sun, 06 Nov 1994 08:49:37 UTC"))
	fmt.Println(err)
	// Output:
	// 1:27: offset 26: HTTP-date: found 'U', expected "G" (in HTTP-date: rfc1123-date › %s"GMT")
}

func ExampleUserAgentMachine() {
	var m parser.UserAgentMachine
	m.Reset()
	for _, chunk := range []string{"User-Agent: curl/8.0 (x86_64", " (nested) comment)"} {
		if _, err := m.Write([]byte(chunk)); err != nil {
			fmt.Println(err)
			return
		}
	}
	fmt.Println(m.Close())
	// Output:
	// <nil>
}

func ExampleScanChunkSize() {
	n, ok := parser.ScanChunkSize([]byte("1a2f;ext=1\r\n"))
	fmt.Println(n, ok)
	// Output:
	// 4 true
}

// SpansMessageHead checks a whole head against RFC 2616's message-head in
// one pass and reports where the request line's parts, each field and
// its name are (the rule's @spans annotation names them). A field's end
// is decided by the byte after its CRLF: a folded line (SP or HT) goes on.
func ExampleSpansMessageHead() {
	head := []byte("GET /a HTTP/1.1\r\nHost: example.com\r\nX-Folded: one\r\n two\r\n\r\nbody")
	spans, n, ok := parser.SpansMessageHead(head, nil)
	fmt.Println(n, ok)
	for _, s := range spans {
		fmt.Printf("%-14s %q\n", parser.MessageHeadSpanNames[s.Capture], head[s.Start:s.End])
	}
	// Output:
	// 59 true
	// Method         "GET"
	// Request-URI    "/a"
	// HTTP-Version   "HTTP/1.1"
	// field-name     "Host"
	// message-header "Host: example.com"
	// field-name     "X-Folded"
	// message-header "X-Folded: one\r\n two"
}
