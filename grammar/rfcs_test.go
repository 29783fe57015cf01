package grammar_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/abnfc/abnfc/grammar"
	"github.com/abnfc/abnfc/grammar/extract"
	"github.com/abnfc/abnfc/grammar/rfc2616"
	"github.com/abnfc/abnfc/grammar/syntax"
)

// sharedRFC returns the text of an RFC from ../shared/rfc beside the
// repository (present in CI; absent in a user's clone, where the test
// skips).
func sharedRFC(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "shared", "rfc", name))
	if os.IsNotExist(err) {
		t.Skipf("../shared/rfc/%s is absent (it exists only beside the repository in CI and development)", name)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b
}

type rfcGrammar struct {
	name    string
	dialect grammar.Dialect
	srcs    func(t *testing.T) []syntax.Source
	// warnings expected from Check, each explained in the README.
	warnings int
	notes    int
}

func extracted(file, section string) func(t *testing.T) []syntax.Source {
	return func(t *testing.T) []syntax.Source {
		rules, err := extract.Extract(sharedRFC(t, file), extract.Options{Section: section})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := extract.Write(&b, file, rules); err != nil {
			t.Fatal(err)
		}
		return []syntax.Source{{Name: file, Text: b.Bytes()}}
	}
}

var rfcGrammars = []rfcGrammar{
	{name: "embedded rfc2616", dialect: grammar.RFC2616, srcs: func(*testing.T) []syntax.Source { return rfc2616.Sources() }, notes: 1},
	// RFC 5234 §4: the ABNF of ABNF; its group/option rules nest.
	{name: "rfc5234", dialect: grammar.RFC5234, srcs: extracted("rfc5234.txt", ""), notes: 1},
	// The collected ABNF appendices import rules from other documents as
	// prose-vals naming themselves: one warning per import.
	{name: "rfc7230 Appendix B", dialect: grammar.RFC7230, srcs: extracted("rfc7230.txt", ""), warnings: 11, notes: 1},
	{name: "rfc9110 Appendix A", dialect: grammar.RFC7230, srcs: extracted("rfc9110.txt", "A"), warnings: 12, notes: 1},
	{name: "rfc9112 Appendix A", dialect: grammar.RFC7230, srcs: extracted("rfc9112.txt", "A"), warnings: 15},
}

// TestRFCGrammars parses and checks the embedded grammar and the ABNF
// extracted from the RFCs in ../shared/rfc: no errors, and exactly the
// warnings and notes the README explains.
func TestRFCGrammars(t *testing.T) {
	for _, rg := range rfcGrammars {
		t.Run(rg.name, func(t *testing.T) {
			g, err := syntax.Parse(rg.srcs(t), syntax.Options{Dialect: rg.dialect})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			list := grammar.Check(g, grammar.CheckOptions{})
			var warnings, notes []string
			for _, e := range list {
				switch e.Severity {
				case grammar.SeverityError:
					t.Errorf("error: %v", e)
				case grammar.SeverityWarning:
					warnings = append(warnings, e.Error())
					if !strings.Contains(e.Msg, "prose-val") {
						t.Errorf("unexplained warning: %v", e)
					}
				case grammar.SeverityNote:
					notes = append(notes, e.Error())
				}
			}
			if len(warnings) != rg.warnings || len(notes) != rg.notes {
				t.Errorf("%d warnings and %d notes, want %d and %d:\n%s", len(warnings), len(notes), rg.warnings, rg.notes, strings.Join(append(warnings, notes...), "\n"))
			}
		})
	}
}

// TestPrintRoundTrip: parse → print → parse gives the same IR, and
// printing is idempotent, on every RFC grammar.
func TestPrintRoundTrip(t *testing.T) {
	for _, rg := range rfcGrammars {
		t.Run(rg.name, func(t *testing.T) {
			g, err := syntax.Parse(rg.srcs(t), syntax.Options{Dialect: rg.dialect})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			var out1, out2 bytes.Buffer
			grammar.Print(&out1, g)
			g2, err := syntax.ParseString("printed.abnf", out1.String(), syntax.Options{Dialect: rg.dialect})
			if err != nil {
				t.Fatalf("printed grammar does not parse: %v", err)
			}
			if ok, diff := grammar.EqualGrammars(g, g2); !ok {
				t.Fatalf("round trip changed the grammar: %s", diff)
			}
			grammar.Print(&out2, g2)
			if out1.String() != out2.String() {
				t.Error("printing is not idempotent")
			}
		})
	}
}

// TestRFC2616Grammar pins facts of the embedded grammar the issue names.
func TestRFC2616Grammar(t *testing.T) {
	g, err := rfc2616.Grammar()
	if err != nil {
		t.Fatal(err)
	}
	if g.Dialect != grammar.RFC2616 {
		t.Errorf("dialect %v", g.Dialect)
	}
	// The Host header (§14.23) and RFC 2396's host are resolved by renaming.
	if r := g.Lookup("Host"); r == nil || r.Name != "Host" {
		t.Error("Host header rule missing")
	}
	if g.Lookup("uri-host") == nil {
		t.Error("RFC 2396 host not renamed to uri-host")
	}
	// RFC 7230's origin-form: Request-URI takes a query.
	if !strings.Contains(grammar.Format(grammar.RFC2616, g.Lookup("Request-URI").Def), `abs_path ["?" query]`) {
		t.Error("Request-URI lacks the query fix")
	}
	for _, name := range []string{"Method", "rfc1123-date", "rfc850-date", "wkday", "weekday", "month"} {
		if r := g.Lookup(name); r == nil || !r.Has(grammar.AnnotCaseSensitive) {
			t.Errorf("%s is not @case-sensitive (§3.3.1, §5.1.1)", name)
		}
	}
	for _, name := range []string{"Request-Line", "Status-Line", "HTTP-date", "Chunked-Body", "qvalue"} {
		if r := g.Lookup(name); r == nil || r.Has(grammar.AnnotLWS) {
			t.Errorf("%s must not have implied LWS", name)
		}
	}
	if _, err := grammar.Lower(g); err != nil {
		t.Errorf("Lower: %v", err)
	}
}
