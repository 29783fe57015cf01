package ref_test

import (
	"fmt"
	"testing"
)

// request returns an RFC 2616 request of about n bytes: a request line,
// Host, and as many extension headers as fit.
func request(n int) []byte {
	b := []byte("GET /index.html?x=1 HTTP/1.1\r\nHost: example.com\r\nAccept: text/html, */*;q=0.5\r\n")
	for len(b) < n-2 {
		b = append(b, "X-Filler: some value, and more\r\n"...)
	}
	return append(b, "\r\n"...)
}

// BenchmarkRequest shows how the reference parser's cost grows with the
// size of an RFC 2616 Request: linearly, for this unambiguous-length
// grammar (compare ns/op across sizes, or MB/s, which stays flat).
func BenchmarkRequest(b *testing.B) {
	p := mustParser(b, rfc2616Grammar(b), "Request")
	for _, n := range []int{1 << 10, 4 << 10, 16 << 10, 64 << 10} {
		in := request(n)
		b.Run(fmt.Sprintf("bytes=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if !p.Match(in) {
					b.Fatal("no match")
				}
			}
		})
	}
}

// TestRequest64K checks that a 64 KiB request stays within a small item
// budget (so it finishes well under a second: see BenchmarkRequest).
func TestRequest64K(t *testing.T) {
	p := mustParser(t, rfc2616Grammar(t), "Request")
	res, err := p.Parse(request(64 << 10))
	if err != nil || !res.Match {
		t.Fatalf("64 KiB request: %v %v", err, res)
	}
}
