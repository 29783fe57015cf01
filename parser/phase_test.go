//go:build phase

package parser

import (
	"fmt"
	"os"
	"reflect"
	"slices"
	"testing"
	"time"
)

// TestPhase times the four copies of one generated function that
// bench/phase.sh writes into zz_phase_test.go (the old body and the new,
// each at two addresses), on the browser GET of bench/testdata, in
// alternating rounds, and prints each copy's address mod 64 and the
// ratios new/old of the four pairings. It only builds with -tags phase.
func TestPhase(t *testing.T) {
	in, err := os.ReadFile("../bench/testdata/browser_get.http")
	if err != nil {
		t.Fatal(err)
	}
	phaseFill(1, 2)
	names := []string{"oldA", "newA", "oldB", "newB"}
	fns := map[string]any{"oldA": phaseOldA, "newA": phaseNewA, "oldB": phaseOldB, "newB": phaseNewB}
	run := map[string]func(){}
	result := map[string]string{}
	for _, n := range names {
		switch f := fns[n].(type) {
		case func([]byte, []Span) ([]Span, int, bool):
			dst := make([]Span, 0, 64)
			run[n] = func() { f(in, dst[:0]) }
			s, k, ok := f(in, nil)
			result[n] = fmt.Sprint(s, k, ok)
		case func([]byte) bool:
			run[n] = func() { f(in) }
			result[n] = fmt.Sprint(f(in))
		default:
			t.Fatalf("%s: unsupported signature %T", n, f)
		}
	}
	for _, n := range names[1:] {
		if result[n] != result["oldA"] {
			t.Fatalf("%s returns %s, oldA %s", n, result[n], result["oldA"])
		}
	}
	phase := func(n string) uintptr { return reflect.ValueOf(fns[n]).Pointer() % 64 }
	fmt.Printf("phase oldA %d newA %d oldB %d newB %d (address mod 64)\n", phase("oldA"), phase("newA"), phase("oldB"), phase("newB"))
	const rounds, n = 41, 20000
	for _, p := range [][2]string{{"oldA", "newA"}, {"oldB", "newB"}, {"oldA", "newB"}, {"oldB", "newA"}} {
		f, g := run[p[0]], run[p[1]]
		var ta, tb, rs []float64
		for r := 0; r < rounds; r++ {
			t0 := time.Now()
			for i := 0; i < n; i++ {
				f()
			}
			t1 := time.Now()
			for i := 0; i < n; i++ {
				g()
			}
			t2 := time.Now()
			a, b := float64(t1.Sub(t0).Nanoseconds())/n, float64(t2.Sub(t1).Nanoseconds())/n
			ta, tb, rs = append(ta, a), append(tb, b), append(rs, b/a)
		}
		for _, v := range [][]float64{ta, tb, rs} {
			slices.Sort(v)
		}
		fmt.Printf("phase %s %.1f ns  %s %.1f ns  new/old %.3f\n", p[0], ta[rounds/2], p[1], tb[rounds/2], rs[rounds/2])
	}
}
