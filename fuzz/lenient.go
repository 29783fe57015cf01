package fuzz

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

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
	if d := sameError(err1, err2, func(o int) int { return o + k }); d != "" || n1 != n2 {
		r.add(OracleModel, "AllowLeadingEmptyLines", fmt.Sprintf("%d %v", n1, err1), fmt.Sprintf("%d %v (%s)", n2, err2, d), "")
		return
	}
	if err1 == nil {
		if a, b := messageString(&m1), messageString(&m2); a != b {
			r.add(OracleModel, "AllowLeadingEmptyLines", a, b, "")
		}
	}
}

// sameError compares err1 with err2, the error of the same parse on
// other bytes, whose offsets at maps to the input of err1, and says how
// they differ ("" when they do not).
func sameError(err1, err2 error, at func(int) int) string {
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
		want = at(want)
	}
	if e1.Rule != e2.Rule || e1.Section != e2.Section || e1.Msg != e2.Msg || e1.Offset != want {
		return fmt.Sprintf("rule %s §%s %q at %d, want %d", e2.Rule, e2.Section, e2.Msg, e1.Offset, want)
	}
	return ""
}

// compareLenient runs the models of the leniencies of o over one
// message: each model whose leniency o turns on (all but
// AllowLeadingEmptyLines, compared by compareLeadingEmptyLines), and
// RejectFolding's.
// method is a response's request method.
func compareLenient(r *Result, data []byte, kind parser.Kind, method string, o *parser.Options) {
	if o == nil {
		return
	}
	if o.AllowBareLF {
		compareBareLF(r, data, kind, method, o)
	}
	if o.AllowTolerantStartLine {
		compareTolerantStartLine(r, data, kind, method, o)
	}
	if o.AllowDuplicateContentLength {
		compareDuplicateContentLength(r, data, kind, method, o)
	}
	if o.AllowContentLengthWithTE {
		compareContentLengthWithTE(r, data, kind, method, o)
	}
	if o.AllowSpaceBeforeColon {
		compareSpaceBeforeColon(r, data, kind, method, o)
	}
	if o.RejectFolding {
		compareRejectFolding(r, data, kind, method, o)
	}
	if o.SkipValueGrammars {
		compareSkippedGrammar(r, data, kind, method, o, "SkipValueGrammars", skippedByValueGrammars)
	}
	if o.AllowInvalidDates {
		compareSkippedGrammar(r, data, kind, method, o, "AllowInvalidDates", skippedByInvalidDates)
	}
}

// rewrite is an input rewritten for a model: out, and for each offset
// of out (its end included) the offset of the input it stands for.
// An inserted byte stands for the input's byte it comes before, and a
// byte after deleted ones for itself.
type rewrite struct {
	out  []byte
	orig []int
}

// identity is the rewrite that leaves b as it is.
func identity(b []byte) rewrite {
	w := rewrite{out: b, orig: make([]int, len(b)+1)}
	for i := range w.orig {
		w.orig[i] = i
	}
	return w
}

// put appends c, standing for the input's byte at.
func (w *rewrite) put(c byte, at int) {
	w.out = append(w.out, c)
	w.orig = append(w.orig, at)
}

// at maps an offset of out to the input (a negative one, no position,
// stays).
func (w *rewrite) at(o int) int {
	if o < 0 || o >= len(w.orig) {
		return o
	}
	return w.orig[o]
}

// bareLFToCRLF rewrites every bare LF of b (one not after a CR) as
// CRLF: the line end §19.3 recommends recognising ("recognize a single
// LF as a line terminator and ignore the leading CR"), which
// Options.AllowBareLF accepts and the strict parse does not.
func bareLFToCRLF(b []byte) rewrite {
	w := rewrite{out: make([]byte, 0, len(b)+8), orig: make([]int, 0, len(b)+9)}
	for i, c := range b {
		if c == '\n' && (i == 0 || b[i-1] != '\r') {
			w.put('\r', i)
		}
		w.put(c, i)
	}
	w.orig = append(w.orig, len(b))
	return w
}

// crlfValue is bareLFToCRLF's text: a field value with its folds' bare
// LF ends written CRLF, as the rewritten input has them.
func crlfValue(v []byte) []byte {
	return bareLFToCRLF(v).out
}

// compareBareLF is a model of Options.AllowBareLF over a head, not
// sharing the parser's line splitting: parsed under o, data must give
// what the strict parse (o with AllowBareLF off) gives on data with
// every bare LF written CRLF (bareLFToCRLF; RFC 2616 §19.3): length,
// error and Message, offsets mapped back, a folded value's bare LF
// ends written CRLF. What follows the head (chunk lines, trailers,
// byteranges bodies under AllowBareLF) is the stream oracle's.
func compareBareLF(r *Result, data []byte, kind parser.Kind, method string, o *parser.Options) {
	strict := *o
	strict.AllowBareLF = false
	compareRewrite(r, "AllowBareLF", data, kind, method, o, &strict, bareLFToCRLF(data), crlfValue)
}

// isTchar reports whether c may stand in a token (§2.2: any CHAR
// except CTLs or separators).
func isTchar(c byte) bool {
	return c > 0x20 && c < 0x7f && !strings.ContainsRune(`()<>@,;:\"/[]?={}`, rune(c))
}

// headStart returns where the header fields of the head at the start
// of b begin: after the start line, and before it the empty lines a
// request skips under o (skipEmptyLines); -1 when the start line does
// not end.
func headStart(b []byte, kind parser.Kind, o *parser.Options) int {
	i := 0
	if kind == parser.Request && o.AllowLeadingEmptyLines {
		i = skipEmptyLines(b, o.AllowBareLF)
	}
	j := bytes.IndexByte(b[i:], '\n')
	if j < 0 {
		return -1
	}
	return i + j + 1
}

// lineEnd returns the length of the line end at the start of b: CRLF,
// and a bare LF when bareLF; 0 for none.
func lineEnd(b []byte, bareLF bool) int {
	switch {
	case len(b) >= 2 && b[0] == '\r' && b[1] == '\n':
		return 2
	case len(b) >= 1 && b[0] == '\n' && bareLF:
		return 1
	}
	return 0
}

// dropSpaceBeforeColon rewrites the head at the start of b without the
// white space between each field-name and its colon (§2.1's implied
// LWS: SP, HT, and a fold, a line end and SP or HT, unless
// RejectFolding refuses folds), which Options.AllowSpaceBeforeColon
// accepts and the strict parse refuses. A field is a line after the
// start line that starts with a token (§4.2's field-name), up to the
// empty line; what cannot be a field is left alone.
func dropSpaceBeforeColon(b []byte, kind parser.Kind, o *parser.Options) rewrite {
	w := rewrite{out: make([]byte, 0, len(b)), orig: make([]int, 0, len(b)+1)}
	copyTo := func(from, to int) {
		for k := from; k < to; k++ {
			w.put(b[k], k)
		}
	}
	i := headStart(b, kind, o)
	if i < 0 {
		return identity(b)
	}
	copyTo(0, i)
	for i < len(b) && lineEnd(b[i:], true) == 0 {
		t := i
		for t < len(b) && isTchar(b[t]) {
			t++
		}
		u := t
		for u < len(b) {
			if b[u] == ' ' || b[u] == '\t' {
				u++
				continue
			}
			if e := lineEnd(b[u:], o.AllowBareLF); e > 0 && !o.RejectFolding && u+e < len(b) && (b[u+e] == ' ' || b[u+e] == '\t') {
				u += e + 1
				continue
			}
			break
		}
		if t > i && u > t && u < len(b) && b[u] == ':' {
			copyTo(i, t)
		} else {
			u = i
		}
		// The rest of the line.
		j := bytes.IndexByte(b[u:], '\n')
		if j < 0 {
			copyTo(u, len(b))
			i = len(b)
			break
		}
		copyTo(u, u+j+1)
		i = u + j + 1
	}
	copyTo(i, len(b))
	w.orig = append(w.orig, len(b))
	return w
}

// compareSpaceBeforeColon is a model of Options.AllowSpaceBeforeColon:
// parsed under o, data must give what the strict parse (o with it off)
// gives on data without the white space before each colon
// (dropSpaceBeforeColon): length, error and Message, offsets mapped
// back, each field's Name its field-name without that white space (as
// the option's doc says).
func compareSpaceBeforeColon(r *Result, data []byte, kind parser.Kind, method string, o *parser.Options) {
	strict := *o
	strict.AllowSpaceBeforeColon = false
	compareRewrite(r, "AllowSpaceBeforeColon", data, kind, method, o, &strict, dropSpaceBeforeColon(data, kind, o), nil)
}

// firstFold returns the offset of the first line of the head at the
// start of b that continues a header field (§2.2 LWS: a line end and
// then SP or HT), found by splitting lines at LF; -1 when there is
// none before the head or the input ends, or the first header line
// starts with white space (no field to continue).
func firstFold(b []byte, kind parser.Kind, o *parser.Options) int {
	i := headStart(b, kind, o)
	if i < 0 || i >= len(b) || b[i] == ' ' || b[i] == '\t' {
		return -1
	}
	for i < len(b) && lineEnd(b[i:], true) == 0 {
		if b[i] == ' ' || b[i] == '\t' {
			return i
		}
		j := bytes.IndexByte(b[i:], '\n')
		if j < 0 {
			return -1
		}
		i += j + 1
	}
	return -1
}

// compareRejectFolding is a model of Options.RejectFolding: a head
// with a folded field (firstFold) must fail at the fold's first byte
// (a *parser.Error of message-header) unless the parse with it off
// fails first, on the head cut there (it ends in the midst of the
// field, so that parse can only fail earlier or find it incomplete):
// then with that error. A head without a fold parses as with it off.
func compareRejectFolding(r *Result, data []byte, kind parser.Kind, method string, o *parser.Options) {
	off := *o
	off.RejectFolding = false
	f := firstFold(data, kind, o)
	if f < 0 {
		compareRewrite(r, "RejectFolding", data, kind, method, o, &off, identity(data), nil)
		return
	}
	var m1, m2 parser.Message
	n1, err1 := parseHead(o, data, kind, method, &m1)
	_, err2 := parseHead(&off, data[:f], kind, method, &m2)
	if err2 != parser.ErrIncomplete {
		if d := sameError(err1, err2, func(o int) int { return o }); d != "" {
			r.add(OracleModel, "RejectFolding", fmt.Sprintf("%d %v", n1, err1), fmt.Sprintf("%v, as cut at the fold at %d (%s)", err2, f, d), "")
		}
		return
	}
	if headerBytesLimit(err1) { // it counts the fold's bytes, as compareRewrite says
		return
	}
	var e *parser.Error
	if !errors.As(err1, &e) || e.Offset != f || e.Rule != "message-header" || errors.Is(err1, parser.ErrLimit) {
		r.add(OracleModel, "RejectFolding", fmt.Sprintf("%d %v", n1, err1), fmt.Sprintf("message-header error at the fold at %d", f), "")
	}
}

// ruleFieldNames are the §14 fields that decide framing and connection
// handling, which Options.SkipValueGrammars still checks (its doc).
var ruleFieldNames = map[string]bool{
	"Content-Length": true, "Transfer-Encoding": true, "Host": true,
	"Connection": true, "Expect": true, "Content-Type": true, "Upgrade": true,
	"Trailer": true,
}

// skippedByValueGrammars reports whether Options.SkipValueGrammars
// skips the grammar of an error: a field value's own grammar (§14)
// but of the fields in ruleFieldNames.
func skippedByValueGrammars(e *parser.Error) bool {
	return strings.HasPrefix(e.Section, "14.") && !ruleFieldNames[e.Rule]
}

// skippedByInvalidDates reports whether Options.AllowInvalidDates skips
// the grammar of an error: the HTTP-date of Expires (§14.21),
// If-Modified-Since (§14.25) or If-Unmodified-Since (§14.28).
func skippedByInvalidDates(e *parser.Error) bool {
	switch e.Section {
	case "14.21", "14.25", "14.28":
		return true
	}
	return false
}

// fieldAt returns where the field holding offset at starts and ends:
// from the start of its line, or of the line it continues (§2.2 LWS),
// to after the last line that continues it; lines end at LF.
func fieldAt(b []byte, at int) (start, end int) {
	start = bytes.LastIndexByte(b[:min(at, len(b))], '\n') + 1
	for start > 0 && start < len(b) && (b[start] == ' ' || b[start] == '\t') {
		start = bytes.LastIndexByte(b[:start-1], '\n') + 1
	}
	end = start
	for {
		j := bytes.IndexByte(b[end:], '\n')
		if j < 0 {
			return start, len(b)
		}
		end += j + 1
		if end == len(b) || b[end] != ' ' && b[end] != '\t' {
			return start, end
		}
	}
}

// replaced returns w with out[from:to] written as with, each of whose
// bytes stands where out[from] was in the original.
func (w rewrite) replaced(from, to int, with []byte) rewrite {
	v := rewrite{out: make([]byte, 0, len(w.out)-(to-from)+len(with)), orig: make([]int, 0, len(w.orig)-(to-from)+len(with))}
	v.out = append(append(append(v.out, w.out[:from]...), with...), w.out[to:]...)
	v.orig = append(v.orig, w.orig[:from]...)
	for range with {
		v.orig = append(v.orig, w.orig[from])
	}
	v.orig = append(v.orig, w.orig[to:]...)
	return v
}

// without returns w with the bytes of out in [from, to) deleted.
func (w rewrite) without(from, to int) rewrite {
	v := rewrite{out: make([]byte, 0, len(w.out)-(to-from)), orig: make([]int, 0, len(w.orig)-(to-from))}
	v.out = append(append(v.out, w.out[:from]...), w.out[to:]...)
	v.orig = append(append(v.orig, w.orig[:from]...), w.orig[to:]...)
	return v
}

// compareSkippedGrammar is a model of an option that skips field-value
// grammars (SkipValueGrammars, AllowInvalidDates; name), whose errors
// skipped recognises: as long as the parse with it off refuses the head
// by a skipped grammar, the field in error (with its continuation
// lines, fieldAt) is deleted and the rest parsed again. Parsed under o,
// data must then give what that parse gives: length, error and Message,
// offsets mapped back, the deleted fields left out of Headers; or fail
// with its rule and §4.2 at or after a deleted field, which a field
// that may not repeat and did gets whatever its value. A limit error
// after a deletion is not compared (the deleted bytes and fields
// counted).
func compareSkippedGrammar(r *Result, data []byte, kind parser.Kind, method string, o *parser.Options, name string, skipped func(*parser.Error) bool) {
	off := *o
	switch name {
	case "SkipValueGrammars":
		off.SkipValueGrammars = false
	case "AllowInvalidDates":
		off.AllowInvalidDates = false
	}
	w := identity(data)
	deleted := map[int]string{} // field start in data: the rule in error
	var spans [][2]int          // the deleted fields, in data
	for range 100 {
		var e *parser.Error
		_, err := parseHead(&off, w.out, kind, method, new(parser.Message))
		if !errors.As(err, &e) || !skipped(e) || errors.Is(err, parser.ErrLimit) {
			break
		}
		s, t := fieldAt(w.out, e.Offset)
		deleted[w.at(s)] = e.Rule
		spans = append(spans, [2]int{w.at(s), w.at(t)})
		w = w.without(s, t)
	}
	compareDeleted(r, name, data, kind, method, o, &off, w, deleted, func(err error) bool {
		if repeatsDeleted(err, deleted) {
			return true
		}
		// An error inside a deleted field: the parse with the option
		// off reported the field's value first (the earliest error),
		// and one after it in the same field (a bare CR or LF, a
		// refused fold, a line with no colon) went with the field. The
		// lenient parse, which skips the value's grammar, reports that
		// one; all the model can say is that it is not the skipped
		// grammar's.
		var e1 *parser.Error
		if errors.As(err, &e1) {
			for _, sp := range spans {
				if sp[0] <= e1.Offset && e1.Offset < sp[1] {
					if skipped(e1) {
						r.add(OracleModel, name, err.Error(), fmt.Sprintf("no error of a grammar %s skips", name), "")
					}
					return true
				}
			}
		}
		return false
	})
}

// compareDeleted holds the parse of data under o to the parse under off
// of w, data with the fields that start at deleted's keys (offsets of
// data) deleted: length, error and Message, offsets mapped back, the
// deleted fields left out of o's Headers. With nothing deleted it is
// compareRewrite. Otherwise o's parse is not compared when it crosses a
// limit (the deleted bytes and fields counted) or fails where tolerated
// says.
func compareDeleted[V any](r *Result, name string, data []byte, kind parser.Kind, method string, o, off *parser.Options, w rewrite, deleted map[int]V, tolerated func(error) bool) {
	if len(deleted) == 0 {
		compareRewrite(r, name, data, kind, method, o, off, w, nil)
		return
	}
	var m1, m2 parser.Message
	n1, err1 := parseHead(o, data, kind, method, &m1)
	if errors.Is(err1, parser.ErrLimit) || tolerated != nil && tolerated(err1) {
		return
	}
	n2, err2 := parseHead(off, w.out, kind, method, &m2)
	if err2 == nil {
		m2.HeadLen = w.at(n2) - w.at(n2-m2.HeadLen)
		n2 = w.at(n2)
		for i := range m2.Headers {
			m2.Headers[i].Offset = w.at(m2.Headers[i].Offset)
		}
	}
	if d := sameError(err1, err2, w.at); d != "" || n1 != n2 {
		r.add(OracleModel, name, fmt.Sprintf("%d %v", n1, err1), fmt.Sprintf("%d %v (%s; fields at %v deleted)", n2, err2, d, keys(deleted)), "")
		return
	}
	if err1 != nil {
		return
	}
	// The deleted fields out of both: a rewrite that writes a field
	// anew (compareContentLengthWithTE) leaves it in the second parse.
	for _, m := range []*parser.Message{&m1, &m2} {
		kept := m.Headers[:0]
		for _, f := range m.Headers {
			if _, ok := deleted[f.Offset]; !ok {
				kept = append(kept, f)
			}
		}
		m.Headers = kept
	}
	if a, b := messageString(&m1), messageString(&m2); a != b {
		r.add(OracleModel, name, a, b, "")
	}
}

// keys returns the keys of m in increasing order.
func keys[V any](m map[int]V) []int {
	k := make([]int, 0, len(m))
	for i := range m {
		k = append(k, i)
	}
	slices.Sort(k)
	return k
}

// repeatsDeleted reports whether err is a field repeated that may not
// be (§4.2), at or after a deleted field (compareSkippedGrammar) of
// its name: the lenient parse counts that field, the model's does not.
func repeatsDeleted(err error, deleted map[int]string) bool {
	var e *parser.Error
	if !errors.As(err, &e) || e.Section != "4.2" {
		return false
	}
	for at, rule := range deleted {
		if rule == e.Rule && at <= e.Offset {
			return true
		}
	}
	return false
}

// parseHead parses the head at the start of b under o: a request, or
// a response to method.
func parseHead(o *parser.Options, b []byte, kind parser.Kind, method string, m *parser.Message) (int, error) {
	if kind == parser.Request {
		return o.ParseRequest(b, m)
	}
	return o.ParseResponse(b, m, []byte(method))
}

// headerBytesLimit reports whether err is Options.MaxHeaderBytes
// crossed, which counts the bytes received: a rewrite that inserts or
// deletes some moves the line where it is crossed.
func headerBytesLimit(err error) bool {
	var e *parser.Error
	return errors.Is(err, parser.ErrLimit) && errors.As(err, &e) && strings.Contains(e.Msg, "MaxHeaderBytes")
}

// compareRewrite holds the parse of data under o (the leniency name on)
// to the parse of w.out under strict (it off): the same length, error
// (rule, section, message, offset) and Message, w's offsets mapped back
// (n, HeadLen, each field's Offset), each field's Value passed through
// value (nil: as it is). When either crosses MaxHeaderBytes nothing is
// compared (headerBytesLimit).
func compareRewrite(r *Result, name string, data []byte, kind parser.Kind, method string, o, strict *parser.Options, w rewrite, value func([]byte) []byte) {
	var m1, m2 parser.Message
	n1, err1 := parseHead(o, data, kind, method, &m1)
	n2, err2 := parseHead(strict, w.out, kind, method, &m2)
	if headerBytesLimit(err1) || headerBytesLimit(err2) {
		return
	}
	if err2 == nil {
		m2.HeadLen = w.at(n2) - w.at(n2-m2.HeadLen)
		n2 = w.at(n2)
		for i := range m2.Headers {
			m2.Headers[i].Offset = w.at(m2.Headers[i].Offset)
		}
	}
	if d := sameError(err1, err2, w.at); d != "" || n1 != n2 {
		r.add(OracleModel, name, fmt.Sprintf("%d %v", n1, err1), fmt.Sprintf("%d %v (%s)", n2, err2, d), "")
		return
	}
	if err1 != nil {
		return
	}
	if value != nil {
		for i := range m1.Headers {
			m1.Headers[i].Value = value(m1.Headers[i].Value)
		}
	}
	if a, b := messageString(&m1), messageString(&m2); a != b {
		r.add(OracleModel, name, a, b, "")
	}
}

// headFieldSpans returns where each header field of the head at the start
// of b starts and ends (fieldAt's bounds: a line that starts with
// neither SP nor HT, and the lines that continue it), up to the empty
// line, lines split at LF; nil when the start line does not end.
func headFieldSpans(b []byte, kind parser.Kind, o *parser.Options) [][2]int {
	i := headStart(b, kind, o)
	if i < 0 {
		return nil
	}
	var fs [][2]int
	for i < len(b) && lineEnd(b[i:], true) == 0 {
		_, t := fieldAt(b, i)
		fs = append(fs, [2]int{i, t})
		i = t
	}
	return fs
}

// cutField returns the field-name and the field-value of the field
// b (its lines with their ends), each without the LWS around it (§4.2:
// white space and folds, which AllowSpaceBeforeColon lets stand before
// the colon too); ok is false without a colon.
func cutField(b []byte) (name, value []byte, ok bool) {
	name, value, ok = bytes.Cut(b, []byte{':'})
	return bytes.Trim(name, " \t\r\n"), bytes.Trim(value, " \t\r\n"), ok
}

// decimalEqual reports whether the digit strings a and b are one
// decimal number, leading zeros aside (RFC 7230 §3.3.2's "identical
// decimal values"), however long: written apart from the parser's.
func decimalEqual(a, b []byte) bool {
	return bytes.Equal(bytes.TrimLeft(a, "0"), bytes.TrimLeft(b, "0"))
}

// compareDuplicateContentLength is a model of
// Options.AllowDuplicateContentLength (RFC 2616 §4.2, §14.13; RFC 7230
// §3.3.2): a Content-Length field after the first, of the same decimal
// value, is a repeat the recipient drops. As long as the parse with it
// off refuses the head for a Content-Length that appears more than once
// (§4.2) and that field's value equals the first Content-Length's
// (decimalEqual, over the model's own field split), the repeat is
// deleted and the rest parsed again; the lenient parse must give what
// that parse gives (compareDeleted: length, error, Message, offsets
// mapped back, the repeats left out of Headers). A repeat of another
// value stays, and both parses must refuse it alike.
func compareDuplicateContentLength(r *Result, data []byte, kind parser.Kind, method string, o *parser.Options) {
	off := *o
	off.AllowDuplicateContentLength = false
	w := identity(data)
	deleted := map[int]bool{}
	for range 100 {
		var e *parser.Error
		_, err := parseHead(&off, w.out, kind, method, new(parser.Message))
		if !errors.As(err, &e) || e.Rule != "Content-Length" || e.Section != "4.2" || errors.Is(err, parser.ErrLimit) {
			break
		}
		s, t := fieldAt(w.out, e.Offset)
		_, v, _ := cutField(w.out[s:t])
		var first []byte
		for _, f := range headFieldSpans(w.out, kind, o) {
			if n, fv, ok := cutField(w.out[f[0]:f[1]]); ok && f[0] < s && bytes.EqualFold(n, []byte("Content-Length")) {
				first = fv
				break
			}
		}
		if first == nil || !decimalEqual(first, v) {
			break
		}
		deleted[w.at(s)] = true
		w = w.without(s, t)
	}
	compareDeleted(r, "AllowDuplicateContentLength", data, kind, method, o, &off, w, deleted, nil)
}

// compareContentLengthWithTE is a model of
// Options.AllowContentLengthWithTE, read from RFC 2616 §4.4: "If a
// message is received with both a Transfer-Encoding header field and a
// Content-Length header field, the latter MUST be ignored." When the
// parse with it off refuses the head for having both (rule
// Content-Length, §4.4: a transfer-coding other than identity and a
// Content-Length), every Content-Length field (the model's own field
// split, headFieldSpans) is deleted; the lenient parse must give what the
// strict parse gives on the rest (compareDeleted), DeclaredLength none
// among it. Unless the Transfer-Encoding is itself ignored, in an
// HTTP/1.0 head whose Connection names it (§14.10: "remove and ignore"
// the fields it names; connectionNamesTE): then Content-Length frames
// the body, and the lenient parse must give what the strict parse gives
// with each Transfer-Encoding field's value written as "identity" (no
// transfer-coding, which every other rule reads alike: the field is
// still there), those fields left out of both. Otherwise the two parses
// must agree on the input as it is.
func compareContentLengthWithTE(r *Result, data []byte, kind parser.Kind, method string, o *parser.Options) {
	off := *o
	off.AllowContentLengthWithTE = false
	w := identity(data)
	deleted := map[int]bool{}
	var e *parser.Error
	if _, err := parseHead(&off, data, kind, method, new(parser.Message)); errors.As(err, &e) && e.Rule == "Content-Length" && e.Section == "4.4" {
		ignored := connectionNamesTE(data, kind, o)
		fs := headFieldSpans(data, kind, o)
		for i := len(fs) - 1; i >= 0; i-- {
			n, v, ok := cutField(data[fs[i][0]:fs[i][1]])
			switch {
			case !ok:
			case ignored && bytes.EqualFold(n, []byte("Transfer-Encoding")):
				deleted[fs[i][0]] = true
				// The value after the colon: searched from the field's
				// start, "e" was found in the name (a review).
				f := data[fs[i][0]:fs[i][1]]
				colon := bytes.IndexByte(f, ':') + 1
				at := fs[i][0] + colon + bytes.Index(f[colon:], v)
				w = w.replaced(at, at+len(v), []byte("identity"))
			case !ignored && bytes.EqualFold(n, []byte("Content-Length")):
				deleted[fs[i][0]] = true
				w = w.without(fs[i][0], fs[i][1])
			}
		}
	}
	compareDeleted(r, "AllowContentLengthWithTE", data, kind, method, o, &off, w, deleted, nil)
}

// connectionNamesTE reports a head of data whose HTTP-Version is below
// 1.1 (atLeast11) and whose Connection fields name Transfer-Encoding
// (§14.10, a 1#connection-token list; the model's own field split).
func connectionNamesTE(data []byte, kind parser.Kind, o *parser.Options) bool {
	i := headStart(data, kind, o)
	if i < 0 {
		return false
	}
	start := strings.Fields(string(data[:i]))
	if len(start) < 2 {
		return false
	}
	version := start[len(start)-1]
	if kind == parser.Response {
		version = start[0]
	}
	if at11, ok := atLeast11(version); !ok || at11 {
		return false
	}
	for _, f := range headFieldSpans(data, kind, o) {
		n, v, ok := cutField(data[f[0]:f[1]])
		if !ok || !bytes.EqualFold(n, []byte("Connection")) {
			continue
		}
		for _, tok := range strings.Split(string(v), ",") {
			if strings.EqualFold(trimLWS(tok), "transfer-encoding") {
				return true
			}
		}
	}
	return false
}

// isWhite reports SP or HT, the white space §19.3 lets a tolerant
// start line repeat.
func isWhite(c byte) bool { return c == ' ' || c == '\t' }

// tolerantStartLine rewrites the start line of the head at the start
// of b with each run of SP and HT between its fields written as one SP
// (RFC 2616 §19.3: "tolerant applications ... accept any amount of SP
// or HT characters between fields, even though only a single SP is
// required"), as Options.AllowTolerantStartLine reads it: a request
// line has three fields (Method, Request-URI, HTTP-Version; §5.1), a
// status line two and a Reason-Phrase that is the rest of the line
// (§6.1), empty when the line ends after the Status-Code and a run of
// white space, which is written as the SP before it; with no white
// space there the line is left without that SP, which the strict parse
// refuses (the option takes more white space than one SP, never less).
// An inserted SP stands for the run's first byte. ok is false for a
// line of another shape:
// white space before the first field, a request line of other than
// three fields or with white space after its HTTP-Version, a status
// line of one field; the lenient parse must refuse those. The line
// ends at its LF (its CR before it, or the input's end).
func tolerantStartLine(b []byte, kind parser.Kind, o *parser.Options) (w rewrite, ok bool) {
	i := 0
	if kind == parser.Request && o.AllowLeadingEmptyLines {
		i = skipEmptyLines(b, o.AllowBareLF)
	}
	end := len(b)
	if j := bytes.IndexByte(b[i:], '\n'); j >= 0 {
		end = i + j
	}
	if end > i && b[end-1] == '\r' {
		end--
	}
	line := b[i:end]
	if len(line) == 0 || isWhite(line[0]) {
		return identity(b), false
	}
	// The fields and the runs before them: field k is line[at[k]:to[k]],
	// and the run before field k starts at to[k-1].
	var at, to []int
	k := 0
	for k < len(line) {
		for k < len(line) && isWhite(line[k]) {
			k++
		}
		if k == len(line) {
			break
		}
		j := k
		for j < len(line) && (kind == parser.Response && len(at) == 2 || !isWhite(line[j])) {
			j++
		}
		at, to = append(at, k), append(to, j)
		k = j
	}
	switch {
	case kind == parser.Request && (len(at) != 3 || to[2] != len(line)):
		return identity(b), false
	case kind == parser.Response && len(at) < 2:
		return identity(b), false
	}
	w = rewrite{out: make([]byte, 0, len(b)+1), orig: make([]int, 0, len(b)+2)}
	copyTo := func(from, to int) {
		for k := from; k < to; k++ {
			w.put(b[k], k)
		}
	}
	copyTo(0, i)
	for f := range at {
		if f > 0 {
			w.put(' ', i+to[f-1])
		}
		copyTo(i+at[f], i+to[f])
	}
	if kind == parser.Response && len(at) == 2 && to[1] < len(line) {
		// No Reason-Phrase after a run: the SP before the empty one.
		// With no white space after the Status-Code there is none to
		// write, and the strict parse refuses the line at its end.
		w.put(' ', i+to[1])
	}
	copyTo(end, len(b))
	w.orig = append(w.orig, len(b))
	return w, true
}

// startLineLimit reports whether err is Options.MaxStartLine crossed,
// which counts the start line's bytes as received.
func startLineLimit(err error) bool {
	var e *parser.Error
	return errors.Is(err, parser.ErrLimit) && errors.As(err, &e) && strings.Contains(e.Msg, "MaxStartLine")
}

// compareTolerantStartLine is a model of Options.AllowTolerantStartLine
// (RFC 2616 §19.3): parsed under o, data must give what the strict parse
// (o with it off) gives on data with its start line's runs of SP and HT
// written as single SPs (tolerantStartLine): length, error and Message,
// offsets mapped back (an error in a written SP at the run's first
// byte). A start line of another shape must fail. Neither is compared
// when either parse crosses MaxStartLine (the runs count).
func compareTolerantStartLine(r *Result, data []byte, kind parser.Kind, method string, o *parser.Options) {
	strict := *o
	strict.AllowTolerantStartLine = false
	w, ok := tolerantStartLine(data, kind, o)
	if !ok {
		if n, err := parseHead(o, data, kind, method, new(parser.Message)); err == nil {
			r.add(OracleModel, "AllowTolerantStartLine", fmt.Sprintf("%d ok", n), "no message: a start line of another shape (§5.1, §6.1)", "")
		}
		return
	}
	_, err1 := parseHead(o, data, kind, method, new(parser.Message))
	_, err2 := parseHead(&strict, w.out, kind, method, new(parser.Message))
	if startLineLimit(err1) || startLineLimit(err2) {
		return
	}
	compareRewrite(r, "AllowTolerantStartLine", data, kind, method, o, &strict, w, nil)
}

// chunkedBareLFToCRLF rewrites a Chunked-Body (RFC 2616 §3.6.1) as
// Options.AllowBareLF reads it, for ChunkedOptions.AllowBareLF's model:
// each bare LF written CRLF where the grammar has CRLF (§19.3), walking
// the chunks by their sizes, in the chunk-size lines, the line end after
// each chunk's data, the last-chunk line and the trailer's lines up to
// its empty line, never inside chunk-data, which is data, nor after the
// body. Where the walk cannot go on (a size that is no 1*HEX, data cut
// short, no line end after the data) the rest stays as it is: both
// parses fail there alike.
func chunkedBareLFToCRLF(b []byte) rewrite {
	w := rewrite{out: make([]byte, 0, len(b)+8), orig: make([]int, 0, len(b)+9)}
	copyTo := func(from, to int, lineEnd bool) {
		for i := from; i < to; i++ {
			if lineEnd && b[i] == '\n' && (i == 0 || b[i-1] != '\r') {
				w.put('\r', i)
			}
			w.put(b[i], i)
		}
	}
	i := 0
walk:
	for {
		lf := bytes.IndexByte(b[i:], '\n')
		if lf < 0 {
			break
		}
		lf += i
		// A line with no chunk-size fails at its first byte, read
		// alike: it stays as it is.
		size, ok := hexPrefix(b[i:lf])
		if !ok {
			break
		}
		copyTo(i, lf+1, true)
		i = lf + 1
		switch {
		case size == 0:
			// The trailer, its lines up to the first empty one.
			for i < len(b) {
				lf := bytes.IndexByte(b[i:], '\n')
				if lf < 0 {
					break
				}
				lf += i
				empty := lf == i || lf == i+1 && b[i] == '\r'
				copyTo(i, lf+1, true)
				i = lf + 1
				if empty {
					break
				}
			}
			break walk
		case uint64(len(b)-i) <= size:
			break walk
		}
		copyTo(i, i+int(size), false)
		i += int(size)
		switch {
		case b[i] == '\n':
			// Bare even after a CR that ends the data.
			w.put('\r', i)
			w.put('\n', i)
			i++
		case b[i] == '\r' && i+1 < len(b) && b[i+1] == '\n':
			copyTo(i, i+2, false)
			i += 2
		default:
			break walk
		}
	}
	copyTo(i, len(b), false)
	w.orig = append(w.orig, len(b))
	return w
}

// hexPrefix reads the chunk-size at the start of a chunk line (1*HEX,
// §3.6.1): false without a HEX digit or past 15 significant ones.
func hexPrefix(line []byte) (uint64, bool) {
	var v uint64
	n := 0
	for _, c := range line {
		if !isHex(c) {
			break
		}
		if v > 1<<59 {
			return 0, false
		}
		v = v<<4 | uint64(unhex(c))
		n++
	}
	return v, n > 0
}

// chunkedRead is what a ChunkedReader over data made of it: the body,
// the error, where the body ends in data (-1 on an error) and the
// trailer.
type chunkedRead struct {
	body    []byte
	err     error
	end     int
	trailer []parser.TrailerField
}

func readChunked(data []byte, o *parser.ChunkedOptions) chunkedRead {
	src := bytes.NewReader(data)
	cr := parser.NewChunkedReader(src, o)
	body, err := io.ReadAll(cr)
	c := chunkedRead{body: body, err: err, end: -1}
	if err == nil {
		c.end = len(data) - src.Len() - len(cr.Rest())
		c.trailer = cr.Trailer()
	}
	return c
}

// compareChunkedBareLF is a model of ChunkedOptions.AllowBareLF that
// does not share the ChunkedReader's reading of line ends: data decoded
// with the leniency on must give what a strict ChunkedReader gives on
// data rewritten by chunkedBareLFToCRLF, offsets mapped back: the body,
// the error (rule, section, message, offset), where the body ends, and
// the trailer fields (name, value with its folds' bare LF ends written
// CRLF, offset). A limit's error is not compared: the CRs written count
// against the strict reader's MaxLineBytes and MaxTrailerBytes.
func compareChunkedBareLF(r *Result, data []byte) {
	w := chunkedBareLFToCRLF(data)
	l := readChunked(data, &parser.ChunkedOptions{AllowBareLF: true})
	s := readChunked(w.out, nil)
	if errors.Is(l.err, parser.ErrLimit) || errors.Is(s.err, parser.ErrLimit) {
		return
	}
	const name = "ChunkedOptions.AllowBareLF"
	if d := sameError(l.err, s.err, w.at); d != "" {
		r.add(OracleModel, name, fmt.Sprint(l.err), d, "")
		return
	}
	if !bytes.Equal(l.body, s.body) {
		r.add(OracleModel, name, fmt.Sprintf("body %q", l.body), fmt.Sprintf("body %q", s.body), "")
		return
	}
	if l.err != nil {
		return
	}
	if want := w.at(s.end); l.end != want {
		r.add(OracleModel, name, fmt.Sprintf("end %d", l.end), fmt.Sprintf("end %d", want), "")
		return
	}
	var lt, st []string
	for _, f := range l.trailer {
		lt = append(lt, fmt.Sprintf("%s: %q @%d", f.Name, crlfValue(f.Value), f.Offset))
	}
	for _, f := range s.trailer {
		st = append(st, fmt.Sprintf("%s: %q @%d", f.Name, f.Value, w.at(f.Offset)))
	}
	if !slices.Equal(lt, st) {
		r.add(OracleModel, name, strings.Join(lt, "; "), strings.Join(st, "; "), "")
	}
}
