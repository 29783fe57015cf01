package httplist

import (
	"slices"
	"testing"
)

func TestElements(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     []string
	}{
		{"one", "a", []string{"a"}},
		{"empty", "", []string{""}},
		{"two", "a, b", []string{"a", " b"}},
		{"null elements (§2.1)", ",a,,", []string{"", "a", "", ""}},
		{"comma in a quoted-string", `a="x, y", b`, []string{`a="x, y"`, " b"}},
		{"quoted-pair (§2.2)", `a="\", y", b`, []string{`a="\", y"`, " b"}},
		{"backslash outside quotes", `a\, b`, []string{`a\`, " b"}},
		{"unclosed quoted-string", `a="x, y`, []string{`a="x, y`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := Elements(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("Elements(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
