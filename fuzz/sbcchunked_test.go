//go:build !gofuzz

package fuzz_test

import (
	"testing"

	"github.com/abnfc/abnfc/fuzz"
)

// TestClassifySpaceBeforeColonChunked: in the chunked target
// space-before-colon explains only a verdict where ours' error is in a
// trailer field (RFC 2616 §3.6.1, §4.2) with white space before its
// colon, which ours refuses where it stands and textproto takes as part
// of the name; a trailer cannot change the body. The cases with want ""
// hold a made-up difference with another cause (ours failing elsewhere,
// a body apart) in a body with such a trailer field; each was
// space-before-colon before session 21 (checked with the change
// stashed). Those with the class are its own, on the real outcomes.
func TestClassifySpaceBeforeColonChunked(t *testing.T) {
	const sbc = "3\r\nabc\r\n0\r\nX : y\r\n\r\n"
	tests := []struct {
		name, data, field string
		// mod changes the real outcomes, ours and the ChunkedReader's.
		mod  func(ours, theirs *fuzz.Outcome)
		want string
	}{
		{"made-up error at the first chunk-size", sbc, "verdict", func(o, _ *fuzz.Outcome) {
			*o = fuzz.Outcome{Verdict: "error", ErrOffset: 0}
		}, ""},
		{"made-up error in chunk-data", sbc, "verdict", func(o, _ *fuzz.Outcome) {
			*o = fuzz.Outcome{Verdict: "error", ErrOffset: 4}
		}, ""},
		{"made-up body difference", sbc, "body", func(o, t *fuzz.Outcome) {
			*o, *t = fuzz.Outcome{Verdict: "ok"}, fuzz.Outcome{Verdict: "ok"}
		}, ""},

		// The class's own.
		{"a trailer field with a SP before its colon", sbc, "verdict", nil, "space-before-colon"},
		{"a trailer field cut short after its SP and colon", "0\r\nX :", "verdict", nil, "space-before-colon"}, // httpfuzz -seed 21001
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.data)
			ours, _ := fuzz.OneShotChunked(data)
			theirs, _ := fuzz.NetHTTPChunked(data)
			if tt.mod != nil {
				tt.mod(&ours, &theirs)
			}
			if c := fuzz.Classify("chunked", fuzz.OracleChunked, tt.field, data, ours, theirs); c != tt.want {
				t.Errorf("Classify(%s) = %q, want %q (ours %s@%d, theirs %s %q)", tt.field, c, tt.want, ours.Verdict, ours.ErrOffset, theirs.Verdict, theirs.Err)
			}
		})
	}
}
