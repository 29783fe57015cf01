package fuzz

import (
	"bytes"
	"fmt"

	"github.com/abnfc/abnfc/parser"
)

// spansMessageHead is parser.SpansMessageHead; the tests put a wrong one
// in its place.
var spansMessageHead = parser.SpansMessageHead

// compareSpans checks parser.SpansMessageHead on data: its length is
// ScanMessageHead's (which oracle 1 holds to ref), and its spans are the
// ones modelSpans finds in that prefix by splitting its lines.
func compareSpans(r *Result, data []byte) {
	spans, n, ok := spansMessageHead(data, nil)
	sn, sok := parser.ScanMessageHead(data)
	if ok != sok || ok && n != sn || !ok && (n != -1 || len(spans) != 0) {
		r.add(OracleModel, "SpansMessageHead", fmt.Sprint(n, ok, len(spans)), fmt.Sprint(sn, sok), "")
		return
	}
	if !ok {
		return
	}
	var got []string
	for _, s := range spans {
		if s.Capture < 0 || s.Capture >= len(parser.MessageHeadSpanNames) || s.Start < 0 || s.Start > s.End || s.End > n {
			got = append(got, fmt.Sprintf("bad span %+v", s))
			continue
		}
		got = append(got, fmt.Sprintf("%s %q", parser.MessageHeadSpanNames[s.Capture], data[s.Start:s.End]))
	}
	if want := modelSpans(data[:n]); fmt.Sprint(got) != fmt.Sprint(want) {
		r.add(OracleModel, "SpansMessageHead", fmt.Sprint(got), fmt.Sprint(want), "")
	}
}

// modelSpans returns the spans of a message-head (RFC 2616 §4.1, which
// head matches), in the order SpansMessageHead reports them (each when
// it ends, inner before outer), found from its lines with none of the
// span machine: a Request-Line's Method, Request-URI and HTTP-Version
// are its three words (§5.1: SP separated, and none holds SP), a
// Status-Line's HTTP-Version its first word (§6.1); then for each field
// (a line and the lines folded onto it, §2.2) its field-name, the bytes
// before the colon less the LWS that may follow it (§2.1 implied LWS),
// and the message-header, the field's bytes but its CRLF.
func modelSpans(head []byte) []string {
	var out []string
	add := func(name string, b []byte) {
		// An empty match reports no span (abnfc gen's @spans): only
		// the Request-URI can be empty (RFC 2396's authority, §5.1.2,
		// which the grammar takes; ParseRequest refuses it).
		if len(b) > 0 {
			out = append(out, fmt.Sprintf("%s %q", name, b))
		}
	}
	eol := bytes.Index(head, []byte("\r\n"))
	if eol < 0 {
		return []string{"no start line"}
	}
	start := head[:eol]
	if parser.MatchRequestLine(head[:eol+2]) {
		f := bytes.Split(start, []byte(" "))
		if len(f) != 3 {
			return []string{fmt.Sprintf("request line of %d words", len(f))}
		}
		add("Method", f[0])
		add("Request-URI", f[1])
		add("HTTP-Version", f[2])
	} else {
		v, _, _ := bytes.Cut(start, []byte(" "))
		add("HTTP-Version", v)
	}
	rest := head[eol+2:]
	for len(rest) > 0 && !bytes.HasPrefix(rest, []byte("\r\n")) {
		// The field ends at a CRLF not followed by SP or HT.
		end := 0
		for {
			i := bytes.Index(rest[end:], []byte("\r\n"))
			if i < 0 {
				return append(out, "field without CRLF")
			}
			end += i
			if end+2 < len(rest) && (rest[end+2] == ' ' || rest[end+2] == '\t') {
				end += 2
				continue
			}
			break
		}
		field := rest[:end]
		colon := bytes.IndexByte(field, ':')
		if colon < 0 {
			return append(out, "field without colon")
		}
		add("field-name", bytes.TrimRight(field[:colon], " \t\r\n"))
		add("message-header", field)
		rest = rest[end+2:]
	}
	return out
}
