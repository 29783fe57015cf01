package sample

import (
	"errors"
	"fmt"
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
	// s = n0 "y", n0 = n1 n1, ..., a rule at the bottom "": the way out
	// of n0 has fan^depth nodes, all deriving "" (an audit: 40 levels of
	// two never ended, 12 of four took 33 million steps).
	tree := func(fan, depth int) string {
		src := `a = n0 "y"` + "\n"
		for i := 0; i < depth; i++ {
			src += fmt.Sprintf("n%d =%s\n", i, strings.Repeat(fmt.Sprintf(" n%d", i+1), fan))
		}
		return src + fmt.Sprintf(`n%d = ""`, depth)
	}
	tests := []struct {
		name string
		src  string
		want string // the sample
	}{
		{"30 nested stars", "a = " + nest(30, "*(", `""`), ""},
		{"40 nested stars", "a = " + nest(40, "*(", `""`), ""},
		{"40 nested minimums", "a = " + nest(40, "2*(", `""`), ""},
		{"40 nested exact counts", "a = " + nest(40, "3(", `""`), ""},
		{"large minimums", "a = " + nest(3, "1000(", `""`), ""},
		{"nested alternatives", "a = " + nest(40, `*("" / `, `""`), ""},
		{"nested options of rules", "a = *b\nb = *c\nc = *d\nd = " + nest(30, "*(", `a / ""`), ""},
		{"binary tree of empty rules 40 deep", tree(2, 40), "y"},
		{"4-way tree of empty rules 12 deep", tree(4, 12), "y"},
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
					if string(gn.d.Bytes) != tt.want {
						t.Errorf("sample %q, want %q", gn.d.Bytes, tt.want)
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

// TestWorkError: what even the shortest way out must produce can take
// more nodes than MaxWork (a = 1000(1000(c0)) and a chain of 20 rules to
// "x": 21 million), so a sample stops there with a *WorkError at the
// node it reached, Next and Coverage alike, instead of running on.
func TestWorkError(t *testing.T) {
	chain := func(k, n int) string {
		src := fmt.Sprintf("a = %d(%d(c0))\n", k, k)
		for i := 0; i < n; i++ {
			src += fmt.Sprintf("c%d = c%d\n", i, i+1)
		}
		return src + fmt.Sprintf("c%d = \"x\"\n", n)
	}
	tests := []struct {
		name string
		src  string
		err  string // "" for a sample
	}{
		{"chain of 20 under a million", chain(1000, 20), "test.abnf:22:7: a sample of rule a took more than 8388608 nodes (sample.MaxWork)"},
		{"chain of 20 under ten thousand fits", chain(100, 20), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := syntax.ParseString("test.abnf", tt.src, syntax.Options{})
			if err != nil {
				t.Fatal(err)
			}
			s, err := New(g, "a", Options{Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			b, err := s.Next()
			_, _, cerr := s.Coverage()
			if tt.err == "" {
				if err != nil || cerr != nil || len(b) != 10000 {
					t.Fatalf("Next: %d bytes, %v; Coverage: %v", len(b), err, cerr)
				}
				return
			}
			for _, err := range []error{err, cerr} {
				var we *WorkError
				if !errors.As(err, &we) || !strings.Contains(err.Error(), tt.err) || we.In != "c20" {
					t.Errorf("error %v, want a *WorkError in c20 containing %q", err, tt.err)
				}
			}
		})
	}
}
