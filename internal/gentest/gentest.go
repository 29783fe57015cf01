// Package gentest checks committed generated files in tests: they must be
// fresh, present and produced by a //go:generate line.
package gentest

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Check fails t when a generated file of the package in the current
// directory is stale (regenerating it gives other bytes), missing, or
// orphaned (a zz_*.go file that no //go:generate line produces), as
// cmd/compile/internal/ssa's generate_test does. It runs each
// //go:generate line with its -o redirected to a temporary file. regenerate
// is the command that fixes a failure, for the messages. It also checks
// that go/ast.IsGenerated recognises each file and that it imports only
// the standard library.
func Check(t *testing.T, regenerate string) {
	t.Helper()
	srcs, _ := filepath.Glob("*.go")
	targets := map[string]bool{}
	for _, src := range srcs {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if !strings.HasPrefix(line, "//go:generate ") {
				continue
			}
			args := strings.Fields(strings.TrimPrefix(line, "//go:generate "))
			out := ""
			for i, a := range args {
				if a == "-o" && i+1 < len(args) {
					out = args[i+1]
					args[i+1] = filepath.Join(t.TempDir(), out)
				}
			}
			if out == "" {
				t.Fatalf("%s: go:generate line without -o: %s", src, line)
			}
			targets[out] = true
			cmd := exec.Command(args[0], args[1:]...)
			if msg, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("%s: %v\n%s", line, err, msg)
			}
			fresh, err := os.ReadFile(args[indexOf(args, "-o")+1])
			if err != nil {
				t.Fatal(err)
			}
			committed, err := os.ReadFile(out)
			if err != nil {
				t.Errorf("%s is missing: run %s", out, regenerate)
				continue
			}
			if !bytes.Equal(fresh, committed) {
				t.Errorf("%s is stale: run %s", out, regenerate)
			}
			checkHeader(t, out, committed)
		}
	}
	gen, _ := filepath.Glob("zz_*.go")
	for _, f := range gen {
		if !targets[f] {
			t.Errorf("%s is orphaned: no //go:generate line produces it", f)
		}
	}
	if len(targets) == 0 {
		t.Error("no //go:generate lines")
	}
}

func indexOf(args []string, s string) int {
	for i, a := range args {
		if a == s {
			return i
		}
	}
	return -1
}

// checkHeader: go/ast.IsGenerated must recognise the file, and it may
// import only the standard library.
func checkHeader(t *testing.T, name string, src []byte) {
	f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	if !ast.IsGenerated(f) {
		t.Errorf("%s: ast.IsGenerated is false", name)
	}
	for _, imp := range f.Imports {
		if p := strings.Trim(imp.Path.Value, `"`); strings.Contains(strings.Split(p, "/")[0], ".") {
			t.Errorf("%s imports %s: generated code may import only the standard library", name, p)
		}
	}
}
