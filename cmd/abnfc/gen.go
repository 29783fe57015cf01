package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/abnfc/abnfc/gen"
	"github.com/abnfc/abnfc/gen/emit"
	"github.com/abnfc/abnfc/grammar"
)

func runGen(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("gen", stderr)
	var gf grammarFlags
	gf.register(fs)
	rules := fs.String("rules", "", "comma-separated rules to generate parsers for (required)")
	pkg := fs.String("package", "", "Go package name of the output (required)")
	out := fs.String("o", "", "output file (default standard output); an existing file is replaced only when abnfc gen wrote it (not a grammar source, nor a hand-written file), and nothing is written when a name it would declare is declared in another Go file of its package (the error gives both places)")
	prefix := fs.String("prefix", "", "prefix for every generated identifier, upper-case first, so several grammars can share a package (give each its own: rule x-foo unprefixed and rule foo with -prefix X are both MatchXFoo; with -o, a clash with another file is an error)")
	depth := fs.Int("depth", 32, "nesting limit of recursive rules (frames past 32 are allocated only when a match nests that deep)")
	maxStates := fs.Int("max-states", 20000, "fail when a machine needs more DFA states than this")
	maxNFA := fs.Int("max-nfa-states", 200000, "fail when the NFA of one machine has more states than this (bounded repetitions such as 1*8190OCTET unroll, and nested lists double at each level)")
	maxTotal := fs.Int("max-total-states", 1_000_000, "fail when the NFAs built for one rule, with those of the rules it uses, have more states than this in all")
	maxSubset := fs.Int("max-subset-items", 10_000_000, "fail when a machine's DFA states stand for more NFA states than this, added up (memory and time of the subset construction)")
	style := fs.String("style", "goto", "code style of MatchR for rules without calls: goto (fastest measured), table or switch")
	maxGoto := fs.Int("max-goto-states", emit.MaxGotoStates, "in the goto style, run a machine of more states than this from its tables instead of goto code (and MatchR of a rule with calls whose machines have more in all): the Go compiler's time and memory grow about as the square of a goto function's states (2,000 took 12 s and 1.4 GB, 4,000 54 s and 4.8 GB); a -write-goto rule counts twice, and a @spans machine past it is an error")
	simd := fs.Bool("simd", false, "also write AVX2 run skipping (simd/archsimd, GOEXPERIMENT=simd on amd64) to FILE_simd.go, with stubs for other builds in FILE_nosimd.go (needs -o)")
	writeGoto := fs.String("write-goto", "", "comma-separated rules, among -rules, whose Machine.Write gets goto code of its own: one call fewer a chunk, a second copy of the rule's states (goto style, rules without calls)")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	switch {
	case *rules == "":
		return exit(stderr, usageError{"-rules is required"})
	case hasEmptyName(*rules):
		return exit(stderr, usageError{fmt.Sprintf("-rules %q has an empty rule name", *rules)})
	case *writeGoto != "" && hasEmptyName(*writeGoto):
		return exit(stderr, usageError{fmt.Sprintf("-write-goto %q has an empty rule name", *writeGoto)})
	case !emit.ValidPackage(*pkg):
		return exit(stderr, usageError{fmt.Sprintf("-package must be a Go identifier other than _, not %q", *pkg)})
	case *style == "":
		return exit(stderr, usageError{"-style must be goto, table or switch"})
	case !emit.ValidPrefix(*prefix):
		return exit(stderr, usageError{fmt.Sprintf("-prefix must be a Go identifier starting with an upper-case letter (the generated API is exported: MatchXFoo, XSpan), not %q", *prefix)})
	case *maxStates < 1:
		return exit(stderr, usageError{"-max-states must be at least 1"})
	case *maxNFA < 1:
		return exit(stderr, usageError{"-max-nfa-states must be at least 1"})
	case *maxTotal < 1:
		return exit(stderr, usageError{"-max-total-states must be at least 1"})
	case *maxSubset < 1:
		return exit(stderr, usageError{"-max-subset-items must be at least 1"})
	case *maxGoto < 1:
		return exit(stderr, usageError{"-max-goto-states must be at least 1"})
	case *depth < 1 || *depth > 1<<16:
		return exit(stderr, usageError{"-depth must be between 1 and 65536"})
	case fs.NArg() > 0:
		return exit(stderr, usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))})
	case *simd && (*out == "" || !strings.HasSuffix(*out, ".go")):
		return exit(stderr, usageError{"-simd writes files next to -o, which must name a .go file"})
	case *writeGoto != "" && *style != emit.StyleGoto:
		// A flag that needs another flag is misuse, not a grammar
		// error (a rule that cannot take -write-goto still is one, at
		// the rule).
		return exit(stderr, usageError{fmt.Sprintf("-write-goto needs -style goto, not %s", *style)})
	}
	g, errs, err := gf.load()
	if err != nil {
		return exit(stderr, err)
	}
	if errs.HasErrors() {
		return report(stderr, errs)
	}
	checked := grammar.Check(g, grammar.CheckOptions{})
	if errs := checked.Errors(); len(errs) > 0 {
		return report(stderr, errs)
	}
	// Every rule -rules names that the grammar lacks, not only the first.
	var unknown []string
	for _, name := range splitList(*rules) {
		if g.Lookup(name) == nil {
			unknown = append(unknown, name)
		}
	}
	switch len(unknown) {
	case 0:
	case 1:
		return exit(stderr, usageError{fmt.Sprintf("-rules: rule %s is not defined in the grammar", unknown[0])})
	default:
		return exit(stderr, usageError{fmt.Sprintf("-rules: rules %s are not defined in the grammar", strings.Join(unknown, ", "))})
	}
	if *out != "" {
		if err := checkOutput(*out, gf.paths); err != nil {
			return exit(stderr, err)
		}
	}
	files, err := gen.GenerateFiles(g, gen.Options{
		Rules: splitList(*rules), Package: *pkg, Prefix: *prefix, MaxDepth: *depth, MaxNFAStates: *maxNFA, MaxDFAStates: *maxStates, MaxSubsetItems: *maxSubset, MaxTotalNFAStates: *maxTotal, Style: *style, SIMD: *simd, MaxGotoStates: *maxGoto,
		WriteGoto: splitList(*writeGoto),
		Command:   "abnfc gen " + strings.Join(headerArgs(args, *out), " "), Source: gf.grammar,
	})
	if err != nil {
		// A rule a generated parser cannot run fails with a lookahead
		// conflict; left recursion is the usual cause, and Check's
		// warning names the cycle.
		if hasCode(err, grammar.CodeLookahead) {
			for _, d := range checked {
				if d.Code == grammar.CodeLeftRecursion {
					fmt.Fprintln(stderr, d.Error()+" (a generated parser cannot run left recursion)")
				}
			}
		}
		return grammarError(stderr, err)
	}
	if *out == "" {
		if _, err := stdout.Write(files.Main); err != nil {
			return exit(stderr, fmt.Errorf("writing the output: %w", err))
		}
		return 0
	}
	type output struct {
		name string
		src  []byte
	}
	outs := []output{{*out, files.Main}}
	simdName, nosimdName := gen.SIMDFileNames(*out)
	// skip holds the files of the package that this run replaces or
	// removes: they are not compared with the new ones.
	skip := map[string]bool{filepath.Clean(*out): true}
	var stale []string
	if *simd {
		// The pair's names are derived, not chosen: a file of that name
		// that abnfc did not write is the user's, and is not replaced.
		for _, name := range []string{simdName, nosimdName} {
			if _, err := os.Lstat(name); err == nil && !generatedByAbnfc(name) {
				return exit(stderr, fmt.Errorf("%s exists and was not written by abnfc: -simd would overwrite it (rename it, or choose another -o)", name))
			}
			skip[filepath.Clean(name)] = true
		}
		outs = append(outs, output{simdName, files.SIMD}, output{nosimdName, files.NoSIMD})
	} else {
		// The pair an earlier -simd run wrote next to -o is stale now: it
		// declares the skip functions again and the package would not
		// build. Only files abnfc generated are removed.
		for _, name := range []string{simdName, nosimdName} {
			if generatedByAbnfc(name) {
				stale = append(stale, name)
				skip[filepath.Clean(name)] = true
			}
		}
	}
	// A name the package declares already in another file would make it
	// fail to build: say so before writing anything.
	decls, err := files.Decls(*out, simdName, nosimdName)
	if err != nil {
		return exit(stderr, fmt.Errorf("the generated code does not parse: %v", err))
	}
	clash, err := clashes(*out, *pkg, skip, decls, func(rule string) grammar.Pos {
		if r := g.Lookup(rule); r != nil {
			return r.Pos
		}
		return grammar.Pos{}
	})
	if err != nil {
		return exit(stderr, err)
	}
	if len(clash) > 0 {
		return report(stderr, clash)
	}
	for _, name := range stale {
		// Under go generate the go command has listed the package's
		// files already and opens each after this run: removing one
		// made it fail ("open zz_nosimd.go: no such file or
		// directory"). A stub the build ignores replaces it instead.
		if underGoGenerate() {
			stub := staleStub(*pkg, *out)
			if unchanged(name, stub) {
				continue
			}
			if err := os.WriteFile(name, stub, 0o644); err != nil {
				return exit(stderr, err)
			}
			continue
		}
		if err := os.Remove(name); err != nil {
			return exit(stderr, err)
		}
	}
	for _, o := range outs {
		// Write only when the content changes, so go generate keeps mtimes.
		if unchanged(o.name, o.src) {
			continue
		}
		if err := os.WriteFile(o.name, o.src, 0o644); err != nil {
			return exit(stderr, err)
		}
	}
	return 0
}

func runDot(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("dot", stderr)
	var gf grammarFlags
	gf.register(fs)
	rule := fs.String("rule", "", "the rule whose machine to draw (required)")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *rule == "" {
		return exit(stderr, usageError{"-rule is required"})
	}
	if fs.NArg() > 0 {
		return exit(stderr, usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))})
	}
	g, code, ok := gf.loadRule(*rule, stderr)
	if !ok {
		return code
	}
	low, err := grammar.Lower(g)
	var list grammar.ErrorList
	if err != nil && !errors.As(err, &list) {
		return exit(stderr, err)
	}
	p, err := gen.Compile(low, *rule, list, gen.Options{})
	if err != nil {
		return grammarError(stderr, err)
	}
	if err := p.WriteDot(stdout); err != nil {
		return exit(stderr, err)
	}
	return 0
}

// unchanged reports whether name is a regular file holding exactly src.
// Other files (/dev/null, /dev/zero, a FIFO) are not read: reading them
// could block or never end.
func unchanged(name string, src []byte) bool {
	fi, err := os.Stat(name)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(src)) {
		return false
	}
	old, err := os.ReadFile(name)
	return err == nil && bytes.Equal(old, src)
}

// checkOutput refuses an -o that would overwrite a file abnfc gen did
// not write: one of the grammar's sources (paths), or an existing regular
// file that does not start with the generated header (a hand-written Go
// file, say). An empty file, a missing one and a file that is not
// regular (/dev/null) are written.
func checkOutput(out string, paths []string) error {
	fi, err := os.Stat(out)
	if err != nil {
		return nil // a new file; writing it reports any other problem
	}
	for _, p := range paths {
		if pi, err := os.Stat(p); err == nil && os.SameFile(fi, pi) {
			return fmt.Errorf("-o %s is the grammar source %s: abnfc gen would overwrite it; choose another -o", out, p)
		}
	}
	if fi.Mode().IsRegular() && fi.Size() > 0 && !generatedByAbnfc(out) {
		return fmt.Errorf("-o %s exists and was not written by abnfc (its first line is not %q): abnfc gen overwrites only files it wrote; remove it or choose another -o", out, generatedHeader+" ...")
	}
	return nil
}

// hasEmptyName reports whether a comma-separated list of names has an
// empty one (a,,b or a trailing comma): a slip that splitList would
// drop without a word.
func hasEmptyName(list string) bool {
	for _, f := range strings.Split(list, ",") {
		if strings.TrimSpace(f) == "" {
			return true
		}
	}
	return false
}

// underGoGenerate reports whether abnfc runs from go generate, which
// sets $GOFILE and $GOPACKAGE.
func underGoGenerate() bool {
	return os.Getenv("GOFILE") != "" && os.Getenv("GOPACKAGE") != ""
}

// staleStub is what a stale -simd file of out becomes under go generate:
// a generated file that no build includes, saying that it may be
// deleted. A later run outside go generate removes it, and one with
// -simd writes the file again.
func staleStub(pkg, out string) []byte {
	base := filepath.Base(out)
	if strings.ContainsFunc(base, func(r rune) bool { return r < ' ' || r >= 0x7f }) {
		base = strconv.Quote(base)
	}
	return []byte(generatedHeader + " gen; DO NOT EDIT.\n\n" +
		"//go:build ignore\n\n" +
		"// This file is stale: an earlier abnfc gen -simd wrote it beside " + base + ",\n" +
		"// and a run without -simd under go generate, which had listed it already,\n" +
		"// left this stub instead of removing it. No build includes it; delete it.\n\n" +
		"package " + pkg + "\n")
}

// generatedHeader starts every file abnfc gen writes.
const generatedHeader = "// Code generated by abnfc"

// generatedByAbnfc reports whether name is a regular file that abnfc gen
// wrote, reading no more than its first line.
func generatedByAbnfc(name string) bool {
	if fi, err := os.Stat(name); err != nil || !fi.Mode().IsRegular() {
		return false // opening a FIFO to read it would block
	}
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(generatedHeader))
	_, err = io.ReadFull(f, head)
	return err == nil && string(head) == generatedHeader
}

// headerArgs returns the arguments as the generated header records them,
// so that the line re-runs from the generated file's directory, where go
// generate runs it: -o by the file's base name (an empty -o is left out),
// and each -grammar file or directory that exists, when out (the -o
// given) names the output, relative to the output's directory
// (sub/g.abnf with -o sub/zz.go as g.abnf). Names that are no paths here
// (rfc2616, the embedded grammar) stay as given.
func headerArgs(args []string, out string) []string {
	outDir := ""
	if out != "" {
		outDir = filepath.Dir(out)
	}
	var rec []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, v, _ := strings.Cut(a, "=")
		switch {
		case (a == "-o" || a == "--o") && i+1 < len(args):
			if args[i+1] != "" {
				rec = append(rec, a, filepath.Base(args[i+1]))
			}
			i++
		case name == "-o" || name == "--o":
			if v != "" {
				rec = append(rec, name+"="+filepath.Base(v))
			}
		case (a == "-grammar" || a == "--grammar") && i+1 < len(args):
			rec = append(rec, a, grammarFromDir(args[i+1], outDir))
			i++
		case name == "-grammar" || name == "--grammar":
			rec = append(rec, name+"="+grammarFromDir(v, outDir))
		case a == "--":
			return append(rec, args[i:]...)
		default:
			rec = append(rec, a)
		}
	}
	return rec
}

// grammarFromDir rewrites a -grammar value (a comma-separated list) with
// each path that exists made relative to dir; "" leaves it as given.
func grammarFromDir(v, dir string) string {
	if dir == "" {
		return v
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return v
	}
	parts := strings.Split(v, ",")
	for i, p := range parts {
		if _, err := os.Stat(p); err != nil {
			continue // rfc2616, or no path: as given
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			continue
		}
		if rel, err := filepath.Rel(absDir, abs); err == nil {
			parts[i] = filepath.ToSlash(rel)
		}
	}
	return strings.Join(parts, ",")
}

// hasCode reports whether err is, or holds, a grammar diagnostic of code c.
func hasCode(err error, c grammar.Code) bool {
	var list grammar.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			if e.Code == c {
				return true
			}
		}
	}
	var e *grammar.Error
	return errors.As(err, &e) && e.Code == c
}
