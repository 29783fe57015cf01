package emit

import (
	"fmt"
	"strings"

	"github.com/abnfc/abnfc/gen/automata"
)

// SWAR run skipping ("SIMD within a register"): a state's self-loop over
// a byte set S is skipped eight bytes at a time when the bytes that leave
// it (the complement of S) form at most swarMaxRanges ranges, such as
// field-value's stop set %x00-08 / %x0A-1F / %x7F. For each 8-byte word x
// (read little-endian) the generated stop function returns a mask with
// the high bit of every byte not in S set, exactly, with no carries
// between bytes; the first such byte is at TrailingZeros64(mask)/8.
//
// The per-byte tests, for a byte b and L = 0x7f, H = 0x80 in every byte:
//
//	b < c, 1 <= c <= 128:   ^((x&L + (128-c)) | x) & H
//	b < c, 128 < c < 256:  (^x | x &^ (x&L + (256-c))) & H
//	b == c:                 b^c < 1
//
// (x&L) + k stays below 256 in every byte for k < 128, so no byte carries
// into the next. A range [lo, hi] is (b < hi+1) &^ (b < lo).

// swarMaxRanges bounds the ranges of a stop set worth testing by SWAR;
// sets with more (token's complement has 16) use the table loop alone.
const swarMaxRanges = 4

const (
	swarL    = 0x7f7f7f7f7f7f7f7f
	swarH    = 0x8080808080808080
	swarOnes = 0x0101010101010101
)

// byteRange is the inclusive range of bytes lo..hi.
type byteRange struct{ lo, hi int }

// stopRanges returns the complement of set as ranges, and false when it
// is empty or has more than swarMaxRanges ranges.
func stopRanges(set automata.ByteSet) ([]byteRange, bool) {
	var rs []byteRange
	for c := 0; c < 256; c++ {
		if set.Has(byte(c)) {
			continue
		}
		if n := len(rs); n > 0 && rs[n-1].hi == c-1 {
			rs[n-1].hi = c
			continue
		}
		rs = append(rs, byteRange{c, c})
	}
	if len(rs) == 0 || len(rs) > swarMaxRanges {
		return nil, false
	}
	return rs, true
}

// swarLess returns the mask of the bytes of x below c (0 <= c <= 256).
// It is the model of the code lessExpr writes, and tests compare the two.
func swarLess(x uint64, c int) uint64 {
	switch {
	case c <= 0:
		return 0
	case c <= 128:
		return ^((x&swarL + uint64(128-c)*swarOnes) | x) & swarH
	case c < 256:
		return (^x | x&^(x&swarL+uint64(256-c)*swarOnes)) & swarH
	}
	return swarH
}

// swarStop returns the mask of the bytes of x in the ranges: the model
// of the generated stop function.
func swarStop(x uint64, rs []byteRange) uint64 {
	var m uint64
	for _, r := range rs {
		if r.lo == r.hi {
			m |= swarLess(x^uint64(r.lo)*swarOnes, 1)
		} else {
			m |= swarLess(x, r.hi+1) &^ swarLess(x, r.lo)
		}
	}
	return m
}

// lessExpr writes swarLess(v, c) as a Go expression.
func lessExpr(v string, c int) string {
	switch {
	case c <= 0:
		return "0"
	case c == 128:
		return fmt.Sprintf("^%s & swarH", v)
	case c < 128:
		return fmt.Sprintf("^((%s&swarL + %#016x) | %s) & swarH", v, uint64(128-c)*swarOnes, v)
	case c < 256:
		return fmt.Sprintf("(^%s | %s&^(%s&swarL + %#016x)) & swarH", v, v, v, uint64(256-c)*swarOnes)
	}
	return "swarH"
}

// stopFunc writes the stop function of the ranges, called name.
func (f *file) stopFunc(name string, set automata.ByteSet, rs []byteRange) {
	f.P()
	f.P("// ", name, " marks the high bit of each byte of x (eight input bytes,")
	f.P("// little-endian) that is not in ", set.String(), ".")
	f.P("func ", name, "(x uint64) uint64 {")
	f.P("const swarL, swarH = 0x7f7f7f7f7f7f7f7f, 0x8080808080808080")
	var terms []string
	for i, r := range rs {
		if r.lo == r.hi && r.lo == 0 {
			terms = append(terms, "("+lessExpr("x", 1)+") /* 0x00 */")
			continue
		}
		if r.lo == r.hi {
			t := fmt.Sprint("t", i)
			f.P(t, " := x ^ ", fmt.Sprintf("%#016x", uint64(r.lo)*swarOnes), " // ", Byte(byte(r.lo)))
			terms = append(terms, "("+lessExpr(t, 1)+")")
			continue
		}
		e := "(" + lessExpr("x", r.hi+1) + ")"
		if r.lo > 0 {
			e = "(" + e + " &^ (" + lessExpr("x", r.lo) + "))"
		}
		terms = append(terms, e)
	}
	f.P("return ", strings.Join(terms, " | "))
	f.P("}")
}

// swarName returns the stop function for a loop set, registering it to
// be written with the file, or "" when the set is not worth SWAR.
func (f *file) swarName(set automata.ByteSet) string {
	k := set.String()
	if id, ok := f.stopIDs[k]; ok {
		return f.id(fmt.Sprint("Stop", id))
	}
	if _, ok := stopRanges(set); !ok {
		return ""
	}
	id := len(f.stopSets)
	f.stopIDs[k] = id
	f.stopSets = append(f.stopSets, set)
	return f.id(fmt.Sprint("Stop", id))
}

// stopFuncs writes the stop functions the file's code calls.
func (f *file) stopFuncs() {
	for id, set := range f.stopSets {
		rs, _ := stopRanges(set)
		f.stopFunc(f.id(fmt.Sprint("Stop", id)), set, rs)
	}
}

// swarSkip writes the SWAR part of a skip loop over b from i: whole words
// until one holds a byte that leaves the loop, at which i then stops.
// The table loop that follows finishes the run.
func (f *file) swarSkip(stop string) {
	f.P("for len(b)-i >= 8 {")
	f.P("if m := ", stop, "(binary.LittleEndian.Uint64(b[i:])); m != 0 {")
	f.P("i += bits.TrailingZeros64(m) >> 3")
	f.P("break")
	f.P("}")
	f.P("i += 8")
	f.P("}")
}
