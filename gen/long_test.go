package gen_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/abnfc/abnfc/gen"
	"github.com/abnfc/abnfc/grammar"
	"github.com/abnfc/abnfc/grammar/syntax"
)

// longGrammar parses the ABNF text that rule(i) writes for i in [0, n),
// then last.
func longGrammar(t *testing.T, n int, rule func(i int) string, last string) *grammar.Grammar {
	t.Helper()
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(rule(i))
	}
	b.WriteString(last)
	g, err := syntax.Parse([]syntax.Source{{Name: "long.abnf", Text: []byte(b.String())}}, syntax.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// TestLongGrammarsLinear: compiling a grammar takes time linear in its
// size on long chains of rules, and generating its code memory linear in
// the number of machines. Three searches were quadratic: cutting cycles
// searched from every rule (the whole chain below it), inlining looked
// for the rule in the stack of rules being inlined (a chain's depth),
// and the emitter indexed all the program's calls again for each machine.
// A chain of 16,000 rules took 28 s to generate, 8,000 pairs of mutually
// recursive rules (16,000 machines) 32 s.
func TestLongGrammarsLinear(t *testing.T) {
	const n = 1 << 15
	tests := []struct {
		name string
		g    func(t *testing.T) *grammar.Grammar
	}{
		{"chain r0 = r1, ..., rN = \"x\"", func(t *testing.T) *grammar.Grammar {
			return longGrammar(t, n, func(i int) string { return fmt.Sprintf("r%d = r%d\n", i, i+1) }, fmt.Sprintf("r%d = \"x\"\n", n))
		}},
		{"cycle r0 = r1, ..., rN = \"(\" r0 \")\" / \"x\"", func(t *testing.T) *grammar.Grammar {
			return longGrammar(t, n, func(i int) string { return fmt.Sprintf("r%d = r%d\n", i, i+1) }, fmt.Sprintf("r%d = \"(\" r0 \")\" / \"x\"\n", n))
		}},
		{"pairs r2i = \"(\" r2i+1 \")\" / \"z\" r2i+2, r2i+1 = r2i / \"q\"", func(t *testing.T) *grammar.Grammar {
			return longGrammar(t, n/2, func(i int) string {
				return fmt.Sprintf("r%d = \"(\" r%d \")\" / \"z\" r%d\nr%d = r%d / \"q\"\n", 2*i, 2*i+1, 2*i+2, 2*i+1, 2*i)
			}, fmt.Sprintf("r%d = \"e\"\n", n))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := tt.g(t)
			low, err := grammar.Lower(g)
			if err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() {
				_, err := gen.Compile(low, "r0", nil, gen.Options{})
				done <- err
			}()
			select {
			case err := <-done:
				if err != nil {
					t.Fatal(err)
				}
			case <-time.After(20 * time.Second):
				t.Fatalf("compiling %d rules took more than 20 s", len(g.Rules))
			}
		})
	}
}

// TestGenerateManyMachinesMemory: the code of 4,096 machines (2,048
// pairs of mutually recursive rules) is generated with memory linear in
// their number: an index of all the program's calls made for each
// machine allocated about 4,096 × 4,096 map entries.
func TestGenerateManyMachinesMemory(t *testing.T) {
	const pairs = 2048
	g := longGrammar(t, pairs, func(i int) string {
		return fmt.Sprintf("r%d = \"(\" r%d \")\" / \"z\" r%d\nr%d = r%d / \"q\"\n", 2*i, 2*i+1, 2*i+2, 2*i+1, 2*i)
	}, fmt.Sprintf("r%d = \"e\"\n", 2*pairs))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	src, err := gen.Generate(g, gen.Options{Rules: []string{"r0"}, Package: "p"})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("%d bytes of code, %d bytes allocated", len(src), alloc)
	if limit := uint64(100 * len(src)); alloc > limit {
		t.Errorf("generating %d bytes of code allocated %d bytes, more than %d", len(src), alloc, limit)
	}
}
