package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/abnfc/abnfc/grammar"
	"github.com/abnfc/abnfc/grammar/ref"
	"github.com/abnfc/abnfc/internal/bounded"
)

func runMatch(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("match", stderr)
	var gf grammarFlags
	gf.register(fs)
	rule := fs.String("rule", "", "the rule to match (required)")
	tree := fs.Bool("tree", false, "print the parse tree: one rule per line with its byte span, indented by depth (two spaces a level up to 32 levels; deeper lines start with \"(depth N)\")")
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
		input, err = readAllLimited(name, os.Stdin, ref.DefaultLimits.MaxInput)
	}
	if err != nil {
		return exit(stderr, err)
	}
	// With -tree, one parse gives the result and the derivation, which
	// is printed as it is walked: no Node tree is built.
	var res *ref.Result
	var d *ref.Derivation
	if *tree {
		res, d, err = p.ParseTree(input)
	} else {
		res, err = p.Parse(input)
	}
	if err != nil {
		// A limit (ref.LimitError) says nothing of whether the input
		// matches: exit 2, not the 1 of no match.
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return 2
	}
	// bw keeps the first write error; flush reports it (exit 2).
	bw := bufio.NewWriter(stdout)
	flush := func(code int) int {
		if err := bw.Flush(); err != nil {
			return exit(stderr, fmt.Errorf("writing the output: %w", err))
		}
		return code
	}
	if *prefix {
		for _, n := range res.Prefixes {
			fmt.Fprintln(bw, n)
		}
	}
	if !res.Match {
		fmt.Fprintf(stderr, "%s:%v\n", name, res.Failure)
		return flush(1)
	}
	if *tree {
		d.Walk(func(rule string, start, end, depth int) {
			printNode(bw, input, rule, start, end, depth)
		})
		if d.Ambiguous {
			fmt.Fprintln(bw, "; the input is ambiguous: this is one of several derivations")
		}
	}
	return flush(0)
}

// readLimited reads the file at path, failing when it holds more than max
// bytes. The limit applies to the bytes read, not to the size the file
// claims, so that devices and pipes (/dev/zero, a FIFO) are bounded too.
func readLimited(path string, max int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > int64(max) {
		return nil, fmt.Errorf("%s: %d bytes is longer than the limit of %d", path, fi.Size(), max)
	}
	return readAllLimited(path, f, max)
}

// readAllLimited reads r, named name in errors, to its end, failing once
// it has read more than max bytes.
func readAllLimited(name string, r io.Reader, max int) ([]byte, error) {
	b, over, err := bounded.ReadAll(r, int64(max))
	if err != nil {
		return nil, err
	}
	if over {
		return nil, fmt.Errorf("%s: input longer than the limit of %d bytes", name, max)
	}
	return b, nil
}

// maxTreeIndent is the depth up to which match -tree indents a node two
// spaces a level. Deeper nodes are indented as deep as that and start
// with their depth, "(depth 40) ", so that a line's length does not grow
// with its depth: indenting every level made the output of deep nesting
// quadratic (a = "(" a ")" / "" on 40 KB of input printed 401 MB).
const maxTreeIndent = 32

// treeIndent is the indentation of a node at maxTreeIndent or deeper.
var treeIndent = strings.Repeat("  ", maxTreeIndent)

// printNode prints "rule [start,end) excerpt", indented by depth up to
// maxTreeIndent, and from there with the depth written out.
// The excerpt converts at most 41 bytes of the span (enough for
// grammar.Excerpt to mark the cut), not the whole span of every node.
func printNode(w io.Writer, input []byte, rule string, start, end, depth int) {
	excerpt := grammar.Excerpt(string(input[start:min(end, start+41)]), 40)
	if depth < maxTreeIndent {
		fmt.Fprintf(w, "%s%s [%d,%d) %s\n", treeIndent[:2*depth], rule, start, end, excerpt)
		return
	}
	fmt.Fprintf(w, "%s(depth %d) %s [%d,%d) %s\n", treeIndent, depth, rule, start, end, excerpt)
}
