package parser

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// fastSeeds are heads for TestFastPathAgrees (package fuzz's fastpath
// target fuzzes the same comparison, FuzzFastPath there): the
// committed request and response corpora (../corpus/request and
// ../corpus/response, part of this repository) and a few written here.
func fastSeeds(t testing.TB) [][]byte {
	seeds := [][]byte{
		[]byte("GET / HTTP/1.1\r\nHost: a\r\n\r\n"),
		[]byte("GET / HTTP/1.1\r\nHost: a\r\nX: b\r\n c\r\n\r\n"),
		[]byte("GET / HTTP/1.1\r\nHost : a\r\nAccept: */*;q=0.5 \r\nUser-Agent: x (y (z))\r\n\r\n"),
		[]byte("POST /p HTTP/1.0\r\nContent-Length: 3\r\nConnection: keep-alive\r\n\r\nabc"),
		[]byte("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
		[]byte("GET / HTTP/1.1\r\nHost: a\r\nRange: bytes=1-\r\nRange: bytes=2-\r\n\r\n"),
		[]byte("GET / HTTP/1.1\r\nHost: a\r\nAccept: \x01\r\n\r\n"),
		[]byte("GET / HTTP/1.1\r\nHost: a\r\nX: \xff\xfe obs-text\r\n\r\n"),
		[]byte("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nab"),
		[]byte("HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\nX:\r\n y\r\n\r\n"),
		[]byte("HTTP/1.0 200 \r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n"),
	}
	files, err := filepath.Glob(filepath.Join("..", "corpus", "request", "*"))
	if err != nil {
		t.Fatal(err)
	}
	responses, err := filepath.Glob(filepath.Join("..", "corpus", "response", "*"))
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, responses...)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		seeds = append(seeds, b)
	}
	return seeds
}

// fastOptions are the option sets the one-pass path runs under.
var fastOptions = []*Options{
	nil,
	{SkipValueGrammars: true},
	{AllowDuplicateContentLength: true, AllowContentLengthWithTE: true},
	{AllowSpaceBeforeColon: true},
	{AllowInvalidDates: true},
	{MaxStartLine: 20, MaxHeaderBytes: 40, MaxHeaders: 2},
}

// parseBoth parses b as a request, and as a response to GET and to HEAD,
// with and without the one-pass path and describes any difference in the
// result, the error or the Message.
func parseBoth(o *Options, b []byte) string {
	for _, method := range [][]byte{nil, []byte("GET"), []byte("HEAD")} {
		if d := parseBothAs(o, b, method); d != "" {
			return d
		}
	}
	return ""
}

// parseBothAs is parseBoth for a request (method nil) or a response to
// method.
func parseBothAs(o *Options, b, method []byte) string {
	kind := Request
	parse := func(m *Message) (int, error) { return o.ParseRequest(b, m) }
	if method != nil {
		kind = Response
		parse = func(m *Message) (int, error) { return o.ParseResponse(b, m, method) }
	}
	var m1, m2 Message
	if h := (head{o: o, b: b, m: &m1}); h.fastOK() {
		if _, ok := h.fast(kind, method); ok {
			fastTaken++
		}
	}
	n1, err1 := parse(&m1)
	noFast = true
	n2, err2 := parse(&m2)
	noFast = false
	if n1 != n2 || fmt.Sprint(err1) != fmt.Sprint(err2) {
		return fmt.Sprintf("one pass: %d, %v; line by line: %d, %v", n1, err1, n2, err2)
	}
	m1.spans, m2.spans = nil, nil // the one-pass path's buffer
	if err1 == nil && !reflect.DeepEqual(m1, m2) {
		return fmt.Sprintf("%v: one pass: %+v\nline by line: %+v", kind, m1, m2)
	}
	return ""
}

// TestFastPathAgrees checks that the one-pass head path (head.fast) and
// the line-by-line path give the same length, error and Message on the
// seeds, on every prefix of each, and on random mutations that put line
// ends, white space, colons, control and high bytes anywhere.
func TestFastPathAgrees(t *testing.T) {
	rnd := rand.New(rand.NewSource(1))
	special := []byte{'\r', '\n', ' ', '\t', ':', 0x00, 0x7f, 0x80, 0xff, '(', ')', '"', '\\', ',', ';', '=', 'a', '0'}
	inputs := 0
	for _, seed := range fastSeeds(t) {
		var ins [][]byte
		for i := 0; i <= len(seed) && i <= 600; i++ {
			ins = append(ins, seed[:i])
		}
		for k := 0; k < 200; k++ {
			b := append([]byte(nil), seed...)
			for j := 1 + rnd.Intn(3); j > 0 && len(b) > 0; j-- {
				i := rnd.Intn(len(b))
				c := special[rnd.Intn(len(special))]
				switch rnd.Intn(3) {
				case 0:
					b[i] = c
				case 1:
					b = append(b[:i], append([]byte{c}, b[i:]...)...)
				default:
					b = append(b[:i], b[i+1:]...)
				}
			}
			ins = append(ins, b)
		}
		for _, in := range ins {
			for oi, o := range fastOptions {
				inputs++
				if d := parseBoth(o, in); d != "" {
					t.Fatalf("options %d, input %q:\n%s", oi, in, d)
				}
			}
		}
	}
	t.Logf("%d inputs × options agree; the one pass took %d of them", inputs, fastTaken)
	if fastTaken < inputs/20 {
		t.Errorf("the one-pass path took only %d of %d inputs", fastTaken, inputs)
	}
}

// fastTaken counts the inputs parseBoth saw the one-pass path accept.
var fastTaken int

// TestFastPathTaken: well-formed heads take the one-pass path, with the
// fields where SpansMessageHead puts them (LWS around the colon, folded
// lines, empty values and Status-Line-like starts included).
func TestFastPathTaken(t *testing.T) {
	tests := []struct {
		name, in string
		ok       bool
		fields   []string // name=value
		opts     *Options
	}{
		{"simple", "GET / HTTP/1.1\r\nHost: a\r\n\r\n", true, []string{"Host=a"}, nil},
		{"folded", "GET / HTTP/1.1\r\nHost: a\r\nX-Y:  b\r\n c \r\nZ:\r\n\r\n", true, []string{"Host=a", "X-Y=b\r\n c", "Z="}, nil},
		// RFC 7230 §3.2.4: refused unless allowed; the line-by-line path
		// says why.
		{"space before colon", "GET / HTTP/1.1\r\nHost: a\r\nX-Y :  b\r\n c \r\nZ:\r\n\r\n", false, nil, nil},
		{"space before colon allowed", "GET / HTTP/1.1\r\nHost: a\r\nX-Y :  b\r\n c \r\nZ:\r\n\r\n", true, []string{"Host=a", "X-Y=b\r\n c", "Z="}, &Options{AllowSpaceBeforeColon: true}},
		{"body after", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nab", true, []string{"Host=a", "Content-Length=2"}, nil},
		{"no fields", "GET / HTTP/1.0\r\n\r\n", true, nil, nil},
		{"status line", "HTTP/1.1 200 OK\r\nServer: x\r\n\r\n", true, []string{"Server=x"}, nil},
		{"empty reason", "HTTP/1.0 404 \r\n\r\n", true, nil, nil},
		{"incomplete", "GET / HTTP/1.1\r\nHost: a\r\n", false, nil, nil},
		{"bad field", "GET / HTTP/1.1\r\nHost: a\r\nX\r\n\r\n", false, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m Message
			h := head{b: []byte(tt.in), m: &m, o: tt.opts}
			kind := Request
			if strings.HasPrefix(tt.in, "HTTP/") {
				kind = Response
			}
			n, ok := h.fast(kind, nil)
			if ok != tt.ok {
				t.Fatalf("fast(%q) = %d, %v, want ok %v", tt.in, n, ok, tt.ok)
			}
			if !ok {
				return
			}
			var got []string
			for _, f := range m.Headers {
				got = append(got, string(f.Name)+"="+string(f.Value))
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.fields) {
				t.Errorf("fields %q, want %q", got, tt.fields)
			}
		})
	}
}
