package main

import (
	"fmt"
	"io"

	"github.com/abnfc/abnfc/grammar"
)

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", stderr)
	var gf grammarFlags
	gf.register(fs)
	roots := fs.String("roots", "", "comma-separated entry rules for the reachability check (default: the rules annotated @root)")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return exit(stderr, usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))})
	}
	g, errs, err := gf.load()
	if err != nil {
		return exit(stderr, err)
	}
	if !errs.HasErrors() {
		errs = append(errs, grammar.Check(g, grammar.CheckOptions{Roots: splitList(*roots)})...)
	}
	code := report(stderr, errs)
	if code == 0 {
		fmt.Fprintf(stdout, "ok: %d rules (%d built in), dialect %s\n", len(g.UserRules()), len(g.Rules)-len(g.UserRules()), g.Dialect)
	}
	return code
}
