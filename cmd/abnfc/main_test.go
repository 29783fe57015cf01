package main

import (
	"bytes"
	"errors"
	"flag"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestCommands(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		code       int
		stdout     string // substring expected on stdout
		stderr     string // substring expected on stderr
		goldenFile string // stdout compared with this file when set
	}{
		{name: "no arguments", args: nil, code: 2, stderr: "Usage:"},
		{name: "help", args: []string{"help"}, code: 0, stdout: "abnfc check"},
		{name: "help one command", args: []string{"help", "check"}, code: 0, stdout: "-roots"},
		{name: "help help", args: []string{"help", "help"}, code: 0, stdout: "abnfc check"},
		{name: "command -h", args: []string{"match", "-h"}, code: 0, stderr: "-prefix"},
		{name: "unknown command", args: []string{"frobnicate"}, code: 2, stderr: `unknown command "frobnicate"`},
		{name: "unknown flag", args: []string{"check", "-nope"}, code: 2, stderr: "flag provided but not defined"},
		{name: "check needs -grammar", args: []string{"check"}, code: 2, stderr: "-grammar is required"},
		{name: "check bad dialect", args: []string{"check", "-grammar", "testdata/good.abnf", "-dialect", "rfc1"}, code: 2, stderr: `unknown dialect "rfc1"`},
		{name: "check missing file", args: []string{"check", "-grammar", "testdata/nope.abnf"}, code: 2, stderr: "no such file"},
		{name: "check embedded", args: []string{"check", "-grammar", "rfc2616"}, code: 0, stdout: "dialect rfc2616"},
		{name: "check embedded wrong dialect", args: []string{"check", "-grammar", "rfc2616", "-dialect", "rfc5234"}, code: 2, stderr: "written in the rfc2616 dialect"},
		{name: "check good", args: []string{"check", "-grammar", "testdata/good.abnf"}, code: 0, stdout: "ok: 2 rules"},
		{name: "check bad", args: []string{"check", "-grammar", "testdata/bad.abnf"}, code: 1, stderr: "testdata/bad.abnf:1:17: undefined rule missing (in rule greeting)"},
		// RFC 5234 §3.3: "=/" in one source extends a rule of another,
		// whatever their order; a directory is read in name order, and
		// ext.abnf comes before main.abnf.
		{name: "check =/ before its = in a directory", args: []string{"check", "-grammar", "testdata/incremental"}, code: 0, stdout: "ok: 1 rules"},
		{name: "check =/ before its = in a list", args: []string{"check", "-grammar", "testdata/incremental/ext.abnf,testdata/incremental/main.abnf"}, code: 0, stdout: "ok: 1 rules"},
		{name: "match =/ before its =", args: []string{"match", "-grammar", "testdata/incremental", "-rule", "method", "testdata/brew.txt"}, code: 0},
		{name: "check =/ of no rule", args: []string{"check", "-grammar", "testdata/incremental/ext.abnf"}, code: 1, stderr: "testdata/incremental/ext.abnf:1:1: method =/ extends rule method, which no source defines with ="},
		// A rule with no finite derivation matches no input: an error
		// at its definition, for check and for gen, which runs the
		// checks; sample said so already.
		{name: "check no finite derivation", args: []string{"check", "-grammar", "testdata/nofinite.abnf"}, code: 1,
			stderr: "testdata/nofinite.abnf:2:1: rule top has no finite derivation: every expansion of it refers to a rule again, so it matches no input\n" +
				"testdata/nofinite.abnf:3:1: rule a has no finite derivation: every expansion of it refers to a rule again, so it matches no input\n" +
				"testdata/nofinite.abnf:4:1: rule c has no finite derivation: every expansion of it refers to a rule again, so it matches no input\n" +
				"testdata/nofinite.abnf:4:1: note: rule c is self-embedding (recursion with context on both sides, via c): its language may not be regular (the check does not decide it), so a generated parser keeps a stack for it\n" +
				"testdata/nofinite.abnf:5:1: rule b has no finite derivation: every expansion of it refers to a rule again, so it matches no input\n" +
				"testdata/nofinite.abnf:5:1: warning: left recursion: b → b\n"},
		// A lookahead conflict from left recursion comes with check's
		// warning that names the cycle.
		{name: "gen left recursion", args: []string{"gen", "-grammar", "testdata/leftrec.abnf", "-rules", "a", "-package", "p"}, code: 1,
			stderr: "testdata/leftrec.abnf:1:1: warning: left recursion: a → b → a (a generated parser cannot run left recursion)\ntestdata/leftrec.abnf:2:5: rule b needs more than one byte of lookahead"},
		{name: "gen no finite derivation", args: []string{"gen", "-grammar", "testdata/nofinite.abnf", "-rules", "a", "-package", "p"}, code: 1,
			stderr: "testdata/nofinite.abnf:3:1: rule a has no finite derivation: every expansion of it refers to a rule again, so it matches no input\n"},
		{name: "sample no finite derivation", args: []string{"sample", "-grammar", "testdata/nofinite.abnf", "-rule", "a"}, code: 1,
			stderr: "testdata/nofinite.abnf:3:1: rule a has no finite derivation"},
		{name: "check unknown root", args: []string{"check", "-grammar", "testdata/good.abnf", "-roots", "nope,greeting,nada"}, code: 2, stderr: "abnfc: -roots names rules the grammar does not define: nope, nada\n"},
		{name: "fmt", args: []string{"fmt", "-grammar", "testdata/good.abnf"}, code: 0, goldenFile: "testdata/good.fmt.golden"},
		{name: "fmt bad syntax", args: []string{"fmt", "-grammar", "testdata/rfc.txt"}, code: 1, stderr: "testdata/rfc.txt:"},
		{name: "extract", args: []string{"extract", "testdata/rfc.txt"}, code: 0, goldenFile: "testdata/rfc.extract.golden"},
		{name: "extract needs a file", args: []string{"extract"}, code: 2, stderr: "exactly one"},
		{name: "extract bare CR", args: []string{"extract", "testdata/bare-cr.txt"}, code: 1, stderr: "testdata/bare-cr.txt:3:11: a CR not followed by LF: lines must end in LF or CRLF\n"},
		{name: "match", args: []string{"match", "-grammar", "testdata/good.abnf", "-rule", "greeting", "-tree", "testdata/input.txt"}, code: 0, goldenFile: "testdata/match.tree.golden"},
		{name: "match prefixes", args: []string{"match", "-grammar", "testdata/good.abnf", "-rule", "greeting", "-prefix", "testdata/input.txt"}, code: 0, stdout: "1\n2\n3\n4\n5\n7\n8\n9\n10\n11\n"},
		{name: "no match", args: []string{"match", "-grammar", "testdata/good.abnf", "-rule", "greeting", "testdata/bad-input.txt"}, code: 1, stderr: "testdata/bad-input.txt:1:7: offset 6: greeting does not match"},
		{name: "match needs -rule", args: []string{"match", "-grammar", "testdata/good.abnf"}, code: 2, stderr: "-rule is required"},
		{name: "match unknown rule", args: []string{"match", "-grammar", "testdata/good.abnf", "-rule", "nope", "testdata/input.txt"}, code: 2, stderr: "rule nope is not defined"},
		{name: "sample", args: []string{"sample", "-grammar", "testdata/good.abnf", "-rule", "greeting", "-n", "2", "-seed", "1"}, code: 0, stdout: "7 1 OK!\nM WT!\n"},
		{name: "sample near-misses", args: []string{"sample", "-grammar", "testdata/good.abnf", "-rule", "greeting", "-n", "1", "-nearmiss"}, code: 0, stdout: "\tinsert-LF@0 out \\n7 1 OK!\n"},
		{name: "sample coverage", args: []string{"sample", "-grammar", "testdata/good.abnf", "-rule", "greeting", "-coverage"}, code: 0, stderr: "alternatives 5/5, 2-paths 2/2"},
		{name: "sample needs -rule", args: []string{"sample", "-grammar", "testdata/good.abnf"}, code: 2, stderr: "-rule is required"},
		{name: "sample unknown rule", args: []string{"sample", "-grammar", "testdata/good.abnf", "-rule", "nope"}, code: 2, stderr: "rule nope is not defined"},
		// -maxrepeat 0 would be "at most the minimum" by the flag's help,
		// -maxdepth 0 "the shortest expansion everywhere"; zero means the
		// default to package sample, so the command refuses it.
		{name: "sample -maxrepeat 0", args: []string{"sample", "-grammar", "testdata/good.abnf", "-rule", "greeting", "-maxrepeat", "0"}, code: 2, stderr: "-maxdepth, -maxrepeat and -maxsize must be at least 1"},
		{name: "sample -maxdepth 0", args: []string{"sample", "-grammar", "testdata/good.abnf", "-rule", "greeting", "-maxdepth", "0"}, code: 2, stderr: "-maxdepth, -maxrepeat and -maxsize must be at least 1"},
		{name: "sample -maxsize 0", args: []string{"sample", "-grammar", "testdata/good.abnf", "-rule", "greeting", "-maxsize", "0"}, code: 2, stderr: "-maxdepth, -maxrepeat and -maxsize must be at least 1"},
		// -n is bounded as the other sample flags are: a huge -n took
		// time without end (memory stays flat), a negative one is misuse.
		{name: "sample -n above the bound", args: []string{"sample", "-grammar", "testdata/good.abnf", "-rule", "greeting", "-n", "1000001"}, code: 2, stderr: "-n must be between 0 and 1000000"},
		{name: "sample -n huge", args: []string{"sample", "-grammar", "testdata/good.abnf", "-rule", "greeting", "-n", "9223372036854775807"}, code: 2, stderr: "-n must be between 0 and 1000000"},
		{name: "sample -n negative", args: []string{"sample", "-grammar", "testdata/good.abnf", "-rule", "greeting", "-n", "-1"}, code: 2, stderr: "-n must be between 0 and 1000000"},
		{name: "sample -n 0", args: []string{"sample", "-grammar", "testdata/good.abnf", "-rule", "greeting", "-n", "0"}, code: 0},
		// -maxdepth and -maxsize have upper bounds too: the sampler's
		// stack grows with the depth, and a sample longer than the
		// reference parser's input limit cannot be matched.
		{name: "sample -maxdepth above the bound", args: []string{"sample", "-grammar", "testdata/good.abnf", "-rule", "greeting", "-maxdepth", "10001"}, code: 2, stderr: "-maxdepth must be at most 10000"},
		{name: "sample -maxsize above the bound", args: []string{"sample", "-grammar", "testdata/good.abnf", "-rule", "greeting", "-maxsize", "1048577"}, code: 2, stderr: "-maxsize must be at most 1048576 (the reference parser's input limit)"},
		{name: "sample at the bounds", args: []string{"sample", "-grammar", "testdata/good.abnf", "-rule", "greeting", "-n", "1", "-maxdepth", "10000", "-maxsize", "1048576"}, code: 0, stdout: "\n"},
		{name: "help extra argument", args: []string{"help", "check", "extra"}, code: 2, stderr: `help takes at most one command, not ["extra"]`},
		// gen.Options reads an empty style as the default; the flag's
		// default is spelled out, so an empty one is a mistake.
		{name: "gen empty -style", args: []string{"gen", "-grammar", "testdata/good.abnf", "-rules", "greeting", "-package", "p", "-style", ""}, code: 2, stderr: "-style must be goto, table or switch"},
		{name: "dot extra argument", args: []string{"dot", "-grammar", "testdata/good.abnf", "-rule", "greeting", "extra"}, code: 2, stderr: `unexpected argument "extra"`},
		{name: "sample grammar errors", args: []string{"sample", "-grammar", "testdata/bad.abnf", "-rule", "greeting"}, code: 1, stderr: "undefined rule missing"},
		// Flag misuse (exit 2), not a grammar error at the rule (an audit).
		{name: "gen -write-goto with -style table", args: []string{"gen", "-grammar", "testdata/good.abnf", "-rules", "greeting", "-package", "p", "-style", "table", "-write-goto", "greeting"}, code: 2, stderr: "-write-goto needs -style goto, not table"},
		{name: "gen -write-goto of a rule not generated", args: []string{"gen", "-grammar", "testdata/good.abnf", "-rules", "greeting", "-package", "p", "-write-goto", "nope"}, code: 2, stderr: "-write-goto: rule nope is not among the rules to generate"},
		// The blank identifier is a Go identifier but no package name:
		// "package _" does not compile (the spec: "The PackageName must
		// not be the blank identifier").
		{name: "gen -prefix lower case", args: []string{"gen", "-grammar", "testdata/good.abnf", "-rules", "greeting", "-package", "p", "-prefix", "x"}, code: 2, stderr: `-prefix must be a Go identifier starting with an upper-case letter (the generated API is exported: MatchXFoo, XSpan), not "x"`},
		{name: "gen -prefix not an identifier", args: []string{"gen", "-grammar", "testdata/good.abnf", "-rules", "greeting", "-package", "p", "-prefix", "X-1"}, code: 2, stderr: `-prefix must be a Go identifier starting`},
		{name: "gen -package _", args: []string{"gen", "-grammar", "testdata/good.abnf", "-rules", "greeting", "-package", "_"}, code: 2, stderr: `-package must be a Go identifier other than _, not "_"`},
		{name: "gen -package keyword", args: []string{"gen", "-grammar", "testdata/good.abnf", "-rules", "greeting", "-package", "type"}, code: 2, stderr: `-package must be a Go identifier other than _, not "type"`},
		{name: "gen -simd needs -o", args: []string{"gen", "-grammar", "testdata/good.abnf", "-rules", "greeting", "-package", "p", "-simd"}, code: 2, stderr: "-simd writes files next to -o"},
		// 200 × *65536"x" would unroll to some 80 million productions.
		{name: "match grammar too large", args: []string{"match", "-grammar", "testdata/huge.abnf", "-rule", "a", "testdata/input.txt"}, code: 1, stderr: "testdata/huge.abnf:1:25: rule a needs a reference parser of more than 1048576 nonterminals, productions and symbols (ref.Limits.MaxProgram)"},
		// Lists nested 60 deep: each holds its element twice, so every
		// command walked 2^60 nodes (an audit); Lower refuses them.
		{name: "check nested lists", args: []string{"check", "-dialect", "rfc7230", "-grammar", "testdata/nested-lists.abnf"}, code: 1, stderr: "testdata/nested-lists.abnf:1:149: list 1# in rule a makes the lowered grammar too large"},
		{name: "match nested lists", args: []string{"match", "-dialect", "rfc7230", "-grammar", "testdata/nested-lists.abnf", "-rule", "a", "testdata/input.txt"}, code: 1, stderr: "testdata/nested-lists.abnf:1:149: list 1# in rule a makes the lowered grammar too large"},
		{name: "sample nested lists", args: []string{"sample", "-dialect", "rfc2616", "-grammar", "testdata/nested-lists.abnf", "-rule", "a"}, code: 1, stderr: "testdata/nested-lists.abnf:1:149: list 1# in rule a makes the lowered grammar too large"},
		// 11 deep fit the lowering, not gen's NFA in rfc2616 (whose
		// lists hold LWS): the error is at the rule, not in the prelude,
		// and does not blame bounded repetitions alone (an audit).
		{name: "gen lists nested 11 deep", args: []string{"gen", "-dialect", "rfc2616", "-grammar", "testdata/nested-lists-11.abnf", "-rules", "a", "-package", "p"}, code: 1, stderr: "testdata/nested-lists-11.abnf:1:1: the NFA of rule a exceeds 200000 states"},
		{name: "gen nested lists", args: []string{"gen", "-dialect", "rfc7230", "-grammar", "testdata/nested-lists.abnf", "-rules", "a", "-package", "p"}, code: 1, stderr: "testdata/nested-lists.abnf:1:149: list 1# in rule a makes the lowered grammar too large"},
		// s = n0 "y", n0 = n1 n1, ..., n40 = "": the shortest way out of
		// n0 was 2^41 nodes of nothing, and sample never ended (an audit).
		{name: "sample a tree of empty rules", args: []string{"sample", "-grammar", "testdata/empty-tree.abnf", "-rule", "s", "-n", "1"}, code: 0, stdout: "y\n"},
		{name: "sample -coverage a tree of empty rules", args: []string{"sample", "-grammar", "testdata/empty-tree.abnf", "-rule", "s", "-coverage"}, code: 0, stdout: "y\n"},
		// A file named twice, or named and in a named directory, is read
		// once; a list naming nothing is misuse.
		{name: "check a file named twice", args: []string{"check", "-grammar", "testdata/good.abnf,testdata/good.abnf,./testdata/good.abnf"}, code: 0, stdout: "ok: 2 rules"},
		{name: "check an empty list", args: []string{"check", "-grammar", " , ,"}, code: 2, stderr: `-grammar " , ," names no file`},
		// An empty name is a slip, and every unknown name is reported,
		// not only the first (an audit).
		{name: "gen -rules with an empty name", args: []string{"gen", "-grammar", "testdata/good.abnf", "-rules", "greeting,,greeting", "-package", "p"}, code: 2, stderr: `abnfc: -rules "greeting,,greeting" has an empty rule name`},
		{name: "gen -rules with a trailing comma", args: []string{"gen", "-grammar", "testdata/good.abnf", "-rules", "greeting,", "-package", "p"}, code: 2, stderr: "has an empty rule name"},
		{name: "gen -write-goto with an empty name", args: []string{"gen", "-grammar", "testdata/good.abnf", "-rules", "greeting", "-package", "p", "-write-goto", ",greeting"}, code: 2, stderr: `-write-goto ",greeting" has an empty rule name`},
		{name: "gen -rules unknown", args: []string{"gen", "-grammar", "testdata/good.abnf", "-rules", "greeting,nosuch", "-package", "p"}, code: 2, stderr: "abnfc: -rules: rule nosuch is not defined in the grammar\n"},
		{name: "gen -rules all unknown names", args: []string{"gen", "-grammar", "testdata/good.abnf", "-rules", "a,nosuch,greeting,other", "-package", "p"}, code: 2, stderr: "abnfc: -rules: rules a, nosuch, other are not defined in the grammar\n"},
		{name: "gen a rule named twice", args: []string{"gen", "-grammar", "testdata/good.abnf", "-rules", "greeting,greeting", "-package", "p"}, code: 0, stdout: "func MatchGreeting("},
		{name: "gen -max-subset-items 0", args: []string{"gen", "-grammar", "testdata/good.abnf", "-rules", "greeting", "-package", "p", "-max-subset-items", "0"}, code: 2, stderr: "-max-subset-items must be at least 1"},
		{name: "gen -max-subset-items reaches gen", args: []string{"gen", "-grammar", "testdata/good.abnf", "-rules", "greeting", "-package", "p", "-max-subset-items", "3"}, code: 1, stderr: "more than 3 NFA states in all (automata.Options.MaxSubsetItems, abnfc gen -max-subset-items)"},
		{name: "gen -max-goto-states 0", args: []string{"gen", "-grammar", "testdata/good.abnf", "-rules", "greeting", "-package", "p", "-max-goto-states", "0"}, code: 2, stderr: "-max-goto-states must be at least 1"},
		{name: "gen -max-goto-states reaches gen", args: []string{"gen", "-grammar", "testdata/good.abnf", "-rules", "greeting", "-package", "p", "-max-goto-states", "3"}, code: 0, stdout: "It runs from these tables, not as goto code: it has more than the 3"},
		{name: "gen -max-goto-states and -write-goto", args: []string{"gen", "-grammar", "testdata/good.abnf", "-rules", "greeting", "-package", "p", "-write-goto", "greeting", "-max-goto-states", "3"}, code: 1, stderr: "-write-goto writes its machine as goto code a second time"},
		{name: "gen -max-total-states 0", args: []string{"gen", "-grammar", "testdata/good.abnf", "-rules", "greeting", "-package", "p", "-max-total-states", "0"}, code: 2, stderr: "-max-total-states must be at least 1"},
		{name: "gen -max-total-states reaches gen", args: []string{"gen", "-grammar", "testdata/good.abnf", "-rules", "greeting", "-package", "p", "-max-total-states", "3"}, code: 1, stderr: "builds more than 3 NFA states in all, for the rules it uses (automata.Options.MaxTotalNFAStates, abnfc gen -max-total-states)"},
		{name: "gen -max-nfa-states 0", args: []string{"gen", "-grammar", "testdata/good.abnf", "-rules", "greeting", "-package", "p", "-max-nfa-states", "0"}, code: 2, stderr: "-max-nfa-states must be at least 1"},
		// The error named automata.Options.MaxNFAStates, which no flag set.
		{name: "gen -max-nfa-states reaches gen", args: []string{"gen", "-grammar", "testdata/good.abnf", "-rules", "greeting", "-package", "p", "-max-nfa-states", "3"}, code: 1, stderr: "exceeds 3 states (automata.Options.MaxNFAStates, abnfc gen -max-nfa-states)"},
		{name: "gen -max-states 0", args: []string{"gen", "-grammar", "testdata/good.abnf", "-rules", "greeting", "-package", "p", "-max-states", "0"}, code: 2, stderr: "-max-states must be at least 1"},
		{name: "extract from text without ABNF", args: []string{"extract", "testdata/input.txt"}, code: 1, stderr: "testdata/input.txt: no ABNF rules found"},
		{name: "match grammar errors", args: []string{"match", "-grammar", "testdata/bad.abnf", "-rule", "greeting", "testdata/input.txt"}, code: 1, stderr: "undefined rule missing"},
		// The README shows docs/qvalue.png, drawn from docs/qvalue.dot: the
		// file must be what the command writes now (after -update, render
		// the picture again: dot -Tpng docs/qvalue.dot > docs/qvalue.png).
		{name: "dot qvalue", args: []string{"dot", "-grammar", "rfc2616", "-rule", "qvalue"}, code: 0, goldenFile: "../../docs/qvalue.dot"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tt.args, &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, stdout.String(), stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.stdout) {
				t.Errorf("stdout %q does not contain %q", stdout.String(), tt.stdout)
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr %q does not contain %q", stderr.String(), tt.stderr)
			}
			if tt.goldenFile != "" {
				golden(t, tt.goldenFile, stdout.Bytes())
			}
		})
	}
}

func golden(t *testing.T, file string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run with -update to accept):\n--- got\n%s\n--- want\n%s", file, got, want)
	}
}

// TestGenSIMD: -simd writes the vector loops and their stubs next to -o,
// behind opposite build constraints, and records -simd in the headers.
func TestGenSIMD(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "zz_h.go")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"gen", "-grammar", "rfc2616", "-rules", "field-value", "-package", "p", "-simd", "-o", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, f := range []struct{ name, want string }{
		// field-value's run: SWAR in the main file, the skip that goto
		// code calls in the pair (the vector loop, or a wrapper).
		{"zz_h.go", "SWAR(b []byte, i int) int {"},
		// Goto code calls the SWAR loop itself unless abnfsimd: one
		// direct call in the default build (a wrapper would not inline).
		{"zz_h.go", "\t} else {\n\t\ti = abnfDfa_FieldValue_0Loop0SWAR(b, i)\n\t}"},
		{"zz_h_simd.go", "//go:build goexperiment.simd && amd64\n"},
		{"zz_h_simd.go", "archsimd.LoadUint8x32Slice"},
		{"zz_h_simd.go", "Skip(b []byte, i int) int {"},
		{"zz_h_nosimd.go", "//go:build !goexperiment.simd || !amd64\n"},
		{"zz_h_nosimd.go", "const abnfsimd = false"},
		{"zz_h_nosimd.go", "Skip(b []byte, i int) int { return "},
	} {
		b, err := os.ReadFile(filepath.Join(dir, f.name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(f.want)) {
			t.Errorf("%s does not contain %q", f.name, f.want)
		}
		if !bytes.Contains(b, []byte("-simd -o zz_h.go; DO NOT EDIT.")) {
			t.Errorf("%s: the header does not record the command line", f.name)
		}
	}
	// Without -simd again, the pair is stale (it would declare the skip
	// functions twice) and goes; a file of that name that abnfc did not
	// write stays.
	mine := filepath.Join(dir, "zz_h_nosimd.go")
	if err := os.WriteFile(mine, []byte("package p\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code := run([]string{"gen", "-grammar", "rfc2616", "-rules", "field-value", "-package", "p", "-o", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "zz_h_simd.go")); !os.IsNotExist(err) {
		t.Errorf("zz_h_simd.go of the -simd run is still there: %v", err)
	}
	if _, err := os.Stat(mine); err != nil {
		t.Errorf("a file abnfc did not write was removed: %v", err)
	}
	// With -simd again, that file of the pair's name is not overwritten:
	// an error names it, and nothing is written.
	stderr.Reset()
	if code := run([]string{"gen", "-grammar", "rfc2616", "-rules", "field-value", "-package", "p", "-simd", "-o", out}, &stdout, &stderr); code == 0 || !strings.Contains(stderr.String(), "zz_h_nosimd.go exists and was not written by abnfc") {
		t.Errorf("exit %d, stderr %q; want an error naming zz_h_nosimd.go", code, stderr.String())
	}
	if b, err := os.ReadFile(mine); err != nil || string(b) != "package p\n" {
		t.Errorf("the file abnfc did not write holds %q, %v", b, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "zz_h_simd.go")); !os.IsNotExist(err) {
		t.Errorf("zz_h_simd.go was written beside a file it would clash with: %v", err)
	}
}

// failWriter fails every write, as standard output does on a full disk
// or /dev/full.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// TestWriteErrors checks that a failing standard output is an I/O error
// (exit 2), not a success.
func TestWriteErrors(t *testing.T) {
	tests := [][]string{
		{"gen", "-grammar", "testdata/good.abnf", "-rules", "greeting", "-package", "p"},
		{"match", "-grammar", "testdata/good.abnf", "-rule", "greeting", "-tree", "testdata/input.txt"},
		{"match", "-grammar", "testdata/good.abnf", "-rule", "greeting", "-prefix", "testdata/input.txt"},
		{"sample", "-grammar", "testdata/good.abnf", "-rule", "greeting", "-n", "3"},
		{"fmt", "-grammar", "testdata/good.abnf"},
		{"dot", "-grammar", "testdata/good.abnf", "-rule", "greeting"},
	}
	for _, args := range tests {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			var stderr bytes.Buffer
			if code := run(args, failWriter{}, &stderr); code != 2 || !strings.Contains(stderr.String(), "no space left on device") {
				t.Errorf("exit %d, stderr %q; want exit 2 and the write error", code, stderr.String())
			}
		})
	}
}

// TestGenClashes: before it writes, abnfc gen reads the other Go files
// of the output package and stops at a name it would declare again,
// which go vet and the compiler found only afterwards: a hand-written
// declaration, or another abnfc gen run in the package without a -prefix
// of its own. The error gives both declarations as file:line:col, names
// the rule and suggests -prefix; nothing is written. Files the package
// does not build with (an external test package, //go:build ignore) and
// the stale -simd pair of the file regenerated are not read. Files of
// different prefixes, each with its own engine, build together (vet).
func TestGenClashes(t *testing.T) {
	good, err := filepath.Abs("testdata/good.abnf")
	if err != nil {
		t.Fatal(err)
	}
	greeting := []string{"-grammar", good, "-rules", "greeting", "-package", "p"}
	tokens := []string{"-grammar", "rfc2616", "-rules", "token,field-value", "-package", "p"}
	with := func(args []string, more ...string) []string { return append(append([]string{"gen"}, args...), more...) }
	tests := []struct {
		name   string
		files  map[string]string // the package's other files
		before [][]string        // abnfc runs that must succeed first (-o names a file in the package)
		args   []string          // the run tested; -o names zz_new.go
		code   int
		stderr []string // substrings of the diagnostics; DIR/ is the package's directory
		vet    bool     // the package must pass go vet afterwards
	}{
		{name: "a hand-written function of a generated name",
			files: map[string]string{"other.go": "package p\n\nfunc MatchGreeting(b []byte) bool { return false }\n"},
			args:  with(greeting), code: 1,
			stderr: []string{"DIR/other.go:3:6: MatchGreeting is declared here and at DIR/zz_new.go:19:6 (the file abnfc gen is to write), for rule greeting (" + good + ":3:1): give zz_new.go a -prefix that no other file of the package has, or rename the declaration here\n"}},
		{name: "a method the generated type has",
			files: map[string]string{"other.go": "package p\n\nfunc (m *GreetingMachine) Reset() {}\n"},
			args:  with(greeting), code: 1,
			stderr: []string{"other.go:3:27: GreetingMachine.Reset is declared here and at ", "rule greeting"}},
		{name: "a method of its own on a generated type",
			files: map[string]string{"other.go": "package p\n\nfunc (m *GreetingMachine) Greet() {}\n"},
			args:  with(greeting), vet: true},
		{name: "package-level names that the generated file imports",
			files: map[string]string{"other.go": "package p\n\nvar bits, strconv = 1, 2\n"},
			args:  with(greeting), code: 1,
			stderr: []string{"other.go:3:5: bits is declared here and at DIR/zz_new.go:10:2 (the file abnfc gen is to write), as an import of the generated file: rename the declaration here (-prefix does not rename imports)\n",
				"other.go:3:11: strconv is declared here and at DIR/zz_new.go:11:2"}},
		{name: "an import of a generated name",
			files: map[string]string{"other.go": "package p\n\nimport MatchGreeting \"fmt\"\n\nvar _ = MatchGreeting.Sprint\n"},
			args:  with(greeting), code: 1,
			stderr: []string{"other.go:3:8: MatchGreeting is imported here and at DIR/zz_new.go:19:6 (the file abnfc gen is to write), for rule greeting"}},
		{name: "two unprefixed generated files",
			before: [][]string{with(greeting, "-o", "zz_a.go")},
			args:   with(tokens), code: 1,
			stderr: []string{"zz_a.go:", "zz_a.go:270:6: RuleFuncs is declared here and at ", "; so are 43 more of them (Rules, abnfstrings, abnfMaxDepth, ...): each abnfc gen output in a package needs a -prefix of its own"}},
		{name: "one grammar, other rules, the same prefix",
			before: [][]string{with(tokens, "-prefix", "H", "-o", "zz_a.go")},
			args:   with([]string{"-grammar", "rfc2616", "-rules", "token,qvalue", "-package", "p", "-prefix", "H"}), code: 1,
			stderr: []string{"zz_a.go:19:6: MatchHToken is declared here and at ", "for rule token (prelude:rfc2616:24:1); so are 18 more names of the rule (ScanHToken, ValidateHToken, HTokenMachine, ...)", "zz_a.go:537:6: HRuleFuncs is declared here"}},
		{name: "an internal test file",
			files: map[string]string{"p_test.go": "package p\n\nfunc MatchGreeting() {}\n"},
			args:  with(greeting), code: 1,
			stderr: []string{"p_test.go:3:6: MatchGreeting is declared here"}},
		{name: "an external test package",
			files: map[string]string{"p_test.go": "package p_test\n\nfunc MatchGreeting() {}\n"},
			args:  with(greeting), vet: true},
		{name: "a file the build ignores",
			files: map[string]string{"gen.go": "//go:build ignore\n\npackage p\n\nfunc MatchGreeting() {}\n"},
			args:  with(greeting), vet: true},
		// A directory holds one package: -package other than its files'
		// would break it (an audit).
		{name: "a file of another package",
			files: map[string]string{"a.go": "package p\n", "other.go": "package q\n"},
			args:  with(greeting), code: 1,
			stderr: []string{"DIR/other.go:1:9: this file is of package q, and abnfc gen -package p would write DIR/zz_new.go beside it: a directory holds one package, which would no longer build; give -package q, or write -o into another directory\n"}},
		{name: "a go run script of package main",
			files: map[string]string{"gen.go": "//go:build ignore\n\npackage main\n\nfunc main() {}\n"},
			args:  with(greeting), vet: true},
		{name: "a file of another package for another system",
			files: map[string]string{"other_plan9.go": "package q\n"},
			args:  with(greeting), vet: true},
		{name: "a file of another operating system",
			files: map[string]string{"other_plan9.go": "package p\n\nfunc MatchGreeting() {}\n"},
			args:  with(greeting), code: 1,
			stderr: []string{"other_plan9.go:3:6: MatchGreeting is declared here"}},
		{name: "different prefixes build together",
			before: [][]string{with(greeting, "-prefix", "A", "-o", "zz_a.go"), with(tokens, "-prefix", "B", "-simd", "-o", "zz_b.go")},
			args:   with(tokens, "-simd", "-prefix", "C"), vet: true},
		{name: "the file regenerated is not read",
			before: [][]string{with(greeting, "-o", "zz_new.go")},
			args:   with(greeting), vet: true},
		{name: "nor the stale -simd pair it had",
			before: [][]string{with(tokens, "-simd", "-o", "zz_new.go")},
			args:   with(tokens), vet: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			files := map[string]string{"go.mod": "module p\n\ngo 1.26\n"}
			maps.Copy(files, tt.files)
			for name, src := range files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			inDir := func(args []string) []string {
				args = slices.Clone(args)
				for i := range args {
					if i > 0 && args[i-1] == "-o" {
						args[i] = filepath.Join(dir, args[i])
					}
				}
				return args
			}
			for _, args := range tt.before {
				var stderr bytes.Buffer
				if code := run(inDir(args), io.Discard, &stderr); code != 0 {
					t.Fatalf("%q: exit %d: %s", args, code, stderr.String())
				}
			}
			out := filepath.Join(dir, "zz_new.go")
			old, _ := os.ReadFile(out)
			var stderr bytes.Buffer
			code := run(append(inDir(tt.args), "-o", out), io.Discard, &stderr)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr.String())
			}
			for _, want := range tt.stderr {
				want = strings.ReplaceAll(want, "DIR/", dir+string(filepath.Separator))
				if !strings.Contains(stderr.String(), want) {
					t.Errorf("stderr does not contain %q:\n%s", want, stderr.String())
				}
			}
			if code != 0 {
				if now, _ := os.ReadFile(out); !bytes.Equal(now, old) {
					t.Errorf("zz_new.go was written although the run failed")
				}
			}
			if tt.vet && code == 0 {
				cmd := exec.Command("go", "vet", ".")
				cmd.Dir = dir
				cmd.Env = append(os.Environ(), "GOWORK=off", "GOTOOLCHAIN=local", "GOPROXY=off", "GOFLAGS=")
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Errorf("go vet: %v\n%s", err, out)
				}
			}
		})
	}
}

// TestGenOutputOverwrite: -o replaces only a file abnfc gen wrote (or an
// empty one): a hand-written Go file or a grammar source named by
// mistake stays as it was, with an error naming it (exit 2).
func TestGenOutputOverwrite(t *testing.T) {
	good, err := os.ReadFile("testdata/good.abnf")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		file    string // the -o file's name in the directory
		old     string // its content before the run; "" means absent
		grammar string // -grammar, in the directory; default g.abnf
		code    int
		stderr  string // substring expected; DIR/ is the directory
	}{
		{name: "a new file", file: "zz.go", code: 0},
		{name: "an empty file", file: "zz.go", old: "\x00", code: 0},
		{name: "a file abnfc wrote", file: "zz.go", old: "// Code generated by abnfc gen -rules x; DO NOT EDIT.\n\npackage p\n", code: 0},
		{name: "a hand-written Go file", file: "extern.go", old: "package p\n\nfunc scan(b []byte) int { return 0 }\n", code: 2,
			stderr: "abnfc: -o DIR/extern.go exists and was not written by abnfc (its first line is not \"// Code generated by abnfc ...\"): abnfc gen overwrites only files it wrote; remove it or choose another -o\n"},
		{name: "a generated header not first", file: "zz.go", old: "package p\n\n// Code generated by abnfc; DO NOT EDIT.\n", code: 2, stderr: "exists and was not written by abnfc"},
		{name: "the grammar", file: "g.abnf", code: 2, stderr: "abnfc: -o DIR/g.abnf is the grammar source DIR/g.abnf: abnfc gen would overwrite it; choose another -o\n"},
		{name: "the grammar in a directory", file: "g.abnf", grammar: ".", code: 2, stderr: "is the grammar source DIR/g.abnf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "g.abnf"), good, 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, tt.file)
			if tt.old != "" {
				old := tt.old
				if old == "\x00" {
					old = ""
				}
				if err := os.WriteFile(out, []byte(old), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			before, _ := os.ReadFile(out)
			g := filepath.Join(dir, "g.abnf")
			if tt.grammar != "" {
				g = filepath.Join(dir, tt.grammar)
			}
			var stderr bytes.Buffer
			code := run([]string{"gen", "-grammar", g, "-rules", "greeting", "-package", "p", "-o", out}, io.Discard, &stderr)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr.String())
			}
			if want := strings.ReplaceAll(tt.stderr, "DIR/", dir+string(filepath.Separator)); !strings.Contains(stderr.String(), want) {
				t.Errorf("stderr %q does not contain %q", stderr.String(), want)
			}
			after, err := os.ReadFile(out)
			switch {
			case tt.code != 0 && !bytes.Equal(after, before):
				t.Errorf("%s was overwritten although the run failed", tt.file)
			case tt.code == 0 && (err != nil || !bytes.Contains(after, []byte("func MatchGreeting("))):
				t.Errorf("%s was not written: %v", tt.file, err)
			}
		})
	}
}

// TestGenSIMDStaleUnderGoGenerate: a run without -simd from go generate,
// after one with -simd, left go generate failing ("open
// zz_abnf_nosimd.go: no such file or directory"): the go command had
// listed the pair it removed. Under go generate the pair becomes stubs
// behind //go:build ignore; the package builds, go generate succeeds
// (again, too), and a run outside go generate removes the stubs.
func TestGenSIMDStaleUnderGoGenerate(t *testing.T) {
	if testing.Short() {
		t.Skip("builds abnfc and runs go generate")
	}
	dir := t.TempDir()
	bin := filepath.Join(t.TempDir(), "abnfc")
	env := append(os.Environ(), "GOWORK=off", "GOTOOLCHAIN=local", "GOPROXY=off", "GOFLAGS=")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = env
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	files := map[string]string{
		"go.mod": "module p\n\ngo 1.26\n",
		"gen.go": "package p\n\n//go:generate " + bin + " gen -grammar rfc2616 -rules field-value -package p -o zz_abnf.go\n",
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "zz_abnf.go")
	args := []string{"gen", "-grammar", "rfc2616", "-rules", "field-value", "-package", "p", "-o", out}
	var stderr bytes.Buffer
	if code := run(append(args, "-simd"), io.Discard, &stderr); code != 0 {
		t.Fatalf("abnfc gen -simd: exit %d: %s", code, stderr.String())
	}
	goCmd := func(args ...string) {
		t.Helper()
		cmd := exec.Command("go", args...)
		cmd.Dir, cmd.Env = dir, env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	goCmd("generate", ".")
	goCmd("generate", ".")
	goCmd("vet", ".")
	for _, name := range []string{"zz_abnf_simd.go", "zz_abnf_nosimd.go"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte("//go:build ignore\n")) || !bytes.Contains(b, []byte("This file is stale")) || !bytes.HasPrefix(b, []byte("// Code generated by abnfc")) {
			t.Errorf("%s is not the stub of a stale file:\n%s", name, b)
		}
	}
	if code := run(args, io.Discard, &stderr); code != 0 {
		t.Fatalf("abnfc gen: exit %d: %s", code, stderr.String())
	}
	for _, name := range []string{"zz_abnf_simd.go", "zz_abnf_nosimd.go"} {
		if _, err := os.Stat(filepath.Join(dir, name)); !os.IsNotExist(err) {
			t.Errorf("the stub %s is still there outside go generate: %v", name, err)
		}
	}
}

// TestHeaderArgs: the header records -o by its base name, the directory
// go generate runs the command in, and leaves out an empty -o (standard
// output), which it had recorded as "-o .".
func TestHeaderArgs(t *testing.T) {
	tests := []struct {
		name string
		args []string
		out  string // the -o value, as the flag package read it
		want string
	}{
		{name: "a file in a subdirectory", args: []string{"-rules", "a", "-o", "sub/zz.go"}, out: "sub/zz.go", want: "-rules a -o zz.go"},
		{name: "-o=", args: []string{"-o=sub/zz.go", "-rules", "a"}, out: "sub/zz.go", want: "-o=zz.go -rules a"},
		{name: "an empty -o", args: []string{"-rules", "a", "-o", ""}, want: "-rules a"},
		{name: "an empty -o=", args: []string{"-o=", "-rules", "a"}, want: "-rules a"},
		{name: "--o", args: []string{"--o", "d/zz.go"}, out: "d/zz.go", want: "--o zz.go"},
		{name: "the embedded grammar", args: []string{"-grammar", "rfc2616", "-o", "sub/zz.go"}, out: "sub/zz.go", want: "-grammar rfc2616 -o zz.go"},
		{name: "a grammar path without -o", args: []string{"-grammar", "testdata/good.abnf"}, want: "-grammar testdata/good.abnf"},
		// -grammar relative to the output's directory, where go generate
		// re-runs the line (an audit found it recorded as given).
		{name: "a grammar beside the output", args: []string{"-grammar", "testdata/good.abnf", "-o", "testdata/zz.go"}, out: "testdata/zz.go", want: "-grammar good.abnf -o zz.go"},
		{name: "a grammar above the output", args: []string{"-grammar=testdata/good.abnf", "-o", "testdata/sub/zz.go"}, out: "testdata/sub/zz.go", want: "-grammar=../good.abnf -o zz.go"},
		{name: "a list", args: []string{"-grammar", "testdata/good.abnf,rfc2616", "-o", "zz.go"}, out: "zz.go", want: "-grammar testdata/good.abnf,rfc2616 -o zz.go"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := strings.Join(headerArgs(tt.args, tt.out), " "); got != tt.want {
				t.Errorf("headerArgs(%q) = %q, want %q", tt.args, got, tt.want)
			}
		})
	}
}
