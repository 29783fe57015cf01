//go:build !gofuzz

package fuzz

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/abnfc/abnfc/internal/headpath"
	abnf "github.com/abnfc/abnfc/parser"
)

// TestCheckFastPathFails: the fastpath target fails when the line-by-line
// path gives another length, value or KeepAlive than the one-pass path,
// and passes the real one on every seed of corpus/fastpath.
func TestCheckFastPathFails(t *testing.T) {
	real := headpath.ParseLineByLine
	defer func() { headpath.ParseLineByLine = real }()
	wrap := func(edit func(m *abnf.Message, n int) int) func(opts, m any, b, method []byte, response bool) (int, error) {
		return func(opts, m any, b, method []byte, response bool) (int, error) {
			n, err := real(opts, m, b, method, response)
			if err == nil {
				n = edit(m.(*abnf.Message), n)
			}
			return n, err
		}
	}
	const in = "GET / HTTP/1.1\r\nHost: a\r\nX: b\r\n c\r\n\r\n"
	tests := []struct {
		name string
		hook func(opts, m any, b, method []byte, response bool) (int, error)
		fail bool
	}{
		{"real", real, false},
		{"length one short", wrap(func(m *abnf.Message, n int) int { return n - 1 }), true},
		{"value cut", wrap(func(m *abnf.Message, n int) int {
			h := &m.Headers[len(m.Headers)-1]
			h.Value = h.Value[:len(h.Value)-1]
			return n
		}), true},
		{"keep-alive flipped", wrap(func(m *abnf.Message, n int) int { m.KeepAlive = !m.KeepAlive; return n }), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			headpath.ParseLineByLine = tt.hook
			if r := CheckFastPath([]byte(in)); r.Failed() != tt.fail {
				t.Errorf("CheckFastPath(%q): failed %v, want %v: %v", in, r.Failed(), tt.fail, r)
			}
		})
	}
	headpath.ParseLineByLine = real
	files, err := ReadCorpus(seedDir, "fastpath")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if r := CheckFastPath(f.Data); r.Failed() {
			t.Errorf("%s: %v", f.Path, r)
		}
	}
}

// TestCheckSpansFails: the spans target fails on a SpansMessageHead
// whose field-name span ends one byte early (both the model and the
// reference parser's tree see it) and passes the generated one.
func TestCheckSpansFails(t *testing.T) {
	defer func() { spansMessageHead = abnf.SpansMessageHead }()
	short := func(b []byte, dst []abnf.Span) ([]abnf.Span, int, bool) {
		spans, n, ok := abnf.SpansMessageHead(b, dst)
		for i, s := range spans {
			if abnf.MessageHeadSpanNames[s.Capture] == "field-name" && s.End-s.Start > 1 {
				spans[i].End--
			}
		}
		return spans, n, ok
	}
	const in = "GET / HTTP/1.1\r\nHost: a\r\n\r\n"
	for _, tt := range []struct {
		name string
		f    func([]byte, []abnf.Span) ([]abnf.Span, int, bool)
		want []string // the oracles that disagree
	}{
		{"generated", abnf.SpansMessageHead, nil},
		{"field-name one short", short, []string{OracleModel, OracleRef}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			spansMessageHead = tt.f
			r := CheckSpans([]byte(in))
			var got []string
			for _, d := range r.Disagreements {
				got = append(got, d.Oracle)
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("CheckSpans(%q): oracles %v disagree, want %v: %v", in, got, tt.want, r)
			}
		})
	}
}

// TestTargetsWired: every target of Targets has a native fuzz target
// (native_test.go), a go-fuzz entry point of the same name (gofuzz.go),
// whose name lower-cased is the target's (gofuzz.sh and
// oss-fuzz-build.sh find corpus/<target> so), a row in README.md's
// table naming it, and a place in smoke.sh's and oss-fuzz-build.sh's
// lists; TestCorpus checks it has seeds. A target outside Targets, or
// one left out of a list, fails.
func TestTargetsWired(t *testing.T) {
	native := map[string]string{} // target → native function
	for _, fn := range funcDecls(t, "native_test.go") {
		ast.Inspect(fn, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok && len(c.Args) == 2 {
				if id, ok := c.Fun.(*ast.Ident); ok && id.Name == "fuzzTarget" {
					if lit, ok := c.Args[1].(*ast.BasicLit); ok {
						name, _ := strconv.Unquote(lit.Value)
						native[name] = fn.Name.Name
					}
				}
			}
			return true
		})
	}
	gofuzz := map[string]bool{}
	for _, fn := range funcDecls(t, "gofuzz.go") {
		gofuzz[fn.Name.Name] = true
	}
	readme := read(t, "README.md")
	smoke := read(t, "smoke.sh")
	oss := read(t, "oss-fuzz-build.sh")
	ossList := regexp.MustCompile(`(?m)^targets="([^"]*)"`).FindStringSubmatch(oss)
	smokeList := regexp.MustCompile(`(?m)^for t in ([^;]*);`).FindStringSubmatch(smoke)
	if ossList == nil || smokeList == nil {
		t.Fatal("no target list in oss-fuzz-build.sh or smoke.sh")
	}
	for _, tg := range Targets {
		fn, ok := native[tg.Name]
		if !ok {
			t.Errorf("%s: no native fuzz target calls fuzzTarget(f, %q)", tg.Name, tg.Name)
			continue
		}
		short := strings.TrimPrefix(fn, "Fuzz")
		if strings.ToLower(short) != tg.Name {
			t.Errorf("%s: native target %s, whose name lower-cased is not the target's", tg.Name, fn)
		}
		if !gofuzz[fn] {
			t.Errorf("%s: no go-fuzz entry point %s in gofuzz.go", tg.Name, fn)
		}
		if !regexp.MustCompile("(?m)^\\| `" + regexp.QuoteMeta(tg.Name) + "` \\|.*`" + fn + "`").MatchString(readme) {
			t.Errorf("%s: no row of README.md's target table names it and %s", tg.Name, fn)
		}
		if !contains(strings.Fields(smokeList[1]), fn) {
			t.Errorf("%s: %s is not in smoke.sh's list", tg.Name, fn)
		}
		if !contains(strings.Fields(ossList[1]), short) {
			t.Errorf("%s: %s is not in oss-fuzz-build.sh's targets", tg.Name, short)
		}
	}
	if len(native) != len(Targets) {
		t.Errorf("%d native targets for %d Targets: %v", len(native), len(Targets), native)
	}
}

// funcDecls returns the functions declared in the Go file name.
func funcDecls(t *testing.T, name string) []*ast.FuncDecl {
	f, err := parser.ParseFile(token.NewFileSet(), name, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []*ast.FuncDecl
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok {
			out = append(out, fn)
		}
	}
	return out
}

func read(t *testing.T, name string) string {
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
