package parser

import (
	"errors"
	"strconv"
)

// Byte ranges, RFC 2616 §14.35.1 (the Range request header, §14.35.2) and
// §14.16 (the Content-Range response header):
//
//	ranges-specifier        = byte-ranges-specifier
//	byte-ranges-specifier   = bytes-unit "=" byte-range-set
//	byte-range-set          = 1#( byte-range-spec | suffix-byte-range-spec )
//	byte-range-spec         = first-byte-pos "-" [last-byte-pos]
//	suffix-byte-range-spec  = "-" suffix-length
//
//	content-range-spec      = byte-content-range-spec
//	byte-content-range-spec = bytes-unit SP
//	                          ( ( byte-range-resp-spec "/" ( instance-length | "*" ) )
//	                          | ( "*" "/" instance-length ) )   ; abnfc fix, RFC 7233 §4.2
//	byte-range-resp-spec    = first-byte-pos "-" last-byte-pos
//
// The grammar checks the shape; the numbers, their order and their size
// are checked here. Every number must fit in an int64: a position of 2^63
// or more is an error, never a wrapped-around value.

// ByteRange is one element of a byte-range-set (RFC 2616 §14.35.1), as
// written in the request, before it is resolved against a length.
//
//	"500-999"  ByteRange{First: 500, Last: 999}   byte-range-spec
//	"9500-"    ByteRange{First: 9500, Last: -1}   byte-range-spec, no last-byte-pos
//	"-500"     ByteRange{First: -1, Last: 500}    suffix-byte-range-spec: the last 500 bytes
type ByteRange struct {
	// First is first-byte-pos, or -1 in a suffix-byte-range-spec.
	First int64
	// Last is last-byte-pos (inclusive), or -1 when it is absent; in a
	// suffix-byte-range-spec it is the suffix-length.
	Last int64
}

// IsSuffix reports whether r is a suffix-byte-range-spec ("-500").
func (r ByteRange) IsSuffix() bool { return r.First < 0 }

// String returns r as it is written in a byte-range-set.
func (r ByteRange) String() string {
	switch {
	case r.First < 0:
		return "-" + strconv.FormatInt(r.Last, 10)
	case r.Last < 0:
		return strconv.FormatInt(r.First, 10) + "-"
	}
	return strconv.FormatInt(r.First, 10) + "-" + strconv.FormatInt(r.Last, 10)
}

// ParseRange parses the value of a Range header, a ranges-specifier (RFC
// 2616 §14.35.1), such as "bytes=0-499,-500" or "bytes=9500-", and returns
// its byte-range-set in order, as written: overlapping or unordered ranges
// are kept (ResolveRanges resolves them against a length).
//
// The input is all of b (the field value without leading or trailing
// LWS). "bytes" matches in any case (§3.12 range units are tokens; quoted
// strings in the grammar are case-insensitive); LWS may surround the commas
// and null list elements ("0-1,,2-3", "0-1,") are skipped (§2.1 #rule).
// Otherwise a byte-range-set is read as RFC 7233 §2.1 has it, with no LWS
// inside a spec, around "=", after "=" or after a last comma: "bytes=0 -
// 1", "bytes= 0-1" and "bytes=0-1, " are errors (grammar/rfc2616/NOTES.md;
// the fuzz class range-lws).
//
// §14.35.1: a byte-range-spec whose last-byte-pos is less than its
// first-byte-pos "is syntactically invalid", and "The recipient of a
// byte-range-set that includes one or more syntactically invalid
// byte-range-spec values MUST ignore the header field": ParseRange then
// returns an error, and so it does for a number too large for an int64.
// A server that gets an error ignores the Range header (and sends 200 with
// the whole entity), it does not answer 400.
//
// Errors are *Error with Section "14.35.1", Rule "ranges-specifier" for
// the grammar, or the rule of the offending number, and the offset in b.
// See AppendRange to parse into a slice of your own without allocating.
func ParseRange(b []byte) ([]ByteRange, error) {
	return AppendRange(nil, b)
}

// AppendRange is ParseRange appending to dst: it returns dst extended by
// the ranges of b, or dst unchanged and an error. It does not allocate
// when dst has room for the ranges (except for the error).
func AppendRange(dst []ByteRange, b []byte) ([]ByteRange, error) {
	if !MatchRangesSpecifier(b) {
		return dst, syntaxError(ValidateRangesSpecifier(b), "ranges-specifier", "14.35.1", 0)
	}
	n0 := len(dst)
	i := len("bytes=")
	for i < len(b) {
		// Skip LWS and null elements around the commas.
		if c := b[i]; c == ',' || c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			i++
			continue
		}
		var r ByteRange
		if b[i] == '-' {
			v, end, err := rangeNumber(b, i+1, "suffix-length", "14.35.1")
			if err != nil {
				return dst[:n0], err
			}
			r, i = ByteRange{First: -1, Last: v}, end
		} else {
			first, end, err := rangeNumber(b, i, "first-byte-pos", "14.35.1")
			if err != nil {
				return dst[:n0], err
			}
			r, i = ByteRange{First: first, Last: -1}, end+1 // the "-"
			if i < len(b) && rangeIsDigit(b[i]) {
				last, end, err := rangeNumber(b, i, "last-byte-pos", "14.35.1")
				if err != nil {
					return dst[:n0], err
				}
				if last < first {
					return dst[:n0], rangeError(b, i, "byte-range-spec", "14.35.1",
						"last-byte-pos "+strconv.FormatInt(last, 10)+" is less than first-byte-pos "+strconv.FormatInt(first, 10))
				}
				r.Last, i = last, end
			}
		}
		dst = append(dst, r)
	}
	return dst, nil
}

// rangeNumber reads the 1*DIGIT at b[i:] (the grammar has matched it) as
// an int64; it returns its value and end, or an error naming rule when it
// does not fit.
func rangeNumber(b []byte, i int, rule, section string) (v int64, end int, err error) {
	const maxInt64 = 1<<63 - 1
	start := i
	for ; i < len(b) && rangeIsDigit(b[i]); i++ {
		d := int64(b[i] - '0')
		if v > (maxInt64-d)/10 {
			return 0, i, rangeError(b, start, rule, section, rule+" "+string(b[start:rangeDigitsEnd(b, i)])+" does not fit in 63 bits")
		}
		v = v*10 + d
	}
	return v, i, nil
}

func rangeDigitsEnd(b []byte, i int) int {
	for i < len(b) && rangeIsDigit(b[i]) {
		i++
	}
	return i
}

func rangeIsDigit(c byte) bool { return '0' <= c && c <= '9' }

func rangeError(b []byte, off int, rule, section, msg string) *Error {
	line, col := lineCol(b, off)
	return &Error{Offset: off, Line: line, Col: col, Rule: rule, Section: section, Msg: msg}
}

// ResolvedRange is a satisfiable byte range resolved against the length of
// an entity: the bytes First through Last, inclusive, with
// 0 <= First <= Last < length (RFC 2616 §14.35.1).
type ResolvedRange struct {
	First, Last int64
}

// Length returns the number of bytes in r.
func (r ResolvedRange) Length() int64 { return r.Last - r.First + 1 }

// ContentRange returns the Content-Range value (§14.16) of r in an entity
// of length bytes: "bytes First-Last/length", or "bytes First-Last/*" for
// length -1 (unknown). A range that does not lie within length has none
// (ContentRange.String then says "invalid ContentRange{...}").
func (r ResolvedRange) ContentRange(length int64) string {
	return ContentRange{First: r.First, Last: r.Last, Length: length}.String()
}

// ErrUnsatisfiableRange is wrapped by the error of ResolveRanges when no
// range of the set is satisfiable: the server SHOULD answer 416 Requested
// Range Not Satisfiable (RFC 2616 §10.4.17) with "Content-Range: bytes
// */length" (§14.16).
var ErrUnsatisfiableRange = errors.New("no byte-range-spec is satisfiable")

// ErrEmptyEntity is wrapped by the error of ResolveRanges when the entity
// has length 0 and the byte-range-set is satisfiable all the same: it has
// a suffix-byte-range-spec with a non-zero suffix-length (RFC 2616
// §14.35.1: "If a syntactically valid byte-range-set includes ... at least
// one suffix-byte-range-spec with a non-zero suffix-length, then the
// byte-range-set is satisfiable"; RFC 9110 §14.1.1: "When a selected
// representation has zero length, the only satisfiable form of range-spec
// in a GET request is a suffix-range with a non-zero suffix-length"). No
// 206 can carry it, for a byte-range-resp-spec names at least one byte
// (§14.16), and 416 would call a satisfiable set unsatisfiable: the server
// ignores the Range header and answers 200 with the empty entity (RFC 9110
// §14.2: "A server that supports range requests MAY ignore a Range header
// field when the selected representation has no content").
var ErrEmptyEntity = errors.New("the byte-range-set is satisfiable but the entity has no byte")

// ResolveRanges resolves a byte-range-set (from ParseRange) against the
// current length of the entity, following RFC 2616 §14.35.1:
//
//   - "500-999" selects bytes 500 through 999; a last-byte-pos at or beyond
//     the end is clamped to length-1 ("If the last-byte-pos value is absent,
//     or if the value is greater than or equal to the current length of the
//     entity-body, last-byte-pos is taken to be equal to one less than the
//     current length"), so "9500-" selects from 9500 to the end;
//   - "-500" selects the last 500 bytes, or the whole entity when it is
//     shorter ("If the entity is shorter than the specified suffix-length,
//     the entire entity-body is used");
//   - a byte-range-spec whose first-byte-pos is at or beyond length is
//     unsatisfiable and dropped, and so is "-0", a suffix-length of 0 (it
//     selects no byte; RFC 7233 §2.1 says so explicitly: only "a
//     suffix-byte-range-spec with a non-zero suffix-length" is satisfiable).
//
// The satisfiable ranges are returned in the order of the set; overlapping
// ranges are neither merged nor reordered (RFC 7233 §4.1 allows a server
// to coalesce them; a server may also refuse many small or overlapping
// ranges, RFC 7233 §6.1, which this function leaves to the caller).
//
// When none is satisfiable, or the set is empty, ResolveRanges returns
// nil and an *Error wrapping ErrUnsatisfiableRange (test with errors.Is):
// §14.35.1 "If the byte-range-set is unsatisfiable, the server SHOULD return
// a response with a status of 416 (Requested range not satisfiable)". An
// entity of length 0 has no byte to select: a set without a non-zero
// suffix-length ("0-", "-0") is unsatisfiable for it (416), and one with
// ("-500") is satisfiable by §14.35.1's definition though no range can be
// sent, for which ResolveRanges returns nil and an *Error wrapping
// ErrEmptyEntity (answer 200). A negative length is an error wrapping
// neither. On any error other than ErrUnsatisfiableRange, ignore the Range
// header and send the whole entity. The errors are about set and length,
// not about bytes of input: their Offset is -1 (no position).
func ResolveRanges(set []ByteRange, length int64) ([]ResolvedRange, error) {
	return AppendResolvedRanges(nil, set, length)
}

// AppendResolvedRanges is ResolveRanges appending to dst; it does not
// allocate when dst has room (except for the error).
func AppendResolvedRanges(dst []ResolvedRange, set []ByteRange, length int64) ([]ResolvedRange, error) {
	if length < 0 {
		return dst, &Error{Offset: -1, Rule: "byte-range-set", Section: "14.35.1",
			Msg: "the entity length " + strconv.FormatInt(length, 10) + " is negative: a byte-range-set resolves only against a length of 0 or more"}
	}
	n0 := len(dst)
	for _, r := range set {
		var rr ResolvedRange
		switch {
		case r.First < 0: // suffix-byte-range-spec
			if r.Last <= 0 || length == 0 {
				continue
			}
			rr = ResolvedRange{First: max(length-r.Last, 0), Last: length - 1}
		case r.First >= length:
			continue
		case r.Last < 0 || r.Last >= length:
			rr = ResolvedRange{First: r.First, Last: length - 1}
		case r.Last < r.First: // not from ParseRange
			continue
		default:
			rr = ResolvedRange{First: r.First, Last: r.Last}
		}
		dst = append(dst, rr)
	}
	if len(dst) == n0 && length == 0 {
		for _, r := range set {
			if r.First < 0 && r.Last > 0 {
				return dst, &Error{Offset: -1, Rule: "byte-range-set", Section: "14.35.1", Err: ErrEmptyEntity,
					Msg: "suffix-length " + strconv.FormatInt(r.Last, 10) + " makes the byte-range-set satisfiable, but the entity has length 0 (ignore the Range header and answer 200, RFC 9110 §14.2)"}
			}
		}
	}
	if len(dst) == n0 {
		return dst, &Error{Offset: -1, Rule: "byte-range-set", Section: "14.35.1", Err: ErrUnsatisfiableRange,
			Msg: "no byte-range-spec is satisfiable for a length of " + strconv.FormatInt(length, 10) +
				` (answer 416 with "Content-Range: bytes */` + strconv.FormatInt(length, 10) + `", §10.4.17, §14.16)`}
	}
	return dst, nil
}

// ContentRange is the value of a Content-Range header, a
// content-range-spec (RFC 2616 §14.16):
//
//	"bytes 0-499/1234"  ContentRange{First: 0, Last: 499, Length: 1234}
//	"bytes 0-499/*"     ContentRange{First: 0, Last: 499, Length: -1}  length unknown
//	"bytes */47022"     ContentRange{First: -1, Last: -1, Length: 47022}  unsatisfied (416)
type ContentRange struct {
	// First and Last are first-byte-pos and last-byte-pos (inclusive), or
	// both -1 for "*", the unsatisfied form sent with 416.
	First, Last int64
	// Length is instance-length, or -1 for "*" (unknown).
	Length int64
}

// Unsatisfied reports whether c is the "bytes */length" form.
func (c ContentRange) Unsatisfied() bool { return c.First < 0 }

// String returns c as a content-range-spec, which ParseContentRange
// gives back, when c is one of the values ParseContentRange returns:
// First and Last both -1 and Length at least 0, or 0 <= First <= Last
// and Length -1 or above Last. Any other value has no content-range-spec
// and String says so, as "invalid ContentRange{First:-1 Last:-1
// Length:-1}", a text no one can take for a field value:
//
//   - ContentRange{-1, -1, -1}, no range and no length: RFC 2616 §14.16's
//     grammar allows "bytes */*", but the "*" form is sent with 416 and
//     "the instance-length specifies the current length of the selected
//     resource"; RFC 7233 §4.2 writes it as unsatisfied-range = "*/"
//     complete-length, and ParseContentRange rejects "bytes */*";
//   - a range whose last-byte-pos is below its first-byte-pos, or whose
//     length is not above its last-byte-pos, which §14.16 calls invalid
//     ("The recipient ... MUST ignore it");
//   - negative numbers other than the -1 of "*".
func (c ContentRange) String() string {
	first, last, length := strconv.FormatInt(c.First, 10), strconv.FormatInt(c.Last, 10), strconv.FormatInt(c.Length, 10)
	switch {
	case c.First == -1 && c.Last == -1 && c.Length >= 0:
		return "bytes */" + length
	case c.First >= 0 && c.Last >= c.First && c.Length == -1:
		return "bytes " + first + "-" + last + "/*"
	case c.First >= 0 && c.Last >= c.First && c.Length > c.Last:
		return "bytes " + first + "-" + last + "/" + length
	}
	return "invalid ContentRange{First:" + first + " Last:" + last + " Length:" + length + "}"
}

// ParseContentRange parses the value of a Content-Range header, a
// content-range-spec (RFC 2616 §14.16): "bytes 0-499/1234", "bytes
// 0-499/*" (instance-length unknown) or "bytes */47022" (the unsatisfied
// form a 416 response carries; §14.16 "the instance-length specifies the
// current length of the selected resource").
//
// "bytes */*" is rejected (abnfc grammar fix, following RFC 7233 §4.2: the
// "*" form must carry the length; see grammar/rfc2616/NOTES.md). The input
// is all of b; "bytes" matches in any case and is followed by exactly one
// SP.
//
// §14.16: "A byte-content-range-spec with a byte-range-resp-spec whose
// last-byte-pos value is less than its first-byte-pos value, or whose
// instance-length value is less than or equal to its last-byte-pos value,
// is invalid. The recipient of an invalid byte-content-range-spec MUST
// ignore it and any content transferred along with it." Those are errors
// here, as are numbers too large for an int64.
//
// Errors are *Error with Section "14.16" and the offset in b.
func ParseContentRange(b []byte) (ContentRange, error) {
	if !MatchContentRangeSpec(b) {
		return ContentRange{}, syntaxError(ValidateContentRangeSpec(b), "content-range-spec", "14.16", 0)
	}
	c := ContentRange{First: -1, Last: -1, Length: -1}
	i := len("bytes ")
	if b[i] == '*' {
		i++
	} else {
		var err error
		if c.First, i, err = rangeNumber(b, i, "first-byte-pos", "14.16"); err != nil {
			return ContentRange{}, err
		}
		lastAt := i + 1
		if c.Last, i, err = rangeNumber(b, lastAt, "last-byte-pos", "14.16"); err != nil {
			return ContentRange{}, err
		}
		if c.Last < c.First {
			return ContentRange{}, rangeError(b, lastAt, "byte-range-resp-spec", "14.16",
				"last-byte-pos "+strconv.FormatInt(c.Last, 10)+" is less than first-byte-pos "+strconv.FormatInt(c.First, 10))
		}
	}
	i++ // "/"
	if b[i] != '*' {
		lengthAt := i
		var err error
		if c.Length, _, err = rangeNumber(b, i, "instance-length", "14.16"); err != nil {
			return ContentRange{}, err
		}
		if c.First >= 0 && c.Length <= c.Last {
			return ContentRange{}, rangeError(b, lengthAt, "byte-content-range-spec", "14.16",
				"instance-length "+strconv.FormatInt(c.Length, 10)+" is not greater than last-byte-pos "+strconv.FormatInt(c.Last, 10))
		}
	}
	return c, nil
}
