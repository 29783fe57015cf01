package fuzz

import (
	"errors"
	"fmt"

	"github.com/abnfc/abnfc/parser"
)

// skipEmptyLines returns the length of the empty lines at the start of
// a request that Options.AllowLeadingEmptyLines skips, read from RFC
// 2616 §4.1 ("servers SHOULD ignore any empty line(s) received where a
// Request-Line is expected"): each CRLF, and each bare LF when bareLF
// (Options.AllowBareLF: §19.3, LF as a line end). It shares no code with
// the parser's.
func skipEmptyLines(b []byte, bareLF bool) int {
	k := 0
	for {
		switch {
		case k+1 < len(b) && b[k] == '\r' && b[k+1] == '\n':
			k += 2
		case k < len(b) && b[k] == '\n' && bareLF:
			k++
		default:
			return k
		}
	}
}

// compareLeadingEmptyLines is a model of Options.AllowLeadingEmptyLines
// that does not share the parser's code for it (OracleModel): a request
// parsed under o, with the leniency on, is the request after the empty
// lines skipEmptyLines finds parsed under o with it off, everything
// moved by their length k. The length read is k more; an error has the
// same rule, section and message, k bytes later; the Message is the
// same, each field's Offset k bytes later, and HeadLen the same (the
// empty lines are no part of the head, §4.1's Request-Line starts it).
// A CR or LF after the empty lines that ends none must fail the lenient
// parse, in whatever words. Not covered: what follows the first head
// (bodies and later messages are the stream oracle's, which holds the
// one-shot parse to the Reader under the same options), and the other
// leniencies (pickOptions turns them on with this one; the model reads
// them through the strict parse it compares with).
func compareLeadingEmptyLines(r *Result, data []byte, o *parser.Options) {
	if o == nil || !o.AllowLeadingEmptyLines {
		return
	}
	k := skipEmptyLines(data, o.AllowBareLF)
	if k < len(data) && (data[k] == '\r' || data[k] == '\n') {
		// A CR or LF that ends no empty line (a bare one, or a CR at
		// the input's end): the lenient parse must not take the
		// request, and says why in its own words (bare CR, bare LF, or
		// incomplete), where the strict one says "empty line".
		var m parser.Message
		if _, err := o.ParseRequest(data, &m); err == nil {
			r.add(OracleModel, "AllowLeadingEmptyLines", "ok", fmt.Sprintf("no request: %q at %d ends no empty line", data[k], k), "")
		}
		return
	}
	strict := *o
	strict.AllowLeadingEmptyLines = false
	var m1, m2 parser.Message
	n1, err1 := o.ParseRequest(data, &m1)
	n2, err2 := strict.ParseRequest(data[k:], &m2)
	if err2 == nil {
		n2 += k
		for i := range m2.Headers {
			m2.Headers[i].Offset += k
		}
	}
	if d := sameError(err1, err2, k); d != "" || n1 != n2 {
		r.add(OracleModel, "AllowLeadingEmptyLines", fmt.Sprintf("%d %v", n1, err1), fmt.Sprintf("%d %v (%s)", n2, err2, d), "")
		return
	}
	if err1 == nil {
		if a, b := messageString(&m1), messageString(&m2); a != b {
			r.add(OracleModel, "AllowLeadingEmptyLines", a, b, "")
		}
	}
}

// sameError compares err1 with err2, the error of the same parse k
// bytes later, and says how they differ ("" when they do not).
func sameError(err1, err2 error, k int) string {
	if (err1 == nil) != (err2 == nil) {
		return "one fails"
	}
	if err1 == nil {
		return ""
	}
	if errors.Is(err1, parser.ErrIncomplete) != errors.Is(err2, parser.ErrIncomplete) ||
		errors.Is(err1, parser.ErrLimit) != errors.Is(err2, parser.ErrLimit) {
		return "another kind of error"
	}
	var e1, e2 *parser.Error
	if errors.As(err1, &e1) != errors.As(err2, &e2) {
		return "another type of error"
	}
	if e1 == nil {
		return ""
	}
	want := e2.Offset
	if want >= 0 {
		want += k
	}
	if e1.Rule != e2.Rule || e1.Section != e2.Section || e1.Msg != e2.Msg || e1.Offset != want {
		return fmt.Sprintf("rule %s §%s %q at %d, want %d", e2.Rule, e2.Section, e2.Msg, e1.Offset, want)
	}
	return ""
}
