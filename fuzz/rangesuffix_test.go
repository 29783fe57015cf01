//go:build !gofuzz

package fuzz_test

import (
	"testing"

	"github.com/abnfc/abnfc/fuzz"
)

// TestClassifyRangeSuffixZeroOnlyItsCause: range-suffix-zero explains
// an answer only where a suffix-byte-range-spec of length 0 ("-0") of a
// well-formed byte-ranges-specifier (RFC 2616 §14.35.1) is why the two
// differ: net/http serves it as the empty range "bytes 100-99/100",
// where for ours it selects no byte, so ours answers as net/http does
// for the value without it (416 where nothing is left). The cases with
// want other than range-suffix-zero are invalid values (range-invalid-416's
// cause) on their real answers, and made-up answers of ours to a valid
// value that net/http's for it without "-0" is not; each was
// range-suffix-zero before session 21 (checked with the change stashed).
func TestClassifyRangeSuffixZeroOnlyItsCause(t *testing.T) {
	tests := []struct {
		name, data string
		// ours is a made-up answer of ours ("" for the real ones, both
		// sides', from fuzz.CheckRange).
		ours, want string
	}{
		// Invalid values: off the grammar, or a last-byte-pos below
		// its first-byte-pos; ours ignores them (200), net/http 416.
		{"no unit", "-0", "", "range-invalid-416"}, // httpfuzz -seed 21001
		{"another unit", "x=-0", "", "range-invalid-416"},
		{"a reversed spec", "bytes=5-1,-0", "", "range-invalid-416"},
		{"a junk element", "bytes=-0,abc", "", "range-invalid-416"},
		// A valid value, ours answering for a range it does not hold.
		{"made-up answer to bytes=0-1,-0", "bytes=0-1,-0", `206 "bytes 0-2/100" len=3`, ""},
		{"made-up 200 to bytes=-0", "bytes=-0", `200 "" len=100`, ""},

		// The class's own.
		{"bytes=-0", "bytes=-0", "", "range-suffix-zero"},
		{"bytes=-000", "bytes=-000", "", "range-suffix-zero"},
		{"a range and -0", "bytes=0-1,-0", "", "range-suffix-zero"},
		{"Bytes, a range and -0", "Bytes=0-1,-0", "", "range-unit-case"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := fuzz.CheckRange([]byte(tt.data))
			var d *fuzz.Disagreement
			for i := range r.Disagreements {
				if r.Disagreements[i].Field == "answer" {
					d = &r.Disagreements[i]
				}
			}
			if d == nil {
				t.Fatalf("no answer differs: %v", r)
			}
			c, ours := d.Class, d.Ours
			if tt.ours != "" {
				ours = tt.ours
				c = fuzz.Classify("range", fuzz.OracleServeContent, "answer", []byte(tt.data), fuzz.Outcome{Verdict: r.Verdict, Err: ours}, fuzz.Outcome{Err: d.Theirs})
			}
			if c != tt.want {
				t.Errorf("Classify(answer) = %q, want %q (ours %s, theirs %s)", c, tt.want, ours, d.Theirs)
			}
		})
	}
}
