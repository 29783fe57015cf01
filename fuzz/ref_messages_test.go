//go:build !gofuzz

package fuzz

import (
	"slices"
	"testing"
)

// TestRefEveryMessage: oracle 1 (the reference parser) checks the lines
// and chunked body of every message of a pipelined input, not only the
// first one's.
func TestRefEveryMessage(t *testing.T) {
	var seen []string
	refSeen = func(rule string, data []byte) { seen = append(seen, rule+" "+string(data)) }
	defer func() { refSeen = nil }()
	CheckRequestWith([]byte("GET / HTTP/1.1\r\nHost: a\r\n\r\n"+
		"POST /2 HTTP/1.1\r\nHost: b\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nT: 1\r\n\r\n"+
		"GET /3 HTTP/1.1\r\nHost: c"), Options{})
	for _, want := range []string{
		"Request-Line GET / HTTP/1.1\r\n",
		"Request-Line POST /2 HTTP/1.1\r\n",
		"message-header Transfer-Encoding: chunked",
		"Chunked-Body 3;x=y\r\nabc\r\n0\r\nT: 1\r\n\r\n",
		"Request-Line GET /3 HTTP/1.1\r\n",
		"Host Host: c",
	} {
		if !slices.Contains(seen, want) {
			t.Errorf("oracle 1 did not check %q; it checked %q", want, seen)
		}
	}
}
