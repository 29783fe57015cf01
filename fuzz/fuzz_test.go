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
