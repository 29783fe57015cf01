package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMatchTreeOutput pins the output of abnfc match -tree, byte for
// byte: named rules only, depth-first, indented by depth, the excerpt
// bounded, the flag line of an ambiguous input, empty spans, left and
// right recursion, and -prefix before the tree. A repetition gives its
// earlier iterations the longest spans (val [5,7), b [0,2)), as
// ref.Parser.Tree documents.
func TestMatchTreeOutput(t *testing.T) {
	tests := []struct {
		name, grammar, rule, input string
		prefix                     bool
		want                       string
	}{
		{
			name:    "nested rules through groups",
			grammar: "kv = key \"=\" *( val / sep )\nkey = 1*ALPHA\nval = 1*DIGIT\nsep = \",\"\n",
			rule:    "kv", input: "ab=1,23",
			want: "kv [0,7) \"ab=1,23\"\n" +
				"  key [0,2) \"ab\"\n    ALPHA [0,1) \"a\"\n    ALPHA [1,2) \"b\"\n" +
				"  val [3,4) \"1\"\n    DIGIT [3,4) \"1\"\n" +
				"  sep [4,5) \",\"\n" +
				"  val [5,7) \"23\"\n    DIGIT [5,6) \"2\"\n    DIGIT [6,7) \"3\"\n" +
				"; the input is ambiguous: this is one of several derivations\n",
		},
		{
			name:    "ambiguous",
			grammar: "a = *b\nb = *\"x\"\n",
			rule:    "a", input: "xx",
			want: "a [0,2) \"xx\"\n  b [0,2) \"xx\"\n; the input is ambiguous: this is one of several derivations\n",
		},
		{
			name:    "empty spans",
			grammar: "a = *(e \"x\") e\ne = \"\"\n",
			rule:    "a", input: "xx",
			want: "a [0,2) \"xx\"\n  e [0,0) \"\"\n  e [1,1) \"\"\n  e [2,2) \"\"\n",
		},
		{
			name:    "left recursion",
			grammar: "a = a b / b\nb = \"x\"\n",
			rule:    "a", input: "xxx",
			want: "a [0,3) \"xxx\"\n  a [0,2) \"xx\"\n    a [0,1) \"x\"\n      b [0,1) \"x\"\n    b [1,2) \"x\"\n  b [2,3) \"x\"\n",
		},
		{
			name:    "right recursion",
			grammar: "a = b a / b\nb = \"x\"\n",
			rule:    "a", input: "xxx",
			want: "a [0,3) \"xxx\"\n  b [0,1) \"x\"\n  a [1,3) \"xx\"\n    b [1,2) \"x\"\n    a [2,3) \"x\"\n      b [2,3) \"x\"\n",
		},
		{
			name:    "long excerpt",
			grammar: "a = *\"x\" \"\\\" b\nb = 1*%x00-FF\n",
			rule:    "a", input: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\\\n\x00\xff",
			want: "a [0,54) \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"...\n  b [51,54) \"\\n\\x00\\xff\"\n",
		},
		{
			name:    "prefixes then the tree",
			grammar: "a = *b\nb = \"xy\"\n",
			rule:    "a", input: "xyxy", prefix: true,
			want: "0\n2\n4\na [0,4) \"xyxy\"\n  b [0,2) \"xy\"\n  b [2,4) \"xy\"\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			gf, in := filepath.Join(dir, "g.abnf"), filepath.Join(dir, "input")
			if err := os.WriteFile(gf, []byte(tt.grammar), 0o666); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(in, []byte(tt.input), 0o666); err != nil {
				t.Fatal(err)
			}
			args := []string{"match", "-grammar", gf, "-rule", tt.rule, "-tree"}
			if tt.prefix {
				args = append(args, "-prefix")
			}
			var stdout, stderr bytes.Buffer
			if code := run(append(args, in), &stdout, &stderr); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			if got := stdout.String(); got != tt.want {
				t.Errorf("output:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestMatchTreeLimit: past ref.Limits.MaxTreeNodes, match -tree reports
// the input's name, the rule, the input offset and the limit, exit 2, as
// for the parse's own limits: a limit is not a "no match" (exit 1). It
// prints no prefixes before the error.
func TestMatchTreeLimit(t *testing.T) {
	// Over the empty spans around "y", each n_i is four n_{i+1}: 4^12
	// nodes in every tree.
	src := "s = n0 \"y\" n0\n"
	for i := range 12 {
		src += fmt.Sprintf("n%d = n%d n%d n%d n%d\n", i, i+1, i+1, i+1, i+1)
	}
	src += "n12 = [ \"z\" ]\n"
	dir := t.TempDir()
	gf, in := filepath.Join(dir, "g.abnf"), filepath.Join(dir, "input")
	if err := os.WriteFile(gf, []byte(src), 0o666); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, []byte("y"), 0o666); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"match", "-grammar", gf, "-rule", "s", "-tree", in}, &stdout, &stderr)
	want := in + ": parse of rule s gave up at input offset 1: building the parse tree took more than 4194304 nodes (ref.Limits.MaxTreeNodes)\n"
	if code != 2 || stdout.Len() != 0 || stderr.String() != want {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 2, no output, stderr %q", code, stdout.String(), stderr.String(), want)
	}
}

// TestMatchLimit: when the recognizer gives up (here past
// ref.Limits.MaxSteps: a = a a / "x" costs O(n³) steps), match says so
// with the input's name, the rule and the input offset reached, and exits
// 2: it had exited 1, the status of "no match", which the input may not
// be.
func TestMatchLimit(t *testing.T) {
	dir := t.TempDir()
	gf, in := filepath.Join(dir, "g.abnf"), filepath.Join(dir, "input")
	if err := os.WriteFile(gf, []byte("a = a a / \"x\"\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, bytes.Repeat([]byte("x"), 4000), 0o666); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"match", "-grammar", gf, "-rule", "a", in}, &stdout, &stderr)
	want := in + ": parse of rule a gave up at input offset "
	tail := ": more than 268435456 steps of Earley completion (ref.Limits.MaxSteps)\n"
	got := stderr.String()
	if code != 2 || stdout.Len() != 0 || !strings.HasPrefix(got, want) || !strings.HasSuffix(got, tail) {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 2, no output, stderr %q...%q", code, stdout.String(), got, want, tail)
	}
}

// TestMatchTreeDeep: match -tree indents by depth only up to
// maxTreeIndent levels; deeper nodes are indented as deep as that and
// show their depth as a number, so the output grows with the nodes, not
// with their depth squared (a = "(" a ")" / "" on 40 KB printed 401 MB).
func TestMatchTreeDeep(t *testing.T) {
	const grammar = "a = \"(\" a \")\" / \"\"\n"
	cap := strings.Repeat("  ", maxTreeIndent)
	tests := []struct {
		name     string
		depth    int            // the nesting of the input
		lines    map[int]string // lines of the output, by index (the node's depth)
		maxBytes int            // bound on the output's length
	}{
		{name: "below the cap", depth: 3, lines: map[int]string{
			0: `a [0,6) "((()))"`, 2: `    a [2,4) "()"`, 3: `      a [3,3) ""`,
		}, maxBytes: 100},
		{name: "at the cap", depth: maxTreeIndent + 1, lines: map[int]string{
			maxTreeIndent - 1: strings.Repeat("  ", maxTreeIndent-1) + fmt.Sprintf("a [%d,%d) \"(())\"", maxTreeIndent-1, maxTreeIndent+3),
			maxTreeIndent:     cap + fmt.Sprintf("(depth %d) a [%d,%d) \"()\"", maxTreeIndent, maxTreeIndent, maxTreeIndent+2),
			maxTreeIndent + 1: cap + fmt.Sprintf("(depth %d) a [%d,%d) \"\"", maxTreeIndent+1, maxTreeIndent+1, maxTreeIndent+1),
		}},
		{name: "deep", depth: 2000, lines: map[int]string{
			1999: cap + `(depth 1999) a [1999,2001) "()"`,
			2000: cap + `(depth 2000) a [2000,2000) ""`,
		}, maxBytes: 2001 * (2*maxTreeIndent + 80)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			gf, in := filepath.Join(dir, "g.abnf"), filepath.Join(dir, "input")
			if err := os.WriteFile(gf, []byte(grammar), 0o666); err != nil {
				t.Fatal(err)
			}
			input := strings.Repeat("(", tt.depth) + strings.Repeat(")", tt.depth)
			if err := os.WriteFile(in, []byte(input), 0o666); err != nil {
				t.Fatal(err)
			}
			var stdout, stderr bytes.Buffer
			if code := run([]string{"match", "-grammar", gf, "-rule", "a", "-tree", in}, &stdout, &stderr); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			if tt.maxBytes > 0 && stdout.Len() > tt.maxBytes {
				t.Errorf("%d bytes of output, want at most %d", stdout.Len(), tt.maxBytes)
			}
			lines := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
			if len(lines) != tt.depth+1 {
				t.Fatalf("%d lines, want %d", len(lines), tt.depth+1)
			}
			for i, want := range tt.lines {
				if lines[i] != want {
					t.Errorf("line %d:\n got %q\nwant %q", i, lines[i], want)
				}
			}
		})
	}
}
