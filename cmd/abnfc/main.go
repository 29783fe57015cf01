// Command abnfc reads, checks, extracts and prints ABNF grammars, and
// generates Go state-machine parsers from them (abnfc gen).
//
// Usage:
//
//	abnfc check   -grammar PATH|rfc2616 [-dialect D] [-roots a,b]
//	abnfc fmt     -grammar PATH|rfc2616 [-dialect D]
//	abnfc extract [-section S] FILE.txt
//	abnfc gen     -grammar PATH|rfc2616 [-dialect D] -rules a,b -package p [-o FILE] [-prefix P]
//	              [-style goto|table|switch] [-depth 32] [-max-states 20000] [-max-nfa-states 200000]
//	              [-max-subset-items 10000000] [-max-total-states 1000000] [-max-goto-states 2048] [-simd] [-write-goto a,b]
//	abnfc dot     -grammar PATH|rfc2616 [-dialect D] -rule NAME
//	abnfc sample  -grammar PATH|rfc2616 [-dialect D] -rule NAME [-n 100] [-seed 1] [-coverage] [-nearmiss]
//	              [-dir DIR] [-maxdepth 12] [-maxrepeat 4] [-maxsize 4096]
//	abnfc match   -grammar PATH|rfc2616 [-dialect D] -rule NAME [-tree] [-prefix] [FILE]
//	abnfc help [command]
//
// With -o, abnfc gen reads the other Go files of the output package
// first (declarations only; not the file it replaces, nor the -simd pair
// it rewrites or removes, nor files of another package or behind
// //go:build ignore) and writes nothing when one of them declares a name
// it would declare: the error stands at that declaration, gives the
// generated one's file:line:col and the rule it is for, and suggests a
// -prefix of the file's own. Files of different prefixes build together,
// each with its own engine. A -package other than that of the
// directory's other non-test files is an error too. It replaces an existing -o only when abnfc gen
// wrote it (or it is empty), never a hand-written file or a grammar source.
//
// Diagnostics go to standard error as file:line:col: message. The exit
// status is 0 on success, 1 when the grammar has errors (or match finds
// no match, or extract no ABNF), and 2 on misuse or an I/O error, or when
// the reference parser gives up at one of its limits (ref.Limits: the
// input is then neither matched nor rejected; sample -nearmiss then
// prints the near-miss as unknown and goes on).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"
)

// command is one subcommand.
type command struct {
	name, usage, short string
	run                func(args []string, stdout, stderr io.Writer) int
}

var commands []*command

func init() {
	commands = []*command{
		{"check", "check -grammar PATH|rfc2616 [-dialect D] [-roots a,b]", "report undefined, duplicate, unreachable and left-recursive rules, and rules that match no input", runCheck},
		{"fmt", "fmt -grammar PATH|rfc2616 [-dialect D]", "print a grammar in canonical form", runFmt},
		{"extract", "extract [-section S] FILE.txt", "pull the ABNF rules out of an RFC's plain text", runExtract},
		{"gen", "gen -grammar PATH|rfc2616 [-dialect D] -rules a,b -package p [-o FILE] [-prefix P] [-style goto|table|switch] [-depth N] [-max-states N] [-max-nfa-states N] [-max-subset-items N] [-max-total-states N] [-max-goto-states N] [-simd] [-write-goto a,b]", "generate Go state-machine parsers for rules", runGen},
		{"dot", "dot -grammar PATH|rfc2616 [-dialect D] -rule NAME", "write a rule's machine as Graphviz DOT", runDot},
		{"sample", "sample -grammar PATH|rfc2616 [-dialect D] -rule NAME [-n 100] [-seed 1] [-coverage] [-nearmiss] [-dir DIR] [-maxdepth 12] [-maxrepeat 4] [-maxsize 4096]", "generate samples, covering sets and near-misses of a rule", runSample},
		{"match", "match -grammar PATH|rfc2616 [-dialect D] -rule NAME [-tree] [-prefix] [FILE]", "match raw input bytes against a rule with the reference parser", runMatch},
	}
}

// usageError reports misuse: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "-help" || name == "--help" {
		if len(args) > 2 {
			fmt.Fprintf(stderr, "abnfc: help takes at most one command, not %q\n", args[2:])
			return 2
		}
		if len(args) > 1 && args[1] != "help" {
			if c := lookup(args[1]); c != nil {
				return c.run([]string{"-h"}, stdout, stdout)
			}
			fmt.Fprintf(stderr, "abnfc: unknown command %q\n", args[1])
			return 2
		}
		usage(stdout)
		return 0
	}
	c := lookup(name)
	if c == nil {
		fmt.Fprintf(stderr, "abnfc: unknown command %q; run 'abnfc help'\n", name)
		return 2
	}
	return c.run(args[1:], stdout, stderr)
}

func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "abnfc turns the ABNF of an RFC into checked grammars and parsers.\n\nUsage:\n\n")
	names := make([]string, 0, len(commands))
	for _, c := range commands {
		names = append(names, c.name)
	}
	sort.Strings(names)
	for _, n := range names {
		c := lookup(n)
		fmt.Fprintf(w, "\tabnfc %s\n", c.usage)
		fmt.Fprintf(w, "\t\t%s\n", c.short)
	}
	fmt.Fprintf(w, "\nRun 'abnfc help COMMAND' or 'abnfc COMMAND -h' for the flags of one command.\n")
	fmt.Fprintf(w, "Exit status: 0 ok, 1 grammar errors (or no match), 2 usage or I/O errors, or a limit of the reference parser.\n")
}

// newFlags returns a flag set for c that writes its help to stderr.
func newFlags(c string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("abnfc "+c, flag.ContinueOnError)
	fs.SetOutput(stderr)
	cmd := lookup(c)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: abnfc %s\n\n%s.\n\nFlags:\n", cmd.usage, cmd.short)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args and maps -h and bad flags to exit codes.
func parseFlags(fs *flag.FlagSet, args []string) (code int, ok bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, false
		}
		return 2, false
	}
	return 0, true
}

// exit reports err on stderr and returns the exit status for it.
func exit(stderr io.Writer, err error) int {
	if err == nil {
		return 0
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "abnfc: %s\n", ue.msg)
		return 2
	}
	fmt.Fprintf(stderr, "abnfc: %v\n", err)
	return 2
}

// splitList splits a comma-separated flag value, leaving out empty
// elements and repeats (-rules a,a generates a once).
func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}
