package parser

import (
	"errors"
	"reflect"
	"testing"
)

func TestParseRange(t *testing.T) {
	tests := []struct {
		name, in string
		want     []ByteRange
	}{
		// RFC 2616 §14.35.1, the examples (entity-body of 10000 bytes).
		{"§14.35.1 the first 500 bytes", "bytes=0-499", []ByteRange{{0, 499}}},
		{"§14.35.1 the second 500 bytes", "bytes=500-999", []ByteRange{{500, 999}}},
		{"§14.35.1 the final 500 bytes, suffix", "bytes=-500", []ByteRange{{-1, 500}}},
		{"§14.35.1 the final 500 bytes, open", "bytes=9500-", []ByteRange{{9500, -1}}},
		{"§14.35.1 the first and last bytes only", "bytes=0-0,-1", []ByteRange{{0, 0}, {-1, 1}}},
		{"§14.35.1 legal but not canonical second 500 bytes (1)", "bytes=500-600,601-999", []ByteRange{{500, 600}, {601, 999}}},
		{"§14.35.1 legal but not canonical second 500 bytes (2)", "bytes=500-700,601-999", []ByteRange{{500, 700}, {601, 999}}},
		// RFC 2616 §2.1 #rule: LWS around commas, null elements.
		{"§2.1 LWS after comma", "bytes=0-1, 5-6", []ByteRange{{0, 1}, {5, 6}}},
		{"§2.1 folded LWS after comma", "bytes=0-1,\r\n 5-6", []ByteRange{{0, 1}, {5, 6}}},
		{"§2.1 null elements", "bytes=,0-1,,5-6,", []ByteRange{{0, 1}, {5, 6}}},
		// RFC 2616 §3.12: range units are case-insensitive tokens.
		{"§3.12 Bytes", "Bytes=0-1", []ByteRange{{0, 1}}},
		// RFC 2616 §14.35.1: suffix-length 0 parses (and is unsatisfiable).
		{"§14.35.1 bytes=-0", "bytes=-0", []ByteRange{{-1, 0}}},
		{"§14.35.1 largest position", "bytes=9223372036854775807-", []ByteRange{{1<<63 - 1, -1}}},
		{"§14.35.1 largest last-byte-pos", "bytes=0-9223372036854775807", []ByteRange{{0, 1<<63 - 1}}},
		{"§14.35.1 leading zeros", "bytes=000000000000000000000000001-02", []ByteRange{{1, 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseRange([]byte(tt.in))
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseRange(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestParseRangeErrors(t *testing.T) {
	tests := []struct {
		name, in   string
		off        int
		rule, want string // want: a part of the message
	}{
		{"§14.35.1 bytes= with no range", "bytes=", 6, "ranges-specifier", "end of input"},
		{"§14.35.1 a lone -", "bytes=-", 7, "ranges-specifier", "end of input"},
		{"§14.35.1 - without bytes=", "-", 0, "ranges-specifier", ""},
		{"§14.35.1 only commas", "bytes=,", 7, "ranges-specifier", ""},
		{"§14.35.1 other unit", "items=0-1", 0, "ranges-specifier", ""},
		{"§14.35.1 no =", "bytes 0-1", 5, "ranges-specifier", ""},
		{"§14.35.1 LWS before =", "bytes =0-1", 5, "ranges-specifier", ""},
		{"§14.35.1 LWS after =", "bytes= 0-1", 6, "ranges-specifier", ""},
		{"§14.35.1 LWS inside a spec", "bytes=0 -1", 7, "ranges-specifier", ""},
		{"§14.35.1 trailing LWS", "bytes=0-1 ", 10, "ranges-specifier", ""},
		// RFC 7233 §2.1's list, not RFC 2616 §2.1's (grammar/rfc2616/NOTES.md).
		{"§14.35.1 LWS after a last comma", "bytes=0-1, ", 11, "ranges-specifier", ""},
		{"§14.35.1 negative", "bytes=--5", 7, "ranges-specifier", ""},
		{"§14.35.1 hex", "bytes=0x10-", 7, "ranges-specifier", ""},
		{"§14.35.1 two dashes", "bytes=1-2-3", 9, "ranges-specifier", ""},
		{"§14.35.1 last before first", "bytes=500-400", 10, "byte-range-spec", "last-byte-pos 400 is less than first-byte-pos 500"},
		{"§14.35.1 last before first, second spec", "bytes=0-1,5-4", 12, "byte-range-spec", "less than"},
		{"§14.35.1 overflow first-byte-pos 2^63", "bytes=9223372036854775808-", 6, "first-byte-pos", "does not fit"},
		{"§14.35.1 overflow last-byte-pos", "bytes=0-99999999999999999999", 8, "last-byte-pos", "does not fit"},
		{"§14.35.1 overflow suffix-length", "bytes=-18446744073709551616", 7, "suffix-length", "does not fit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dst := []ByteRange{{1, 2}}
			got, err := AppendRange(dst, []byte(tt.in))
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("AppendRange(%q) = %v, %v; want an *Error", tt.in, got, err)
			}
			if e.Offset != tt.off || e.Rule != tt.rule || e.Section != "14.35.1" || e.Line != 1 || e.Col != tt.off+1 {
				t.Errorf("AppendRange(%q) error: offset %d %d:%d %q §%s; want offset %d 1:%d %q §14.35.1 (%v)", tt.in, e.Offset, e.Line, e.Col, e.Rule, e.Section, tt.off, tt.off+1, tt.rule, e)
			}
			if !contains(e.Msg, tt.want) {
				t.Errorf("AppendRange(%q) error %q does not say %q", tt.in, e.Msg, tt.want)
			}
			if !reflect.DeepEqual(got, dst) {
				t.Errorf("AppendRange(%q) on error returned %v, want dst unchanged", tt.in, got)
			}
		})
	}
}

func TestResolveRanges(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		length int64
		want   []ResolvedRange
	}{
		// RFC 2616 §14.35.1, the examples for an entity-body of 10000 bytes.
		{"§14.35.1 the first 500 bytes", "bytes=0-499", 10000, []ResolvedRange{{0, 499}}},
		{"§14.35.1 the second 500 bytes", "bytes=500-999", 10000, []ResolvedRange{{500, 999}}},
		{"§14.35.1 the final 500 bytes, suffix", "bytes=-500", 10000, []ResolvedRange{{9500, 9999}}},
		{"§14.35.1 the final 500 bytes, open", "bytes=9500-", 10000, []ResolvedRange{{9500, 9999}}},
		{"§14.35.1 the first and last bytes only", "bytes=0-0,-1", 10000, []ResolvedRange{{0, 0}, {9999, 9999}}},
		{"§14.35.1 not canonical (1)", "bytes=500-600,601-999", 10000, []ResolvedRange{{500, 600}, {601, 999}}},
		{"§14.35.1 not canonical (2), overlap kept", "bytes=500-700,601-999", 10000, []ResolvedRange{{500, 700}, {601, 999}}},
		// RFC 2616 §14.35.1: clamping and dropping.
		{"§14.35.1 last-byte-pos beyond the end is clamped", "bytes=0-99999", 100, []ResolvedRange{{0, 99}}},
		{"§14.35.1 last-byte-pos at the end is clamped", "bytes=50-100", 100, []ResolvedRange{{50, 99}}},
		{"§14.35.1 suffix longer than the entity", "bytes=-200", 100, []ResolvedRange{{0, 99}}},
		{"§14.35.1 suffix as long as the entity", "bytes=-100", 100, []ResolvedRange{{0, 99}}},
		{"§14.35.1 unsatisfiable spec dropped", "bytes=100-200,0-9", 100, []ResolvedRange{{0, 9}}},
		{"§14.35.1 -0 dropped", "bytes=-0,5-5", 100, []ResolvedRange{{5, 5}}},
		{"§14.35.1 last byte", "bytes=99-", 100, []ResolvedRange{{99, 99}}},
		{"§14.35.1 huge suffix", "bytes=-9223372036854775807", 100, []ResolvedRange{{0, 99}}},
		{"§14.35.1 huge positions", "bytes=9223372036854775806-", 1<<63 - 1, []ResolvedRange{{1<<63 - 2, 1<<63 - 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, err := ParseRange([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			got, err := ResolveRanges(set, tt.length)
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ResolveRanges(%q, %d) = %v, %v; want %v", tt.in, tt.length, got, err, tt.want)
			}
		})
	}
}

func TestResolveRangesUnsatisfiable(t *testing.T) {
	tests := []struct {
		name   string
		set    []ByteRange
		length int64
	}{
		// RFC 2616 §14.35.1, §14.16, §10.4.17: 416 with "Content-Range: bytes */length".
		{"§14.35.1 first-byte-pos at the length", []ByteRange{{100, -1}}, 100},
		{"§14.35.1 all beyond the end", []ByteRange{{100, 200}, {500, -1}}, 100},
		{"§14.35.1 bytes=-0", []ByteRange{{-1, 0}}, 100},
		{"§14.35.1 zero-length entity, 0-", []ByteRange{{0, -1}}, 0},
		{"§14.35.1 zero-length entity, 0-0", []ByteRange{{0, 0}}, 0},
		{"§14.35.1 zero-length entity, -0", []ByteRange{{-1, 0}}, 0},
		{"§14.35.1 zero-length entity, empty set", nil, 0},
		{"§14.35.1 empty set", nil, 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ResolveRanges(tt.set, tt.length)
			if !errors.Is(err, ErrUnsatisfiableRange) || got != nil {
				t.Fatalf("ResolveRanges(%v, %d) = %v, %v; want nil, ErrUnsatisfiableRange", tt.set, tt.length, got, err)
			}
			var e *Error
			if !errors.As(err, &e) || e.Section != "14.35.1" || !contains(e.Msg, "bytes */") {
				t.Errorf("ResolveRanges error %v: want an *Error of §14.35.1 naming the 416 Content-Range", err)
			}
		})
	}
	if _, err := ResolveRanges([]ByteRange{{0, 1}}, -1); err == nil || errors.Is(err, ErrUnsatisfiableRange) {
		t.Errorf("ResolveRanges with length -1: error %v, want a different error", err)
	}
}

// TestResolveRangesEmptyEntity: RFC 2616 §14.35.1 calls a set with a
// non-zero suffix-length satisfiable, whatever the length, and RFC 9110
// §14.1.1 says so of a zero-length representation in particular; no 206
// can carry a range of it, so ResolveRanges reports ErrEmptyEntity (200,
// RFC 9110 §14.2), not ErrUnsatisfiableRange (416).
func TestResolveRangesEmptyEntity(t *testing.T) {
	tests := []struct {
		name string
		set  []ByteRange
	}{
		{"§14.35.1 RFC 9110 §14.1.1 suffix", []ByteRange{{-1, 500}}},
		{"§14.35.1 RFC 9110 §14.1.1 suffix of 1", []ByteRange{{-1, 1}}},
		{"§14.35.1 RFC 9110 §14.1.1 huge suffix", []ByteRange{{-1, 1<<63 - 1}}},
		{"§14.35.1 RFC 9110 §14.1.1 suffix after unsatisfiable specs", []ByteRange{{0, -1}, {-1, 0}, {5, 9}, {-1, 10}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ResolveRanges(tt.set, 0)
			if !errors.Is(err, ErrEmptyEntity) || errors.Is(err, ErrUnsatisfiableRange) || got != nil {
				t.Fatalf("ResolveRanges(%v, 0) = %v, %v; want nil, ErrEmptyEntity (not ErrUnsatisfiableRange)", tt.set, got, err)
			}
			var e *Error
			if !errors.As(err, &e) || e.Section != "14.35.1" || e.Rule != "byte-range-set" {
				t.Errorf("ResolveRanges error %v: want an *Error of §14.35.1, byte-range-set", err)
			}
		})
	}
}

func TestParseContentRange(t *testing.T) {
	tests := []struct {
		name, in string
		want     ContentRange
	}{
		// RFC 2616 §14.16, the examples for an entity of 1234 bytes.
		{"§14.16 the first 500 bytes", "bytes 0-499/1234", ContentRange{0, 499, 1234}},
		{"§14.16 the second 500 bytes", "bytes 500-999/1234", ContentRange{500, 999, 1234}},
		{"§14.16 all except the first 500 bytes", "bytes 500-1233/1234", ContentRange{500, 1233, 1234}},
		{"§14.16 the last 500 bytes", "bytes 734-1233/1234", ContentRange{734, 1233, 1234}},
		// RFC 2616 §14.16: instance-length "*" (unknown).
		{"§14.16 length unknown", "bytes 0-499/*", ContentRange{0, 499, -1}},
		// RFC 2616 §14.16 / §10.4.17 (RFC 7233 §4.2 syntax): unsatisfied.
		{"§14.16 unsatisfied bytes */47022", "bytes */47022", ContentRange{-1, -1, 47022}},
		{"§14.16 unsatisfied, length 0", "bytes */0", ContentRange{-1, -1, 0}},
		{"§14.16 Bytes in another case", "BYTES 0-0/1", ContentRange{0, 0, 1}},
		{"§14.16 RFC 7233 example", "bytes 21010-47021/47022", ContentRange{21010, 47021, 47022}},
		{"§14.16 largest length", "bytes 0-9223372036854775806/9223372036854775807", ContentRange{0, 1<<63 - 2, 1<<63 - 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseContentRange([]byte(tt.in))
			if err != nil || got != tt.want {
				t.Fatalf("ParseContentRange(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
			}
			if s := got.String(); s != tt.in && tt.name != "§14.16 Bytes in another case" {
				t.Errorf("%+v.String() = %q, want %q", got, s, tt.in)
			}
		})
	}
}

func TestParseContentRangeErrors(t *testing.T) {
	tests := []struct {
		name, in   string
		off        int
		rule, want string
	}{
		{"§14.16 bytes */* (grammar fix, RFC 7233 §4.2)", "bytes */*", 8, "content-range-spec", ""},
		{"§14.16 last before first", "bytes 500-400/1234", 10, "byte-range-resp-spec", "less than"},
		{"§14.16 length not above last-byte-pos", "bytes 0-10/10", 11, "byte-content-range-spec", "not greater"},
		{"§14.16 overflow first-byte-pos", "bytes 9223372036854775808-9223372036854775809/*", 6, "first-byte-pos", "does not fit"},
		{"§14.16 overflow last-byte-pos", "bytes 0-9223372036854775808/*", 8, "last-byte-pos", "does not fit"},
		{"§14.16 overflow instance-length", "bytes */92233720368547758070", 8, "instance-length", "does not fit"},
		{"§14.16 no length", "bytes 0-1", 9, "content-range-spec", "end of input"},
		{"§14.16 open range", "bytes 0-/10", 8, "content-range-spec", ""},
		{"§14.16 = instead of SP", "bytes=0-1/2", 5, "content-range-spec", ""},
		{"§14.16 two SP", "bytes  0-1/2", 6, "content-range-spec", ""},
		{"§14.16 empty", "", 0, "content-range-spec", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseContentRange([]byte(tt.in))
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("ParseContentRange(%q) = %+v, %v; want an *Error", tt.in, got, err)
			}
			if e.Offset != tt.off || e.Rule != tt.rule || e.Section != "14.16" || e.Col != tt.off+1 {
				t.Errorf("ParseContentRange(%q) error: offset %d col %d %q §%s; want offset %d %q §14.16 (%v)", tt.in, e.Offset, e.Col, e.Rule, e.Section, tt.off, tt.rule, e)
			}
			if !contains(e.Msg, tt.want) {
				t.Errorf("ParseContentRange(%q) error %q does not say %q", tt.in, e.Msg, tt.want)
			}
		})
	}
}

func TestByteRangeString(t *testing.T) {
	for _, s := range []string{"bytes=0-499", "bytes=-500", "bytes=9500-"} {
		set, err := ParseRange([]byte(s))
		if err != nil || "bytes="+set[0].String() != s {
			t.Errorf("ParseRange(%q)[0].String() = %q, %v", s, set[0].String(), err)
		}
	}
	if got := (ResolvedRange{0, 499}).ContentRange(1234); got != "bytes 0-499/1234" {
		t.Errorf("ContentRange = %q", got)
	}
	// §14.16: a range past the length has no content-range-spec.
	if got := (ResolvedRange{0, 499}).ContentRange(100); got != "invalid ContentRange{First:0 Last:499 Length:100}" {
		t.Errorf("ContentRange past the length = %q", got)
	}
}

// TestContentRangeString: String gives the content-range-spec of every
// value ParseContentRange returns, and for any other value a text that no
// one can take for a field value. RFC 7233 §4.2: the unsatisfied form
// "*/" needs the complete-length, so ContentRange{-1, -1, -1} has no
// content-range-spec (it printed "bytes */*", which ParseContentRange
// rejects); RFC 2616 §14.16: last-byte-pos below first-byte-pos, or an
// instance-length not above it, is invalid.
func TestContentRangeString(t *testing.T) {
	tests := []struct {
		name string
		c    ContentRange
		want string
	}{
		{"§14.16 range and length", ContentRange{0, 499, 1234}, "bytes 0-499/1234"},
		{"§14.16 length unknown", ContentRange{0, 499, -1}, "bytes 0-499/*"},
		{"§14.16 one byte of one", ContentRange{0, 0, 1}, "bytes 0-0/1"},
		{"§14.16 unsatisfied", ContentRange{-1, -1, 47022}, "bytes */47022"},
		{"§14.16 unsatisfied, length 0", ContentRange{-1, -1, 0}, "bytes */0"},
		{"RFC 7233 §4.2 unsatisfied needs the length", ContentRange{-1, -1, -1}, "invalid ContentRange{First:-1 Last:-1 Length:-1}"},
		{"§14.16 last before first", ContentRange{500, 400, 1234}, "invalid ContentRange{First:500 Last:400 Length:1234}"},
		{"§14.16 length not above last", ContentRange{0, 10, 10}, "invalid ContentRange{First:0 Last:10 Length:10}"},
		{"§14.16 length 0 with a range", ContentRange{0, 0, 0}, "invalid ContentRange{First:0 Last:0 Length:0}"},
		{"no range but a last-byte-pos", ContentRange{-1, 5, 10}, "invalid ContentRange{First:-1 Last:5 Length:10}"},
		{"a range with no last-byte-pos", ContentRange{5, -1, 10}, "invalid ContentRange{First:5 Last:-1 Length:10}"},
		{"negative first other than -1", ContentRange{-2, -2, 10}, "invalid ContentRange{First:-2 Last:-2 Length:10}"},
		{"negative length other than -1", ContentRange{0, 0, -2}, "invalid ContentRange{First:0 Last:0 Length:-2}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.c.String()
			if got != tt.want {
				t.Fatalf("%#v.String() = %q, want %q", tt.c, got, tt.want)
			}
			// A content-range-spec parses back; nothing else parses.
			back, err := ParseContentRange([]byte(got))
			if valid := !contains(tt.want, "invalid"); valid != (err == nil) || valid && back != tt.c {
				t.Errorf("ParseContentRange(%q) = %+v, %v", got, back, err)
			}
		})
	}
}

// TestResolveRangesErrorText: the errors of ResolveRanges are about the
// set and the length passed in, not about a place in input, so they have
// no position (they read "offset 0: ...").
func TestResolveRangesErrorText(t *testing.T) {
	tests := []struct {
		name   string
		set    []ByteRange
		length int64
		want   string
	}{
		{"§14.35.1 §10.4.17 unsatisfiable", []ByteRange{{500, -1}}, 100,
			`[byte-range-set] no byte-range-spec is satisfiable for a length of 100 (answer 416 with "Content-Range: bytes */100", §10.4.17, §14.16) (RFC 2616 §14.35.1)`},
		{"§14.35.1 empty set", nil, 100,
			`[byte-range-set] no byte-range-spec is satisfiable for a length of 100 (answer 416 with "Content-Range: bytes */100", §10.4.17, §14.16) (RFC 2616 §14.35.1)`},
		{"§14.35.1 RFC 9110 §14.2 empty entity", []ByteRange{{-1, 500}}, 0,
			`[byte-range-set] suffix-length 500 makes the byte-range-set satisfiable, but the entity has length 0 (ignore the Range header and answer 200, RFC 9110 §14.2) (RFC 2616 §14.35.1)`},
		{"negative length", []ByteRange{{0, 1}}, -1,
			`[byte-range-set] the entity length -1 is negative: a byte-range-set resolves only against a length of 0 or more (RFC 2616 §14.35.1)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ResolveRanges(tt.set, tt.length)
			var e *Error
			if !errors.As(err, &e) || err.Error() != tt.want || e.Offset != -1 || e.Line != 0 || e.Col != 0 {
				t.Errorf("ResolveRanges(%v, %d) error = %v\nwant an *Error at offset -1, line 0:\n%s", tt.set, tt.length, err, tt.want)
			}
		})
	}
}

func TestRangeAllocs(t *testing.T) {
	in := []byte("bytes=0-499,500-999,-500,9500-")
	dst := make([]ByteRange, 0, 8)
	if n := testing.AllocsPerRun(100, func() { AppendRange(dst[:0], in) }); n != 0 {
		t.Errorf("AppendRange into a preallocated slice allocates %v times, want 0", n)
	}
	set, _ := ParseRange(in)
	res := make([]ResolvedRange, 0, 8)
	if n := testing.AllocsPerRun(100, func() { AppendResolvedRanges(res[:0], set, 10000) }); n != 0 {
		t.Errorf("AppendResolvedRanges into a preallocated slice allocates %v times, want 0", n)
	}
	cr := []byte("bytes 0-499/1234")
	if n := testing.AllocsPerRun(100, func() { ParseContentRange(cr) }); n != 0 {
		t.Errorf("ParseContentRange allocates %v times, want 0", n)
	}
}

func BenchmarkParseRange(b *testing.B) {
	in := []byte("bytes=0-499,500-999,-500,9500-")
	dst := make([]ByteRange, 0, 8)
	b.ReportAllocs()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		var err error
		if dst, err = AppendRange(dst[:0], in); err != nil {
			b.Fatal(err)
		}
	}
}

// RFC 2616 §14.35.1, §14.16: ParseRange, ResolveRanges and
// ParseContentRange never panic; resolved ranges lie inside the entity;
// what parses prints back to something that parses the same.
func FuzzRanges(f *testing.F) {
	for _, s := range []string{"bytes=0-499", "bytes=-500", "bytes=9500-", "bytes=0-0,-1", "bytes=500-700,601-999",
		"bytes=9223372036854775808-", "bytes 0-499/1234", "bytes */47022", "bytes 0-499/*"} {
		f.Add(s, int64(10000))
	}
	f.Fuzz(func(t *testing.T, s string, length int64) {
		set, err := ParseRange([]byte(s))
		if err == nil {
			res, rerr := ResolveRanges(set, length)
			if rerr == nil && len(res) == 0 {
				t.Fatalf("ResolveRanges(%v, %d): no ranges and no error", set, length)
			}
			for _, r := range res {
				if r.First < 0 || r.First > r.Last || r.Last >= length {
					t.Fatalf("ResolveRanges(%v, %d) = %v: outside the entity", set, length, res)
				}
			}
			for _, r := range set {
				again, err := ParseRange([]byte("bytes=" + r.String()))
				if err != nil || len(again) != 1 || again[0] != r {
					t.Fatalf("%v does not print back: %v, %v", r, again, err)
				}
			}
		}
		c, err := ParseContentRange([]byte(s))
		if err == nil {
			again, err := ParseContentRange([]byte(c.String()))
			if err != nil || again != c {
				t.Fatalf("%+v does not print back: %+v, %v", c, again, err)
			}
		}
	})
}
