package syntax_test

import (
	"strings"
	"testing"

	"github.com/abnfc/abnfc/grammar"
	"github.com/abnfc/abnfc/grammar/syntax"
)

// TestMessages pins syntax error messages and positions: no names of the
// parser's internals, errors where the mistake is, odd bytes as \xNN, and
// RFC 5234 §4's "repetition = [repeat] element" read strictly (no white
// space between a repeat and its element).
func TestMessages(t *testing.T) {
	tests := []struct {
		name    string
		dialect grammar.Dialect // RFC5234 unless set
		src     string
		want    string // the only diagnostic, or "" for none
	}{
		{name: "unclosed group", src: "a = ( \"x\"\nb = \"y\"\n",
			want: `t.abnf:1:5: "(" is not closed: missing ")" before the end of the rule`},
		{name: "unclosed option", src: "a = \"w\" [ \"x\"\n",
			want: `t.abnf:1:9: "[" is not closed: missing "]" before the end of the rule`},
		{name: "mismatched close", src: "a = ( \"x\" ]\n",
			want: `t.abnf:1:5: "(" is not closed: missing ")" before the end of the rule`},
		{name: "closed over lines", src: "a = ( \"x\"\n    / \"y\" )\n"},
		{name: "empty rule", src: "a =\nb = \"y\"\n",
			want: `t.abnf:1:4: syntax error: unexpected end of rule (expected an element)`},
		// participle's token names do not leak (an audit found
		// "(expected <rbrack>)").
		{name: "option closed by a paren", src: "a = [ \"x\" \"y\" ) ]\n",
			want: `t.abnf:1:15: syntax error: unexpected token ")" (expected "]")`},
		// At the token where the mistake is, not where the group that
		// holds it starts (participle's lookahead of 2 reported these
		// at the "(" or the first "/").
		{name: "group broken by a bracket", src: "a = \"a\" ( \"b\" / \"c\" / ] )\n",
			want: `t.abnf:1:23: syntax error: unexpected token "]" (expected an element)`},
		{name: "empty alternative in a group", src: "a = \"a\" ( \"b\" / )\n",
			want: `t.abnf:1:17: syntax error: unexpected token ")" (expected an element)`},
		{name: "empty alternative in an option", src: "a = \"a\" [ \"b\" / ]\n",
			want: `t.abnf:1:17: syntax error: unexpected token "]" (expected an element)`},
		{name: "empty alternative in a nested group", src: "a = ( \"a\" ( \"b\" / ) )\n",
			want: `t.abnf:1:19: syntax error: unexpected token ")" (expected an element)`},
		{name: "two slashes", src: "a = \"a\" / / \"b\"\n",
			want: `t.abnf:1:11: syntax error: unexpected token "/" (expected an element)`},
		{name: "slash at the end", src: "a = \"a\" /\n",
			want: `t.abnf:1:10: syntax error: unexpected end of rule (expected an element)`},
		{name: "group opened by a slash", src: "a = ( / \"a\" )\n",
			want: `t.abnf:1:7: syntax error: unexpected token "/" (expected an element)`},
		{name: "empty group", src: "a = ()\n",
			want: `t.abnf:1:6: syntax error: unexpected token ")" (expected an element)`},
		{name: "no defined-as", src: "a \"x\"\n",
			want: `t.abnf:1:3: syntax error: unexpected token "\"x\"" (expected "=" or "=/")`},
		{name: "no defined-as before a name", src: "a b\n",
			want: `t.abnf:1:3: syntax error: unexpected token "b" (expected "=" or "=/")`},
		{name: "byte order mark", src: "\xef\xbb\xbfa = \"x\"\nb = $\n", want: `t.abnf:2:5: unexpected character "$"`},
		{name: "byte order mark then error", src: "\xef\xbb\xbfa = $\n", want: `t.abnf:1:5: unexpected character "$"`},
		{name: "CR line ends", src: "a = \"x\"\rb = \"y\"\r", want: `t.abnf:1:8: a CR not followed by LF: lines end with CRLF or LF (RFC 5234 §4), not CR alone`},
		{name: "CRLF line ends", src: "a = \"x\"\r\nb = \"y\"\r\n"},
		// A comment runs to the line's end: with CR line ends it must
		// not take the rest of the file as comment text.
		{name: "CR line ends after a comment", src: "; rules\ra = \"x\"\r", want: `t.abnf:1:8: a CR not followed by LF: lines end with CRLF or LF (RFC 5234 §4), not CR alone`},
		{name: "CR line ends in a rule's comment", src: "a = \"x\" ; x\rb = \"y\"\r", want: `t.abnf:1:12: a CR not followed by LF: lines end with CRLF or LF (RFC 5234 §4), not CR alone`},
		{name: "CRLF after a comment", src: "; rules\r\na = \"x\"\r\n"},
		{name: "byte 0xFF", src: "a = \xff\n", want: `t.abnf:1:5: unexpected character "\xff"`},
		{name: "control byte", src: "a = \x01\n", want: `t.abnf:1:5: unexpected character "\x01"`},
		{name: "printable", src: "a = $\n", want: `t.abnf:1:5: unexpected character "$"`},
		{name: "space after count", src: "a = 3 \"x\"\n",
			want: `t.abnf:1:6: repetition 3 must be followed directly by its element, without white space (RFC 5234 §4: repetition = [repeat] element)`},
		{name: "space after star", src: "a = * \"x\"\n",
			want: `t.abnf:1:6: repetition * must be followed directly by its element, without white space (RFC 5234 §4: repetition = [repeat] element)`},
		{name: "repeat at end of line", src: "a = \"y\" 1*2\n    \"x\"\n",
			want: `t.abnf:1:12: repetition 1*2 must be followed directly by its element, without white space (RFC 5234 §4: repetition = [repeat] element)`},
		{name: "repeat at end of input", src: "a = *",
			want: `t.abnf:1:6: repetition * must be followed directly by its element, without white space (RFC 5234 §4: repetition = [repeat] element)`},
		{name: "repeat before a group", src: "a = 2*3( \"x\" ) *\"y\" 2DIGIT\n"},
		{name: "bad percent, one error", src: "f = %q41\n", want: `t.abnf:1:5: '%' must be followed by x, d, b, s or i`},
		// The skip after a bad '%' stopped at nothing: it stepped over
		// the LF uncounted, and later errors were a line early.
		{name: "bad percent at the end of a line", src: "a = %\nb = \"x\" %q\n",
			want: "t.abnf:1:5: '%' must be followed by x, d, b, s or i\nt.abnf:2:9: '%' must be followed by x, d, b, s or i"},
		// A num-val past 64 bits was "malformed" (strconv's range
		// error), without the rule; an empty range echoed its digits
		// whole.
		{name: "num-val past 64 bits", src: "r = \"a\" %d99999999999999999999 \"b\"\n",
			want: `t.abnf:1:9: num-val "%d99999999999999999999" in rule r is above 0xFF: abnfc grammars describe bytes`},
		{name: "num-val past 64 bits, excerpt", src: "r = %d1.999999999999999999999999999999999999\n",
			want: `t.abnf:1:5: num-val "%d1.99999999999999999999"... in rule r is above 0xFF: abnfc grammars describe bytes`},
		{name: "num-val range past 64 bits", src: "r = %x41-FFFFFFFFFFFFFFFFFFFFFFFFFF\n",
			want: `t.abnf:1:5: num-val "%x41-FFFFFFFFFFFFFFFFFFF"... in rule r is above 0xFF: abnfc grammars describe bytes`},
		{name: "num-val above a byte", src: "r = \"a\"\ns = r %b100000000\n",
			want: `t.abnf:2:7: num-val "%b100000000" in rule s is above 0xFF: abnfc grammars describe bytes`},
		{name: "num-val empty range, excerpt", src: "r = %d0000000000000000000000000066-65\n",
			want: `t.abnf:1:5: num-val range "%d0000000000000000000000"... in rule r is empty: 0x42 > 0x41`},
		{name: "num-val malformed", src: "r = %d1-2.3\n",
			want: `t.abnf:1:5: malformed num-val "%d1-2.3" in rule r`},
		// participle quotes the unexpected token whole: a string or
		// prose-val can be as long as the source.
		{name: "long unexpected token, excerpt", src: "a \"" + strings.Repeat("x", 100000) + "\"\n",
			want: `t.abnf:1:3: syntax error: unexpected token "\"xxxxxxxxxxxxxxxxxxxxxxx"... (expected "=" or "=/")`},
		// RFC 5234 §4: prose-val = "<" *(%x20-3D / %x3F-7E) ">". A byte
		// outside it was read into the grammar, and abnfc gen then wrote
		// it into a generated comment ("illegal UTF-8 encoding").
		{name: "prose-val byte 0xFF", src: "a = \"x\" 0<a\xffb>\n",
			want: `t.abnf:1:12: prose-val "<a\xffb>" in rule a holds byte 0xff: RFC 5234 §4 allows only %x20-3D / %x3F-7E between "<" and ">"`},
		{name: "prose-val NUL", src: "a = <x\x00>\n",
			want: `t.abnf:1:7: prose-val "<x\x00>" in rule a holds byte 0x00: RFC 5234 §4 allows only %x20-3D / %x3F-7E between "<" and ">"`},
		{name: "prose-val control byte", src: "a = <\x01>\n",
			want: `t.abnf:1:6: prose-val "<\x01>" in rule a holds byte 0x01: RFC 5234 §4 allows only %x20-3D / %x3F-7E between "<" and ">"`},
		{name: "prose-val byte order mark", src: "a = <x\xef\xbb\xbfy>\n",
			want: `t.abnf:1:7: prose-val "<x\ufeffy>" in rule a holds byte 0xef: RFC 5234 §4 allows only %x20-3D / %x3F-7E between "<" and ">"`},
		{name: "prose-val bare CR", src: "a = <x\ry>\n",
			want: `t.abnf:1:7: prose-val "<x\ry>" in rule a holds byte 0x0d: RFC 5234 §4 allows only %x20-3D / %x3F-7E between "<" and ">"`},
		{name: "prose-val tab", src: "a = <x\ty>\n",
			want: `t.abnf:1:7: prose-val "<x\ty>" in rule a holds byte 0x09: RFC 5234 §4 allows only %x20-3D / %x3F-7E between "<" and ">"`},
		{name: "prose-val U+202E", src: "a = <x\u202ey>\n",
			want: `t.abnf:1:7: prose-val "<x\u202ey>" in rule a holds byte 0xe2: RFC 5234 §4 allows only %x20-3D / %x3F-7E between "<" and ">"`},
		{name: "prose-val long, excerpt", src: "a = <" + strings.Repeat("x", 40) + "\xff>\n",
			want: `t.abnf:1:46: prose-val "<xxxxxxxxxxxxxxxxxxxxxxx"... in rule a holds byte 0xff: RFC 5234 §4 allows only %x20-3D / %x3F-7E between "<" and ">"`},
		{name: "prose-val bad byte, not terminated", src: "a = <x\xff\n",
			want: "t.abnf:1:5: prose-val not terminated: missing '>'\n" +
				`t.abnf:1:7: prose-val "<x\xff" in rule a holds byte 0xff: RFC 5234 §4 allows only %x20-3D / %x3F-7E between "<" and ">"`},
		{name: "prose-val CRLF, not terminated", src: "a = <x\r\nb = \"y\"\r\n",
			want: `t.abnf:1:5: prose-val not terminated: missing '>'`},
		{name: "prose-val printable", src: "a = <x < ~ y>\n"},
		{name: "prose-val RFC 7230", dialect: grammar.RFC7230, src: "a = <x\x7fy>\n",
			want: `t.abnf:1:7: prose-val "<x\x7fy>" in rule a holds byte 0x7f: RFC 5234 §4 allows only %x20-3D / %x3F-7E between "<" and ">"`},
		// RFC 2616 wraps prose over lines (TEXT, §2.2, with its LWS): a
		// line break and HT are allowed there, no other control or
		// 8-bit byte.
		{name: "prose-val RFC 2616 wrapped", dialect: grammar.RFC2616, src: "a = <x\r\n\t y>\nb = <x\n y>\n"},
		{name: "prose-val RFC 2616 byte 0xFF", dialect: grammar.RFC2616, src: "a = <x\n y\xff>\n",
			want: `t.abnf:2:3: prose-val "<x\n y\xff>" in rule a holds byte 0xff: RFC 2616 prose is printable US-ASCII, HT and line breaks`},
		{name: "prose-val RFC 2616 bare CR", dialect: grammar.RFC2616, src: "a = <x\ry>\n",
			want: `t.abnf:1:7: prose-val "<x\ry>" in rule a holds byte 0x0d: RFC 2616 prose is printable US-ASCII, HT and line breaks`},
		{name: "repetition count too large", src: "r = 99999999999999999999999*\"x\"\n",
			want: `t.abnf:1:5: repetition count "999999999999"... in rule r is larger than 65536`},
		// An annotation named "" was kept and read by no one (an audit).
		{name: "annotation with no name", src: "; @ root\na = \"x\"\n",
			want: `t.abnf:1:1: annotation with no name: white space follows "@" (@root, not @ root?)`},
		{name: "annotation with no name on the rule's line", src: "a = \"x\" ; @\tlws\n",
			want: `t.abnf:1:9: annotation with no name: white space follows "@" (@lws, not @ lws?)`},
		{name: "annotation with no name and an odd word", src: "; @ r\x01\na = \"x\"\n",
			want: `t.abnf:1:1: annotation with no name: white space follows "@"`},
		{name: "a lone @ is a comment", src: "; @\na = \"x\"\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parseError(tt.src, tt.dialect)
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// parseError returns the error of parsing src (as t.abnf, in dialect d)
// as text, or "".
func parseError(src string, d grammar.Dialect) string {
	if _, err := syntax.ParseString("t.abnf", src, syntax.Options{Dialect: d}); err != nil {
		return err.Error()
	}
	return ""
}

// TestLexerStopSaysSo checks that lexing, which stops after 10 errors,
// says that the rest of the grammar goes unread: the list looked complete
// (an audit).
func TestLexerStopSaysSo(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string // the last diagnostic, or "" for none past the errors
		n    int    // diagnostics
	}{
		{"20 bad lines", strings.Repeat("a = \"x\" !\n", 20), "t.abnf:10:10: 10 errors: the rest of the grammar, from here, is not read", 11},
		{"10 bad lines, nothing after", strings.Repeat("a = \"x\" !\n", 9) + "a = \"x\" !", "", 10},
		{"9 bad lines", strings.Repeat("a = \"x\" !\n", 9), "", 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := syntax.ParseString("t.abnf", tt.src, syntax.Options{})
			list, _ := err.(grammar.ErrorList)
			if len(list) != tt.n {
				t.Fatalf("%d diagnostics, want %d:\n%v", len(list), tt.n, err)
			}
			last := list[len(list)-1].Error()
			if tt.want != "" && last != tt.want || tt.want == "" && strings.Contains(last, "not read") {
				t.Errorf("last diagnostic %q, want %q", last, tt.want)
			}
		})
	}
}
