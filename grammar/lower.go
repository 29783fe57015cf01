package grammar

import "fmt"

// Lower returns a copy of g in core ABNF, the form the reference parser and
// the generator share, so that both give each notation the same meaning:
//
//   - List nodes become repetitions (see ExpandList);
//   - in rules annotated @lws, RFC 2616 §2.1's implied *LWS is made
//     explicit (see the package documentation);
//   - in rules annotated @case-sensitive, quoted strings lose Fold (not
//     those written %i"...", which say so themselves);
//   - prose-vals that name a rule become references to it; the others are
//     errors, except under a repetition or list with maximum 0 (0<pchar>
//     is empty, #0<pchar> commas alone);
//   - repetitions with maximum 0 become the empty literal.
//
// A repetition or list whose minimum exceeds its maximum is an error, as
// in Check: the users of Lower that run no Check (the reference parser)
// must not give it a meaning of their own.
//
// A list, and an @lws repetition, holds its element twice (ExpandList,
// "item ... ( sep item )"); the two are one node, so the result is a DAG,
// but the tools that walk it as a tree (the checks, the reference parser,
// the sampler, the generator's NFA) pay for both. Lists nested d deep
// thus cost 2^d, so Lower bounds what these copies add: past MaxCopies
// nodes in a rule, or MaxGrammarCopies in the grammar, each list or
// repetition that would copy more is an error at its position (one a
// rule; once the grammar's budget is spent, every later rule that copies
// gets one), and it is lowered as a plain repetition of its
// element (min*max element, without the commas) so that the checks that
// still look at the result see its references.
//
// The rules of the result are new; g is not changed.
func Lower(g *Grammar) (*Grammar, error) {
	out, errs, big := lower(g)
	errs = append(errs, big...)
	errs.Sort()
	return out, errs.Err()
}

// MaxCopies bounds the nodes that Lower adds to a grammar by writing the
// element of a list, or of an @lws repetition, a second time, counted as
// the nodes of that element written out as a tree. RFC 2616's grammar
// adds 173, and the appendices of RFC 7230, 9110 and 9112 none (their
// lists are written out); "a = " and 1#( nested 11 deep add some 59,000,
// 12 deep too many.
// The bound is a rule's: the copies come from nesting, and a grammar of
// many rules with a flat list each (an 800-rule grammar of 100-choice
// lists; a review) had run out of a budget shared by all. The whole
// grammar has MaxGrammarCopies.
const MaxCopies = 1 << 16

// MaxGrammarCopies bounds the copies of list elements (MaxCopies) of
// all the rules of a grammar together, so that the tools that walk the
// lowered grammar as a tree do at most this much more work than its size
// as read: many rules nesting lists up to MaxCopies each would
// otherwise still multiply it.
const MaxGrammarCopies = 1 << 20

// lower is Lower, with the errors of MaxCopies (big) apart from the
// others, which Check reports from g itself.
func lower(g *Grammar) (out *Grammar, errs, big ErrorList) {
	out = &Grammar{Dialect: g.Dialect}
	size := map[Node]int{}
	total := 0
	for _, r := range g.Rules {
		l := &lowerer{g: g, r: r, errs: &errs, big: &big, size: size, total: &total}
		if r.Has(AnnotLWS) && g.Lookup("LWS") == nil {
			errs.Add(r.Pos, SeverityError, r.Name, "@lws in rule %s needs an LWS rule (RFC 2616 §2.2); use -dialect rfc2616", r.Name)
		}
		nr := *r
		nr.Def = l.node(r.Def)
		out.Add(&nr)
	}
	return out, errs, big
}

type lowerer struct {
	g    *Grammar
	r    *Rule
	errs *ErrorList
	big  *ErrorList
	// size memoizes treeSize over the lowered nodes; copies counts the
	// nodes written a second time so far in r (MaxCopies), total in the
	// grammar (MaxGrammarCopies).
	size   map[Node]int
	copies int
	total  *int
	tooBig bool // a MaxCopies error of r has been reported
}

// treeSize returns the number of nodes of n written out as a tree, at
// most MaxCopies+1, each shared node once per place it appears in.
func (l *lowerer) treeSize(n Node) int {
	if s, ok := l.size[n]; ok {
		return s
	}
	s := 1
	add := func(c Node) { s = min(s+l.treeSize(c), MaxCopies+1) }
	switch n := n.(type) {
	case *Alt:
		for _, a := range n.Alts {
			add(a)
		}
	case *Concat:
		for _, a := range n.Items {
			add(a)
		}
	case *Repeat:
		add(n.Item)
	case *List:
		add(n.Item)
	}
	l.size[n] = s
	return s
}

// copyOK reports whether item, lowered, may be written a second time by
// the list or repetition what at p; if not, it reports the error.
func (l *lowerer) copyOK(p Pos, what string, item Node) bool {
	if item == nil {
		return true
	}
	s := l.treeSize(item)
	if s <= MaxCopies-l.copies && s <= MaxGrammarCopies-*l.total {
		l.copies += s
		*l.total += s
		return true
	}
	if l.tooBig {
		return false // one error a rule: the lists around it say no more
	}
	l.tooBig = true
	if s > MaxCopies-l.copies {
		l.big.Add(p, SeverityError, l.r.Name, "%s in rule %s makes the lowered grammar too large: its element is written twice, and copies of elements in the rule come to more than %d nodes (grammar.MaxCopies), as when lists nest many levels deep, each doubling the one inside; make the element a rule of its own", what, l.r.Name, MaxCopies)
		return false
	}
	l.big.Add(p, SeverityError, l.r.Name, "%s in rule %s makes the lowered grammar too large: its element is written twice, and copies of elements in the grammar come to more than %d nodes (grammar.MaxGrammarCopies); make elements rules of their own", what, l.r.Name, MaxGrammarCopies)
	return false
}

func (l *lowerer) lws() bool { return l.r.Has(AnnotLWS) && l.g.Lookup("LWS") != nil }

// starLWS is *LWS.
func starLWS(p Pos) Node { return &Repeat{P: p, Min: 0, Max: Inf, Item: &Ref{P: p, Name: "LWS"}} }

func (l *lowerer) node(n Node) Node {
	switch n := n.(type) {
	case *Alt:
		out := &Alt{P: n.P}
		for _, a := range n.Alts {
			out.Alts = append(out.Alts, l.node(a))
		}
		return out
	case *Concat:
		out := &Concat{P: n.P}
		for i, a := range n.Items {
			if i > 0 && l.lws() {
				out.Items = append(out.Items, starLWS(a.Pos()))
			}
			out.Items = append(out.Items, l.node(a))
		}
		return out
	case *Repeat:
		if n.Max != Inf && n.Min > n.Max {
			l.errs.Add(n.P, SeverityError, l.r.Name, "repetition %d*%d in rule %s: minimum exceeds maximum", n.Min, n.Max, l.r.Name)
		}
		if n.Max == 0 {
			return NewLiteral(n.P, "", false)
		}
		item := l.node(n.Item)
		if l.lws() && n.Max != 1 && !SingleByte(l.g, item) && // the lowered item: a prose-val is a rule now
			l.copyOK(n.P, fmt.Sprintf("repetition %s (with @lws's implied *LWS between iterations)", repeatText(n.Min, n.Max, "*")), item) {
			return separated(n.P, n.Min, n.Max, item, func(p Pos) Node { return starLWS(p) })
		}
		return &Repeat{P: n.P, Min: n.Min, Max: n.Max, Item: item}
	case *List:
		if n.Max != Inf && n.Min > n.Max {
			l.errs.Add(n.P, SeverityError, l.r.Name, "list %d#%d in rule %s: minimum exceeds maximum", n.Min, n.Max, l.r.Name)
		}
		if n.Max == 0 {
			// Commas alone: the element is no part of the list, as in
			// 0<pchar>.
			return ExpandList(l.g.Dialect, n.P, 0, 0, nil)
		}
		item := l.node(n.Item)
		if !l.copyOK(n.P, "list "+repeatText(n.Min, n.Max, "#"), item) {
			return &Repeat{P: n.P, Min: n.Min, Max: n.Max, Item: item}
		}
		return ExpandList(l.g.Dialect, n.P, n.Min, n.Max, item)
	case *Literal:
		if n.Fold && !n.Insensitive && l.r.Has(AnnotCaseSensitive) {
			return NewLiteral(n.P, n.Text, false)
		}
		return n
	case *Prose:
		if t := ProseRule(l.g, l.r, n); t != nil {
			return &Ref{P: n.P, Name: t.Name}
		}
		l.errs.Add(n.P, SeverityError, l.r.Name, "prose-val <%s> in rule %s has no definition", excerptProse(n.Text), l.r.Name)
		return n
	}
	return n
}

// repeatText is "<min><op><max>" as written, such as 1#, #3 or 2*5.
func repeatText(min, max int, op string) string {
	s := op
	if min > 0 {
		s = fmt.Sprint(min) + s
	}
	if max != Inf {
		s += fmt.Sprint(max)
	}
	return s
}

// separated returns min*max item with sep between iterations:
// item (min-1)*(max-1)( sep item ), optional when min is 0.
func separated(p Pos, min, max int, item Node, sep func(Pos) Node) Node {
	lo, hi := min-1, max-1
	if min == 0 {
		lo = 0
	}
	if max == Inf {
		hi = Inf
	}
	seq := &Concat{P: p, Items: []Node{item, &Repeat{P: p, Min: lo, Max: hi, Item: &Concat{P: p, Items: []Node{sep(p), item}}}}}
	if min == 0 {
		return &Repeat{P: p, Min: 0, Max: 1, Item: seq}
	}
	return seq
}

// SingleByte reports whether n only ever matches exactly one byte (a
// range, a one-byte literal, or an alternation or rule of those). Implied
// LWS never separates repetitions of such an element: 1*DIGIT is one word.
// A prose-val that names a rule stands for it, as Lower makes it.
func SingleByte(g *Grammar, n Node) bool {
	return singleByte(g, n, nil, map[*Rule]bool{})
}

// singleByte is SingleByte of n, a node of rule r (nil: of no rule).
func singleByte(g *Grammar, n Node, r *Rule, seen map[*Rule]bool) bool {
	switch n := n.(type) {
	case *Range:
		return true
	case *Literal:
		return len(n.Text) == 1
	case *Alt:
		for _, a := range n.Alts {
			if !singleByte(g, a, r, seen) {
				return false
			}
		}
		return true
	case *Ref:
		t := g.Lookup(n.Name)
		if t == nil || seen[t] {
			return false
		}
		seen[t] = true
		return singleByte(g, t.Def, t, seen)
	case *Prose:
		t := ProseRule(g, r, n)
		if t == nil || seen[t] {
			return false
		}
		seen[t] = true
		return singleByte(g, t.Def, t, seen)
	}
	return false
}

// ExpandList returns the core ABNF for "<min>#<max>item" in dialect d. A
// list is a sequence of items separated by commas, each either an element
// or null (empty); null items are allowed anywhere and not counted, and
// there are between min and max elements. White space W is allowed around
// the commas: OWS = *( SP / HTAB ) in RFC 7230 (§7), *LWS in RFC 2616
// (§2.1).
//
// In RFC 7230, for min ≥ 1, this is §7's recipient form of 1#element:
//
//	*( "," W ) item (min-1)*(max-1)( 1*( W "," ) W item ) *( W "," )
//
// and for min = 0 it also accepts a list of nulls only:
//
//	[ <1#max form> / "," *( W "," ) ]
//
// which accepts ", a" where RFC 7230's own #element expansion does not,
// matching §7's rule that recipients accept empty list elements (and RFC
// 9110 §5.6.1.2's recipient form of #element, which accepts it).
//
// RFC 2616 §2.1 writes 1#element as ( *LWS element *( *LWS "," *LWS
// element )), and allows null elements anywhere: every item is W [element]
// W, except that the last has no W after it (W [element]). So the list
// may start with white space, and white space may follow its last comma:
//
//	W *( "," W ) item (min-1)*(max-1)( 1*( W "," ) W item ) *( W "," W )
//
// and for min = 0 a list of nulls only is W *( "," W ), white space and
// commas. In an @lws rule the leading W is the rule's implied LWS again;
// it matters where no implied LWS precedes the list.
func ExpandList(d Dialect, p Pos, min, max int, item Node) Node {
	w := func() Node {
		if d == RFC2616 {
			return starLWS(p)
		}
		return &Repeat{P: p, Min: 0, Max: Inf, Item: &Alt{P: p, Alts: []Node{NewLiteral(p, " ", false), NewLiteral(p, "\t", false)}}}
	}
	comma := func() Node { return NewLiteral(p, ",", false) }
	star := func(items ...Node) Node { return &Repeat{P: p, Min: 0, Max: Inf, Item: &Concat{P: p, Items: items}} }
	nulls := &Concat{P: p, Items: []Node{comma(), star(w(), comma())}}
	if d == RFC2616 {
		nulls = &Concat{P: p, Items: []Node{w(), star(comma(), w())}}
	}
	if max == 0 {
		return &Repeat{P: p, Min: 0, Max: 1, Item: nulls}
	}
	lo, hi := min-1, max-1
	if min == 0 {
		lo = 0
	}
	if max == Inf {
		hi = Inf
	}
	one := &Concat{P: p, Items: []Node{
		star(comma(), w()),
		item,
		&Repeat{P: p, Min: lo, Max: hi, Item: &Concat{P: p, Items: []Node{
			&Repeat{P: p, Min: 1, Max: Inf, Item: &Concat{P: p, Items: []Node{w(), comma()}}},
			w(), item}}},
		star(w(), comma()),
	}}
	if d == RFC2616 {
		one.Items = append([]Node{w()}, one.Items...)
		one.Items[len(one.Items)-1] = star(w(), comma(), w())
	}
	if min >= 1 {
		return one
	}
	return &Repeat{P: p, Min: 0, Max: 1, Item: &Alt{P: p, Alts: []Node{one, nulls}}}
}
