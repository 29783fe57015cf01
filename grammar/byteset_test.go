package grammar

import "testing"

// TestByteSetSubsetOf checks SubsetOf on sets that differ in each of the
// four words, and on the empty set.
func TestByteSetSubsetOf(t *testing.T) {
	set := func(ranges ...[2]byte) ByteSet {
		var s ByteSet
		for _, r := range ranges {
			s.Add(r[0], r[1])
		}
		return s
	}
	token := set([2]byte{'0', '9'}, [2]byte{'A', 'Z'}, [2]byte{'a', 'z'}, [2]byte{'-', '-'})
	tests := []struct {
		name string
		s, t ByteSet
		want bool
	}{
		{"empty in anything", ByteSet{}, token, true},
		{"equal", token, token, true},
		{"digits in token", set([2]byte{'0', '9'}), token, true},
		{"a byte in word 0 outside", set([2]byte{' ', ' '}), token, false},
		{"a byte in word 1 outside", set([2]byte{'_', '_'}), token, false},
		{"a byte in word 2 outside", set([2]byte{0x80, 0x80}), token, false},
		{"a byte in word 3 outside", set([2]byte{0xff, 0xff}), token, false},
		{"superset", token, set([2]byte{'a', 'z'}), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.s.SubsetOf(tt.t); got != tt.want {
				t.Errorf("SubsetOf = %v, want %v", got, tt.want)
			}
		})
	}
}
