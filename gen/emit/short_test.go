package emit_test

import (
	"regexp"
	"testing"

	"github.com/abnfc/abnfc/gen"
	"github.com/abnfc/abnfc/grammar/syntax"
)

// TestShortRuns: with -simd, the goto code's loop over a large set gets
// a call of its vector loop before the table loop, unless the set lies
// within the bytes of a rule annotated @short (gen/emit/style.go,
// shortRun); and the table loops over large sets are unrolled either
// way.
func TestShortRuns(t *testing.T) {
	const src = `
pair  = word "=" path
; @short
word  = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "!" / "*" )
path  = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "!" / "*" / "/" / "%" / ":" / "@" )
`
	tests := []struct {
		name       string
		short      bool // whether word is @short
		wordVec    bool // whether the loop over word's bytes calls a vector loop
		pathVector bool
	}{
		{"word @short", true, false, true},
		{"no annotation", false, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := src
			if !tt.short {
				text = regexp.MustCompile(`; @short\n`).ReplaceAllString(text, "")
			}
			g, err := syntax.ParseString("short.abnf", text, syntax.Options{})
			if err != nil {
				t.Fatal(err)
			}
			fs, err := gen.GenerateFiles(g, gen.Options{Rules: []string{"pair"}, Package: "p", Command: "abnfc gen (test)", Source: "short.abnf", SIMD: true, Style: "goto"})
			if err != nil {
				t.Fatal(err)
			}
			main := string(fs.Main)
			// State 0 loops over word's bytes; the state after "=" over
			// path's. A vector call comes right before a table loop.
			vecBefore := func(label string) bool {
				re := regexp.MustCompile(`(?m)^` + label + `: [^\n]*\n(\t[^\n]*\n)*?\tif abnfsimd \{\n\t\ti, _ = \w+Vec\(b, i\)`)
				loc := re.FindStringIndex(main)
				if loc == nil {
					return false
				}
				// Only within the state: no other label before the call.
				return !regexp.MustCompile(`(?m)^s\d+:`).MatchString(main[loc[0]+1 : loc[1]])
			}
			if got := vecBefore("s1"); got != tt.wordVec {
				t.Errorf("word's loop (s1) calls a vector loop: %v, want %v", got, tt.wordVec)
			}
			if got := vecBefore("s3"); got != tt.pathVector {
				t.Errorf("path's loop (s3) calls a vector loop: %v, want %v", got, tt.pathVector)
			}
			if n := len(regexp.MustCompile(`w := b\[i : i\+8 : i\+8\]`).FindAllString(main, -1)); n < 2 {
				t.Errorf("%d unrolled table loops, want one per large loop set (2)", n)
			}
			if t.Failed() {
				t.Logf("generated:\n%s", main)
			}
		})
	}
}
