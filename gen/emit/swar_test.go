package emit

import (
	"math/rand"
	"testing"

	"github.com/abnfc/abnfc/gen/automata"
)

// TestSWARStop checks the SWAR model against set membership: for sets of
// one to four stop ranges, every byte value at every position of a word
// of member bytes must be marked exactly when it is not in the set, and
// no member byte may be marked (no carry between bytes). The emitted
// stop functions are the same formulas as text; TestEndToEnd runs them.
func TestSWARStop(t *testing.T) {
	sets := map[string]func(*automata.ByteSet){
		"field-value": func(s *automata.ByteSet) { s.Add(0x09, 0x09); s.Add(0x20, 0x7e); s.Add(0x80, 0xff) },
		"not-CR":      func(s *automata.ByteSet) { s.Add(0x00, 0x0c); s.Add(0x0e, 0xff) },
		"ASCII":       func(s *automata.ByteSet) { s.Add(0x00, 0x7f) },
		"high":        func(s *automata.ByteSet) { s.Add(0x80, 0xff) },
		"edges":       func(s *automata.ByteSet) { s.Add(0x01, 0xfe) },
		"four":        func(s *automata.ByteSet) { s.Add(0x01, 0x08); s.Add(0x0b, 0x1f); s.Add(0x21, 0x7e); s.Add(0x81, 0xff) },
		"mid":         func(s *automata.ByteSet) { s.Add(0x00, 0x7e); s.Add(0x82, 0xff) },
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
			var members []byte
			for c := 0; c < 256; c++ {
				if set.Has(byte(c)) {
					members = append(members, byte(c))
				}
			}
			for v := 0; v < 256; v++ {
				for pos := 0; pos < 8; pos++ {
					for trial := 0; trial < 8; trial++ {
						var x uint64
						for k := 0; k < 8; k++ {
							b := members[rnd.Intn(len(members))]
							if k == pos {
								b = byte(v)
							}
							x |= uint64(b) << (8 * k)
						}
						want := uint64(0)
						if !set.Has(byte(v)) {
							want = 0x80 << (8 * pos)
						}
						if got := swarStop(x, rs); got != want {
							t.Fatalf("swarStop(%#016x) = %#016x, want %#016x (byte %#02x at %d)", x, got, want, v, pos)
						}
					}
				}
			}
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
