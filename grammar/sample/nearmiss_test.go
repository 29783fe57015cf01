package sample_test

import (
	"bytes"
	"errors"
	"math/rand"
	"testing"

	"github.com/abnfc/abnfc/grammar"
	"github.com/abnfc/abnfc/grammar/ref"
	"github.com/abnfc/abnfc/grammar/sample"
)

const nearGrammar = `
num   = 1*DIGIT
pair  = token ":" 1*DIGIT CRLF
token = 1*ALPHA
lines = 1*( token CRLF )
trap1 = *DIGIT DIGIT
trap2 = *("a" / "ab") "b"
mixed = %s"Xy" "zw"
`

// TestNearMissVerdicts checks the verdicts of edits whose effect does not
// depend on where they apply.
func TestNearMissVerdicts(t *testing.T) {
	g := mustGrammar(t, grammar.RFC5234, nearGrammar)
	tests := []struct {
		rule string
		want map[string]bool // kind → InLanguage; every kind must turn up
	}{
		{"num", map[string]bool{"leading-zeros": true, "sign+": false, "sign-": false, "hex-prefix": false, "insert-SP": false, "insert-NUL": false, "insert-0xFF": false}},
		{"pair", map[string]bool{"drop-separator:": false, "duplicate-separator:": false, "flip-case": true, "insert-HT": false, "insert-CR": false, "insert-DEL": false, "duplicate-line": false, "leading-zeros": true}},
		{"lines", map[string]bool{"duplicate-line": true, "split-line": true, "insert-LF": false, "insert-0x80": false}},
		{"trap1", map[string]bool{"leading-zeros": true, "sign+": false}},
		{"trap2", map[string]bool{"flip-case": true, "insert-SP": false}},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			s := mustSampler(t, g, tt.rule, sample.Options{Seed: 9})
			r := rand.New(rand.NewSource(9))
			seen := map[string]bool{}
			for i := 0; i < 30; i++ {
				d := nextDerivation(t, s)
				for _, m := range s.NearMisses(d, r, nil) {
					want, ok := tt.want[m.Kind()]
					if !ok {
						continue
					}
					seen[m.Kind()] = true
					if m.InLanguage != want {
						t.Errorf("%s on %q gives %q: InLanguage %v, want %v", m.Label, m.Base, m.Input, m.InLanguage, want)
					}
				}
			}
			for k := range tt.want {
				if !seen[k] {
					t.Errorf("no %s near-miss in 30 samples", k)
				}
			}
		})
	}
}

func TestNearMissCaseFlip(t *testing.T) {
	g := mustGrammar(t, grammar.RFC5234, nearGrammar)
	s := mustSampler(t, g, "mixed", sample.Options{Seed: 1})
	r := rand.New(rand.NewSource(1))
	// "Xy" is case-sensitive (offsets 0, 1), "zw" is not (2, 3).
	for i := 0; i < 10; i++ {
		for _, m := range s.NearMisses(nextDerivation(t, s), r, nil) {
			if m.Kind() != "flip-case" {
				continue
			}
			at := 0
			for at < len(m.Base) && m.Base[at] == m.Input[at] {
				at++
			}
			if want := at >= 2; m.InLanguage != want {
				t.Errorf("%s: %q → %q InLanguage %v, want %v", m.Label, m.Base, m.Input, m.InLanguage, want)
			}
		}
	}
}

// TestNearMissesAgreeWithReference checks every label against a separate
// reference parser, on the small grammars and their non-PEG traps.
func TestNearMissesAgreeWithReference(t *testing.T) {
	g := mustGrammar(t, grammar.RFC5234, nearGrammar+small)
	for _, rule := range g.UserRules() {
		t.Run(rule.Name, func(t *testing.T) {
			s := mustSampler(t, g, rule.Name, sample.Options{Seed: 2})
			p := mustParser(t, g, rule.Name)
			r := rand.New(rand.NewSource(2))
			for i := 0; i < 10; i++ {
				d := nextDerivation(t, s)
				ms := s.NearMisses(d, r, p.Match)
				for _, m := range ms {
					if !bytes.Equal(m.Base, d.Bytes) {
						t.Fatalf("%s: base %q, want the sample %q", m.Label, m.Base, d.Bytes)
					}
					if got := s.Match(m.Input); got != m.InLanguage {
						t.Errorf("%s: %q: InLanguage %v, reference says %v", m.Label, m.Input, m.InLanguage, got)
					}
				}
			}
		})
	}
}

func TestNearMissLabels(t *testing.T) {
	g := mustGrammar(t, grammar.RFC5234, "r = %s\"GET\" SP DIGIT CRLF %s\"x\" CRLF\n")
	s := mustSampler(t, g, "r", sample.Options{Seed: 1})
	d := nextDerivation(t, s)
	// Stubbed matcher: only the labels and inputs are under test here.
	ms := s.NearMisses(d, rand.New(rand.NewSource(1)), func([]byte) bool { return false })
	got := map[string]string{}
	for _, m := range ms {
		got[m.Label] = string(m.Input)
		if !bytes.Equal(m.Base, d.Bytes) {
			t.Errorf("%s: base %q, want %q", m.Label, m.Base, d.Bytes)
		}
	}
	n := string(d.Bytes[4:5])
	tests := []struct {
		label, input string
	}{
		{"drop-separator-SP@3", "GET" + n + "\r\nx\r\n"},
		{"duplicate-separator-SP@3", "GET  " + n + "\r\nx\r\n"},
		{"sign+@4", "GET +" + n + "\r\nx\r\n"},
		{"sign-@4", "GET -" + n + "\r\nx\r\n"},
		{"hex-prefix@4", "GET 0x" + n + "\r\nx\r\n"},
		{"leading-zeros@4", "GET 00" + n + "\r\nx\r\n"},
	}
	for _, tt := range tests {
		if in, ok := got[tt.label]; !ok {
			t.Errorf("no %s near-miss among %v", tt.label, ms)
		} else if in != tt.input {
			t.Errorf("%s: input %q, want %q", tt.label, in, tt.input)
		}
	}
	lines := 0
	for label, in := range got {
		switch label {
		case "duplicate-line@0":
			lines++
			if want := "GET " + n + "\r\nGET " + n + "\r\nx\r\n"; in != want {
				t.Errorf("%s: input %q, want %q", label, in, want)
			}
		case "duplicate-line@7":
			lines++
			if want := "GET " + n + "\r\nx\r\nx\r\n"; in != want {
				t.Errorf("%s: input %q, want %q", label, in, want)
			}
		}
	}
	if lines != 1 {
		t.Errorf("%d duplicate-line near-misses in %v, want 1", lines, got)
	}
}

func TestNearMissesBadDerivation(t *testing.T) {
	g := mustGrammar(t, grammar.RFC5234, nearGrammar)
	s := mustSampler(t, g, "num", sample.Options{Seed: 1})
	tests := []struct {
		name string
		d    *sample.Derivation
	}{
		{"nil", nil},
		{"empty", &sample.Derivation{}},
		{"terms out of range", &sample.Derivation{Bytes: []byte("12"), Terms: []sample.Term{{Start: 1, End: 9}, {Start: -3, End: 1}, {Start: 2, End: 1}}}},
		{"overlapping terms", &sample.Derivation{Bytes: []byte("12"), Terms: []sample.Term{{Start: 0, End: 2}, {Start: 1, End: 2}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, m := range s.NearMisses(tt.d, rand.New(rand.NewSource(1)), nil) {
				if got := s.Match(m.Input); got != m.InLanguage {
					t.Errorf("%s: InLanguage %v, reference says %v", m.Label, m.InLanguage, got)
				}
			}
		})
	}
}

// TestNearMissLimit checks that a near-miss the reference parser gives up
// on has no verdict (Err, a *ref.LimitError, and Verdict's error) instead
// of a false "out": Match had read the limit error as no match. Under
// MaxInput 8 the 8-byte sample and the edits that keep it at 8 bytes or
// fewer (flip-case, drop-separator) are decided, and those that make it
// longer are not.
func TestNearMissLimit(t *testing.T) {
	g := mustGrammar(t, grammar.RFC5234, "r = \"GET\" SP 4DIGIT\n")
	s := mustSampler(t, g, "r", sample.Options{Seed: 1, Limits: ref.Limits{MaxInput: 8}})
	d := nextDerivation(t, s)
	if in, err := s.Verdict(d.Bytes); !in || err != nil {
		t.Fatalf("Verdict(%q) = %v, %v; want true, nil", d.Bytes, in, err)
	}
	ms := s.NearMisses(d, rand.New(rand.NewSource(1)), nil)
	if len(ms) == 0 {
		t.Fatal("no near-misses")
	}
	for _, m := range ms {
		t.Run(m.Label, func(t *testing.T) {
			var le *ref.LimitError
			over := len(m.Input) > 8
			if got := errors.As(m.Err, &le); got != over {
				t.Errorf("%q (%d bytes): Err %v, want a *ref.LimitError: %v", m.Input, len(m.Input), m.Err, over)
			}
			if over && m.InLanguage {
				t.Errorf("%q: InLanguage with an error", m.Input)
			}
			in, err := s.Verdict(m.Input)
			if (err != nil) != over || in != m.InLanguage {
				t.Errorf("Verdict(%q) = %v, %v; want the near-miss's %v, %v", m.Input, in, err, m.InLanguage, m.Err)
			}
		})
	}
}
