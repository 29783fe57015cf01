package extract

import (
	"io"
	"strings"
	"testing"
)

// FuzzExtract checks that Extract never panics and that every rule it
// returns starts with its name at column 0 and ends with a newline.
func FuzzExtract(f *testing.F) {
	f.Add([]byte("1 Intro\n\n       foo = \"a\"\n           | \"b\""+pageBreak+"           | \"c\"\n"), "")
	f.Add([]byte("Appendix A.  Collected ABNF\n\nrule = 1*( \"a\" / %x30-39 )\n ; comment\n"), "A")
	f.Add([]byte("1 Rules\r\n\r\n   a = \"x\" ; comment\r\n     / b\r\n   b = %x41-5A"), "*")
	f.Add([]byte("   qdtext = <any TEXT except <\">>\n   x = <\n   y = 1#2z\n   z = %x\n"), "1, B.2")
	f.Add([]byte("\f\f\fRFC 1 x  June 2024\n\t\ta=b\n\t a =/ %b0101.1\n"), "Appendix Z")
	f.Fuzz(func(t *testing.T, text []byte, section string) {
		for _, opts := range []Options{{}, {Section: WholeDocument}, {Section: section}} {
			rules, err := Extract(text, opts)
			if err != nil {
				continue
			}
			for _, r := range rules {
				if r.Name == "" || !strings.HasPrefix(r.Text, r.Name) || !strings.HasSuffix(r.Text, "\n") {
					t.Fatalf("rule %q has text %q", r.Name, r.Text)
				}
				if r.Line < 1 {
					t.Fatalf("rule %q at line %d", r.Name, r.Line)
				}
			}
			if err := Write(io.Discard, "1", rules); err != nil {
				t.Fatal(err)
			}
		}
	})
}
