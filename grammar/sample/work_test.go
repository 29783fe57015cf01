package sample

import (
	"strings"
	"testing"
	"time"

	"github.com/abnfc/abnfc/grammar/syntax"
)

// nest wraps item in n levels of open ... ")".
func nest(n int, open, item string) string {
	return strings.Repeat(open, n) + item + strings.Repeat(")", n)
}

// TestBoundedWork: nested repetitions of what may be empty make no output
// and no rule references, so neither MaxSize nor MaxDepth stops them; the
// sampler's work per sample stays within MaxSteps plus the shortest way
// out, instead of growing exponentially with the nesting (4^40 expansions
// for 40 levels of *( )). The package doc promises termination.
func TestBoundedWork(t *testing.T) {
	tests := []struct {
		name string
		src  string
	}{
		{"30 nested stars", "a = " + nest(30, "*(", `""`)},
		{"40 nested stars", "a = " + nest(40, "*(", `""`)},
		{"40 nested minimums", "a = " + nest(40, "2*(", `""`)},
		{"40 nested exact counts", "a = " + nest(40, "3(", `""`)},
		{"large minimums", "a = " + nest(3, "1000(", `""`)},
		{"nested alternatives", "a = " + nest(40, `*("" / `, `""`)},
		{"nested options of rules", "a = *b\nb = *c\nc = *d\nd = " + nest(30, "*(", `a / ""`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := syntax.ParseString("test.abnf", tt.src+"\n", syntax.Options{})
			if err != nil {
				t.Fatal(err)
			}
			s, err := New(g, "a", Options{Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			done := make(chan int)
			go func() {
				most := 0
				for i := 0; i < 3; i++ {
					gn := &generator{s: s, d: &Derivation{}}
					gn.rule(s.start, 0, nil, noCtx)
					if len(gn.d.Bytes) != 0 {
						t.Errorf("sample %q, want the empty string", gn.d.Bytes)
					}
					most = max(most, gn.steps)
				}
				done <- most
			}()
			select {
			case steps := <-done:
				// The way out after MaxSteps expands each open repetition
				// once more: a few nodes per level.
				if steps > MaxSteps+1000 {
					t.Errorf("a sample took %d steps, over MaxSteps (%d) + 1000", steps, MaxSteps)
				}
			case <-time.After(20 * time.Second):
				t.Fatal("sampling did not finish in 20 s")
			}
		})
	}
}
