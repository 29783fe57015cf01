package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/abnfc/abnfc/grammar"
	"github.com/abnfc/abnfc/grammar/rfc2616"
	"github.com/abnfc/abnfc/grammar/syntax"
)

// grammarFlags are the flags every grammar-reading command shares.
type grammarFlags struct {
	grammar string
	dialect string
	// paths are the files load read, in order.
	paths []string
}

func (g *grammarFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&g.grammar, "grammar", "", "grammar to read: an .abnf file, a directory of them, a comma-separated list, or \"rfc2616\" for the embedded RFC 2616 grammar")
	fs.StringVar(&g.dialect, "dialect", "", "notation: rfc5234, rfc2616 or rfc7230 (default rfc5234; rfc2616 for the embedded grammar)")
}

// load reads the grammar. Syntax errors come back as a grammar.ErrorList;
// misuse and I/O errors as other errors.
func (g *grammarFlags) load() (*grammar.Grammar, grammar.ErrorList, error) {
	if g.grammar == "" {
		return nil, nil, usageError{"-grammar is required (a file, a directory, or rfc2616)"}
	}
	d := grammar.RFC5234
	if g.dialect != "" {
		var err error
		if d, err = grammar.ParseDialect(g.dialect); err != nil {
			return nil, nil, usageError{err.Error()}
		}
	}
	var srcs []syntax.Source
	if g.grammar == rfc2616.Name {
		if g.dialect != "" && d != rfc2616.Dialect {
			return nil, nil, usageError{fmt.Sprintf("the embedded %s grammar is written in the %s dialect, not %s", rfc2616.Name, rfc2616.Dialect, d)}
		}
		d = rfc2616.Dialect
		srcs = rfc2616.Sources()
	} else {
		list := splitList(g.grammar)
		if len(list) == 0 {
			return nil, nil, usageError{fmt.Sprintf("-grammar %q names no file", g.grammar)}
		}
		// A file named twice (or listed and in a listed directory) is
		// read once: it would otherwise define every rule twice. Reading
		// stops at the first file past syntax.MaxTotal, which Parse then
		// reports, so a directory of many large files is not read whole.
		seen := map[string]bool{}
		total := 0
	read:
		for _, p := range list {
			paths, err := sourcePaths(p)
			if err != nil {
				return nil, nil, err
			}
			for _, path := range paths {
				key := filepath.Clean(path)
				if abs, err := filepath.Abs(path); err == nil {
					key = abs
				}
				if seen[key] {
					continue
				}
				seen[key] = true
				b, err := syntax.ReadSource(path)
				if err != nil {
					return nil, nil, err
				}
				srcs = append(srcs, syntax.Source{Name: path, Text: b})
				g.paths = append(g.paths, path)
				if total += len(b); total > syntax.MaxTotal {
					break read
				}
			}
		}
	}
	gr, err := syntax.Parse(srcs, syntax.Options{Dialect: d})
	var list grammar.ErrorList
	if err != nil && !errors.As(err, &list) {
		return nil, nil, err
	}
	return gr, list, nil
}

// sourcePaths returns path, or for a directory (or symbolic link to one)
// every regular .abnf file in it, sorted: a directory or FIFO named x.abnf
// in it is left out, as reading it would fail or block.
func sourcePaths(path string) ([]string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return []string{path}, nil
	}
	all, err := filepath.Glob(filepath.Join(path, "*.abnf"))
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, p := range all {
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			paths = append(paths, p)
		}
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("%s: no .abnf files in directory", path)
	}
	sort.Strings(paths)
	return paths, nil
}

// report prints diagnostics one per line and returns 1 if any is an error.
func report(w io.Writer, list grammar.ErrorList) int {
	list.Sort()
	var b strings.Builder
	for _, e := range list {
		b.WriteString(e.Error())
		b.WriteByte('\n')
	}
	io.WriteString(w, b.String())
	if list.HasErrors() {
		return 1
	}
	return 0
}

// loadRule loads the grammar for a command that works on one rule. It
// reports problems itself; ok is false when the command should exit with
// code.
func (g *grammarFlags) loadRule(rule string, stderr io.Writer) (gr *grammar.Grammar, code int, ok bool) {
	gr, errs, err := g.load()
	if err != nil {
		return nil, exit(stderr, err), false
	}
	if errs.HasErrors() {
		return nil, report(stderr, errs), false
	}
	if gr.Lookup(rule) == nil {
		return nil, exit(stderr, usageError{fmt.Sprintf("rule %s is not defined in the grammar", rule)}), false
	}
	return gr, 0, true
}

// grammarError reports err: positioned diagnostics (exit 1) or another
// error (exit 2).
func grammarError(stderr io.Writer, err error) int {
	var list grammar.ErrorList
	if errors.As(err, &list) {
		return report(stderr, list)
	}
	var e *grammar.Error
	if errors.As(err, &e) {
		return report(stderr, grammar.ErrorList{e})
	}
	return exit(stderr, err)
}
