//go:build !gofuzz

package fuzz

// The native fuzz targets, one per target of Targets. They are in the
// package itself (not fuzz_test) so that OSS-Fuzz's
// compile_native_go_fuzzer (go-118-fuzz-build) can build them for
// libFuzzer; see oss-fuzz-build.sh. Each adds the corpus files of its
// target as seeds, and go test replays those seeds and testdata/fuzz.

import (
	"path/filepath"
	"testing"
)

// seedDir is the repository's corpus/ directory.
var seedDir = filepath.Join("..", "corpus")

// addSeeds adds the corpus files of target to f.
func addSeeds(f *testing.F, target string) {
	files, err := ReadCorpus(seedDir, target)
	if err != nil {
		f.Fatal(err)
	}
	for _, c := range files {
		f.Add(c.Data)
	}
}

// fuzzTarget is the body of every native fuzz target.
func fuzzTarget(f *testing.F, name string) {
	tg, ok := TargetByName(name)
	if !ok {
		f.Fatalf("no target %q", name)
	}
	addSeeds(f, name)
	f.Fuzz(func(t *testing.T, data []byte) {
		if r := tg.Check(data); r.Failed() {
			t.Fatalf("%v", r)
		}
	})
}

func FuzzRequest(f *testing.F)  { fuzzTarget(f, "request") }
func FuzzResponse(f *testing.F) { fuzzTarget(f, "response") }
func FuzzHeader(f *testing.F)   { fuzzTarget(f, "header") }
func FuzzChunked(f *testing.F)  { fuzzTarget(f, "chunked") }
func FuzzDate(f *testing.F)     { fuzzTarget(f, "date") }
func FuzzQValue(f *testing.F)   { fuzzTarget(f, "qvalue") }
func FuzzRange(f *testing.F)    { fuzzTarget(f, "range") }
func FuzzRule(f *testing.F)     { fuzzTarget(f, "rule") }
func FuzzFastPath(f *testing.F) { fuzzTarget(f, "fastpath") }
func FuzzSpans(f *testing.F)    { fuzzTarget(f, "spans") }
