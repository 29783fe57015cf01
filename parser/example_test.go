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
	// 1:27: offset 26: HTTP-date: found 'U', expected "G" (in HTTP-date: rfc1123-date › rfc1123-date: %s"GMT")
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
