package ref_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/abnfc/abnfc/grammar"
	"github.com/abnfc/abnfc/grammar/ref"
)

// TestTreeNullableRepetition pins trees of inputs that match through a
// nullable item inside a repetition or a rule nested in itself over the
// same span: Tree once committed to the first split and failed on them
// with "no derivation for a recognised input". The tree never nests a rule
// in itself over the same span (no empty iterations), and ambiguous says
// whether another such tree exists.
func TestTreeNullableRepetition(t *testing.T) {
	tests := []struct {
		name, grammar, rule, input string
		want                       string // the tree, as printed by show
		ambiguous                  bool
	}{
		{"optional in star", `a = *( ["x"] ) "y"`, "a", "xxy", `a[0,3)`, false},
		{"optional rule in star", "a = *( o ) \"y\"\no = [\"x\"]\n", "a", "xxy", `a[0,3)(o[0,1) o[1,2))`, false},
		// The first iteration takes the longest span, as in 1*3b below.
		{"star of star", "a = *b\nb = *\"x\"\n", "a", "xx", `a[0,2)(b[0,2))`, true},
		{"star of star, one byte", "a = *b\nb = *\"x\"\n", "a", "x", `a[0,1)(b[0,1))`, false},
		{"star of star, empty", "a = *b\nb = *\"x\"\n", "a", "", `a[0,0)`, false},
		{"star of optional", "a = *b\nb = [\"x\"]\n", "a", "xxx", `a[0,3)(b[0,1) b[1,2) b[2,3))`, false},
		{"nullable before", "a = *(e \"x\")\ne = \"\"\n", "a", "xx", `a[0,2)(e[0,0) e[1,1))`, false},
		{"bounded of nullable", "a = 1*3b \"y\"\nb = *\"x\"\n", "a", "xxy", `a[0,3)(b[0,2))`, true},
		{"unit cycle", "a = b / \"x\"\nb = a\n", "a", "x", `a[0,1)`, false},
		{"unit cycle through b", "a = b\nb = a / \"x\"\n", "a", "x", `a[0,1)(b[0,1))`, false},
		{"left recursion with empty", "a = a e / \"x\"\ne = \"\" / \"y\"\n", "a", "xy", `a[0,2)(a[0,1) e[1,2))`, false},
		{"unit rule first", "a = b / \"x\"\nb = \"x\"\n", "a", "x", `a[0,1)(b[0,1))`, true},
		// a = b a fails over [0,0) (a nests in itself), after b, chosen
		// first, had found its second derivation: that set ambiguous,
		// though a = "" is the only derivation.
		{"ambiguous child of a failed alternative", "a = b a / \"\"\nb = \"\" / c\nc = \"\"\n", "a", "", `a[0,0)`, false},
		{"ambiguous child of a failed alternative, inside", "s = \"x\" a \"y\"\na = b a / \"\"\nb = \"\" / c\nc = \"\"\n", "s", "xy", `s[0,2)(a[1,1))`, false},
		{"ambiguous child of the chosen alternative", "a = b / \"x\"\nb = \"\" / c\nc = \"\"\n", "a", "", `a[0,0)(b[0,0))`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustParser(t, mustGrammar(t, grammar.RFC5234, tt.grammar), tt.rule)
			tree, amb, err := p.Tree([]byte(tt.input))
			if err != nil {
				t.Fatalf("Tree(%q): %v", tt.input, err)
			}
			if got := show(tree); got != tt.want {
				t.Errorf("Tree(%q) = %s, want %s", tt.input, got, tt.want)
			}
			if amb != tt.ambiguous {
				t.Errorf("Tree(%q) ambiguous = %v, want %v", tt.input, amb, tt.ambiguous)
			}
		})
	}
}

// show prints a tree as rule[start,end)(children).
func show(n *ref.Node) string {
	if n == nil {
		return "<nil>"
	}
	s := fmt.Sprintf("%s[%d,%d)", n.Rule, n.Start, n.End)
	if len(n.Children) > 0 {
		var kids []string
		for _, c := range n.Children {
			kids = append(kids, show(c))
		}
		s += "(" + strings.Join(kids, " ") + ")"
	}
	return s
}

// randomGrammar returns four rules over "x" and "y" that reference each
// other freely (left recursion, cycles) and are full of nullable items:
// "", options, stars and bounded repetitions of them.
func randomGrammar(r *rand.Rand) string {
	atoms := []string{`"x"`, `"y"`, `""`, "r0", "r1", "r2", "r3"}
	forms := []form{optional, star, plus, upTo2, alternation, concatenation, concatenation, inner}
	return randomRules(r, atoms, forms, false)
}

// TestTreeAgreesWithMatch checks Tree against Match on many small random
// grammars and every input over "x" and "y" of up to 4 bytes: Tree gives a
// tree exactly when Match matches, and every node of it spans input its
// rule matches, inside its parent, in order.
func TestTreeAgreesWithMatch(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var inputs []string
	for n := range 5 {
		for bits := range 1 << n {
			in := make([]byte, n)
			for i := range in {
				in[i] = "xy"[bits>>i&1]
			}
			inputs = append(inputs, string(in))
		}
	}
	matched := 0
	for gi := range 1000 {
		src := randomGrammar(r)
		g := mustGrammar(t, grammar.RFC5234, src)
		parsers := map[string]*ref.Parser{}
		parser := func(rule string) *ref.Parser {
			if parsers[rule] == nil {
				parsers[rule] = mustParser(t, g, rule)
			}
			return parsers[rule]
		}
		for _, in := range inputs {
			p := parser("r0")
			tree, _, err := p.Tree([]byte(in))
			if err != nil {
				t.Fatalf("grammar %d:\n%sTree(%q): %v", gi, src, in, err)
			}
			if m := p.Match([]byte(in)); m != (tree != nil) {
				t.Fatalf("grammar %d:\n%sMatch(%q) = %v but Tree = %s", gi, src, in, m, show(tree))
			}
			if tree == nil {
				continue
			}
			matched++
			if tree.Rule != "r0" || tree.Start != 0 || tree.End != len(in) {
				t.Fatalf("grammar %d:\n%sTree(%q) = %s: root is not r0 over the input", gi, src, in, show(tree))
			}
			tree.Walk(func(n *ref.Node) bool {
				if !parser(n.Rule).Match([]byte(in[n.Start:n.End])) {
					t.Fatalf("grammar %d:\n%sTree(%q) = %s: %s does not match %q", gi, src, in, show(tree), n.Rule, in[n.Start:n.End])
				}
				at := n.Start
				for _, c := range n.Children {
					if c.Start < at || c.End < c.Start || c.End > n.End {
						t.Fatalf("grammar %d:\n%sTree(%q) = %s: child %s[%d,%d) out of place", gi, src, in, show(tree), c.Rule, c.Start, c.End)
					}
					at = c.End
				}
				return true
			})
		}
	}
	t.Logf("%d matching inputs", matched)
	if matched < 3000 {
		t.Errorf("only %d matches in the random grammars: the test checks too little", matched)
	}
}

// TestTreeDeep checks that Tree handles a long repetition without a deep
// Go stack: derivations of any depth are built from a work list, and
// trees walked with a stack of their own. The Go stack is capped at 16 MB
// here, which a recursion of a few hundred bytes a level over 128 KiB
// would overflow (1 MiB, Limits.MaxInput, overflowed the default 1 GB).
func TestTreeDeep(t *testing.T) {
	defer debug.SetMaxStack(debug.SetMaxStack(16 << 20))
	g := mustGrammar(t, grammar.RFC5234, "a = *b\nb = \"x\"\nr = *\"x\"\n")
	in := []byte(strings.Repeat("x", 128<<10))
	for _, rule := range []string{"a", "r"} {
		tree, _, err := mustParser(t, g, rule).Tree(in)
		if err != nil || tree == nil || tree.End != len(in) {
			t.Fatalf("Tree of %d bytes: %v, %v", len(in), tree, err)
		}
	}
}

// TestTreeNoWorkForFailedDerivations: a derivation that fails (here
// n0 s over [0,j), whose s closes a cycle) or is only a check for a
// second one must not have its children over smaller spans resolved.
// Tree once queued them as it built the derivation, so each of the 100
// nodes s [0,j) resolved a thrown-away n0 [0,0) of 4⁶ nodes: 100 times
// the work, and past 1 GB at depth 8, where a map of the placeholders had
// resolved it once.
func TestTreeNoWorkForFailedDerivations(t *testing.T) {
	src := "s = n0 s / s \"x\" / \"x\"\n"
	for i := range 6 {
		src += fmt.Sprintf("n%d = n%d n%d n%d n%d\n", i, i+1, i+1, i+1, i+1)
	}
	src += "n6 = [ \"z\" ]\n"
	p := mustParser(t, mustGrammar(t, grammar.RFC5234, src), "s")
	in := []byte(strings.Repeat("x", 100))
	var tree *ref.Node
	allocs := testing.AllocsPerRun(1, func() {
		var err error
		if tree, _, err = p.Tree(in); err != nil {
			t.Fatal(err)
		}
	})
	if got := show(tree); strings.Contains(got, "n0") {
		t.Errorf("tree has n0: %s", got)
	}
	if allocs > 100_000 {
		t.Errorf("Tree of 100 bytes: %.0f allocations, want the tree's size (a few thousand)", allocs)
	}
}

// TestTreeMemory bounds the bytes that a parse tree of a long input
// allocates, per input byte, through ParseTree and Derivation.Walk (what
// abnfc match -tree does) and through Tree. A chart of a slice per set,
// a *deriv and slice per derivation and the Node tree had cost some 500
// bytes a byte of *"c" (abnfc match -tree took 600 MB for 1 MiB).
func TestTreeMemory(t *testing.T) {
	tests := []struct {
		name, grammar string
		walk, tree    float64 // bytes allocated per input byte, at most
	}{
		{"star of a literal", "r = *\"c\"\n", 200, 200},
		{"star of a rule", "r = *b\nb = \"c\"\n", 350, 450},
		{"star of a group", "r = *( b \"c\" )\nb = \"c\"\n", 350, 450},
	}
	in := []byte(strings.Repeat("c", 256<<10))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustParser(t, mustGrammar(t, grammar.RFC5234, tt.grammar), "r")
			alloc := func(f func()) float64 {
				var m0, m1 runtime.MemStats
				runtime.ReadMemStats(&m0)
				f()
				runtime.ReadMemStats(&m1)
				return float64(m1.TotalAlloc-m0.TotalAlloc) / float64(len(in))
			}
			nodes := 0
			walk := alloc(func() {
				res, d, err := p.ParseTree(in)
				if err != nil || !res.Match || d == nil {
					t.Fatalf("ParseTree: %v, %v", res, err)
				}
				d.Walk(func(string, int, int, int) { nodes++ })
			})
			tree := alloc(func() {
				if tr, _, err := p.Tree(in); err != nil || tr == nil {
					t.Fatalf("Tree: %v", err)
				}
			})
			t.Logf("%d nodes; bytes allocated per input byte: %.0f walking, %.0f for Tree", nodes, walk, tree)
			if walk > tt.walk || tree > tt.tree {
				t.Errorf("bytes allocated per input byte: %.0f walking, %.0f for Tree; want at most %.0f and %.0f", walk, tree, tt.walk, tt.tree)
			}
		})
	}
}

// TestTreeRepetitionChoice checks that every form of repetition chooses
// its iterations as Parser.Tree documents, the earlier ones the longest
// spans: *a had given the most iterations (a[0,1) a[1,2) a[2,3) on
// "xxx"), as its left-recursive form star → star a gave star, the earlier
// symbol, the longest span, while 1*a, 0*3a and 1*3a gave a[0,2) a[2,3).
func TestTreeRepetitionChoice(t *testing.T) {
	const elems = "a = \"x\" / \"xx\"\n"
	tests := []struct {
		name    string
		dialect grammar.Dialect
		rule    string // s = rule
		input   string
		want    string
	}{
		{"star", grammar.RFC5234, "*a", "xxx", "s[0,3)(a[0,2) a[2,3))"},
		{"star, four", grammar.RFC5234, "*a", "xxxx", "s[0,4)(a[0,2) a[2,4))"},
		{"star, one", grammar.RFC5234, "*a", "x", "s[0,1)(a[0,1))"},
		{"star of a group", grammar.RFC5234, "*( a )", "xxx", "s[0,3)(a[0,2) a[2,3))"},
		{"star then more", grammar.RFC5234, "*a a", "xxx", "s[0,3)(a[0,2) a[2,3))"},
		{"one or more", grammar.RFC5234, "1*a", "xxx", "s[0,3)(a[0,2) a[2,3))"},
		{"two or more", grammar.RFC5234, "2*a", "xxx", "s[0,3)(a[0,2) a[2,3))"},
		{"three or more", grammar.RFC5234, "3*a", "xxx", "s[0,3)(a[0,1) a[1,2) a[2,3))"},
		{"up to three", grammar.RFC5234, "0*3a", "xxx", "s[0,3)(a[0,2) a[2,3))"},
		{"one to three", grammar.RFC5234, "1*3a", "xxx", "s[0,3)(a[0,2) a[2,3))"},
		{"exactly three", grammar.RFC5234, "3a", "xxx", "s[0,3)(a[0,1) a[1,2) a[2,3))"},
		{"7230 list of stars", grammar.RFC7230, "1#e\ne = *a", "xxx, xxx", "s[0,8)(e[0,3)(a[0,2) a[2,3)) e[5,8)(a[5,7) a[7,8)))"},
		{"2616 list of stars", grammar.RFC2616, "#e\ne = 1*a", "xxx,xxx", "s[0,7)(e[0,3)(a[0,2) a[2,3)) e[4,7)(a[4,6) a[6,7)))"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "s = " + tt.rule + "\n" + elems
			if tt.dialect == grammar.RFC2616 {
				src = strings.ReplaceAll(src, "/", "|")
			}
			p := mustParser(t, mustGrammar(t, tt.dialect, src), "s")
			tree, amb, err := p.Tree([]byte(tt.input))
			if err != nil {
				t.Fatalf("Tree(%q): %v", tt.input, err)
			}
			if got := show(tree); got != tt.want {
				t.Errorf("Tree(%q) = %s, want %s", tt.input, got, tt.want)
			}
			if want := ref.Derivations(p, []byte(tt.input)) > 1; amb != want {
				t.Errorf("Tree(%q) ambiguous = %v, want %v (Derivations)", tt.input, amb, want)
			}
		})
	}
}
