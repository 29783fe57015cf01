//go:build !gofuzz

package fuzz

import (
	"slices"
	"testing"
)

// TestRefEveryMessage: oracle 1 (the reference parser) checks the lines
// and chunked body of every message of a pipelined input, not only the
// first one's.
func TestRefEveryMessage(t *testing.T) {
	var seen []string
	refSeen = func(rule string, data []byte) { seen = append(seen, rule+" "+string(data)) }
	defer func() { refSeen = nil }()
	CheckRequestWith([]byte("GET / HTTP/1.1\r\nHost: a\r\n\r\n"+
		"POST /2 HTTP/1.1\r\nHost: b\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nT: 1\r\n\r\n"+
		"GET /3 HTTP/1.1\r\nHost: c"), Options{})
	for _, want := range []string{
		"Request-Line GET / HTTP/1.1\r\n",
		"Request-Line POST /2 HTTP/1.1\r\n",
		"message-header Transfer-Encoding: chunked",
		"Chunked-Body 3;x=y\r\nabc\r\n0\r\nT: 1\r\n\r\n",
		"Request-Line GET /3 HTTP/1.1\r\n",
		"Host Host: c",
	} {
		if !slices.Contains(seen, want) {
			t.Errorf("oracle 1 did not check %q; it checked %q", want, seen)
		}
	}
}

// TestAcceptsOnlyGrammar: a hand-written value parser that takes what
// the generated rule refuses is a disagreement (a ParseQValue mutated to
// take 0.5000 passed every fuzz test before), and with exact so is one
// that refuses what the rule matches.
func TestAcceptsOnlyGrammar(t *testing.T) {
	for _, tt := range []struct {
		name, rule, data string
		ok, exact, want  bool
	}{
		{"takes more than the grammar", "qvalue", "0.5000", true, true, true},
		{"refuses a qvalue", "qvalue", "0.5", false, true, true},
		{"agrees", "qvalue", "0.5", true, true, false},
		{"refuses a date the grammar matches", "HTTP-date", "Sun, 30 Feb 1994 08:49:37 GMT", false, false, false},
		{"takes a date off the grammar", "HTTP-date", "Sun, 06 Nov 1994 08:49:37 gmt", true, false, true},
	} {
		var r Result
		acceptsOnlyGrammar(&r, tt.rule, []byte(tt.data), tt.ok, tt.exact)
		if got := len(r.Disagreements) > 0; got != tt.want {
			t.Errorf("%s: disagreement %v (%v), want %v", tt.name, got, r.Disagreements, tt.want)
		}
	}
}

// TestRangeMultipart: a multipart answer is compared part by part (each
// part's Content-Range, in order, and their bytes); it was not compared
// at all, so a resolver that cut every range but the first to one byte
// passed.
func TestRangeMultipart(t *testing.T) {
	got := serveRange("bytes=0-9,20-29")
	want := rangeAnswer{Status: 206, Multipart: true, ContentRange: "bytes 0-9/100, bytes 20-29/100", Len: 20}
	if got != want {
		t.Errorf("serveRange = %v, want %v", got, want)
	}
	if r := CheckRange([]byte("bytes=0-9,20-29")); len(r.Disagreements) > 0 {
		t.Errorf("CheckRange: %v", r.Disagreements)
	}
}

// TestBareLineEndsNotInBodies: bare-lf and bare-cr look at lines, not at
// the bytes of a body Content-Length delimits (a bare LF there is data,
// and it explained a verdict that had another cause).
func TestBareLineEndsNotInBodies(t *testing.T) {
	head := "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\n"
	data := []byte(head + "a\nb" + "@")
	m := Msg{Method: "POST", Framing: "length", Body: "a\nb", Start: 0, End: len(head) + 3}
	if got := string(withoutBodyData(data, []Msg{m}, 0, len(data))); got != head+"@" {
		t.Errorf("withoutBodyData = %q, want %q", got, head+"@")
	}
	ours := Outcome{Verdict: "error", ErrOffset: len(data) - 1, Messages: []Msg{m}}
	theirs := Outcome{Verdict: "ok", Messages: []Msg{{Method: "PUT"}}}
	if got := Classify("request", OracleNetHTTP, "verdict", data, ours, theirs); got == "bare-lf" {
		t.Errorf("Classify = %q: a bare LF in a Content-Length body explained the verdict", got)
	}
	// In a head it still does.
	data = []byte("POST / HTTP/1.1\nHost: a\r\n\r\n")
	if got := Classify("request", OracleNetHTTP, "verdict", data, Outcome{Verdict: "error", ErrOffset: 15}, Outcome{Verdict: "ok", Messages: []Msg{{Method: "POST"}}}); got != "bare-lf" {
		t.Errorf("Classify = %q, want bare-lf", got)
	}
}

// TestBareLineEndsNotInChunkData: a bare LF or CR inside chunk-data is
// data, in the chunked target and in a chunked message, and explains
// nothing; in the chunk lines, the bytes after the data and the trailer
// it still may.
func TestBareLineEndsNotInChunkData(t *testing.T) {
	for _, tc := range []struct {
		name, body, want string
	}{
		{"data dropped", "3\r\na\nb\r\n2;x\r\n\r\r\r\n0\r\nT: 1\n\r\n", "3\r\n\r\n2;x\r\n\r\n0\r\nT: 1\n\r\n"},
		{"size net/http reads", "3 \r\nabc\r\n0\r\n\r\n", "3 \r\n\r\n0\r\n\r\n"},
		{"bytes after data kept", "1\r\na\nX0\r\n\r\n", "1\r\n\nX0\r\n\r\n"},
		{"data cut short kept", "5\r\na\nb", "5\r\na\nb"},
		{"bad size kept", "x\r\na\nb\r\n", "x\r\na\nb\r\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(chunkLines([]byte(tc.body))); got != tc.want {
				t.Errorf("chunkLines = %q, want %q", got, tc.want)
			}
		})
	}
	// The chunked target: a bare LF and a bare CR in chunk-data, and an
	// error of ours at the end (a trailer cut short).
	data := []byte("3\r\na\nb\r\n2\r\nc\rd\r\n0\r\nT: 1")
	ours := Outcome{Verdict: "error", ErrOffset: len(data) - 1}
	theirs := Outcome{Verdict: "ok", Messages: []Msg{{Body: "a\nbc\rd"}}}
	for _, class := range []string{"bare-lf", "bare-cr"} {
		if got := Classify("chunked", OracleChunked, "verdict", data, ours, theirs); got == class {
			t.Errorf("Classify = %q: a bare line end in chunk-data explained the verdict", got)
		}
	}
	// The same body in a request.
	head := "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
	body := "3\r\na\nb\r\n2\r\nc\rd\r\n0\r\n\r\n"
	data = []byte(head + body + "GET / HTTP/1.1\r\nHost: a\r\nX\r\n")
	m := Msg{Method: "POST", Version: "HTTP/1.1", Framing: "chunked", Body: "a\nbc\rd", Start: 0, End: len(head) + len(body)}
	ours = Outcome{Verdict: "error", ErrOffset: len(data) - 3, Messages: []Msg{m}}
	m2 := m
	m2.Body = "other"
	theirs = Outcome{Verdict: "ok", Messages: []Msg{m2, {Method: "GET"}}}
	for _, class := range []string{"bare-lf", "bare-cr"} {
		if got := Classify("request", OracleNetHTTP, "verdict", data, ours, theirs); got == class {
			t.Errorf("Classify = %q: a bare line end in a chunked message's data explained the verdict", got)
		}
	}
	// In a trailer it still does.
	data = []byte("0\r\nT: 1\n\r\n")
	if got := Classify("chunked", OracleChunked, "verdict", data, Outcome{Verdict: "error", ErrOffset: 7}, Outcome{Verdict: "ok", Messages: []Msg{{}}}); got != "bare-lf" {
		t.Errorf("Classify = %q, want bare-lf", got)
	}
}
