package emit

import (
	"math/bits"
	"math/rand"
	"testing"

	"github.com/abnfc/abnfc/gen/automata"
)

// TestSWARStop checks the SWAR model: for loop sets whose candidate sets
// have one to four ranges, the candidates must hold every byte outside
// the loop set, and in words of random bytes (members, candidates and
// the edges of the ranges, at every position) the lowest mark of the
// stop mask must be exactly the first candidate byte, or no mark when
// there is none; except that a range ending at 0x7f ("top") may mark a
// byte lo-1 just above a byte of lo+127 or more, where its addition
// carries, and the skip steps over such a false mark after its table
// check. The emitted stop functions are the same formulas as text;
// TestEndToEnd runs them.
func TestSWARStop(t *testing.T) {
	sets := map[string]func(*automata.ByteSet){
		"field-value": func(s *automata.ByteSet) { s.Add(0x09, 0x09); s.Add(0x20, 0x7e); s.Add(0x80, 0xff) },
		"not-CR":      func(s *automata.ByteSet) { s.Add(0x00, 0x0c); s.Add(0x0e, 0xff) },
		"ASCII":       func(s *automata.ByteSet) { s.Add(0x00, 0x7f) },
		"high":        func(s *automata.ByteSet) { s.Add(0x80, 0xff) },
		"edges":       func(s *automata.ByteSet) { s.Add(0x01, 0xfe) },
		"four":        func(s *automata.ByteSet) { s.Add(0x01, 0x08); s.Add(0x0b, 0x1f); s.Add(0x21, 0x7e); s.Add(0x81, 0xff) },
		"mid":         func(s *automata.ByteSet) { s.Add(0x00, 0x7e); s.Add(0x82, 0xff) },
		"ctext": func(s *automata.ByteSet) {
			s.Add(0x09, 0x09)
			s.Add(0x20, 0x27)
			s.Add(0x2a, 0x5b)
			s.Add(0x5d, 0x7e)
			s.Add(0x80, 0xff)
		},
	}
	rnd := rand.New(rand.NewSource(1))
	for name, build := range sets {
		t.Run(name, func(t *testing.T) {
			var set automata.ByteSet
			build(&set)
			rs, ok := stopRanges(set)
			if !ok {
				t.Fatalf("stopRanges(%s) = not SWAR", set)
			}
			cand := func(c byte) bool {
				for _, r := range rs {
					if int(c) >= r.lo && int(c) <= r.hi {
						return true
					}
				}
				return false
			}
			var pool []byte
			for c := 0; c < 256; c++ {
				if !set.Has(byte(c)) && !cand(byte(c)) {
					t.Fatalf("byte %#02x leaves the loop but is no candidate", c)
				}
				pool = append(pool, byte(c))
			}
			for _, r := range rs {
				for _, c := range []int{r.lo - 1, r.lo, r.lo + 1, r.hi - 1, r.hi, r.hi + 1} {
					if c >= 0 && c < 256 {
						pool = append(pool, byte(c), byte(c), byte(c))
					}
				}
			}
			var members []byte
			for c := 0; c < 256; c++ {
				if !cand(byte(c)) {
					members = append(members, byte(c))
				}
			}
			// falseMark reports whether byte k of x may be marked
			// although it is no candidate.
			falseMark := func(x uint64, k int) bool {
				for _, r := range rs {
					if rangeTerm(r) == "top" && k > 0 && byte(x>>(8*k)) == byte(r.lo-1) && int(byte(x>>(8*k-8))) >= r.lo+127 {
						return true
					}
				}
				return false
			}
			falseMarks := 0
			for trial := 0; trial < 200000; trial++ {
				var x uint64
				first := -1
				for k := 0; k < 8; k++ {
					var c byte
					if rnd.Intn(3) == 0 {
						c = pool[rnd.Intn(len(pool))]
					} else {
						c = members[rnd.Intn(len(members))]
					}
					if first < 0 && cand(c) {
						first = k
					}
					x |= uint64(c) << (8 * k)
				}
				m := swarStop(x, rs)
				if k := bits.TrailingZeros64(m) >> 3; m != 0 && (first < 0 || k < first) && falseMark(x, k) {
					falseMarks++
					continue
				}
				switch {
				case first < 0 && m != 0:
					t.Fatalf("swarStop(%#016x) = %#016x, want no mark", x, m)
				case first >= 0 && (m == 0 || bits.TrailingZeros64(m)>>3 != first):
					t.Fatalf("swarStop(%#016x) = %#016x, want the first mark at byte %d", x, m, first)
				}
			}
			if falseMarks > 2000 {
				t.Errorf("%d false marks in 200000 words, want them rare", falseMarks)
			}
			t.Logf("%d false marks", falseMarks)
		})
	}
}

// TestStopRanges checks which sets SWAR takes.
func TestStopRanges(t *testing.T) {
	var all, token automata.ByteSet
	all.Add(0, 255)
	for _, c := range "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" {
		token.Add(byte(c), byte(c))
	}
	if _, ok := stopRanges(all); ok {
		t.Error("a set with no stop bytes has no stop function")
	}
	if _, ok := stopRanges(token); ok {
		t.Error("token's complement has more than four ranges")
	}
}
