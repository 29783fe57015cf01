//go:build ab

package bench

import (
	"fmt"
	"reflect"
	"testing"

	parser "github.com/abnfc/abnfc/bench/internal/abnew" // the working tree's parser
	old "github.com/abnfc/abnfc/bench/internal/abold"
)

// TestAB times ParseRequest of the parser package at another revision
// (copied to internal/abold by ab.sh) against the working tree's (copied
// to internal/abnew), in alternating rounds (interleave), on every head
// input, strict and with SkipValueGrammars; then the generated scanner
// SpansMessageHead, the one-shot MatchMessageHead, MessageHeadMachine in
// 64-byte pieces and parser.Reader over 64-byte reads. It only builds
// with -tags ab.
func TestAB(t *testing.T) {
	if !*targets {
		t.Skip("measures speed: run ab.sh")
	}
	// Where the linker put each copy's scanner, modulo 64: a function
	// starts at a multiple of 32 bytes, so at one of two phases of a
	// 64-byte line, and the same code can run some percent apart at the
	// two (bench/README.md, session 6). Compare like with like.
	phase := func(f any) uintptr { return reflect.ValueOf(f).Pointer() % 64 }
	fmt.Printf("AB phase (address mod 64) of SpansMessageHead: old %d, new %d; MatchMessageHead: old %d, new %d\n",
		phase(old.SpansMessageHead), phase(parser.SpansMessageHead), phase(old.MatchMessageHead), phase(parser.MatchMessageHead))
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
		// The generated scanner alone, and its machine in 64-byte pieces.
		head := in.Data[:HeadLen(in.Data)]
		var so []old.Span
		var spn []parser.Span
		so, _, _ = old.SpansMessageHead(head, so)
		spn, _, _ = parser.SpansMessageHead(head, spn)
		a, b, r := interleave(func() { old.SpansMessageHead(head, so[:0]) }, func() { parser.SpansMessageHead(head, spn[:0]) })
		fmt.Printf("AB %-12s %-23s old %5.0f ns  new %5.0f ns  new/old %.3f\n", in.Name, "SpansMessageHead", a, b, r)
		// The one-shot side of the streaming line.
		a, b, r = interleave(func() { old.MatchMessageHead(head) }, func() { parser.MatchMessageHead(head) })
		fmt.Printf("AB %-12s %-23s old %5.0f ns  new %5.0f ns  new/old %.3f\n", in.Name, "MatchMessageHead", a, b, r)
		// The machine is called as its concrete type, as a user's loop
		// (and TestTargets' HeadMachine) calls it, so that what Go
		// inlines of Reset, Write and Close counts.
		var mo old.MessageHeadMachine
		var mn parser.MessageHeadMachine
		a, b, r = interleave(func() {
			mo.Reset()
			for off := 0; off < len(head); off += 64 {
				mo.Write(head[off:min(off+64, len(head))])
			}
			mo.Close()
		}, func() {
			mn.Reset()
			for off := 0; off < len(head); off += 64 {
				mn.Write(head[off:min(off+64, len(head))])
			}
			mn.Close()
		})
		fmt.Printf("AB %-12s %-23s old %5.0f ns  new %5.0f ns  new/old %.3f\n", in.Name, "MessageHeadMachine/64B", a, b, r)
		// parser.Reader over 64-byte reads of the request again and
		// again, as TestTargets' reader line (heads without a body: the
		// next request would start in it).
		ro := old.NewReader(&cycleReader{data: in.Data, n: 64}, nil)
		rn := parser.NewReader(&cycleReader{data: in.Data, n: 64}, nil)
		if rn.ReadRequest(&mn2) != nil || rn.ReadRequest(&mn2) != nil || ro.ReadRequest(&mo2) != nil || ro.ReadRequest(&mo2) != nil {
			continue
		}
		a, b, r = interleave(func() { ro.ReadRequest(&mo2) }, func() { rn.ReadRequest(&mn2) })
		fmt.Printf("AB %-12s %-23s old %5.0f ns  new %5.0f ns  new/old %.3f\n", in.Name, "Reader/64B", a, b, r)
	}
}

// The Messages of TestAB's Reader lines.
var (
	mo2 old.Message
	mn2 parser.Message
)
