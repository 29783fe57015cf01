package automata_test

import (
	"math/rand"
	"os"
	"testing"

	"github.com/abnfc/abnfc/gen/automata"
	"github.com/abnfc/abnfc/grammar"
	"github.com/abnfc/abnfc/grammar/ref"
	"github.com/abnfc/abnfc/grammar/rfc2616"
	"github.com/abnfc/abnfc/grammar/sample"
	"github.com/abnfc/abnfc/grammar/syntax"
)

// TestDifferential compiles every rule of several real grammars that
// compiles, and compares the machine with the reference parser on sampler
// output, near-misses and random bytes: Match, the longest prefix (Scan)
// and streaming in random chunks must agree exactly. Rules that do not
// compile are logged with the reason; a minimum number must compile.
func TestDifferential(t *testing.T) {
	load := func(file string) *grammar.Grammar {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		g, err := syntax.ParseString(file, string(src), syntax.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	g2616, err := rfc2616.Grammar()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name        string
		g           *grammar.Grammar
		samples     int
		minCompiled int
	}{
		{"rfc2616", g2616, 4, 200},
		{"rfc3986", load("testdata/rfc3986.abnf"), 8, 20},
		{"rfc5234", load("testdata/rfc5234.abnf"), 8, 25},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			compared, rules := differential(t, tt.g, tt.samples)
			t.Logf("%s: compared %d inputs on %d rules", tt.name, compared, rules)
			if rules < tt.minCompiled {
				t.Errorf("only %d rules compiled, want at least %d", rules, tt.minCompiled)
			}
		})
	}
}

func differential(t *testing.T, g *grammar.Grammar, samples int) (compared, rules int) {
	low, err := grammar.Lower(g)
	if err != nil {
		t.Fatal(err)
	}
	rnd := rand.New(rand.NewSource(1))
	for _, r := range g.UserRules() {
		p, err := automata.Compile(low, r.Name, automata.Options{})
		if err != nil {
			t.Logf("not compiled: %s: %v", r.Name, err)
			continue
		}
		rp, err := ref.New(g, r.Name)
		if err != nil {
			t.Fatal(err)
		}
		s, err := sample.New(g, r.Name, sample.Options{Seed: 1, MaxSize: 512})
		if err != nil {
			t.Fatalf("sample.New(%s): %v", r.Name, err)
		}
		rules++
		var inputs [][]byte
		for i := 0; i < samples; i++ {
			d, err := s.NextDerivation()
			if err != nil {
				t.Fatal(err)
			}
			inputs = append(inputs, d.Bytes)
			for _, nm := range s.NearMisses(d, rnd, rp.Match) {
				inputs = append(inputs, nm.Input)
			}
		}
		for i := 0; i < 4; i++ {
			b := make([]byte, rnd.Intn(12))
			rnd.Read(b)
			inputs = append(inputs, b)
		}
		for _, in := range inputs {
			compared++
			compare(t, r.Name, p, rp, in, rnd)
		}
	}
	return compared, rules
}

func compare(t *testing.T, rule string, p *automata.Program, rp *ref.Parser, in []byte, rnd *rand.Rand) {
	t.Helper()
	res, err := rp.Parse(in)
	if err != nil {
		t.Fatalf("%s: ref: %v", rule, err)
	}
	if got := p.Match(in); got != res.Match {
		t.Errorf("%s: Match(%q) = %v, ref says %v", rule, in, got, res.Match)
	}
	want := -1
	if len(res.Prefixes) > 0 {
		want = res.Prefixes[len(res.Prefixes)-1]
	}
	if n, _ := p.Scan(in); n != want {
		t.Errorf("%s: Scan(%q) = %d, ref's longest prefix is %d", rule, in, n, want)
	}
	// Streaming in random chunks.
	r := automata.NewRunner(p, 0)
	rest, ok := in, true
	for len(rest) > 0 && ok {
		k := 1 + rnd.Intn(len(rest))
		if _, err := r.Write(rest[:k]); err != nil {
			ok = false
		}
		rest = rest[k:]
	}
	if ok {
		ok = r.Close() == nil
	}
	if ok != res.Match {
		t.Errorf("%s: streaming %q = %v, ref says %v", rule, in, ok, res.Match)
	}
}
