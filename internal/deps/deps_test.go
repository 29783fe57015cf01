// Package deps holds the import rules of the module as a test, as Go's
// go/build/deps_test.go does for the standard library.
package deps

import (
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/abnfc/abnfc"

// allowed maps a package (or a prefix ending in "/...") to the module
// packages and third-party modules it may import. The standard library is
// always allowed.
var allowed = map[string][]string{
	// The IR imports nothing of ours: everything else builds on it.
	"grammar": {},
	// participle stays inside the front end's syntax package.
	"grammar/syntax":  {"grammar", "github.com/alecthomas/participle/v2", "github.com/alecthomas/participle/v2/lexer"},
	"grammar/extract": {},
	"grammar/rfc2616": {"grammar", "grammar/syntax"},
	"grammar/ref":     {"grammar"},
	"grammar/sample":  {"grammar", "grammar/ref"},
	// The generator: automata know the IR; emit knows automata; gen drives.
	"gen/automata": {"grammar"},
	"gen/emit":     {"grammar", "gen/automata"},
	"gen":          {"grammar", "gen/automata", "gen/emit"},
	"cmd/...":      {"grammar", "grammar/...", "gen", "gen/...", "parser", "fuzz", "internal/bounded", "internal/httplist"},
	// Differential fuzzing compares the parser with the grammar's oracle.
	// It reaches the parser's line-by-line head path through
	// internal/headpath, which parser sets.
	"fuzz": {"parser", "grammar", "grammar/...", "internal/headpath", "internal/httplist"},
	// Generated code imports only the standard library; the hand-written
	// API only internal/headpath besides.
	"parser":                  {"internal/headpath"},
	"internal/headpath":       {},
	"gen/internal/stylebench": {},
	"internal/gentest":        {},
	"internal/bounded":        {},
	"internal/httplist":       {},
}

func TestImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, module+"/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		pkg := strings.TrimPrefix(strings.TrimPrefix(f[0], module), "/")
		rules, ok := rulesFor(pkg)
		if !ok {
			if pkg != "internal/deps" && pkg != "" {
				t.Errorf("package %s has no import rule in deps_test.go", pkg)
			}
			continue
		}
		for _, imp := range f[1:] {
			if !strings.Contains(strings.Split(imp, "/")[0], ".") {
				continue // standard library
			}
			if !permitted(strings.TrimPrefix(strings.TrimPrefix(imp, module), "/"), rules) {
				t.Errorf("%s imports %s, which its rule does not allow", pkg, imp)
			}
		}
	}
}

func rulesFor(pkg string) ([]string, bool) {
	if r, ok := allowed[pkg]; ok {
		return r, true
	}
	for k, r := range allowed {
		if strings.HasSuffix(k, "/...") && strings.HasPrefix(pkg, strings.TrimSuffix(k, "...")) {
			return r, true
		}
	}
	return nil, false
}

func permitted(imp string, rules []string) bool {
	for _, r := range rules {
		if r == imp || strings.HasSuffix(r, "/...") && strings.HasPrefix(imp, strings.TrimSuffix(r, "...")) {
			return true
		}
	}
	return false
}
