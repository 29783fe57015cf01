package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/abnfc/abnfc/grammar"
	"github.com/abnfc/abnfc/grammar/ref"
)

func runMatch(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("match", stderr)
	var gf grammarFlags
	gf.register(fs)
	rule := fs.String("rule", "", "the rule to match (required)")
	tree := fs.Bool("tree", false, "print the parse tree: one rule per line with its byte span, indented by depth")
	prefix := fs.Bool("prefix", false, "list the lengths of the prefixes of the input that match the rule")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *rule == "" {
		return exit(stderr, usageError{"-rule is required"})
	}
	if fs.NArg() > 1 {
		return exit(stderr, usageError{"match reads one FILE, or standard input"})
	}
	g, code, ok := gf.loadRule(*rule, stderr)
	if !ok {
		return code
	}
	p, err := ref.New(g, *rule)
	if err != nil {
		return grammarError(stderr, err)
	}
	name := "<stdin>"
	var input []byte
	if fs.NArg() == 1 {
		name = fs.Arg(0)
		input, err = readLimited(name, ref.DefaultLimits.MaxInput)
	} else {
		input, err = io.ReadAll(io.LimitReader(os.Stdin, int64(ref.DefaultLimits.MaxInput)+1))
		if err == nil && len(input) > ref.DefaultLimits.MaxInput {
			err = fmt.Errorf("%s: input longer than %d bytes", name, ref.DefaultLimits.MaxInput)
		}
	}
	if err != nil {
		return exit(stderr, err)
	}
	res, err := p.Parse(input)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return 1
	}
	if *prefix {
		for _, n := range res.Prefixes {
			fmt.Fprintln(stdout, n)
		}
	}
	if !res.Match {
		fmt.Fprintf(stderr, "%s:%v\n", name, res.Failure)
		return 1
	}
	if *tree {
		t, amb, err := p.Tree(input)
		if err != nil {
			return exit(stderr, err)
		}
		printTree(stdout, input, t, 0)
		if amb {
			fmt.Fprintln(stdout, "; the input is ambiguous: this is one of several derivations")
		}
	}
	return 0
}

func readLimited(path string, max int) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.Size() > int64(max) {
		return nil, fmt.Errorf("%s: %d bytes is longer than the limit of %d", path, fi.Size(), max)
	}
	return os.ReadFile(path)
}

// printTree prints "rule [start,end) excerpt", indented by depth.
func printTree(w io.Writer, input []byte, n *ref.Node, depth int) {
	fmt.Fprintf(w, "%s%s [%d,%d) %s\n", strings.Repeat("  ", depth), n.Rule, n.Start, n.End, grammar.Excerpt(string(input[n.Start:n.End]), 40))
	for _, c := range n.Children {
		printTree(w, input, c, depth+1)
	}
}
