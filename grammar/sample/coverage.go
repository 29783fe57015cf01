package sample

import (
	"fmt"

	"github.com/abnfc/abnfc/grammar"
)

// Alternative is alternative I (0-based) of the choice point Alt, an Alt
// node of the lowered grammar.
type Alternative struct {
	Alt *grammar.Alt
	I   int
}

// Path2 is a 2-path: a derivation enters choice point To.Alt inside
// alternative From with no other choice point in between (see the package
// documentation).
type Path2 struct {
	From, To Alternative
}

// Count is a coverage target and how many times the samples hit it.
type Count struct {
	Name string
	N    int
}

// CoverageReport summarises the coverage of a set of samples.
type CoverageReport struct {
	// Samples is the number of samples generated.
	Samples int
	// Alternatives and Paths count the targets that have a finite
	// derivation; the Covered fields count those the samples hit.
	Alternatives, CoveredAlternatives int
	Paths, CoveredPaths               int
	// Impossible names the alternatives of reachable choice points that
	// have no finite derivation (or none shorter than MaxInput).
	Impossible []string
	// Uncovered names the targets with a finite derivation that no sample
	// hit (only when MaxSamples stopped the generation).
	Uncovered []string
	// AltCounts and PathCounts give the hits of every possible target, in
	// a fixed order: choice points breadth-first from the start rule.
	AltCounts, PathCounts []Count
}

// String summarises the report in one line.
func (r CoverageReport) String() string {
	return fmt.Sprintf("%d samples: alternatives %d/%d, 2-paths %d/%d, %d impossible, %d uncovered",
		r.Samples, r.CoveredAlternatives, r.Alternatives, r.CoveredPaths, r.Paths, len(r.Impossible), len(r.Uncovered))
}

// link is a BFS tree edge: node was reached from prev through child.
type link struct {
	prev  grammar.Node
	child int
}

// coverage is the static analysis behind Coverage.
type coverage struct {
	points []*grammar.Alt              // reachable choice points, breadth-first
	names  map[*grammar.Alt]string     // "rule#k", k counting Alts of the rule in preorder
	tree   map[grammar.Node]link       // BFS tree from the start rule's definition
	within map[Alternative]*withinTree // per alternative, lazily
}

// withinTree is a BFS from an alternative's node to the next choice
// points, which it does not expand.
type withinTree struct {
	root  grammar.Node
	tree  map[grammar.Node]link
	found []*grammar.Alt
}

// children returns the nodes below n in a derivation: the alternatives of
// an Alt, the items of a Concat, the item of a Repeat whose Max is not 0,
// and the definition behind a Ref.
func (s *Sampler) children(n grammar.Node) []grammar.Node {
	switch n := n.(type) {
	case *grammar.Alt:
		return n.Alts
	case *grammar.Concat:
		return n.Items
	case *grammar.Repeat:
		if n.Max != 0 {
			return []grammar.Node{n.Item}
		}
	case *grammar.Ref:
		if r := s.g.Lookup(n.Name); r != nil {
			return []grammar.Node{r.Def}
		}
	}
	return nil
}

// bfs searches from root over feasible nodes, not expanding the Alt nodes
// for which stop returns true. It returns the tree and the Alt nodes met,
// in order.
func (s *Sampler) bfs(root grammar.Node, stop func(*grammar.Alt) bool) (map[grammar.Node]link, []*grammar.Alt) {
	tree := map[grammar.Node]link{root: {}}
	var alts []*grammar.Alt
	queue := []grammar.Node{root}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if x, ok := n.(*grammar.Alt); ok {
			alts = append(alts, x)
			if stop(x) {
				continue
			}
		}
		for i, c := range s.children(n) {
			if _, seen := tree[c]; seen || !s.cost(c).feasible() {
				continue
			}
			tree[c] = link{n, i}
			queue = append(queue, c)
		}
	}
	return tree, alts
}

// path returns the steps from the root of tree to n.
func path(tree map[grammar.Node]link, root, n grammar.Node) []step {
	var out []step
	for n != root {
		l := tree[n]
		out = append(out, step{l.prev, l.child})
		n = l.prev
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

func (s *Sampler) analyse() *coverage {
	if s.cov != nil {
		return s.cov
	}
	c := &coverage{names: map[*grammar.Alt]string{}, within: map[Alternative]*withinTree{}}
	c.tree, c.points = s.bfs(s.start.Def, func(*grammar.Alt) bool { return false })
	for _, r := range s.g.Rules {
		if _, ok := s.rules[r]; !ok {
			continue
		}
		k := 0
		grammar.Walk(r.Def, func(n grammar.Node) bool {
			if x, ok := n.(*grammar.Alt); ok {
				if _, named := c.names[x]; !named {
					k++
					c.names[x] = fmt.Sprintf("%s#%d", r.Name, k)
				}
			}
			return true
		})
	}
	s.cov = c
	return c
}

func (c *coverage) next(s *Sampler, a Alternative) *withinTree {
	if w := c.within[a]; w != nil {
		return w
	}
	root := a.Alt.Alts[a.I]
	w := &withinTree{root: root}
	w.tree, w.found = s.bfs(root, func(*grammar.Alt) bool { return true })
	c.within[a] = w
	return w
}

// Name returns a stable name for an alternative: "rule#k/i", the i-th
// (1-based) alternative of the k-th choice point (in preorder) of the
// rule's lowered definition, with the choice point's source position.
func (s *Sampler) Name(a Alternative) string {
	c := s.analyse()
	n, ok := c.names[a.Alt]
	if !ok {
		n = "?"
	}
	return fmt.Sprintf("%s/%d (%s)", n, a.I+1, a.Alt.P)
}

// PathName returns the name of a 2-path, "from → to".
func (s *Sampler) PathName(p Path2) string { return s.Name(p.From) + " → " + s.Name(p.To) }

// Targets returns the alternatives and 2-paths reachable from the start
// rule that have a finite derivation, in a fixed order, and the
// alternatives that have none.
func (s *Sampler) Targets() (alts []Alternative, paths []Path2, impossible []Alternative) {
	c := s.analyse()
	for _, x := range c.points {
		for i, a := range x.Alts {
			if s.cost(a).feasible() {
				alts = append(alts, Alternative{x, i})
			} else {
				impossible = append(impossible, Alternative{x, i})
			}
		}
	}
	for _, from := range alts {
		for _, y := range c.next(s, from).found {
			for j, a := range y.Alts {
				if s.cost(a).feasible() {
					paths = append(paths, Path2{from, Alternative{y, j}})
				}
			}
		}
	}
	return alts, paths, impossible
}

// plan returns the steps that lead from the start rule through the
// alternative a, or through both alternatives of the 2-path.
func (s *Sampler) plan(from Alternative, to *Alternative) []step {
	c := s.analyse()
	p := path(c.tree, s.start.Def, from.Alt)
	p = append(p, step{from.Alt, from.I})
	if to != nil {
		w := c.next(s, from)
		p = append(p, path(w.tree, w.root, to.Alt)...)
		p = append(p, step{to.Alt, to.I})
	}
	return p
}

// Coverage generates samples until every alternative and every 2-path
// reachable from the start rule with a finite derivation has been taken at
// least once, or until Options.MaxSamples. Each sample is aimed at the
// first target, in the order of Targets, that no earlier sample hit: the
// sampler follows a shortest path in the grammar to it and expands
// everything else as Next does. A rule without targets (no choice points)
// gets one sample, as Next makes it. The error is non-nil when targets remain
// uncovered, or when a sample took more than MaxWork nodes (a *WorkError,
// after which no more are made); the samples and report are returned all
// the same.
func (s *Sampler) Coverage() ([]*Derivation, CoverageReport, error) {
	alts, paths, impossible := s.Targets()
	altHits := map[Alternative]int{}
	pathHits := map[Path2]int{}
	rec := func(parent ctx, x *grammar.Alt, i int) {
		to := Alternative{x, i}
		altHits[to]++
		if parent.alt != nil {
			pathHits[Path2{Alternative{parent.alt, parent.i}, to}]++
		}
	}
	var out []*Derivation
	var rep CoverageReport
	var workErr error
	gen := func(p []step) bool {
		if len(out) >= s.opts.MaxSamples || workErr != nil {
			return false
		}
		gn := &generator{s: s, d: &Derivation{}, rec: rec}
		gn.rule(s.start, 0, p, noCtx)
		if gn.err != nil {
			workErr = gn.err
			return false
		}
		out = append(out, gn.d)
		return true
	}
	for _, a := range alts {
		if altHits[a] == 0 {
			gen(s.plan(a, nil))
		}
	}
	for _, p := range paths {
		if pathHits[p] == 0 {
			gen(s.plan(p.From, &p.To))
		}
	}
	// A rule without choice points still has its strings to test: its
	// covering set is one sample.
	if len(out) == 0 {
		gen(nil)
	}
	rep.Samples = len(out)
	rep.Alternatives, rep.Paths = len(alts), len(paths)
	for _, a := range alts {
		rep.AltCounts = append(rep.AltCounts, Count{s.Name(a), altHits[a]})
		if altHits[a] > 0 {
			rep.CoveredAlternatives++
		} else {
			rep.Uncovered = append(rep.Uncovered, s.Name(a))
		}
	}
	for _, p := range paths {
		rep.PathCounts = append(rep.PathCounts, Count{s.PathName(p), pathHits[p]})
		if pathHits[p] > 0 {
			rep.CoveredPaths++
		} else {
			rep.Uncovered = append(rep.Uncovered, s.PathName(p))
		}
	}
	for _, a := range impossible {
		rep.Impossible = append(rep.Impossible, s.Name(a))
	}
	if workErr != nil {
		return out, rep, workErr
	}
	if len(rep.Uncovered) > 0 {
		return out, rep, fmt.Errorf("rule %s: %d coverage targets uncovered after %d samples (first: %s)", s.start.Name, len(rep.Uncovered), len(out), rep.Uncovered[0])
	}
	return out, rep, nil
}
