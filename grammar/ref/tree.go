package ref

import "sort"

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
// the longest spans.
type builder struct {
	c         *chart
	ambiguous bool
	active    map[[3]int]bool
}

type span struct {
	sym        symbol
	start, end int
}

// build appends to dst the children (named rule nodes) of a derivation of
// nonterminal nt over input[i:j] and returns the result, or false if none
// exists without repeating an active (nt, i, j). The children of an
// unnamed nonterminal (a group or a repetition) go straight into dst, so
// a repetition's n iterations cost O(n), not the O(n²) of copying each
// level's children into the level above.
func (b *builder) build(nt, i, j int, dst []*Node) ([]*Node, bool) {
	key := [3]int{nt, i, j}
	if b.active[key] {
		return dst, false
	}
	b.active[key] = true
	defer delete(b.active, key)
	p := b.c.p
	base := len(dst)
	ok := false
	for _, q := range p.nts[nt].prods {
		if !b.c.has(j, item{int32(q), int32(len(p.prods[q].rhs)), int32(i)}) {
			continue
		}
		parts, good := b.split(q, i, j)
		if !good {
			continue
		}
		if ok {
			b.ambiguous = true
			break
		}
		kids := dst[:base]
		complete := true
		for _, s := range parts {
			if s.sym.isTerm() {
				continue
			}
			if name := p.nts[s.sym].name; name != "" {
				sub, good := b.build(int(s.sym), s.start, s.end, nil)
				if !good {
					complete = false
					break
				}
				kids = append(kids, &Node{Rule: name, Start: s.start, End: s.end, Children: sub})
			} else {
				var good bool
				if kids, good = b.build(int(s.sym), s.start, s.end, kids); !good {
					complete = false
					break
				}
			}
		}
		if !complete {
			continue
		}
		dst, ok = kids, true
	}
	return dst, ok
}

// split divides input[i:j] among the symbols of production q, right to
// left, giving earlier symbols the longest spans. It reports a split that
// has several choices as ambiguity.
func (b *builder) split(q, i, j int) ([]span, bool) {
	p := b.c.p
	rhs := p.prods[q].rhs
	out := make([]span, len(rhs))
	k := j
	for t := len(rhs); t > 0; t-- {
		s := rhs[t-1]
		prefixOK := func(m int) bool {
			if t-1 == 0 {
				return m == i
			}
			return b.c.has(m, item{int32(q), int32(t - 1), int32(i)})
		}
		if s.isTerm() {
			if k <= i || !p.terms[s.term()].Has(b.c.input[k-1]) || !prefixOK(k-1) {
				return nil, false
			}
			out[t-1] = span{s, k - 1, k}
			k--
			continue
		}
		// Candidates m: s derives input[m:k] (a completed item of s in
		// set k with origin m) and rhs[:t-1] derives input[i:m].
		m, n := -1, 0
		for _, o := range b.c.origins(int(s), k) {
			if o < i || !prefixOK(o) || b.active[[3]int{int(s), o, k}] {
				continue
			}
			n++
			if o > m {
				m = o // the largest m: earlier symbols take the longest spans
			}
		}
		if n == 0 {
			return nil, false
		}
		if n > 1 {
			b.ambiguous = true
		}
		out[t-1] = span{s, m, k}
		k = m
	}
	return out, k == i
}

// origins returns the origins of the completed items of nonterminal nt in
// set k, without duplicates. Items are sorted by production, dot and
// origin, so each production's completed items are one run.
func (c *chart) origins(nt, k int) []int {
	p := c.p
	set := c.sets[k]
	var out []int
	seen := map[int]bool{}
	for _, q := range p.nts[nt].prods {
		dot := int32(len(p.prods[q].rhs))
		lo := sort.Search(len(set), func(i int) bool { return !less(set[i], item{int32(q), dot, 0}) })
		for x := lo; x < len(set) && set[x].prod == int32(q) && set[x].dot == dot; x++ {
			if o := int(set[x].origin); !seen[o] {
				seen[o] = true
				out = append(out, o)
			}
		}
	}
	return out
}
