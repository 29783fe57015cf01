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
// //go:generate line with its -o redirected into a temporary directory,
// and compares every file the line writes there (abnfc gen -simd writes
// two besides -o) with the committed one. regenerate
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
			// Each line writes into a directory of its own, so that the
			// files it writes besides -o (abnfc gen -simd writes two) are
			// checked too: every file there against the committed one.
			tmp := t.TempDir()
			out := ""
			for i, a := range args {
				if a == "-o" && i+1 < len(args) {
					out = args[i+1]
					args[i+1] = filepath.Join(tmp, out)
				}
			}
			if out == "" {
				t.Fatalf("%s: go:generate line without -o: %s", src, line)
			}
			cmd := exec.Command(args[0], args[1:]...)
			if msg, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("%s: %v\n%s", line, err, msg)
			}
			written, _ := filepath.Glob(filepath.Join(tmp, "*.go"))
			if len(written) == 0 {
				t.Fatalf("%s: wrote no Go file", line)
			}
			for _, w := range written {
				name := filepath.Base(w)
				targets[name] = true
				fresh, err := os.ReadFile(w)
				if err != nil {
					t.Fatal(err)
				}
				committed, err := os.ReadFile(name)
				if err != nil {
					t.Errorf("%s is missing: run %s", name, regenerate)
					continue
				}
				if !bytes.Equal(fresh, committed) {
					t.Errorf("%s is stale: run %s", name, regenerate)
				}
				checkHeader(t, name, committed)
			}
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
