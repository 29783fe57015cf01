package fuzz

import (
	"fmt"
	"io"
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
	{"fastpath", "message-head", CheckFastPath},
	{"spans", "message-head", CheckSpans},
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

// MaxCorpusFile bounds the size of one corpus file: seeds are messages of
// a few KiB (the largest in corpus/ is about 100 KB).
const MaxCorpusFile = 1 << 20

// ReadCorpus reads the files of dir/target (sorted by name); a missing
// directory is an empty corpus. Subdirectories, names starting with "."
// and .md files are left out. Anything else that is not a regular file
// (or a link to one), such as a FIFO or a link to /dev/zero, is an error,
// as is a file longer than MaxCorpusFile: reading them could block or
// fill memory.
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
		b, isDir, err := readCorpusFile(p)
		if err != nil {
			return nil, err
		}
		if !isDir {
			out = append(out, CorpusFile{p, b})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// readCorpusFile reads the corpus file at p. isDir reports a link to a
// directory, which is left out as directories are.
func readCorpusFile(p string) (b []byte, isDir bool, err error) {
	fi, err := os.Stat(p)
	if err != nil {
		return nil, false, err
	}
	if fi.IsDir() {
		return nil, true, nil
	}
	if !fi.Mode().IsRegular() {
		return nil, false, fmt.Errorf("%s: not a regular file (%v)", p, fi.Mode().Type())
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	b, err = io.ReadAll(io.LimitReader(f, MaxCorpusFile+1))
	if err != nil {
		return nil, false, err
	}
	if len(b) > MaxCorpusFile {
		return nil, false, fmt.Errorf("%s: longer than the limit of %d bytes (fuzz.MaxCorpusFile)", p, MaxCorpusFile)
	}
	return b, false, nil
}
