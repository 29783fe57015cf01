package grammar_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/abnfc/abnfc/grammar"
)

// TestErrorListError: the first ten entries, one per line, and a count
// of the rest; an eleventh alone is shown (the lexer's note that it
// stopped after ten errors had read "(and 1 more)").
func TestErrorListError(t *testing.T) {
	list := func(n int) grammar.ErrorList {
		var l grammar.ErrorList
		for i := range n {
			l.Add(grammar.Pos{File: "g.abnf", Line: i + 1, Col: 1}, grammar.SeverityError, "r", "error %d", i+1)
		}
		return l
	}
	for _, tc := range []struct {
		n          int
		last, more string
	}{
		{0, "no errors", ""},
		{1, "g.abnf:1:1: error 1", ""},
		{10, "g.abnf:10:1: error 10", ""},
		{11, "g.abnf:11:1: error 11", ""},
		{12, "g.abnf:10:1: error 10", "(and 2 more)"},
		{30, "g.abnf:10:1: error 10", "(and 20 more)"},
	} {
		t.Run(fmt.Sprint(tc.n), func(t *testing.T) {
			lines := strings.Split(list(tc.n).Error(), "\n")
			want := []string{tc.last}
			if tc.more != "" {
				want = append(want, tc.more)
			}
			if got := lines[len(lines)-len(want):]; strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("last lines %q, want %q", got, want)
			}
		})
	}
}
