//go:build !gofuzz

package fuzz_test

import (
	"slices"
	"testing"

	"github.com/abnfc/abnfc/fuzz"
)

// TestClassifyNoBodyResponseOnlyItsCause: reset-content-body and
// connect-2xx-body explain the framing, body and keep-alive of a
// response ours reads no body in (a 205, RFC 2616 §10.2.6 and §4.4 rule
// 1; a 2xx to CONNECT, §9.9, RFC 2817 §5.3) only where net/http read one
// there: its framing is not none, and a keep-alive only where it read
// to the connection's close, so ended it. The cases with want "" hold a
// made-up keep-alive of ours (a Connection difference, as a bug of ours
// would have it) in such a response; each was reset-content-body or
// connect-2xx-body before session 21 (checked with the change stashed).
// Those with a class are the classes' own, on the real outcomes.
func TestClassifyNoBodyResponseOnlyItsCause(t *testing.T) {
	const (
		resetCL0     = "HTTP/1.1 205 R\r\nContent-Length: 0\r\n\r\n"
		connectClose = "; method CONNECT\r\nHTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
		connectCL3   = "; method CONNECT\r\nHTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc"
	)
	flip := func(o, _ *fuzz.Outcome) { o.Messages[0].KeepAlive = !o.Messages[0].KeepAlive }
	tests := []struct {
		name, data, field string
		// mod changes the real outcomes, ours and net/http's.
		mod  func(ours, theirs *fuzz.Outcome)
		want string
	}{
		{"keep-alive of a 205 with Content-Length: 0", resetCL0, "keep-alive[0]", flip, ""},
		{"keep-alive of a 200 to CONNECT with Connection: close", connectClose, "keep-alive[0]", flip, ""},
		{"keep-alive of a 200 to CONNECT net/http reads by its Content-Length", connectCL3, "keep-alive[0]", flip, ""},

		// The classes' own.
		{"framing of a 205 read to the close", "HTTP/3.4 205 \r\n\r\n", "framing[0]", nil, "reset-content-body"}, // httpfuzz -seed 21001
		{"keep-alive of a 205 read to the close", "HTTP/1.1 205 \r\n\r\n", "keep-alive[0]", nil, "reset-content-body"},
		{"body of a 205 with Content-Length", "HTTP/1.1 205 Reset Content\r\nContent-Length: 2\r\n\r\nhi", "body[0]", nil, "reset-content-body"},
		{"framing of a 200 to CONNECT read to the close", "; method CONNECT\r\nHTTP/1.1 200 \r\n\r\n", "framing[0]", nil, "connect-2xx-body"}, // httpfuzz -seed 21001
		{"keep-alive of a 200 to CONNECT read to the close", "; method CONNECT\r\nHTTP/1.1 200 \r\n\r\n", "keep-alive[0]", nil, "connect-2xx-body"},
		{"body of a 200 to CONNECT with Content-Length", connectCL3, "body[0]", nil, "connect-2xx-body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.data)
			m, rest := fuzz.SplitMethod(data)
			if m == "" {
				m = "GET"
			}
			ours, theirs := fuzz.OneShotResponse(rest, m), fuzz.NetHTTPResponse(rest, m)
			ours.Messages, theirs.Messages = slices.Clone(ours.Messages), slices.Clone(theirs.Messages)
			if tt.mod != nil {
				tt.mod(&ours, &theirs)
			}
			field := fieldToClassify(t, tt.field, ours, theirs)
			if c := fuzz.Classify("response", fuzz.OracleNetHTTPResp, field, data, ours, theirs); c != tt.want {
				t.Errorf("Classify(%s) = %q, want %q (ours %+v, theirs %+v)", field, c, tt.want, ours.Messages, theirs.Messages)
			}
		})
	}
}
