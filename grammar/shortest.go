package grammar

// Shortest describes a node's shortest derivations: Len is the length of
// the shortest string the node derives and Height the height (in rule
// references) of the lowest derivation of that length. Values compare
// lexicographically (Less); Len is NoDerivation for a node with no finite
// derivation (a = "x" a derives no string at all).
type Shortest struct {
	Len, Height int
}

const (
	// NoDerivation is Shortest.Len of a node with no finite derivation.
	NoDerivation = int(^uint(0) >> 2)
	// MaxShortestLen is where lengths saturate: far above any input.
	MaxShortestLen = 1 << 50
)

var noDerivation = Shortest{NoDerivation, NoDerivation}

// Less reports whether s comes before t: shorter, or as short and lower.
func (s Shortest) Less(t Shortest) bool {
	return s.Len < t.Len || s.Len == t.Len && s.Height < t.Height
}

// Finite reports whether the node has a finite derivation.
func (s Shortest) Finite() bool { return s.Len < NoDerivation }

func satAdd(a, b int) int { return min(a+b, MaxShortestLen) }

// ShortestDerivations finds the shortest derivations of rules, rules of
// the lowered grammar g (Lower), and of every node in their definitions:
// the least fixpoint of
//
//	S(rule)    = S(def) with height + 1
//	S(Alt)     = least S of the alternatives
//	S(Concat)  = (sum of lengths, greatest height) of the items
//	S(Repeat)  = Min × the item's length, the item's height (0, 0 if Min is 0)
//	S(Literal) = (len(Text), 0), S(Range) = (1, 0)
//
// by iteration from no derivation: values only decrease, lexicographically,
// and (length, height) pairs are well-ordered, so it converges. A
// reference to a rule not among rules has no derivation. A reference to
// an undefined rule, and a prose-val that Lower left (one that names no
// rule), count as deriving the empty string: they have diagnostics of
// their own (Check), and the rules that use them would otherwise draw a
// second error. Package sample samples with it; Check reports the rules
// with no finite derivation.
//
// Rules are evaluated callees first, so a rule's value is final in the
// first pass unless it lies on a cycle: the work is about linear in the
// grammar.
func ShortestDerivations(g *Grammar, rules []*Rule) (map[*Rule]Shortest, map[Node]Shortest) {
	sd := &shortest{g: g, rules: make(map[*Rule]Shortest, len(rules))}
	for _, r := range rules {
		sd.rules[r] = noDerivation
	}
	rules = calleesFirst(g, rules)
	for changed := true; changed; {
		changed = false
		for _, r := range rules {
			c := sd.eval(r.Def, nil)
			if c.Finite() {
				c.Height++
			}
			if c.Less(sd.rules[r]) {
				sd.rules[r] = c
				changed = true
			}
		}
	}
	nodes := map[Node]Shortest{}
	for _, r := range rules {
		sd.eval(r.Def, nodes)
	}
	return sd.rules, nodes
}

type shortest struct {
	g     *Grammar
	rules map[*Rule]Shortest
}

// calleesFirst returns rules with every rule after the rules it refers
// to, except along a cycle: their strongly connected components in
// Components' order (in definition order, a chain r0 = r1, r1 = r2, ...
// took a pass per rule: time quadratic in the grammar).
func calleesFirst(g *Grammar, rules []*Rule) []*Rule {
	in := make(map[*Rule]bool, len(rules))
	for _, r := range rules {
		in[r] = true
	}
	graph := make(map[*Rule][]*Rule, len(rules))
	for _, r := range rules {
		Walk(r.Def, func(n Node) bool {
			if n, ok := n.(*Ref); ok {
				if x := g.Lookup(n.Name); x != nil && in[x] {
					graph[r] = append(graph[r], x)
				}
			}
			return true
		})
	}
	order := make([]*Rule, 0, len(rules))
	for _, comp := range Components(rules, graph) {
		order = append(order, comp...)
	}
	return order
}

// eval computes the value of n from the current rule values, recording
// the value of every node below n in memo when memo is not nil.
func (sd *shortest) eval(n Node, memo map[Node]Shortest) Shortest {
	var c Shortest
	switch n := n.(type) {
	case *Alt:
		c = noDerivation
		for _, a := range n.Alts {
			if ac := sd.eval(a, memo); ac.Less(c) {
				c = ac
			}
		}
	case *Concat:
		for _, a := range n.Items {
			ac := sd.eval(a, memo)
			if !ac.Finite() || !c.Finite() {
				c = noDerivation
				continue
			}
			c.Len = satAdd(c.Len, ac.Len)
			c.Height = max(c.Height, ac.Height)
		}
	case *Repeat:
		ic := sd.eval(n.Item, memo)
		switch {
		case n.Max != Inf && n.Min > n.Max:
			// Reported as such (Lower), as an undefined rule is: not
			// again as a rule with no finite derivation.
			c = Shortest{}
		case n.Min == 0:
			c = Shortest{}
		case !ic.Finite():
			c = noDerivation
		case ic.Len > 0 && n.Min > MaxShortestLen/ic.Len:
			c = Shortest{MaxShortestLen, ic.Height}
		default:
			c = Shortest{min(n.Min*ic.Len, MaxShortestLen), ic.Height}
		}
	case *Ref:
		c = noDerivation
		if r := sd.g.Lookup(n.Name); r == nil {
			c = Shortest{} // undefined: reported as such
		} else if rc, ok := sd.rules[r]; ok {
			c = rc
		}
	case *Literal:
		c = Shortest{len(n.Text), 0}
	case *Range:
		if n.Lo <= n.Hi {
			c = Shortest{1, 0}
		} else {
			c = noDerivation
		}
	case *Prose:
		c = Shortest{} // names no rule: reported as such
	default: // List (never after Lower)
		c = noDerivation
	}
	if memo != nil {
		memo[n] = c
	}
	return c
}
