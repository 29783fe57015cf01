//go:build ab

package bench

import (
	"fmt"
	"testing"

	old "github.com/abnfc/abnfc/bench/internal/abold"
	"github.com/abnfc/abnfc/parser"
)

// TestAB times ParseRequest of the parser package at another revision
// (copied to internal/abold by ab.sh) against the current one, in
// alternating rounds (interleave), on every head input, strict and with
// SkipValueGrammars. It only builds with -tags ab.
func TestAB(t *testing.T) {
	if !*targets {
		t.Skip("measures speed: run ab.sh")
	}
	for _, in := range Heads {
		for _, skip := range []bool{false, true} {
			var mo old.Message
			var mn parser.Message
			oo := &old.Options{SkipValueGrammars: skip}
			on := &parser.Options{SkipValueGrammars: skip}
			if _, err := on.ParseRequest(in.Data, &mn); err != nil {
				t.Fatalf("%s: %v", in.Name, err)
			}
			if _, err := oo.ParseRequest(in.Data, &mo); err != nil {
				t.Fatalf("%s (old): %v", in.Name, err)
			}
			a, b, r := interleave(func() { oo.ParseRequest(in.Data, &mo) }, func() { on.ParseRequest(in.Data, &mn) })
			fmt.Printf("AB %-12s SkipValueGrammars=%-5v old %5.0f ns  new %5.0f ns  new/old %.3f\n", in.Name, skip, a, b, r)
		}
	}
}
