//go:build !gofuzz

package fuzz_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/abnfc/abnfc/fuzz"
)

// corpusDir is the repository's corpus/ directory.
var corpusDir = filepath.Join("..", "corpus")

func TestMain(m *testing.M) {
	code := m.Run()
	// The http.Server oracle must not outlive the tests.
	if err := fuzz.StopServer(); err != nil && code == 0 {
		code = 1
	}
	os.Exit(code)
}

// TestCorpus replays every corpus file through its target's check and
// fails on any disagreement that no divergence class explains (and on
// any disagreement of the exact oracles, ref and stream).
func TestCorpus(t *testing.T) {
	for _, tg := range fuzz.Targets {
		t.Run(tg.Name, func(t *testing.T) {
			files, err := fuzz.ReadCorpus(corpusDir, tg.Name)
			if err != nil {
				t.Fatal(err)
			}
			if len(files) == 0 {
				t.Fatalf("no corpus files in %s", filepath.Join(corpusDir, tg.Name))
			}
			classes := map[string]int{}
			for _, f := range files {
				r := tg.Check(f.Data)
				if r.Failed() {
					t.Errorf("%s: %v", f.Path, r)
				}
				for _, d := range r.Disagreements {
					classes[d.Class]++
				}
			}
			t.Logf("%d files, classes %v", len(files), sortedCounts(classes))
		})
	}
}

func sortedCounts(m map[string]int) string {
	var ks []string
	for k, v := range m {
		ks = append(ks, k+"="+itoa(v))
	}
	sort.Strings(ks)
	return strings.Join(ks, " ")
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

// TestRuleSeedsSelectTheirRule: each seed of the rule target selects, by
// its first byte, the rule its file is named for, and is in that rule's
// language. The byte indexes parser.Rules, so a rule added to the
// generated parser shifts it: four of the six seeds had come to select
// another rule, in whose language they were not (an audit).
func TestRuleSeedsSelectTheirRule(t *testing.T) {
	want := map[string]string{
		"chunked.bin":        "Chunked-Body",
		"date.bin":           "HTTP-date",
		"message-header.bin": "message-header",
		"qvalue.bin":         "qvalue",
		"request-line.bin":   "Request-Line",
		"status-line.bin":    "Status-Line",
	}
	names := fuzz.RuleNames()
	files, err := fuzz.ReadCorpus(corpusDir, "rule")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		base := filepath.Base(f.Path)
		rule, ok := want[base]
		if !ok {
			if !strings.HasPrefix(base, "regress-") {
				t.Errorf("%s: a rule seed this test does not know: add it to want", f.Path)
			}
			continue
		}
		if len(f.Data) == 0 || names[int(f.Data[0])%len(names)] != rule {
			t.Errorf("%s selects rule %q, want %q", f.Path, names[int(f.Data[0])%len(names)], rule)
			continue
		}
		if r := fuzz.CheckRuleIndexed(f.Data); r.Verdict != "ok" {
			t.Errorf("%s: %s is %s, want a seed in its language", f.Path, rule, r.Verdict)
		}
	}
}
