package emit_test

import (
	"bytes"
	"flag"
	"go/ast"
	"go/build"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/abnfc/abnfc/gen"
	"github.com/abnfc/abnfc/gen/emit"
	"github.com/abnfc/abnfc/grammar"
	"github.com/abnfc/abnfc/grammar/rfc2616"
	"github.com/abnfc/abnfc/grammar/syntax"
)

var update = flag.Bool("update", false, "rewrite the testdata/*.golden files")

// goldenCase is one generated file: a grammar, the rules to generate and
// the options, compared with testdata/<name>.golden.
type goldenCase struct {
	name    string
	grammar string // a file under testdata, or "rfc2616" for the embedded grammar
	rules   []string
	prefix  string
	depth   int
	style   string // emit.StyleGoto when empty
	// writeGoto are the rules whose Machine.Write is goto code of its own.
	writeGoto []string
}

// goldenCases cover a recursive rule with a stack (list), right recursion
// with a tail call and self-embedding in one machine (path, paren),
// case-insensitive and case-sensitive literals, num-val ranges, bounded
// repetition (misc), a prefix and a depth limit, the table and switch
// styles of MatchR, Machine.Write as goto code of its own, and two RFC
// 2616 rules.
var goldenCases = []goldenCase{
	{name: "list", grammar: "list.abnf", rules: []string{"list"}},
	{name: "path", grammar: "path.abnf", rules: []string{"path", "paren"}},
	{name: "misc", grammar: "misc.abnf", rules: []string{"method", "alnum", "crlf-x", "port", "hexbyte", "bounded", "digits"}},
	{name: "prefix", grammar: "list.abnf", rules: []string{"list", "value"}, prefix: "X", depth: 8},
	{name: "capture", grammar: "capture.abnf", rules: []string{"pair"}},
	{name: "spans", grammar: "spans.abnf", rules: []string{"pair", "line", "empty"}},
	// The other styles of MatchR.
	{name: "table", grammar: "misc.abnf", rules: []string{"port", "digits"}, style: emit.StyleTable},
	{name: "switch", grammar: "misc.abnf", rules: []string{"port", "digits"}, style: emit.StyleSwitch},
	// Machine.Write as goto code of its own (-write-goto).
	{name: "writegoto", grammar: "misc.abnf", rules: []string{"port", "digits"}, writeGoto: []string{"digits"}},
	// ... with a field value's run, whose SWAR loop such a Write has in
	// place (the others call the file's LoopNSkip).
	{name: "writegoto-runs", grammar: "runs.abnf", rules: []string{"text"}, writeGoto: []string{"text"}},
	// RFC 2616 §3.9 qvalue and §3.3.1 HTTP-date.
	{name: "rfc2616", grammar: rfc2616.Name, rules: []string{"qvalue", "HTTP-date"}},
}

// loadGrammar parses a grammar of testdata, or the embedded RFC 2616
// grammar, afresh on every call (so that map order differs between calls).
func loadGrammar(t testing.TB, name string) *grammar.Grammar {
	t.Helper()
	var g *grammar.Grammar
	var err error
	if name == rfc2616.Name {
		g, err = rfc2616.Grammar()
	} else {
		g, err = syntax.ParseFile(filepath.ToSlash(filepath.Join("testdata", name)), syntax.Options{})
	}
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return g
}

// generate runs gen.Generate for c with a fixed command line and source,
// so that the output does not depend on where the test runs.
func (c goldenCase) generate(t testing.TB) []byte {
	t.Helper()
	src := c.grammar
	if src != rfc2616.Name {
		src = "testdata/" + src
	}
	cmd := "abnfc gen -grammar " + src + " -rules " + strings.Join(c.rules, ",") + " -package golden"
	if c.prefix != "" {
		cmd += " -prefix " + c.prefix
	}
	if c.depth != 0 {
		cmd += " -depth " + strconv.Itoa(c.depth)
	}
	if c.style != "" {
		cmd += " -style " + c.style
	}
	if len(c.writeGoto) > 0 {
		cmd += " -write-goto " + strings.Join(c.writeGoto, ",")
	}
	out, err := gen.Generate(loadGrammar(t, c.grammar), gen.Options{
		Rules: c.rules, Package: "golden", Prefix: c.prefix, MaxDepth: c.depth, Style: c.style,
		WriteGoto: c.writeGoto, Command: cmd, Source: src,
	})
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	return out
}

// TestGolden compares the generated files with testdata/*.golden; go test
// -update rewrites them.
func TestGolden(t *testing.T) {
	for _, c := range goldenCases {
		t.Run(c.name, func(t *testing.T) {
			got := c.generate(t)
			file := filepath.Join("testdata", c.name+".golden")
			if *update {
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("generated code differs from %s (-want +got):\n%s", file, lineDiff(string(want), string(got)))
			}
		})
	}
}

// TestIdempotent generates every golden case several times, parsing the
// grammar afresh each time, and requires identical bytes: no map order or
// pointer value may leak into the output.
func TestIdempotent(t *testing.T) {
	for _, c := range goldenCases {
		t.Run(c.name, func(t *testing.T) {
			first := c.generate(t)
			for i := 0; i < 5; i++ {
				if again := c.generate(t); !bytes.Equal(first, again) {
					t.Fatalf("run %d differs from run 0 (-first +again):\n%s", i+1, lineDiff(string(first), string(again)))
				}
			}
			// The output is gofmt'd already.
			formatted, err := format.Source(first)
			if err != nil {
				t.Fatalf("format.Source: %v", err)
			}
			if !bytes.Equal(formatted, first) {
				t.Errorf("output is not gofmt'd (-got +gofmt):\n%s", lineDiff(string(first), string(formatted)))
			}
		})
	}
}

// TestHeader checks the head of every generated file: the "// Code
// generated ... DO NOT EDIT." line comes first, before the package clause,
// so that go/ast.IsGenerated recognizes it; "// Source:" follows it; and
// the file imports only standard-library packages.
func TestHeader(t *testing.T) {
	for _, c := range goldenCases {
		t.Run(c.name, func(t *testing.T) {
			want := "testdata/" + c.grammar
			if c.grammar == rfc2616.Name {
				want = rfc2616.Name
			}
			checkHeader(t, c.generate(t), want)
		})
	}
}

// checkHeader checks the head of src, which must record source.
func checkHeader(t *testing.T, src []byte, source string) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "zz_abnf.go", src, parser.ParseComments)
	if err != nil {
		t.Fatalf("generated code does not parse: %v", err)
	}
	if !ast.IsGenerated(f) {
		t.Errorf("ast.IsGenerated = false; head of file:\n%s", head(src, 5))
	}
	if len(f.Comments) < 2 {
		t.Fatalf("want at least two comment groups before the package clause:\n%s", head(src, 5))
	}
	first, second := f.Comments[0], f.Comments[1]
	if !strings.HasPrefix(first.List[0].Text, "// Code generated ") || !strings.HasSuffix(first.List[0].Text, " DO NOT EDIT.") {
		t.Errorf("first comment %q is not the generated-code marker", first.List[0].Text)
	}
	if first.Pos() > f.Package {
		t.Errorf("the generated-code marker comes after the package clause")
	}
	if fset.Position(first.Pos()).Line != 1 {
		t.Errorf("the generated-code marker is on line %d, want 1", fset.Position(first.Pos()).Line)
	}
	if second.List[0].Text != "// Source: "+source || second.Pos() > f.Package {
		t.Errorf("second comment %q is not // Source: %s before the package clause", second.List[0].Text, source)
	}
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		p, err := build.Default.Import(path, "", build.FindOnly)
		if err != nil || !p.Goroot {
			t.Errorf("generated code imports %q, not a standard-library package (%v)", path, err)
		}
	}
}

func head(src []byte, n int) string {
	lines := strings.SplitN(string(src), "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}

// lineDiff is a small line diff for messages: the lines of want and got
// that differ, around the first difference, marked - and +.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	var b strings.Builder
	for k := max(0, i-2); k < i; k++ {
		b.WriteString("  " + w[k] + "\n")
	}
	for k := i; k < min(len(w), i+10); k++ {
		b.WriteString("- " + w[k] + "\n")
	}
	for k := i; k < min(len(g), i+10); k++ {
		b.WriteString("+ " + g[k] + "\n")
	}
	return b.String()
}
