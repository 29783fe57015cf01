package fuzz

import (
	"os"
	"path/filepath"
	"sort"
)

// Target is one fuzz target: its check function and the corpus
// directory (under corpus/) of its seeds and regressions.
type Target struct {
	// Name is the target's name, also its corpus directory.
	Name string
	// Rule is the grammar rule its inputs come from (for generation).
	Rule string
	// Check checks one input against all the target's oracles.
	Check func([]byte) Result
}

// Targets lists the targets in a fixed order.
var Targets = []Target{
	{"request", "Request", func(b []byte) Result { return CheckRequestWith(b, Options{Server: true}) }},
	{"response", "Response", CheckResponse},
	{"header", "message-header", CheckHeader},
	{"chunked", "Chunked-Body", CheckChunked},
	{"date", "HTTP-date", CheckDate},
	{"qvalue", "qvalue", CheckQValue},
	{"range", "ranges-specifier", CheckRange},
	{"rule", "", CheckRuleIndexed},
}

// TargetByName returns the target called name.
func TargetByName(name string) (Target, bool) {
	for _, t := range Targets {
		if t.Name == name {
			return t, true
		}
	}
	return Target{}, false
}

// CorpusFile is one file of a corpus directory.
type CorpusFile struct {
	Path string
	Data []byte
}

// ReadCorpus reads the files of dir/target (sorted by name); a missing
// directory is an empty corpus.
func ReadCorpus(dir, target string) ([]CorpusFile, error) {
	ents, err := os.ReadDir(filepath.Join(dir, target))
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []CorpusFile
	for _, e := range ents {
		if e.IsDir() || e.Name()[0] == '.' || filepath.Ext(e.Name()) == ".md" {
			continue
		}
		p := filepath.Join(dir, target, e.Name())
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		out = append(out, CorpusFile{p, b})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}
