package grammar

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// CheckOptions configure Check.
type CheckOptions struct {
	// Roots names the entry points for the reachability check. When empty,
	// the rules annotated @root are the roots; when there are none either,
	// reachability is not checked (every rule might be an entry point).
	Roots []string
}

// Check reports problems in g, together with the warnings and notes of
// reading it (g.Diagnostics, such as a rule that replaces a built-in
// one), sorted by position:
//   - errors: references to undefined rules, repetitions and lists whose
//     minimum exceeds their maximum, roots that are not defined, @lws in a
//     grammar without an LWS rule, lists nested so deep that the lowered
//     grammar is too large (MaxCopies), rules with no finite derivation
//     (a = "x" a matches no input; ShortestDerivations decides it on the
//     lowered grammar, each such rule reported at its definition);
//   - warnings: rules not reachable from the roots, left recursion (the
//     reference parser handles it; a generated parser cannot), prose-vals
//     that name no defined rule (Lower refuses them, and so match, sample
//     and gen refuse a rule that reaches one);
//   - notes: self-embedding recursion, which can make a rule's language
//     non-regular (a = "(" [a] ")"), so a generated parser keeps a stack
//     for it; some self-embedding grammars have a regular language
//     (a = b / "y" with b = 1*a), which the check does not decide.
//
// Duplicate definitions and case collisions are reported by the parser
// (package syntax), which joins a rule's "=/" alternatives.
func Check(g *Grammar, opts CheckOptions) ErrorList {
	// The graph checks walk the lowered grammar: the *LWS of @lws rules
	// and RFC 2616 lists refers to the LWS rule, which may be the user's
	// own (reachable, and a way into left recursion). Lower's errors are
	// Check's own (refs), or the commands' after it, except those of
	// MaxCopies, which only Lower can tell.
	low, _, big := lower(g)
	c := &checker{g: g, low: low}
	c.errs = append(c.errs, g.Diagnostics...)
	c.errs = append(c.errs, big...)
	c.refs()
	c.reachability(opts.Roots)
	c.leftRecursion()
	c.selfEmbedding()
	c.finiteDerivations()
	c.errs.Sort()
	return c.errs
}

type checker struct {
	g *Grammar
	// low is g lowered (Lower), whose rules are copies of g's with the
	// same names and positions.
	low  *Grammar
	errs ErrorList
}

// finiteDerivations reports the rules that derive no string at all,
// such as a = "x" a, c = "(" c ")" and b = b: every expansion of them
// refers to a rule again. It works on the lowered grammar, where lists
// are repetitions and prose-vals that name rules references; Lower's
// errors are Check's own, or the commands' after it.
func (c *checker) finiteDerivations() {
	rules, _ := ShortestDerivations(c.low, c.low.Rules)
	for _, r := range c.low.Rules {
		if !rules[r].Finite() {
			c.errs.Add(r.Pos, SeverityError, r.Name, "rule %s has no finite derivation: every expansion of it refers to a rule again, so it matches no input", r.Name)
		}
	}
}

func (c *checker) refs() {
	for _, r := range c.g.Rules {
		if r.Has(AnnotLWS) && c.g.Lookup("LWS") == nil {
			c.errs.Add(r.Pos, SeverityError, r.Name, "@lws in rule %s needs an LWS rule (RFC 2616 §2.2); use -dialect rfc2616", r.Name)
		}
		Walk(r.Def, func(n Node) bool {
			switch n := n.(type) {
			case *Ref:
				if c.g.Lookup(n.Name) == nil {
					c.errs.Add(n.P, SeverityError, r.Name, "undefined rule %s (in rule %s)", n.Name, r.Name)
				}
			case *Repeat:
				if n.Max != Inf && n.Min > n.Max {
					c.errs.Add(n.P, SeverityError, r.Name, "repetition %d*%d in rule %s: minimum exceeds maximum", n.Min, n.Max, r.Name)
				}
				if n.Max == 0 {
					return false // 0<pchar> is simply empty
				}
			case *List:
				if n.Max != Inf && n.Min > n.Max {
					c.errs.Add(n.P, SeverityError, r.Name, "list %d#%d in rule %s: minimum exceeds maximum", n.Min, n.Max, r.Name)
				}
				if n.Max == 0 {
					return false // #0element is commas alone
				}
			case *Prose:
				if ProseRule(c.g, r, n) == nil {
					c.errs.Add(n.P, SeverityWarning, r.Name, "prose-val <%s> in rule %s names no defined rule: match, sample and gen refuse a rule that reaches it", excerptProse(n.Text), r.Name)
				}
			}
			return true
		})
	}
}

func excerptProse(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// ProseRule returns the rule a prose-val refers to, or nil. A prose-val
// refers to a rule when its text is the name of a defined rule other than
// r itself, optionally followed by a comma or space and more words:
// <pchar> and <pchar, as below> refer to pchar. A prose-val that cites
// another document, like RFC 9110's <host, see [URI], Section 3.2.2>, is
// an import and refers to nothing here, even if a rule of that name (such
// as the Host header) exists.
func ProseRule(g *Grammar, r *Rule, p *Prose) *Rule {
	if p.Cites() {
		return nil
	}
	name := p.Text
	if i := strings.IndexAny(name, ", "); i >= 0 {
		name = name[:i]
	}
	t := g.Lookup(name)
	if t == nil || t == r {
		return nil
	}
	return t
}

// refsOf returns the rules referenced from n, following prose-vals that
// name rules, in order of appearance.
func refsOf(g *Grammar, r *Rule, n Node) []*Rule {
	var out []*Rule
	Walk(n, func(n Node) bool {
		switch n := n.(type) {
		case *Ref:
			if t := g.Lookup(n.Name); t != nil {
				out = append(out, t)
			}
		case *Prose:
			if t := ProseRule(g, r, n); t != nil {
				out = append(out, t)
			}
		}
		return true
	})
	return out
}

func (c *checker) reachability(roots []string) {
	var start []*Rule
	for _, name := range roots {
		r := c.low.Lookup(name)
		if r == nil {
			c.errs.Add(Pos{File: "-roots"}, SeverityError, name, "root %s is not defined", name)
			continue
		}
		start = append(start, r)
	}
	if len(roots) == 0 {
		for _, r := range c.low.Rules {
			if r.Has(AnnotRoot) {
				start = append(start, r)
			}
		}
	}
	if len(start) == 0 {
		return
	}
	seen := map[*Rule]bool{}
	for len(start) > 0 {
		r := start[len(start)-1]
		start = start[:len(start)-1]
		if seen[r] {
			continue
		}
		seen[r] = true
		start = append(start, refsOf(c.low, r, r.Def)...)
	}
	for _, r := range c.low.Rules {
		if !r.Builtin && !seen[r] {
			c.errs.Add(r.Pos, SeverityWarning, r.Name, "rule %s is not reachable from the roots", r.Name)
		}
	}
}

// Nullable returns the set of rules that match the empty string.
//
// It propagates "matches the empty string" up from the leaves (empty
// literals, repetitions with minimum 0) through a graph of the rules and
// their nodes, each edge once, so that its time is linear in the
// grammar's size: a fixed point over the rules took a pass per rule of a
// chain r0 = r1, r1 = r2, …, rN = "".
func Nullable(g *Grammar) map[*Rule]bool {
	// A vertex is a rule (the first len(g.Rules)) or a node of a rule's
	// definition. It becomes nullable when one of its children does, or
	// for a concatenation (all) when all of them have.
	type vertex struct {
		all     bool
		need    int // all: the children not yet nullable
		null    bool
		parents []int32
	}
	vs := make([]vertex, len(g.Rules))
	index := make(map[*Rule]int32, len(g.Rules))
	for i, r := range g.Rules {
		index[r] = int32(i)
	}
	var queue []int32
	set := func(v int32) {
		if !vs[v].null {
			vs[v].null = true
			queue = append(queue, v)
		}
	}
	// add makes a vertex for n, a child of parent, and returns it.
	var add func(r *Rule, n Node, parent int32) int32
	add = func(r *Rule, n Node, parent int32) int32 {
		v := int32(len(vs))
		vs = append(vs, vertex{parents: []int32{parent}})
		child := func(t *Rule) {
			if t != nil {
				vs[index[t]].parents = append(vs[index[t]].parents, v)
			}
		}
		switch n := n.(type) {
		case *Alt:
			for _, a := range n.Alts {
				add(r, a, v)
			}
		case *Concat:
			vs[v].all, vs[v].need = true, len(n.Items)
			for _, a := range n.Items {
				add(r, a, v)
			}
			if len(n.Items) == 0 {
				set(v)
			}
		case *Repeat:
			add(r, n.Item, v)
			if n.Min == 0 {
				set(v)
			}
		case *List:
			add(r, n.Item, v)
			if n.Min == 0 {
				set(v)
			}
		case *Ref:
			child(g.Lookup(n.Name))
		case *Prose:
			child(ProseRule(g, r, n))
		case *Literal:
			if n.Text == "" {
				set(v)
			}
		}
		return v
	}
	for i, r := range g.Rules {
		add(r, r.Def, int32(i))
	}
	for len(queue) > 0 {
		v := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		for _, p := range vs[v].parents {
			if vs[p].all {
				if vs[p].need--; vs[p].need > 0 {
					continue
				}
			}
			set(p)
		}
	}
	null := map[*Rule]bool{}
	for i, r := range g.Rules {
		if vs[i].null {
			null[r] = true
		}
	}
	return null
}

func nullable(g *Grammar, r *Rule, n Node, null map[*Rule]bool) bool {
	switch n := n.(type) {
	case *Alt:
		for _, a := range n.Alts {
			if nullable(g, r, a, null) {
				return true
			}
		}
		return false
	case *Concat:
		for _, a := range n.Items {
			if !nullable(g, r, a, null) {
				return false
			}
		}
		return true
	case *Repeat:
		return n.Min == 0 || nullable(g, r, n.Item, null)
	case *List:
		return n.Min == 0 || nullable(g, r, n.Item, null)
	case *Ref:
		t := g.Lookup(n.Name)
		return t != nil && null[t]
	case *Literal:
		return n.Text == ""
	case *Prose:
		t := ProseRule(g, r, n)
		return t != nil && null[t]
	}
	return false
}

// edge is a reference from one rule to another, with its context in the
// rule.
//
// left and right say whether something non-empty may come before or after
// the reference; the self-embedding check uses them. leftmost says whether
// the reference may come first, with nothing non-empty that must precede
// it; the left recursion check uses it. The two differ for repetitions: in
// *a "x" a later iteration of a has an iteration before it (left), but the
// first iteration is leftmost, so a = *a "x" is left-recursive.
type edge struct {
	to          *Rule
	left, right bool
	leftmost    bool
}

// edges lists the references of rule r with their context.
func edges(g *Grammar, r *Rule, null map[*Rule]bool) []edge {
	var out []edge
	// must is true when something non-empty must come before n in the
	// rule, so that no reference within n is leftmost.
	var walk func(n Node, left, right, must bool)
	walk = func(n Node, left, right, must bool) {
		switch n := n.(type) {
		case *Alt:
			for _, a := range n.Alts {
				walk(a, left, right, must)
			}
		case *Concat:
			// lastSolid is the last item that cannot match the empty
			// string: something non-empty may follow item i if i < lastSolid.
			lastSolid := -1
			for i, a := range n.Items {
				if !nullable(g, r, a, null) {
					lastSolid = i
				}
			}
			before := false
			for i, a := range n.Items {
				walk(a, left || before, right || i < lastSolid, must || before)
				before = before || !nullable(g, r, a, null)
			}
		case *Repeat, *List:
			var item Node
			max := 0
			if x, ok := n.(*Repeat); ok {
				item, max = x.Item, x.Max
			} else {
				item, max = n.(*List).Item, n.(*List).Max
			}
			if max == 0 {
				return
			}
			// Another iteration (or list element) may stand on either
			// side, but the first iteration has none before it: the item
			// is leftmost in the repetition (RFC 5234 §3.6: *a "x" may
			// start with a).
			many := max != 1
			if _, ok := n.(*List); ok {
				many = true
			}
			walk(item, left || many, right || many, must)
		case *Ref:
			if t := g.Lookup(n.Name); t != nil {
				out = append(out, edge{t, left, right, !must})
			}
		case *Prose:
			if t := ProseRule(g, r, n); t != nil {
				out = append(out, edge{t, left, right, !must})
			}
		}
	}
	walk(r.Def, false, false, false)
	return out
}

func (c *checker) leftRecursion() {
	null := Nullable(c.low)
	graph := map[*Rule][]*Rule{}
	for _, r := range c.low.Rules {
		for _, e := range edges(c.low, r, null) {
			if e.leftmost {
				graph[r] = append(graph[r], e.to)
			}
		}
	}
	for _, scc := range Components(c.low.Rules, graph) {
		cycle := cycleIn(scc, graph)
		if cycle == nil {
			continue
		}
		// Start the cycle at a rule of the user's: a cycle through
		// built-in rules is there because a user rule replaced one of
		// them, and the search may have met a built-in rule first.
		i := 0
		for i < len(cycle) && cycle[i].Builtin {
			i++
		}
		if i == len(cycle) {
			continue
		}
		cycle = slices.Concat(cycle[i:], cycle[:i])
		names := make([]string, len(cycle))
		for i, r := range cycle {
			names[i] = r.Name
		}
		first := cycle[0]
		c.errs.Add(first.Pos, SeverityWarning, first.Name, "left recursion: %s → %s", nameList(names, " → "), first.Name)
		c.errs[len(c.errs)-1].Code = CodeLeftRecursion
	}
}

// selfEmbedding notes rules that can derive themselves with non-empty
// context on both sides (A ⇒ αAβ): a grammar without such rules is
// regular, so only these need a stack in a generated parser.
func (c *checker) selfEmbedding() {
	null := Nullable(c.low)
	all := map[*Rule][]edge{}
	plain := map[*Rule][]*Rule{}
	for _, r := range c.low.Rules {
		all[r] = edges(c.low, r, null)
		for _, e := range all[r] {
			plain[r] = append(plain[r], e.to)
		}
	}
	for _, scc := range Components(c.low.Rules, plain) {
		in := map[*Rule]bool{}
		for _, r := range scc {
			in[r] = true
		}
		if len(scc) == 1 && !contains(plain[scc[0]], scc[0]) {
			continue
		}
		// Search states (rule, left seen, right seen) within the SCC.
		type state struct {
			r     *Rule
			l, r2 bool
		}
		// Every rule of the component is self-embedding if one is, so
		// the search starts at the user's first rule in it: built-in
		// rules are in it only when a user rule replaced one of them.
		start := scc[0]
		for _, r := range scc {
			switch {
			case r.Builtin != start.Builtin:
				if start.Builtin {
					start = r
				}
			case r.Pos.Line > 0 && (start.Pos.Line == 0 || r.Pos.Offset < start.Pos.Offset && r.Pos.File == start.Pos.File):
				start = r
			}
		}
		seen := map[state]bool{}
		stack := []state{{start, false, false}}
		found := false
		for len(stack) > 0 && !found {
			s := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if seen[s] {
				continue
			}
			seen[s] = true
			for _, e := range all[s.r] {
				if !in[e.to] {
					continue
				}
				n := state{e.to, s.l || e.left, s.r2 || e.right}
				if n.r == start && n.l && n.r2 {
					found = true
				}
				stack = append(stack, n)
			}
		}
		if found && !start.Builtin {
			names := make([]string, len(scc))
			for i, r := range scc {
				names[i] = r.Name
			}
			sort.Strings(names)
			c.errs.Add(start.Pos, SeverityNote, start.Name, "rule %s is self-embedding (recursion with context on both sides, via %s): its language may not be regular (the check does not decide it), so a generated parser keeps a stack for it", start.Name, nameList(names, ", "))
		}
	}
}

// maxListedNames bounds the rule names a diagnostic lists: a cycle or a
// component of 60,000 rules made a message of 600 KB.
const maxListedNames = 10

// nameList joins names with sep, at most maxListedNames of them: past
// that the first and last few, with "… N more" between.
func nameList(names []string, sep string) string {
	if len(names) <= maxListedNames {
		return strings.Join(names, sep)
	}
	head, tail := names[:maxListedNames/2], names[len(names)-maxListedNames/2:]
	return fmt.Sprintf("%s%s… %d more%s%s", strings.Join(head, sep), sep, len(names)-len(head)-len(tail), sep, strings.Join(tail, sep))
}

func contains(rs []*Rule, r *Rule) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// Components returns the strongly connected components of graph, a rule's
// edges to the rules it refers to, over nodes (Tarjan). A component comes
// after every component reachable from it: the rules a rule refers to
// come first, except within a cycle. Rules in graph but not in nodes are
// visited when reached.
func Components(nodes []*Rule, graph map[*Rule][]*Rule) [][]*Rule {
	index := map[*Rule]int{}
	low := map[*Rule]int{}
	on := map[*Rule]bool{}
	var stack []*Rule
	var out [][]*Rule
	next := 0
	var visit func(v *Rule)
	visit = func(v *Rule) {
		index[v] = next
		low[v] = next
		next++
		stack = append(stack, v)
		on[v] = true
		for _, w := range graph[v] {
			if _, ok := index[w]; !ok {
				visit(w)
				low[v] = min(low[v], low[w])
			} else if on[w] {
				low[v] = min(low[v], index[w])
			}
		}
		if low[v] == index[v] {
			var comp []*Rule
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				on[w] = false
				comp = append(comp, w)
				if w == v {
					break
				}
			}
			out = append(out, comp)
		}
	}
	for _, v := range nodes {
		if _, ok := index[v]; !ok {
			visit(v)
		}
	}
	return out
}

// cycleIn returns a cycle through the component, in order, or nil when the
// component is a single rule without a self-loop.
func cycleIn(scc []*Rule, graph map[*Rule][]*Rule) []*Rule {
	in := map[*Rule]bool{}
	for _, r := range scc {
		in[r] = true
	}
	start := scc[len(scc)-1]
	if len(scc) == 1 && !contains(graph[start], start) {
		return nil
	}
	// Breadth-first search for the shortest path back to start.
	prev := map[*Rule]*Rule{}
	queue := []*Rule{start}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		for _, w := range graph[v] {
			if !in[w] {
				continue
			}
			if w == start {
				path := []*Rule{v}
				for p := v; p != start; {
					p = prev[p]
					path = append(path, p)
				}
				// path runs v … start backwards; reverse to start … v.
				for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
					path[i], path[j] = path[j], path[i]
				}
				return path
			}
			if _, ok := prev[w]; !ok {
				prev[w] = v
				queue = append(queue, w)
			}
		}
	}
	return nil
}

// Cites reports whether a prose-val cites another document, as
// <host, see [URI], Section 3.2.2> does: it is an import, which no rule
// of this grammar stands for (ProseRule), and which a definition of the
// rule in another source replaces (grammar/syntax).
func (n *Prose) Cites() bool { return strings.Contains(n.Text, "[") }
