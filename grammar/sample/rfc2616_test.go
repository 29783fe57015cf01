package sample_test

import (
	"math/rand"
	"testing"
	"time"

	"github.com/abnfc/abnfc/grammar"
	"github.com/abnfc/abnfc/grammar/rfc2616"
	"github.com/abnfc/abnfc/grammar/sample"
)

func rfc2616Grammar(t *testing.T) *grammar.Grammar {
	t.Helper()
	g, err := rfc2616.Grammar()
	if err != nil {
		t.Fatalf("rfc2616.Grammar: %v", err)
	}
	return g
}

// TestRFC2616SamplesMatch samples every user rule of the embedded RFC 2616
// grammar and checks each sample with the reference parser.
func TestRFC2616SamplesMatch(t *testing.T) {
	g := rfc2616Grammar(t)
	start := time.Now()
	for _, r := range g.UserRules() {
		s, err := sample.New(g, r.Name, sample.Options{Seed: 1})
		if err != nil {
			t.Errorf("sample.New(%s): %v", r.Name, err)
			continue
		}
		p := mustParser(t, g, r.Name)
		for i := 0; i < 5; i++ {
			if b := next(t, s); !p.Match(b) {
				t.Errorf("%s: sample %s does not match", r.Name, grammar.Excerpt(string(b), 120))
			}
		}
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v for %d rules; the test must stay fast", d, len(g.UserRules()))
	}
}

// TestRFC2616Coverage covers the message rules of RFC 2616 §4.1, §5 and
// §6 and checks every covering sample with the reference parser.
func TestRFC2616Coverage(t *testing.T) {
	g := rfc2616Grammar(t)
	for _, rule := range []string{"Request", "Response"} {
		t.Run(rule, func(t *testing.T) {
			s := mustSampler(t, g, rule, sample.Options{Seed: 1})
			p := mustParser(t, g, rule)
			ds, rep, err := s.Coverage()
			if err != nil {
				t.Fatalf("Coverage: %v", err)
			}
			if rep.Alternatives < 100 || rep.Paths < 300 || rep.CoveredAlternatives != rep.Alternatives || rep.CoveredPaths != rep.Paths {
				t.Errorf("report %v", rep)
			}
			for _, d := range ds {
				if !p.Match(d.Bytes) {
					t.Errorf("coverage sample %s does not match %s", grammar.Excerpt(string(d.Bytes), 120), rule)
				}
			}
		})
	}
}

// TestRFC2616NearMisses checks near-miss labels on RFC 2616 messages
// against a separate reference parser.
func TestRFC2616NearMisses(t *testing.T) {
	g := rfc2616Grammar(t)
	kinds := map[string]bool{}
	for _, rule := range []string{"Request-Line", "Status-Line", "Request", "Response", "Content-Length", "Date", "Host"} {
		t.Run(rule, func(t *testing.T) {
			s := mustSampler(t, g, rule, sample.Options{Seed: 3, MaxSize: 512})
			p := mustParser(t, g, rule)
			r := rand.New(rand.NewSource(3))
			for i := 0; i < 3; i++ {
				for _, m := range s.NearMisses(nextDerivation(t, s), r, nil) {
					kinds[m.Kind()] = true
					if got := p.Match(m.Input); got != m.InLanguage {
						t.Errorf("%s: %s: InLanguage %v, reference says %v", m.Label, grammar.Excerpt(string(m.Input), 80), m.InLanguage, got)
					}
				}
			}
		})
	}
	for _, k := range []string{"insert-SP", "insert-CR", "flip-case", "drop-separator-SP", "leading-zeros", "duplicate-line", "split-line"} {
		if !kinds[k] {
			t.Errorf("no %s near-miss on the RFC 2616 message rules", k)
		}
	}
}
