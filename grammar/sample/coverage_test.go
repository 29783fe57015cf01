package sample_test

import (
	"strings"
	"testing"

	"github.com/abnfc/abnfc/grammar"
	"github.com/abnfc/abnfc/grammar/sample"
)

func TestCoverageCounts(t *testing.T) {
	tests := []struct {
		name, src, rule string
		alts, paths     int      // targets with a finite derivation
		impossible      []string // names of impossible alternatives
	}{
		{
			// r#1/1 → a#1/1, a#1/2; r#1/2 → b#1/1, b#1/2, c#1/1, c#1/2.
			// The iterations of *( "p" / "q" ) are siblings, not nested.
			name: "two levels",
			src: `r = a / b c
a = "x" / "y"
b = "1" / "2"
c = *( "p" / "q" )`,
			rule: "r", alts: 8, paths: 6,
		},
		{
			// e#1/1 and e#1/2 lead to e#1 again (3 alternatives each);
			// e#1/3 is a literal.
			name: "recursion",
			src:  `e = "(" e ")" / e "+" e / "x"`,
			rule: "e", alts: 3, paths: 6,
		},
		{
			name: "impossible alternative",
			src: `r = "a" / loop / "b"
loop = "x" loop`,
			rule: "r", alts: 2, paths: 0,
			impossible: []string{"r#1/2 (test.abnf:1:5)"},
		},
		{
			// The nested Alt is the first choice point of the second
			// alternative; rule references pass through.
			name: "nested alternation through a reference",
			src: `r = "a" / ( "b" / s )
s = "c" / "d"`,
			rule: "r", alts: 6, paths: 4,
		},
		{
			name: "not PEG",
			src:  `r = *DIGIT DIGIT / *("a" / "ab") "b"`,
			// r#1/2 → the inner Alt (2); DIGIT is a range, not a choice.
			rule: "r", alts: 4, paths: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := mustGrammar(t, grammar.RFC5234, tt.src)
			s := mustSampler(t, g, tt.rule, sample.Options{Seed: 1})
			p := mustParser(t, g, tt.rule)
			ds, rep, err := s.Coverage()
			if err != nil {
				t.Fatalf("Coverage: %v", err)
			}
			if rep.Alternatives != tt.alts || rep.Paths != tt.paths {
				t.Errorf("targets: %d alternatives, %d 2-paths; want %d, %d\n%v\n%v", rep.Alternatives, rep.Paths, tt.alts, tt.paths, rep.AltCounts, rep.PathCounts)
			}
			if rep.CoveredAlternatives != rep.Alternatives || rep.CoveredPaths != rep.Paths || len(rep.Uncovered) != 0 {
				t.Errorf("report %v, uncovered %v", rep, rep.Uncovered)
			}
			if got, want := strings.Join(rep.Impossible, "; "), strings.Join(tt.impossible, "; "); got != want {
				t.Errorf("impossible: %q, want %q", got, want)
			}
			if rep.Samples != len(ds) || len(ds) > tt.alts+tt.paths {
				t.Errorf("%d samples (report says %d) for %d targets", len(ds), rep.Samples, tt.alts+tt.paths)
			}
			for _, c := range append(rep.AltCounts, rep.PathCounts...) {
				if c.N == 0 {
					t.Errorf("target %s has count 0", c.Name)
				}
			}
			for _, d := range ds {
				if !p.Match(d.Bytes) {
					t.Errorf("coverage sample %q does not match %s", d.Bytes, tt.rule)
				}
			}
		})
	}
}

func TestCoverageDeterminism(t *testing.T) {
	g := mustGrammar(t, grammar.RFC5234, small)
	run := func() string {
		s := mustSampler(t, g, "words", sample.Options{Seed: 4})
		ds, rep, err := s.Coverage()
		if err != nil {
			t.Fatalf("Coverage: %v", err)
		}
		var b strings.Builder
		for _, d := range ds {
			b.WriteString(sample.Escape(d.Bytes) + "\n")
		}
		return b.String() + rep.String()
	}
	if a, b := run(), run(); a != b {
		t.Errorf("two coverage runs differ:\n%s\n---\n%s", a, b)
	}
}

func TestCoverageMaxSamples(t *testing.T) {
	g := mustGrammar(t, grammar.RFC5234, `r = "a" / "b" / "c" / "d"`)
	s := mustSampler(t, g, "r", sample.Options{Seed: 1, MaxSamples: 2})
	ds, rep, err := s.Coverage()
	if err == nil {
		t.Fatalf("Coverage with MaxSamples 2 of 4 alternatives: no error, report %v", rep)
	}
	if len(ds) != 2 || rep.CoveredAlternatives < 1 || rep.CoveredAlternatives > 2 || len(rep.Uncovered) != 4-rep.CoveredAlternatives {
		t.Errorf("%d samples, report %v, uncovered %v", len(ds), rep, rep.Uncovered)
	}
}

// TestCoverageNoChoicePoints checks that the covering set of a rule with no
// choice points (RFC 2616's HTTP-Version, a fixed literal) is one sample,
// not an empty set that tests nothing.
func TestCoverageNoChoicePoints(t *testing.T) {
	for _, tc := range []struct{ name, src string }{
		{"literal", `r = "HTTP/" 1*DIGIT "." 1*DIGIT`},
		{"choice only under 0*0", `r = 0*0( "x" / "y" ) "z"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := mustGrammar(t, grammar.RFC5234, tc.src)
			s := mustSampler(t, g, "r", sample.Options{Seed: 1})
			ds, rep, err := s.Coverage()
			if err != nil {
				t.Fatalf("Coverage: %v", err)
			}
			if len(ds) != 1 || rep.Samples != 1 {
				t.Fatalf("got %d samples, report %v; want 1", len(ds), rep)
			}
			if p := mustParser(t, g, "r"); !p.Match(ds[0].Bytes) {
				t.Errorf("sample %q does not match", ds[0].Bytes)
			}
		})
	}
}
