package grammar

import (
	"fmt"
	"math/bits"
	"strings"
)

// ByteSet is a set of bytes: the terminals that the reference parser,
// the sampler and the generator compile literals and ranges to.
type ByteSet [4]uint64

// Add adds the bytes lo through hi.
func (s *ByteSet) Add(lo, hi byte) {
	for c := int(lo); c <= int(hi); c++ {
		s[c>>6] |= 1 << (uint(c) & 63)
	}
}

// Has reports whether c is in s.
func (s *ByteSet) Has(c byte) bool { return s[c>>6]&(1<<(uint(c)&63)) != 0 }

// Or adds the bytes of t to s.
func (s *ByteSet) Or(t ByteSet) {
	for i := range s {
		s[i] |= t[i]
	}
}

// Intersects reports whether s and t share a byte.
func (s ByteSet) Intersects(t ByteSet) bool {
	for i := range s {
		if s[i]&t[i] != 0 {
			return true
		}
	}
	return false
}

// SubsetOf reports whether every byte of s is in t.
func (s ByteSet) SubsetOf(t ByteSet) bool {
	for i := range s {
		if s[i]&^t[i] != 0 {
			return false
		}
	}
	return true
}

// Count returns the number of bytes in s.
func (s ByteSet) Count() int {
	return bits.OnesCount64(s[0]) + bits.OnesCount64(s[1]) + bits.OnesCount64(s[2]) + bits.OnesCount64(s[3])
}

// Empty reports whether s has no bytes.
func (s ByteSet) Empty() bool { return s == ByteSet{} }

// First returns the smallest byte in s, or -1.
func (s ByteSet) First() int {
	for c := 0; c < 256; c++ {
		if s.Has(byte(c)) {
			return c
		}
	}
	return -1
}

// String writes s as ABNF num-vals and quoted bytes: "a" / %x30-39.
func (s ByteSet) String() string {
	var parts []string
	for c := 0; c < 256; {
		if !s.Has(byte(c)) {
			c++
			continue
		}
		lo := c
		for c < 256 && s.Has(byte(c)) {
			c++
		}
		hi := c - 1
		switch {
		case lo == hi && lo > 0x20 && lo < 0x7f && lo != '"':
			parts = append(parts, `"`+string(rune(lo))+`"`)
		case lo == hi:
			parts = append(parts, fmt.Sprintf("%%x%02X", lo))
		default:
			parts = append(parts, fmt.Sprintf("%%x%02X-%02X", lo, hi))
		}
	}
	return strings.Join(parts, " / ")
}
