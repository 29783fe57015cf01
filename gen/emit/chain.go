package emit

import (
	"fmt"

	"github.com/abnfc/abnfc/gen/automata"
)

// Literal chains. A run of states that each go on to one next state on
// one byte, or on a letter in either case, spells a literal: a field
// name in a field's own grammar ("Accept-Encoding" in Accept-Encoding),
// "HTTP/" in a start line. Goto code tests the whole chain with one
// 64-bit load: OR 0x20 into the bytes of case-insensitive letters, mask
// off the bytes beyond the chain, compare. A byte b with b|0x20 == x for
// a lower-case letter x is x or x^0x20, so the test is exact. When it
// fails (or fewer than eight bytes remain) the states take the bytes one
// by one as before, so errors are unchanged.

// minChain is the shortest chain worth a word test.
const minChain = 3

// chain is a literal chain from a state: its length, the state it ends
// in, and the word test.
type chain struct {
	n          int
	to         int
	fold, want uint64 // (x | fold) & mask == want
	mask       uint64
	text       string // for the comment
}

// chainFrom returns the literal chain that starts at state si, if it is
// at least minChain bytes long. The states inside the chain take no part
// the word test would skip: they do not accept (Scan's longest match),
// loop, carry span marks, or take an LF (line counting); the last edge
// may go anywhere.
func chainFrom(m *automata.Machine, si int) (chain, bool) {
	var c chain
	s := si
	for c.n < 8 {
		if c.n > 0 && (m.States[s].Accept || !loopSet(m, s).Empty()) {
			break
		}
		to, set, ok := single(m, s)
		if !ok || set.Has('\n') {
			break
		}
		var x byte
		var fold bool
		switch set.Count() {
		case 1:
			x = byte(set.First())
		case 2:
			lo := byte(set.First())
			if !(lo >= 'A' && lo <= 'Z' && set.Has(lo|0x20)) {
				return c, c.n >= minChain
			}
			x, fold = lo|0x20, true
		default:
			return c, c.n >= minChain
		}
		shift := uint(8 * c.n)
		if fold {
			c.fold |= 0x20 << shift
		}
		c.want |= uint64(x) << shift
		c.mask |= 0xff << shift
		c.text += string(rune(x))
		c.n++
		c.to = to
		s = to
		if to == si {
			break
		}
	}
	return c, c.n >= minChain
}

// single returns the one state that s goes on to, and the bytes it goes
// on, when all of s's edges are plain, unmarked and go there.
func single(m *automata.Machine, s int) (to int, set automata.ByteSet, ok bool) {
	to = -1
	for c, e := range m.States[s].Next {
		if e.Dead() {
			continue
		}
		if e.Call >= 0 || e.Marks != 0 || (to >= 0 && e.To != to) || e.To == s {
			return 0, set, false
		}
		to = e.To
		set.Or(m.Bytes(c))
	}
	return to, set, to >= 0
}

// chainTest writes the word test of the chain from state si, if it has
// one: on success it moves i past the chain and goes to its last state.
func (f *file) chainTest(m *automata.Machine, si int) {
	c, ok := chainFrom(m, si)
	if !ok {
		return
	}
	f.P("if len(b)-i >= 8 { // the literal ", fmt.Sprintf("%q", c.text), " at once")
	f.P("w := b[i : i+8]")
	f.P("x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 | uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56")
	test := "x"
	if c.fold != 0 {
		test = fmt.Sprintf("(x | %#x)", c.fold)
	}
	if c.mask != ^uint64(0) {
		test = fmt.Sprintf("%s&%#x", test, c.mask)
	}
	f.P("if ", test, " == ", fmt.Sprintf("%#x", c.want), " {")
	f.P("i += ", c.n)
	f.P("goto s", c.to)
	f.P("}")
	f.P("}")
}
