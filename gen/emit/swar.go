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
// (read little-endian, so the first byte is the lowest) the generated
// code computes a mask whose lowest set high bit marks the first
// candidate byte: a byte of the candidate set C, which holds every byte
// not in S. The bytes before it are all in S. The skip loop then checks
// the candidate against S's table: a member (HT in a header value, say)
// is stepped over and the skip goes on.
//
// C is the stop set with its ranges below 0x20 joined into one (%x00-1F
// for field-value), which makes it cheaper to test. Each range becomes a
// test on every byte b of x, with L = 0x7f and H = 0x80 in every byte:
//
//	b < c, 1 <= c <= 128:   (x - c) &^ x & H          (first-exact)
//	c <= b <= 0x7f, c >= 1:  (x + (128-c)) &^ x & H    (see below)
//	b == c:                 t = x^c; (t - 1) &^ t & H  (first-exact)
//	b < c, 1 <= c <= 128:   ^((x&L + (128-c)) | x) & H (exact)
//	b < c, 128 < c < 256:  (^x | x &^ (x&L + (256-c))) & H (exact)
//
// A range [lo, hi] with lo > 0 is (b < hi+1) &^ (b < lo), from the
// exact forms: (x&L) + k stays below 256 in every byte for k < 128, so
// no byte carries into the next. The first-exact forms are cheaper: a
// subtraction borrows into the next (higher) byte, which can then be
// marked falsely, but only above a byte marked truly, so the lowest
// mark, the only one the skip reads, is exact.
//
// A range that ends at 0x7f (field-value's %x7F, DEL) takes the
// addition form, two operations where the equality takes three. Its
// addition carries out of a byte of c+127 or more (a member of the loop
// set, say 0xff for DEL), which can mark the byte above it if that byte
// is c-1, and so the lowest mark is not always a candidate. That costs
// only time: the skip checks every mark against the loop set's table and
// steps over a member (TestSWARStop models which marks are false). With
// "below" it shares the &^ x: field-value's whole mask is
// ((x - 0x20) | (x + 0x01)) &^ x & H, five operations a word where the
// equality form took seven; its ten values in bench/'s browser GET took
// 0.81-0.87 of the time (a copy of the skip function before and after,
// in one test binary, session 7).

// swarLoop reports whether the loop over set is skipped by SWAR: a large
// set whose candidate set has few ranges.
func swarLoop(set automata.ByteSet) bool {
	_, ok := stopRanges(set)
	return ok && set.Count() >= swarMinSet
}

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

// stopRanges returns the candidate set C of the loop set as ranges: the
// complement with its ranges below 0x20 joined. It returns false when the
// complement is empty or C has more than swarMaxRanges ranges.
func stopRanges(set automata.ByteSet) ([]byteRange, bool) {
	var rs []byteRange
	for c := 0; c < 256; c++ {
		if set.Has(byte(c)) {
			continue
		}
		if n := len(rs); n > 0 && (rs[n-1].hi == c-1 || c < 0x20) {
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

// swarBelow is the first-exact mask of the bytes of x below c, for
// 1 <= c <= 128.
func swarBelow(x uint64, c int) uint64 { return (x - uint64(c)*swarOnes) &^ x & swarH }

// swarTop is the mask of the bytes of x from c (1 <= c <= 127) up to
// 0x7f, and of the bytes c-1 that a carry out of the byte below (one of
// c+127 or more) reaches: false marks, which TestSWARStop models.
func swarTop(x uint64, c int) uint64 { return (x + uint64(128-c)*swarOnes) &^ x & swarH }

// rangeTerm returns how the range is tested: "below" (first-exact b <
// hi+1, for ranges from 0 up to 127 at most), "top" (ranges from lo >= 1
// up to 0x7f, with false marks above carries), "eq" (first-exact, one
// byte) or "range" (exact).
func rangeTerm(r byteRange) string {
	switch {
	case r.lo == 0 && r.hi < 128:
		return "below"
	case r.lo > 0 && r.hi == 0x7f:
		return "top"
	case r.lo == r.hi:
		return "eq"
	}
	return "range"
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
// of the code stopTerms writes.
func swarStop(x uint64, rs []byteRange) uint64 {
	var m uint64
	for _, r := range rs {
		switch rangeTerm(r) {
		case "below":
			m |= swarBelow(x, r.hi+1)
		case "top":
			m |= swarTop(x, r.lo)
		case "eq":
			m |= swarBelow(x^uint64(r.lo)*swarOnes, 1)
		default:
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
		return fmt.Sprintf("^%s & 0x8080808080808080", v)
	case c < 128:
		return fmt.Sprintf("^((%s&0x7f7f7f7f7f7f7f7f + %#016x) | %s) & 0x8080808080808080", v, uint64(128-c)*swarOnes, v)
	case c < 256:
		return fmt.Sprintf("(^%s | %s&^(%s&0x7f7f7f7f7f7f7f7f + %#016x)) & 0x8080808080808080", v, v, v, uint64(256-c)*swarOnes)
	}
	return "0x8080808080808080"
}

// stopTerms returns the statements and the expression, over the word
// named x, of the stop mask of the ranges (swarStop as code).
// Temporaries are named x<i>.
func stopTerms(rs []byteRange, x string) (stmts []string, expr string) {
	// The "below" and "top" terms share their &^ x.
	var terms, shared []string
	for i, r := range rs {
		switch rangeTerm(r) {
		case "below":
			shared = append(shared, fmt.Sprintf("%s - %#016x", x, uint64(r.hi+1)*swarOnes))
		case "top":
			shared = append(shared, fmt.Sprintf("%s + %#016x", x, uint64(128-r.lo)*swarOnes))
		case "eq":
			t := fmt.Sprint(x, i)
			stmts = append(stmts, fmt.Sprintf("%s := %s ^ %#016x // %s", t, x, uint64(r.lo)*swarOnes, Byte(byte(r.lo))))
			terms = append(terms, fmt.Sprintf("(%s - 0x0101010101010101) &^ %s", t, t))
		default:
			terms = append(terms, "("+lessExpr(x, r.hi+1)+") &^ ("+lessExpr(x, r.lo)+")")
		}
	}
	switch len(shared) {
	case 0:
	case 1:
		terms = append([]string{fmt.Sprintf("(%s) &^ %s", shared[0], x)}, terms...)
	default:
		terms = append([]string{fmt.Sprintf("((%s)) &^ %s", strings.Join(shared, ") | ("), x)}, terms...)
	}
	return stmts, "(" + strings.Join(terms, " | ") + ") & 0x8080808080808080"
}

// swarSkip writes a skip loop by SWAR over b from i, for the
// loop set and its table named loop: two words a step, then one, until a
// candidate byte that is not in the set, where it ends the run with done;
// then one word within b's capacity for the last bytes, and the table
// loop that finishes the run. writeLoops puts it in a function of its own
// (LoopNSkip, not inlined, one per distinct loop set in the file) that
// goto code calls once per run: inside the goto function of a large
// machine, Go's register allocator reloads the tables and spilled values
// on every word, and a call per run cost less than that
// (MatchMessageHead on the browser GET of bench/ 330 -> 240 ns, bench/
// run.sh -quick before and after, two runs each). A -write-goto Write
// has it inline instead (see skipLoop). done is the statement that ends
// the run where a candidate byte is not in the set: "return i" in the
// function, a goto past the loop inline.
func (f *file) swarSkip(set automata.ByteSet, rs []byteRange, loop, done string) {
	// word writes the load of the little-endian word x from w[at:at+8]
	// and the statements of its stop mask, and returns the mask's
	// expression.
	word := func(x string, at int) string {
		load := make([]string, 8)
		for k := range load {
			load[k] = fmt.Sprintf("uint64(w[%d])<<%d", at+k, 8*k)
		}
		load[0] = fmt.Sprintf("uint64(w[%d])", at)
		f.P(x, " := ", strings.Join(load, " | "))
		stmts, expr := stopTerms(rs, x)
		for _, st := range stmts {
			f.P(st)
		}
		return expr
	}
	// stop writes what follows a mask m with a candidate: i moves to the
	// first one, and the run ends there unless the table has the byte.
	stop := func() {
		f.P("i += bits.TrailingZeros64(m) >> 3")
		f.P("if !", loop, "[b[i]] {")
		f.P(done)
		f.P("}")
		f.P("i++")
		f.P("continue")
	}
	// Sixteen bytes a step while len(b) holds them, then eight: loops
	// with one bound test and no tail mask. Against a single loop over
	// words that also handled the end of b, the ten field values of
	// bench/'s browser GET took 0.85-0.86 of the time, a 576-byte run
	// 0.74 (session 5, old and new side by side in one process).
	f.P("for len(b)-i >= 16 { // sixteen bytes at a time; the first byte that may leave ", set.String())
	f.P("w := b[i : i+16]")
	mx := word("x", 0)
	my := word("y", 8)
	f.P("m := ", mx)
	f.P("n := ", my)
	f.P("if m|n != 0 {")
	f.P("if m == 0 {")
	f.P("i, m = i+8, n")
	f.P("}")
	stop()
	f.P("}")
	f.P("i += 16")
	f.P("}")
	f.P("for len(b)-i >= 8 {")
	f.P("w := b[i : i+8]")
	f.P("if m := ", word("x", 0), "; m != 0 {")
	stop()
	f.P("}")
	f.P("i += 8")
	f.P("}")
	// The last bytes: one word while b's capacity holds it, the bytes
	// past len(b) counted as stops, so that the end of b (of a chunk in
	// a stream) takes one step instead of the byte loop.
	f.P("if i < len(b) && cap(b)-i >= 8 {")
	f.P("w := b[i:cap(b)][:8]")
	f.P("m := ", word("x", 0), " | 0x8080808080808080<<(8*(len(b)-i))")
	f.P("i += bits.TrailingZeros64(m) >> 3")
	f.P("}")
	// The table finishes the run: a candidate the word stopped at that
	// is in the set, or the last bytes where the capacity ends with b.
	f.P("for uint(i) < uint(len(b)) && ", loop, "[b[i]] {")
	f.P("i++")
	f.P("}")
}
