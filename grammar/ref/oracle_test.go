package ref_test

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/abnfc/abnfc/grammar"
	"github.com/abnfc/abnfc/grammar/ref"
)

// This file checks the reference parser against a second oracle that
// shares none of its code: brute force. For a small alphabet and a small
// bound N, the language of every rule, cut to the strings of at most N
// bytes over the alphabet, is computed as a least fixed point of sets of
// strings over the lowered grammar (alternation is union, concatenation
// every split, repetition powers up to the bound). Then Parse (Match and
// Prefixes) must agree with it on every string over the alphabet of up to
// N bytes, and every tree Tree gives must be a derivation: each node's
// rule derives its span with exactly its children as the rules directly
// below it. Tree's ambiguous flag is checked against a count of the
// derivations it chooses among (Derivations, in export_test.go).

// lang is a set of strings, all of at most bound bytes over an alphabet.
type lang map[string]bool

type bruteForce struct {
	g     *grammar.Grammar // lowered
	alpha []byte
	bound int
	env   map[string]lang // by grammar.Key
}

// newBruteForce computes the languages of start and the rules it reaches
// in the lowered grammar g, cut to strings of at most bound bytes over
// alpha.
func newBruteForce(g *grammar.Grammar, start, alpha string, bound int) *bruteForce {
	bf := &bruteForce{g: g, alpha: []byte(alpha), bound: bound, env: map[string]lang{}}
	rules := grammar.Reachable(g, g.Lookup(start))
	for _, r := range rules {
		bf.env[grammar.Key(r.Name)] = lang{}
	}
	for changed := true; changed; {
		changed = false
		for _, r := range rules {
			k := grammar.Key(r.Name)
			l := bf.eval(r.Def)
			if len(l) != len(bf.env[k]) {
				bf.env[k] = l
				changed = true
			}
		}
	}
	return bf
}

func (bf *bruteForce) lang(rule string) lang { return bf.env[grammar.Key(rule)] }

func (bf *bruteForce) concat(a, b lang) lang {
	out := lang{}
	for x := range a {
		for y := range b {
			if len(x)+len(y) <= bf.bound {
				out[x+y] = true
			}
		}
	}
	return out
}

func union(a, b lang) lang {
	out := lang{}
	for x := range a {
		out[x] = true
	}
	for x := range b {
		out[x] = true
	}
	return out
}

func (bf *bruteForce) eval(n grammar.Node) lang {
	switch n := n.(type) {
	case *grammar.Alt:
		out := lang{}
		for _, a := range n.Alts {
			out = union(out, bf.eval(a))
		}
		return out
	case *grammar.Concat:
		out := lang{"": true}
		for _, a := range n.Items {
			out = bf.concat(out, bf.eval(a))
		}
		return out
	case *grammar.Repeat:
		x := bf.eval(n.Item)
		pow := lang{"": true}
		for range n.Min {
			pow = bf.concat(pow, x)
		}
		out := pow
		if n.Max == grammar.Inf {
			for {
				next := union(out, bf.concat(out, x))
				if len(next) == len(out) {
					return out
				}
				out = next
			}
		}
		for i := n.Min; i < n.Max && len(pow) > 0; i++ {
			pow = bf.concat(pow, x)
			out = union(out, pow)
		}
		return out
	case *grammar.Ref:
		return bf.env[grammar.Key(n.Name)]
	case *grammar.Literal:
		out := lang{"": true}
		if len(n.Text) > bf.bound {
			return lang{}
		}
		for i := 0; i < len(n.Text); i++ {
			c := lang{}
			for _, a := range bf.alpha {
				if a == n.Text[i] || n.Fold && isLetter(a) && a|0x20 == n.Text[i]|0x20 {
					c[string(a)] = true
				}
			}
			out = bf.concat(out, c)
		}
		return out
	case *grammar.Range:
		out := lang{}
		for _, a := range bf.alpha {
			if a >= n.Lo && a <= n.Hi {
				out[string(a)] = true
			}
		}
		return out
	}
	panic(fmt.Sprintf("brute force: unexpected %T in a lowered grammar", n))
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// allStrings returns every string over alpha of at most bound bytes.
func allStrings(alpha string, bound int) []string {
	out := []string{""}
	level := []string{""}
	for range bound {
		var next []string
		for _, s := range level {
			for i := 0; i < len(alpha); i++ {
				next = append(next, s+alpha[i:i+1])
			}
		}
		out = append(out, next...)
		level = next
	}
	return out
}

// derives reports whether n derives input[i:j] with exactly kids as the
// rule nodes directly below it, in order (groups, repetitions and
// terminals make no nodes). It runs over states (offset, kids used).
func derives(g *grammar.Grammar, n grammar.Node, input string, i, j int, kids []*ref.Node) bool {
	type state struct{ at, k int }
	var step func(n grammar.Node, in map[state]bool) map[state]bool
	step = func(n grammar.Node, in map[state]bool) map[state]bool {
		out := map[state]bool{}
		switch n := n.(type) {
		case *grammar.Alt:
			for _, a := range n.Alts {
				for s := range step(a, in) {
					out[s] = true
				}
			}
		case *grammar.Concat:
			out = in
			for _, a := range n.Items {
				out = step(a, out)
			}
		case *grammar.Repeat:
			cur := in
			for range n.Min {
				cur = step(n.Item, cur)
			}
			for s := range cur {
				out[s] = true
			}
			if n.Max == grammar.Inf {
				// Only states not met before can lead further.
				for len(cur) > 0 {
					next := map[state]bool{}
					for s := range step(n.Item, cur) {
						if !out[s] {
							out[s] = true
							next[s] = true
						}
					}
					cur = next
				}
				break
			}
			for it := n.Min; it < n.Max && len(cur) > 0; it++ {
				cur = step(n.Item, cur)
				for s := range cur {
					out[s] = true
				}
			}
		case *grammar.Ref:
			for s := range in {
				if s.k < len(kids) && grammar.Key(kids[s.k].Rule) == grammar.Key(n.Name) && kids[s.k].Start == s.at {
					out[state{kids[s.k].End, s.k + 1}] = true
				}
			}
		case *grammar.Literal:
			for s := range in {
				if s.at+len(n.Text) > j {
					continue
				}
				ok := true
				for t := 0; t < len(n.Text); t++ {
					a, b := input[s.at+t], n.Text[t]
					if a != b && !(n.Fold && isLetter(a) && a|0x20 == b|0x20) {
						ok = false
					}
				}
				if ok {
					out[state{s.at + len(n.Text), s.k}] = true
				}
			}
		case *grammar.Range:
			for s := range in {
				if s.at < j && input[s.at] >= n.Lo && input[s.at] <= n.Hi {
					out[state{s.at + 1, s.k}] = true
				}
			}
		default:
			panic(fmt.Sprintf("derives: unexpected %T", n))
		}
		return out
	}
	return step(n, map[state]bool{{i, 0}: true})[state{j, len(kids)}]
}

// checkTree reports the first node of tree that is not a derivation step
// of the lowered grammar g over input.
func checkTree(g *grammar.Grammar, tree *ref.Node, input string) error {
	var err error
	tree.Walk(func(n *ref.Node) bool {
		if err != nil {
			return false
		}
		r := g.Lookup(n.Rule)
		if r == nil {
			err = fmt.Errorf("node of unknown rule %s", n.Rule)
			return false
		}
		if n.Start < 0 || n.End < n.Start || n.End > len(input) || !derives(g, r.Def, input, n.Start, n.End, n.Children) {
			err = fmt.Errorf("node %s[%d,%d) is not a derivation of its rule with its children", n.Rule, n.Start, n.End)
			return false
		}
		return true
	})
	return err
}

// compareWithBruteForce checks rule of g against the brute-force oracle on
// every string over alpha of at most bound bytes. want, if not nil, is the
// language the test expects, independently of Lower; otherwise the
// brute force over the lowered grammar is the expectation.
func compareWithBruteForce(t *testing.T, g *grammar.Grammar, rule, alpha string, bound int, trees bool, want func(string) bool) (matches int) {
	t.Helper()
	low, err := grammar.Lower(g)
	if err != nil {
		t.Fatalf("Lower: %v", err)
	}
	bf := newBruteForce(low, rule, alpha, bound)
	l := bf.lang(rule)
	p := mustParser(t, g, rule)
	for _, in := range allStrings(alpha, bound) {
		if want != nil && want(in) != l[in] {
			t.Errorf("lowered language of %s: brute force says %q is %v, the expectation %v", rule, in, l[in], want(in))
		}
		res, err := p.Parse([]byte(in))
		if err != nil {
			t.Fatalf("Parse(%q): %v", in, err)
		}
		if res.Match != l[in] {
			t.Errorf("%s: Parse(%q).Match = %v, brute force %v", rule, in, res.Match, l[in])
			continue
		}
		var prefixes []int
		for k := 0; k <= len(in); k++ {
			if l[in[:k]] {
				prefixes = append(prefixes, k)
			}
		}
		if !slices.Equal(res.Prefixes, prefixes) {
			t.Errorf("%s: Parse(%q).Prefixes = %v, brute force %v", rule, in, res.Prefixes, prefixes)
		}
		if !res.Match {
			continue
		}
		matches++
		if !trees {
			continue
		}
		tree, amb, err := p.Tree([]byte(in))
		if err != nil || tree == nil {
			t.Errorf("%s: Tree(%q) = %v, %v for a match", rule, in, tree, err)
			continue
		}
		if n := ref.Derivations(p, []byte(in)); amb != (n > 1) {
			t.Errorf("%s: Tree(%q) = %s: ambiguous = %v, but brute force counts %d derivations without a rule nested in itself over one span", rule, in, show(tree), amb, n)
		}
		if grammar.Key(tree.Rule) != grammar.Key(rule) || tree.Start != 0 || tree.End != len(in) {
			t.Errorf("%s: Tree(%q) = %s: the root is not %s over the input", rule, in, show(tree), rule)
		} else if err := checkTree(low, tree, in); err != nil {
			t.Errorf("%s: Tree(%q) = %s: %v", rule, in, show(tree), err)
		}
	}
	return matches
}

// oracleGrammar returns four rules r0–r3 over "x", "y" and "X" that
// reference each other freely (left, right and centre recursion, cycles
// through nullable rules), with case-insensitive and %s strings, num-val
// strings and ranges, empty strings, options, and repetitions of every
// kind of bound: *, 1*, n*m, exact, *0, 0*0, 0.
func oracleGrammar(r *rand.Rand) string {
	atoms := []string{`"x"`, `"X"`, `"y"`, `"xy"`, `%s"Xy"`, `%i"yx"`, `%x78`, `%x58-78`, `%x78.79`, `""`, "r0", "r1", "r2", "r3"}
	forms := []form{
		optional, star, plus, upTo2,
		func(_ *rand.Rand, e func() string) string { return "2( " + e() + " )" },
		func(_ *rand.Rand, e func() string) string { return "2*3( " + e() + " )" },
		func(r *rand.Rand, e func() string) string {
			return []string{"*0", "0*0", "0", "3*"}[r.IntN(4)] + "( " + e() + " )"
		},
		alternation, alternation, concatenation, concatenation, concatenation,
		func(r *rand.Rand, _ func() string) string { // centre recursion
			return `"x" ` + []string{"r0", "r1", "r2", "r3"}[r.IntN(4)] + ` "y"`
		},
		inner,
	}
	return randomRules(r, atoms, forms, true)
}

// form builds one random expression of a random grammar, e giving its
// operands.
type form func(r *rand.Rand, e func() string) string

func optional(_ *rand.Rand, e func() string) string      { return "[ " + e() + " ]" }
func star(_ *rand.Rand, e func() string) string          { return "*( " + e() + " )" }
func plus(_ *rand.Rand, e func() string) string          { return "1*( " + e() + " )" }
func upTo2(_ *rand.Rand, e func() string) string         { return "0*2( " + e() + " )" }
func alternation(_ *rand.Rand, e func() string) string   { return "( " + e() + " / " + e() + " )" }
func concatenation(_ *rand.Rand, e func() string) string { return e() + " " + e() }
func inner(_ *rand.Rand, e func() string) string         { return e() }

// randomRules returns the rules r0 to r3 of a random grammar, each an
// expression of depth 1 to 3: a form picked at random at every level, an
// atom at depth 0; with alts, a quarter of the rules get a second
// alternative of depth 0 or 1. The rules refer to each other freely (left
// recursion, cycles).
func randomRules(r *rand.Rand, atoms []string, forms []form, alts bool) string {
	var expr func(depth int) string
	expr = func(depth int) string {
		if depth == 0 {
			return atoms[r.IntN(len(atoms))]
		}
		return forms[r.IntN(len(forms))](r, func() string { return expr(depth - 1) })
	}
	var b strings.Builder
	for i := range 4 {
		fmt.Fprintf(&b, "r%d = %s", i, expr(1+r.IntN(3)))
		if alts && r.IntN(4) == 0 {
			fmt.Fprintf(&b, " / %s", expr(r.IntN(2)))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestBruteForceRandom compares Parse and Tree with the brute-force oracle
// on random grammars (see oracleGrammar) and every string of up to 5 bytes
// over "x", "y" and "X".
func TestBruteForceRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 3))
	n, matches := 300, 0
	if testing.Short() {
		n = 60
	}
	for gi := range n {
		src := oracleGrammar(r)
		g := mustGrammar(t, grammar.RFC5234, src)
		for _, rule := range []string{"r0", "r2"} {
			ok := t.Run(fmt.Sprintf("%d/%s", gi, rule), func(t *testing.T) {
				matches += compareWithBruteForce(t, g, rule, "xyX", 5, true, nil)
			})
			if !ok {
				t.Fatalf("grammar %d:\n%s", gi, src)
			}
		}
	}
	t.Logf("%d matching inputs", matches)
	if matches < 15*n {
		t.Errorf("only %d matches: the test checks too little", matches)
	}
}

// lwsRE is RFC 2616 §2.2's LWS = [CRLF] 1*( SP | HT ).
const lwsRE = `(?:(?:\r\n)?[ \t]+)`

// listLang returns the language of <min>#<max>elem as RFC 7230 §7 has
// recipients accept it, written from the RFC, not from ExpandList: the
// items between commas are elements or null (not counted), white space w
// may stand on either side of a comma but not at the start or the end of
// the list (RFC 7230: 1#element => *( "," OWS ) element *( OWS "," [ OWS
// element ] ), #element => [ ( "," / element ) *( OWS "," [ OWS element
// ] ) ]), and between min and max (-1: no limit) elements.
func listLang(min, max int, elem, w string) func(string) bool {
	el := regexp.MustCompile(`^(?:` + elem + `)$`)
	first := regexp.MustCompile(`^(?:(?:` + elem + `)` + w + `*)?$`)
	mid := regexp.MustCompile(`^` + w + `*(?:(?:` + elem + `)` + w + `*)?$`)
	last := regexp.MustCompile(`^(?:` + w + `*(?:` + elem + `))?$`)
	return func(s string) bool {
		if s == "" {
			return min == 0
		}
		items := strings.Split(s, ",")
		count := 0
		for i, it := range items {
			var re *regexp.Regexp
			switch {
			case len(items) == 1:
				re = el
			case i == 0:
				re = first
			case i == len(items)-1:
				re = last
			default:
				re = mid
			}
			if !re.MatchString(it) {
				return false
			}
			if strings.Trim(it, " \t\r\n") != "" {
				count++
			}
		}
		return count >= min && (max < 0 || count <= max) && (count > 0 || min == 0)
	}
}

// listLang2616 returns the language of <min>#<max>elem as RFC 2616 §2.1
// defines it, written from the RFC, not from ExpandList: 1#element is
// ( *LWS element *( *LWS "," *LWS element ) ), where any element may be
// null and is then not counted. So the items between commas are white
// space w, an element or nothing, and w, except that the last item has no
// w after its element: the list may start with w and end with w after a
// comma, but not with w after an element.
func listLang2616(min, max int, elem, w string) func(string) bool {
	item := regexp.MustCompile(`^` + w + `*(?:(?:` + elem + `)` + w + `*)?$`)
	last := regexp.MustCompile(`^` + w + `*(?:` + elem + `)?$`)
	nonNull := regexp.MustCompile(elem)
	return func(s string) bool {
		items := strings.Split(s, ",")
		count := 0
		for i, it := range items {
			re := item
			if i == len(items)-1 {
				re = last
			}
			if !re.MatchString(it) {
				return false
			}
			if nonNull.MatchString(it) {
				count++
			}
		}
		return count >= min && (max < 0 || count <= max)
	}
}

func reLang(re string) func(string) bool {
	x := regexp.MustCompile(`^(?:` + re + `)$`)
	return x.MatchString
}

// TestBruteForceDialects checks the dialects' notations, as Lower gives
// them to the reference parser, against languages written down from the
// RFCs independently of Lower, and the reference parser against the brute
// force on every string of up to N bytes over each case's alphabet.
func TestBruteForceDialects(t *testing.T) {
	tests := []struct {
		name    string
		dialect grammar.Dialect
		src     string // defines r
		alpha   string
		bound   int
		want    func(string) bool
	}{
		// RFC 2616 §2.1 lists: *LWS before the first element and around
		// commas, null elements anywhere.
		{"2616 1#element", grammar.RFC2616, `r = 1#e` + "\ne = \"a\" | \"bb\"\n", "ab, \r\n", 5, listLang2616(1, -1, "a|bb", lwsRE)},
		{"2616 #element", grammar.RFC2616, `r = #e` + "\ne = \"a\"\n", "a, \r\n", 6, listLang2616(0, -1, "a", lwsRE)},
		{"2616 2#3element", grammar.RFC2616, `r = 2#3e` + "\ne = \"a\"\n", "a, \t", 6, listLang2616(2, 3, "a", `[ \t]`)},
		{"2616 #2element", grammar.RFC2616, `r = #2e` + "\ne = \"a\"\n", "a, ", 7, listLang2616(0, 2, "a", `[ \t]`)},
		{"2616 3#element", grammar.RFC2616, `r = 3#e` + "\ne = \"a\"\n", "a, ", 7, listLang2616(3, -1, "a", `[ \t]`)},
		{"2616 1#1element", grammar.RFC2616, `r = 1#1e` + "\ne = \"a\"\n", "a, ", 6, listLang2616(1, 1, "a", `[ \t]`)},
		{"2616 #0element", grammar.RFC2616, `r = #0e` + "\ne = \"a\"\n", "a, ", 5, listLang2616(0, 0, "a", `[ \t]`)},
		{"2616 list after a literal", grammar.RFC2616, `r = "x" 1#e` + "\ne = \"a\"\n", "xa, ", 6, func(s string) bool { return s != "" && s[0] == 'x' && listLang2616(1, -1, "a", `[ \t]`)(s[1:]) }},
		// RFC 7230 §7: OWS, not LWS.
		{"7230 1#element", grammar.RFC7230, `r = 1#e` + "\ne = \"a\"\n", "a, \t\r\n", 5, listLang(1, -1, "a", `[ \t]`)},
		{"7230 #element", grammar.RFC7230, `r = #e` + "\ne = \"a\"\n", "a, \t", 6, listLang(0, -1, "a", `[ \t]`)},
		{"7230 2#element", grammar.RFC7230, `r = 2#e` + "\ne = \"ab\"\n", "ab, ", 7, listLang(2, -1, "ab", `[ \t]`)},
		// RFC 2616 §2.1 implied *LWS between the elements of an @lws
		// rule's concatenations and repetitions, with folding, but not
		// inside single-byte repetitions such as 1*DIGIT.
		{"2616 @lws concatenation", grammar.RFC2616, "; @lws\nr = \"a\" \"b\"\n", "ab \r\n\t", 5, reLang(`a` + lwsRE + `*b`)},
		{"2616 @lws repetition", grammar.RFC2616, "; @lws\nr = 1*\"ab\"\n", "ab \r\n", 6, reLang(`ab(?:` + lwsRE + `*ab)*`)},
		{"2616 @lws single-byte repetition", grammar.RFC2616, "; @lws\nr = \"a\" 1*DIGIT\n", "a1 \r\n", 6, reLang(`a` + lwsRE + `*[0-9]+`)},
		{"2616 @lws exact count", grammar.RFC2616, "; @lws\nr = 2\"ab\"\n", "ab \r\n", 6, reLang(`ab` + lwsRE + `*ab`)},
		{"2616 @lws not in referenced rules", grammar.RFC2616, "; @lws\nr = s \"b\"\ns = \"a\" \"a\"\n", "ab \r\n", 6, reLang(`aa` + lwsRE + `*b`)},
		{"2616 @lws list", grammar.RFC2616, "; @lws\nr = \"a\" 1#\"b\"\n", "ab, ", 6, reLang(`a *(?:, *)*b(?: *, *b?)*`)},
		// RFC 2616 §2.1: "|" binds loosest; "quoted" is case-insensitive.
		{"2616 | precedence", grammar.RFC2616, "r = \"a\" \"b\" | \"c\" *\"d\"\n", "abcdAB", 5, reLang(`[aA][bB]|[cC]d*`)},
		{"2616 case", grammar.RFC2616, "r = \"aB\" %s\"aB\" %i\"b\"\n", "aAbB", 5, reLang(`[aA][bB]aB[bB]`)},
		{"2616 <\">", grammar.RFC2616, "r = <\"> \"a\" <\">\n", "a\"", 4, reLang(`"[aA]"`)},
		// RFC 5234 §3.4 num-vals, §3.6–3.7 repetitions, §4 prose-vals.
		{"5234 ranges", grammar.RFC5234, "r = %x61-62 %d99 / %b1100100.1100101\n", "abcde", 3, reLang(`[ab]c|de`)},
		{"5234 exact count", grammar.RFC5234, "r = 3\"a\" / 2*\"b\" / *1\"c\"\n", "abc", 5, reLang(`aaa|bbb*|c?`)},
		{"5234 *0 0*0 0", grammar.RFC5234, "r = *0\"a\" \"b\" 0*0\"c\" 0<nothing> / 0\"a\" \"c\"\n", "abc", 3, reLang(`b|c`)},
		{"5234 prose names a rule", grammar.RFC5234, "r = <e> \"b\" / <e, defined below> \"c\"\ne = \"a\"\n", "abc", 3, reLang(`[aA][bBcC]`)},
		{"5234 @case-sensitive", grammar.RFC5234, "; @case-sensitive\nr = \"aB\" s\ns = \"a\"\n", "aAbB", 4, reLang(`aB[aA]`)},
		{"5234 @case-sensitive keeps %i", grammar.RFC5234, "; @case-sensitive\nr = \"aB\" %i\"b\"\n", "aAbB", 4, reLang(`aB[bB]`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := mustGrammar(t, tt.dialect, tt.src)
			compareWithBruteForce(t, g, "r", tt.alpha, tt.bound, true, tt.want)
		})
	}
}
