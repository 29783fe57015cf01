//go:build !gofuzz

package fuzz_test

import (
	"slices"
	"testing"

	"github.com/abnfc/abnfc/fuzz"
)

// TestClassifyTEOnlyItsCause: transfer-encoding explains a field of a
// message only where net/http's handling of Transfer-Encoding is its
// cause (RFC 2616 §3.6, §4.4 rule 2): net/http's transferReader ignores
// the field in HTTP/1.0 (parseTransferEncoding: protoAtLeast(1, 1)), so
// it reads without it a body ours reads chunked, which changes that
// message's framing and body and where the next one starts, and ours
// closes after the message (RFC 9112 §6.1) where net/http keeps the
// connection by Connection. From HTTP/1.1 on net/http reads a lone
// chunked as ours does and refuses anything else, so it reads no message
// to differ in. The cases with want "" hold a made-up difference with
// another cause (in ours' outcome or net/http's, as a bug of either
// would have it) in a scope with two Transfer-Encoding fields, a value
// but chunked, or one in HTTP/1.0; each was transfer-encoding before
// session 20's follow-up (checked with the change stashed). Those with
// want "transfer-encoding" are the field's own, on the real outcomes
// where they can be.
func TestClassifyTEOnlyItsCause(t *testing.T) {
	const (
		plain  = "GET / HTTP/1.1\r\nHost: a\r\n\r\n"
		te10   = "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
		te10KA = "POST / HTTP/1.0\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
		// net/http ignores it; ours reads it to the end of the input.
		te10Resp = "HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
		// Identity is no coding: both frame it by its Content-Length.
		identity10Resp = "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nTransfer-Encoding: identity\r\nContent-Length: 3\r\n\r\nabc"
		// net/http refuses these ("unsupported transfer encoding",
		// "too many transfer encodings"; its server's 501).
		gzipTE     = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
		twoTEResp  = "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
		identityTE = "HTTP/1.1 200 OK\r\nTransfer-Encoding: identity\r\nContent-Length: 3\r\n\r\nabc"
	)
	tests := []struct {
		name, target, oracle, data, field string
		// mod changes the real outcomes, ours and net/http's.
		mod  func(ours, theirs *fuzz.Outcome)
		want string
	}{
		// From HTTP/1.1 on: the body, the persistence, the framing of
		// a message net/http (made up) read as ours did, and a later
		// message after one read alike but for its headers.
		{"body of a request with gzip, chunked", "request", "", gzipTE, "body[0]", func(o, t *fuzz.Outcome) {
			same(o, t)
			t.Messages[0].Body = "abd"
		}, ""},
		{"server: body of a request with gzip, chunked", "request", fuzz.OracleServer, gzipTE, "body[0]", func(o, t *fuzz.Outcome) {
			same(o, t)
			t.Messages[0].Body = "abd"
		}, ""},
		{"keep-alive of a response with two Transfer-Encoding fields", "response", "", twoTEResp, "keep-alive[0]", func(o, t *fuzz.Outcome) {
			same(o, t)
			t.Messages[0].KeepAlive = !o.Messages[0].KeepAlive
		}, ""},
		{"framing of a response with identity", "response", "", identityTE, "framing[0]", func(o, t *fuzz.Outcome) {
			same(o, t)
			t.Messages[0].Framing = "close"
		}, ""},
		{"target after a request with gzip, chunked, read alike but its headers", "request", "", gzipTE + plain, "target[1]", func(o, t *fuzz.Outcome) {
			same(o, t)
			t.Messages[0].Headers = append(slices.Clone(t.Messages[0].Headers), "x: y")
			t.Messages[1].Target = "/x"
		}, ""},
		// HTTP/1.0: a body both read chunked, a framing net/http does
		// not read without the field, a persistence ours keeps.
		{"body of an HTTP/1.0 request both read chunked", "request", "", te10, "body[0]", func(o, t *fuzz.Outcome) {
			same(o, t)
			t.Messages[0].Body = "abd"
		}, ""},
		{"framing of an HTTP/1.0 response read by a length", "response", "", te10Resp, "framing[0]", func(_, t *fuzz.Outcome) {
			t.Messages[0].Framing, t.Messages[0].Body = "length", "3\r\na"
		}, ""},
		{"keep-alive of an HTTP/1.0 request ours keeps", "request", "", te10, "keep-alive[0]", func(o, _ *fuzz.Outcome) {
			o.Messages[0].KeepAlive = true
		}, ""},
		{"target after an HTTP/1.0 request both read chunked", "request", "", te10 + plain, "target[1]", func(o, t *fuzz.Outcome) {
			same(o, t)
			t.Messages[0].Headers = append(slices.Clone(t.Messages[0].Headers), "x: y")
			t.Messages[1].Target = "/x"
		}, ""},
		{"target after an HTTP/1.0 request read by a length", "request", "", te10 + plain, "target[1]", func(o, t *fuzz.Outcome) {
			same(o, t)
			t.Messages[0].Framing, t.Messages[0].Body = "length", "3\r\na"
			t.Messages[1].Target = "/x"
		}, ""},

		// The field's own: net/http ignores it in HTTP/1.0.
		{"framing of an HTTP/1.0 request", "request", "", te10, "framing[0]", nil, "transfer-encoding"},
		{"framing of an HTTP/1.0 request after one read alike", "request", "", plain + te10, "framing[1]", func(o, t *fuzz.Outcome) {
			*t = fuzz.Outcome{Verdict: "ok", Messages: []fuzz.Msg{o.Messages[0], t.Messages[1]}}
		}, "transfer-encoding"},
		{"body of an HTTP/1.0 response", "response", "", te10Resp, "body[0]", nil, "transfer-encoding"},
		{"server: body of an HTTP/1.0 request", "request", fuzz.OracleServer, te10, "body[0]", nil, "transfer-encoding"},
		{"keep-alive of an HTTP/1.0 request with keep-alive", "request", "", te10KA, "keep-alive[0]", nil, "transfer-encoding"},
		{"keep-alive of an HTTP/1.0 response with identity", "response", "", identity10Resp, "keep-alive[0]", nil, "transfer-encoding"},
		{"target after an HTTP/1.0 request", "request", "", te10 + plain, "target[1]", func(o, t *fuzz.Outcome) {
			*t = fuzz.Outcome{Verdict: "ok", Messages: []fuzz.Msg{t.Messages[0], o.Messages[1]}}
			t.Messages[1].Target = "/x"
		}, "transfer-encoding"},
		{"verdict after an HTTP/1.0 request", "request", "", te10 + plain, "", nil, "transfer-encoding"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.data)
			kind, oracle, theirs := oracleOutcome(t, tt.target, tt.oracle, data)
			ours := fuzz.OneShot(data, kind)
			if oracle == fuzz.OracleServer {
				ours = cutAtClose(ours)
			}
			ours.Messages, theirs.Messages = slices.Clone(ours.Messages), slices.Clone(theirs.Messages)
			if tt.mod != nil {
				tt.mod(&ours, &theirs)
			}
			field := fieldToClassify(t, tt.field, ours, theirs)
			if c := fuzz.Classify(tt.target, oracle, field, data, ours, theirs); c != tt.want {
				t.Errorf("Classify(%s) = %q, want %q (ours %+v, theirs %+v)", field, c, tt.want, ours, theirs)
			}
		})
	}
}

// same makes theirs read what ours read (the classifier tests' made-up
// net/http that did not refuse or ignore what a class is about).
func same(o, t *fuzz.Outcome) {
	*t = fuzz.Outcome{Verdict: o.Verdict, Messages: slices.Clone(o.Messages)}
}

// cutAtClose is ours' outcome as compareServer compares it: up to the
// first message after which ours closes the connection.
func cutAtClose(o fuzz.Outcome) fuzz.Outcome {
	for i, m := range o.Messages {
		if !m.KeepAlive {
			return fuzz.Outcome{Verdict: "ok", Messages: o.Messages[:i+1]}
		}
	}
	return o
}
