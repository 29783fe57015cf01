package automata

import (
	"fmt"
	"sort"
	"strings"

	"github.com/abnfc/abnfc/grammar"
)

// Spans in one machine.
//
// CompileSpans compiles a rule that does not recurse to one DFA whose
// edges carry marks: where the matches of the rules asked for (the spans)
// start and end. It is a tagged DFA in the manner of Laurikari's, kept
// small by two restrictions that hold for the head of an HTTP message:
//
//   - A boundary is a tag on an epsilon edge of the NFA: entering a span
//     rule's fragment opens it, leaving it closes it. Subset construction
//     tracks, for every NFA state of a DFA state, the boundaries its path
//     has passed that are not decided yet, each as how many bytes back it
//     lies (a fixed offset, not a register).
//   - A boundary is decided (and becomes a mark on the edge) once every
//     NFA state of the DFA state agrees on it: then every match through
//     here has it, at that offset. Marks leave in the order of their
//     positions, so a span is reported when it closes, inner before outer.
//
// Where the grammar leaves a boundary undecided for more than
// MaxSpanDelay bytes, or two matches of the same input would report
// different spans, CompileSpans fails with a positioned error instead of
// guessing. RFC 2616's message-header shows why a delay is needed: a
// field's end is the CRLF that the next byte does not continue (SP or HT
// would fold the line), so that boundary is decided three bytes late.
//
// An empty match of a span rule reports no span, as with captures.

// MaxSpanDelay is the most bytes a span boundary may be decided after it
// is passed.
const MaxSpanDelay = 16

// maxPending bounds the undecided boundaries of one NFA state.
const maxPending = 8

// Mark is a span boundary on an edge (or at the end of a match): span
// Span opens (Open) or closes Back bytes before the position after the
// edge's byte (before the end of the input, for State.Final).
type Mark struct {
	Span int
	Open bool
	Back int
}

// pend is an undecided boundary: tag is span*2 (close) or span*2+1
// (open), back how far behind the current position it lies.
type pend struct {
	tag  uint8
	back uint8
}

// sitem is an NFA state with the boundaries its path has not decided,
// encoded as pairs of bytes (tag, back) in the order of their positions.
type sitem struct {
	s int32
	p string
}

// spanCompiler holds what CompileSpans needs while building the DFA.
type spanCompiler struct {
	n     *nfa
	names []string
	depth []int // how many other span rules contain each
	root  *grammar.Rule
}

// CompileSpans compiles rule root of the lowered grammar g to one machine
// whose edges mark the matches of the rules named in spans (see Mark);
// Machine.Spans lists them in that order. The root must not recurse and
// the span rules must be reachable from it.
func CompileSpans(g *grammar.Grammar, root string, spans []string, opts Options) (*Machine, error) {
	r, reach, err := prepare(g, root, &opts)
	if err != nil {
		return nil, err
	}
	fail := func(format string, args ...any) error {
		return grammar.ErrorList{{Pos: r.Pos, Rule: r.Name, Msg: fmt.Sprintf(format, args...)}}
	}
	if len(spans) == 0 {
		return nil, fail("no spans asked for in rule %s", r.Name)
	}
	if rec := cutRules(g, reach, nil); len(rec) > 0 {
		var names []string
		for x := range rec {
			names = append(names, x.Name)
		}
		sort.Strings(names)
		return nil, fail("spans of rule %s: it recurses (through %s); spans need a rule without recursion", r.Name, strings.Join(names, ", "))
	}
	idx := map[string]int{}
	sc := &spanCompiler{root: r, depth: make([]int, len(spans))}
	for i, s := range spans {
		x := g.Lookup(s)
		switch {
		case x == nil:
			return nil, fail("spans of rule %s: rule %s is not defined", r.Name, s)
		case x == r:
			return nil, fail("spans of rule %s: the rule itself is its whole match, not a span", r.Name)
		case !contains(reach, x):
			return nil, fail("spans of rule %s: rule %s is not used by it", r.Name, x.Name)
		}
		if _, dup := idx[grammar.Key(x.Name)]; dup {
			return nil, fail("spans of rule %s: rule %s is named twice", r.Name, x.Name)
		}
		idx[grammar.Key(x.Name)] = i
		sc.names = append(sc.names, x.Name)
	}
	// Rules that contain a span rule are expanded by their definitions,
	// so that its boundaries stay visible; the others are inlined as
	// their minimal DFAs, as Compile does.
	deep := map[string]bool{}
	for _, x := range reach {
		keys := grammar.ReachableKeys(g, x)
		for k, i := range idx {
			if k != grammar.Key(x.Name) && keys[k] {
				deep[grammar.Key(x.Name)] = true
				if _, ok := idx[grammar.Key(x.Name)]; ok {
					sc.depth[i]++
				}
			}
		}
	}
	// The other rules are compiled as Compile compiles them (no machines:
	// nothing recurses).
	subs := &subDFAs{g: g, machines: map[string]int{}, opts: opts, cache: map[*grammar.Rule]*Machine{}, total: &budget{root: r.Name, max: opts.MaxTotalNFAStates}}
	b := &nfaBuilder{g: g, n: &nfa{rule: r.Name}, machines: map[string]int{}, max: opts.MaxNFAStates, rule: r.Name, inline: map[string]bool{grammar.Key(r.Name): true}, sub: subs.dfa, spans: idx, deep: deep, total: subs.total}
	s, e := b.build(r.Def)
	if b.err != nil {
		return nil, grammar.ErrorList{b.err}
	}
	b.n.start, b.n.final = s, e
	sc.n = b.n
	m, err := sc.determinize(opts.MaxDFAStates, opts.MaxSubsetItems)
	if err != nil {
		return nil, err
	}
	m.Rule, m.Pos = r.Name, r.Pos
	m.Spans = sc.names
	m = minimize(m)
	var first ByteSet
	for c := 0; c < m.NumClasses; c++ {
		if !m.States[0].Next[c].Dead() {
			first.Or(m.Bytes(c))
		}
	}
	m.First, m.Nullable = first, m.States[0].Accept
	return m, nil
}

// spanRef builds a reference to rule x inside the spans' NFA: a span rule
// between its open and close tags, a rule containing one by its
// definition, any other as its minimal DFA. It reports false when x is
// neither a span rule nor contains one.
func (b *nfaBuilder) spanRef(x *grammar.Rule, pos grammar.Pos, label string) (start, end int32, ok bool) {
	k := grammar.Key(x.Name)
	i, isSpan := b.spans[k]
	if !isSpan && !b.deep[k] {
		return 0, 0, false
	}
	var s, e int32
	if b.deep[k] {
		saved := b.rule
		b.rule = x.Name
		b.inline[k] = true
		s, e = b.build(x.Def)
		delete(b.inline, k)
		b.rule = saved
	} else {
		d, err := b.sub(x)
		if err != nil {
			b.err = err
			s := b.state(pos, "")
			return s, s, true
		}
		s, e = b.inlineDFA(d, pos, label)
	}
	if !isSpan {
		return s, e, true
	}
	open, close := b.state(pos, ""), b.state(pos, "")
	b.n.states[open].tag, b.n.states[close].tag = int16(i+1), -int16(i+1)
	b.eps(open, s)
	b.eps(e, close)
	return open, close, true
}

// fire records the boundary of tag t (as nstate.tag) at the current
// position on the path with undecided boundaries p. A close at the
// position of its own open cancels both: an empty match reports no span.
func (sc *spanCompiler) fire(p string, t int16) (string, error) {
	span, open := int(t)-1, true
	if t < 0 {
		span, open = int(-t)-1, false
	}
	tag := uint8(span * 2)
	if open {
		tag++
	}
	// The latest boundary of the same span.
	for j := len(p) - 2; j >= 0; j -= 2 {
		if int(p[j])/2 != span {
			continue
		}
		if p[j+1] == 0 && p[j] == tag {
			return p, nil // the same boundary, reached by another path
		}
		if !open && p[j+1] == 0 && p[j] == tag+1 {
			return p[:j] + p[j+2:], nil // empty: no span
		}
		break
	}
	if len(p)/2 >= maxPending {
		return "", sc.errorf("more than %d boundaries of %s and other spans are undecided at once", maxPending, sc.names[span])
	}
	q := []byte(p)
	q = append(q, tag, 0)
	// Boundaries at one position: closes first (inner ones first), then
	// opens (outer ones first).
	head := len(q) - 2
	for head >= 2 && q[head-1] == 0 {
		head -= 2
	}
	pairs := make([]pend, 0, (len(q)-head)/2)
	for j := head; j < len(q); j += 2 {
		pairs = append(pairs, pend{q[j], 0})
	}
	sort.SliceStable(pairs, func(a, b int) bool { return sc.rank(pairs[a].tag) < sc.rank(pairs[b].tag) })
	for j, x := range pairs {
		q[head+2*j] = x.tag
	}
	return string(q), nil
}

// rank orders boundaries at one position.
func (sc *spanCompiler) rank(tag uint8) int {
	span, open := int(tag)/2, tag%2 == 1
	n := len(sc.names) + 1
	if open {
		return 2*n*n + sc.depth[span]*n + span
	}
	return n*n + (n-1-sc.depth[span])*n + span
}

func (sc *spanCompiler) errorf(format string, args ...any) error {
	return grammar.ErrorList{{Pos: sc.root.Pos, Rule: sc.root.Name, Msg: fmt.Sprintf("spans of rule %s: ", sc.root.Name) + fmt.Sprintf(format, args...)}}
}

// closure returns the epsilon closure of items, firing the tags of the
// states it enters, sorted and without duplicates.
func (sc *spanCompiler) closure(items []sitem) ([]sitem, error) {
	seen := map[sitem]bool{}
	var out []sitem
	stack := append([]sitem(nil), items...)
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[it] {
			continue
		}
		seen[it] = true
		out = append(out, it)
		for _, t := range sc.n.states[it.s].eps {
			next := sitem{t, it.p}
			if tag := sc.n.states[t].tag; tag != 0 {
				p, err := sc.fire(it.p, tag)
				if err != nil {
					return nil, err
				}
				next.p = p
			}
			stack = append(stack, next)
		}
	}
	sortItems(out)
	return out, nil
}

func sortItems(items []sitem) {
	sort.Slice(items, func(i, j int) bool {
		if items[i].s != items[j].s {
			return items[i].s < items[j].s
		}
		return items[i].p < items[j].p
	})
}

// decide takes the boundaries every item agrees on (the longest common
// prefix of their undecided boundaries) off the items and returns them.
func decide(items []sitem) (string, []sitem) {
	if len(items) == 0 {
		return "", items
	}
	n := len(items[0].p)
	for _, it := range items[1:] {
		j := 0
		for j+1 < n && j+1 < len(it.p) && it.p[j] == items[0].p[j] && it.p[j+1] == items[0].p[j+1] {
			j += 2
		}
		n = j
	}
	if n == 0 {
		return "", items
	}
	common := items[0].p[:n]
	out := make([]sitem, 0, len(items))
	for _, it := range items {
		out = append(out, sitem{it.s, it.p[n:]})
	}
	sortItems(out)
	uniq := out[:1]
	for _, it := range out[1:] {
		if it != uniq[len(uniq)-1] {
			uniq = append(uniq, it)
		}
	}
	return common, uniq
}

func itemsKey(items []sitem) string {
	var b strings.Builder
	for _, it := range items {
		fmt.Fprintf(&b, "%d:%x;", it.s, it.p)
	}
	return b.String()
}

// marks decodes boundaries as marks, adding back bytes to each.
func marks(p string) []Mark {
	var out []Mark
	for j := 0; j+1 < len(p); j += 2 {
		out = append(out, Mark{Span: int(p[j]) / 2, Open: p[j]%2 == 1, Back: int(p[j+1])})
	}
	return out
}

// determinize is the subset construction over items.
func (sc *spanCompiler) determinize(max, maxItems int) (*Machine, error) {
	n := sc.n
	var sets []ByteSet
	for i := range n.states {
		if n.states[i].to >= 0 {
			sets = append(sets, n.states[i].set)
		}
	}
	m := &Machine{Marks: [][]Mark{nil}}
	m.Class, m.NumClasses = classes(sets)
	reps := make([]byte, m.NumClasses)
	for b := 255; b >= 0; b-- {
		reps[m.Class[b]] = byte(b)
	}
	markIndex := map[string]int{"": 0}
	internMarks := func(p string) int {
		if i, ok := markIndex[p]; ok {
			return i
		}
		markIndex[p] = len(m.Marks)
		m.Marks = append(m.Marks, marks(p))
		return len(m.Marks) - 1
	}
	index := map[string]int{}
	var subsets [][]sitem
	var addErr error
	total := 0 // items in subsets, added up
	add := func(items []sitem) int {
		k := itemsKey(items)
		if i, ok := index[k]; ok {
			return i
		}
		index[k] = len(subsets)
		subsets = append(subsets, items)
		total += len(items)
		st := &State{Next: make([]Edge, m.NumClasses)}
		labels := map[string]bool{}
		final := ""
		for _, it := range items {
			ns := &n.states[it.s]
			if it.s == n.final {
				if st.Accept && it.p != final && addErr == nil {
					addErr = sc.errorf("two parses of one input give different spans: %s, or %s", sc.describe(final), sc.describe(it.p))
				}
				st.Accept, final = true, it.p
			}
			if ns.to >= 0 && ns.label != "" {
				labels[ns.label] = true
			}
		}
		st.Final = internMarks(final)
		for l := range labels {
			st.Labels = append(st.Labels, l)
		}
		sort.Strings(st.Labels)
		m.States = append(m.States, st)
		return len(subsets) - 1
	}
	start := []sitem{{n.start, ""}}
	if tag := n.states[n.start].tag; tag != 0 {
		p, err := sc.fire("", tag)
		if err != nil {
			return nil, err
		}
		start[0].p = p
	}
	items, err := sc.closure(start)
	if err != nil {
		return nil, err
	}
	add(items)
	for i := 0; i < len(subsets); i++ {
		if addErr != nil {
			return nil, addErr
		}
		if len(subsets) > max {
			return nil, sc.errorf("the DFA exceeds %d states (automata.Options.MaxDFAStates, abnfc gen -max-states)", max)
		}
		if total > maxItems {
			return nil, sc.errorf("the DFA stands for more than %d NFA states in all (automata.Options.MaxSubsetItems, abnfc gen -max-subset-items): its states track many positions at once", maxItems)
		}
		for c := 0; c < m.NumClasses; c++ {
			b := reps[c]
			var moves []sitem
			for _, it := range subsets[i] {
				ns := &n.states[it.s]
				if ns.to < 0 || !ns.set.Has(b) {
					continue
				}
				q := []byte(it.p)
				for j := 1; j < len(q); j += 2 {
					if q[j] == MaxSpanDelay {
						return nil, sc.errorf("the %s of %s is not decided within %d bytes (on %s after %s)", boundary(q[j-1]), sc.names[q[j-1]/2], MaxSpanDelay, describeByte(b), excerpt(ns.label))
					}
					q[j]++
				}
				moves = append(moves, sitem{ns.to, string(q)})
			}
			if len(moves) == 0 {
				m.States[i].Next[c] = Edge{To: -1, Call: -1}
				continue
			}
			items, err := sc.closure(moves)
			if err != nil {
				return nil, err
			}
			common, items := decide(items)
			m.States[i].Next[c] = Edge{To: add(items), Call: -1, Marks: internMarks(common)}
		}
	}
	if addErr != nil {
		return nil, addErr
	}
	return m, nil
}

// describe writes undecided boundaries for an error: "the start of key 2
// bytes back, the end of key here".
func (sc *spanCompiler) describe(p string) string {
	if p == "" {
		return "no span"
	}
	var parts []string
	for _, k := range marks(p) {
		where := "here"
		if k.Back == 1 {
			where = "1 byte back"
		} else if k.Back > 1 {
			where = fmt.Sprintf("%d bytes back", k.Back)
		}
		parts = append(parts, fmt.Sprintf("the %s of %s %s", boundary(uint8(2*k.Span+btoi(k.Open))), sc.names[k.Span], where))
	}
	return strings.Join(parts, ", ")
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func boundary(tag uint8) string {
	if tag%2 == 1 {
		return "start"
	}
	return "end"
}

// ScanSpans runs a machine from CompileSpans over b, as generated code
// does, and returns the length of the longest prefix of b in its
// language (-1 for none) with the spans in that prefix as {span, start,
// end}, each when it closes. It is the specification the emitter follows.
func (m *Machine) ScanSpans(b []byte) (spans [][3]int, n int) {
	open := make([]int, len(m.Spans))
	apply := func(ms []Mark, at int) {
		for _, k := range ms {
			p := at - k.Back
			if k.Open {
				open[k.Span] = p
			} else if p > open[k.Span] {
				spans = append(spans, [3]int{k.Span, open[k.Span], p})
			}
		}
	}
	n = -1
	var best [][3]int
	st := 0
	for i := 0; ; i++ {
		if s := m.States[st]; s.Accept {
			saved, savedOpen := spans, append([]int(nil), open...)
			apply(m.Marks[s.Final], i)
			best, n = append([][3]int(nil), spans...), i
			spans, open = saved, savedOpen
		}
		if i == len(b) {
			break
		}
		e := m.States[st].Next[m.Class[b[i]]]
		if e.Dead() {
			break
		}
		apply(m.Marks[e.Marks], i+1)
		st = e.To
	}
	return best, n
}
