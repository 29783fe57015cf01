package automata

import "testing"

// TestShortLabel: a state's label says a rule's name once where the
// reference is to the rule whose element the state is at, and keeps every
// other label whole.
func TestShortLabel(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"reference to the rule itself", `Request-Line: HTTP-Version › HTTP-Version: %s"HTTP"`, `Request-Line: HTTP-Version › %s"HTTP"`},
		{"names in another case", `header: sp › SP: " "`, `header: sp › " "`},
		{"a rule further in", `Request-Line: Method › token: "!"`, `Request-Line: Method › token: "!"`},
		{"no reference", `Request-Line: SP`, `Request-Line: SP`},
		{"an element with a colon", `a: b › b: ": "`, `a: b › ": "`},
		{"deeper path kept", `a: b › b: c › c: "x"`, `a: b › b: c › c: "x"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ShortLabel(tc.in); got != tc.want {
				t.Errorf("ShortLabel(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
