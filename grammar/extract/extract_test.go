package extract

import (
	"bytes"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
)

// pageBreak is the page furniture between two pages of an RFC: blank
// lines, footer, form feed, header, blank lines.
const pageBreak = `



Doe                          Standards Track                    [Page 3]
` + "\f" + `
RFC 9999                       Test Protocol                   June 2024


`

func TestExtract(t *testing.T) {
	tests := []struct {
		name string
		text string
		opts Options
		want []Rule
	}{
		{
			name: "rule continued over a page break",
			text: "1 Intro\n\n   Prose.\n\n       foo = \"a\"\n           | \"b\"" + pageBreak +
				"           | \"c\"\n       bar = foo\n\n   More prose.\n",
			want: []Rule{
				{Name: "foo", Text: "foo = \"a\"\n    | \"b\"\n    | \"c\"\n", Section: "1", Line: 5},
				{Name: "bar", Text: "bar = foo\n", Section: "1", Line: 16},
			},
		},
		{
			name: "page break ends a rule when the next page starts with prose",
			text: "       foo = \"a\"" + pageBreak + "   Prose about foo = bar.\n       bar = foo\n",
			want: []Rule{
				{Name: "foo", Text: "foo = \"a\"\n", Line: 1},
				{Name: "bar", Text: "bar = foo\n", Line: 11},
			},
		},
		{
			// An audit found "no ABNF rules found" here: the mark is
			// skipped, as in grammar files.
			name: "byte order mark",
			text: "\xef\xbb\xbfr = \"a\"\n",
			want: []Rule{{Name: "r", Text: "r = \"a\"\n", Line: 1}},
		},
		{
			// RFC 2616 §2.1 and §13.2.3.
			name: "prose and pseudo-code with =",
			text: "   name = definition\n" +
				"   The result = value as described below.\n" +
				"      corrected_received_age = max(now - date_value, age_value)\n" +
				"      freshness_lifetime = max_age_value\n" +
				"      q = 0 means not acceptable\n" +
				"       rule = \"x\"\n",
			want: []Rule{{Name: "rule", Text: "rule = \"x\"\n", Line: 6}},
		},
		{
			// RFC 2616 §14.1 and §14.35.1 examples.
			name: "example header lines",
			text: "       Accept: audio/*; q=0.2, audio/basic\n" +
				"       bytes=500-999\n" +
				"       Range = \"Range\" \":\" ranges-specifier\n" +
				"       Accept = \"Accept\" \":\" #( media-range [ accept-params ] )\n",
			want: []Rule{
				{Name: "Range", Text: "Range = \"Range\" \":\" ranges-specifier\n", Line: 3},
				{Name: "Accept", Text: "Accept = \"Accept\" \":\" #( media-range [ accept-params ] )\n", Line: 4},
			},
		},
		{
			name: "CRLF line ends and no final line end",
			text: "1 Rules\r\n\r\n   a = \"x\" ; comment\r\n     / b\r\n   b = %x41-5A",
			want: []Rule{
				{Name: "a", Text: "a = \"x\" ; comment\n  / b\n", Section: "1", Line: 3},
				{Name: "b", Text: "b = %x41-5A\n", Section: "1", Line: 5},
			},
		},
		{
			name: "tabs in the indentation",
			text: "\tfoo = \"a\"\n\t\t| \"b\"\n",
			want: []Rule{{Name: "foo", Text: "foo = \"a\"\n        | \"b\"\n", Line: 1}},
		},
		{
			name: "table of contents and section option",
			text: "Table of Contents\n\n   1   Intro .........  2\n   2   Rules .........  3\n\n" +
				"1 Intro\n\n       a = \"x\"\n\n2 Rules\n\n       b = a\n\n2.1 More\n\n       c = b\n\n3 Other\n\n       d = c\n",
			opts: Options{Section: "2"},
			want: []Rule{
				{Name: "b", Text: "b = a\n", Section: "2", Line: 12},
				{Name: "c", Text: "c = b\n", Section: "2.1", Line: 16},
			},
		},
		{
			name: "prose line starting with a number is no heading",
			text: "1 Intro\n\n2.2.2 of [RFC7232]. A valid entity-tag can be told apart.\n200 responses are fine\n\n   a = \"x\"\n",
			want: []Rule{{Name: "a", Text: "a = \"x\"\n", Section: "1", Line: 6}},
		},
		{
			// RFC 9110 Appendix A: rules and prose at column 0.
			name: "default is the Collected ABNF appendix",
			text: "1.  Intro\n\n   body = 1#item\n   item = \"i\"\n\n" +
				"Appendix A.  Collected ABNF\n\nIn the collected ABNF below, list rules are expanded.\n\n" +
				"body = [ item *( OWS \",\" OWS item\n ) ]\nitem = \"i\"\n\nAppendix B.  Changes\n\nother = \"o\"\n",
			want: []Rule{
				{Name: "body", Text: "body = [ item *( OWS \",\" OWS item\n ) ]\n", Section: "A", Line: 10},
				{Name: "item", Text: "item = \"i\"\n", Section: "A", Line: 12},
			},
		},
		{
			// -section a was refused while A worked (an audit).
			name: "section a is appendix A",
			text: "1.  Intro\n\n   body = 1#item\n\n" +
				"Appendix A.  Collected ABNF\n\nbody = item\n\nA.1.  More\n\nitem = \"i\"\n",
			opts: Options{Section: "a"},
			want: []Rule{
				{Name: "body", Text: "body = item\n", Section: "A", Line: 7},
				{Name: "item", Text: "item = \"i\"\n", Section: "A.1", Line: 11},
			},
		},
		{
			// -section a was refused while A worked (an audit).
			name: "section appendix a is appendix A",
			text: "1.  Intro\n\n   body = 1#item\n\n" +
				"Appendix A.  Collected ABNF\n\nbody = item\n\nA.1.  More\n\nitem = \"i\"\n",
			opts: Options{Section: "appendix a"},
			want: []Rule{
				{Name: "body", Text: "body = item\n", Section: "A", Line: 7},
				{Name: "item", Text: "item = \"i\"\n", Section: "A.1", Line: 11},
			},
		},
		{
			// -section a was refused while A worked (an audit).
			name: "section a.1 is A.1",
			text: "1.  Intro\n\n   body = 1#item\n\n" +
				"Appendix A.  Collected ABNF\n\nbody = item\n\nA.1.  More\n\nitem = \"i\"\n",
			opts: Options{Section: "a.1"},
			want: []Rule{{Name: "item", Text: "item = \"i\"\n", Section: "A.1", Line: 11}},
		},
		{
			name: "RFC 5234 default is §4 and the core rules",
			text: "3.  Operators\n\n         foo = %x61 ; a\n\n4.  ABNF Definition of ABNF\n\n         rule = rulename\n         rulename = ALPHA\n\n" +
				"Appendix A.  Acknowledgements\n\nAppendix B.  Core ABNF of ABNF\n\nB.1.  Core Rules\n\n         ALPHA = %x41-5A / %x61-7A\n",
			want: []Rule{
				{Name: "rule", Text: "rule = rulename\n", Section: "4", Line: 7},
				{Name: "rulename", Text: "rulename = ALPHA\n", Section: "4", Line: 8},
				{Name: "ALPHA", Text: "ALPHA = %x41-5A / %x61-7A\n", Section: "B.1", Line: 16},
			},
		},
		{
			name: "whole document",
			text: "4.  ABNF Definition of ABNF\n\n   a = \"x\"\n\n5.  Other\n\n   b = \"y\"\n",
			opts: Options{Section: WholeDocument},
			want: []Rule{
				{Name: "a", Text: "a = \"x\"\n", Section: "4", Line: 3},
				{Name: "b", Text: "b = \"y\"\n", Section: "5", Line: 7},
			},
		},
		{
			name: "rule defined twice",
			text: "   a = \"x\"  /  \"y\"\n   a = \"x\" / \"y\"\n   a = \"z\"\n   a =/ \"w\"\n",
			want: []Rule{
				{Name: "a", Text: "a = \"x\"  /  \"y\"\n", Line: 1},
				{Name: "a", Text: "a = \"z\"\n", Line: 3},
				{Name: "a", Text: "a =/ \"w\"\n", Line: 4},
			},
		},
		{
			// RFC 2616 §2.2.
			name: "prose over two lines and nested <\">",
			text: "       CTL = <any US-ASCII control character\n                (octets 0 - 31) and DEL (127)>\n" +
				"       qdtext = <any TEXT except <\">>\n       <\"> = <US-ASCII double-quote mark (34)>\n",
			want: []Rule{
				{Name: "CTL", Text: "CTL = <any US-ASCII control character\n         (octets 0 - 31) and DEL (127)>\n", Line: 1},
				{Name: "qdtext", Text: "qdtext = <any TEXT except <\">>\n", Line: 3},
			},
		},
		{
			// RFC 7405 §2.1, as RFC 9110 §5.6.7 and §8.8.3 use it.
			name: "RFC 7405 %s and %i strings",
			text: "  day-name     = %s\"Mon\" / %s\"Tue\"\n               / %i\"wed\"\n" +
				"  GMT          = %S\"GMT\"\n  weak       = %s\"W/\"\n  two = 2%I\"ab\" [ %s\"c\" ]\n",
			want: []Rule{
				{Name: "day-name", Text: "day-name     = %s\"Mon\" / %s\"Tue\"\n             / %i\"wed\"\n", Line: 1},
				{Name: "GMT", Text: "GMT          = %S\"GMT\"\n", Line: 3},
				{Name: "weak", Text: "weak       = %s\"W/\"\n", Line: 4},
				{Name: "two", Text: "two = 2%I\"ab\" [ %s\"c\" ]\n", Line: 5},
			},
		},
		{
			name: "malformed %s and %i strings are no rules",
			text: "  a = %s\"never closed\n  b = %s x\n  c = %i\n  d = %q\"x\"\n  e = \"e\"\n",
			want: []Rule{{Name: "e", Text: "e = \"e\"\n", Line: 5}},
		},
		{
			name: "unclosed prose is no rule",
			text: "   a = <never closed\n   b = \"b\"\n",
			want: []Rule{{Name: "b", Text: "b = \"b\"\n", Line: 2}},
		},
		{
			name: "empty input",
			text: "",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Extract([]byte(tc.text), tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Extract mismatch (-want +got):\n-%s\n+%s", dump(tc.want), dump(got))
			}
		})
	}
}

func dump(rules []Rule) string {
	var b strings.Builder
	for _, r := range rules {
		fmt.Fprintf(&b, "\n  {%q %q §%q line %d}", r.Name, r.Text, r.Section, r.Line)
	}
	return b.String()
}

func TestExtractErrors(t *testing.T) {
	text := []byte("1 Intro\n\n   a = \"x\"\n\nAppendix A.  More\n\n   b = \"y\"\n")
	tests := []struct {
		name    string
		section string
		want    string
	}{
		{"missing section", "2", `extract: no section "2" in the text`},
		{"missing appendix", "Appendix B", `extract: no section "B" in the text`},
		{"one missing of two", "1, 3", `extract: no section "3" in the text`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Extract(text, Options{Section: tc.section})
			if err == nil || err.Error() != tc.want {
				t.Errorf("got error %v, want %s", err, tc.want)
			}
		})
	}
}

func TestWrite(t *testing.T) {
	rules := []Rule{
		{Name: "a", Text: "a = \"x\"\n  / b\n", Section: "3.1", Line: 12},
		{Name: "b", Text: "b = \"y\"\n", Line: 20},
	}
	tests := []struct {
		name string
		rfc  string
		want string
	}{
		{"with RFC number", "2616", "; RFC 2616 §3.1, line 12\na = \"x\"\n  / b\n\n; RFC 2616, line 20\nb = \"y\"\n"},
		{"without RFC number", "", "; §3.1, line 12\na = \"x\"\n  / b\n\n; line 20\nb = \"y\"\n"},
		{"file name", "rfc-x_1.txt", "; RFC rfc-x_1.txt §3.1, line 12\na = \"x\"\n  / b\n\n; RFC rfc-x_1.txt, line 20\nb = \"y\"\n"},
		// abnfc extract names the file when the text names no RFC: a
		// newline in the name ended the comment and made a rule (an
		// audit).
		{"file name with a newline", "evil\nb = %x.txt", "; RFC \"evil\\nb = %x.txt\" §3.1, line 12\na = \"x\"\n  / b\n\n; RFC \"evil\\nb = %x.txt\", line 20\nb = \"y\"\n"},
		{"file name with a space and non-ASCII", "my rfc é.txt", "; RFC \"my rfc \\u00e9.txt\" §3.1, line 12\na = \"x\"\n  / b\n\n; RFC \"my rfc \\u00e9.txt\", line 20\nb = \"y\"\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, tc.rfc, rules); err != nil {
				t.Fatal(err)
			}
			if got := buf.String(); got != tc.want {
				t.Errorf("Write mismatch (-want +got):\n-%q\n+%q", tc.want, got)
			}
		})
	}
}

// TestLargeInput checks that hostile shapes stay fast: a staircase of rule
// starts each indented deeper than the last, and one huge line.
func TestLargeInput(t *testing.T) {
	var b strings.Builder
	for i := range 5000 {
		b.WriteString(strings.Repeat(" ", i%300) + "a = b\n")
	}
	b.WriteString(strings.Repeat(" ", 400) + "!\n")
	b.WriteString("x = " + strings.Repeat("\"y\" ", 1<<18))
	start := time.Now()
	rules, err := Extract([]byte(b.String()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Extract took %v", d)
	}
	if n := len(rules); n == 0 || rules[n-1].Name != "x" {
		t.Errorf("last rule is not x: %d rules", n)
	}
}

// TestExtractBareCR checks that text whose lines end in CR alone (old Mac
// line ends) is an error that says so, not one long line that reads as "no
// ABNF rules found" while the text has rules.
func TestExtractBareCR(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
	}{
		{"CR line ends", "1.  Intro\r\r   a = \"x\"\r   b = a\r", "1:10: a CR not followed by LF: lines must end in LF or CRLF"},
		{"one bare CR", "1.  Intro\n\n   a = \"x\"\r   b = a\r\n", "3:11: a CR not followed by LF: lines must end in LF or CRLF"},
		{"bare CR after a byte order mark", "\xef\xbb\xbf1.  Intro\r x\n", "1:13: a CR not followed by LF: lines must end in LF or CRLF"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rules, err := Extract([]byte(tc.text), Options{})
			if err == nil || err.Error() != tc.want {
				t.Errorf("got %d rules, error %v; want error %q", len(rules), err, tc.want)
			}
		})
	}
	// CRLF and a CR before the line's LF are fine.
	rules, err := Extract([]byte("1.  Intro\r\n\r\n   a = \"x\"\r\r\n"), Options{})
	if err != nil || len(rules) != 1 {
		t.Errorf("CRLF text: %d rules, error %v", len(rules), err)
	}
}

// TestExtractMaxRules: a text of more rules than an RFC has is an error
// at the first past MaxRules, not candidates without end (a 16 MiB file
// of "a = b" lines had taken 890 MB; an audit).
func TestExtractMaxRules(t *testing.T) {
	for _, tc := range []struct {
		name string
		n    int
		err  string
	}{
		{"at the cap", MaxRules, ""},
		{"past the cap", MaxRules + 1, "100001:2: more than 100000 rules (extract.MaxRules): not the text of an RFC"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := bytes.Repeat([]byte(" a = \"b\"\n"), tc.n)
			rules, err := Extract(text, Options{})
			if tc.err == "" {
				if err != nil || len(rules) != 1 {
					t.Fatalf("Extract: %d rules, %v; want the one rule, once", len(rules), err)
				}
				return
			}
			if err == nil || err.Error() != tc.err {
				t.Fatalf("Extract: %v, want %q", err, tc.err)
			}
		})
	}
}

// TestExtractMemory checks that Extract's memory is a small multiple of
// its input: splitLines kept a string and five words a line, so 16 MiB of
// empty lines (under abnfc extract's own input limit) took 2.6 GB (an
// audit). Counted as the bytes allocated for 1 MiB of input.
func TestExtractMemory(t *testing.T) {
	const size = 1 << 20
	tests := []struct {
		name string
		text []byte
		max  int // bytes allocated, as a multiple of size
	}{
		{"empty lines", bytes.Repeat([]byte("\n"), size), 4},
		{"blank CRLF lines", bytes.Repeat([]byte(" \r\n"), size/3), 4},
		{"one-letter lines", bytes.Repeat([]byte("x\n"), size/2), 16},
		{"letters and empty lines", bytes.Repeat([]byte("x\n\n"), size/3), 16},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			rules, err := Extract(tt.text, Options{})
			runtime.ReadMemStats(&after)
			if err != nil || len(rules) != 0 {
				t.Fatalf("Extract: %d rules, %v", len(rules), err)
			}
			if got := after.TotalAlloc - before.TotalAlloc; got > uint64(tt.max*size) {
				t.Errorf("Extract of %d bytes allocated %d bytes, over %d times the input", len(tt.text), got, tt.max)
			}
		})
	}
}
