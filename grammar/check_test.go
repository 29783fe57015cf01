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
// self-embedding check.
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
		{name: "one or more", src: `a = 1*a "x"`, left: "a → a", embed: true},
		{name: "bounded", src: `a = 2*3a "x"`, left: "a → a", embed: true},
		{name: "exact count", src: `a = 2a "x" / "y"`, left: "a → a", embed: true},
		{name: "star of group", src: `a = *("y" / a) "x"`, left: "a → a", embed: true},
		{name: "nested repetition", src: `a = *(1*a "z") "x"`, left: "a → a", embed: true},
		{name: "nullable before repetition", src: `a = ["z"] *a "x"`, left: "a → a", embed: true},
		{name: "through another rule", src: "a = *b \"x\"\nb = a / \"y\"", left: "a → b", embed: true},
		// RFC 7230 §7: #element is [ element *( OWS "," OWS element ) ].
		{name: "list", dialect: grammar.RFC7230, src: `a = #a "x"`, left: "a → a", embed: true},
		{name: "one or more list", dialect: grammar.RFC7230, src: `a = 1#a "x"`, left: "a → a", embed: true},
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
					if e.Pos.Line != 1 || e.Pos.Col != 1 {
						t.Errorf("left recursion at %v, want t.abnf:1:1", e.Pos)
					}
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
