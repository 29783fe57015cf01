package main

import (
	"fmt"
	"io"
	"strings"

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
		// A root the grammar does not define is flag misuse (exit 2), as
		// an unknown rule of gen -rules and match -rule is.
		var missing []string
		for _, name := range splitList(*roots) {
			if g.Lookup(name) == nil {
				missing = append(missing, name)
			}
		}
		if len(missing) > 0 {
			return exit(stderr, usageError{fmt.Sprintf("-roots names rules the grammar does not define: %s", strings.Join(missing, ", "))})
		}
		errs = append(errs, grammar.Check(g, grammar.CheckOptions{Roots: splitList(*roots)})...)
	}
	code := report(stderr, errs)
	if code == 0 {
		fmt.Fprintf(stdout, "ok: %d rules (%d built in), dialect %s\n", len(g.UserRules()), len(g.Rules)-len(g.UserRules()), g.Dialect)
	}
	return code
}
