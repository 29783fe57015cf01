//go:build !gofuzz

package fuzz_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/abnfc/abnfc/fuzz"
	"github.com/abnfc/abnfc/parser"
)

// TestClassifyVersionOnlyItsCause: http-version explains a difference
// only where the HTTP-Version is its cause (RFC 2616 §3.1): net/http
// refused the version ours took, or read by it what RFC 2616 makes
// depend on it, here the Transfer-Encoding net/http ignores below
// HTTP/1.1 (§3.6; a major version 0, HTTP/1.0 being transfer-encoding's).
// The cases with want "" hold a message whose version is neither
// HTTP/1.0 nor HTTP/1.1 and a made-up difference with another cause (in
// ours' outcome or net/http's, as a bug of either would have it); each
// was http-version before session 20. Those with want "http-version"
// are the version's own.
func TestClassifyVersionOnlyItsCause(t *testing.T) {
	const (
		v12       = "GET / HTTP/1.2\r\nHost: a\r\n\r\n"
		plain     = "GET / HTTP/1.1\r\nHost: a\r\n\r\n"
		v09TE     = "POST / HTTP/0.9\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
		v09TEResp = "HTTP/0.9 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
		// A made-up rejection of the valid Server field (madeUpRejection)
		// in the head of a message net/http reads without its
		// Transfer-Encoding.
		v09TEServer     = "POST / HTTP/0.9\r\nTransfer-Encoding: chunked\r\nServer: x\r\n\r\n0\r\n\r\n"
		v09TEServerResp = "HTTP/0.9 200 OK\r\nTransfer-Encoding: chunked\r\nServer: x\r\n\r\n0\r\n\r\n"
		// A Status-Code off the grammar, which ReadResponse refuses
		// before it reads the version.
		badStatus = "HTTP/1.10 2x0 OK\r\nContent-Length: 0\r\n\r\n"
	)
	// clone gives an outcome its own messages, for mod to change.
	clone := func(o *fuzz.Outcome) { o.Messages = slices.Clone(o.Messages) }
	tests := []struct {
		name, target, oracle, data, field string
		// mod changes the real outcomes, ours and net/http's.
		mod  func(ours, theirs *fuzz.Outcome)
		want string
	}{
		// The version itself: both report it as read (Msg.Version,
		// Request.Proto, Response.Proto), so no difference in it is the
		// version's.
		{"version, HTTP/1.2", "request", "", v12, "version[0]", func(o, _ *fuzz.Outcome) { o.Messages[0].Version = "HTTP/1.1" }, ""},
		{"version, an HTTP/1.2 response", "response", "", "HTTP/1.2 200 OK\r\nContent-Length: 0\r\n\r\n", "version[0]", func(_, t *fuzz.Outcome) { t.Messages[0].Version = "HTTP/1.1" }, ""},
		{"server: version, HTTP/1.2", "request", fuzz.OracleServer, v12, "version[0]", func(o, _ *fuzz.Outcome) { o.Messages[0].Version = "HTTP/1.1" }, ""},
		// A later message, after one read differently by another cause.
		{"target after an HTTP/1.2 request read differently", "request", "", v12 + plain, "target[1]", func(o, _ *fuzz.Outcome) {
			o.Messages[0].Body, o.Messages[1].Target = "x", "/x"
		}, ""},
		// The version's cause in the message itself changes only its
		// framing and body.
		{"target of an HTTP/0.9 request with chunked after one read differently", "request", "", plain + v09TE, "target[1]", func(o, t *fuzz.Outcome) {
			*t = fuzz.Outcome{Verdict: "ok", Messages: []fuzz.Msg{t.Messages[0], fuzz.NetHTTP([]byte(v09TE), parser.Request).Messages[0]}}
			o.Messages[0].Body, o.Messages[1].Target = "x", "/x"
		}, ""},
		// A later message past an HTTP/0.9 request with chunked, after a
		// first request framed apart for another cause: the two start
		// the HTTP/0.9 request at different bytes (a review of session
		// 20's narrowing; transfer-encoding's rule stops there too).
		{"target past an HTTP/0.9 request with chunked, after one framed apart", "request", "", plain + v09TE + plain, "target[2]", func(o, t *fuzz.Outcome) {
			if len(o.Messages) < 3 || len(t.Messages) < 3 {
				*t = fuzz.Outcome{Verdict: "ok", Messages: slices.Clone(o.Messages)}
			}
			t.Messages[0].Framing, t.Messages[1].Framing, t.Messages[2].Target = "close", "none", "/x"
		}, ""},
		// A body both read chunked (net/http did not ignore the field).
		{"body of an HTTP/0.9 request both read chunked", "request", "", v09TE, "body[0]", func(o, t *fuzz.Outcome) {
			*t = fuzz.Outcome{Verdict: "ok", Messages: slices.Clone(o.Messages)}
			t.Messages[0].Body = "abd"
		}, ""},
		{"body of an HTTP/0.9 response both read chunked", "response", "", v09TEResp, "body[0]", func(o, t *fuzz.Outcome) {
			*t = fuzz.Outcome{Verdict: "ok", Messages: slices.Clone(o.Messages)}
			t.Messages[0].Body = "abd"
		}, ""},
		// A verdict: the failure must be after the head of the message
		// net/http reads without its Transfer-Encoding (failsAfterBody).
		{"made-up rejection in the head of an HTTP/0.9 request with chunked", "request", "", v09TEServer, "", func(o, _ *fuzz.Outcome) {
			*o = madeUpRejection(v09TEServer, parser.Request)
		}, ""},
		{"made-up rejection in the head of an HTTP/0.9 response with chunked", "response", "", v09TEServerResp, "", func(o, _ *fuzz.Outcome) {
			*o = madeUpRejection(v09TEServerResp, parser.Response)
		}, ""},
		// A response's version ParseHTTPVersion refuses, net/http failing
		// before it (at the Status-Code), ours (made up) accepting the
		// response.
		{"response with HTTP/1.10, net/http refusing the Status-Code", "response", "", badStatus, "", func(o, _ *fuzz.Outcome) {
			*o = fuzz.Outcome{Verdict: "ok", Messages: []fuzz.Msg{{Version: "HTTP/1.10", Status: 200, Framing: "none", KeepAlive: true, Start: 0, End: len(badStatus)}}}
		}, ""},

		// The version's own: net/http ignores the Transfer-Encoding
		// (framing, body, what follows), or refuses the version.
		{"framing of an HTTP/0.9 request with chunked", "request", "", v09TE, "framing[0]", nil, "http-version"},
		{"body of an HTTP/0.9 response with chunked", "response", "", v09TEResp, "body[0]", nil, "http-version"},
		{"target after an HTTP/0.9 request with chunked", "request", "", v09TE + plain, "target[1]", func(o, t *fuzz.Outcome) {
			*t = fuzz.Outcome{Verdict: "ok", Messages: []fuzz.Msg{t.Messages[0], o.Messages[1]}}
			t.Messages[1].Target = "/x"
		}, "http-version"},
		{"verdict after an HTTP/0.9 request with chunked", "request", "", v09TE, "", nil, "http-version"},
		{"response with HTTP/1.10", "response", "", "HTTP/1.10 200 OK\r\nContent-Length: 0\r\n\r\n", "", nil, "http-version"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.data)
			kind, oracle, theirs := oracleOutcome(t, tt.target, tt.oracle, data)
			ours := fuzz.OneShot(data, kind)
			clone(&ours)
			clone(&theirs)
			if tt.mod != nil {
				tt.mod(&ours, &theirs)
			}
			field := fieldToClassify(t, tt.field, ours, theirs)
			if c := fuzz.Classify(tt.target, oracle, field, data, ours, theirs); c != tt.want {
				t.Errorf("Classify(%s) = %q, want %q (ours %s %q, theirs %s %q)", field, c, tt.want, ours.Verdict, ours.Err, theirs.Verdict, theirs.Err)
			}
		})
	}
}

// fieldToClassify returns field ("body[1]"), failing the test when ours
// and theirs do not differ there, or when it is "" differingField's.
func fieldToClassify(t *testing.T, field string, ours, theirs fuzz.Outcome) string {
	t.Helper()
	if field == "" {
		return differingField(t, ours, theirs)
	}
	if name, _, _ := strings.Cut(field, "["); fieldOf(t, ours, field, name) == fieldOf(t, theirs, field, name) {
		t.Fatalf("no difference in %s", field)
	}
	return field
}

// fieldOf returns field ("body[1]", called name) of o, failing the test
// when o has no such message.
func fieldOf(t *testing.T, o fuzz.Outcome, field, name string) string {
	t.Helper()
	_, idx, _ := strings.Cut(field, "[")
	n, err := strconv.Atoi(strings.TrimSuffix(idx, "]"))
	if err != nil || n >= len(o.Messages) {
		t.Fatalf("%s: no such message in %+v", field, o)
	}
	v := fuzz.MsgField(o.Messages[n], name)
	if strings.HasPrefix(v, "?") {
		t.Fatalf("fieldOf: no field %s", name)
	}
	return v
}
