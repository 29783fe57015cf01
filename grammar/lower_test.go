package grammar_test

import (
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
