// Package gen is the generator: it compiles rules of a grammar to
// deterministic machines (package automata) and writes them as Go source
// (package emit). Command abnfc gen is a thin shell around Generate.
//
// In the flow of abnfc
//
//	grammar IR ──Lower──▶ core ABNF ──automata──▶ machines ──emit──▶ zz_abnf.go
//
// Users add the command as a tool (go get -tool
// github.com/abnfc/abnfc/cmd/abnfc; generated code imports only the
// standard library, so without the tool directive go mod tidy drops the
// requirement) and run it from go generate:
//
//	//go:generate go tool abnfc gen -grammar my.abnf -rules a,b -package p -o zz_abnf.go
//
// With -simd (Options.SIMD, GenerateFiles) it also writes zz_abnf_simd.go
// and zz_abnf_nosimd.go: AVX2 run skipping for builds with
// GOEXPERIMENT=simd on amd64, and the stubs for every other build.
package gen

import (
	"errors"
	"fmt"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"github.com/abnfc/abnfc/gen/automata"
	"github.com/abnfc/abnfc/gen/emit"
	"github.com/abnfc/abnfc/grammar"
)

// Options configure Generate.
type Options struct {
	// Rules are the rules to generate parsers for; a rule named more
	// than once (in any case) is generated once.
	Rules []string
	// Package, Prefix, Command and Source are as in emit.Config.
	Package, Prefix, Command, Source string
	// MaxDepth is the nesting limit of recursive rules (default 32).
	MaxDepth int
	// Style is the code style of MatchR (see emit.Styles).
	Style string
	// Limits of the automata (see automata.Options).
	MaxNFAStates, MaxDFAStates, MaxSubsetItems, MaxTotalNFAStates int
	// SIMD adds AVX2 run skipping (simd/archsimd) in a pair of
	// build-tagged files; see GenerateFiles and emit.Config.SIMD.
	SIMD bool
	// WriteGoto lists rules, among Rules, whose Machine.Write gets goto
	// code of its own (see emit.Rule.WriteGoto).
	WriteGoto []string
	// MaxGotoStates is the most states written as one goto function
	// (0: emit.MaxGotoStates); larger machines run from their tables.
	MaxGotoStates int
}

// Generate compiles opts.Rules of g and returns the Go source. Errors are
// a grammar.ErrorList of positioned diagnostics where they concern the
// grammar.
func Generate(g *grammar.Grammar, opts Options) ([]byte, error) {
	fs, err := GenerateFiles(g, opts)
	return fs.Main, err
}

// GenerateFiles is Generate with the files of opts.SIMD: the main file,
// and the vector loops behind "//go:build goexperiment.simd && amd64"
// with their stubs behind the opposite constraint.
func GenerateFiles(g *grammar.Grammar, opts Options) (emit.Files, error) {
	if len(opts.Rules) == 0 {
		return emit.Files{}, errors.New("no rules to generate")
	}
	low, err := grammar.Lower(g)
	var list grammar.ErrorList
	if err != nil && !errors.As(err, &list) {
		return emit.Files{}, err
	}
	// Rule names are case-insensitive (RFC 5234 §2.1).
	writeGoto := map[string]bool{}
	for _, name := range opts.WriteGoto {
		if !slices.ContainsFunc(opts.Rules, func(r string) bool { return grammar.Key(r) == grammar.Key(name) }) {
			return emit.Files{}, fmt.Errorf("-write-goto: rule %s is not among the rules to generate", name)
		}
		writeGoto[grammar.Key(name)] = true
	}
	var rules []emit.Rule
	var errs grammar.ErrorList
	done := map[string]bool{}
	for _, name := range opts.Rules {
		r := g.Lookup(name)
		if r == nil {
			return emit.Files{}, fmt.Errorf("rule %s is not defined", name)
		}
		// A rule named twice, in any case (-rules a,A), is generated once.
		if done[grammar.Key(r.Name)] {
			continue
		}
		done[grammar.Key(r.Name)] = true
		p, err := Compile(low, r.Name, list, opts)
		if err != nil {
			var el grammar.ErrorList
			if errors.As(err, &el) {
				errs = append(errs, el...)
				continue
			}
			return emit.Files{}, err
		}
		er := emit.Rule{Rule: r, Grammar: g, Program: p, WriteGoto: writeGoto[grammar.Key(name)]}
		if a, ok := r.Annotation(emit.AnnotSpans); ok {
			// SpansR is one machine without calls, which cannot count a
			// rule's bytes: with a @limit inside it would scan past
			// what ScanR and MatchR accept.
			if lim := limitedRule(low, low.Lookup(r.Name)); lim != nil {
				errs.Add(a.Pos, grammar.SeverityError, r.Name, "@spans of rule %s: rule %s (%s) has a @limit, which SpansR cannot apply; drop one of them", r.Name, lim.Name, lim.Pos)
				continue
			}
			m, err := automata.CompileSpans(low, r.Name, SpanRules(a.Args), automata.Options{MaxNFAStates: opts.MaxNFAStates, MaxDFAStates: opts.MaxDFAStates, MaxSubsetItems: opts.MaxSubsetItems, MaxTotalNFAStates: opts.MaxTotalNFAStates})
			if err != nil {
				var el grammar.ErrorList
				if errors.As(err, &el) {
					for _, e := range el {
						e.Pos = a.Pos // the annotation asked for it
						errs = append(errs, e)
					}
					continue
				}
				return emit.Files{}, err
			}
			er.Spans = m
			null := grammar.Nullable(low)
			for _, sp := range m.Spans {
				er.SpansNullable = append(er.SpansNullable, null[low.Lookup(sp)])
			}
		}
		rules = append(rules, er)
	}
	errs = append(errs, deadCaptures(rules)...)
	if len(errs) > 0 {
		errs.Sort()
		return emit.Files{}, errs
	}
	files, err := emit.GenerateFiles(emit.Config{Package: opts.Package, Prefix: opts.Prefix, Command: opts.Command, Source: opts.Source, MaxDepth: opts.MaxDepth, Style: opts.Style, SIMD: opts.SIMD, MaxGotoStates: opts.MaxGotoStates}, rules)
	if err != nil {
		return files, err
	}
	if errs := externClashes(low, rules, files); len(errs) > 0 {
		return emit.Files{}, errs
	}
	return files, nil
}

// deadCaptures reports each @capture of a generated rule that no other
// generated rule runs as a machine: CaptureR and a Handler report the
// spans of captured rules inside a match, never the match itself (the
// whole input of MatchR, or ScanR's prefix), so the annotation would do
// nothing.
func deadCaptures(rules []emit.Rule) grammar.ErrorList {
	var errs grammar.ErrorList
	for _, r := range rules {
		a, ok := r.Rule.Annotation(emit.AnnotCapture)
		if !ok {
			continue
		}
		inside := slices.ContainsFunc(rules, func(o emit.Rule) bool {
			return slices.ContainsFunc(o.Program.Machines[1:], func(m *automata.Machine) bool { return grammar.Key(m.Rule) == grammar.Key(r.Rule.Name) })
		})
		if !inside {
			errs.Add(a.Pos, grammar.SeverityError, r.Rule.Name, "@capture of rule %s reports nothing: the rule is generated itself (-rules) and no other rule generated uses it, and CaptureR and a Handler report the captured rules inside a match, not the match itself (MatchR's whole input, ScanR's prefix); drop @capture, or capture a rule inside it", r.Rule.Name)
		}
	}
	return errs
}

// externClashes reports each @extern, of the generated rules and the
// rules they use, that names what the generated files declare or import:
// the file would refer to its own declaration (or to a package), not to
// the user's function, and would not build. low is the lowered grammar.
func externClashes(low *grammar.Grammar, rules []emit.Rule, files emit.Files) grammar.ErrorList {
	decls, err := files.Decls("zz_abnf.go", "zz_abnf_simd.go", "zz_abnf_nosimd.go")
	if err != nil {
		return nil // emit's own tests catch output that does not parse
	}
	declared := map[string]emit.Decl{}
	for _, d := range decls {
		if _, ok := declared[d.Name]; !ok && !strings.Contains(d.Name, ".") {
			declared[d.Name] = d
		}
	}
	var errs grammar.ErrorList
	seen := map[string]bool{}
	for _, r := range rules {
		for _, x := range grammar.Reachable(low, low.Lookup(r.Rule.Name)) {
			a, ok := x.Annotation(emit.AnnotExtern)
			if !ok || seen[grammar.Key(x.Name)] {
				continue
			}
			seen[grammar.Key(x.Name)] = true
			d, ok := declared[a.Args]
			switch {
			case !ok:
			case d.Import:
				errs.Add(a.Pos, grammar.SeverityError, x.Name, "@extern of rule %s names %s, which the generated file imports as a package: give your function another name", x.Name, a.Args)
			case d.Rule != "":
				errs.Add(a.Pos, grammar.SeverityError, x.Name, "@extern of rule %s names %s, which the generated file declares for rule %s: give your function another name", x.Name, a.Args, d.Rule)
			default:
				errs.Add(a.Pos, grammar.SeverityError, x.Name, "@extern of rule %s names %s, which the generated file declares (its API and engine): give your function another name", x.Name, a.Args)
			}
		}
	}
	errs.Sort()
	return errs
}

// SIMDFileNames returns the names of the files of Options.SIMD that
// abnfc gen writes next to out: zz_x_simd.go and zz_x_nosimd.go for
// zz_x.go.
func SIMDFileNames(out string) (simd, nosimd string) {
	stem := strings.TrimSuffix(out, ".go")
	return stem + "_simd.go", stem + "_nosimd.go"
}

// Compile compiles one rule of the lowered grammar low, reporting the
// lowering errors (lowErrs) that concern rules it reaches.
func Compile(low *grammar.Grammar, rule string, lowErrs grammar.ErrorList, opts Options) (*automata.Program, error) {
	r := low.Lookup(rule)
	if r == nil {
		return nil, fmt.Errorf("rule %s is not defined", rule)
	}
	reach := grammar.ReachableKeys(low, r)
	errs := lowErrs.InRules(reach)
	for _, r := range low.Rules {
		if reach[grammar.Key(r.Name)] {
			errs = append(errs, checkAnnotations(r)...)
		}
	}
	if len(errs) > 0 {
		// Say which rule asked for the broken ones: among many -rules, an
		// error in a rule several levels down names only that rule.
		if !slices.ContainsFunc(errs, func(e *grammar.Error) bool { return grammar.Key(e.Rule) == grammar.Key(rule) }) {
			errs.Add(r.Pos, grammar.SeverityNote, r.Name, "rule %s cannot be generated: it uses %s", r.Name, errorRules(errs))
		}
		return nil, errs
	}
	// Captured, limited and extern rules run as machines of their own, so
	// that their start and end are seen.
	var machines []string
	for _, r := range low.Rules {
		if reach[grammar.Key(r.Name)] && grammar.Key(r.Name) != grammar.Key(rule) &&
			(r.Has(emit.AnnotCapture) || r.Has(emit.AnnotLimit) || r.Has(emit.AnnotExtern)) {
			machines = append(machines, r.Name)
		}
	}
	return automata.Compile(low, rule, automata.Options{Machines: machines, MaxNFAStates: opts.MaxNFAStates, MaxDFAStates: opts.MaxDFAStates, MaxSubsetItems: opts.MaxSubsetItems, MaxTotalNFAStates: opts.MaxTotalNFAStates})
}

// errorRules lists the rules errs are about, in order, once each.
func errorRules(errs grammar.ErrorList) string {
	var names []string
	for _, e := range errs {
		if e.Rule != "" && !slices.Contains(names, e.Rule) {
			names = append(names, e.Rule)
		}
	}
	return strings.Join(names, ", ")
}

// limitedRule returns a rule with a @limit among r and the rules it
// uses, or nil. g is the lowered grammar, where a prose-val that names a
// rule (<name>) is a reference to it.
func limitedRule(g *grammar.Grammar, r *grammar.Rule) *grammar.Rule {
	for _, x := range grammar.Reachable(g, r) {
		if x.Has(emit.AnnotLimit) {
			return x
		}
	}
	return nil
}

// checkAnnotations reports malformed generator annotations of r and
// annotations abnfc does not know.
func checkAnnotations(r *grammar.Rule) grammar.ErrorList {
	var errs grammar.ErrorList
	// first holds the first of each annotation that takes one value:
	// another would be dropped without a word (also one that "=/" adds).
	first := map[string]grammar.Annotation{}
	for _, a := range r.Annotations {
		switch a.Name {
		case emit.AnnotLimit, emit.AnnotExtern, emit.AnnotSpans:
			if prev, ok := first[a.Name]; ok {
				errs.Add(a.Pos, grammar.SeverityError, r.Name, "@%s of rule %s is given again here (%q) and at %s (%q): the rule takes one; keep one of them", a.Name, r.Name, a.Args, prev.Pos, prev.Args)
				continue
			}
			first[a.Name] = a
		}
		switch a.Name {
		case emit.AnnotLimit:
			// At most 2^31-1, so that generated code builds where int has
			// 32 bits.
			if n, err := strconv.ParseInt(a.Args, 10, 32); err != nil || n < 1 {
				errs.Add(a.Pos, grammar.SeverityError, r.Name, "@limit of rule %s needs a number of bytes from 1 to 2147483647, not %q", r.Name, a.Args)
			}
		case emit.AnnotExtern:
			switch {
			case !token.IsIdentifier(a.Args) || a.Args == "_":
				errs.Add(a.Pos, grammar.SeverityError, r.Name, "@extern of rule %s needs the name of a Go function, not %q", r.Name, a.Args)
			case types.Universe.Lookup(a.Args) != nil:
				// The generated file names the function in a table:
				// "extern: nil" would build and drop the annotation,
				// "extern: len" would not build.
				errs.Add(a.Pos, grammar.SeverityError, r.Name, "@extern of rule %s needs the name of a Go function of yours, not the predeclared %q", r.Name, a.Args)
			}
		case emit.AnnotSpans:
			if len(SpanRules(a.Args)) == 0 {
				errs.Add(a.Pos, grammar.SeverityError, r.Name, "@spans of rule %s needs the names of the rules to report, as @spans field-name, field-value", r.Name)
			}
		case emit.AnnotCapture, emit.AnnotShort:
			if a.Args != "" {
				errs.Add(a.Pos, grammar.SeverityError, r.Name, "@%s of rule %s takes no arguments, not %q", a.Name, r.Name, a.Args)
			}
		case grammar.AnnotRoot, grammar.AnnotLWS, grammar.AnnotCaseSensitive:
		default:
			// A misspelt @limit or @capture would otherwise be dropped
			// without a word.
			errs.Add(a.Pos, grammar.SeverityError, r.Name, "unknown annotation %s of rule %s (abnfc reads @%s, @%s, @%s, @%s, @%s, @%s, @%s and @%s)", grammar.AnnotationName(a.Name), r.Name,
				grammar.AnnotRoot, grammar.AnnotLWS, grammar.AnnotCaseSensitive, emit.AnnotCapture, emit.AnnotLimit, emit.AnnotSpans, emit.AnnotExtern, emit.AnnotShort)
		}
	}
	return errs
}

// SpanRules splits the arguments of @spans: rule names separated by
// commas or white space.
func SpanRules(args string) []string {
	return strings.FieldsFunc(args, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
}
