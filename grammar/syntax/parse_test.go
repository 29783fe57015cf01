package syntax_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/abnfc/abnfc/grammar"
	"github.com/abnfc/abnfc/grammar/syntax"
)

// TestDialectFeatures parses one rule per case and compares the rule's
// definition, printed canonically in the rfc5234 notation, so that every
// notation is pinned to its meaning in the IR.
func TestDialectFeatures(t *testing.T) {
	tests := []struct {
		name    string
		dialect grammar.Dialect
		src     string
		want    string // canonical rfc5234 form of rule r
	}{
		// RFC 5234 §3.1–§3.9 and §4.
		{"concatenation", grammar.RFC5234, `r = "a" SP "b"`, `"a" SP "b"`},
		{"alternation", grammar.RFC5234, `r = "a" / "b" / "c"`, `"a" / "b" / "c"`},
		{"nested alternation keeps its group", grammar.RFC5234, `r = "a" / ("b" / "c")`, `"a" / ("b" / "c")`},
		{"incremental alternative", grammar.RFC5234, "r = \"a\"\nr =/ \"b\" / \"c\"", `"a" / "b" / "c"`},
		{"variable repetition", grammar.RFC5234, `r = 1*2DIGIT *ALPHA 3*SP *4HTAB`, `1*2DIGIT *ALPHA 3*SP *4HTAB`},
		{"specific repetition", grammar.RFC5234, `r = 2DIGIT`, `2DIGIT`},
		{"optional is 0*1", grammar.RFC5234, `r = [ "a" "b" ] 0*1"c"`, `["a" "b"] ["c"]`},
		{"group", grammar.RFC5234, `r = ( "a" "b" ) "c"`, `("a" "b") "c"`},
		{"hex num-val", grammar.RFC5234, `r = %x41`, `%s"A"`},
		{"hex range", grammar.RFC5234, `r = %x41-5a`, `%x41-5A`},
		{"concatenated num-val", grammar.RFC5234, `r = %x0D.0A`, `%x0D.0A`},
		{"decimal num-val", grammar.RFC5234, `r = %d13.10 %d48-57`, `%x0D.0A %x30-39`},
		{"binary num-val", grammar.RFC5234, `r = %b1000001`, `%s"A"`},
		{"quoted string is case-insensitive", grammar.RFC5234, `r = "GET"`, `"GET"`},
		{"no escapes: one backslash", grammar.RFC5234, `r = "\"`, `"\"`},
		{"RFC 7405 case-sensitive", grammar.RFC5234, `r = %s"GET"`, `%s"GET"`},
		{"RFC 7405 explicit insensitive", grammar.RFC5234, `r = %i"GET"`, `%i"GET"`},
		{"no letters, no case", grammar.RFC5234, `r = %s"/" "/"`, `"/" "/"`},
		{"prose-val", grammar.RFC5234, `r = <any words>`, `<any words>`},
		{"empty string", grammar.RFC5234, `r = ""`, `""`},
		{"comment and continuation", grammar.RFC5234, "r = \"a\" ; first\n    / \"b\" ; second\n", `"a" / "b"`},
		{"CRLF line ends", grammar.RFC5234, "r = \"a\"\r\n    \"b\"\r\nq = r\r\n", `"a" "b"`},
		{"indented rules as pasted from RFC text", grammar.RFC5234, "   r = \"a\"\n        \"b\"\n   q = r\n", `"a" "b"`},
		{"rule names are case-insensitive", grammar.RFC5234, "r = Q\nq = \"x\"", `Q`},
		// RFC 7230 §7.
		{"7230 list", grammar.RFC7230, `r = #"a" 1#"b" 1#2"c"`, `#"a" 1#"b" 1#2"c"`},
		// RFC 2616 §2.1 and §2.2.
		{"2616 bar alternation", grammar.RFC2616, `r = "a" | "b"`, `"a" / "b"`},
		{"2616 quote", grammar.RFC2616, `r = <"> *qdtext <">`, `%x22 *qdtext %x22`},
		{"2616 list", grammar.RFC2616, `r = #token 1#token 2#5token`, `#token 1#token 2#5token`},
		{"2616 underscore names", grammar.RFC2616, "r = abs_path\nabs_path = \"/\"", `abs_path`},
		{"2616 multi-line prose", grammar.RFC2616, "r = <any OCTET except CTLs,\n        but including LWS>", "<any OCTET except CTLs,\n        but including LWS>"},
		{"2616 nested prose", grammar.RFC2616, `r = <any TEXT except <">>`, `<any TEXT except <">>`},
		{"2616 num-val extension", grammar.RFC2616, `r = %x41-5A %s"GET"`, `%x41-5A %s"GET"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := syntax.ParseString("test.abnf", tt.src, syntax.Options{Dialect: tt.dialect})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			r := g.Lookup("r")
			if r == nil {
				t.Fatal("no rule r")
			}
			if got := grammar.Format(grammar.RFC5234, r.Def); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestPositions(t *testing.T) {
	src := "; comment\r\na = b\r\n    / \"c\"\r\nb = %x41\r\n"
	g, err := syntax.ParseString("p.abnf", src, syntax.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := g.Lookup("a")
	if got, want := a.Pos.String(), "p.abnf:2:1"; got != want {
		t.Errorf("rule a at %s, want %s", got, want)
	}
	alts := a.Def.(*grammar.Alt).Alts
	if got, want := alts[0].Pos().String(), "p.abnf:2:5"; got != want {
		t.Errorf("b at %s, want %s", got, want)
	}
	if got, want := alts[1].Pos().String(), "p.abnf:3:7"; got != want {
		t.Errorf(`"c" at %s, want %s`, got, want)
	}
	if got, want := g.Lookup("B").Def.Pos().Offset, strings.Index(src, "%x41"); got != want {
		t.Errorf("offset %d, want %d", got, want)
	}
}

func TestAnnotations(t *testing.T) {
	src := `; A doc comment.
; @root
; @limit 8190
a = b ; @lws
    c ; @case-sensitive

b = "x"
; @root
c = "y" ; plain comment
; @limit	8
;	@spans	x, y	
d = "z" ; @capture
`
	g, err := syntax.ParseString("a.abnf", src, syntax.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range g.UserRules() {
		var names []string
		for _, a := range r.Annotations {
			names = append(names, strings.TrimSpace(a.Name+" "+a.Args))
		}
		got[r.Name] = strings.Join(names, ",")
	}
	// A tab separates an annotation's name from its arguments as a
	// space does.
	want := map[string]string{"a": "root,limit 8190,lws,case-sensitive", "b": "", "c": "root", "d": "limit 8,spans x, y,capture"}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("rule %s: annotations %q, want %q", k, got[k], w)
		}
	}
}

// TestAnnotationLines: an annotation on any line of a rule attaches to
// it, with its own position, and the next rule keeps its position. A
// prose-val of the RFC 2616 dialect may wrap over lines (§2.2: "<any
// OCTET except CTLs, but including LWS>" is written over two): the rule
// then ends on the line where the prose-val ends, not where it starts.
func TestAnnotationLines(t *testing.T) {
	tests := []struct {
		name    string
		dialect grammar.Dialect
		src     string
		// want lists rule r's annotations as name@line:col.
		want string
		// next is the position of rule q, after r.
		next string
	}{
		{name: "single-line rule", dialect: grammar.RFC2616,
			src: "r = <a prose> ; @capture\nq = \"x\"\n", want: "capture@1:15", next: "2:1"},
		{name: "2616 annotation on the last line of a multi-line prose-val", dialect: grammar.RFC2616,
			src: "r = <any OCTET except CTLs,\n        but including LWS> ; @capture\nq = \"x\"\n", want: "capture@2:28", next: "3:1"},
		{name: "2616 annotations on the first and last line of a multi-line prose-val", dialect: grammar.RFC2616,
			src: "r = \"a\" ; @root\n    <some\n     words\n     more> ; @limit 8\nq = \"x\"\n", want: "root@1:9,limit 8@4:12", next: "5:1"},
		{name: "2616 multi-line prose-val, annotation above", dialect: grammar.RFC2616,
			src: "; @capture\nr = <a\n     b>\n; @root\nq = \"x\"\n", want: "capture@1:1", next: "5:1"},
		{name: "2616 multi-line prose-val then an annotation of the next rule", dialect: grammar.RFC2616,
			src: "r = <a\n     b>\nq = \"x\" ; @capture\n", want: "", next: "3:1"},
		{name: "5234 continuation line", dialect: grammar.RFC5234,
			src: "r = \"a\"\n    \"b\" ; @capture\nq = \"x\"\n", want: "capture@2:9", next: "3:1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := syntax.ParseString("test.abnf", tt.src, syntax.Options{Dialect: tt.dialect})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			var got []string
			for _, a := range g.Lookup("r").Annotations {
				got = append(got, fmt.Sprintf("%s@%d:%d", strings.TrimSpace(a.Name+" "+a.Args), a.Pos.Line, a.Pos.Col))
			}
			if g := strings.Join(got, ","); g != tt.want {
				t.Errorf("rule r: annotations %q, want %q", g, tt.want)
			}
			if q := g.Lookup("q"); q == nil || fmt.Sprintf("%d:%d", q.Pos.Line, q.Pos.Col) != tt.next {
				t.Errorf("rule q at %v, want line:col %s", q.Pos, tt.next)
			}
		})
	}
}

func TestPrelude(t *testing.T) {
	for _, d := range grammar.Dialects {
		t.Run(d.String(), func(t *testing.T) {
			g, err := syntax.ParseString("empty.abnf", "", syntax.Options{Dialect: d})
			if err != nil {
				t.Fatal(err)
			}
			want := []string{"ALPHA", "DIGIT", "CRLF", "OCTET", "SP"}
			if d == grammar.RFC2616 {
				want = append(want, "token", "quoted-string", "comment", "LWS", "TEXT", "HEX", "separators", "HT", "UPALPHA", "LOALPHA", "CHAR", "CTL", "CR", "LF", "ctext", "qdtext", "quoted-pair")
			} else {
				want = append(want, "HEXDIG", "DQUOTE", "WSP", "VCHAR", "LWSP", "HTAB", "BIT")
			}
			for _, n := range want {
				r := g.Lookup(n)
				if r == nil || !r.Builtin {
					t.Errorf("no built-in rule %s", n)
				}
			}
			if errs := grammar.Check(g, grammar.CheckOptions{}); errs.HasErrors() {
				t.Errorf("prelude does not check: %v", errs)
			}
		})
	}
	// RFC 2616 §2.2: CHAR includes NUL; RFC 5234's CHAR does not.
	g2616, _ := syntax.ParseString("", "", syntax.Options{Dialect: grammar.RFC2616})
	g5234, _ := syntax.ParseString("", "", syntax.Options{Dialect: grammar.RFC5234})
	if got := grammar.Format(grammar.RFC5234, g2616.Lookup("CHAR").Def); got != "%x00-7F" {
		t.Errorf("RFC 2616 CHAR = %s", got)
	}
	if got := grammar.Format(grammar.RFC5234, g5234.Lookup("CHAR").Def); got != "%x01-7F" {
		t.Errorf("RFC 5234 CHAR = %s", got)
	}
}

func TestRedefiningBuiltinIsANote(t *testing.T) {
	g, err := syntax.ParseString("r.abnf", `DIGIT = %x30-37`, syntax.Options{})
	if err != nil {
		t.Fatalf("a note must not fail the parse: %v", err)
	}
	if got := grammar.Format(grammar.RFC5234, g.Lookup("DIGIT").Def); got != "%x30-37" {
		t.Errorf("DIGIT = %s, want the user's definition", got)
	}
}

// TestImportsAcrossDocuments: RFC 9112's collected ABNF (Appendix A)
// writes the rules it takes from RFC 9110 as prose-vals citing it, and
// both define some rules alike. Read together, an import yields to the
// definition in either order and equal definitions in two files agree;
// in one file, or with different definitions, a repeat is still an error.
func TestImportsAcrossDocuments(t *testing.T) {
	const http = "token = 1*tchar\ntchar = ALPHA / DIGIT / \"!\"\nmethod = token\n"
	const h1 = "request-line = method SP token\nmethod = token\ntoken = <token, see [HTTP], Section 5.6.2>\n"
	for _, tc := range []struct {
		name string
		srcs []syntax.Source
		err  string // "" when the sources read cleanly
	}{
		{"import after definition", []syntax.Source{{Name: "http.abnf", Text: []byte(http)}, {Name: "h1.abnf", Text: []byte(h1)}}, ""},
		{"import before definition", []syntax.Source{{Name: "h1.abnf", Text: []byte(h1)}, {Name: "http.abnf", Text: []byte(http)}}, ""},
		{"import and definition in one file", []syntax.Source{{Name: "a.abnf", Text: []byte("a = <a, see [B]>\na = \"x\"\n")}}, "a.abnf:2:1: duplicate definition of rule a"},
		{"import of a core rule", []syntax.Source{{Name: "http.abnf", Text: []byte(http)}, {Name: "h1.abnf", Text: []byte(h1 + "DIGIT = <DIGIT, see [RFC5234], Appendix B.1>\n")}}, ""},
		{"equal definitions in one file", []syntax.Source{{Name: "a.abnf", Text: []byte("a = \"x\"\na = \"x\"\n")}}, "a.abnf:2:1: duplicate definition of rule a"},
		{"different definitions", []syntax.Source{{Name: "a.abnf", Text: []byte("a = \"x\"\n")}, {Name: "b.abnf", Text: []byte("a = \"y\"\n")}}, "b.abnf:1:1: duplicate definition of rule a"},
		{"prose that cites nothing", []syntax.Source{{Name: "a.abnf", Text: []byte("a = \"x\"\n")}, {Name: "b.abnf", Text: []byte("a = <a, as above>\n")}}, "b.abnf:1:1: duplicate definition of rule a"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, err := syntax.Parse(tc.srcs, syntax.Options{})
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, name := range []string{"token", "method"} {
				if got := grammar.Format(grammar.RFC5234, g.Lookup(name).Def); got != map[string]string{"token": "1*tchar", "method": "token"}[name] {
					t.Errorf("%s = %s", name, got)
				}
			}
			if d := g.Lookup("DIGIT"); !d.Builtin {
				t.Errorf("DIGIT = %s, not the built-in rule", grammar.Format(grammar.RFC5234, d.Def))
			}
			if got := g.Lookup("token").Pos.File; got != "http.abnf" {
				t.Errorf("token defined in %s, want http.abnf", got)
			}
		})
	}
}

// TestImportInAnotherCase: rule names are case-insensitive, and RFC 9110
// imports RFC 5646's Language-Tag as language-tag = <Language-Tag, see
// [RFC5646], Section 2.1>. The import yields to the definition, in either
// order, and the rule keeps the name first written.
func TestImportInAnotherCase(t *testing.T) {
	http := syntax.Source{Name: "http.abnf", Text: []byte("lang = language-tag\nlanguage-tag = <Language-Tag, see [RFC5646], Section 2.1>\n")}
	tag := syntax.Source{Name: "tag.abnf", Text: []byte("Language-Tag = 2*3ALPHA\n")}
	for _, srcs := range [][]syntax.Source{{http, tag}, {tag, http}} {
		g, err := syntax.Parse(srcs, syntax.Options{})
		if err != nil {
			t.Fatalf("%s then %s: %v", srcs[0].Name, srcs[1].Name, err)
		}
		r := g.Lookup("language-tag")
		if got := grammar.Format(grammar.RFC5234, r.Def); got != "2*3ALPHA" || r.Pos.File != "tag.abnf" || r.Name != map[string]string{"http.abnf": "language-tag", "tag.abnf": "Language-Tag"}[srcs[0].Name] {
			t.Errorf("%s then %s: %s = %s from %s", srcs[0].Name, srcs[1].Name, r.Name, got, r.Pos.File)
		}
	}
}

// TestRFC9110With9112 reads the collected ABNF of RFC 9110 and RFC 9112
// (extract's golden files) together: 9112's imports of 9110's rules
// resolve to 9110's definitions, and the two read cleanly.
func TestRFC9110With9112(t *testing.T) {
	var srcs []syntax.Source
	for _, f := range []string{"rfc9112-A.abnf", "rfc9110-A.abnf"} {
		text, err := syntax.ReadSource("../extract/testdata/" + f)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, syntax.Source{Name: f, Text: text})
	}
	g, err := syntax.Parse(srcs, syntax.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if errs := grammar.Check(g, grammar.CheckOptions{}).Errors(); len(errs) > 0 {
		t.Fatal(errs)
	}
	for name, want := range map[string]string{"token": "1*tchar", "field-name": "token", "method": "token"} {
		if got := grammar.Format(grammar.RFC5234, g.Lookup(name).Def); got != want {
			t.Errorf("%s = %s, want %s", name, got, want)
		}
	}
}

// TestIncrementalAcrossSources: RFC 5234 §3.3's incremental alternatives
// serve rulesets assembled from several specifications, so "=/" in one
// source extends a rule defined with "=" in any other source of the
// grammar, whatever their order (a directory is read in name order, and
// ext.abnf came before main.abnf). Within one source "=/" follows the
// rule's "=". An "=/" of a rule no source defines is an error at it.
func TestIncrementalAcrossSources(t *testing.T) {
	src := func(name, text string) syntax.Source { return syntax.Source{Name: name, Text: []byte(text)} }
	main := src("main.abnf", "request = method\nmethod = \"GET\"\n")
	ext := src("ext.abnf", "method =/ \"BREW\"\n")
	ext2 := src("ext2.abnf", "method =/ \"WHEN\"\nMETHOD =/ \"PROPFIND\"\n")
	tests := []struct {
		name string
		srcs []syntax.Source
		want string // the definition of rule method
		err  string // the error, or ""
	}{
		{name: "definition first", srcs: []syntax.Source{main, ext}, want: `"GET" / "BREW"`},
		{name: "extension first", srcs: []syntax.Source{ext, main}, want: `"GET" / "BREW"`},
		{name: "definition between", srcs: []syntax.Source{ext, main, ext2}, want: `"GET" / "BREW" / "WHEN" / "PROPFIND"`},
		{name: "definition last", srcs: []syntax.Source{ext2, ext, main}, want: `"GET" / "WHEN" / "PROPFIND" / "BREW"`},
		{name: "one source", srcs: []syntax.Source{src("a.abnf", "method = \"GET\"\nmethod =/ \"BREW\"\n")}, want: `"GET" / "BREW"`},
		// An import yields to the definition it cites; an extension
		// written next to the import extends that definition.
		{name: "extension of an import", srcs: []syntax.Source{src("h1.abnf", "method = <method, see [HTTP]>\nmethod =/ \"BREW\"\n"), src("http.abnf", "method = \"GET\"\n")},
			want: `"GET" / "BREW"`},
		{name: "built-in rule defined in another source", srcs: []syntax.Source{src("a.abnf", "method = DIGIT\nDIGIT =/ \"x\"\n"), src("b.abnf", "DIGIT = %x30-39\n")}, want: "DIGIT"},
		{name: "defined nowhere", srcs: []syntax.Source{ext}, err: "ext.abnf:1:1: method =/ extends rule method, which no source defines with ="},
		{name: "defined nowhere, second source", srcs: []syntax.Source{src("a.abnf", "a = \"x\"\n"), src("b.abnf", "a =/ \"y\"\n\nmethod =/ \"BREW\"\n")},
			err: "b.abnf:3:1: method =/ extends rule method, which no source defines with ="},
		{name: "built-in rule defined nowhere", srcs: []syntax.Source{src("a.abnf", "method = DIGIT\n"), src("b.abnf", "DIGIT =/ \"x\"\n")},
			err: "b.abnf:1:1: DIGIT =/ extends built-in rule DIGIT, which the grammar does not define: define it with = first"},
		{name: "one source, extension before definition", srcs: []syntax.Source{src("a.abnf", "method =/ \"BREW\"\nmethod = \"GET\"\n")},
			err: "a.abnf:1:1: method =/ comes before method's definition at a.abnf:2:1: within one source, =/ follows the rule's ="},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := syntax.Parse(tt.srcs, syntax.Options{})
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("err = %v, want %s", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := grammar.Format(grammar.RFC5234, g.Lookup("method").Def); got != tt.want {
				t.Errorf("method = %s, want %s", got, tt.want)
			}
		})
	}
}
