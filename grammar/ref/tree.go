package ref

import (
	"slices"
	"sort"
)

// Node is a node of a parse tree: a rule and the span of input it matched.
// Children are the rules directly below it in the derivation; the parts of
// a rule's definition that are not rules (literals, groups, repetitions)
// do not make nodes.
type Node struct {
	Rule       string
	Start, End int
	Children   []*Node
}

// Walk calls f for n and every node below it, depth first, until f returns
// false.
func (n *Node) Walk(f func(*Node) bool) {
	if !f(n) {
		return
	}
	for _, c := range n.Children {
		c.Walk(f)
	}
}

// Spans returns the spans of the nodes for rule (compared
// case-insensitively) in the tree, in input order.
func (n *Node) Spans(rule string) [][2]int {
	var out [][2]int
	key := lower(rule)
	n.Walk(func(x *Node) bool {
		if lower(x.Rule) == key {
			out = append(out, [2]int{x.Start, x.End})
		}
		return true
	})
	return out
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}

// builder extracts one derivation from a chart. The choice, where the
// input is ambiguous, is fixed and documented on Parser.Tree: the first
// production in grammar order, and the split that gives earlier symbols
// the longest spans, that derives the span without a rule nested in itself
// over that same span.
//
// Every span a chart says a nonterminal derives has a finite derivation,
// and a smallest one never nests a (nonterminal, span) inside itself. So
// only a child over the same span as its parent (the other symbols of the
// production deriving the empty string, or a unit production) can fail,
// when it would close such a cycle; the builder then tries the next split
// or production. A child over a smaller span cannot meet its ancestors
// again, so its derivation does not depend on them: it is a placeholder,
// resolved later from a work list. Only the derivation chosen queues its
// placeholders (one that fails further on, or only checks for a second
// derivation, queues none: each would resolve a whole subtree for
// nothing), and two nodes of one tree over the same nonempty span are
// nested, which the rule above forbids for one nonterminal; so each
// placeholder stands for one node of the tree (empty spans aside, whose
// repeats are nodes of the tree too), and none is shared or kept in a
// map. That keeps the work polynomial (per (nonterminal, span) at most a
// few splits of each production are tried, and only the chains of
// same-span nonterminals, whose length the grammar bounds, are searched
// afresh), memory to the tree's size (a map of the placeholders had cost a
// quarter of it) and the Go stack shallow however long a repetition or a
// recursion is.
//
// Derivations live in two arenas, derivs and kids, addressed by int32
// index: a derivation is 20 bytes and a child 4, where a *deriv with its
// own slice of children had cost some 100 bytes a node, and the garbage
// collector has a few large arrays to scan instead of millions of
// pointers. A derivation that fails or is only a check leaves its records
// behind; count bounds them.
type builder struct {
	c         *chart
	p         *prog
	ambiguous bool
	// active holds the (nonterminal, start, end) on the path from the
	// derivation being resolved down its children over the same span.
	active map[[3]int]bool
	// todo holds the derivations of children over smaller spans still
	// to resolve.
	todo []int32
	// derivs and kids are the arenas of derivations and of their lists
	// of children; scratch holds, as a stack, the children of the
	// derivations being built until derive copies them to kids.
	derivs  vec[deriv]
	kids    vec[int32]
	scratch []int32
	// origins holds, as a stack, the origins splits is going through.
	origins []int
	// count counts the nonterminals of the derivations tried so far,
	// against max (Limits.MaxTreeNodes); over is set past it, and every
	// step then gives up.
	count, max int
	over       bool
	// overAt is the start of the span whose derivation was being chosen
	// when count went over max.
	overAt int
}

// deriv is a derivation of nonterminal nt over input[start:end]: its
// nonterminal children, in order, are kids[kid:kid+nkids] of the builder
// (terminals make no nodes). A placeholder, not resolved yet, has nkids
// -1.
type deriv struct {
	nt, start, end int32
	kid, nkids     int32
}

// tree returns a derivation of the start symbol over the whole input, as
// an index into derivs.
func (b *builder) tree() (int32, bool) {
	root := b.ref(b.c.p.start, 0, len(b.c.input))
	b.todo = append(b.todo, root)
	for len(b.todo) > 0 {
		x := b.todo[len(b.todo)-1]
		b.todo = b.todo[:len(b.todo)-1]
		d := *b.derivs.at(x)
		// chooseStar resolves the iterations of a repetition at once.
		if d.nkids < 0 {
			kid, nkids, ok := b.choose(int(d.nt), int(d.start), int(d.end))
			if !ok {
				return 0, false // not reached: a recognised span has a derivation
			}
			b.derivs.at(x).kid, b.derivs.at(x).nkids = kid, nkids
		}
		b.queue(x)
	}
	return root, true
}

// ref returns a placeholder for a derivation of nonterminal nt over
// input[i:j], a child over a smaller span than its parent's, to resolve
// later. It is not queued yet: the derivation it is part of may fail
// further on (a later child over the whole span closes a cycle) or be only
// a check for a second derivation; queue adds the refs of the one chosen.
func (b *builder) ref(nt, i, j int) int32 {
	return b.derivs.push(deriv{nt: int32(nt), start: int32(i), end: int32(j), nkids: -1})
}

// children returns the children of derivation x.
func (b *builder) children(x int32) []int32 {
	d := b.derivs.at(x)
	return b.kids.run(d.kid, d.nkids)
}

// queue adds to todo the refs of x, a resolved derivation: its children
// over smaller spans, and theirs below its children over its own span
// (which choose resolved at once).
func (b *builder) queue(x int32) {
	stack := []int32{x}
	for len(stack) > 0 {
		x := *b.derivs.at(stack[len(stack)-1])
		stack = stack[:len(stack)-1]
		for _, k := range b.kids.run(x.kid, x.nkids) {
			if d := b.derivs.at(k); d.start == x.start && d.end == x.end {
				stack = append(stack, k)
			} else {
				b.todo = append(b.todo, k)
			}
		}
	}
}

// choose returns the children (kids[kid:kid+nkids]) of a derivation of
// nonterminal nt over input[i:j], or false if every one repeats an active
// (nonterminal, span). Its children over the same span are chosen at once
// (recursively), the others are refs.
func (b *builder) choose(nt, i, j int) (kid, nkids int32, ok bool) {
	if b.over {
		return 0, 0, false
	}
	key := [3]int{nt, i, j}
	if b.active[key] {
		return 0, 0, false
	}
	b.active[key] = true
	defer delete(b.active, key)
	p := b.c.p
	if p.nts[nt].star {
		return b.chooseStar(nt, i, j)
	}
	found := false
	for _, q := range p.nts[nt].prods {
		if !b.c.has(j, item{int32(q), int32(len(p.prods[q].rhs)), int32(i)}) {
			continue
		}
		b.splits(q, i, j, func(pts []int) bool {
			// A derivation that fails (a child over the same span closes
			// a cycle) is no part of the tree: a second derivation met
			// inside it, below a child it chose before failing, says
			// nothing about the input.
			was := b.ambiguous
			if found {
				// Another derivation: the input is ambiguous if this one
				// does not close a cycle.
				if _, _, ok := b.derive(q, pts, i, j, false); ok {
					b.ambiguous = true
				} else {
					b.ambiguous = was
				}
				return !b.ambiguous
			}
			if kid, nkids, found = b.derive(q, pts, i, j, true); !found {
				b.ambiguous = was
			}
			// Go on only to look for a second derivation.
			return !found || !b.ambiguous
		})
		if found && b.ambiguous {
			break
		}
	}
	return kid, nkids, found
}

// chooseStar is choose for the nonterminal of an unbounded repetition,
// star → ε | star x. Left recursion keeps the recognizer linear, but
// choose's rule for star x (the earlier symbol, star, the longest span)
// would make the last iteration the shortest, and so give *a the most
// iterations, where the bounded forms (x opt, x x opt, ...) give the first
// iteration the longest span. chooseStar chooses as they do: the
// iteration boundaries i = b0 < b1 < ... < bn = j with b1 as late as
// possible, then b2, and so on. No iteration is empty (it would nest star
// over its own span).
//
// The boundaries are a path from i to j in the graph of the spans x
// derives (completed items of x, or the terminal x's bytes); one pass
// from j down counts the paths to j from each boundary (up to 2: the input
// is ambiguous past 1) and keeps each boundary's latest successor, so the
// work is linear in the span and the items of x in it. The first
// iteration, x over input[i:b1], has the span of star[i:b1] in the chain
// star[i:bn] → star[i:bn-1] x, ..., star[i:b1] → star[i:i] x: it is
// chosen at once, as choose does a child over its parent's span, and an
// edge from i whose x closes a cycle is passed over. The chain of star
// derivations is built at once, resolved; its other x children are refs.
func (b *builder) chooseStar(nt, i, j int) (kid, nkids int32, ok bool) {
	if i == j {
		return 0, 0, true // star → ε
	}
	p := b.c.p
	x := p.prods[p.nts[nt].prods[1]].rhs[1]
	n := j - i
	paths := make([]uint8, n+1) // paths[b-i]: paths from b to j, up to 2
	next := make([]int32, n+1)  // next[b-i]: the latest successor of b on one
	var firsts []int            // the ends of the edges from i, latest first
	paths[n] = 1
	base := len(b.origins)
	for e := j; e > i; e-- {
		if paths[e-i] == 0 {
			continue
		}
		if x.isTerm() {
			if p.terms[x.term()].Has(b.c.input[e-1]) {
				b.origins = append(b.origins, e-1)
			}
		} else {
			b.origins = b.c.origins(b.origins, int(x), e)
		}
		for _, s := range b.origins[base:] {
			switch {
			case s < i || s >= e:
			case s == i:
				firsts = append(firsts, e)
			default:
				if paths[s-i] == 0 {
					next[s-i] = int32(e)
				}
				paths[s-i] = min(2, paths[s-i]+paths[e-i])
			}
		}
		b.origins = b.origins[:base]
	}
	// The first iteration: the latest end whose x does not close a
	// cycle; a second such end, or a second path from it, makes the
	// input ambiguous.
	b1 := -1
	var firstKid, firstN int32
	for _, e := range firsts {
		fk, fn, fok := int32(0), int32(0), true
		was := b.ambiguous
		if !x.isTerm() {
			key := [3]int{nt, i, e}
			mark := !b.active[key]
			if mark {
				b.active[key] = true
			}
			fk, fn, fok = b.choose(int(x), i, e)
			if mark {
				delete(b.active, key)
			}
		}
		if b.over {
			return 0, 0, false
		}
		if !fok {
			b.ambiguous = was
			continue
		}
		if b1 >= 0 {
			b.ambiguous = true
			break
		}
		b1, firstKid, firstN = e, fk, fn
		if paths[e-i] > 1 {
			b.ambiguous = true
			break
		}
	}
	if b1 < 0 {
		return 0, 0, false // every derivation closes a cycle
	}
	// The chain: star[i,i) → ε, star[i,e) → star[i,s) x[s,e).
	prev := b.derivs.push(deriv{nt: int32(nt), start: int32(i), end: int32(i)})
	for s, e := i, b1; ; s, e = e, int(next[e-i]) {
		if b.count++; b.count > b.max {
			b.over, b.overAt = true, s
			return 0, 0, false
		}
		var kb [2]int32 // pushRun copies it
		kids := append(kb[:0], prev)
		switch {
		case x.isTerm():
		case s == i:
			kids = append(kids, b.derivs.push(deriv{nt: int32(x), start: int32(i), end: int32(e), kid: firstKid, nkids: firstN}))
		default:
			kids = append(kids, b.ref(int(x), s, e))
		}
		kid, nkids = b.kids.pushRun(kids), int32(len(kids))
		if e == j {
			return kid, nkids, true
		}
		prev = b.derivs.push(deriv{nt: int32(nt), start: int32(i), end: int32(e), kid: kid, nkids: nkids})
	}
}

// derive returns the children of the derivation of production q over
// input[i:j] split at pts (rhs[t] derives input[pts[t]:pts[t+1]]), or
// false if a child over the whole span closes a cycle. Unless full, it
// only checks: the children over smaller spans, which always have a
// derivation, are not looked at, and no children are returned.
func (b *builder) derive(q int, pts []int, i, j int, full bool) (kid, nkids int32, ok bool) {
	rhs := b.c.p.prods[q].rhs
	base := len(b.scratch)
	for t, s := range rhs {
		if s.isTerm() {
			continue
		}
		if b.count++; b.count > b.max {
			b.over, b.overAt = true, i
			b.scratch = b.scratch[:base]
			return 0, 0, false
		}
		m, k := pts[t], pts[t+1]
		if m == i && k == j {
			kid, nkids, ok := b.choose(int(s), m, k)
			if !ok {
				b.scratch = b.scratch[:base]
				return 0, 0, false
			}
			if full {
				b.scratch = append(b.scratch, b.derivs.push(deriv{nt: int32(s), start: int32(m), end: int32(k), kid: kid, nkids: nkids}))
			}
		} else if full {
			b.scratch = append(b.scratch, b.ref(int(s), m, k))
		}
	}
	kid = b.kids.pushRun(b.scratch[base:])
	nkids = int32(len(b.scratch) - base)
	b.scratch = b.scratch[:base]
	return kid, nkids, true
}

// splits calls yield with the ways production q derives input[i:j], as
// the boundaries pts (len(rhs)+1 of them: rhs[t] derives
// input[pts[t]:pts[t+1]]), in the documented order: right to left, each
// symbol's start as late as possible, so earlier symbols get the longest
// spans. It stops when yield returns false. Every choice it makes is
// backed by a chart item for the prefix before it, so it never meets a
// dead end: the work between two calls of yield is one pass over rhs.
func (b *builder) splits(q, i, j int, yield func(pts []int) bool) {
	p := b.c.p
	rhs := p.prods[q].rhs
	pts := make([]int, len(rhs)+1)
	pts[len(rhs)] = j
	prefixOK := func(t, m int) bool {
		if t == 0 {
			return m == i
		}
		return b.c.has(m, item{int32(q), int32(t), int32(i)})
	}
	// walk places rhs[:t], which must derive input[i:k]; it returns false
	// when yield asked to stop.
	var walk func(t, k int) bool
	walk = func(t, k int) bool {
		for t > 0 && rhs[t-1].isTerm() {
			s := rhs[t-1]
			if k <= i || !p.terms[s.term()].Has(b.c.input[k-1]) || !prefixOK(t-1, k-1) {
				return true
			}
			k--
			t--
			pts[t] = k
		}
		if t == 0 {
			if k != i {
				return true
			}
			return yield(pts)
		}
		// The origins are a run of b.origins above base, kept while
		// walk recurses (it appends above them) and dropped after.
		base := len(b.origins)
		b.origins = b.c.origins(b.origins, int(rhs[t-1]), k)
		defer func() { b.origins = b.origins[:base] }()
		for _, m := range b.origins[base:] {
			if m < i || !prefixOK(t-1, m) {
				continue
			}
			pts[t-1] = m
			if !walk(t-1, m) {
				return false
			}
		}
		return true
	}
	walk(len(rhs), j)
}

// walk calls f for each node of the tree of derivation x's children,
// depth first, a node before its children: a node for each named rule,
// with depth the number of named rules above it, and the children of an
// unnamed nonterminal (a group or a repetition) in its place, so a
// repetition's n iterations cost O(n). It walks with a stack of its own,
// so depth costs no Go stack, and drops a frame before it enters the
// frame's last child, so that a left-recursive repetition of unnamed
// items (*"x") needs none.
func (b *builder) walk(x int32, f func(rule string, start, end, depth int)) {
	p := b.p
	// frame is the children kids[next:end] still to visit, at depth.
	type frame struct{ next, end, depth int32 }
	root := b.derivs.at(x)
	stack := []frame{{root.kid, root.kid + root.nkids, 0}}
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		if top.next == top.end {
			stack = stack[:len(stack)-1]
			continue
		}
		k, depth := *b.kids.at(top.next), top.depth
		if top.next++; top.next == top.end {
			stack = stack[:len(stack)-1]
		}
		d := b.derivs.at(k)
		if name := p.nts[d.nt].name; name != "" {
			f(name, int(d.start), int(d.end), int(depth))
			depth++
		}
		if d.nkids > 0 {
			stack = append(stack, frame{d.kid, d.kid + d.nkids, depth})
		}
	}
}

// origins appends to out the origins of the completed items of
// nonterminal nt in set k, without duplicates, latest first. Items are
// sorted by production, dot and origin, so each production's completed
// items are one run.
func (c *chart) origins(out []int, nt, k int) []int {
	p := c.p
	set := c.set(k)
	base := len(out)
	for _, q := range p.nts[nt].prods {
		dot := int32(len(p.prods[q].rhs))
		lo := sort.Search(len(set), func(i int) bool { return !less(set[i], item{int32(q), dot, 0}) })
		for x := lo; x < len(set) && set[x].prod == int32(q) && set[x].dot == dot; x++ {
			out = append(out, int(set[x].origin))
		}
	}
	mine := out[base:]
	slices.Sort(mine)
	slices.Reverse(mine)
	return append(out[:base], slices.Compact(mine)...)
}
