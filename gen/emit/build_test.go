package emit_test

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/abnfc/abnfc/gen"
	"github.com/abnfc/abnfc/gen/emit"
	"github.com/abnfc/abnfc/grammar/ref"
	"github.com/abnfc/abnfc/grammar/syntax"
)

// TestOddGrammarsBuild generates small grammars of shapes the other tests
// do not have, in every style, into one module; it must pass go vet (so
// it compiles), and MatchR of each style must agree with the reference
// parser on the inputs.
func TestOddGrammarsBuild(t *testing.T) {
	tests := []struct {
		name, src string
		rules     []string
		inputs    []string
		uint32    bool // goto frames of uint32
	}{
		// r1 recurses without end, so r0 matches nothing: the goto code
		// over all machines had a label ret that nothing used (session
		// 13), which Go refuses.
		{name: "calls a rule that never ends", src: "r0 = \"b\" r1 \")\"\nr1 = r1 \"x\"\n", rules: []string{"r0"}, inputs: []string{"", "b", "bx)", "b)"}},
		{name: "calls a cycle that never ends", src: "r0 = \"b\" r1 \"c\"\nr1 = r2\nr2 = r1\n", rules: []string{"r0"}, inputs: []string{"", "bc"}},
		{name: "one way never ends", src: "r0 = \"a\" / \"b\" r1\nr1 = r1 \"x\"\n", rules: []string{"r0"}, inputs: []string{"a", "b", "bx", ""}},
		// More return points than uint16 frames count (here more than
		// one, by SetUint16Points) take uint32 frames: a constant too
		// large for uint16 would not compile.
		{name: "uint32 frames", src: "r0 = \"a\" p \"b\" p \"c\"\np = \"(\" [ p ] \")\"\n", rules: []string{"r0"}, inputs: []string{"a()b(())c", "a()b()", "a(b)c", ""}, uint32: true},
	}
	dir := t.TempDir()
	var calls strings.Builder
	var want strings.Builder
	for i, tt := range tests {
		g, err := syntax.ParseString("test.abnf", tt.src, syntax.Options{})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		for _, style := range []string{emit.StyleGoto, emit.StyleTable, emit.StyleSwitch} {
			prefix := fmt.Sprintf("C%d%s", i, strings.ToUpper(style[:1]))
			restore := func() {}
			if tt.uint32 {
				restore = emit.SetUint16Points(1)
			}
			src, err := gen.Generate(g, gen.Options{Rules: tt.rules, Package: "main", Prefix: prefix, Style: style, Command: "test"})
			restore()
			if err != nil {
				t.Fatalf("%s: Generate(style %s): %v", tt.name, style, err)
			}
			if frames := strings.Contains(string(src), "]uint32"); style == emit.StyleGoto && frames != tt.uint32 {
				t.Errorf("%s: uint32 frames %v, want %v", tt.name, frames, tt.uint32)
			}
			writeFile(t, filepath.Join(dir, "zz_"+prefix+".go"), src)
			for _, rule := range tt.rules {
				rp, err := ref.New(g, rule)
				if err != nil {
					t.Fatal(err)
				}
				for _, in := range tt.inputs {
					fmt.Fprintf(&calls, "\tfmt.Println(%q, %q, %q, Match%s%s([]byte(%s)))\n", tt.name, style, in, prefix, emit.GoName(rule), strconv.Quote(in))
					fmt.Fprintf(&want, "%s %s %s %v\n", tt.name, style, in, rp.Match([]byte(in)))
				}
			}
		}
	}
	writeFile(t, filepath.Join(dir, "go.mod"), []byte("module odd\n\ngo 1.26\n"))
	writeFile(t, filepath.Join(dir, "main.go"), []byte("package main\n\nimport \"fmt\"\n\nfunc main() {\n"+calls.String()+"}\n"))
	goTool(t, dir, nil, "vet", ".")
	if got := string(goTool(t, dir, nil, "run", ".")); got != want.String() {
		t.Errorf("MatchR disagrees with the reference parser:\n got:\n%s\nwant:\n%s", got, want.String())
	}
}
