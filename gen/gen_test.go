package gen_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/abnfc/abnfc/gen"
	"github.com/abnfc/abnfc/gen/automata"
	"github.com/abnfc/abnfc/grammar"
	"github.com/abnfc/abnfc/grammar/ref"
	"github.com/abnfc/abnfc/grammar/sample"
	"github.com/abnfc/abnfc/grammar/syntax"
)

// goTool runs the go command in dir with the local toolchain and no
// workspace; env adds or overrides variables (later entries win).
func goTool(t *testing.T, dir string, env []string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOTOOLCHAIN=local", "GOPROXY=off")
	cmd.Env = append(cmd.Env, env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %s (in %s): %v\n%s", strings.Join(args, " "), dir, err, out)
	}
	return out
}

// TestConsumerModule uses abnfc as a user would: the module in
// testdata/consumer carries a //go:generate line that runs cmd/abnfc
// gen. The test copies it to a temporary directory, points it at this
// repository, and runs go mod tidy, go generate and go test there, all
// offline.
//
// Offline works because the module cache already holds every module of
// our go.sum; the temporary go.sum starts as a copy of ours, and go mod
// tidy runs with GOFLAGS=-mod=mod and GOPROXY=off. It runs with -e: tidy
// also loads the tests of our dependencies' packages, whose own
// dependencies (participle's tests import alecthomas/assert and repr)
// are not in a fresh machine's module cache, since nothing builds them;
// without -e, go mod tidy failed on such a machine (session 7). What the
// consumer builds is checked by go generate and go test after it.
//
// The go.mod needs a tool directive for cmd/abnfc: the consumer's code
// does not import abnfc (generated code imports only the standard
// library), so without it go mod tidy drops the requirement, and go
// generate then fails with
// "module github.com/abnfc/abnfc provides package ... and is replaced but
// not required".
func TestConsumerModule(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "consumer")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "consumer"))); err != nil {
		t.Fatal(err)
	}
	mod := fmt.Sprintf(`module consumer

go 1.26

require github.com/abnfc/abnfc v0.0.0

replace github.com/abnfc/abnfc => %s

tool github.com/abnfc/abnfc/cmd/abnfc
`, root)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(mod), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "zz_abnf.go")); err == nil {
		t.Fatalf("testdata/consumer has a zz_abnf.go already: go generate must write it")
	}
	goTool(t, dir, []string{"GOFLAGS=-mod=mod"}, "mod", "tidy", "-e")
	goTool(t, dir, []string{"GOFLAGS="}, "generate", "./...")
	src, err := os.ReadFile(filepath.Join(dir, "zz_abnf.go"))
	if err != nil {
		t.Fatalf("go generate did not write zz_abnf.go: %v", err)
	}
	f, err := parser.ParseFile(token.NewFileSet(), "zz_abnf.go", src, parser.ParseComments)
	if err != nil {
		t.Fatalf("zz_abnf.go: %v", err)
	}
	if !ast.IsGenerated(f) || f.Name.Name != "consumer" {
		t.Errorf("zz_abnf.go: generated %v, package %s; want true, consumer", ast.IsGenerated(f), f.Name.Name)
	}
	if !bytes.Contains(src, []byte("func MatchGreeting(b []byte) bool")) {
		t.Errorf("zz_abnf.go has no MatchGreeting")
	}
	out := goTool(t, dir, []string{"GOFLAGS="}, "test", "-count=1", "-v", "./...")
	if !bytes.Contains(out, []byte("--- PASS: TestMatchGreeting")) {
		t.Errorf("go test did not run TestMatchGreeting:\n%s", out)
	}
}

// TestGenerateErrors checks the kinds of errors Generate returns: plain
// errors for misuse, a grammar.ErrorList of positioned diagnostics for
// rules that cannot be compiled.
func TestGenerateErrors(t *testing.T) {
	const src = `ok = "a" *DIGIT
left = left "x" / "y"
undef = ok missing
; @spans
nospans = ok
; @spans nothere
badspan = ok
; @spans a-run, b-run
ambiguous = *a-run *b-run
a-run = 1*"x"
b-run = 1*"x"
; @short words
shortarg = 1*ALPHA
; @limit many
badlimit = ok
nest = "(" *nest ")"
; @limit 9223372036854775807
hugelimit = ok
; @spans name
spanlimit = 1*( name ";" )
; @limit 4
name = 1*ALPHA
; @spans name
spanprose = 1*( <name> ";" )
imported = <imported, see [RFC0]>
uses = "b" imported
; @captrue
typo = ok
quadratic = *OCTET 4000"a"
; @extern nil
externnil = "<" ok ">"
; @extern len
externlen = ok
; @extern _
externblank = ok
; @spans word
spanok = 1*( word ";" )
word = 1*ALPHA
; @extern MatchExternmatch
externmatch = ok
; @extern strconv
externimport = ok
; @extern abnfrunner
externengine = ok
; @capture
caproot = ok
; @limit 3
; @limit 4
twolimits = ok
; @extern scanA
twoexterns = ok ; @extern scanB
; @spans word
twospans = 1*( word ";" )
; @spans word
twospans =/ "x"
`
	tests := []struct {
		name  string
		opts  gen.Options
		list  bool   // a grammar.ErrorList is expected
		want  string // substring of the error
		where string // position of the first diagnostic
	}{
		{name: "no rules", opts: gen.Options{Package: "p"}, want: "no rules to generate"},
		{name: "undefined rule", opts: gen.Options{Rules: []string{"nope"}, Package: "p"}, want: "rule nope is not defined"},
		{name: "no package", opts: gen.Options{Rules: []string{"ok"}}, want: "no package name"},
		// "package _" and "package type" do not compile.
		{name: "blank package", opts: gen.Options{Rules: []string{"ok"}, Package: "_"}, want: `package name "_" is not a Go identifier other than _`},
		{name: "lower-case prefix", opts: gen.Options{Rules: []string{"ok"}, Package: "p", Prefix: "x"}, want: `prefix "x" is not a Go identifier starting with an upper-case letter`},
		{name: "keyword package", opts: gen.Options{Rules: []string{"ok"}, Package: "type"}, want: `package name "type" is not a Go identifier other than _`},
		{name: "left recursion", opts: gen.Options{Rules: []string{"left"}, Package: "p"}, list: true, want: "needs more than one byte of lookahead", where: "test.abnf:2:8"},
		{name: "undefined reference", opts: gen.Options{Rules: []string{"undef"}, Package: "p"}, list: true, want: "undefined rule missing", where: "test.abnf:3:12"},
		// An error in a rule below the one asked for: a note says which.
		{name: "error in a rule used", opts: gen.Options{Rules: []string{"uses"}, Package: "p"}, list: true, want: "test.abnf:26:1: note: rule uses cannot be generated: it uses imported", where: "test.abnf:25:12"},
		{name: "state limit", opts: gen.Options{Rules: []string{"ok"}, Package: "p", MaxDFAStates: 1}, list: true, want: "exceeds 1 states"},
		{name: "spans without rules", opts: gen.Options{Rules: []string{"nospans"}, Package: "p"}, list: true, want: "@spans of rule nospans needs the names", where: "test.abnf:4:1"},
		{name: "spans of an undefined rule", opts: gen.Options{Rules: []string{"badspan"}, Package: "p"}, list: true, want: "rule nothere is not defined", where: "test.abnf:6:1"},
		{name: "ambiguous spans", opts: gen.Options{Rules: []string{"ambiguous"}, Package: "p"}, list: true, want: "spans of rule ambiguous", where: "test.abnf:8:1"},
		// A misspelt annotation would otherwise be dropped without a word.
		{name: "unknown annotation", opts: gen.Options{Rules: []string{"typo"}, Package: "p"}, list: true, want: "unknown annotation @captrue of rule typo", where: "test.abnf:27:1"},
		{name: "short with arguments", opts: gen.Options{Rules: []string{"shortarg"}, Package: "p"}, list: true, want: "@short of rule shortarg takes no arguments", where: "test.abnf:12:1"},
		{name: "write-goto of a rule not generated", opts: gen.Options{Rules: []string{"ok"}, Package: "p", WriteGoto: []string{"nest"}}, want: "-write-goto: rule nest is not among the rules to generate"},
		{name: "write-goto in the table style", opts: gen.Options{Rules: []string{"ok"}, Package: "p", Style: "table", WriteGoto: []string{"ok"}}, want: "test.abnf:1:1: rule ok: -write-goto needs the goto style"},
		// The second copy of -write-goto counts: ok's 2 states twice are
		// more than 3 (emit.MaxGotoStates).
		{name: "write-goto past half of the goto limit", opts: gen.Options{Rules: []string{"ok"}, Package: "p", WriteGoto: []string{"ok"}, MaxGotoStates: 3}, want: "test.abnf:1:1: rule ok: -write-goto writes its machine as goto code a second time, and its 2 states are more than half of 3"},
		// SpansR is goto code only: past the limit there are no tables to run.
		{name: "spans past the goto limit", opts: gen.Options{Rules: []string{"spanok"}, Package: "p", MaxGotoStates: 2}, want: "test.abnf:36:1: @spans of rule spanok: its span machine has 3 states, more than 2"},
		{name: "write-goto of a rule with calls", opts: gen.Options{Rules: []string{"nest"}, Package: "p", WriteGoto: []string{"nest"}}, want: "test.abnf:16:1: rule nest: -write-goto needs"},
		{name: "limit not a number", opts: gen.Options{Rules: []string{"badlimit"}, Package: "p"}, list: true, want: "@limit of rule badlimit needs a number of bytes from 1 to 2147483647", where: "test.abnf:14:1"},
		// SpansR is one machine without calls: it cannot apply a @limit
		// (it scanned past what ScanR accepts).
		{name: "spans with a limit inside", opts: gen.Options{Rules: []string{"spanlimit"}, Package: "p"}, list: true, want: "@spans of rule spanlimit: rule name (test.abnf:22:1) has a @limit", where: "test.abnf:19:1"},
		// The same through a prose-val that names the rule.
		{name: "spans with a limit through a prose-val", opts: gen.Options{Rules: []string{"spanprose"}, Package: "p"}, list: true, want: "@spans of rule spanprose: rule name (test.abnf:22:1) has a @limit", where: "test.abnf:23:1"},
		// Past 2^31-1 the generated code does not build where int has 32 bits.
		// A DFA within the state limit whose states stand for a quadratic
		// number of NFA states: *OCTET 19000"a" took 75 s and 5.4 GB.
		{name: "subset items", opts: gen.Options{Rules: []string{"quadratic"}, Package: "p"}, list: true, want: "the DFA of rule quadratic stands for more than 10000000 NFA states in all", where: "test.abnf:29:13"},
		// A predeclared identifier is no function of the user's: "extern:
		// nil" compiled and dropped the annotation without a word, "extern:
		// len" failed to build in the generated file.
		{name: "extern nil", opts: gen.Options{Rules: []string{"externnil"}, Package: "p"}, list: true, want: `@extern of rule externnil needs the name of a Go function of yours, not the predeclared "nil"`, where: "test.abnf:30:1"},
		{name: "extern len", opts: gen.Options{Rules: []string{"externlen"}, Package: "p"}, list: true, want: `@extern of rule externlen needs the name of a Go function of yours, not the predeclared "len"`, where: "test.abnf:32:1"},
		{name: "extern blank", opts: gen.Options{Rules: []string{"externblank"}, Package: "p"}, list: true, want: `@extern of rule externblank needs the name of a Go function, not "_"`, where: "test.abnf:34:1"},
		// The generated file's own names and imports: the table would
		// name them, not the user's function, and the file not build.
		{name: "extern of a generated name", opts: gen.Options{Rules: []string{"externmatch"}, Package: "p"}, list: true, want: "test.abnf:39:1: @extern of rule externmatch names MatchExternmatch, which the generated file declares for rule externmatch: give your function another name", where: "test.abnf:39:1"},
		{name: "extern of an import", opts: gen.Options{Rules: []string{"externimport"}, Package: "p"}, list: true, want: "@extern of rule externimport names strconv, which the generated file imports as a package", where: "test.abnf:41:1"},
		{name: "extern of the engine", opts: gen.Options{Rules: []string{"externengine"}, Package: "p"}, list: true, want: "@extern of rule externengine names abnfrunner, which the generated file declares (its API and engine)", where: "test.abnf:43:1"},
		// CaptureR and a Handler report the captured rules inside a
		// match: on a rule generated itself and used by none, @capture
		// gave a dead constant and no CaptureR.
		{name: "capture of a rule generated itself", opts: gen.Options{Rules: []string{"caproot"}, Package: "p"}, list: true, want: "@capture of rule caproot reports nothing: the rule is generated itself (-rules) and no other rule generated uses it", where: "test.abnf:45:1"},
		// An annotation of one value given twice kept the first without
		// a word; "=/" adds the annotations of its alternatives.
		{name: "limit twice", opts: gen.Options{Rules: []string{"twolimits"}, Package: "p"}, list: true, want: `test.abnf:48:1: @limit of rule twolimits is given again here ("4") and at test.abnf:47:1 ("3"): the rule takes one; keep one of them`, where: "test.abnf:48:1"},
		{name: "extern twice", opts: gen.Options{Rules: []string{"twoexterns"}, Package: "p"}, list: true, want: `@extern of rule twoexterns is given again here ("scanB") and at test.abnf:50:1 ("scanA")`, where: "test.abnf:51:17"},
		{name: "spans twice through =/", opts: gen.Options{Rules: []string{"twospans"}, Package: "p"}, list: true, want: `@spans of rule twospans is given again here ("word") and at test.abnf:52:1 ("word")`, where: "test.abnf:54:1"},
		{name: "limit too large", opts: gen.Options{Rules: []string{"hugelimit"}, Package: "p"}, list: true, want: "@limit of rule hugelimit needs a number of bytes from 1 to 2147483647, not \"9223372036854775807\"", where: "test.abnf:17:1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, _ := syntax.ParseString("test.abnf", src, syntax.Options{})
			_, err := gen.Generate(g, tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			var list grammar.ErrorList
			if got := errors.As(err, &list); got != tt.list {
				t.Fatalf("errors.As(%v, ErrorList) = %v, want %v", err, got, tt.list)
			}
			for _, e := range list {
				if !e.Pos.IsValid() {
					t.Errorf("diagnostic without a position: %v", e)
				}
			}
			if tt.where != "" && list[0].Pos.String() != tt.where {
				t.Errorf("first diagnostic at %s, want %s", list[0].Pos, tt.where)
			}
		})
	}
}

// TestWriteGotoCase checks that -write-goto names rules as -rules does,
// case-insensitively (RFC 5234 §2.1), and that the rules it names, and
// only those, get the Write that is goto code of its own.
func TestWriteGotoCase(t *testing.T) {
	const src = "digits = 1*DIGIT\nletters = 1*ALPHA\n"
	g, err := syntax.ParseString("test.abnf", src, syntax.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out, err := gen.Generate(g, gen.Options{Rules: []string{"Digits", "letters"}, Package: "p", WriteGoto: []string{"DIGITS"}})
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	// The goto code's own Write starts its entry switch on r.st; the
	// usual one calls the machine's Run.
	if !strings.Contains(string(out), "func abnfwriteDigits(r *abnfrunner, b []byte) (int, error) {\n\tif r.prog == nil { // the machine's zero value\n\t\tr.reset(&abnfProg_Digits)\n\t}\n\tif r.err != nil {\n\t\treturn 0, r.err\n\t}\n\ti, last, nl, nlEnd := 0, -1, 0, 0\n\tst := r.st") {
		t.Errorf("digits: no Write of its own")
	}
	if !strings.Contains(string(out), ":= abnfDfa_Letters_0Run(b, r.st)") {
		t.Errorf("letters: not the usual Write")
	}
}

// TestGoNameCollisions generates rules whose Go identifiers are distinct
// but whose internal table names collide, and requires code that
// compiles: rule x0's program is abnfProgX0, and so is machine 0 of rule
// prog-x (abnf + ProgX + 0); MatchAMachine is the function of rule
// a-machine and the type of rule match-a. Generated code that does not build must be
// an error of Generate, not a file that breaks the user's package.
func TestGoNameCollisions(t *testing.T) {
	tests := []struct {
		name, src string
		rules     []string
		// generates: the names do not really collide, so refusing is wrong.
		generates bool
		// refusal, when set, is a part of the error Generate must give.
		refusal string
	}{
		{name: "prog and machine", src: "x0 = \"a\"\nprog-x = \"b\"\n", rules: []string{"x0", "prog-x"}},
		// MatchAMachine is both the Match function of rule a-machine and
		// the Machine type of rule match-a.
		{name: "func and type", src: "match-a = \"a\"\na-machine = \"b\"\n", rules: []string{"match-a", "a-machine"}},
		// Two captured rules of one Go name: their constants collide, and
		// -prefix cannot part them (both are in the one rule's program).
		{name: "two captures of one Go name", src: "top = a-1 a1\n; @capture\na-1 = \"x\"\n; @capture\na1 = \"y\"\n", rules: []string{"top"},
			refusal: "test.abnf:5:1: the capture constant of rule a-1 (test.abnf:3:1) and the capture constant of rule a1 (test.abnf:5:1) are both A1Capture"},
		{name: "two rules of one Go name", src: "x- = \"a\"\nx = \"b\"\n", rules: []string{"x-", "x"},
			refusal: "test.abnf:2:1: rule x- (test.abnf:1:1) and rule x (test.abnf:2:1) both produce the Go name MatchX"},
		// The constant of span rule names is PSpanNames, the name of the
		// table of span names: the error said "rule p and rule p both
		// produce the Go name PSpanNames" and advised -prefix, which cannot
		// part them.
		{name: "span constant and span names", src: "; @spans names\np = names \"=\"\nnames = 1*ALPHA\n", rules: []string{"p"},
			refusal: "test.abnf:1:1: @spans of rule p: the constant of span names would be PSpanNames, the name of the table of span names: rename rule names (test.abnf:3:1)"},
		{name: "distinct", src: "x = \"a\"\ny = \"b\"\n", rules: []string{"x", "y"}, generates: true},
		// Rule names are case-insensitive: x and X are one rule, named twice.
		{name: "one rule named twice", src: "x = \"a\"\n", rules: []string{"x", "X", "x"}, generates: true},
		// A captured rule generated with captures of its own: the capture
		// constant of v (VCapture) and v's function CaptureV (session 11:
		// both were CaptureV, and the file did not compile). v is captured
		// inside top: a generated rule that no other one uses reports no
		// span of itself, and its @capture is an error.
		{name: "capture constant and capture func", src: "; @capture\nv = \"a\" w\n; @capture\nw = \"b\"\ntop = v\n", rules: []string{"v", "top"}, generates: true},
		{name: "capture constants and rules", src: "; @capture\nv = \"a\" w\n; @capture\nw = \"b\"\nv-capture = \"c\"\ncapture-w = \"d\"\ntop = v\n", rules: []string{"v", "w", "v-capture", "capture-w", "top"}, generates: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := syntax.ParseString("test.abnf", tt.src, syntax.Options{})
			if err != nil {
				t.Fatal(err)
			}
			src, err := gen.Generate(g, gen.Options{Rules: tt.rules, Package: "p", Command: "test"})
			if err != nil {
				if tt.generates {
					t.Fatalf("Generate refused names that do not collide: %v", err)
				}
				if !strings.Contains(err.Error(), tt.refusal) {
					t.Errorf("Generate: %v; want an error containing %q", err, tt.refusal)
				}
				return // refusing is fine
			}
			if tt.refusal != "" {
				t.Fatalf("Generate did not refuse; want %q", tt.refusal)
			}
			f, err := parser.ParseFile(token.NewFileSet(), "zz.go", src, 0)
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			for _, d := range f.Decls {
				var names []string
				switch d := d.(type) {
				case *ast.FuncDecl:
					if d.Recv == nil {
						names = append(names, d.Name.Name)
					}
				case *ast.GenDecl:
					for _, s := range d.Specs {
						switch s := s.(type) {
						case *ast.ValueSpec:
							for _, n := range s.Names {
								names = append(names, n.Name)
							}
						case *ast.TypeSpec:
							names = append(names, s.Name.Name)
						}
					}
				}
				for _, n := range names {
					if seen[n] {
						t.Errorf("%s is declared twice: the generated code does not compile", n)
					}
					seen[n] = true
				}
			}
		})
	}
}

// TestHeaderCommandNewline: the command line recorded in the header may
// hold any bytes (abnfc gen records its arguments verbatim); a newline in
// it must neither break the file nor hide the generated-code marker.
func TestHeaderCommandNewline(t *testing.T) {
	g, err := syntax.ParseString("test.abnf", `a = "x"`, syntax.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, opts := range []gen.Options{
		{Command: "abnfc gen -grammar a\n// b"},
		{Source: "a\n// b"},
	} {
		opts.Rules, opts.Package = []string{"a"}, "p"
		src, err := gen.Generate(g, opts)
		if err != nil {
			continue // refusing is fine
		}
		f, err := parser.ParseFile(token.NewFileSet(), "zz.go", src, parser.ParseComments)
		if err != nil {
			t.Errorf("Command %q, Source %q: %v", opts.Command, opts.Source, err)
			continue
		}
		if !ast.IsGenerated(f) {
			t.Errorf("Command %q, Source %q: ast.IsGenerated = false:\n%s", opts.Command, opts.Source, src[:min(len(src), 120)])
		}
	}
}

// fuzzReader hands out the fuzz bytes one at a time, then zeros.
type fuzzReader struct {
	b []byte
	i int
}

func (r *fuzzReader) next() int {
	if r.i >= len(r.b) {
		return 0
	}
	c := r.b[r.i]
	r.i++
	return int(c)
}

// fuzzAlphabet holds the bytes the random grammars are made of: letters
// of both cases for case-insensitive literals, and brackets for nesting.
const fuzzAlphabet = "aAb(),"

// fuzzGrammar derives from data a grammar in RFC 5234 syntax of one to
// four rules r0..r3, built from literals (case-insensitive and %s),
// ranges, concatenation, alternation, bounded and unbounded repetition,
// options, brackets and references, recursive ones included.
func fuzzGrammar(r *fuzzReader) string {
	n := 1 + r.next()%4
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "r%d = %s\n", i, fuzzNode(r, 0, n))
	}
	return b.String()
}

func fuzzNode(r *fuzzReader, depth, nrules int) string {
	k := r.next() % 9
	if depth >= 3 {
		k %= 3
	}
	switch k {
	case 0:
		var lit []byte
		for j := 0; j <= r.next()%3; j++ {
			lit = append(lit, fuzzAlphabet[r.next()%len(fuzzAlphabet)])
		}
		if r.next()%3 == 0 {
			return `%s"` + string(lit) + `"`
		}
		return `"` + string(lit) + `"`
	case 1:
		lo := fuzzAlphabet[r.next()%len(fuzzAlphabet)]
		return fmt.Sprintf("%%x%02X-%02X", lo, int(lo)+r.next()%3)
	case 2:
		return fmt.Sprintf("r%d", r.next()%nrules)
	case 3, 4:
		items := make([]string, 2+r.next()%2)
		for i := range items {
			items[i] = "(" + fuzzNode(r, depth+1, nrules) + ")"
		}
		if k == 3 {
			return strings.Join(items, " ")
		}
		return strings.Join(items, " / ")
	case 5:
		lo := r.next() % 3
		if m := r.next() % 4; m < 3 {
			return fmt.Sprintf("%d*%d(%s)", lo, lo+m, fuzzNode(r, depth+1, nrules))
		}
		return fmt.Sprintf("%d*(%s)", lo, fuzzNode(r, depth+1, nrules))
	case 6:
		return "[" + fuzzNode(r, depth+1, nrules) + "]"
	case 7:
		return "*(" + fuzzNode(r, depth+1, nrules) + ")"
	default:
		// Brackets around a nested part: with a reference inside, the
		// self-embedding shape that needs a stack.
		return `"(" (` + fuzzNode(r, depth+1, nrules) + `) ")"`
	}
}

// FuzzGenerate generates code for random grammars. Generate must never
// panic; its errors must be positioned diagnostics; it must succeed
// exactly when automata.Compile does; its output must be a parseable,
// marked generated file; and the compiled program must agree with the
// reference parser on Match and on the longest matching prefix, for
// inputs from the fuzz bytes and from the sampler, and streaming byte by
// byte must give the same answer as Match.
func FuzzGenerate(f *testing.F) {
	f.Add([]byte{0})
	f.Add([]byte("\x01\x04\x00\x01\x00\x00\x02\x00\x02\x01\x01\x00(a),(b)"))
	f.Add([]byte("\x00\x07\x00\x00\x01\x00((a))(b"))                  // *(literal)
	f.Add([]byte("\x01\x03\x00\x00\x03\x00\x00\x02\x00\x02\x00abab")) // r0 = lit r1-ish recursion
	f.Add([]byte("\x02\x04\x03\x00\x00\x03\x03\x00\x02\x00\x02\x01\x00\x01\x01\x02((a)(b))"))
	f.Add([]byte("\x00\x05\x01\x02\x00\x01\x00\x00\x00aaaa"))
	f.Add([]byte("\x03\x06\x02\x01\x04\x00\x02\x00\x00\x00\x02\x02\x02\x03\x00\x01\x04\x00(((a)))"))
	// r0 = "(" (2*((r1) (r0))) ")", r1 = ... (a recursive machine).
	f.Add([]byte("\xd5#\xef8Of<\x147\\N\x81,\xb8\xdf\x1b2\x1a\x9a\xb5\x8c.\x1b\xe2.\x18\x0e\xc0\xe2\xafj$\xc4#l\x84\x87\x81O\xf0\xd3((a),)"))
	// r0 = r1, r1 = "(" (r0) ")" (mutual recursion without a finite derivation).
	f.Add([]byte("\t\xb6\x8fP\x14*\xf5=\x84/O\t\xcd\xe5(())"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := &fuzzReader{b: data}
		src := fuzzGrammar(r)
		g, err := syntax.ParseString("fuzz.abnf", src, syntax.Options{})
		if err != nil {
			t.Fatalf("the fuzz grammar does not parse: %v\n%s", err, src)
		}
		opts := gen.Options{Rules: []string{"r0"}, Package: "p", Command: "fuzz", MaxNFAStates: 5000, MaxDFAStates: 500}
		out, err := gen.Generate(g, opts)
		low, lerr := grammar.Lower(g)
		var lowErrs grammar.ErrorList
		if lerr != nil && !errors.As(lerr, &lowErrs) {
			t.Fatalf("Lower: %v", lerr)
		}
		p, cerr := gen.Compile(low, "r0", lowErrs, opts)
		if err != nil {
			var list grammar.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Generate: a plain error for a valid request: %v\n%s", err, src)
			}
			for _, e := range list {
				if !e.Pos.IsValid() || e.Msg == "" {
					t.Fatalf("Generate: diagnostic without position or message: %#v\n%s", e, src)
				}
			}
			if cerr == nil {
				t.Fatalf("Generate failed (%v) but Compile succeeded\n%s", err, src)
			}
			return
		}
		if cerr != nil {
			t.Fatalf("Generate succeeded but Compile failed: %v\n%s", cerr, src)
		}
		fs := token.NewFileSet()
		file, perr := parser.ParseFile(fs, "zz.go", out, parser.ParseComments)
		if perr != nil || !ast.IsGenerated(file) {
			t.Fatalf("generated code: parse error %v, generated %v\n%s", perr, perr == nil && ast.IsGenerated(file), src)
		}
		rp, err := ref.New(g, "r0")
		if err != nil {
			t.Fatalf("ref.New: %v\n%s", err, src)
		}
		// Inputs: the rest of the fuzz bytes over the alphabet, cut into
		// pieces, and samples with their near-misses.
		var inputs [][]byte
		rest := data[min(r.i, len(data)):]
		for len(rest) > 0 {
			k := min(len(rest), 1+int(rest[0])%24)
			in := make([]byte, k-1)
			for i, c := range rest[1:k] {
				in[i] = fuzzAlphabet[int(c)%len(fuzzAlphabet)]
			}
			inputs = append(inputs, in)
			rest = rest[k:]
		}
		inputs = append(inputs, nil)
		if s, err := sample.New(g, "r0", sample.Options{Seed: int64(len(data)), MaxSize: 48, MaxDepth: 6}); err == nil {
			rnd := rand.New(rand.NewSource(int64(len(data))))
			for i := 0; i < 4; i++ {
				d, err := s.NextDerivation()
				if err != nil {
					break
				}
				inputs = append(inputs, d.Bytes)
				if i == 0 {
					for _, nm := range s.NearMisses(d, rnd, rp.Match) {
						inputs = append(inputs, nm.Input)
					}
				}
			}
		}
		for _, in := range inputs {
			checkProgram(t, src, p, rp, in)
		}
	})
}

// checkProgram compares p with the reference parser on one input, and
// streaming byte by byte with Match.
func checkProgram(t *testing.T, src string, p *automata.Program, rp *ref.Parser, in []byte) {
	t.Helper()
	run := automata.NewRunner(p, 0)
	_, err := run.Write(in)
	if err == nil {
		err = run.Close()
	}
	match := p.Match(in)
	if match != (err == nil) {
		t.Fatalf("Match(%q) = %v, Runner says %v\n%s", in, match, err, src)
	}
	bytewise := automata.NewRunner(p, 0)
	ok := true
	for i := range in {
		if _, err := bytewise.Write(in[i : i+1]); err != nil {
			ok = false
			break
		}
	}
	if ok {
		ok = bytewise.Close() == nil
	}
	if ok != match {
		t.Fatalf("byte by byte %q = %v, Match says %v\n%s", in, ok, match, src)
	}
	if err != nil && strings.Contains(err.Error(), "nests more than") {
		return // the reference parser has no nesting limit
	}
	res, rerr := rp.Parse(in)
	if rerr != nil {
		t.Fatalf("ref.Parse(%q): %v\n%s", in, rerr, src)
	}
	if match != res.Match {
		t.Fatalf("Match(%q) = %v, reference parser says %v\n%s", in, match, res.Match, src)
	}
	want := -1
	if len(res.Prefixes) > 0 {
		want = res.Prefixes[len(res.Prefixes)-1]
	}
	if n, _ := p.Scan(in); n != want {
		t.Fatalf("Scan(%q) = %d, reference parser's longest prefix is %d\n%s", in, n, want, src)
	}
}

// TestPrefixHandlerMethods: -prefix renames the generated types, not the
// Handler's methods (Start, Span, End), so that one handler type serves
// files of any prefix.
func TestPrefixHandlerMethods(t *testing.T) {
	g, err := syntax.ParseString("test.abnf", "top = 1*w\n; @capture\nw = \"x\"\n", syntax.Options{})
	if err != nil {
		t.Fatal(err)
	}
	src, err := gen.Generate(g, gen.Options{Rules: []string{"top"}, Package: "p", Command: "test", Prefix: "X"})
	if err != nil {
		t.Fatal(err)
	}
	f, err := parser.ParseFile(token.NewFileSet(), "zz.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	var methods []string
	ast.Inspect(f, func(n ast.Node) bool {
		if ts, ok := n.(*ast.TypeSpec); ok && ts.Name.Name == "XHandler" {
			for _, m := range ts.Type.(*ast.InterfaceType).Methods.List {
				methods = append(methods, m.Names[0].Name)
			}
		}
		return true
	})
	if strings.Join(methods, " ") != "Start Span End" {
		t.Errorf("XHandler's methods: %q, want Start Span End", methods)
	}
}

// TestTotalNFAStates: a rule that uses a chain of rules, each using the
// next, builds an NFA for each (every rule used is inlined as its own
// minimal DFA), each as large as the rest of the chain: a quadratic sum
// that no per-machine limit bounded (4000 rules had taken 92 s and 7.5
// GB). gen.Options.MaxTotalNFAStates (automata.Options) bounds it with a
// positioned error.
func TestTotalNFAStates(t *testing.T) {
	chain := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "r%d = r%d \"a\" / \"b\"\n", i, i+1)
		}
		fmt.Fprintf(&b, "r%d = \"c\"\n", n)
		return b.String()
	}
	tests := []struct {
		name  string
		rules int
		max   int
		want  string // substring of the error, "" for none
	}{
		{"short chain", 20, 0, ""},
		{"short chain, small budget", 20, 100, "compiling rule r0 builds more than 100 NFA states in all, for the rules it uses (automata.Options.MaxTotalNFAStates"},
		{"long chain", 1500, 0, "builds more than 1000000 NFA states in all"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := syntax.ParseString("chain.abnf", chain(tt.rules), syntax.Options{})
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			_, err = gen.Generate(g, gen.Options{Rules: []string{"r0"}, Package: "p", MaxTotalNFAStates: tt.max})
			if d := time.Since(start); d > 30*time.Second {
				t.Errorf("took %v", d)
			}
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "chain.abnf:") {
				t.Fatalf("err = %v, want a positioned %q", err, tt.want)
			}
		})
	}
}

// TestDeepLimitHoldsNoArray: a nesting limit past the 32 frames a machine
// holds in itself (abnfc gen -depth 65536) keeps the frames past them in a
// slice, in the runner and in goto functions with calls: an array of the
// limit's size (2 MiB of frames, cleared at every call) had made every
// match cost milliseconds. TestEndToEnd's "deeper" case checks nesting
// past 32 frames and the limit on every API.
func TestDeepLimitHoldsNoArray(t *testing.T) {
	g, err := syntax.ParseString("deep.abnf", "top = 1*nest\nnest = \"(\" *nest \")\"\n", syntax.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		depth      int
		want, miss []string
	}{
		{65536, []string{"const abnfMaxDepth = 65536", "const abnfinlineDepth = 32", "stack := make([]uint16, 0, 32)", "if depth == abnfMaxDepth {"}, []string{"[abnfMaxDepth]"}},
		{32, []string{"const abnfMaxDepth = 32", "const abnfinlineDepth = 32", "var stack [abnfMaxDepth]uint16"}, []string{"make([]uint16"}},
		{8, []string{"const abnfinlineDepth = 8", "var stack [abnfMaxDepth]uint16"}, nil},
	} {
		t.Run(fmt.Sprint(tc.depth), func(t *testing.T) {
			src, err := gen.Generate(g, gen.Options{Rules: []string{"top"}, Package: "p", MaxDepth: tc.depth})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !bytes.Contains(src, []byte(w)) {
					t.Errorf("the code has no %q", w)
				}
			}
			for _, m := range tc.miss {
				if bytes.Contains(src, []byte(m)) {
					t.Errorf("the code has %q", m)
				}
			}
		})
	}
}

// TestDeclsRules: Files.Decls gives each declaration of the generated
// files the rule it is for, as abnfc gen's check of the output package
// reports it: a rule's functions, types, methods, machines and vector
// loops are the rule's, a capture constant its captured rule's, and the
// API and engine that every file declares once are no rule's.
func TestDeclsRules(t *testing.T) {
	src := "; @capture\nname = token\nlist = name *( \",\" name )\nvalue = *TEXT\n"
	g, err := syntax.ParseString("t.abnf", src, syntax.Options{Dialect: grammar.RFC2616})
	if err != nil {
		t.Fatal(err)
	}
	fs, err := gen.GenerateFiles(g, gen.Options{Rules: []string{"list", "value"}, Package: "p", Prefix: "P", Command: "test", SIMD: true})
	if err != nil {
		t.Fatal(err)
	}
	decls, err := fs.Decls("zz.go", "zz_simd.go", "zz_nosimd.go")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, d := range decls {
		key := d.Pos.Filename + " " + d.Name
		if d.Import {
			key += " (import)"
		}
		got[key] = d.Rule
		if d.Pos.Line == 0 {
			t.Errorf("%s has no position", key)
		}
		if d.Pos.Filename == "zz_simd.go" && !d.Import && d.Name != "abnfPsimd" && d.Rule == "" {
			t.Errorf("%s, a vector loop, is of no rule", key)
		}
	}
	for key, want := range map[string]string{
		"zz.go MatchPList":                       "list",
		"zz.go PListMachine":                     "list",
		"zz.go PListMachine.Reset":               "list",
		"zz.go abnfPProg_List":                   "list",
		"zz.go CapturePList":                     "list",
		"zz.go PNameCapture":                     "name",
		"zz.go PCaptureNames":                    "",
		"zz.go MatchPValue":                      "value",
		"zz.go abnfPDfa_Value_0Loop0SWAR":        "value",
		"zz.go PRuleFuncs":                       "",
		"zz.go PRules":                           "",
		"zz.go PSyntaxError.Error":               "",
		"zz.go abnfPrunner":                      "",
		"zz.go bits (import)":                    "",
		"zz_simd.go abnfPsimd":                   "",
		"zz_simd.go abnfPDfa_Value_0Loop0Skip":   "value",
		"zz_nosimd.go abnfPDfa_Value_0Loop0Skip": "value",
	} {
		if r, ok := got[key]; !ok {
			t.Errorf("no declaration %s", key)
		} else if r != want {
			t.Errorf("%s is of rule %q, want %q", key, r, want)
		}
	}
}

// TestLargeMachineNotGoto: with the default flags, a machine of more
// states than emit.MaxGotoStates (2048) is run from its tables, not
// written as goto code. A literal of 19,000 bytes (19,001 states) within
// -max-states had given a goto function that the Go compiler did not
// build in 25 minutes and 24 GB; 2,000 states took 12 s and 1.4 GB, and
// the cost grows about as the square of the states (README, "The
// generator"). A machine at the threshold stays goto code.
func TestLargeMachineNotGoto(t *testing.T) {
	for _, tc := range []struct {
		name     string
		n        int // bytes of the literal: n+1 states
		gotoCode bool
		build    bool // go build the file, within a minute
	}{
		{"at the threshold", 2047, true, false},
		{"past it", 2048, false, false},
		{"19000 bytes", 19000, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := fmt.Sprintf("a = %q\n", strings.Repeat("x", tc.n))
			g, err := syntax.ParseString("lit.abnf", src, syntax.Options{})
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			out, err := gen.Generate(g, gen.Options{Rules: []string{"a"}, Package: "p"})
			if err != nil {
				t.Fatal(err)
			}
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("Generate took %v", d)
			}
			code := string(out)
			hasRun := strings.Contains(code, "func abnfDfa_A_0Run(")
			engine := strings.Contains(code, "func MatchA(b []byte) bool { return abnfmatch(&abnfProg_A, b) }") &&
				strings.Contains(code, "func ScanA(b []byte) (n int, ok bool) { return abnfscan(&abnfProg_A, b) }") &&
				strings.Contains(code, "return m.r.writeFrom(&abnfProg_A, p) }")
			note := strings.Contains(code, "(abnfc gen -max-goto-states)")
			if tc.gotoCode {
				if !hasRun || engine || note {
					t.Errorf("%d states: goto code %v, engine %v, note %v; want goto code alone", tc.n+1, hasRun, engine, note)
				}
				return
			}
			if hasRun || !engine || !note {
				t.Fatalf("%d states: goto code %v, engine %v, note %v; want the engine and a note saying why", tc.n+1, hasRun, engine, note)
			}
			if !tc.build {
				return
			}
			// The tables build in about a second (the goto code did not
			// in 25 minutes).
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module p\n\ngo 1.26\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "zz_lit.go"), out, 0o644); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, "go", "build", "./...")
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "GOWORK=off", "GOTOOLCHAIN=local", "GOPROXY=off")
			start = time.Now()
			if msg, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("go build after %v: %v\n%s", time.Since(start), err, msg)
			}
			t.Logf("%d states: go build took %v", tc.n+1, time.Since(start))
		})
	}
}

// TestGeneratedCommentsPrintable: the generated file quotes the grammar
// (rules, state descriptions, file names in positions and in the header);
// whatever bytes a grammar's text or file name holds, the file must build
// and carry no invalid UTF-8 (gofmt refused it: "illegal UTF-8
// encoding") and no invisible or bidirectional characters (U+202E), so
// bytes outside printable ASCII in quoted grammar text are escaped.
func TestGeneratedCommentsPrintable(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		dialect grammar.Dialect
		src     string
		opts    gen.Options
		want    string // a line the file must hold
	}{
		{name: "file name with 0xFF and U+202E", file: "x\xff\u202ey.abnf", src: `a = "x"`,
			want: `// (x\xff\xe2\x80\xaey.abnf:1:1)`},
		{name: "command with 0xFF and U+202E", file: "t.abnf", src: `a = "x"`,
			opts: gen.Options{Command: "abnfc gen -grammar x\xff\u202ey.abnf"},
			want: `// Code generated by abnfc gen -grammar x\xff\xe2\x80\xaey.abnf; DO NOT EDIT.`},
		{name: "source with U+202E", file: "t.abnf", src: `a = "x"`,
			opts: gen.Options{Source: "x\u202ey.abnf"},
			want: `// Source: x\xe2\x80\xaey.abnf`},
		// RFC 2616 prose wraps over lines and may hold HT.
		{name: "wrapped prose", file: "t.abnf", dialect: grammar.RFC2616, src: "a = \"x\" 0<some\n   wrapped\tprose>\n",
			want: `//	   wrapped\x09prose>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := syntax.ParseString(tt.file, tt.src, syntax.Options{Dialect: tt.dialect})
			if err != nil {
				t.Fatal(err)
			}
			opts := tt.opts
			opts.Rules, opts.Package = []string{"a"}, "p"
			for _, simd := range []bool{false, true} {
				opts.SIMD = simd
				fs, err := gen.GenerateFiles(g, opts)
				if err != nil {
					t.Fatalf("SIMD %v: %v", simd, err)
				}
				for _, src := range [][]byte{fs.Main, fs.SIMD, fs.NoSIMD} {
					if src == nil {
						continue
					}
					if !utf8.Valid(src) {
						t.Errorf("SIMD %v: invalid UTF-8", simd)
					}
					if i := bytes.IndexFunc(src, func(r rune) bool { return unicode.Is(unicode.Bidi_Control, r) || r == '\u200b' || r == '\ufeff' }); i >= 0 {
						t.Errorf("SIMD %v: invisible or bidi character at offset %d: %q", simd, i, src[max(0, i-20):i+5])
					}
					f, err := parser.ParseFile(token.NewFileSet(), "zz.go", src, parser.ParseComments)
					if err != nil {
						t.Errorf("SIMD %v: %v", simd, err)
					} else if !ast.IsGenerated(f) {
						t.Errorf("SIMD %v: ast.IsGenerated = false", simd)
					}
				}
				if !bytes.Contains(fs.Main, []byte(tt.want+"\n")) {
					t.Errorf("SIMD %v: no line %s in:\n%s", simd, tt.want, fs.Main[:min(len(fs.Main), 600)])
				}
			}
		})
	}
}

// TestCaptureOfAGeneratedRule: a captured rule that is generated itself
// and used by another generated rule is captured inside that one only:
// the other gets CaptureR, the rule itself none, and the capture
// constant is used.
func TestCaptureOfAGeneratedRule(t *testing.T) {
	const src = "outer = \"<\" inner \">\"\n; @capture\ninner = 1*ALPHA\n"
	g, errs := syntax.ParseString("test.abnf", src, syntax.Options{})
	if errs != nil {
		t.Fatal(errs)
	}
	out, err := gen.Generate(g, gen.Options{Rules: []string{"inner", "outer"}, Package: "p"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, code string
		want       bool
	}{
		{"the capture constant", "InnerCapture", true},
		{"CaptureOuter", "func CaptureOuter(", true},
		{"no CaptureInner", "func CaptureInner(", false},
	} {
		if got := bytes.Contains(out, []byte(tt.code)); got != tt.want {
			t.Errorf("%s: output contains %q: %v, want %v", tt.name, tt.code, got, tt.want)
		}
	}
}

// TestAnnotationWhiteSpace: a tab separates an annotation's name from
// its arguments as a space does ("@limit\t8" was "unknown annotation
// @limit\t8" with the raw tab), and a message never holds a raw control
// byte of an annotation's name.
func TestAnnotationWhiteSpace(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string // substring of the error; "" for none
	}{
		{name: "tab before the argument", src: "; @limit\t8\nr = 1*ALPHA\n"},
		{name: "tabs around the arguments", src: "r = w \";\" w ;\t@spans\tw\t\nw = 1*ALPHA\n"},
		{name: "a control byte in the name", src: "; @li\x01mit 8\nr = 1*ALPHA\n", want: `test.abnf:1:1: unknown annotation "@li\x01mit" of rule r`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := syntax.ParseString("test.abnf", tt.src, syntax.Options{})
			if err != nil {
				t.Fatal(err)
			}
			_, err = gen.Generate(g, gen.Options{Rules: []string{"r"}, Package: "p"})
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Generate: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("err = %v, want %q", err, tt.want)
			case err != nil && strings.ContainsFunc(err.Error(), func(r rune) bool { return r < ' ' && r != '\n' }):
				t.Errorf("the message holds a control byte: %q", err)
			}
		})
	}
}
