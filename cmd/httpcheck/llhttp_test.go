package main

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
)

// llhttpCorpus holds the cases of llhttp's own test suite as data
// (../shared beside the repository, as in CI; see its README for their
// source and licence). The test that reads it skips when it is absent.
const llhttpCorpus = "../../../shared/corpora/llhttp/cases.jsonl"

// llhttpClasses name why httpcheck's verdict differs from llhttp's on a
// case of llhttp's strict mode. llhttp is a framing parser: it checks
// what it needs to split a stream into messages, by its reading of RFC
// 9112, and leaves field values and message rules to its user; httpcheck
// checks the whole of RFC 2616. Every difference must be in exactly one
// class, and every case named in a class must differ.
var llhttpClasses = []struct {
	name, why string
	ids       []string
}{
	{"host-required", "RFC 2616 §14.23: \"A client MUST include a Host header field in all HTTP/1.1 request messages\"; llhttp leaves message rules to its user", []string{
		"request/connection.md:6", "request/connection.md:34", "request/connection.md:236", "request/connection.md:264",
		"request/connection.md:453", "request/connection.md:542", "request/connection.md:679", "request/connection.md:713",
		"request/content-length.md:4", "request/content-length.md:33", "request/content-length.md:290", "request/content-length.md:317",
		"request/content-length.md:444", "request/finish.md:6", "request/method.md:4", "request/method.md:458",
		"request/pausing.md:4", "request/pausing.md:34", "request/pausing.md:64", "request/pausing.md:94", "request/pausing.md:124",
		"request/pausing.md:154", "request/pausing.md:184", "request/pausing.md:214", "request/pausing.md:244", "request/pausing.md:274",
		"request/pausing.md:313", "request/pausing.md:355", "request/pausing.md:398", "request/pipelining.md:4",
		"request/sample.md:6", "request/sample.md:39", "request/sample.md:168", "request/sample.md:196", "request/sample.md:219",
		"request/sample.md:506", "request/sample.md:536", "request/transfer-encoding.md:6", "request/transfer-encoding.md:33",
		"request/transfer-encoding.md:70", "request/transfer-encoding.md:107", "request/transfer-encoding.md:144",
		"request/transfer-encoding.md:186", "request/transfer-encoding.md:238", "request/transfer-encoding.md:366",
		"request/uri.md:27", "request/uri.md:52", "request/uri.md:75", "request/uri.md:125", "request/uri.md:222",
	}},
	{"empty-line-before-start-line", "RFC 2616 §4.1: a start-line begins a message; servers \"SHOULD ignore any empty line(s) received where a Request-Line is expected\", which httpcheck's strict default reports (-allow leading-empty-lines, Options.AllowLeadingEmptyLines); llhttp skips them before requests and responses", []string{
		"request/connection.md:156", "request/sample.md:288", "request/sample.md:478",
		"response/connection.md:492", "response/connection.md:586", "response/pipelining.md:4", "response/sample.md:695",
	}},
	{"request-uri", "RFC 2616 §5.1.2, §3.2.1: Request-URI is an RFC 2396 URI without a fragment, in which '#', '\"' and '|' are excluded (RFC 2396 §2.4.3) and an empty Request-URI with no HTTP-Version (HTTP/0.9's Simple-Request, §19.6) is not HTTP/1.1; llhttp takes them", []string{
		"request/sample.md:314", "request/transfer-encoding.md:751", "request/transfer-encoding.md:793",
		"request/uri.md:4", "request/uri.md:98", "request/uri.md:165",
	}},
	{"not-http", "RFC 2616 §3.1: HTTP-Version = \"HTTP\" \"/\" 1*DIGIT \".\" 1*DIGIT; llhttp also reads RTSP and ICE (SHOUTcast) start lines", []string{
		"request/method.md:372", "request/method.md:400", "request/method.md:430", "response/sample.md:40", "response/sample.md:60",
	}},
	{"field-value", "RFC 2616 §14: each field's value has a grammar (Host §14.23 and §3.2.2, Date §14.18 and §3.3.1 with two-digit days and GMT, Pragma §14.32 with at least one directive); llhttp leaves field values to its user", []string{
		"request/sample.md:67", "request/sample.md:105", "response/connection.md:4", "response/sample.md:425", "response/sample.md:609",
	}},
	{"status-line-sp", "RFC 2616 §6.1: Status-Line = HTTP-Version SP Status-Code SP Reason-Phrase CRLF, so the SP before an empty Reason-Phrase is required (RFC 9112 §4 keeps it); llhttp takes a status code followed by CRLF", []string{
		"response/sample.md:291",
	}},
	{"version", "RFC 2616 §3.1: HTTP-Version = \"HTTP\" \"/\" 1*DIGIT \".\" 1*DIGIT, \"Leading zeros MUST be ignored by recipients\": HTTP/01.1, HTTP/11.1, HTTP/1.01 and HTTP/5.6 are well formed; llhttp takes only 0.9, 1.0, 1.1 and 2.0 (RFC 9112 §2.3: one digit each)", []string{
		"response/invalid.md:19", "response/invalid.md:36", "response/invalid.md:53", "response/invalid.md:195", "request/invalid.md:490",
	}},
	{"extension-method", "RFC 2616 §5.1.1: Method = ... | extension-method, extension-method = token; llhttp refuses RTSP's methods with HTTP/1.x", []string{
		"request/invalid.md:66",
	}},
	{"rules-at-field-end", "RFC 2616 §2.2, §4.2: a field ends only where the next line does not begin with SP or HT (it may go on, folded), so httpcheck applies the rules on a whole field (a repeat of a field that may not repeat, §4.2; a Content-Length past 63 bits, §14.13) once the next line begins, and input that ends first ends inside a head; llhttp errs at the field's line end", []string{
		"request/content-length.md:75", "request/content-length.md:100",
	}},
	{"folding", "RFC 2616 §2.2, §4.2: a field value may be folded onto a line that begins with SP or HT (LWS); RFC 9112 §5.2 forbids it, and llhttp refuses it", []string{
		"request/invalid.md:650",
	}},
}

// TestLLHTTPVerdicts validates the messages of llhttp's own test suite
// with httpcheck's default (strict) checker, each case a stream of
// requests or of responses as llhttp reads it, and compares the verdict
// with llhttp's: an error, or none. llhttp reports no error for input that
// ends inside a message (it waits for more), so neither does this test.
// Cases of llhttp's lenient modes are validated and recorded, not
// compared. The verdicts, with httpcheck's first error, are a golden file
// (testdata/llhttp.golden, rewritten by -update); every difference must be
// named in llhttpClasses.
func TestLLHTTPVerdicts(t *testing.T) {
	f, err := os.Open(llhttpCorpus)
	if err != nil {
		t.Skipf("%s absent: %v", llhttpCorpus, err)
	}
	defer f.Close()
	classOf := map[string]int{}
	for i, c := range llhttpClasses {
		for _, id := range c.ids {
			if _, dup := classOf[id]; dup {
				t.Errorf("%s is in two classes", id)
			}
			classOf[id] = i
		}
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	var body strings.Builder
	counts := map[string]int{}
	seen := map[string]bool{}
	for line := 1; sc.Scan(); line++ {
		var c struct {
			ID, Kind, Expect, Mode string
			Raw                    string `json:"raw_b64"`
			SkipBody               bool   `json:"skip_body"`
		}
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("%s:%d: %v", llhttpCorpus, line, err)
		}
		seen[c.ID] = true
		data, err := base64.StdEncoding.DecodeString(c.Raw)
		if err != nil {
			t.Fatalf("%s:%d: %v", llhttpCorpus, line, err)
		}
		ch := checker{kind: kindRequest}
		if c.Kind == "response" {
			// skipBody: llhttp's on_headers_complete skips the
			// body, as for the answer to a HEAD (§4.4 rule 1).
			ch = checker{kind: kindResponse, head: c.SkipBody}
		}
		r := ch.validate(c.ID, data)
		ours, first := "ok", ""
		if len(r.Errors) > 0 {
			e := r.Errors[0]
			first = fmt.Sprintf("%d %s §%s: %s", e.Offset, e.Rule, e.Section, e.Msg)
			if !incomplete(e.Msg) {
				ours = "error"
			}
		}
		agreement := "agree"
		switch {
		case c.Mode != "strict":
			agreement = "lenient mode"
		case ours != c.Expect:
			agreement = "differ"
		}
		counts[agreement]++
		k, named := classOf[c.ID]
		switch {
		case agreement == "differ" && !named:
			t.Errorf("%s: llhttp says %s, httpcheck %s (%s): %q", c.ID, c.Expect, ours, first, data)
		case agreement != "differ" && named:
			t.Errorf("%s is in class %s but is %s: delete it there", c.ID, llhttpClasses[k].name, agreement)
		}
		fmt.Fprintf(&body, "%s\t%s\t%s\t%s", c.ID, ours, first, agreement)
		if named {
			fmt.Fprintf(&body, "\t%s", llhttpClasses[k].name)
		}
		body.WriteString("\n")
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for id := range classOf {
		if !seen[id] {
			t.Errorf("%s is in a class but not in the corpus", id)
		}
	}
	var out strings.Builder
	fmt.Fprintf(&out, "# httpcheck on llhttp's %d cases: %d agree with llhttp's strict mode, %d differ (each in a class), %d of lenient modes not compared\n",
		counts["agree"]+counts["differ"]+counts["lenient mode"], counts["agree"], counts["differ"], counts["lenient mode"])
	for _, c := range llhttpClasses {
		fmt.Fprintf(&out, "# class %s (%d): %s\n", c.name, len(c.ids), c.why)
	}
	out.WriteString("# id\tverdict\tfirst error (offset rule §section: message)\tagreement\tclass\n")
	out.WriteString(body.String())
	golden(t, "testdata/llhttp.golden", out.String())
	t.Logf("%v", counts)
}

// incomplete reports whether an error of httpcheck's says only that the
// input ends inside a message, which llhttp does not report.
func incomplete(msg string) bool {
	return strings.Contains(msg, "ends inside") || strings.Contains(msg, "ends before") || strings.Contains(msg, "unexpected end of input")
}
