package fuzz

import "testing"

// TestCompareSpans: SpansMessageHead agrees with modelSpans on heads of
// each shape, an empty Request-URI among them (the grammar's authority
// may be empty, RFC 2396 §3.2; an empty match reports no span), which
// httpfuzz -seed 1506 found the model reporting as an empty span.
func TestCompareSpans(t *testing.T) {
	for _, tc := range []struct{ name, head string }{
		{"request", "GET /a HTTP/1.1\r\nHost: a\r\nX:  b\r\n c\r\n\r\n"},
		{"response", "HTTP/1.1 200 OK\r\nServer: x\r\n\r\n"},
		{"empty Request-URI", "D  HTTP/0.5\r\n\r\n"},
		{"not a head", "GET\r\n\r\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var r Result
			compareSpans(&r, []byte(tc.head))
			if r.Failed() {
				t.Errorf("compareSpans(%q): %v", tc.head, r)
			}
		})
	}
}
