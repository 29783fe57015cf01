package syntax_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/abnfc/abnfc/grammar"
	"github.com/abnfc/abnfc/grammar/syntax"
)

// FuzzParse feeds any bytes to the front end in every dialect. It must
// return a grammar or positioned errors, never panic or hang; and a grammar
// that parses must survive print → parse unchanged. Seeds: the files in
// testdata/*/ and the preludes, in every dialect; testdata/fuzz/FuzzParse
// keeps one more input (A=2#2A), which go test replays.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*/*.abnf")
	files2, _ := filepath.Glob("prelude/*.abnf")
	for _, file := range append(files, files2...) {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for d := range grammar.Dialects {
			f.Add(b, uint8(d))
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, dialect uint8) {
		d := grammar.Dialects[int(dialect)%len(grammar.Dialects)]
		g, err := syntax.Parse([]syntax.Source{{Name: "fuzz.abnf", Text: src}}, syntax.Options{Dialect: d})
		if err != nil {
			list, ok := err.(grammar.ErrorList)
			if !ok || len(list) == 0 {
				t.Fatalf("error is not a non-empty ErrorList: %T %v", err, err)
			}
			for _, e := range list {
				if !e.Pos.IsValid() {
					t.Fatalf("error without position: %v", e)
				}
			}
			return
		}
		grammar.Check(g, grammar.CheckOptions{})
		grammar.Lower(g)
		var buf bytes.Buffer
		if err := grammar.Print(&buf, g); err != nil {
			t.Fatal(err)
		}
		g2, err := syntax.Parse([]syntax.Source{{Name: "printed.abnf", Text: buf.Bytes()}}, syntax.Options{Dialect: d})
		if err != nil {
			t.Fatalf("printed grammar does not parse: %v\n%s", err, buf.Bytes())
		}
		if ok, diff := grammar.EqualGrammars(g, g2); !ok {
			t.Fatalf("print → parse changed the grammar: %s\n%s", diff, buf.Bytes())
		}
	})
}
