package parser_test

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/abnfc/abnfc/parser"
)

func ExampleParseHTTPDate() {
	// RFC 2616 §3.3.1: the three forms of the same instant.
	for _, s := range []string{
		"Sun, 06 Nov 1994 08:49:37 GMT",
		"Sunday, 06-Nov-94 08:49:37 GMT",
		"Sun Nov  6 08:49:37 1994",
	} {
		t, err := parser.ParseHTTPDate([]byte(s))
		fmt.Println(t, err)
	}
	_, err := parser.ParseHTTPDate([]byte("Mon, 06 Nov 1994 08:49:37 GMT"))
	fmt.Println(err)
	// Output:
	// 1994-11-06 08:49:37 +0000 UTC <nil>
	// 1994-11-06 08:49:37 +0000 UTC <nil>
	// 1994-11-06 08:49:37 +0000 UTC <nil>
	// 1:1: [HTTP-date] weekday Mon is not the date's: 1994-11-06 is a Sunday (RFC 2616 §3.3.1)
}

func ExampleParseHTTPDateAt() {
	// RFC 2616 §19.3: an rfc850-date more than 50 years in the future is
	// in the past.
	now := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	for _, s := range []string{"Sunday, 06-Nov-94 08:49:37 GMT", "Tuesday, 01-Jan-30 00:00:00 GMT"} {
		t, err := parser.ParseHTTPDateAt([]byte(s), now)
		fmt.Println(t.Year(), err)
	}
	// Output:
	// 1994 <nil>
	// 2030 <nil>
}

func ExampleAppendHTTPDate() {
	t := time.Date(1994, 11, 6, 9, 49, 37, 0, time.FixedZone("CET", 3600))
	b := parser.AppendHTTPDate([]byte("Date: "), t)
	fmt.Printf("%s\n", b)
	fmt.Println(parser.FormatHTTPDate(t))
	// Output:
	// Date: Sun, 06 Nov 1994 08:49:37 GMT
	// Sun, 06 Nov 1994 08:49:37 GMT
}

func ExampleParseQValue() {
	for _, s := range []string{"1", "0.5", "0.001"} {
		q, err := parser.ParseQValue([]byte(s))
		fmt.Println(q, err)
	}
	_, err := parser.ParseQValue([]byte("1.001"))
	var e *parser.Error
	if errors.As(err, &e) {
		fmt.Printf("offset %d: %s, RFC 2616 §%s\n", e.Offset, e.Rule, e.Section)
	}
	// Output:
	// 1000 <nil>
	// 500 <nil>
	// 1 <nil>
	// offset 4: qvalue, RFC 2616 §3.9
}

func ExampleParseRange() {
	// RFC 2616 §14.35.1: "The first and last bytes only (bytes 0 and 9999)".
	set, err := parser.ParseRange([]byte("bytes=0-0,-1"))
	fmt.Println(set, err)
	ranges, err := parser.ResolveRanges(set, 10000)
	fmt.Println(ranges, err)
	for _, r := range ranges {
		fmt.Println("Content-Range:", r.ContentRange(10000))
	}
	// Output:
	// [0-0 -1] <nil>
	// [{0 0} {9999 9999}] <nil>
	// Content-Range: bytes 0-0/10000
	// Content-Range: bytes 9999-9999/10000
}

func ExampleResolveRanges() {
	// RFC 2616 §14.35.1, §10.4.17: nothing satisfiable means 416.
	set, _ := parser.ParseRange([]byte("bytes=500-,-0"))
	_, err := parser.ResolveRanges(set, 100)
	if errors.Is(err, parser.ErrUnsatisfiableRange) {
		fmt.Println("416 Requested Range Not Satisfiable")
		fmt.Println("Content-Range:", parser.ContentRange{First: -1, Last: -1, Length: 100})
	}
	// RFC 2616 §14.35.1: a non-zero suffix-length is satisfiable, but an
	// empty entity has no byte to send (RFC 9110 §14.2: ignore the Range).
	set, _ = parser.ParseRange([]byte("bytes=-500"))
	_, err = parser.ResolveRanges(set, 0)
	if errors.Is(err, parser.ErrEmptyEntity) {
		fmt.Println("200 OK, the empty entity")
	}
	// Output:
	// 416 Requested Range Not Satisfiable
	// Content-Range: bytes */100
	// 200 OK, the empty entity
}

func ExampleParseContentRange() {
	for _, s := range []string{"bytes 734-1233/1234", "bytes 0-499/*", "bytes */47022"} {
		c, err := parser.ParseContentRange([]byte(s))
		fmt.Println(c.First, c.Last, c.Length, c.Unsatisfied(), err)
	}
	_, err := parser.ParseContentRange([]byte("bytes */*"))
	var e *parser.Error
	if errors.As(err, &e) {
		fmt.Printf("offset %d: %s, RFC 2616 §%s\n", e.Offset, e.Rule, e.Section)
	}
	// Output:
	// 734 1233 1234 false <nil>
	// 0 499 -1 false <nil>
	// -1 -1 47022 true <nil>
	// offset 8: content-range-spec, RFC 2616 §14.16
}

func ExampleNewChunkedReader() {
	body := "1a;ignore-stuff-here\r\nabcdefghijklmnopqrstuvwxyz\r\n" +
		"10\r\n1234567890abcdef\r\n" +
		"0\r\nsome-footer: some-value\r\n\r\n"
	c := parser.NewChunkedReader(strings.NewReader(body), nil)
	data, err := io.ReadAll(c)
	fmt.Printf("%s %v\n", data, err)
	for _, f := range c.Trailer() {
		fmt.Printf("%s: %s\n", f.Name, f.Value)
	}
	// Output:
	// abcdefghijklmnopqrstuvwxyz1234567890abcdef <nil>
	// some-footer: some-value
}

func ExampleChunkedOptions() {
	// A bare LF is an error unless AllowBareLF is set.
	body := "5\nhello\n0\n\n"
	_, err := io.ReadAll(parser.NewChunkedReader(strings.NewReader(body), nil))
	fmt.Println(err)
	data, err := io.ReadAll(parser.NewChunkedReader(strings.NewReader(body), &parser.ChunkedOptions{AllowBareLF: true}))
	fmt.Printf("%s %v\n", data, err)
	// Output:
	// offset 1: [chunk] bare LF, expected CRLF (ChunkedOptions.AllowBareLF) (RFC 2616 §3.6.1)
	// hello <nil>
}
