package parser

import (
	"strings"
	"testing"
)

// TestByterangesLen frames multipart/byteranges bodies in memory as the
// Reader does (RFC 2616 §19.2; RFC 2046 §5.1.1: the close delimiter at a
// line's start, then transport-padding and an optional CRLF).
func TestByterangesLen(t *testing.T) {
	bare := &Options{AllowBareLF: true}
	tests := []struct {
		name    string
		body    string
		opts    *Options
		n, used int
		ok      bool
	}{
		{"delimiter first", "--B--", nil, 5, 5, true},
		{"after CRLF, then CRLF", "a\r\n--B--\r\nHTTP/1.1", nil, 8, 10, true},
		{"bare LF starts no line", "a\n--B--\r\n--B--", nil, 14, 14, true},
		{"bare LF with AllowBareLF", "a\n--B--\nx", bare, 7, 8, true},
		{"transport-padding before the CRLF", "--B-- \t\r\nx", nil, 5, 9, true},
		{"padding, then the end", "--B--  ", nil, 5, 7, true},
		{"padding, then no line end", "--B--  x", nil, 5, 5, true},
		{"a near miss, then the delimiter", "--B-x\r\n--B--", nil, 12, 12, true},
		{"a boundary delimiter is not the close one", "--B\r\nx\r\n--B--", nil, 13, 13, true},
		{"no close delimiter", "--B\r\nx\r\n--B", nil, 11, 11, false},
		{"empty", "", nil, 0, 0, false},
		{"not a boundary (RFC 2046 bchars)", "--B\n--\r\n", nil, 8, 8, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			boundary := "B"
			if strings.HasPrefix(tt.name, "not a boundary") {
				boundary = "B\n"
			}
			n, used, ok := ByterangesLen([]byte(tt.body), []byte(boundary), tt.opts)
			if n != tt.n || used != tt.used || ok != tt.ok {
				t.Errorf("ByterangesLen(%q) = %d, %d, %v; want %d, %d, %v", tt.body, n, used, ok, tt.n, tt.used, tt.ok)
			}
		})
	}
}
