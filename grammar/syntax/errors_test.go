package syntax_test

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/abnfc/abnfc/grammar"
	"github.com/abnfc/abnfc/grammar/syntax"
)

// expectRE finds the expectations written into test inputs:
// ; ERROR "regexp", ; WARNING "regexp" or ; NOTE "regexp".
var expectRE = regexp.MustCompile(`(ERROR|WARNING|NOTE) "((?:[^"\\]|\\.)*)"`)

type expectation struct {
	line int
	sev  grammar.Severity
	re   *regexp.Regexp
}

func expectations(t *testing.T, src []byte) []expectation {
	var out []expectation
	for i, line := range strings.Split(string(src), "\n") {
		for _, m := range expectRE.FindAllStringSubmatch(line, -1) {
			sev := map[string]grammar.Severity{"ERROR": grammar.SeverityError, "WARNING": grammar.SeverityWarning, "NOTE": grammar.SeverityNote}[m[1]]
			pat := strings.ReplaceAll(m[2], `\"`, `"`)
			re, err := regexp.Compile(pat)
			if err != nil {
				t.Fatalf("line %d: bad expectation %q: %v", i+1, pat, err)
			}
			out = append(out, expectation{i + 1, sev, re})
		}
	}
	return out
}

// TestErrors parses every file in testdata/errors in the dialect its name
// starts with, runs grammar.Check and grammar.Lower when parsing succeeds,
// and compares the diagnostics with the expectations in the file.
func TestErrors(t *testing.T) {
	files, _ := filepath.Glob("testdata/errors/*.abnf")
	if len(files) == 0 {
		t.Fatal("no test files")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			d, err := grammar.ParseDialect(strings.SplitN(filepath.Base(file), "_", 2)[0])
			if err != nil {
				t.Fatal(err)
			}
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			got := diagnose(t, file, src, d)
			want := expectations(t, src)
			used := make([]bool, len(got))
			for _, w := range want {
				found := false
				for i, e := range got {
					if !used[i] && e.Pos.Line == w.line && e.Severity == w.sev && w.re.MatchString(e.Msg) {
						used[i], found = true, true
						break
					}
				}
				if !found {
					t.Errorf("%s:%d: missing %v matching %q", file, w.line, w.sev, w.re)
				}
			}
			for i, e := range got {
				if !used[i] {
					t.Errorf("unexpected diagnostic: %v", e)
				}
			}
		})
	}
}

func diagnose(t *testing.T, file string, src []byte, d grammar.Dialect) grammar.ErrorList {
	g, err := syntax.Parse([]syntax.Source{{Name: file, Text: src}}, syntax.Options{Dialect: d})
	var list grammar.ErrorList
	if err != nil && !errors.As(err, &list) {
		t.Fatalf("Parse: not an ErrorList: %v", err)
	}
	for _, e := range list {
		if e.Pos.File != file || e.Pos.Line < 1 || e.Pos.Col < 1 {
			t.Errorf("diagnostic without a full position: %v", e)
		}
	}
	if list.HasErrors() {
		return list
	}
	list = append(list, grammar.Check(g, grammar.CheckOptions{})...)
	if _, err := grammar.Lower(g); err != nil {
		list = append(list, err.(grammar.ErrorList)...)
	}
	list.Sort() // removes what Check and Lower both report
	return list
}
