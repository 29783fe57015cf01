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
	// default, 256 million, is about two seconds of work; HTTP requests
	// need about one step per item. Past it a parse fails with an error,
	// as it does past MaxItems.
	MaxSteps int
	// MaxProgram bounds the size of the program New compiles, counted as
	// nonterminals plus productions plus symbols (default 1 million, some
	// 60 MB; RFC 2616's Request needs about 6,000). A bounded repetition
	// n*m x unrolls into n copies of x and m-n optionals, so a grammar of a
	// few bytes such as 1*65536OCTET needs hundreds of thousands; past the
	// limit New reports the repetition's position.
	MaxProgram int
	// MaxTreeNodes bounds the work and memory of Tree, counted as the
	// nonterminals of the derivations it tries, named rules and the
	// groups and repetitions between them (default 4 million, some 800
	// MB at worst; 1 MiB of one repeated rule needs about 2 million). The chart does not bound
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

func (e errLimit) Error() string {
	if e.steps > 0 {
		return fmt.Sprintf("parse needs more than %d steps of Earley completion (ref.Limits.MaxSteps)", e.steps)
	}
	return fmt.Sprintf("parse needs more than %d Earley items (ref.Limits.MaxItems)", e.items)
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
		return nil, fmt.Errorf("input of %d bytes is longer than the limit of %d (ref.Limits.MaxInput)", len(input), p.limits.MaxInput)
	}
	return recognize(p.prog, input, p.limits.MaxItems, p.limits.MaxSteps)
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
	for _, it := range c.sets[k] {
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
// concatenation, the split that gives earlier elements the longest spans.
// A derivation never nests a rule in itself over the same span, so a
// repetition of an item that can be empty has no empty iterations (ABNF
// admits infinitely many of them, RFC 5234 §3.6), and ambiguous reports a
// second derivation of that kind. Over an empty span it can also report
// one that nests a rule in itself further down (it is set while an
// alternative is tried and kept when that alternative fails); such a
// grammar is ambiguous in the ordinary sense anyway.
func (p *Parser) Tree(input []byte) (tree *Node, ambiguous bool, err error) {
	c, err := p.chart(input)
	if err != nil || !c.matched() {
		return nil, false, err
	}
	b := &builder{c: c, active: map[[3]int]bool{}, max: p.limits.MaxTreeNodes}
	d, ok := b.tree()
	if b.over {
		return nil, false, fmt.Errorf("building the parse tree took more than %d nodes (ref.Limits.MaxTreeNodes)", b.max)
	}
	var kids []*Node
	if ok {
		kids = b.nodes(d)
	}
	if len(kids) != 1 {
		return nil, false, fmt.Errorf("ref: internal error: no derivation for a recognised input")
	}
	return kids[0], b.ambiguous, nil
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
