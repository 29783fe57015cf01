package emit

import (
	"strings"
	"testing"

	"github.com/abnfc/abnfc/gen/automata"
)

// TestNibbleTables checks the nibble tables of the vector loops of
// Config.SIMD against membership, on every byte, for sets with and
// without bytes from 0x80.
func TestNibbleTables(t *testing.T) {
	set := func(ranges ...[2]int) automata.ByteSet {
		var s automata.ByteSet
		for _, r := range ranges {
			s.Add(byte(r[0]), byte(r[1]))
		}
		return s
	}
	// RFC 2616 §2.2 token: CHAR except CTLs and separators.
	var token automata.ByteSet
	for c := 0x21; c < 0x7f; c++ {
		if !strings.ContainsRune(`()<>@,;:\"/[]?={}`, rune(c)) {
			token.Add(byte(c), byte(c))
		}
	}
	tests := []struct {
		name string
		set  automata.ByteSet
		high bool
	}{
		{"token", token, false},
		{"alnum-dash", set([2]int{'0', '9'}, [2]int{'A', 'Z'}, [2]int{'a', 'z'}, [2]int{'-', '-'}), false},
		{"obs-text and more", set([2]int{0x21, 0x7e}, [2]int{0x80, 0xff}), true},
		{"every byte", set([2]int{0, 255}), true},
		{"top byte only", set([2]int{0xff, 0xff}), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lo, hi, high := nibbleTables(tt.set)
			if high != tt.high {
				t.Errorf("high = %v, want %v", high, tt.high)
			}
			for v := 0; v < 256; v++ {
				if got, want := nibbleMember(lo, hi, byte(v)), tt.set.Has(byte(v)); got != want {
					t.Errorf("byte %#02x: member %v, want %v", v, got, want)
				}
			}
		})
	}
}
