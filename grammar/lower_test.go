package grammar_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/abnfc/abnfc/grammar"
	"github.com/abnfc/abnfc/grammar/syntax"
)

// TestLower pins the core ABNF that each notation lowers to; the
// reference parser and the generator both rely on it.
func TestLower(t *testing.T) {
	tests := []struct {
		name    string
		dialect grammar.Dialect
		src     string
		want    string // rule r after Lower, in rfc5234 notation
	}{
		{"7230 1#element", grammar.RFC7230, `r = 1#"a"`,
			`*("," *(" " / %x09)) "a" *(1*(*(" " / %x09) ",") *(" " / %x09) "a") *(*(" " / %x09) ",")`},
		{"7230 #element", grammar.RFC7230, `r = #"a"`,
			`[*("," *(" " / %x09)) "a" *(1*(*(" " / %x09) ",") *(" " / %x09) "a") *(*(" " / %x09) ",") / "," *(*(" " / %x09) ",")]`},
		{"7230 2#3element", grammar.RFC7230, `r = 2#3"a"`,
			`*("," *(" " / %x09)) "a" 1*2(1*(*(" " / %x09) ",") *(" " / %x09) "a") *(*(" " / %x09) ",")`},
		// RFC 2616 §2.1: ( *LWS element *( *LWS "," *LWS element ) ),
		// every element may be null.
		{"2616 list uses LWS", grammar.RFC2616, `r = 1#"a"`,
			`*LWS *("," *LWS) "a" *(1*(*LWS ",") *LWS "a") *(*LWS "," *LWS)`},
		{"2616 #0 is nulls only", grammar.RFC2616, `r = #0"a"`, `[*LWS *("," *LWS)]`},
		{"7230 list uses OWS", grammar.RFC7230, `r = 1#"a"`,
			`*("," *(" " / %x09)) "a" *(1*(*(" " / %x09) ",") *(" " / %x09) "a") *(*(" " / %x09) ",")`},
		{"implied LWS between elements", grammar.RFC2616, "; @lws\nr = \"a\" token [\"b\"]", `"a" *LWS token *LWS ["b"]`},
		{"implied LWS between word repetitions", grammar.RFC2616, "; @lws\nr = 1*(token | comment)", `(token / comment) *(*LWS (token / comment))`},
		{"implied LWS optional repetition", grammar.RFC2616, "; @lws\nr = *(\";\" token)", `[(";" *LWS token) *(*LWS (";" *LWS token))]`},
		{"no LWS inside a single-byte repetition", grammar.RFC2616, "; @lws\nr = \"N\" 1*DIGIT", `"N" *LWS 1*DIGIT`},
		// A prose-val naming a single-byte rule is that rule: <DIGIT>
		// lowers to DIGIT, and no LWS goes between its repetitions.
		{"no LWS inside a single-byte prose repetition", grammar.RFC2616, "; @lws\nr = \"N\" 1*<DIGIT>", `"N" *LWS 1*DIGIT`},
		// The same through a rule whose definition is such a prose-val
		// (an audit found LWS implied between its repetitions).
		{"no LWS inside a repetition of a rule that is a single-byte prose", grammar.RFC2616, "; @lws\nr = \"N\" 1*b\nb = <c>\nc = \"x\"", `"N" *LWS 1*b`},
		{"no LWS without @lws", grammar.RFC2616, `r = "a" "b"`, `"a" "b"`},
		{"case-sensitive strings", grammar.RFC2616, "; @case-sensitive\nr = \"GET\" | \"-\"", `%s"GET" / "-"`},
		// RFC 7405: %i"..." says case-insensitive itself.
		{"case-sensitive keeps %i", grammar.RFC5234, "; @case-sensitive\nr = \"aB\" %i\"b\"", `%s"aB" %i"b"`},
		{"prose naming a rule", grammar.RFC5234, "r = <q>\nq = \"x\"", `q`},
		{"0<x> is empty", grammar.RFC5234, `r = 0<anything> "z"`, `"" "z"`},
		{"#0<x> is nulls only", grammar.RFC7230, `r = #0<anything> "z"`, `["," *(*(" " / %x09) ",")] "z"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := syntax.ParseString("l.abnf", tt.src, syntax.Options{Dialect: tt.dialect})
			if err != nil {
				t.Fatal(err)
			}
			low, err := grammar.Lower(g)
			if err != nil {
				t.Fatal(err)
			}
			if got := grammar.Format(grammar.RFC5234, low.Lookup("r").Def); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			if g.Lookup("r").Def == low.Lookup("r").Def && tt.want != grammar.Format(grammar.RFC5234, g.Lookup("r").Def) {
				t.Error("Lower changed the input grammar")
			}
		})
	}
}

// flatLists is a grammar of n rules, each a list of one 100-choice
// element, and a rule naming them all.
func flatLists(n int) string {
	var b strings.Builder
	b.WriteString("top =")
	for i := range n {
		fmt.Fprintf(&b, " r%d", i)
	}
	b.WriteString("\n")
	var alts []string
	for i := range 100 {
		alts = append(alts, fmt.Sprintf(`"t%d"`, i))
	}
	for i := range n {
		fmt.Fprintf(&b, "r%d = 1#( %s )\n", i, strings.Join(alts, " / "))
	}
	return b.String()
}

// nestedRules is a grammar of n rules, each lists nested d deep, and a
// rule naming them all.
func nestedRules(n, d int) string {
	var b strings.Builder
	b.WriteString("top =")
	for i := range n {
		fmt.Fprintf(&b, " r%d", i)
	}
	b.WriteString("\n")
	for i := range n {
		fmt.Fprintf(&b, "r%d = %s\"x\"%s\n", i, strings.Repeat("1#(", d), strings.Repeat(")", d))
	}
	return b.String()
}

// TestLowerMaxCopies checks that Lower bounds what copies of list
// elements add (grammar.MaxCopies): a list holds its element twice, so
// lists nested d deep lowered to 2^d nodes written out, and the checks,
// the reference parser and the sampler, walking them as a tree, ran for
// minutes and took GBs at depth 20 (an audit). Past the bound Lower and
// Check report the list where it ran out, once a rule; the depth-60 cases
// would not finish before the fix.
func TestLowerMaxCopies(t *testing.T) {
	nest := func(open string, d int, item string) string {
		return "a = " + strings.Repeat(open, d) + item + strings.Repeat(")", d) + "\n"
	}
	tests := []struct {
		name    string
		dialect grammar.Dialect
		src     string
		err     string // "" for none
	}{
		{"7230 1# nested 60 deep", grammar.RFC7230, nest("1#(", 60, `"x"`), "l.abnf:1:149: list 1# in rule a makes the lowered grammar too large: its element is written twice, and copies of elements in the rule come to more than 65536 nodes (grammar.MaxCopies)"},
		{"7230 # nested 60 deep", grammar.RFC7230, nest("#(", 60, `"x"`), "l.abnf:1:103: list # in rule a makes the lowered grammar too large"},
		{"2616 1#2 nested 60 deep", grammar.RFC2616, nest("1#2(", 60, `"x"`), "list 1#2 in rule a makes the lowered grammar too large"},
		{"2616 @lws repetitions nested 60 deep", grammar.RFC2616, "; @lws\n" + nest("1*(", 60, `"x" "y"`), "repetition 1* (with @lws's implied *LWS between iterations) in rule a makes the lowered grammar too large"},
		// The budget is a rule's (a review: 800 flat lists had run out
		// of one the grammar shared), with one for the grammar too.
		{"two rules 11 deep fit", grammar.RFC7230, nest("1#(", 11, `"x"`) + strings.Replace(nest("1#(", 11, `"x"`), "a =", "b =", 1), ""},
		{"800 flat lists fit", grammar.RFC7230, flatLists(800), ""},
		{"the grammar's budget", grammar.RFC7230, nestedRules(20, 11), "list 1# in rule r17 makes the lowered grammar too large: its element is written twice, and copies of elements in the grammar come to more than 1048576 nodes (grammar.MaxGrammarCopies)"},
		{"11 deep fits", grammar.RFC7230, nest("1#(", 11, `"x"`), ""},
		{"a rule for the element fits", grammar.RFC7230, "a = 1#b\nb = 1#c\nc = 1#d\nd = \"x\"\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := syntax.ParseString("l.abnf", tt.src, syntax.Options{Dialect: tt.dialect})
			if err != nil {
				t.Fatal(err)
			}
			low, err := grammar.Lower(g)
			if tt.err == "" {
				if err != nil {
					t.Fatalf("Lower: %v", err)
				}
				if list := grammar.Check(g, grammar.CheckOptions{}); list.HasErrors() {
					t.Fatalf("Check: %v", list)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("Lower: %v, want an error containing %q", err, tt.err)
			}
			// One error a rule: r17's, r18's and r19's when the
			// grammar's budget runs out there.
			want := 1
			if strings.Contains(tt.err, "MaxGrammarCopies") {
				want = 3
			}
			if n := len(err.(grammar.ErrorList)); n != want {
				t.Errorf("Lower gave %d errors, want %d, one a rule:\n%v", n, want, err)
			}
			// What the tools walk as a tree is bounded now.
			nodes := 0
			for _, r := range low.Rules {
				grammar.Walk(r.Def, func(grammar.Node) bool { nodes++; return true })
			}
			if nodes > grammar.MaxGrammarCopies+1<<16 { // the copies and the grammar as read
				t.Errorf("lowered grammar is %d nodes as a tree", nodes)
			}
			list := grammar.Check(g, grammar.CheckOptions{})
			if !strings.Contains(list.Error(), tt.err) {
				t.Errorf("Check: %v, want an error containing %q", list, tt.err)
			}
		})
	}
}
