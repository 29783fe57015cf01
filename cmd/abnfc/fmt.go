package main

import (
	"fmt"
	"io"

	"github.com/abnfc/abnfc/grammar"
)

func runFmt(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("fmt", stderr)
	var gf grammarFlags
	gf.register(fs)
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
	if errs.HasErrors() {
		return report(stderr, errs)
	}
	if err := grammar.Print(stdout, g); err != nil {
		return exit(stderr, err)
	}
	return 0
}
