package ref

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/abnfc/abnfc/grammar"
)

// Limits bound the work of one parse, so that every input finishes in
// bounded time and memory.
type Limits struct {
	// MaxInput is the longest input accepted, in bytes (default 1 MiB).
	MaxInput int
	// MaxItems bounds the Earley items of one parse (default 64 million,
	// about 800 MB at worst; a 64 KiB HTTP request needs a few million).
	MaxItems int
	// MaxSteps bounds the steps of Earley completion of one parse: each
	// item waiting for a nonterminal that a completed item looks at, new
	// or not. Items are O(n²) at worst but these steps O(n³) (an ambiguous
	// rule such as a = a a / "x" completes each of O(n²) items against
	// O(n) waiting ones), so MaxItems alone does not bound time. The
	// default is 256 million. What a step costs depends on the grammar:
	// measured with abnfc match on the development machine (2 cores), a = a
	// a / "x" reached the default in 2 s (on 1,172 bytes of x), but a =
	// 1*65536(1*65536"x") took 9 s (on 282 bytes of 20,000 of x), its
	// chart's sets being larger. HTTP requests need about one step per
	// item. Past it a parse fails with an error, as it does past MaxItems.
	MaxSteps int
	// MaxProgram bounds the size of the program New compiles, counted as
	// nonterminals plus productions plus symbols (default 1 million, some
	// 60 MB; RFC 2616's Request needs about 6,000). A bounded repetition
	// n*m x unrolls into n copies of x and m-n optionals, so a grammar of a
	// few bytes such as 1*65536OCTET needs hundreds of thousands; past the
	// limit New reports the position of the repetition where it ran out,
	// with the size of what came before it and what the repetition
	// unrolls into, if anything.
	MaxProgram int
	// MaxTreeNodes bounds the work and memory of Tree (and ParseTree),
	// counted as the nonterminals of the derivations it tries, named
	// rules and the groups and repetitions between them (default 4
	// million, some 100 MB of derivations at worst, 24 bytes each, and
	// Tree's Nodes, some 70 bytes a named rule, besides; 1 MiB of one
	// repeated rule needs about 2 million). The chart does not bound
	// it: over empty spans a tree can be exponential in the grammar's
	// depth (s = n0 "y" n0, n0 = n1 n1 n1 n1, ... on the input "y").
	// Past it Tree fails with an error.
	MaxTreeNodes int
}

// DefaultLimits are the limits New uses.
var DefaultLimits = Limits{MaxInput: 1 << 20, MaxItems: 64 << 20, MaxSteps: 1 << 28, MaxProgram: 1 << 20, MaxTreeNodes: 4 << 20}

// Parser matches input against one rule of a grammar with exact
// context-free semantics: alternation is unordered and repetition is not
// committed, so "*DIGIT DIGIT" matches "12" and *("a" / "ab") "b" matches
// "abb". It is an Earley parser over the lowered grammar (grammar.Lower),
// so ambiguity, left recursion and nesting of any depth all work. It is
// safe for concurrent use.
type Parser struct {
	rule   string
	prog   *prog
	limits Limits
}

// LimitError reports a parse that gave up at one of its Limits. It is the
// error of Parse, ParseTree and Tree past MaxInput, MaxItems, MaxSteps or
// MaxTreeNodes; it does not say whether the input matches.
type LimitError struct {
	// Rule is the rule being matched.
	Rule string
	// Offset is the input offset reached: the Earley set being built
	// (the bytes read) when the recognizer gave up, or the start of the
	// span whose derivation the tree builder was choosing (0 for
	// MaxInput).
	Offset int
	// Limit names the field of Limits that was exceeded, such as
	// "MaxSteps", and Max is its value.
	Limit string
	Max   int
	// Size is the input's length, for MaxInput.
	Size int
}

// Error formats e as "parse of rule R gave up at input offset N: more
// than M ... (ref.Limits.L)".
func (e *LimitError) Error() string {
	var what string
	switch e.Limit {
	case "MaxInput":
		return fmt.Sprintf("parse of rule %s gave up: input of %d bytes is longer than the limit of %d (ref.Limits.MaxInput)", e.Rule, e.Size, e.Max)
	case "MaxSteps":
		what = fmt.Sprintf("more than %d steps of Earley completion", e.Max)
	case "MaxItems":
		what = fmt.Sprintf("more than %d Earley items", e.Max)
	case "MaxTreeNodes":
		what = fmt.Sprintf("building the parse tree took more than %d nodes", e.Max)
	default:
		what = fmt.Sprintf("more than %d", e.Max)
	}
	return fmt.Sprintf("parse of rule %s gave up at input offset %d: %s (ref.Limits.%s)", e.Rule, e.Offset, what, e.Limit)
}

// New compiles rule of g for matching. g is lowered first; lowering errors
// in rules that rule does not reach are ignored.
func New(g *grammar.Grammar, rule string) (*Parser, error) {
	return NewWithLimits(g, rule, DefaultLimits)
}

// NewWithLimits is New with explicit limits.
func NewWithLimits(g *grammar.Grammar, rule string, limits Limits) (*Parser, error) {
	r := g.Lookup(rule)
	if r == nil {
		return nil, fmt.Errorf("rule %s is not defined", rule)
	}
	low, err := grammar.Lower(g)
	var list grammar.ErrorList
	if err != nil && !errors.As(err, &list) {
		return nil, err
	}
	reach := grammar.ReachableKeys(low, low.Lookup(rule))
	bad := list.InRules(reach)
	// Undefined references would leave holes in the program.
	for name := range reach {
		lr := low.Lookup(name)
		grammar.Walk(lr.Def, func(n grammar.Node) bool {
			if ref, ok := n.(*grammar.Ref); ok && low.Lookup(ref.Name) == nil {
				bad.Add(ref.P, grammar.SeverityError, lr.Name, "undefined rule %s (in rule %s)", ref.Name, lr.Name)
			}
			return true
		})
	}
	if len(bad) > 0 {
		bad.Sort()
		return nil, bad
	}
	if limits.MaxInput <= 0 {
		limits.MaxInput = DefaultLimits.MaxInput
	}
	if limits.MaxItems <= 0 {
		limits.MaxItems = DefaultLimits.MaxItems
	}
	if limits.MaxSteps <= 0 {
		limits.MaxSteps = DefaultLimits.MaxSteps
	}
	if limits.MaxProgram <= 0 {
		limits.MaxProgram = DefaultLimits.MaxProgram
	}
	if limits.MaxTreeNodes <= 0 {
		limits.MaxTreeNodes = DefaultLimits.MaxTreeNodes
	}
	prog, big := compile(low, low.Lookup(rule), limits.MaxProgram)
	if big != nil {
		return nil, grammar.ErrorList{big}
	}
	return &Parser{rule: r.Name, prog: prog, limits: limits}, nil
}

// Rule returns the name of the rule p matches.
func (p *Parser) Rule() string { return p.rule }

// Result is the outcome of Parse.
type Result struct {
	// Match reports whether all of the input is in the rule's language.
	Match bool
	// Prefixes lists, in increasing order, the lengths n for which
	// input[:n] is in the language (Match is true iff the last is len(input)).
	Prefixes []int
	// Failure, when Match is false, says where and why.
	Failure *Failure
}

// Failure describes a failed match: the furthest offset the parser
// reached, its position, and what it expected there.
type Failure struct {
	Rule      string
	Offset    int
	Line, Col int
	// Found is the byte at Offset, or -1 at the end of the input.
	Found int
	// Expected lists the terminals (as num-vals or quoted bytes, each with
	// the rule it appears in) and the rules that could start at Offset.
	Expected []string
}

// Error formats f as "line:col: offset N: rule does not match: found X,
// expected Y", listing at most 12 expected items.
func (f *Failure) Error() string {
	found := "end of input"
	if f.Found >= 0 {
		found = fmt.Sprintf("%q", string(rune(f.Found)))
		if f.Found >= 0x80 {
			found = fmt.Sprintf("byte %#02x", f.Found)
		}
	}
	exp := strings.Join(f.Expected, ", ")
	if len(f.Expected) > 12 {
		exp = strings.Join(f.Expected[:12], ", ") + fmt.Sprintf(", … (%d more)", len(f.Expected)-12)
	}
	if exp == "" {
		exp = "end of input"
	}
	return fmt.Sprintf("%d:%d: offset %d: %s does not match: found %s, expected %s", f.Line, f.Col, f.Offset, f.Rule, found, exp)
}

// Match reports whether all of input is in the language of the rule.
// Inputs over the limits do not match.
func (p *Parser) Match(input []byte) bool {
	r, err := p.Parse(input)
	return err == nil && r.Match
}

// Parse matches input and reports the matching prefixes and, on failure,
// the furthest position reached. The error is non-nil only when a limit
// is exceeded.
func (p *Parser) Parse(input []byte) (*Result, error) {
	c, err := p.chart(input)
	if err != nil {
		return nil, err
	}
	res := &Result{Match: c.matched(), Prefixes: c.ends}
	if !res.Match {
		res.Failure = p.failure(c)
	}
	return res, nil
}

func (p *Parser) chart(input []byte) (*chart, error) {
	if len(input) > p.limits.MaxInput {
		return nil, &LimitError{Rule: p.rule, Limit: "MaxInput", Max: p.limits.MaxInput, Size: len(input)}
	}
	c, err := recognize(p.prog, input, p.limits.MaxItems, p.limits.MaxSteps)
	if le, ok := err.(*LimitError); ok {
		le.Rule = p.rule
	}
	return c, err
}

func (p *Parser) failure(c *chart) *Failure {
	k := c.last
	f := &Failure{Rule: p.rule, Offset: k, Found: -1}
	f.Line, f.Col = LineCol(c.input, k)
	if k < len(c.input) {
		f.Found = int(c.input[k])
	}
	seen := map[string]bool{}
	owners := map[string][]string{} // terminal → rules it appears in
	var terms, rules []string
	for _, it := range c.set(k) {
		pr := &p.prog.prods[it.prod]
		if int(it.dot) == len(pr.rhs) {
			continue
		}
		s := pr.rhs[it.dot]
		owner := p.prog.nts[pr.lhs].owner
		if s.isTerm() {
			d := p.prog.terms[s.term()].String()
			if _, ok := owners[d]; !ok {
				terms = append(terms, d)
			}
			if !seen[d+"\x00"+owner] {
				seen[d+"\x00"+owner] = true
				owners[d] = append(owners[d], owner)
			}
		} else if it.dot == 0 && int(it.origin) == k {
			if name := p.prog.nts[pr.lhs].name; name != "" && !seen[name] {
				seen[name] = true
				rules = append(rules, name)
			}
		}
	}
	for i, t := range terms {
		o := owners[t]
		sort.Strings(o)
		if len(o) > 3 {
			o = append(o[:3:3], fmt.Sprintf("%d more", len(owners[t])-3))
		}
		terms[i] = t + " (in " + strings.Join(o, ", ") + ")"
	}
	sort.Strings(terms)
	sort.Strings(rules)
	f.Expected = append(terms, rules...)
	return f
}

// LineCol returns the 1-based line and column (in bytes) of offset off in
// input, counting LF as the line end.
func LineCol(input []byte, off int) (line, col int) {
	line, start := 1, 0
	for i := 0; i < off && i < len(input); i++ {
		if input[i] == '\n' {
			line++
			start = i + 1
		}
	}
	return line, off - start + 1
}

// Tree parses input and returns a parse tree of one derivation, or nil if
// input does not match. Where the input is ambiguous, the tree follows a
// fixed choice and ambiguous is true: at each rule, the first production
// in grammar order that derives the span (alternatives in source order;
// for a repetition, fewer iterations before more), and at each
// concatenation, the split that gives earlier elements the longest spans
// (so a repetition, bounded or not, gives its earlier iterations the
// longest spans: *a, 1*a and 0*3a with a = "x" / "xx" all split "xxx"
// into a[0,2) a[2,3)).
// A derivation never nests a rule in itself over the same span, so a
// repetition of an item that can be empty has no empty iterations (ABNF
// admits infinitely many of them, RFC 5234 §3.6), and ambiguous reports
// exactly whether the input has a second derivation of that kind (the
// brute-force oracle's Derivations checks it).
func (p *Parser) Tree(input []byte) (tree *Node, ambiguous bool, err error) {
	c, err := p.chart(input)
	if err != nil || !c.matched() {
		return nil, false, err
	}
	d, err := p.derivation(c)
	if err != nil {
		return nil, false, err
	}
	return d.Tree(), d.Ambiguous, nil
}

// ParseTree is Parse and Tree from one parse: it returns Parse's result
// and, when all of the input matches, the derivation Tree would give, in
// a compact form (nil when the input does not match). The error is
// non-nil only when a limit is exceeded.
func (p *Parser) ParseTree(input []byte) (*Result, *Derivation, error) {
	c, err := p.chart(input)
	if err != nil {
		return nil, nil, err
	}
	res := &Result{Match: c.matched(), Prefixes: c.ends}
	if !res.Match {
		res.Failure = p.failure(c)
		return res, nil, nil
	}
	d, err := p.derivation(c)
	if err != nil {
		return nil, nil, err
	}
	return res, d, nil
}

// Derivation is the parse tree that Tree chooses for an input, held
// compactly: some 24 bytes for each rule, group and iteration of a
// repetition in it, where the Node tree costs some 70 bytes for each named
// rule besides. Walk visits its nodes without building them, Tree builds
// them.
type Derivation struct {
	b    *builder
	root int32
	// Ambiguous is true when the input has another derivation, as for
	// Parser.Tree.
	Ambiguous bool
}

// derivation extracts the derivation of the start symbol from the chart
// of a matching input.
func (p *Parser) derivation(c *chart) (*Derivation, error) {
	// A run of children is one production's nonterminals.
	longest := 0
	for _, pr := range c.p.prods {
		longest = max(longest, len(pr.rhs))
	}
	b := &builder{c: c, p: c.p, active: map[[3]int]bool{}, max: p.limits.MaxTreeNodes,
		derivs: newVec[deriv](1 << 14), kids: newVec[int32](max(1<<14, longest))}
	root, ok := b.tree()
	if b.over {
		return nil, &LimitError{Rule: p.rule, Offset: b.overAt, Limit: "MaxTreeNodes", Max: b.max}
	}
	// The start symbol S' → rule has one child, the rule.
	if !ok || b.derivs.at(root).nkids != 1 {
		return nil, fmt.Errorf("ref: internal error: no derivation for a recognised input")
	}
	// Walking needs the grammar, not the chart: let it go.
	b.c, b.active, b.todo, b.scratch = nil, nil, nil, nil
	return &Derivation{b: b, root: root, Ambiguous: b.ambiguous}, nil
}

// Walk calls f for each node of the tree, as Tree would build it, depth
// first and a node before its children: the rule, its span
// input[start:end], and its depth (0 for the root, one more for each
// level below). It builds no Node and needs no Go stack however deep the
// tree is.
func (d *Derivation) Walk(f func(rule string, start, end, depth int)) {
	d.b.walk(d.root, f)
}

// Tree returns the root of the tree as Nodes, which are allocated in
// blocks.
func (d *Derivation) Tree() *Node {
	var path []*Node // the nodes from the root to the last one, by depth
	var block []Node
	d.Walk(func(rule string, start, end, depth int) {
		if len(block) == cap(block) {
			block = make([]Node, 0, 1024)
		}
		block = append(block, Node{Rule: rule, Start: start, End: end})
		n := &block[len(block)-1]
		path = append(path[:depth], n)
		if depth > 0 {
			path[depth-1].Children = append(path[depth-1].Children, n)
		}
	})
	return path[0]
}

// Captures parses input and returns the spans of the nodes of each of the
// named rules in the tree of Tree, keyed by the rule names as given.
func (p *Parser) Captures(input []byte, rules ...string) (map[string][][2]int, error) {
	t, _, err := p.Tree(input)
	if err != nil {
		return nil, err
	}
	if t == nil {
		return nil, nil
	}
	out := map[string][][2]int{}
	for _, r := range rules {
		out[r] = t.Spans(r)
	}
	return out, nil
}
