//go:build !gofuzz

package fuzz

import (
	"errors"
	"testing"

	"github.com/abnfc/abnfc/parser"
)

// shiftValidate returns f with a Validate whose SyntaxError reports the
// offset move(Offset), as a generated Validate that counted wrong would.
func shiftValidate(f parser.RuleFuncs, move func(int) int) parser.RuleFuncs {
	v := f.Validate
	f.Validate = func(b []byte) error {
		err := v(b)
		var se *parser.SyntaxError
		if errors.As(err, &se) {
			c := *se
			c.Offset = move(c.Offset)
			return &c
		}
		return err
	}
	return f
}

// TestCompareRuleValidateOffset: oracle 1 holds Validate's error to the
// reference parser's Failure: the offending byte's offset (the longest
// prefix that some match of the rule extends, which both compute) and
// its line and column. A Validate one byte late, one that puts every
// error at the input's start, or one whose error is no *SyntaxError
// fails; the generated one passes, at a bad byte and at the end of an
// input cut short.
func TestCompareRuleValidateOffset(t *testing.T) {
	date, _ := ruleFuncs("HTTP-date")
	line, _ := ruleFuncs("Request-Line")
	tests := []struct {
		name, rule, in string
		f              parser.RuleFuncs
		fail           bool
	}{
		{"generated, bad byte", "HTTP-date", "Sun, 06 Nov 1994 08:49:37 GMX", date, false},
		{"generated, cut short", "HTTP-date", "Sun, 06 Nov", date, false},
		{"generated, second line", "Request-Line", "GET / HTTP/1.1\r\nX", line, false},
		{"one byte late", "HTTP-date", "Sun, 06 Nov 1994 08:49:37 GMX", shiftValidate(date, func(n int) int { return n + 1 }), true},
		{"one byte late at the end", "HTTP-date", "Sun, 06 Nov", shiftValidate(date, func(n int) int { return n + 1 }), true},
		{"at the start", "Request-Line", "GET /a b HTTP/1.1\r\n", shiftValidate(line, func(int) int { return 0 }), true},
		{"not a SyntaxError", "HTTP-date", "Sun", parser.RuleFuncs{Name: "HTTP-date", Match: date.Match, Scan: date.Scan,
			Validate: func(b []byte) error {
				if date.Validate(b) != nil {
					return errors.New("no")
				}
				return nil
			}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r Result
			compareRuleFuncs(&r, tt.rule, tt.f, []byte(tt.in))
			if r.Failed() != tt.fail {
				t.Errorf("compareRuleFuncs(%s, %q): failed %v, want %v: %v", tt.rule, tt.in, r.Failed(), tt.fail, r)
			}
		})
	}
}
