package extract

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// rfcDir is the shared folder beside the repository root that holds the RFC
// texts; a user's clone does not have it.
const rfcDir = "../../../shared/rfc"

// readRFC returns the text of rfc<n>.txt or skips the test.
func readRFC(t *testing.T, n string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(rfcDir, "rfc"+n+".txt"))
	if os.IsNotExist(err) {
		t.Skipf("%s not present (it lives beside the repository, not in it)", rfcDir)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// rfcCases are the documents with golden files. count is the number of rules
// Extract returns; the comment says how the number was checked.
var rfcCases = []struct {
	name    string // test name and golden file base name
	rfc     string
	section string
	count   int
}{
	// RFC 2616: §2.2 basic rules (22, without <">), §3 (45), §4 (9),
	// §5 (6), §6 (6), §7 (3), §14 (88), §19 (7); see rfc2616Names.
	{"rfc2616", "2616", "", 186},
	// RFC 5234 §4 "ABNF Definition of ABNF" (21) and Appendix B.1 core rules (16).
	{"rfc5234", "5234", "", 37},
	// RFC 7230 Appendix B "Collected ABNF": 77 "name =" lines.
	{"rfc7230", "7230", "", 77},
	// RFC 9110 Appendix A "Collected ABNF": 142 "name =" lines.
	{"rfc9110-A", "9110", "A", 142},
	// RFC 9112 Appendix A "Collected ABNF": 42 "name =" lines.
	{"rfc9112-A", "9112", "A", 42},
}

func TestGolden(t *testing.T) {
	for _, tc := range rfcCases {
		t.Run(tc.name, func(t *testing.T) {
			text := readRFC(t, tc.rfc)
			rules, err := Extract(text, Options{Section: tc.section})
			if err != nil {
				t.Fatal(err)
			}
			if len(rules) != tc.count {
				t.Errorf("got %d rules, want %d", len(rules), tc.count)
			}
			var buf bytes.Buffer
			if err := Write(&buf, tc.rfc, rules); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", tc.name+".abnf")
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("output differs from %s (run go test -update and review the diff)", golden)
			}
		})
	}
}

// TestRFCLines checks every rule against the RFC text: its first line is
// the line Line of the input and its text is the input's, only re-indented.
func TestRFCLines(t *testing.T) {
	for _, tc := range rfcCases {
		t.Run(tc.name, func(t *testing.T) {
			text := readRFC(t, tc.rfc)
			lines := strings.Split(string(text), "\n")
			rules, err := Extract(text, Options{Section: tc.section})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rules {
				first, _, _ := strings.Cut(r.Text, "\n")
				if r.Line < 1 || r.Line > len(lines) || strings.TrimSpace(lines[r.Line-1]) != first {
					t.Errorf("%s: line %d is not %q", r.Name, r.Line, first)
				}
				if !strings.HasPrefix(first, r.Name) {
					t.Errorf("%s: text starts %q", r.Name, first)
				}
			}
		})
	}
}

// TestIdempotent re-extracts the written output: it must give back the same
// rules, so the layout is one Extract (and an ABNF parser) reads.
func TestIdempotent(t *testing.T) {
	for _, tc := range rfcCases {
		t.Run(tc.name, func(t *testing.T) {
			rules, err := Extract(readRFC(t, tc.rfc), Options{Section: tc.section})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := Write(&buf, tc.rfc, rules); err != nil {
				t.Fatal(err)
			}
			again, err := Extract(buf.Bytes(), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(again) != len(rules) {
				t.Fatalf("re-extracted %d rules, want %d", len(again), len(rules))
			}
			for i := range rules {
				if again[i].Name != rules[i].Name || again[i].Text != rules[i].Text {
					t.Errorf("rule %d: re-extracted\n%s\nwant\n%s", i, again[i].Text, rules[i].Text)
				}
			}
		})
	}
}

// TestRFCCounts counts the rules of the other selections the package
// documentation promises.
func TestRFCCounts(t *testing.T) {
	tests := []struct {
		name    string
		rfc     string
		section string
		want    int
	}{
		{"rfc7233 default is Appendix D", "7233", "", 28},
		{"rfc7233 Appendix D", "7233", "D", 28},
		{"rfc9110 default is Appendix A", "9110", "", 142},
		{"rfc9112 default is Appendix A", "9112", "", 42},
		{"rfc7230 Appendix B", "7230", "Appendix B", 77},
		// RFC 5234 §2 and §3 examples: name, CR (twice), CRLF, command,
		// rulename (4 times), foo, bar, mumble, DIGIT (twice), char-line;
		// "b = binary" and the like refer to nothing and are dropped.
		{"rfc5234 whole document", "5234", "*", 52},
		{"rfc5234 §4", "5234", "4", 21},
		{"rfc5234 §B.1", "5234", "B.1", 16},
		{"rfc2616 §2.2", "2616", "2.2", 22},
		{"rfc2616 §14.35", "2616", "14.35", 9},
		{"rfc2616 §14.35.1", "2616", "14.35.1", 8},
		{"rfc2616 §2 and §19", "2616", "2, 19", 29},
		{"rfc2616 whole document", "2616", "*", 186},
		// RFC 9110 §5.6.7 (16 rules) and §8.8.3 (7), whose day-name, month,
		// GMT, day-name-l and weak are RFC 7405 %s"..." strings.
		{"rfc9110 §5.6.7 and §8.8.3", "9110", "5.6.7,8.8.3", 23},
		// RFC 9112 §2.3: HTTP-version and HTTP-name = %s"HTTP".
		{"rfc9112 §2.3", "9112", "2.3", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rules, err := Extract(readRFC(t, tc.rfc), Options{Section: tc.section})
			if err != nil {
				t.Fatal(err)
			}
			if len(rules) != tc.want {
				t.Errorf("got %d rules, want %d", len(rules), tc.want)
			}
		})
	}
}

// rfc2616Names are the rules RFC 2616 defines, in order. Not here: the §2.2
// rule <"> (the double quote), whose name is not an ABNF rule name; the rules
// RFC 2616 uses but imports (absoluteURI, relativeURI, abs_path, authority,
// host, port, query from RFC 2396; mailbox from RFC 822; credentials and
// challenge from RFC 2617); the §2.1 notation examples and the §13.2.3
// age-calculation pseudo-code.
var rfc2616Names = []string{
	// §2.2
	"OCTET", "CHAR", "UPALPHA", "LOALPHA", "ALPHA", "DIGIT", "CTL", "CR",
	"LF", "SP", "HT", "CRLF", "LWS", "TEXT", "HEX", "token",
	"separators", "comment", "ctext", "quoted-string", "qdtext", "quoted-pair",
	// §3
	"HTTP-Version", "http_URL",
	"HTTP-date", "rfc1123-date", "rfc850-date", "asctime-date", "date1", "date2", "date3", "time",
	"wkday", "weekday", "month", "delta-seconds", "charset", "content-coding", "transfer-coding", "transfer-extension",
	"parameter", "attribute", "value", "Chunked-Body", "chunk", "chunk-size", "last-chunk", "chunk-extension",
	"chunk-ext-name", "chunk-ext-val", "chunk-data", "trailer", "media-type", "type", "subtype", "product",
	"product-version", "qvalue", "language-tag", "primary-tag", "subtag", "entity-tag", "weak", "opaque-tag",
	"range-unit", "bytes-unit", "other-range-unit",
	// §4
	"HTTP-message", "generic-message", "start-line", "message-header", "field-name",
	"field-value", "field-content", "message-body", "general-header",
	// §5, §6, §7
	"Request", "Request-Line", "Method", "extension-method",
	"Request-URI", "request-header", "Response", "Status-Line", "Status-Code", "extension-code", "Reason-Phrase", "response-header",
	"entity-header", "extension-header", "entity-body",
	// §14
	"Accept", "media-range", "accept-params", "accept-extension", "Accept-Charset",
	"Accept-Encoding", "codings", "Accept-Language", "language-range", "Accept-Ranges", "acceptable-ranges", "Age", "age-value",
	"Allow", "Authorization", "Cache-Control", "cache-directive", "cache-request-directive", "cache-response-directive", "cache-extension", "Connection",
	"connection-token", "Content-Encoding", "Content-Language", "Content-Length", "Content-Location", "Content-MD5", "md5-digest", "Content-Range",
	"content-range-spec", "byte-content-range-spec", "byte-range-resp-spec", "instance-length", "Content-Type", "Date", "ETag", "Expect",
	"expectation", "expectation-extension", "expect-params", "Expires", "From", "Host", "If-Match", "If-Modified-Since",
	"If-None-Match", "If-Range", "If-Unmodified-Since", "Last-Modified", "Location", "Max-Forwards", "Pragma", "pragma-directive",
	"extension-pragma", "Proxy-Authenticate", "Proxy-Authorization", "ranges-specifier", "byte-ranges-specifier", "byte-range-set", "byte-range-spec", "first-byte-pos",
	"last-byte-pos", "suffix-byte-range-spec", "suffix-length", "Range", "Referer", "Retry-After", "Server", "TE",
	"t-codings", "Trailer", "Transfer-Encoding", "Upgrade", "User-Agent", "Vary", "Via", "received-protocol",
	"protocol-name", "protocol-version", "received-by", "pseudonym", "Warning", "warning-value", "warn-code", "warn-agent",
	"warn-text", "warn-date", "WWW-Authenticate",
	// §19
	"MIME-Version", "content-disposition", "disposition-type", "disposition-parm", "filename-parm",
	"disp-extension-token", "disp-extension-parm",
}

func TestRFC2616Names(t *testing.T) {
	rules, err := Extract(readRFC(t, "2616"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rules {
		got = append(got, r.Name)
	}
	for _, n := range got {
		if !slices.Contains(rfc2616Names, n) {
			t.Errorf("extra rule %s", n)
		}
	}
	for _, n := range rfc2616Names {
		if !slices.Contains(got, n) {
			t.Errorf("missing rule %s", n)
		}
	}
	if !slices.Equal(got, rfc2616Names) && !t.Failed() {
		t.Errorf("rules out of order:\ngot  %q\nwant %q", got, rfc2616Names)
	}
}

// TestRFC2616Twice lists the names RFC 2616 defines twice. ABNF rule names
// are case-insensitive, and RFC 2616 defines "trailer" (§3.6.1, the trailer
// of a chunked body) and "Trailer" (§14.40, the header field) differently:
// a parser that follows RFC 5234 reports a duplicate. No rule is defined
// twice with the same name as written.
func TestRFC2616Twice(t *testing.T) {
	rules, err := Extract(readRFC(t, "2616"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	where := make(map[string][]string)
	for _, r := range rules {
		k := strings.ToLower(r.Name)
		where[k] = append(where[k], r.Name+" §"+r.Section)
	}
	var twice []string
	for _, w := range where {
		if len(w) > 1 {
			twice = append(twice, strings.Join(w, ", "))
		}
	}
	want := []string{"trailer §3.6.1, Trailer §14.40"}
	if !slices.Equal(twice, want) {
		t.Errorf("defined twice: got %q, want %q", twice, want)
	}
}

func BenchmarkExtractRFC2616(b *testing.B) {
	text, err := os.ReadFile(filepath.Join(rfcDir, "rfc2616.txt"))
	if err != nil {
		b.Skipf("%s not present: %v", rfcDir, err)
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Extract(text, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRFC7405Rules: the rules RFC 9110 and RFC 9112 write with RFC 7405
// %s"..." strings are extracted, exactly as written.
func TestRFC7405Rules(t *testing.T) {
	tests := []struct {
		name    string
		rfc     string
		section string
		want    map[string]string // rule name: first line of its text
	}{
		{"rfc9110 §5.6.7 dates", "9110", "5.6.7", map[string]string{
			"day-name":   `day-name     = %s"Mon" / %s"Tue" / %s"Wed"`,
			"month":      `month        = %s"Jan" / %s"Feb" / %s"Mar" / %s"Apr"`,
			"GMT":        `GMT          = %s"GMT"`,
			"day-name-l": `day-name-l   = %s"Monday" / %s"Tuesday" / %s"Wednesday"`,
		}},
		{"rfc9110 §8.8.3 weak", "9110", "8.8.3", map[string]string{"weak": `weak       = %s"W/"`}},
		{"rfc9112 §2.3 HTTP-name", "9112", "2.3", map[string]string{"HTTP-name": `HTTP-name     = %s"HTTP"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rules, err := Extract(readRFC(t, tc.rfc), Options{Section: tc.section})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, r := range rules {
				got[r.Name], _, _ = strings.Cut(r.Text, "\n")
			}
			for name, first := range tc.want {
				if got[name] != first {
					t.Errorf("rule %s: first line %q, want %q", name, got[name], first)
				}
			}
		})
	}
}
