package parser

import (
	"errors"
	"testing"
)

// TestDuplicateContentLengthErrorOffset: under
// Options.AllowDuplicateContentLength the repeats of a Content-Length
// (RFC 2616 §4.2, §14.13; RFC 7230 §3.3.2) are dropped, so an error about
// the Content-Length the message has is at the first field, where it is
// when the repeats are not there: one with a Transfer-Encoding (§4.4) and
// one past 63 bits. Both were at the last repeat.
func TestDuplicateContentLengthErrorOffset(t *testing.T) {
	o := &Options{AllowDuplicateContentLength: true}
	for _, tt := range []struct {
		name, in string
		section  string
		off      int
	}{
		{"with Transfer-Encoding", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n", "4.4", 17},
		{"past 63 bits", "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\nContent-Length: 099999999999999999999\r\n\r\n", "14.13", 17},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var m Message
			_, err := o.ParseResponse([]byte(tt.in), &m, []byte("GET"))
			var e *Error
			if !errors.As(err, &e) || e.Rule != "Content-Length" || e.Section != tt.section || e.Offset != tt.off {
				t.Fatalf("error %v (offset %d), want [Content-Length] §%s at %d", err, offsetOf(e), tt.section, tt.off)
			}
		})
	}
}
