package automata_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/abnfc/abnfc/gen/automata"
	"github.com/abnfc/abnfc/grammar"
	"github.com/abnfc/abnfc/grammar/ref"
	"github.com/abnfc/abnfc/grammar/syntax"
)

func compile(t testing.TB, d grammar.Dialect, src, rule string) (*automata.Program, *grammar.Grammar, error) {
	t.Helper()
	g, err := syntax.ParseString("test.abnf", src, syntax.Options{Dialect: d})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	low, err := grammar.Lower(g)
	if err != nil {
		t.Fatalf("Lower: %v", err)
	}
	p, err := automata.Compile(low, rule, automata.Options{})
	return p, g, err
}

const small = `
star-digit = *DIGIT DIGIT
a-ab       = *("a" / "ab") "b"
bounded    = 2*3"x" "x"
case       = "AbC" %s"Xy"
list       = "[" [ value *( "," value ) ] "]"
value      = list / 1*DIGIT
path       = segment [ "/" path ]
segment    = 1*ALPHA
paren      = "(" *( %x61-7A / paren ) ")"
`

// TestMatch checks compiled programs on the non-PEG traps, recursion with
// a stack, and right recursion without one.
func TestMatch(t *testing.T) {
	tests := []struct {
		rule  string
		cases map[string]bool
	}{
		{"star-digit", map[string]bool{"12": true, "1": true, "": false, "1a": false}},
		{"a-ab", map[string]bool{"abb": true, "ab": true, "abab": true, "a": false}},
		{"bounded", map[string]bool{"xxx": true, "xxxx": true, "xx": false, "xxxxx": false}},
		{"case", map[string]bool{"abcXy": true, "ABCXy": true, "AbCxy": false}},
		{"list", map[string]bool{"[]": true, "[1,[2,[]],3]": true, "[1,]": false, "[[]": false, strings.Repeat("[", 32) + strings.Repeat("]", 32): true}},
		{"path", map[string]bool{"a/b/c": true, strings.Repeat("a/", 1000) + "a": true, "a//b": false, "a/": false}},
		{"paren", map[string]bool{"()": true, "(a(b)c)": true, "(a": false, "a": false}},
	}
	for _, tt := range tests {
		p, g, err := compile(t, grammar.RFC5234, small, tt.rule)
		if err != nil {
			t.Fatalf("Compile(%s): %v", tt.rule, err)
		}
		rp, err := ref.New(g, tt.rule)
		if err != nil {
			t.Fatal(err)
		}
		for in, want := range tt.cases {
			t.Run(tt.rule+"/"+in, func(t *testing.T) {
				if got := p.Match([]byte(in)); got != want {
					t.Errorf("Match(%q) = %v, want %v", in, got, want)
				}
				if got := rp.Match([]byte(in)); got != want {
					t.Errorf("ref.Match(%q) = %v, want %v", in, got, want)
				}
			})
		}
	}
}

func TestDepthLimit(t *testing.T) {
	p, _, err := compile(t, grammar.RFC5234, small, "list")
	if err != nil {
		t.Fatal(err)
	}
	r := automata.NewRunner(p, 4)
	_, err = r.Write([]byte("[[[[[[1]]]]]]"))
	if err == nil || !strings.Contains(err.Error(), "nests more than 4 deep") {
		t.Errorf("err = %v, want a depth error", err)
	}
	// Right recursion is a tail call: no depth limit applies.
	p, _, _ = compile(t, grammar.RFC5234, small, "path")
	r = automata.NewRunner(p, 1)
	if _, err := r.Write([]byte(strings.Repeat("a/", 100) + "a")); err != nil || r.Close() != nil {
		t.Errorf("right recursion hit the depth limit: %v", err)
	}
}

func TestScan(t *testing.T) {
	p, _, err := compile(t, grammar.RFC5234, small, "list")
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]int{"[1][2]": 3, "[1,[2]]x": 7, "[": -1, "x": -1} {
		n, ok := p.Scan([]byte(in))
		if n != want || ok != (want >= 0) {
			t.Errorf("Scan(%q) = %d, %v, want %d", in, n, ok, want)
		}
	}
}

// TestStreaming: one byte at a time gives the same result as one write.
func TestStreaming(t *testing.T) {
	p, _, _ := compile(t, grammar.RFC5234, small, "list")
	for _, in := range []string{"[1,[2,[]],3]", "[1,]", "[[[]]]]"} {
		whole := p.Match([]byte(in))
		r := automata.NewRunner(p, 0)
		ok := true
		for i := 0; i < len(in); i++ {
			if _, err := r.Write([]byte{in[i]}); err != nil {
				ok = false
				break
			}
		}
		if ok {
			ok = r.Close() == nil
		}
		if ok != whole {
			t.Errorf("%q: byte-at-a-time %v, whole %v", in, ok, whole)
		}
	}
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		name, src, rule, want string
		code                  grammar.Code // of the diagnostic
	}{
		{"left recursion", "a = a \"x\" / \"y\"", "a", `test.abnf:1:5: rule a needs more than one byte of lookahead: on "Y" it could start a nested match of rule a or continue (a: "y"): rule a is left-recursive, which a generated parser cannot run`, grammar.CodeLookahead},
		{"call or continue", "a = \"(\" b \")\" / \"(\" \"(\" \"x\"\nb = \"(\" [b] \")\"", "a", "could start a nested match of rule b", grammar.CodeLookahead},
		{"end of match ambiguous", "a = b \"x\"\nb = \"(\" [b] \")\" *\"x\"", "a", `at the end of a match, "X" could continue it or follow it`, grammar.CodeLookahead},
		{"state limit", "a = 1*5000OCTET", "a", "exceeds", grammar.CodeNone},
		{"undefined", "a = b", "a", "undefined rule b", grammar.CodeNone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := syntax.ParseString("test.abnf", tt.src, syntax.Options{})
			if err != nil {
				t.Fatal(err)
			}
			low, _ := grammar.Lower(g)
			_, err = automata.Compile(low, tt.rule, automata.Options{MaxDFAStates: 2000})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
			var e *grammar.Error
			var list grammar.ErrorList
			switch {
			case errors.As(err, &list) && len(list) > 0:
				e = list[0]
			case errors.As(err, &e):
			default:
				t.Fatalf("err %T is not a grammar diagnostic", err)
			}
			if e.Code != tt.code {
				t.Errorf("code %d, want %d", e.Code, tt.code)
			}
		})
	}
}

func TestDot(t *testing.T) {
	p, _, _ := compile(t, grammar.RFC5234, small, "list")
	var b bytes.Buffer
	if err := p.WriteDot(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`digraph "list"`, "style=dashed", "peripheries=2", `label="\"[\""`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("DOT lacks %q:\n%s", want, b.String())
		}
	}
}

// TestLargeMachines compiles rules whose minimal machines have close to
// the default limit of 20000 states (Options.MaxDFAStates) and must do so
// in seconds: minimizing a chain of states by Moore's refinement took a
// round for each state, quadratic (session 13: 1*8190OCTET, the bound
// the NFA limit's error suggests, took 41 s in abnfc gen, and 1*19000OCTET
// minutes).
func TestLargeMachines(t *testing.T) {
	tests := []struct {
		name, src string
		states    int // of the minimal machine
		in        string
		match     bool
	}{
		{"chain of any bytes", "a = 1*18990OCTET", 18991, strings.Repeat("\xff", 18990), true},
		{"exact count", "a = 18000\"x\"", 18001, strings.Repeat("X", 17999), false},
		{"chain of three classes", "a = 6000( \"a\" \"b\" %x63-7A )", 18001, strings.Repeat("abz", 6000), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			type result struct {
				p   *automata.Program
				err error
			}
			g, err := syntax.ParseString("test.abnf", tt.src, syntax.Options{})
			if err != nil {
				t.Fatal(err)
			}
			low, err := grammar.Lower(g)
			if err != nil {
				t.Fatal(err)
			}
			done := make(chan result, 1)
			go func() {
				p, err := automata.Compile(low, "a", automata.Options{})
				done <- result{p, err}
			}()
			var r result
			select {
			case r = <-done:
			case <-time.After(30 * time.Second):
				t.Fatalf("Compile(%s) did not finish in 30 s", tt.src)
			}
			if r.err != nil {
				t.Fatal(r.err)
			}
			if n := len(r.p.Machines[0].States); n != tt.states {
				t.Errorf("%d states, want %d", n, tt.states)
			}
			if got := r.p.Match([]byte(tt.in)); got != tt.match {
				t.Errorf("Match(%d bytes) = %v, want %v", len(tt.in), got, tt.match)
			}
		})
	}
}
