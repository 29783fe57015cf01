package sample_test

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/abnfc/abnfc/grammar"
	"github.com/abnfc/abnfc/grammar/ref"
	"github.com/abnfc/abnfc/grammar/sample"
	"github.com/abnfc/abnfc/grammar/syntax"
)

func mustGrammar(t testing.TB, d grammar.Dialect, src string) *grammar.Grammar {
	t.Helper()
	g, err := syntax.ParseString("test.abnf", src, syntax.Options{Dialect: d})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return g
}

func mustSampler(t testing.TB, g *grammar.Grammar, rule string, opts sample.Options) *sample.Sampler {
	t.Helper()
	s, err := sample.New(g, rule, opts)
	if err != nil {
		t.Fatalf("sample.New(%s): %v", rule, err)
	}
	return s
}

// next returns next(t, s), failing t on an error.
func next(t testing.TB, s *sample.Sampler) []byte {
	t.Helper()
	b, err := s.Next()
	if err != nil {
		t.Fatalf("Next: %v", err)
	}
	return b
}

// nextDerivation returns nextDerivation(t, s), failing t on an error.
func nextDerivation(t testing.TB, s *sample.Sampler) *sample.Derivation {
	t.Helper()
	d, err := s.NextDerivation()
	if err != nil {
		t.Fatalf("NextDerivation: %v", err)
	}
	return d
}

func mustParser(t testing.TB, g *grammar.Grammar, rule string) *ref.Parser {
	t.Helper()
	p, err := ref.New(g, rule)
	if err != nil {
		t.Fatalf("ref.New(%s): %v", rule, err)
	}
	return p
}

// small is a grammar of the shapes that trip samplers and PEG parsers.
const small = `
star-digit = *DIGIT DIGIT
a-ab       = *("a" / "ab") "b"
expr       = expr "+" term / term
term       = "(" expr ")" / 1*DIGIT
nested     = "(" *nested ")"
zero-cycle = loop / "x"
loop       = zero-cycle
bounded    = 2*5"x" [ "-" 3DIGIT ]
words      = word *( SP word ) CRLF
word       = 1*ALPHA
case       = "AbC" %s"Xy" %i"zZ"
`

func TestDeterminism(t *testing.T) {
	g := mustGrammar(t, grammar.RFC5234, small)
	tests := []struct {
		name string
		rule string
	}{
		{"left recursion", "expr"},
		{"nested", "nested"},
		{"words", "words"},
		{"case", "case"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			run := func(seed int64) []string {
				s := mustSampler(t, g, tt.rule, sample.Options{Seed: seed})
				var out []string
				for i := 0; i < 20; i++ {
					out = append(out, string(next(t, s)))
				}
				return out
			}
			a, b := run(7), run(7)
			if strings.Join(a, "\x00") != strings.Join(b, "\x00") {
				t.Errorf("seed 7 gave different samples:\n%q\n%q", a, b)
			}
			if c := run(8); strings.Join(a, "\x00") == strings.Join(c, "\x00") {
				t.Errorf("seeds 7 and 8 gave the same 20 samples %q", a)
			}
		})
	}
}

func TestTermination(t *testing.T) {
	// chain is a = b b, b = c c, …: its shortest string doubles per level.
	var chain strings.Builder
	for i := 0; i < 10; i++ {
		fmt.Fprintf(&chain, "c%d = c%d c%d / c%d \"y\" c%d\n", i, i+1, i+1, i, i+1)
	}
	chain.WriteString("c10 = \"x\" / \"(\" c0 \")\"\n")
	tests := []struct {
		name    string
		src     string
		rule    string
		maxSize int // the longest sample allowed
	}{
		{"binary recursion", `e = e "+" e / e "*" e / "(" e ")" / "x"`, "e", 8 << 10},
		{"zero-length cycle", `a = b / "x"` + "\n" + `b = a / c` + "\n" + `c = b`, "a", 1},
		{"deep nesting", `n = "(" *n ")" / "[" 1*n "]"`, "n", 8 << 10},
		{"mutual recursion", "a = \"a\" b / \"a\"\nb = \"b\" c / b b\nc = \"c\" a / a a a", "a", 8 << 10},
		{"doubling chain", chain.String(), "c0", 64 << 10},
		{"repetition of recursion", `l = "{" 3*7( l / "." ) "}"`, "l", 64 << 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := mustGrammar(t, grammar.RFC5234, tt.src)
			s := mustSampler(t, g, tt.rule, sample.Options{Seed: 1, MaxDepth: 30})
			p := mustParser(t, g, tt.rule)
			for i := 0; i < 20; i++ {
				b := next(t, s)
				if len(b) > tt.maxSize {
					t.Fatalf("sample %d is %d bytes, over %d", i, len(b), tt.maxSize)
				}
				if len(b) < 64<<10 && !p.Match(b) {
					t.Fatalf("sample %d %s does not match %s", i, grammar.Excerpt(string(b), 60), tt.rule)
				}
			}
		})
	}
}

func TestNoFiniteDerivation(t *testing.T) {
	tests := []struct {
		name, src, rule string
		wantErr         string // "" for success
	}{
		{"self", `a = "x" a`, "a", "test.abnf:1:1: rule a has no finite derivation"},
		{"mutual", "a = b \"x\"\nb = \"y\" a", "a", "rule a has no finite derivation"},
		{"cycle without bytes", "a = b\nb = a", "a", "rule a has no finite derivation"},
		{"escape by alternative", `a = "x" a / "y"`, "a", ""},
		{"escape by repetition", `a = "(" *a ")"`, "a", ""},
		{"infinite alternative", "a = \"y\" / b\nb = \"x\" b", "a", ""},
		{"undefined rule", `a = "x" / b`, "a", "undefined rule b"},
		{"unknown start", `a = "x"`, "z", "rule z is not defined"},
		{"unresolved prose", `a = <something else>`, "a", "prose-val"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := mustGrammar(t, grammar.RFC5234, tt.src)
			s, err := sample.New(g, tt.rule, sample.Options{})
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("New: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("New: error %v, want one containing %q", err, tt.wantErr)
			case tt.wantErr == "":
				if b := next(t, s); !s.Match(b) {
					t.Errorf("sample %q does not match", b)
				}
			}
		})
	}
}

func TestNoFiniteDerivationIsPositioned(t *testing.T) {
	g := mustGrammar(t, grammar.RFC5234, "ok = \"x\"\nloop = \"x\" loop\n")
	_, err := sample.New(g, "loop", sample.Options{})
	var e *grammar.Error
	if !errors.As(err, &e) {
		t.Fatalf("New: %v, want a *grammar.Error", err)
	}
	if got, want := e.Pos.String(), "test.abnf:2:1"; got != want {
		t.Errorf("position %s, want %s", got, want)
	}
}

func TestRepetitionBounds(t *testing.T) {
	g := mustGrammar(t, grammar.RFC5234, `
two-five  = 2*5"x"
star      = *"x"
exact     = 3"x"
many      = 10*"x"
one-two   = 1*2"x"
optional  = ["x"]
`)
	tests := []struct {
		rule      string
		maxRepeat int
		lo, hi    int // every count in [lo, hi] must appear, and no other
	}{
		{"two-five", 4, 2, 4},
		{"two-five", 9, 2, 5},
		{"star", 4, 0, 4},
		{"star", 1, 0, 1},
		{"exact", 4, 3, 3},
		{"many", 4, 10, 10},
		{"many", 12, 10, 12},
		{"one-two", 4, 1, 2},
		{"optional", 4, 0, 1},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/max%d", tt.rule, tt.maxRepeat), func(t *testing.T) {
			s := mustSampler(t, g, tt.rule, sample.Options{Seed: 3, MaxRepeat: tt.maxRepeat})
			seen := map[int]bool{}
			for i := 0; i < 200; i++ {
				n := len(next(t, s))
				if n < tt.lo || n > tt.hi {
					t.Fatalf("count %d outside [%d, %d]", n, tt.lo, tt.hi)
				}
				seen[n] = true
			}
			for n := tt.lo; n <= tt.hi; n++ {
				if !seen[n] {
					t.Errorf("count %d never generated in 200 samples", n)
				}
			}
		})
	}
}

func TestCaseFlipsOnlyFoldLiterals(t *testing.T) {
	g := mustGrammar(t, grammar.RFC5234, "r = \"AbC\" %s\"Xy\" %i\"zZ\" %x61-61 \"-1\"\n")
	s := mustSampler(t, g, "r", sample.Options{Seed: 5})
	variants := map[string]bool{}
	for i := 0; i < 100; i++ {
		d := nextDerivation(t, s)
		for _, term := range d.Terms {
			got := string(d.Bytes[term.Start:term.End])
			switch n := term.Node.(type) {
			case *grammar.Literal:
				if n.Fold {
					if !strings.EqualFold(got, n.Text) {
						t.Fatalf("fold literal %q produced %q", n.Text, got)
					}
					variants[got] = true
				} else if got != n.Text {
					t.Fatalf("case-sensitive literal %q produced %q", n.Text, got)
				}
				if term.Fold() != n.Fold {
					t.Errorf("Term.Fold() = %v for %q", term.Fold(), n.Text)
				}
			case *grammar.Range:
				if got != "a" {
					t.Fatalf("range %%x61 produced %q", got)
				}
			}
		}
	}
	// "AbC" and "zZ" have 8 and 4 spellings; all should turn up.
	if len(variants) != 12 {
		t.Errorf("%d spellings of the case-insensitive literals, want 12: %v", len(variants), variants)
	}
}

func TestDerivationTerms(t *testing.T) {
	g := mustGrammar(t, grammar.RFC5234, "r = word SP 1*DIGIT\nword = \"get\" / \"put\"\n")
	s := mustSampler(t, g, "r", sample.Options{Seed: 1})
	for i := 0; i < 10; i++ {
		d := nextDerivation(t, s)
		var rebuilt []byte
		for _, term := range d.Terms {
			if term.Start != len(rebuilt) {
				t.Fatalf("term %+v does not start at %d", term, len(rebuilt))
			}
			rebuilt = append(rebuilt, d.Bytes[term.Start:term.End]...)
		}
		if !bytes.Equal(rebuilt, d.Bytes) {
			t.Fatalf("terms cover %q, sample is %q", rebuilt, d.Bytes)
		}
		if d.Terms[0].Rule != "word" || d.Terms[1].Rule != "SP" || d.Terms[2].Rule != "DIGIT" {
			t.Errorf("term rules %s, %s, %s; want word, SP, DIGIT", d.Terms[0].Rule, d.Terms[1].Rule, d.Terms[2].Rule)
		}
	}
}

func TestSamplesMatchReference(t *testing.T) {
	g := mustGrammar(t, grammar.RFC5234, small)
	for _, r := range g.UserRules() {
		t.Run(r.Name, func(t *testing.T) {
			s := mustSampler(t, g, r.Name, sample.Options{Seed: 11})
			p := mustParser(t, g, r.Name)
			for i := 0; i < 50; i++ {
				if b := next(t, s); !p.Match(b) {
					t.Fatalf("sample %s does not match", grammar.Excerpt(string(b), 80))
				}
			}
		})
	}
}

func TestMaxSize(t *testing.T) {
	g := mustGrammar(t, grammar.RFC5234, `r = *( "ab" / "(" r ")" )`)
	tests := []struct {
		name    string
		maxSize int
	}{{"tiny", 8}, {"default", 0}, {"large", 1 << 14}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustSampler(t, g, "r", sample.Options{Seed: 2, MaxDepth: 100, MaxRepeat: 50, MaxSize: tt.maxSize})
			limit := s.Options().MaxSize
			for i := 0; i < 20; i++ {
				// Past the target the sampler closes the open parentheses
				// (at most one per level of depth) and adds one last piece.
				if n := len(next(t, s)); n > limit+2*100+2 {
					t.Fatalf("sample of %d bytes for a target of %d", n, limit)
				}
			}
		})
	}
}

func TestEscape(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"plain", "GET / HTTP/1.1", "GET / HTTP/1.1"},
		{"line ends", "a\r\nb\n", `a\r\nb\n`},
		{"quotes and backslash", `say "\"`, `say \"\\\"`},
		{"controls", "\x00\x7f\t\v", `\x00\x7f\t\v`},
		{"high bytes", "\x80\xff\xc3\xa9", `\x80\xff\xc3\xa9`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sample.Escape([]byte(tt.in))
			if got != tt.want {
				t.Errorf("Escape(%q) = %s, want %s", tt.in, got, tt.want)
			}
			back, err := strconv.Unquote(`"` + got + `"`)
			if err != nil || back != tt.in {
				t.Errorf("Unquote(Escape(%q)) = %q, %v", tt.in, back, err)
			}
		})
	}
}

func TestMinLen(t *testing.T) {
	g := mustGrammar(t, grammar.RFC5234, `
top    = a / b / list / pair
a      = "xyz" / b "q"
b      = "(" b ")" / 2"w"
list   = 3*( a / "" ) c
c      = "cc" c / "c"
pair   = a a
`)
	s := mustSampler(t, g, "top", sample.Options{})
	tests := []struct {
		rule string
		want int
	}{
		{"b", 2},    // 2"w"
		{"a", 3},    // "xyz" and b "q" tie
		{"c", 1},    // "c"
		{"list", 1}, // three empty iterations and "c"
		{"pair", 6},
		{"top", 1},
		{"DIGIT", 0}, // not reachable from top
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			got, ok := s.MinLen(tt.rule)
			if tt.want == 0 {
				if ok {
					t.Errorf("MinLen(%s) = %d, true; want false (unreachable)", tt.rule, got)
				}
				return
			}
			if !ok || got != tt.want {
				t.Errorf("MinLen(%s) = %d, %v; want %d", tt.rule, got, ok, tt.want)
			}
		})
	}
}

// TestNewLongChainIsLinear: New computes the rules' costs in time linear
// in the grammar on a chain r0 = r1, r1 = r2, ..., rN = "x": in definition
// order each pass of the fixed point settled one more rule of the chain,
// and 16,000 rules took 29 s. Callees are evaluated first now.
func TestNewLongChainIsLinear(t *testing.T) {
	const n = 1 << 15
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "r%d = r%d\n", i, i+1)
	}
	fmt.Fprintf(&b, "r%d = \"x\"\n", n)
	g := mustGrammar(t, grammar.RFC5234, b.String())
	done := make(chan error, 1)
	go func() {
		s, err := sample.New(g, "r0", sample.Options{})
		if err == nil {
			if got, ok := s.MinLen("r0"); got != 1 || !ok {
				err = fmt.Errorf("MinLen(r0) = %d, %v; want 1, true", got, ok)
			}
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("New on a chain of %d rules took more than 20 s", n+1)
	}
}
