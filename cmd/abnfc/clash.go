package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/build"
	"go/build/constraint"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/abnfc/abnfc/gen/emit"
	"github.com/abnfc/abnfc/grammar"
)

// clashes reads the other Go files of the package abnfc gen writes into
// (the directory of out, package pkg) and returns an error for each name
// that ours, the files about to be written (their names in outs, the
// main file first), would declare again: go vet and the compiler find
// such a clash only after the files are written. The files in skip (out
// itself, and the -simd pair that is rewritten or removed) are not read,
// nor files the package is never built with: those of another package
// (an external test package, package main behind //go:build ignore), and
// those whose //go:build line holds for no set of tags without ignore.
// Test files of the package itself are read: go test and go vet build
// them with it. A non-test file of a package other than pkg that the go
// command builds on this system is one error at its package clause
// instead: the directory would hold two packages.
//
// Clashes are grouped by the other file and the rule of our names, so
// that a second unprefixed file gives one error for the engine's dozens
// of names, not dozens: the error stands at the other file's first
// clashing declaration and gives ours as file:line:col. rulePos finds
// the grammar position of a rule, for the messages.
func clashes(out, pkg string, skip map[string]bool, ours []emit.Decl, rulePos func(string) grammar.Pos) (grammar.ErrorList, error) {
	dir := filepath.Dir(out)
	entries, err := os.ReadDir(dir)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, nil // writing the file reports it
		}
		return nil, err
	}
	byName := map[string][]emit.Decl{}
	for _, d := range ours {
		byName[d.Name] = append(byName[d.Name], d)
	}
	// An import clash is one name, one error; the others group by rule.
	type group struct {
		file, rule, imported string
		generated            bool
	}
	type clash struct{ ours, theirs emit.Decl }
	var groups []group
	found := map[group][]clash{}
	fset := token.NewFileSet()
	// other is the error for the first file of another package.
	var other *grammar.Error
	for _, e := range entries {
		name := e.Name()
		path := filepath.Join(dir, name)
		if !strings.HasSuffix(name, ".go") || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || !e.Type().IsRegular() || skip[filepath.Clean(path)] {
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		// A file that does not parse is not checked: the compiler
		// reports it, and what it declares is not known.
		f, err := parser.ParseFile(fset, path, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			continue
		}
		if f.Name.Name != pkg {
			// A file of another package that the go command builds here
			// (not a test file, whose package may be pkg_test; not one
			// that the build constraints of this system leave out)
			// means the directory would hold two packages.
			if other == nil && !strings.HasSuffix(name, "_test.go") {
				if ok, err := build.Default.MatchFile(dir, name); err == nil && ok {
					p := fset.Position(f.Name.Pos())
					other = &grammar.Error{Pos: grammar.Pos{File: p.Filename, Offset: p.Offset, Line: p.Line, Col: p.Column},
						Msg: fmt.Sprintf("this file is of package %s, and abnfc gen -package %s would write %s beside it: a directory holds one package, which would no longer build; give -package %s, or write -o into another directory", f.Name.Name, pkg, out, f.Name.Name)}
				}
			}
			continue
		}
		if !maybeBuilt(f.Comments, f.Package) {
			continue
		}
		for _, theirs := range emit.FileDecls(fset, f) {
			for _, d := range byName[theirs.Name] {
				if !d.Clashes(theirs) {
					continue
				}
				g := group{file: name, rule: d.Rule, generated: bytes.HasPrefix(src, []byte(generatedHeader))}
				if d.Import || theirs.Import {
					g.imported = d.Name
				}
				if _, ok := found[g]; !ok {
					groups = append(groups, g)
				}
				found[g] = append(found[g], clash{d, theirs})
			}
		}
	}
	if other != nil {
		return grammar.ErrorList{other}, nil
	}
	var errs grammar.ErrorList
	for _, g := range groups {
		cs := found[g]
		sort.SliceStable(cs, func(i, j int) bool { return cs[i].theirs.Pos.Offset < cs[j].theirs.Pos.Offset })
		c := cs[0]
		verb := "declared"
		if c.theirs.Import {
			verb = "imported"
		}
		msg := fmt.Sprintf("%s is %s here and at %s (the file abnfc gen is to write)", c.theirs.Name, verb, c.ours.Pos)
		var more []string
		for _, m := range cs[1:] {
			more = append(more, m.ours.Name)
		}
		prefix := fmt.Sprintf("give %s a -prefix that no other file of the package has", filepath.Base(out))
		switch {
		case c.ours.Import:
			msg += ", as an import of the generated file: rename the declaration here (-prefix does not rename imports)"
		case g.rule != "":
			msg += fmt.Sprintf(", for rule %s (%s)%s: %s, or rename the declaration here",
				g.rule, rulePos(g.rule), andMore(more, "names of the rule"), prefix)
		case g.generated:
			msg += fmt.Sprintf(", one of the names of the API and engine that abnfc gen writes in each file%s: each abnfc gen output in a package needs a -prefix of its own; %s",
				andMore(more, "of them"), prefix)
		default:
			msg += fmt.Sprintf(", one of the names of the API and engine that abnfc gen writes in each file%s: %s, or rename the declaration here",
				andMore(more, "of them"), prefix)
		}
		p := c.theirs.Pos
		errs = append(errs, &grammar.Error{Pos: grammar.Pos{File: p.Filename, Offset: p.Offset, Line: p.Line, Col: p.Column}, Rule: g.rule, Msg: msg})
	}
	return errs, nil
}

// andMore tells of the other names of a clash, a few of them by name.
func andMore(names []string, what string) string {
	if len(names) == 0 {
		return ""
	}
	const shown = 3
	list := strings.Join(names[:min(len(names), shown)], ", ")
	if len(names) > shown {
		list += ", ..."
	}
	return fmt.Sprintf("; so are %d more %s (%s)", len(names), what, list)
}

// maybeBuilt reports whether a file whose comments are cs, and whose
// package clause is at pkg, is in some build of its package: it has no
// //go:build line, or one that holds for some set of build tags that
// leaves out ignore (a file behind //go:build ignore, such as a go run
// script, is never built). Tags are tried in every combination up to 16
// of them; a line with more is taken to hold.
func maybeBuilt(cs []*ast.CommentGroup, pkg token.Pos) bool {
	for _, g := range cs {
		if g.Pos() >= pkg {
			break
		}
		for _, c := range g.List {
			if !constraint.IsGoBuild(c.Text) {
				continue
			}
			expr, err := constraint.Parse(c.Text)
			if err != nil {
				return true // the go command reports it
			}
			var tags []string
			expr.Eval(func(tag string) bool {
				if tag != "ignore" && !slices.Contains(tags, tag) {
					tags = append(tags, tag)
				}
				return false
			})
			if len(tags) > 16 {
				return true
			}
			for set := 0; set < 1<<len(tags); set++ {
				if expr.Eval(func(tag string) bool {
					i := slices.Index(tags, tag)
					return i >= 0 && set&(1<<i) != 0
				}) {
					return true
				}
			}
			return false
		}
	}
	return true
}
