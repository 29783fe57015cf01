package emit

import (
	"fmt"
	"strings"

	"github.com/abnfc/abnfc/gen/automata"
)

// Exit paths. A run that a skip loop ends usually ends one way: a field
// value at CR LF and then the next field's name. After the loop, state
// si has one edge left on one byte (CR: its self-loop took the rest);
// the states after it may go on on one byte each (LF); then a state t
// branches (a token byte, CR, SP or HT). Goto code tests that path at
// once: the chain's bytes and t's widest edge (the most bytes: a token's
// first byte) on the byte after them, and on success moves i past them
// and takes that edge, marks and all; else it goes on as before, so no
// result changes. It saves a class lookup and a switch for each state on
// the way: SpansMessageHead 0.95-0.96 of the time on the browser head
// (session 6, side by side at both 64-byte phases), where the chain
// alone (CR LF, then t's switch) saved 2 %.

// maxExitChain bounds the single-byte states an exit path goes through.
const maxExitChain = 4

// exitPath is the path after state si's skip loop: the chain's bytes,
// the state t it reaches, and t's widest edge.
type exitPath struct {
	bytes []byte
	t     int
	edge  automata.Edge
	set   automata.ByteSet // the bytes of edge
}

// exitPathFrom returns the exit path after state si's skip loop, if
// there is one: si's only edge but its self-loop is on one byte, and the
// states on the way neither accept nor loop nor carry marks (their code,
// which the path skips, would do nothing but move on).
func exitPathFrom(m *automata.Machine, si int) (exitPath, bool) {
	var p exitPath
	s := si
	for {
		var to = -1
		var set automata.ByteSet
		for c, e := range m.States[s].Next {
			if e.Dead() || s == si && e.To == si && e.Call < 0 && e.Marks == 0 {
				continue // si's self-loop: its skip loop took those bytes
			}
			if e.Call >= 0 || e.Marks != 0 || to >= 0 && e.To != to {
				to = -2
				break
			}
			to = e.To
			set.Or(m.Bytes(c))
		}
		if to < 0 || set.Count() != 1 {
			break
		}
		p.bytes = append(p.bytes, byte(set.First()))
		s = to
		t := m.States[s]
		if s == si || t.Accept || !loopSet(m, s).Empty() || len(p.bytes) == maxExitChain {
			return p, false
		}
	}
	if len(p.bytes) == 0 {
		return p, false
	}
	p.t = s
	// t's widest plain edge.
	order, classes := targets(m.States[s])
	best := -1
	for _, e := range order {
		if e.Call >= 0 {
			continue
		}
		var set automata.ByteSet
		for _, c := range classes[e] {
			set.Or(m.Bytes(c))
		}
		if set.Count() > best {
			best, p.edge, p.set = set.Count(), e, set
		}
	}
	return p, best >= 2
}

// exitTest writes the exit path after state si's skip loop, if it has
// one (see exitPathFrom). byteTest is the membership test of the last
// byte: a loop table of the machine with the same set, else its class
// tested against a mask of the edge's classes.
func (f *file) exitTest(name string, m *automata.Machine, si int, g gotoCode) {
	p, ok := exitPathFrom(m, si)
	if !ok {
		return
	}
	n := len(p.bytes)
	if g.lines && p.set.Has('\n') {
		return // the last byte would need its own line count
	}
	var test string
	if id, ok := f.loopIDs[name][p.set.String()]; ok {
		test = fmt.Sprintf("%sLoop%d[b[i+%d]]", name, id, n)
	} else if m.NumClasses <= 64 {
		var mask uint64
		for c := range m.States[p.t].Next {
			if m.States[p.t].Next[c] == p.edge {
				mask |= 1 << uint(c)
			}
		}
		test = fmt.Sprintf("uint64(1)<<(%sClass[b[i+%d]]&63)&%#x != 0", name, n, mask)
	} else {
		return
	}
	conds := []string{fmt.Sprintf("uint(i+%d) < uint(len(b))", n)}
	lfs, lastLF := 0, -1
	for j, x := range p.bytes {
		at := "b[i]"
		if j > 0 {
			at = fmt.Sprintf("b[i+%d]", j)
		}
		conds = append(conds, at+" == "+Byte(x))
		if x == '\n' {
			lfs, lastLF = lfs+1, j
		}
	}
	conds = append(conds, test)
	f.P("if ", strings.Join(conds, " && "), " { // on to s", p.t, " and its widest edge at once")
	f.P("i += ", n+1)
	if g.lines && lfs > 0 {
		f.P("nl, nlEnd = nl+", lfs, ", i-", n-lastLF)
	}
	if g.marks != nil && p.edge.Marks != 0 {
		g.marks(p.edge)
	}
	f.P("goto s", p.edge.To)
	f.P("}")
}
