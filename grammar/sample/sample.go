package sample

import (
	"errors"
	"fmt"
	"math/rand"
	"sync"

	"github.com/abnfc/abnfc/grammar"
	"github.com/abnfc/abnfc/grammar/ref"
)

// Options configure a Sampler. Zero fields take the defaults.
type Options struct {
	// Seed seeds the random choices: equal seeds on equal grammars give
	// equal samples.
	Seed int64
	// MaxDepth is the nesting of rule references up to which choices are
	// random; deeper, the sampler takes the shortest way out (default 12).
	MaxDepth int
	// MaxRepeat bounds the iterations of a repetition: at most
	// max(Min, MaxRepeat), and never more than its Max (default 4).
	MaxRepeat int
	// MaxSize is a soft target for the length of a sample in bytes: once
	// the output is this long the sampler takes the shortest way out, so
	// a sample exceeds it by at most the shortest completion (default 4096).
	MaxSize int
	// MaxSamples bounds the number of samples Coverage generates (default
	// 100000).
	MaxSamples int
	// Limits are those of the reference parser that Match, Verdict and
	// NearMisses use (zero fields: ref.DefaultLimits).
	Limits ref.Limits
}

// The defaults of Options.
const (
	DefaultMaxDepth   = 12
	DefaultMaxRepeat  = 4
	DefaultMaxSize    = 4096
	DefaultMaxSamples = 100000
)

// MaxInput is the hard limit on the shortest string of anything the
// sampler expands: alternatives whose shortest string is longer are never
// taken, and New rejects a start rule whose shortest string is longer. It
// equals the reference parser's default input limit.
const MaxInput = 1 << 20

// Sampler generates strings from one rule of a grammar. It is not safe
// for concurrent use: it owns a random source.
type Sampler struct {
	g     *grammar.Grammar // the lowered grammar
	orig  *grammar.Grammar // as given, for the reference parser
	start *grammar.Rule
	opts  Options
	rng   *rand.Rand

	rules map[*grammar.Rule]cost
	nodes map[grammar.Node]cost

	cov *coverage // lazily built by Coverage

	refOnce sync.Once
	refP    *ref.Parser
	refErr  error
}

// cost is the length of the shortest string a node derives and the
// height (in rule references) of the lowest derivation of that length.
// Costs compare lexicographically; inf marks a node with no finite
// derivation.
type cost struct {
	len, h int
}

// inf is a cost's length with no finite derivation; lengths saturate at
// grammar.MaxShortestLen, far above MaxInput.
const inf = grammar.NoDerivation

var infCost = cost{inf, inf}

func (c cost) less(d cost) bool { return c.len < d.len || c.len == d.len && c.h < d.h }
func (c cost) finite() bool     { return c.len < inf }

// feasible reports whether the sampler may expand a node of cost c.
func (c cost) feasible() bool { return c.len <= MaxInput }

// New returns a sampler for rule of g. It lowers g; lowering errors in
// rules that rule does not reach are ignored. It fails when rule is not
// defined, reaches an undefined rule or an unresolved prose-val, or has
// no finite derivation (a = "x" a), or when its shortest string is longer
// than MaxInput.
func New(g *grammar.Grammar, rule string, opts Options) (*Sampler, error) {
	if g == nil {
		return nil, errors.New("sample: nil grammar")
	}
	if g.Lookup(rule) == nil {
		return nil, fmt.Errorf("rule %s is not defined", rule)
	}
	low, err := grammar.Lower(g)
	var list grammar.ErrorList
	if err != nil && !errors.As(err, &list) {
		return nil, err
	}
	start := low.Lookup(rule)
	reach := grammar.ReachableKeys(low, start)
	bad := list.InRules(reach)
	for _, r := range low.Rules {
		if !reach[grammar.Key(r.Name)] {
			continue
		}
		// Lower reports repetitions and lists whose minimum exceeds
		// their maximum (in their own terms; a list's expansion would
		// show other counts).
		grammar.Walk(r.Def, func(n grammar.Node) bool {
			if n, ok := n.(*grammar.Ref); ok && low.Lookup(n.Name) == nil {
				bad.Add(n.P, grammar.SeverityError, r.Name, "undefined rule %s (in rule %s)", n.Name, r.Name)
			}
			return true
		})
	}
	if len(bad) > 0 {
		bad.Sort()
		return nil, bad
	}
	if opts.MaxDepth <= 0 {
		opts.MaxDepth = DefaultMaxDepth
	}
	if opts.MaxRepeat <= 0 {
		opts.MaxRepeat = DefaultMaxRepeat
	}
	if opts.MaxSize <= 0 {
		opts.MaxSize = DefaultMaxSize
	}
	if opts.MaxSamples <= 0 {
		opts.MaxSamples = DefaultMaxSamples
	}
	s := &Sampler{g: low, orig: g, start: start, opts: opts, rng: rand.New(rand.NewSource(opts.Seed))}
	s.computeCosts(reach)
	c := s.rules[start]
	if !c.finite() {
		return nil, &grammar.Error{Pos: start.Pos, Severity: grammar.SeverityError, Rule: start.Name,
			Msg: fmt.Sprintf("rule %s has no finite derivation: every expansion refers to itself again", start.Name)}
	}
	if !c.feasible() {
		return nil, &grammar.Error{Pos: start.Pos, Severity: grammar.SeverityError, Rule: start.Name,
			Msg: fmt.Sprintf("the shortest string of rule %s is longer than %d bytes (sample.MaxInput)", start.Name, MaxInput)}
	}
	return s, nil
}

// Rule returns the name of the rule s samples, as defined.
func (s *Sampler) Rule() string { return s.start.Name }

// Options returns the options in effect, defaults filled in.
func (s *Sampler) Options() Options { return s.opts }

// computeCosts finds the cost of the rules of reach and of every node in
// their definitions: grammar.ShortestDerivations, whose treatment of
// undefined rules and prose-vals left by Lower (as empty) never applies
// here, since New refuses them first.
func (s *Sampler) computeCosts(reach map[string]bool) {
	var rules []*grammar.Rule
	for _, r := range s.g.Rules {
		if reach[grammar.Key(r.Name)] {
			rules = append(rules, r)
		}
	}
	rs, ns := grammar.ShortestDerivations(s.g, rules)
	s.rules = make(map[*grammar.Rule]cost, len(rs))
	for r, c := range rs {
		s.rules[r] = cost{c.Len, c.Height}
	}
	s.nodes = make(map[grammar.Node]cost, len(ns))
	for n, c := range ns {
		s.nodes[n] = cost{c.Len, c.Height}
	}
}

// cost returns the cost of a node of the lowered grammar.
func (s *Sampler) cost(n grammar.Node) cost {
	if c, ok := s.nodes[n]; ok {
		return c
	}
	return infCost
}

// MinLen returns the length of the shortest string of the rule called
// name, and false if the rule is not reachable from the sampler's rule or
// has no finite derivation.
func (s *Sampler) MinLen(name string) (int, bool) {
	r := s.g.Lookup(name)
	c, ok := s.rules[r]
	if !ok || !c.finite() {
		return 0, false
	}
	return c.len, true
}

// Term is one terminal of a derivation: the bytes Start to End of the
// sample came from Node, a *grammar.Literal or *grammar.Range of the
// lowered grammar, in the definition of Rule.
type Term struct {
	Start, End int
	Rule       string
	Node       grammar.Node
}

// Fold reports whether the term is a case-insensitive literal.
func (t Term) Fold() bool {
	l, ok := t.Node.(*grammar.Literal)
	return ok && l.Fold
}

// Derivation is a sample with a record of where its bytes came from.
type Derivation struct {
	// Bytes is the sample.
	Bytes []byte
	// Terms lists the terminals in order; empty literals are omitted.
	Terms []Term
	// Choices lists the alternatives taken, in the order taken (see
	// Coverage for what they identify).
	Choices []Alternative
}

// Next returns a new random sample of the rule. The error is non-nil
// when the sample would take more than MaxWork nodes (a *WorkError).
func (s *Sampler) Next() ([]byte, error) {
	d, err := s.NextDerivation()
	if err != nil {
		return nil, err
	}
	return d.Bytes, nil
}

// NextDerivation returns a new random sample with its derivation. The
// error is non-nil when the sample would take more than MaxWork nodes (a
// *WorkError).
func (s *Sampler) NextDerivation() (*Derivation, error) {
	gn := &generator{s: s, d: &Derivation{}}
	gn.rule(s.start, 0, nil, noCtx)
	if gn.err != nil {
		return nil, gn.err
	}
	return gn.d, nil
}

// step is one edge of a planned path through the grammar: at node, go
// into child (the alternative of an Alt, the item of a Concat; 0 for the
// item of a Repeat or the definition behind a Ref).
type step struct {
	node  grammar.Node
	child int
}

// ctx is the alternative whose subtree the generator is in, for 2-paths.
type ctx struct {
	alt *grammar.Alt
	i   int
}

var noCtx = ctx{}

// MaxSteps steers the work of one sample: after expanding this many
// nodes the sampler takes the shortest way out, as past MaxDepth and
// MaxSize. Nested repetitions of what may be empty, such as *(*(*(""))),
// produce no output and no rule references, so neither of those limits
// stops them; this one does.
const MaxSteps = 1 << 20

// MaxWork bounds the work of one sample, counted as the nodes expanded:
// past it the sample fails with a *WorkError. The shortest way out skips
// what derives only the empty string, but what it must produce can still
// take many nodes: a = 1000(1000(b)) with b = c, c = d, ... and a last
// rule "x" expands the whole chain a million times. 8 million nodes took
// about half a second (measured with abnfc sample on the development
// machine).
const MaxWork = 8 * MaxSteps

// WorkError reports a sample that took more than MaxWork nodes.
type WorkError struct {
	// Rule is the rule sampled; Pos and In the node and the rule where
	// the sampler was when it stopped.
	Rule string
	Pos  grammar.Pos
	In   string
	// Bytes is the length of the sample so far.
	Bytes int
}

func (e *WorkError) Error() string {
	return fmt.Sprintf("%s: a sample of rule %s took more than %d nodes (sample.MaxWork), %d bytes so far, stopping in rule %s here: past sample.MaxSteps it takes the shortest way out, and that is this large", e.Pos, e.Rule, MaxWork, e.Bytes, e.In)
}

// generator expands one sample.
type generator struct {
	s *Sampler
	d *Derivation
	// rec, when set, is told of each alternative taken with its context.
	rec func(parent ctx, x *grammar.Alt, i int)
	// steps counts the nodes expanded, against MaxSteps and MaxWork.
	steps int
	// err is set past MaxWork; the expansion then unwinds.
	err *WorkError
}

func (gn *generator) shortest(depth int) bool {
	return depth >= gn.s.opts.MaxDepth || len(gn.d.Bytes) >= gn.s.opts.MaxSize || gn.steps >= MaxSteps
}

func (gn *generator) rule(r *grammar.Rule, depth int, plan []step, c ctx) {
	gn.node(r.Def, r, depth, plan, c)
}

// node expands n, a node of rule r's definition, at rule depth depth.
// When plan is not empty, plan[0] is a step at n, and the expansion
// follows the plan.
func (gn *generator) node(n grammar.Node, r *grammar.Rule, depth int, plan []step, c ctx) {
	s := gn.s
	if gn.err != nil {
		return
	}
	var next []step
	forced := -1
	if len(plan) > 0 && plan[0].node == n {
		forced, next = plan[0].child, plan[1:]
	}
	// Taking the shortest way out, what derives only the empty string
	// adds nothing: no bytes, no terms (Derivation omits empty literals),
	// and no random choice is made in it. Skipping it keeps the way out
	// of s = n0 "y", n0 = n1 n1, ..., n40 = "" from expanding 2^41 nodes;
	// the alternatives it would take go unrecorded (Choices, Coverage's
	// hits), which only Coverage's plans aim at, and they are followed.
	if forced < 0 && gn.shortest(depth) && s.cost(n).len == 0 {
		return
	}
	if gn.steps++; gn.steps > MaxWork {
		gn.err = &WorkError{Rule: s.start.Name, Pos: n.Pos(), In: r.Name, Bytes: len(gn.d.Bytes)}
		return
	}
	switch n := n.(type) {
	case *grammar.Alt:
		i := forced
		if i < 0 {
			i = gn.choose(n, depth)
		}
		gn.d.Choices = append(gn.d.Choices, Alternative{n, i})
		if gn.rec != nil {
			gn.rec(c, n, i)
		}
		gn.node(n.Alts[i], r, depth, next, ctx{n, i})
	case *grammar.Concat:
		for k, a := range n.Items {
			if k == forced {
				gn.node(a, r, depth, next, c)
			} else {
				gn.node(a, r, depth, nil, c)
			}
		}
	case *grammar.Repeat:
		k := gn.count(n, depth)
		if forced >= 0 && k == 0 {
			k = 1
		}
		// Past the limits an item whose shortest string is empty gives
		// the empty string each time: one iteration is all of them, even
		// when Min asks for more (2*(2*(2*("")))).
		empty := s.cost(n.Item).len == 0
		for it := 0; it < k; it++ {
			if it > 0 && (it >= n.Min || empty) && gn.shortest(depth) {
				break // a limit was reached during the iterations
			}
			if it == 0 && forced >= 0 {
				gn.node(n.Item, r, depth, next, c)
			} else {
				gn.node(n.Item, r, depth, nil, c)
			}
		}
	case *grammar.Ref:
		t := s.g.Lookup(n.Name)
		gn.node(t.Def, t, depth+1, next, c)
	case *grammar.Literal:
		if n.Text == "" {
			return
		}
		start := len(gn.d.Bytes)
		for i := 0; i < len(n.Text); i++ {
			b := n.Text[i]
			if n.Fold && isLetter(b) && s.rng.Intn(2) == 0 {
				b ^= 0x20
			}
			gn.d.Bytes = append(gn.d.Bytes, b)
		}
		gn.d.Terms = append(gn.d.Terms, Term{start, len(gn.d.Bytes), r.Name, n})
	case *grammar.Range:
		start := len(gn.d.Bytes)
		gn.d.Bytes = append(gn.d.Bytes, n.Lo+byte(s.rng.Intn(int(n.Hi-n.Lo)+1)))
		gn.d.Terms = append(gn.d.Terms, Term{start, start + 1, r.Name, n})
	}
}

// choose picks an alternative of x. Before half the depth limit it picks
// uniformly among the feasible alternatives; from there to the limit it
// weights each by 1/(1+h), h the height of its shortest derivation, which
// steers toward the way out; past the limits it takes the least-cost one.
func (gn *generator) choose(x *grammar.Alt, depth int) int {
	s := gn.s
	if !gn.shortest(depth) {
		steer := 2*depth >= s.opts.MaxDepth
		var ok []int
		var w []float64
		total := 0.0
		for i, a := range x.Alts {
			if c := s.cost(a); c.feasible() {
				ok = append(ok, i)
				wi := 1.0
				if steer {
					wi = 1 / float64(1+c.h)
				}
				w = append(w, wi)
				total += wi
			}
		}
		if len(ok) > 0 {
			f := s.rng.Float64() * total
			for k, wi := range w {
				if f < wi {
					return ok[k]
				}
				f -= wi
			}
			return ok[len(ok)-1]
		}
	}
	best, bc := 0, infCost
	for i, a := range x.Alts {
		if c := s.cost(a); c.less(bc) {
			best, bc = i, c
		}
	}
	return best
}

// count picks the iterations of a repetition: uniformly between Min and
// min(Max, max(Min, MaxRepeat)) before the limits, Min past them.
func (gn *generator) count(n *grammar.Repeat, depth int) int {
	if gn.shortest(depth) || !gn.s.cost(n.Item).feasible() {
		return n.Min
	}
	hi := max(n.Min, gn.s.opts.MaxRepeat)
	if n.Max != grammar.Inf {
		hi = min(hi, n.Max)
	}
	return n.Min + gn.s.rng.Intn(hi-n.Min+1)
}

func isLetter(b byte) bool { c := b | 0x20; return c >= 'a' && c <= 'z' }

// Match reports whether input is in the language of the sampler's rule,
// using the reference parser (built on first use). Inputs over the
// reference parser's limits do not match: use Verdict to tell them apart.
func (s *Sampler) Match(input []byte) bool {
	in, err := s.Verdict(input)
	return err == nil && in
}

// Verdict reports whether input is in the language of the sampler's rule,
// using the reference parser (built on first use). The error is non-nil
// when there is no verdict: the parser could not be built, or it gave up
// at one of its limits (a *ref.LimitError).
func (s *Sampler) Verdict(input []byte) (bool, error) {
	p, err := s.Parser()
	if err != nil {
		return false, err
	}
	res, err := p.Parse(input)
	if err != nil {
		return false, err
	}
	return res.Match, nil
}

// Parser returns the reference parser for the sampler's rule, built on
// first use with Options.Limits.
func (s *Sampler) Parser() (*ref.Parser, error) {
	s.refOnce.Do(func() { s.refP, s.refErr = ref.NewWithLimits(s.orig, s.start.Name, s.opts.Limits) })
	return s.refP, s.refErr
}
