package fuzz

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/abnfc/abnfc/internal/headpath"
	"github.com/abnfc/abnfc/parser"
)

// fastPathOptions are the options the fastpath target parses under: the
// ones the one-pass head path runs with (parser's head.fastOK), each
// apart, and small limits. The other leniencies turn the one-pass path
// off, so both sides would be the line-by-line path.
var fastPathOptions = []*parser.Options{
	nil,
	{SkipValueGrammars: true},
	{AllowDuplicateContentLength: true, AllowContentLengthWithTE: true},
	{AllowSpaceBeforeColon: true},
	{AllowInvalidDates: true},
	{MaxStartLine: 20, MaxHeaderBytes: 40, MaxHeaders: 2},
}

// fastPathMethods are the ways the fastpath target reads its input: as a
// request (nil), and as a response to GET and to HEAD.
var fastPathMethods = [][]byte{nil, []byte("GET"), []byte("HEAD")}

// CheckFastPath is the fastpath target: the head at the start of data,
// as a request and as a response to GET and to HEAD, under each of
// fastPathOptions, parsed by Options.ParseRequest or ParseResponse
// (which take the one-pass path, SpansMessageHead, for a well-formed
// head) and by the line-by-line path alone (OracleLineByLine, through
// internal/headpath). The length, the error and every field of the
// Message must be the same. The verdict is that of the strict request
// parse.
func CheckFastPath(data []byte) Result {
	r := Result{Target: "fastpath", Verdict: "ok"}
	var m parser.Message
	if _, err := parser.ParseRequest(data, &m); err != nil {
		r.Verdict, r.ErrRule = "error", errRule(err)
		if errors.Is(err, parser.ErrIncomplete) {
			r.Verdict = "incomplete"
		}
	}
	for oi, o := range fastPathOptions {
		for _, method := range fastPathMethods {
			if d := compareHeadPaths(o, data, method); d != "" {
				as := "request"
				if method != nil {
					as = "response to " + string(method)
				}
				r.add(OracleLineByLine, fmt.Sprintf("%s, options %d", as, oi), d, "", "")
				return r
			}
		}
	}
	return r
}

// compareHeadPaths parses data under o as a request (method nil) or a
// response to method by the parser's API and by the line-by-line path,
// and describes any difference in length, error or Message; "" when
// there is none.
func compareHeadPaths(o *parser.Options, data, method []byte) string {
	var m1, m2 parser.Message
	var n1 int
	var err1 error
	if method == nil {
		n1, err1 = o.ParseRequest(data, &m1)
	} else {
		n1, err1 = o.ParseResponse(data, &m1, method)
	}
	n2, err2 := headpath.ParseLineByLine(o, &m2, data, method, method != nil)
	if n1 != n2 || fmt.Sprint(err1) != fmt.Sprint(err2) {
		return fmt.Sprintf("one pass: %d, %v; line by line: %d, %v", n1, err1, n2, err2)
	}
	if err1 != nil {
		return ""
	}
	if a, b := messageString(&m1), messageString(&m2); a != b {
		return fmt.Sprintf("one pass: %s; line by line: %s", a, b)
	}
	return ""
}

// messageString formats every field of m but its scratch buffer of
// spans (the one-pass path's, which the line-by-line path leaves empty),
// unexported ones included: Header's known index, which Header.Known
// reads.
func messageString(m *parser.Message) string {
	v := reflect.ValueOf(m).Elem()
	var b strings.Builder
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		if f.Name == "spans" {
			continue
		}
		fmt.Fprintf(&b, "%s=%+v ", f.Name, v.Field(i))
	}
	return b.String()
}

// CheckSpans is the spans target: parser.SpansMessageHead, the
// generated span function the one-pass head path reads, on data. Its
// length must be ScanMessageHead's and its spans those modelSpans finds
// by splitting the head's lines (compareSpans, OracleModel), and, for a
// head of at most maxRefInput bytes, the spans of the reference parser's
// tree of message-head (compareSpansRef, OracleRef). The verdict is ok
// when a message-head starts data.
func CheckSpans(data []byte) Result {
	r := Result{Target: "spans", Verdict: "error"}
	if _, ok := parser.ScanMessageHead(data); ok {
		r.Verdict = "ok"
	}
	compareSpans(&r, data)
	compareSpansRef(&r, data)
	return r
}
