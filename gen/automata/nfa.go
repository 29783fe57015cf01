package automata

import (
	"fmt"
	"sort"
	"strings"

	"github.com/abnfc/abnfc/grammar"
)

// ByteSet is a set of bytes (grammar.ByteSet).
type ByteSet = grammar.ByteSet

// nstate is a state of a Thompson NFA. It has epsilon edges, at most one
// byte edge (set → to) and at most one call edge (call machine → ret).
type nstate struct {
	eps   []int32
	set   ByteSet
	to    int32 // -1: no byte edge
	call  int32 // -1: no call edge; else machine index
	ret   int32
	pos   grammar.Pos
	label string
	// tag opens (span+1) or closes (-span-1) a span when a path enters
	// the state (CompileSpans); 0 for none.
	tag int16
}

type nfa struct {
	rule   string
	states []nstate
	start  int32
	final  int32
}

// nfaBuilder builds the NFA of one machine.
type nfaBuilder struct {
	g        *grammar.Grammar
	n        *nfa
	machines map[string]int // rule key → machine index
	max      int
	err      *grammar.Error
	rule     string          // the rule whose definition is being built
	inline   map[string]bool // the keys of the rules being inlined (a cycle would be an internal error)
	// sub compiles a non-recursive rule to its minimal DFA (memoized).
	sub func(r *grammar.Rule) (*Machine, *grammar.Error)
	// defs inlines rules by their definitions instead (to compute FIRST
	// sets before any DFA exists).
	defs bool
	// spans indexes the span rules and deep marks the rules that contain
	// one (CompileSpans).
	spans map[string]int
	deep  map[string]bool
	// total counts the states of all the NFAs built for one root, those
	// of the rules inlined as DFAs too (nil: not counted).
	total *budget
}

// budget counts the NFA states built for one Compile or CompileSpans
// against Options.MaxTotalNFAStates: each NFA is bounded by MaxNFAStates,
// but a rule that uses a chain of rules builds an NFA for each, so the
// sum can be quadratic in the grammar's size (r0 = r1 "a" / "b", r1 = r2
// "a" / "b", ... 4000 rules deep had taken 92 s and 7.5 GB).
type budget struct {
	root      string
	used, max int
}

func (b *nfaBuilder) state(pos grammar.Pos, label string) int32 {
	if len(b.n.states) >= b.max && b.err == nil {
		// Not in the dialect's prelude (the LWS of a list's
		// expansion, say), which the user did not write: at the rule.
		if r := b.g.Lookup(b.n.rule); r != nil && !r.Builtin && strings.HasPrefix(pos.File, "prelude:") {
			pos = r.Pos
		}
		b.err = &grammar.Error{Pos: pos, Rule: b.n.rule, Msg: fmt.Sprintf("the NFA of rule %s exceeds %d states (automata.Options.MaxNFAStates, abnfc gen -max-nfa-states); bounded repetitions such as 1*8190OCTET unroll, a state a copy, and a list holds its element twice, so lists nested deep double at each level: use a smaller bound, an @limit, or a rule of its own for the element", b.n.rule, b.max)}
	}
	if t := b.total; t != nil {
		if t.used++; t.used > t.max && b.err == nil {
			b.err = &grammar.Error{Pos: pos, Rule: b.n.rule, Msg: fmt.Sprintf("compiling rule %s builds more than %d NFA states in all, for the rules it uses (automata.Options.MaxTotalNFAStates, abnfc gen -max-total-states), here in rule %s: its rules nest too deep", t.root, t.max, b.n.rule)}
		}
	}
	b.n.states = append(b.n.states, nstate{to: -1, call: -1, ret: -1, pos: pos, label: label})
	return int32(len(b.n.states) - 1)
}

func (b *nfaBuilder) eps(from, to int32) {
	b.n.states[from].eps = append(b.n.states[from].eps, to)
}

// build adds the fragment for n between fresh states and returns them.
func (b *nfaBuilder) build(n grammar.Node) (start, end int32) {
	if b.err != nil {
		s := b.state(n.Pos(), "")
		return s, s
	}
	label := b.rule + ": " + excerpt(grammar.Format(grammar.RFC5234, n))
	switch n := n.(type) {
	case *grammar.Alt:
		start, end = b.state(n.P, label), b.state(n.P, "")
		for _, a := range n.Alts {
			s, e := b.build(a)
			b.eps(start, s)
			b.eps(e, end)
		}
		return start, end
	case *grammar.Concat:
		start = b.state(n.P, label)
		cur := start
		for _, it := range n.Items {
			s, e := b.build(it)
			b.eps(cur, s)
			cur = e
		}
		return start, cur
	case *grammar.Literal:
		start = b.state(n.P, label)
		cur := start
		for i := 0; i < len(n.Text); i++ {
			var set ByteSet
			c := n.Text[i]
			set.Add(c, c)
			if n.Fold && c|0x20 >= 'a' && c|0x20 <= 'z' {
				set.Add(c^0x20, c^0x20)
			}
			next := b.state(n.P, "")
			b.n.states[cur].set, b.n.states[cur].to = set, next
			cur = next
		}
		return start, cur
	case *grammar.Range:
		start, end = b.state(n.P, label), b.state(n.P, "")
		b.n.states[start].set.Add(n.Lo, n.Hi)
		b.n.states[start].to = end
		return start, end
	case *grammar.Repeat:
		start = b.state(n.P, label)
		cur := start
		for i := 0; i < n.Min && b.err == nil; i++ {
			s, e := b.build(n.Item)
			b.eps(cur, s)
			cur = e
		}
		switch {
		case n.Max == grammar.Inf:
			s, e := b.build(n.Item)
			loop := b.state(n.P, "")
			b.eps(cur, loop)
			b.eps(loop, s)
			b.eps(e, loop)
			return start, loop
		default:
			end = b.state(n.P, "")
			for i := n.Min; i < n.Max && b.err == nil; i++ {
				b.eps(cur, end)
				s, e := b.build(n.Item)
				b.eps(cur, s)
				cur = e
			}
			b.eps(cur, end)
			return start, end
		}
	case *grammar.Ref:
		r := b.g.Lookup(n.Name)
		if b.spans != nil {
			if start, end, ok := b.spanRef(r, n.P, label); ok {
				return start, end
			}
		}
		if m, ok := b.machines[grammar.Key(r.Name)]; ok {
			start, end = b.state(n.P, label), b.state(n.P, "")
			b.n.states[start].call, b.n.states[start].ret = int32(m), end
			return start, end
		}
		k := grammar.Key(r.Name)
		if b.inline[k] {
			// Not reached: rules in cycles are machines.
			b.err = &grammar.Error{Pos: n.P, Rule: b.rule, Msg: "internal error: recursive rule " + r.Name + " inlined"}
			s := b.state(n.P, "")
			return s, s
		}
		if b.defs {
			saved := b.rule
			b.rule = r.Name
			b.inline[k] = true
			start, end = b.build(r.Def)
			delete(b.inline, k)
			b.rule = saved
			return start, end
		}
		// Inline the rule's own minimal DFA: compiling rules bottom-up
		// keeps NFAs small and subset construction from blowing up.
		d, err := b.sub(r)
		if err != nil {
			b.err = err
			s := b.state(n.P, "")
			return s, s
		}
		return b.inlineDFA(d, n.P, label)
	}
	b.err = &grammar.Error{Pos: n.Pos(), Rule: b.rule, Msg: fmt.Sprintf("cannot compile %T (lower the grammar first)", n)}
	s := b.state(n.Pos(), "")
	return s, s
}

// inlineDFA copies machine d into the NFA: a state per DFA state, a
// state per edge, and epsilon edges from accepting states to a new end.
//
// A state's label joins the reference (outer, "rule: element") and the
// innermost position in the inlined rule: "Request-Line: Request-URI ›
// DIGIT: %x30-39".
func (b *nfaBuilder) inlineDFA(d *Machine, pos grammar.Pos, outer string) (start, end int32) {
	base := int32(len(b.n.states))
	for _, s := range d.States {
		label := outer
		if len(s.Labels) > 0 {
			inner := s.Labels[0]
			if i := strings.LastIndex(inner, " › "); i >= 0 {
				inner = inner[i+len(" › "):]
			}
			label = outer + " › " + inner
		}
		b.state(pos, label)
	}
	end = b.state(pos, "")
	for i, s := range d.States {
		from := base + int32(i)
		if s.Accept {
			b.eps(from, end)
		}
		// One edge state per distinct (to, call) target.
		type key struct{ to, call int }
		idx := map[key]int32{}
		for c, e := range s.Next {
			if e.Dead() {
				continue
			}
			k := key{e.To, e.Call}
			es, ok := idx[k]
			if !ok {
				es = b.state(pos, b.n.states[from].label)
				idx[k] = es
				b.eps(from, es)
				if e.Call >= 0 {
					b.n.states[es].call, b.n.states[es].ret = int32(e.Call), base+int32(e.To)
				} else {
					b.n.states[es].to = base + int32(e.To)
				}
			}
			if e.Call < 0 {
				for x := 0; x < 256; x++ {
					if int(d.Class[x]) == c {
						b.n.states[es].set.Add(byte(x), byte(x))
					}
				}
			}
		}
	}
	return base, end
}

func excerpt(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 48 {
		return s[:45] + "..."
	}
	return s
}

// closure returns the sorted epsilon closure of set. Call states whose
// machine is nullable also reach their return state.
func (n *nfa) closure(set []int32, nullable []bool) []int32 {
	seen := map[int32]bool{}
	var out []int32
	stack := append([]int32(nil), set...)
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
		stack = append(stack, n.states[s].eps...)
		if c := n.states[s].call; c >= 0 && nullable[c] {
			stack = append(stack, n.states[s].ret)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
