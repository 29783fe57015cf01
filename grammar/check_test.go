package grammar_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/abnfc/abnfc/grammar"
	"github.com/abnfc/abnfc/grammar/syntax"
)

// TestCheckRecursion pins the left recursion warning and the
// self-embedding note. A repetition's first iteration is leftmost (RFC
// 5234 §3.6: *a "x" may start with a), so a reference inside a repetition
// or list that nothing non-empty must precede is left-recursive, whatever
// the number of iterations; later iterations only add context for the
// self-embedding check. Rules that need themselves at least once
// (a = 1*a "x") have an alternative way out, or they would have no finite
// derivation (TestCheckFiniteDerivation).
func TestCheckRecursion(t *testing.T) {
	tests := []struct {
		name    string
		dialect grammar.Dialect
		src     string
		left    string // the left recursion cycle, or "" for none
		embed   bool   // a self-embedding note
	}{
		{name: "direct", src: `a = a "x" / "y"`, left: "a → a"},
		{name: "option", src: `a = [a] "x"`, left: "a → a"},
		{name: "star", src: `a = *a "x"`, left: "a → a", embed: true},
		{name: "one or more", src: `a = 1*a "x" / "y"`, left: "a → a", embed: true},
		{name: "bounded", src: `a = 2*3a "x" / "y"`, left: "a → a", embed: true},
		{name: "exact count", src: `a = 2a "x" / "y"`, left: "a → a", embed: true},
		{name: "star of group", src: `a = *("y" / a) "x"`, left: "a → a", embed: true},
		{name: "nested repetition", src: `a = *(1*a "z") "x"`, left: "a → a", embed: true},
		{name: "nullable before repetition", src: `a = ["z"] *a "x"`, left: "a → a", embed: true},
		{name: "through another rule", src: "a = *b \"x\"\nb = a / \"y\"", left: "a → b", embed: true},
		// RFC 7230 §7: #element is [ element *( OWS "," OWS element ) ].
		{name: "list", dialect: grammar.RFC7230, src: `a = #a "x"`, left: "a → a", embed: true},
		{name: "one or more list", dialect: grammar.RFC7230, src: `a = 1#a "x" / "y"`, left: "a → a", embed: true},
		{name: "rfc2616 list", dialect: grammar.RFC2616, src: `a = #a "x"`, left: "a → a", embed: true},
		// Not left-recursive: something non-empty must come first.
		{name: "after a terminal", src: `a = "y" *a "x"`, embed: true},
		{name: "after a repetition with a minimum", src: `a = 1*"y" *a`, embed: true},
		{name: "right recursion", src: `a = "x" [a]`},
		{name: "right recursion in repetition", src: `a = "x" *a`, embed: true},
		{name: "parentheses", src: `a = "(" *a ")"`, embed: true},
		{name: "zero repetitions", src: `a = 0a "x"`},
		{name: "no recursion", src: `a = *"x"`},
		// A rule that replaces a built-in one can make built-in rules
		// recursive (RFC 5234 Appendix B.1: WSP = SP / HTAB). The cycle
		// is the user's, whichever of its rules the search meets first.
		{name: "through a built-in rule", src: `SP = WSP "x" / "y"`, left: "SP → WSP"},
		{name: "self-embedding through a built-in rule", src: `SP = "(" WSP ")" / "y"`, embed: true},
		{name: "self-embedding through a later built-in rule", src: `CR = "(" CRLF ")" / "y"`, embed: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := syntax.ParseString("t.abnf", tt.src+"\n", syntax.Options{Dialect: tt.dialect})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			var left []string
			embed := false
			for _, e := range grammar.Check(g, grammar.CheckOptions{}) {
				switch {
				case e.Severity == grammar.SeverityError:
					t.Errorf("error: %v", e)
				case strings.HasPrefix(e.Msg, "left recursion: "):
					left = append(left, strings.TrimPrefix(e.Msg, "left recursion: "))
					if e.Code != grammar.CodeLeftRecursion {
						t.Errorf("left recursion with code %d, want CodeLeftRecursion", e.Code)
					}
					if e.Pos.Line != 1 || e.Pos.Col != 1 {
						t.Errorf("left recursion at %v, want t.abnf:1:1", e.Pos)
					}
				case e.Code != grammar.CodeNone:
					t.Errorf("%v: code %d, want none", e, e.Code)
				case strings.Contains(e.Msg, "self-embedding"):
					embed = true
					if e.Pos.Line != 1 || e.Pos.Col != 1 {
						t.Errorf("self-embedding at %v, want t.abnf:1:1", e.Pos)
					}
				case strings.Contains(e.Msg, "replaces the built-in"):
				default:
					t.Errorf("unexpected diagnostic: %v", e)
				}
			}
			switch {
			case tt.left == "" && len(left) > 0:
				t.Errorf("left recursion %q, want none", left)
			case tt.left != "" && (len(left) != 1 || !strings.HasPrefix(left[0], tt.left)):
				t.Errorf("left recursion %q, want %q", left, tt.left)
			}
			if embed != tt.embed {
				t.Errorf("self-embedding note: %v, want %v", embed, tt.embed)
			}
		})
	}
}

// TestCheckLongChainIsLinear: Nullable, and so Check, take time linear in
// the grammar's size. A fixed point over the rules took one pass per rule
// of the chain r0 = r1, r1 = r2, …, rN = "" (each pass made one more rule
// nullable): 20,000 rules, 300 KB of source, took minutes.
func TestCheckLongChainIsLinear(t *testing.T) {
	const n = 1 << 16
	g := &grammar.Grammar{}
	for i := 0; i < n; i++ {
		g.Add(&grammar.Rule{Name: fmt.Sprintf("r%d", i), Def: &grammar.Ref{Name: fmt.Sprintf("r%d", i+1)}})
	}
	g.Add(&grammar.Rule{Name: fmt.Sprintf("r%d", n), Def: grammar.NewLiteral(grammar.Pos{}, "", false)})
	done := make(chan map[*grammar.Rule]bool)
	go func() {
		grammar.Check(g, grammar.CheckOptions{})
		done <- grammar.Nullable(g)
	}()
	select {
	case null := <-done:
		if len(null) != n+1 {
			t.Errorf("Nullable: %d rules, want all %d", len(null), n+1)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Check of a chain of 65536 rules took more than 20 s")
	}
}

// TestCheckFiniteDerivation: a rule every expansion of which refers to a
// rule again (a = "x" a) has no finite derivation and matches no input;
// Check reports it as an error at the rule's definition, each such rule
// (a rule that needs one has none either). Imports, undefined rules and
// unresolved prose-vals have their own diagnostics and count as
// derivable here, and so do repetitions whose minimum exceeds their
// maximum.
func TestCheckFiniteDerivation(t *testing.T) {
	tests := []struct {
		name    string
		dialect grammar.Dialect
		src     string
		want    []string // the errors about finite derivations
	}{
		{name: "right recursion without an end", src: `a = "x" a`,
			want: []string{"t.abnf:1:1: rule a has no finite derivation: every expansion of it refers to a rule again, so it matches no input"}},
		{name: "nesting without an end", src: `c = "(" c ")"`,
			want: []string{"t.abnf:1:1: rule c has no finite derivation: every expansion of it refers to a rule again, so it matches no input"}},
		{name: "itself", src: `b = b`,
			want: []string{"t.abnf:1:1: rule b has no finite derivation: every expansion of it refers to a rule again, so it matches no input"}},
		{name: "one or more of itself", src: `a = 1*a "x"`,
			want: []string{"t.abnf:1:1: rule a has no finite derivation: every expansion of it refers to a rule again, so it matches no input"}},
		{name: "through another rule", src: "top = \"<\" b\nb = a\na = \"x\" b",
			want: []string{
				"t.abnf:1:1: rule top has no finite derivation: every expansion of it refers to a rule again, so it matches no input",
				"t.abnf:2:1: rule b has no finite derivation: every expansion of it refers to a rule again, so it matches no input",
				"t.abnf:3:1: rule a has no finite derivation: every expansion of it refers to a rule again, so it matches no input",
			}},
		// RFC 7230 §7: 1#a is a *( OWS "," OWS a ), one a at least.
		{name: "one or more list", dialect: grammar.RFC7230, src: `a = 1#a "x"`,
			want: []string{"t.abnf:1:1: rule a has no finite derivation: every expansion of it refers to a rule again, so it matches no input"}},
		{name: "optional recursion", src: `a = "x" [a]`},
		{name: "repeated recursion", src: `a = "(" *a ")"`},
		{name: "left recursion with an end", src: `a = a "x" / "y"`},
		{name: "zero repetitions", src: `a = 0a "x"`},
		{name: "rfc2616 list", dialect: grammar.RFC2616, src: `a = #a "x"`},
		{name: "import", src: `a = "x" b` + "\nb = <b, see [RFC0000]>"},
		{name: "undefined rule", src: `a = "x" missing`},
		{name: "prose naming a rule", src: "a = \"x\" <b>\nb = \"y\""},
		// A repetition whose minimum exceeds its maximum is an error of
		// its own (Lower), not a cause to say the rule refers to itself.
		{name: "minimum exceeds maximum", src: "a = 3*2\"x\"\nb = \"y\" a"},
		{name: "list minimum exceeds maximum", dialect: grammar.RFC2616, src: `a = 3#2"x"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkDiagnostics(t, tt.dialect, tt.src, tt.want, func(e *grammar.Error) bool {
				if !strings.Contains(e.Msg, "finite derivation") {
					return false
				}
				if e.Severity != grammar.SeverityError || e.Rule == "" {
					t.Errorf("%v: severity %v, rule %q", e, e.Severity, e.Rule)
				}
				return true
			})
		})
	}
}

// TestCheckLowered: the graph checks see what Lower makes of a rule: the
// *LWS of an @lws rule or of an RFC 2616 list (§2.1) refers to the LWS
// rule, which may be the grammar's own, so that LWS is reachable, and a
// way into left recursion (an audit found the check warning that the
// user's LWS was unreachable, and missing the recursion, while match and
// gen used it).
func TestCheckLowered(t *testing.T) {
	tests := []struct {
		name    string
		dialect grammar.Dialect
		src     string
		want    []string // the warnings
	}{
		{name: "LWS of a list is reachable", dialect: grammar.RFC2616, src: "; @root\na = 1#\"x\"\nLWS = \"-\""},
		{name: "LWS of an @lws rule is reachable", src: "; @root\n; @lws\na = \"x\" \"y\"\nLWS = \" \""},
		{name: "unreachable without @lws", src: "; @root\na = \"x\" \"y\"\nLWS = \" \"",
			want: []string{"t.abnf:3:1: warning: rule LWS is not reachable from the roots"}},
		{name: "left recursion through a list's LWS", dialect: grammar.RFC2616, src: "a = 1#\"x\"\nLWS = a \"-\" | \" \"",
			want: []string{"t.abnf:2:1: warning: left recursion: LWS → a → LWS"}},
		{name: "left recursion through implied LWS", src: "; @lws\na = *\"x\" \"y\"\nLWS = a \"-\" / \" \"",
			want: []string{"t.abnf:2:1: warning: left recursion: a → LWS → a"}},
		{name: "prose that names no rule", src: "d = \"x\" / <some prose>",
			want: []string{"t.abnf:1:11: warning: prose-val <some prose> in rule d names no defined rule: match, sample and gen refuse a rule that reaches it"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkDiagnostics(t, tt.dialect, tt.src, tt.want, func(e *grammar.Error) bool { return e.Severity == grammar.SeverityWarning })
		})
	}
}

// checkDiagnostics parses src (a line end added) in dialect, checks it,
// and compares the diagnostics keep selects, in Check's order, with want.
func checkDiagnostics(t *testing.T, dialect grammar.Dialect, src string, want []string, keep func(*grammar.Error) bool) {
	t.Helper()
	g, err := syntax.ParseString("t.abnf", src+"\n", syntax.Options{Dialect: dialect})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	var got []string
	for _, e := range grammar.Check(g, grammar.CheckOptions{}) {
		if keep(e) {
			got = append(got, e.Error())
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestCheckLongCycleMessages checks that the left-recursion warning and
// the self-embedding note list a few rule names, not a whole cycle or
// component: 60,000 rules made messages of 649 KB and 309 KB (an audit).
func TestCheckLongCycleMessages(t *testing.T) {
	ring := func(n int, def string) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "r%d = "+def+"\n", i, (i+1)%n)
		}
		return b.String()
	}
	tests := []struct {
		name string
		src  string
		want string // the diagnostic's message
	}{
		{"left recursion of 3", ring(3, `r%d "x" / "y"`), `left recursion: r0 → r1 → r2 → r0`},
		{"left recursion of 1000", ring(1000, `r%d "x" / "y"`), `left recursion: r0 → r1 → r2 → r3 → r4 → … 990 more → r995 → r996 → r997 → r998 → r999 → r0`},
		{"self-embedding of 3", ring(3, `"(" r%d ")" / "x"`), `rule r0 is self-embedding (recursion with context on both sides, via r0, r1, r2)`},
		{"self-embedding of 1000", ring(1000, `"(" r%d ")" / "x"`), `rule r0 is self-embedding (recursion with context on both sides, via r0, r1, r10, r100, r101, … 990 more, r995, r996, r997, r998, r999)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := syntax.ParseString("c.abnf", tt.src, syntax.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range grammar.Check(g, grammar.CheckOptions{}) {
				got = append(got, e.Msg)
				if strings.HasPrefix(e.Msg, tt.want) && len(e.Msg) < 400 {
					return
				}
			}
			t.Errorf("Check gave %q, want a message starting %q of under 400 bytes", got, tt.want)
		})
	}
}
