package emit_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/abnfc/abnfc/gen"
	"github.com/abnfc/abnfc/grammar/syntax"
)

// TestTuningEndToEnd generates testdata/tuning/tuning.abnf, whose rules
// carry @capture, @limit and @extern, builds it with a driver and a
// hand-written extern, runs it, and compares what it prints with
// testdata/tuning/output.golden (-update rewrites it): one-shot spans,
// streaming Start/Span/End callbacks with data split at chunk boundaries,
// the limit error (in a called rule, and on the whole input of value's
// own functions), and the extern in one-shot mode.
func TestTuningEndToEnd(t *testing.T) {
	g, err := syntax.ParseFile("testdata/tuning/tuning.abnf", syntax.Options{})
	if err != nil {
		t.Fatal(err)
	}
	src, err := gen.Generate(g, gen.Options{Rules: []string{"header", "value"}, Package: "main", Command: "abnfc gen (test)", Source: "tuning.abnf"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), []byte("module tuning\n\ngo 1.26\n"))
	writeFile(t, filepath.Join(dir, "zz_abnf.go"), src)
	for _, f := range []string{"main.go", "extern.go"} {
		b, err := os.ReadFile(filepath.Join("testdata/tuning", f+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, f), b)
	}
	out := goTool(t, dir, nil, "run", ".")
	golden := "testdata/tuning/output.golden"
	if *update {
		writeFile(t, golden, out)
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != string(want) {
		t.Errorf("output differs from %s (-update to accept):\n%s", golden, out)
	}
}
