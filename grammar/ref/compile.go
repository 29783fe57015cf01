package ref

import (
	"fmt"

	"github.com/abnfc/abnfc/grammar"
)

// A symbol is a nonterminal (≥ 0, an index into prog.nts) or a terminal
// (< 0, -1-index into prog.terms).
type symbol int32

func (s symbol) isTerm() bool { return s < 0 }
func (s symbol) term() int    { return int(-1 - s) }

// production is one BNF production lhs → rhs.
type production struct {
	lhs int
	rhs []symbol
}

// nonterminal is a grammar rule or a node the compiler had to name.
type nonterminal struct {
	name     string // rule name, or "" for a synthetic nonterminal
	owner    string // the grammar rule it comes from
	prods    []int
	nullable bool
	// star marks the nonterminal of an unbounded repetition, star → ε |
	// star x: the tree builder chooses its iterations itself (chooseStar).
	star bool
}

// prog is a grammar compiled to BNF for the Earley recognizer.
type prog struct {
	nts   []nonterminal
	prods []production
	terms []grammar.ByteSet
	start int
}

// compiler turns the lowered IR of the rules reachable from one start
// rule into BNF. Repetitions become left-recursive nonterminals (which
// Earley parses in linear time) or chains of optionals for bounded counts.
// A bounded repetition unrolls into Min copies and Max-Min optionals, so
// the program's size is bounded by max (Limits.MaxProgram), counted as
// nonterminals plus productions plus symbols.
type compiler struct {
	g      *grammar.Grammar
	p      *prog
	byRule map[*grammar.Rule]int
	terms  map[grammar.ByteSet]int
	queue  []*grammar.Rule
	size   int
	max    int
	err    *grammar.Error
}

// compile compiles the rules start reaches, or returns an error at the
// first element that takes the program over max.
func compile(g *grammar.Grammar, start *grammar.Rule, max int) (*prog, *grammar.Error) {
	c := &compiler{g: g, p: &prog{}, byRule: map[*grammar.Rule]int{}, terms: map[grammar.ByteSet]int{}, max: max}
	// The augmented start symbol S' → start.
	s := c.newNT("", start.Name)
	c.p.start = s
	c.addProd(s, []symbol{symbol(c.ruleNT(start))})
	for len(c.queue) > 0 && c.err == nil {
		r := c.queue[0]
		c.queue = c.queue[1:]
		nt := c.byRule[r]
		c.alternatives(nt, r.Name, r.Def)
	}
	if c.err != nil {
		return nil, c.err
	}
	c.nullable()
	return c.p, nil
}

// fits reports whether n more units (nonterminals, productions, symbols)
// fit in the program besides pending ones not yet added; if not, it
// records the error at the repetition rep, in the rule owner, saying what
// is large: rep itself where it unrolls, else what came before it.
func (c *compiler) fits(n, pending int, owner string, rep *grammar.Repeat) bool {
	if c.err != nil {
		return false
	}
	if room := c.max - c.size - pending; pending <= c.max-c.size && n <= room {
		return true
	}
	what := fmt.Sprintf("the rules it reaches come to %d before the repetition here", c.size+pending)
	opts := rep.Max - rep.Min
	if rep.Max == grammar.Inf {
		opts = 0
	}
	if rep.Min > 1 || opts > 1 {
		what += fmt.Sprintf(", which unrolls into %d and %d optional copies of its element; use a smaller bound", rep.Min, opts)
	}
	c.err = &grammar.Error{Pos: rep.P, Rule: owner, Msg: fmt.Sprintf("rule %s needs a reference parser of more than %d nonterminals, productions and symbols (ref.Limits.MaxProgram): %s", owner, c.max, what)}
	return false
}

func (c *compiler) newNT(name, owner string) int {
	c.size++
	c.p.nts = append(c.p.nts, nonterminal{name: name, owner: owner})
	return len(c.p.nts) - 1
}

func (c *compiler) addProd(nt int, rhs []symbol) {
	c.size += 1 + len(rhs)
	c.p.prods = append(c.p.prods, production{lhs: nt, rhs: rhs})
	c.p.nts[nt].prods = append(c.p.nts[nt].prods, len(c.p.prods)-1)
}

func (c *compiler) ruleNT(r *grammar.Rule) int {
	if nt, ok := c.byRule[r]; ok {
		return nt
	}
	nt := c.newNT(r.Name, r.Name)
	c.byRule[r] = nt
	c.queue = append(c.queue, r)
	return nt
}

func (c *compiler) term(s grammar.ByteSet, owner string) symbol {
	t, ok := c.terms[s]
	if !ok {
		t = len(c.p.terms)
		c.p.terms = append(c.p.terms, s)
		c.terms[s] = t
	}
	return symbol(-1 - t)
}

// alternatives adds one production of nt per alternative of n.
func (c *compiler) alternatives(nt int, owner string, n grammar.Node) {
	if a, ok := n.(*grammar.Alt); ok {
		for _, x := range a.Alts {
			c.alternatives(nt, owner, x)
		}
		return
	}
	c.addProd(nt, c.seq(owner, n, nil))
}

// seq appends the symbols of n, inlining concatenations and literals.
func (c *compiler) seq(owner string, n grammar.Node, out []symbol) []symbol {
	switch n := n.(type) {
	case *grammar.Concat:
		for _, x := range n.Items {
			out = c.seq(owner, x, out)
		}
		return out
	case *grammar.Literal:
		for i := 0; i < len(n.Text); i++ {
			var s grammar.ByteSet
			b := n.Text[i]
			s.Add(b, b)
			if n.Fold && (b|0x20) >= 'a' && (b|0x20) <= 'z' {
				s.Add(b^0x20, b^0x20)
			}
			out = append(out, c.term(s, owner))
		}
		return out
	case *grammar.Repeat:
		// Min copies of x, then either a star (1 nonterminal, 2
		// productions, 2 symbols) or Max-Min optionals (each 1
		// nonterminal, 2 productions, at most 3 symbols).
		extra := 5
		if n.Max != grammar.Inf {
			extra = n.Max - n.Min
			if extra > c.max/6 {
				extra = c.max + 1
			} else {
				extra *= 6
			}
		}
		if !c.fits(n.Min, len(out), owner, n) || !c.fits(extra, len(out)+n.Min, owner, n) {
			return out
		}
		x := c.sym(owner, n.Item)
		if c.err != nil {
			return out
		}
		for i := 0; i < n.Min; i++ {
			out = append(out, x)
		}
		switch {
		case n.Max == grammar.Inf:
			// star → ε | star x
			star := c.newNT("", owner)
			c.p.nts[star].star = true
			c.addProd(star, nil)
			c.addProd(star, []symbol{symbol(star), x})
			out = append(out, symbol(star))
		case n.Max > n.Min:
			// opt_k → ε | x opt_{k-1}
			prev := -1
			for k := 0; k < n.Max-n.Min; k++ {
				opt := c.newNT("", owner)
				c.addProd(opt, nil)
				if prev < 0 {
					c.addProd(opt, []symbol{x})
				} else {
					c.addProd(opt, []symbol{x, symbol(prev)})
				}
				prev = opt
			}
			out = append(out, symbol(prev))
		}
		return out
	}
	return append(out, c.sym(owner, n))
}

// sym returns one symbol for n, naming a nonterminal when needed.
func (c *compiler) sym(owner string, n grammar.Node) symbol {
	switch n := n.(type) {
	case *grammar.Ref:
		return symbol(c.ruleNT(c.g.Lookup(n.Name)))
	case *grammar.Range:
		var s grammar.ByteSet
		s.Add(n.Lo, n.Hi)
		return c.term(s, owner)
	case *grammar.Literal:
		if len(n.Text) == 1 {
			return c.seq(owner, n, nil)[0]
		}
	}
	nt := c.newNT("", owner)
	c.alternatives(nt, owner, n)
	return symbol(nt)
}

// nullable marks the nonterminals that derive the empty string.
func (c *compiler) nullable() {
	p := c.p
	for changed := true; changed; {
		changed = false
		for _, pr := range p.prods {
			if p.nts[pr.lhs].nullable {
				continue
			}
			all := true
			for _, s := range pr.rhs {
				if s.isTerm() || !p.nts[s].nullable {
					all = false
					break
				}
			}
			if all {
				p.nts[pr.lhs].nullable = true
				changed = true
			}
		}
	}
}
