package automata

import (
	"encoding/binary"
	"fmt"
	"slices"
	"sort"

	"github.com/abnfc/abnfc/grammar"
)

// Options configure Compile. The zero value uses the defaults.
type Options struct {
	// Machines names rules to compile as machines of their own even when
	// they do not recurse (for captures and externs).
	Machines []string
	// MaxNFAStates bounds each machine's NFA (default 200000).
	MaxNFAStates int
	// MaxTotalNFAStates bounds the states of all the NFAs built for one
	// root rule, those of the rules it uses (each inlined as its minimal
	// DFA, built from an NFA of its own) included (default 1000000; RFC
	// 2616's request-header builds about 42000): a chain of rules, each
	// using the next, builds a quadratic number.
	MaxTotalNFAStates int
	// MaxDFAStates bounds each machine's DFA (default 20000).
	MaxDFAStates int
	// MaxSubsetItems bounds the NFA states that the states of each
	// machine's DFA stand for, added up over its states (default
	// 10000000): the subset construction keeps them all, and a DFA
	// within MaxDFAStates can hold a quadratic number of them (*OCTET
	// 19000"a" took 75 s and 5.4 GB before this bound; *OCTET 3000"a"
	// is about the most it allows). RFC 2616's largest rule holds about
	// 72000.
	MaxSubsetItems int
}

// Program is the compiled form of one root rule: Machines[0] is the root's.
type Program struct {
	Rule     string
	Machines []*Machine
}

// Machine is a minimal DFA over byte classes for one rule, whose edges may
// call other machines.
type Machine struct {
	Rule string
	// Pos is where the rule is defined.
	Pos grammar.Pos
	// Recursive reports that the rule is in a cycle of references.
	Recursive bool
	// Observed reports a machine asked for in Options.Machines: its start
	// and end must be seen (captures, limits), so calls into and out of
	// it are never tail calls.
	Observed bool
	// Class maps each byte to its class; bytes of one class behave alike
	// in every state. Class 0 holds the bytes no state accepts, if any.
	Class      [256]uint8
	NumClasses int
	// States[0] is the start state.
	States []*State
	// Nullable reports that the rule matches the empty string.
	Nullable bool
	// First holds the bytes a match can start with.
	First ByteSet
	// Spans names the span rules of a machine from CompileSpans, and
	// Marks holds the lists of marks its edges and states refer to
	// (Marks[0] is empty).
	Spans []string
	Marks [][]Mark
}

// State is a DFA state.
type State struct {
	Accept bool
	// Next has one edge per byte class.
	Next []Edge
	// Labels name the grammar positions the state stands for: the NFA
	// states with byte or call edges, as "rule: element".
	Labels []string
	// Final indexes Machine.Marks: the span boundaries still undecided
	// when a match ends here (CompileSpans).
	Final int
}

// Edge is a transition on one byte class. To is -1 for no transition.
// When Call is ≥ 0 the byte starts a match of machine Call, after which
// the machine goes on in state To; Tail reports that To is an accepting
// state without edges, so nothing needs to be remembered.
//
// Marks indexes Machine.Marks: the span boundaries the edge decides
// (CompileSpans); 0 for none.
type Edge struct {
	To    int
	Call  int
	Tail  bool
	Marks int
}

// Dead reports whether the edge goes nowhere.
func (e Edge) Dead() bool { return e.To < 0 }

// Bytes returns the bytes of class c.
func (m *Machine) Bytes(c int) ByteSet {
	var s ByteSet
	for b := 0; b < 256; b++ {
		if int(m.Class[b]) == c {
			s.Add(byte(b), byte(b))
		}
	}
	return s
}

// Out returns the bytes on which state s has an edge.
func (m *Machine) Out(s int) ByteSet {
	var out ByteSet
	for b := 0; b < 256; b++ {
		if !m.States[s].Next[m.Class[b]].Dead() {
			out.Add(byte(b), byte(b))
		}
	}
	return out
}

// prepare fills in the default limits and finds the root and the rules
// it reaches, checking that they are lowered: the start of Compile and
// CompileSpans.
func prepare(g *grammar.Grammar, root string, opts *Options) (*grammar.Rule, []*grammar.Rule, error) {
	if opts.MaxNFAStates <= 0 {
		opts.MaxNFAStates = 200000
	}
	if opts.MaxDFAStates <= 0 {
		opts.MaxDFAStates = 20000
	}
	if opts.MaxSubsetItems <= 0 {
		opts.MaxSubsetItems = 10000000
	}
	if opts.MaxTotalNFAStates <= 0 {
		opts.MaxTotalNFAStates = 1000000
	}
	r := g.Lookup(root)
	if r == nil {
		return nil, nil, fmt.Errorf("rule %s is not defined", root)
	}
	reach := grammar.Reachable(g, r)
	if err := checkCore(g, reach); err != nil {
		return nil, nil, err
	}
	return r, reach, nil
}

// subDFAs compiles rules to their minimal DFAs, each once, bottom-up: a
// rule's NFA inlines the DFAs of the rules it references, and calls the
// machines (machines); nullable, first and names describe those machines
// for determinize.
type subDFAs struct {
	g        *grammar.Grammar
	machines map[string]int
	opts     Options
	nullable []bool
	first    []ByteSet
	names    []string
	cache    map[*grammar.Rule]*Machine
	total    *budget
}

// nfa builds the NFA of x's definition with the rules it references
// inlined as their minimal DFAs.
func (c *subDFAs) nfa(x *grammar.Rule) (*nfa, *grammar.Error) {
	b := &nfaBuilder{g: c.g, n: &nfa{rule: x.Name}, machines: c.machines, max: c.opts.MaxNFAStates, rule: x.Name, inline: map[string]bool{grammar.Key(x.Name): true}, sub: c.dfa, total: c.total}
	s, e := b.build(x.Def)
	if b.err != nil {
		return nil, b.err
	}
	b.n.start, b.n.final = s, e
	return b.n, nil
}

// dfa returns the minimal DFA of rule x.
func (c *subDFAs) dfa(x *grammar.Rule) (*Machine, *grammar.Error) {
	if m, ok := c.cache[x]; ok {
		return m, nil
	}
	n, err := c.nfa(x)
	if err != nil {
		return nil, err
	}
	m, err := determinize(n, c.nullable, c.first, c.names, c.opts.MaxDFAStates, c.opts.MaxSubsetItems)
	if err != nil {
		return nil, err
	}
	m.Rule, m.Pos = x.Name, x.Pos
	m = minimize(m)
	c.cache[x] = m
	return m, nil
}

// Compile compiles rule root of the lowered grammar g (see grammar.Lower).
func Compile(g *grammar.Grammar, root string, opts Options) (*Program, error) {
	r, reach, err := prepare(g, root, &opts)
	if err != nil {
		return nil, err
	}
	// The machines: the root, every rule in a cycle, and those asked for.
	machines := map[string]int{}
	var rules []*grammar.Rule
	addMachine := func(r *grammar.Rule) {
		k := grammar.Key(r.Name)
		if _, ok := machines[k]; !ok {
			machines[k] = len(rules)
			rules = append(rules, r)
		}
	}
	addMachine(r)
	observed := map[string]bool{}
	preset := map[*grammar.Rule]bool{}
	for _, name := range opts.Machines {
		observed[grammar.Key(name)] = true
		x := g.Lookup(name)
		if x == nil {
			return nil, fmt.Errorf("rule %s is not defined", name)
		}
		if contains(reach, x) {
			preset[x] = true
		}
	}
	// Recursion is broken at as few rules as needed: those become
	// machines with calls; the other rules of a cycle are inlined.
	recursive := cutRules(g, reach, preset)
	for _, x := range reach {
		if recursive[x] {
			addMachine(x)
		}
	}
	for _, name := range opts.Machines {
		if x := g.Lookup(name); contains(reach, x) {
			addMachine(x)
		}
	}
	// Machine 0 runs the root's definition. References to the root from
	// inside are calls only if recursion is cut at the root; otherwise
	// they inline it like any other rule.
	if !recursive[r] && !preset[r] {
		delete(machines, grammar.Key(r.Name))
	}
	// The FIRST sets and nullability of the machines, computed on NFAs
	// built without inlined sub-DFAs, are needed to build the sub-DFAs.
	names := make([]string, len(rules))
	for i, x := range rules {
		names[i] = x.Name
	}
	subs := &subDFAs{g: g, machines: machines, opts: opts, names: names, cache: map[*grammar.Rule]*Machine{}, total: &budget{root: r.Name, max: opts.MaxTotalNFAStates}}
	// First pass: FIRST sets from NFAs that inline rules by their
	// definitions (no DFAs yet).
	nfas := make([]*nfa, len(rules))
	for i, x := range rules {
		n, err := plainInline(g, x, machines, opts.MaxNFAStates)
		if err != nil {
			return nil, grammar.ErrorList{err}
		}
		nfas[i] = n
	}
	nullable, first := firstSets(nfas)
	subs.nullable, subs.first = nullable, first
	// Second pass: NFAs with each referenced rule inlined as its minimal DFA.
	for i, x := range rules {
		n, err := subs.nfa(x)
		if err != nil {
			return nil, grammar.ErrorList{err}
		}
		nfas[i] = n
	}
	p := &Program{Rule: r.Name}
	var errs grammar.ErrorList
	for i, n := range nfas {
		m, err := determinize(n, nullable, first, names, opts.MaxDFAStates, opts.MaxSubsetItems)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		m.Rule, m.Pos, m.Recursive = rules[i].Name, rules[i].Pos, recursive[rules[i]]
		m.Observed = observed[grammar.Key(rules[i].Name)]
		m.Nullable, m.First = nullable[i], first[i]
		p.Machines = append(p.Machines, minimize(m))
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if err := p.checkReturns(); err != nil {
		return nil, err
	}
	p.markTailCalls()
	return p, nil
}

// plainInline builds the NFA of x with referenced rules inlined by their
// definitions.
func plainInline(g *grammar.Grammar, x *grammar.Rule, machines map[string]int, max int) (*nfa, *grammar.Error) {
	b := &nfaBuilder{g: g, n: &nfa{rule: x.Name}, machines: machines, max: max, rule: x.Name, inline: map[string]bool{grammar.Key(x.Name): true}, defs: true}
	s, e := b.build(x.Def)
	if b.err != nil {
		return nil, b.err
	}
	b.n.start, b.n.final = s, e
	return b.n, nil
}

func contains(rs []*grammar.Rule, r *grammar.Rule) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// checkCore reports nodes a lowered grammar should not have.
func checkCore(g *grammar.Grammar, rules []*grammar.Rule) error {
	var errs grammar.ErrorList
	for _, r := range rules {
		grammar.Walk(r.Def, func(n grammar.Node) bool {
			switch n := n.(type) {
			case *grammar.Ref:
				if g.Lookup(n.Name) == nil {
					errs.Add(n.P, grammar.SeverityError, r.Name, "undefined rule %s (in rule %s)", n.Name, r.Name)
				}
			case *grammar.List, *grammar.Prose:
				errs.Add(n.Pos(), grammar.SeverityError, r.Name, "cannot compile %s in rule %s: lower the grammar first", grammar.Format(grammar.RFC5234, n), r.Name)
			}
			return true
		})
	}
	errs.Sort()
	return errs.Err()
}

// cutRules chooses the rules at which recursion is broken: a set of rules
// (beyond the preset machines) such that every cycle of references passes
// through one of them. It prefers delimited rules, whose matches start and
// end with fixed bytes such as "(" and ")" (so that calls and returns are
// easy to decide), then rules with more references in and out, then rules
// in definition order. It returns the chosen rules that are in a cycle.
func cutRules(g *grammar.Grammar, rules []*grammar.Rule, preset map[*grammar.Rule]bool) map[*grammar.Rule]bool {
	refs := map[*grammar.Rule][]*grammar.Rule{}
	deg := map[*grammar.Rule]int{}
	for _, r := range rules {
		grammar.Walk(r.Def, func(n grammar.Node) bool {
			if ref, ok := n.(*grammar.Ref); ok {
				x := g.Lookup(ref.Name)
				refs[r] = append(refs[r], x)
				deg[r]++
				deg[x]++
			}
			return true
		})
	}
	cut := map[*grammar.Rule]bool{}
	for r := range preset {
		cut[r] = true
	}
	index := make(map[*grammar.Rule]int, len(rules))
	for i, r := range rules {
		index[r] = i
	}
	inCycle := map[*grammar.Rule]bool{}
	for {
		// The rules on a cycle that avoids the cut rules are those of a
		// cyclic component of the graph without them. Cutting a rule
		// changes only the cycles of its own component, so each round
		// cuts the best rule of every component at once: the rules the
		// same choice made one at a time over all rules would cut, in
		// time linear in the grammar per round (a search from every
		// rule took time quadratic in a chain r0 = r1, r1 = r2, ...).
		comps := cyclicComponents(rules, refs, cut)
		if len(comps) == 0 {
			break
		}
		for _, comp := range comps {
			var best *grammar.Rule
			bestScore := -1
			for _, r := range comp {
				i := index[r]
				score := deg[r]*len(rules) + (len(rules) - i)
				if delimited(r.Def) {
					score += 1 << 30
				}
				if score > bestScore {
					best, bestScore = r, score
				}
			}
			cut[best] = true
			inCycle[best] = true
		}
	}
	// Preset machines that recurse are recursive too.
	if len(preset) > 0 {
		for _, comp := range cyclicComponents(rules, refs, nil) {
			for _, r := range comp {
				if preset[r] {
					inCycle[r] = true
				}
			}
		}
	}
	return inCycle
}

// cyclicComponents returns the strongly connected components of the
// reference graph of rules without the cut rules that hold a cycle (more
// than one rule, or a rule that refers to itself): a rule lies on a cycle
// that avoids the cut rules exactly when it is in one of them.
func cyclicComponents(rules []*grammar.Rule, refs map[*grammar.Rule][]*grammar.Rule, cut map[*grammar.Rule]bool) [][]*grammar.Rule {
	var nodes []*grammar.Rule
	graph := make(map[*grammar.Rule][]*grammar.Rule, len(rules))
	for _, r := range rules {
		if cut[r] {
			continue
		}
		nodes = append(nodes, r)
		for _, x := range refs[r] {
			if x != nil && !cut[x] {
				graph[r] = append(graph[r], x)
			}
		}
	}
	var comps [][]*grammar.Rule
	for _, comp := range grammar.Components(nodes, graph) {
		if len(comp) > 1 || selfRef(comp[0], graph) {
			comps = append(comps, comp)
		}
	}
	return comps
}

// selfRef reports whether r refers to itself.
func selfRef(r *grammar.Rule, refs map[*grammar.Rule][]*grammar.Rule) bool {
	for _, x := range refs[r] {
		if x == r {
			return true
		}
	}
	return false
}

// delimited reports whether every alternative of n starts and ends with a
// fixed terminal.
func delimited(n grammar.Node) bool {
	switch n := n.(type) {
	case *grammar.Alt:
		for _, a := range n.Alts {
			if !delimited(a) {
				return false
			}
		}
		return true
	case *grammar.Concat:
		return len(n.Items) >= 2 && terminal(n.Items[0]) && terminal(n.Items[len(n.Items)-1])
	}
	return false
}

func terminal(n grammar.Node) bool {
	switch n := n.(type) {
	case *grammar.Literal:
		return n.Text != ""
	case *grammar.Range:
		return true
	}
	return false
}

// firstSets computes, for every machine, whether it matches the empty
// string and which bytes can start a match, to a fixpoint over calls.
func firstSets(nfas []*nfa) (nullable []bool, first []ByteSet) {
	nullable = make([]bool, len(nfas))
	first = make([]ByteSet, len(nfas))
	for changed := true; changed; {
		changed = false
		for i, n := range nfas {
			cl := n.closure([]int32{n.start}, nullable)
			var f ByteSet
			null := false
			for _, s := range cl {
				st := &n.states[s]
				if st.to >= 0 {
					f.Or(st.set)
				}
				if st.call >= 0 {
					f.Or(first[st.call])
				}
				if s == n.final {
					null = true
				}
			}
			if f != first[i] || null != nullable[i] {
				first[i], nullable[i] = f, null
				changed = true
			}
		}
	}
	return nullable, first
}

// classes partitions the bytes by their membership in every set.
func classes(all []ByteSet) (class [256]uint8, n int) {
	uniq := map[ByteSet]bool{}
	var sets []ByteSet
	for _, s := range all {
		if !uniq[s] {
			uniq[s] = true
			sets = append(sets, s)
		}
	}
	sig := map[string]uint8{}
	for b := 0; b < 256; b++ {
		var key []byte
		for _, s := range sets {
			if s.Has(byte(b)) {
				key = append(key, 1)
			} else {
				key = append(key, 0)
			}
		}
		c, ok := sig[string(key)]
		if !ok {
			c = uint8(len(sig))
			sig[string(key)] = c
		}
		class[b] = c
	}
	return class, len(sig)
}

func setKey(set []int32) string {
	b := make([]byte, 4*len(set))
	for i, s := range set {
		binary.LittleEndian.PutUint32(b[4*i:], uint32(s))
	}
	return string(b)
}

// determinize is the subset construction for one machine.
func determinize(n *nfa, nullable []bool, first []ByteSet, names []string, max, maxItems int) (*Machine, *grammar.Error) {
	var sets []ByteSet
	for i := range n.states {
		st := &n.states[i]
		if st.to >= 0 {
			sets = append(sets, st.set)
		}
		if st.call >= 0 {
			sets = append(sets, first[st.call])
		}
	}
	m := &Machine{}
	m.Class, m.NumClasses = classes(sets)
	reps := make([]byte, m.NumClasses)
	for b := 255; b >= 0; b-- {
		reps[m.Class[b]] = byte(b)
	}
	index := map[string]int{}
	var subsets [][]int32
	items := 0 // NFA states in subsets, added up
	add := func(set []int32) int {
		k := setKey(set)
		if i, ok := index[k]; ok {
			return i
		}
		index[k] = len(subsets)
		subsets = append(subsets, set)
		items += len(set)
		st := &State{Next: make([]Edge, m.NumClasses)}
		labels := map[string]bool{}
		for _, s := range set {
			if s == n.final {
				st.Accept = true
			}
			ns := &n.states[s]
			if (ns.to >= 0 || ns.call >= 0) && ns.label != "" {
				labels[ns.label] = true
			}
		}
		for l := range labels {
			st.Labels = append(st.Labels, l)
		}
		sort.Strings(st.Labels)
		m.States = append(m.States, st)
		return len(subsets) - 1
	}
	add(n.closure([]int32{n.start}, nullable))
	for i := 0; i < len(subsets); i++ {
		if len(subsets) > max {
			return nil, &grammar.Error{Pos: n.states[n.start].pos, Rule: n.rule, Msg: fmt.Sprintf("the DFA of rule %s exceeds %d states (automata.Options.MaxDFAStates, abnfc gen -max-states)", n.rule, max)}
		}
		if items > maxItems {
			return nil, &grammar.Error{Pos: n.states[n.start].pos, Rule: n.rule, Msg: fmt.Sprintf("the DFA of rule %s stands for more than %d NFA states in all (automata.Options.MaxSubsetItems, abnfc gen -max-subset-items): its states track many positions at once, as in *OCTET 4000\"a\"", n.rule, maxItems)}
		}
		set := subsets[i]
		for c := 0; c < m.NumClasses; c++ {
			b := reps[c]
			var moves, rets []int32
			call := int32(-1)
			var callPos grammar.Pos
			for _, s := range set {
				ns := &n.states[s]
				if ns.to >= 0 && ns.set.Has(b) {
					moves = append(moves, ns.to)
				}
				if ns.call >= 0 && first[ns.call].Has(b) {
					if call >= 0 && call != ns.call {
						return nil, conflict(n, ns.pos, b, fmt.Sprintf("it could start a nested match of rule %s or of rule %s", names[call], names[ns.call]))
					}
					call, callPos = ns.call, ns.pos
					rets = append(rets, ns.ret)
				}
			}
			switch {
			case call >= 0 && len(moves) > 0:
				why := fmt.Sprintf("it could start a nested match of rule %s or continue %s", names[call], labelOf(n, moves))
				if i == 0 && names[call] == n.rule {
					// At the rule's start, a call of itself: left
					// recursion, which grammar.Check warns of.
					why += fmt.Sprintf(": rule %s is left-recursive, which a generated parser cannot run (write the recursion as a repetition, a = \"y\" *\"x\" for a = a \"x\" / \"y\")", n.rule)
				}
				return nil, conflict(n, callPos, b, why)
			case call >= 0:
				to := add(n.closure(rets, nullable))
				m.States[i].Next[c] = Edge{To: to, Call: int(call)}
			case len(moves) > 0:
				m.States[i].Next[c] = Edge{To: add(n.closure(moves, nullable)), Call: -1}
			default:
				m.States[i].Next[c] = Edge{To: -1, Call: -1}
			}
		}
	}
	return m, nil
}

// labelOf describes where the other path is, by the label of the state
// that has the byte edge.
func labelOf(n *nfa, moves []int32) string {
	for _, st := range n.states {
		for _, m := range moves {
			if st.to == m && st.label != "" {
				return "(" + st.label + ")"
			}
		}
	}
	return "the current match"
}

func conflict(n *nfa, pos grammar.Pos, b byte, why string) *grammar.Error {
	return &grammar.Error{Pos: pos, Rule: n.rule, Code: grammar.CodeLookahead, Msg: fmt.Sprintf("rule %s needs more than one byte of lookahead: on %s %s", n.rule, describeByte(b), why)}
}

func describeByte(b byte) string {
	if b > 0x20 && b < 0x7f {
		return fmt.Sprintf("%q", string(rune(b)))
	}
	return fmt.Sprintf("%#02x", b)
}

// minimize merges equivalent states and renumbers them in breadth-first
// order from the start state. The minimal machine is unique, so the
// result does not depend on how the classes of equivalent states are
// found (equivalent, Hopcroft's algorithm).
func minimize(m *Machine) *Machine {
	part := equivalent(m)
	// Renumber breadth-first from the start state.
	order := map[int]int{part[0]: 0}
	queue := []int{0}
	rep := map[int]int{part[0]: 0} // part → representative old state
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, e := range m.States[s].Next {
			if e.To < 0 {
				continue
			}
			p := part[e.To]
			if _, ok := order[p]; !ok {
				order[p] = len(order)
				rep[p] = e.To
				queue = append(queue, e.To)
			}
		}
	}
	// The labels of a merged state are those of all its states, gathered
	// in one pass (a pass over every state for each part was quadratic).
	labels := map[int]map[string]bool{}
	for i, s := range m.States {
		if _, ok := order[part[i]]; !ok || len(s.Labels) == 0 {
			continue
		}
		if labels[part[i]] == nil {
			labels[part[i]] = map[string]bool{}
		}
		for _, l := range s.Labels {
			labels[part[i]][l] = true
		}
	}
	out := *m
	out.States = make([]*State, len(order))
	for p, id := range order {
		old := m.States[rep[p]]
		st := &State{Accept: old.Accept, Final: old.Final, Next: make([]Edge, len(old.Next))}
		for l := range labels[p] {
			st.Labels = append(st.Labels, l)
		}
		sort.Strings(st.Labels)
		for c, e := range old.Next {
			if e.To >= 0 {
				e.To = order[part[e.To]]
			}
			st.Next[c] = e
		}
		out.States[id] = st
	}
	return &out
}

// equivalent returns for each state of m the number of its class of
// equivalent states: states that agree on Accept and Final and, for every
// byte class, on whether there is an edge, its Call and Marks, and the
// class of equivalence of its target. It is Hopcroft's partition
// refinement, O(k·n·log n) for n states and k byte classes (Moore's
// refinement, used before, takes a round for each state of a chain such
// as 1*8190OCTET's, O(k·n²): minutes for the states -max-states allows).
// A missing edge goes to a sink state of its own, so that it differs
// from an edge to any state of m, as it must.
func equivalent(m *Machine) []int {
	n := len(m.States)
	if n == 0 {
		return nil
	}
	k := len(m.States[0].Next)
	sink, size := n, n+1
	target := func(q, c int) int {
		if q == sink || m.States[q].Next[c].To < 0 {
			return sink
		}
		return m.States[q].Next[c].To
	}
	// The initial partition: the sink alone, then the states by what
	// does not depend on the partition.
	block := make([]int, size)
	keys := map[string]int{}
	var key []byte
	for q, s := range m.States {
		key = key[:0]
		if s.Accept {
			key = append(key, 1)
		} else {
			key = append(key, 0)
		}
		key = binary.AppendVarint(key, int64(s.Final))
		for _, e := range s.Next {
			if e.To < 0 {
				key = append(key, 0)
			} else {
				key = append(key, 1)
			}
			key = binary.AppendVarint(key, int64(e.Call))
			key = binary.AppendVarint(key, int64(e.Marks))
		}
		id, ok := keys[string(key)]
		if !ok {
			id = 1 + len(keys)
			keys[string(key)] = id
		}
		block[q] = id
	}
	nblocks := 1 + len(keys)
	// Blocks are ranges of elems; pos is each state's index there.
	first := make([]int, nblocks, 2*size)
	end := make([]int, nblocks, 2*size)
	for _, b := range block {
		end[b]++
	}
	for b, at := 0, 0; b < nblocks; b++ {
		first[b], at = at, at+end[b]
		end[b] = first[b]
	}
	elems, pos := make([]int, size), make([]int, size)
	for q, b := range block {
		elems[end[b]], pos[q] = q, end[b]
		end[b]++
	}
	// The predecessors of each state, with the class of the edge, sorted
	// by state (compressed rows).
	predStart := make([]int, size+1)
	for q := 0; q < size; q++ {
		for c := 0; c < k; c++ {
			predStart[target(q, c)+1]++
		}
	}
	for t := 0; t < size; t++ {
		predStart[t+1] += predStart[t]
	}
	predQ, predC := make([]int, predStart[size]), make([]int, predStart[size])
	fill := slices.Clone(predStart[:size])
	for q := 0; q < size; q++ {
		for c := 0; c < k; c++ {
			t := target(q, c)
			predQ[fill[t]], predC[fill[t]] = q, c
			fill[t]++
		}
	}
	// Every block is a splitter at first.
	work := make([]int, nblocks, 2*size)
	inWork := make([]bool, nblocks, 2*size)
	for b := range work {
		work[b], inWork[b] = b, true
	}
	marked := make([]int, nblocks, 2*size)
	var touched, splitter []int
	byClass := make([][]int, k)
	for len(work) > 0 {
		s := work[len(work)-1]
		work = work[:len(work)-1]
		inWork[s] = false
		// The predecessors of the splitter, by class, gathered before
		// any block (the splitter too) is split.
		splitter = append(splitter[:0], elems[first[s]:end[s]]...)
		for _, t := range splitter {
			for i := predStart[t]; i < predStart[t+1]; i++ {
				byClass[predC[i]] = append(byClass[predC[i]], predQ[i])
			}
		}
		for c := range byClass {
			if len(byClass[c]) == 0 {
				continue
			}
			// Move the states with a c-edge into the splitter to the
			// front of their blocks.
			for _, q := range byClass[c] {
				b := block[q]
				at := first[b] + marked[b]
				other := elems[at]
				elems[at], elems[pos[q]] = q, other
				pos[other], pos[q] = pos[q], at
				if marked[b] == 0 {
					touched = append(touched, b)
				}
				marked[b]++
			}
			byClass[c] = byClass[c][:0]
			for _, b := range touched {
				mk := marked[b]
				marked[b] = 0
				if mk == end[b]-first[b] {
					continue
				}
				nb := len(first)
				first = append(first, first[b])
				end = append(end, first[b]+mk)
				marked = append(marked, 0)
				first[b] = end[nb]
				for _, q := range elems[first[nb]:end[nb]] {
					block[q] = nb
				}
				add := nb
				if !inWork[b] && end[b]-first[b] < mk {
					add = b
				}
				inWork = append(inWork, false)
				if inWork[b] {
					add = nb
				}
				work = append(work, add)
				inWork[add] = true
			}
			touched = touched[:0]
		}
	}
	return block[:n]
}

// checkReturns makes sure that the end of every nested match is decided by
// the next byte: a byte that could continue the callee must not also be
// able to follow it (FOLLOW, computed to a fixpoint over call sites).
func (p *Program) checkReturns() error {
	follow := make([]ByteSet, len(p.Machines))
	for changed := true; changed; {
		changed = false
		for mi, m := range p.Machines {
			for _, s := range m.States {
				for _, e := range s.Next {
					if e.Call < 0 {
						continue
					}
					f := m.Out(e.To)
					if m.States[e.To].Accept {
						f.Or(follow[mi])
					}
					old := follow[e.Call]
					follow[e.Call].Or(f)
					if follow[e.Call] != old {
						changed = true
					}
				}
			}
		}
	}
	for mi, m := range p.Machines {
		for si, s := range m.States {
			if !s.Accept {
				continue
			}
			both := m.Out(si)
			for i := range both {
				both[i] &= follow[mi][i]
			}
			if !both.Empty() {
				return grammar.ErrorList{{Pos: m.Pos, Rule: m.Rule, Code: grammar.CodeLookahead, Msg: fmt.Sprintf("rule %s needs more than one byte of lookahead: at the end of a match, %s could continue it or follow it", m.Rule, describeByte(byte(both.First())))}}
			}
		}
	}
	return nil
}

// markTailCalls marks the calls whose return state is accepting and has no
// edges: returning there only returns again, so no frame is needed.
func (p *Program) markTailCalls() {
	for _, m := range p.Machines {
		for _, s := range m.States {
			for c, e := range s.Next {
				if e.Call >= 0 && !m.Observed && !p.Machines[e.Call].Observed && m.States[e.To].Accept && m.Out(e.To).Empty() {
					s.Next[c].Tail = true
				}
			}
		}
	}
}
