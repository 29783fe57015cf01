package emit_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/abnfc/abnfc/gen"
	"github.com/abnfc/abnfc/grammar/syntax"
)

// TestTuningEndToEnd generates testdata/tuning/tuning.abnf, whose rules
// carry @capture, @limit and @extern, builds it with a driver and a
// hand-written extern, runs it, and compares what it prints with
// testdata/tuning/output.golden (-update rewrites it): one-shot spans,
// streaming Start/Span/End callbacks with data split at chunk boundaries,
// the limit error (in a called rule, and on the whole input of value's
// own functions), and the extern in one-shot mode.
func TestTuningEndToEnd(t *testing.T) {
	g, err := syntax.ParseFile("testdata/tuning/tuning.abnf", syntax.Options{})
	if err != nil {
		t.Fatal(err)
	}
	src, err := gen.Generate(g, gen.Options{Rules: []string{"header", "value"}, Package: "main", Command: "abnfc gen (test)", Source: "tuning.abnf"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), []byte("module tuning\n\ngo 1.26\n"))
	writeFile(t, filepath.Join(dir, "zz_abnf.go"), src)
	for _, f := range []string{"main.go", "extern.go"} {
		b, err := os.ReadFile(filepath.Join("testdata/tuning", f+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, f), b)
	}
	out := goTool(t, dir, nil, "run", ".")
	golden := "testdata/tuning/output.golden"
	if *update {
		writeFile(t, golden, out)
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != string(want) {
		t.Errorf("output differs from %s (-update to accept):\n%s", golden, out)
	}
}

// TestLimitsAndExterns: the errors of @limit and @extern name the right
// rule and place. A limit error names the rule whose limit was reached,
// not the innermost limited one; a rule's own @extern that finds no match,
// or one past the rule's @limit, leaves the machine to say where and why,
// so Validate and the streaming machine give one error, and Scan stops at
// the limit as Prefix does.
func TestLimitsAndExterns(t *testing.T) {
	const src = `; @limit 8
top = 1*( name ";" )
; @limit 4
name = 1*ALPHA
; @extern scanWord
; @limit 5
word = 1*ALPHA
inner = "<" word ">"
`
	const driver = `package main

import "fmt"

func scanWord(b []byte) int {
	n := 0
	for n < len(b) && (b[n]|0x20 >= 'a' && b[n]|0x20 <= 'z') {
		n++
	}
	if n == 0 {
		return -1
	}
	return n
}

type machine interface {
	Reset()
	Write([]byte) (int, error)
	Close() error
	Prefix() int
}

func stream(m machine, in string) (error, int) {
	m.Reset()
	for i := 0; i < len(in); i++ {
		if _, err := m.Write([]byte(in[i : i+1])); err != nil {
			return err, m.Prefix()
		}
	}
	return m.Close(), m.Prefix()
}

func main() {
	err, _ := stream(&TopMachine{}, "ab;cd;efg;")
	fmt.Printf("top: validate %v | stream %v\n", ValidateTop([]byte("ab;cd;efg;")), err)
	for _, in := range []string{"abcdefgh", "ab1", ""} {
		n, ok := ScanWord([]byte(in))
		err, prefix := stream(&WordMachine{}, in)
		fmt.Printf("word %q: scan %d %v | prefix %d | validate %v | stream %v\n", in, n, ok, prefix, ValidateWord([]byte(in)), err)
	}
	for _, in := range []string{"<abcdefgh>", "<ab1>"} {
		err, _ := stream(&InnerMachine{}, in)
		fmt.Printf("inner %q: validate %v | stream %v\n", in, ValidateInner([]byte(in)), err)
	}
}
`
	g, err := syntax.ParseString("limits.abnf", src, syntax.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out, err := gen.Generate(g, gen.Options{Rules: []string{"top", "word", "inner"}, Package: "main", Command: "abnfc gen (test)", Source: "limits.abnf"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), []byte("module limits\n\ngo 1.26\n"))
	writeFile(t, filepath.Join(dir, "zz_abnf.go"), out)
	writeFile(t, filepath.Join(dir, "main.go"), []byte(driver))
	got := string(goTool(t, dir, nil, "run", "."))
	want := `top: validate 1:9: offset 8: top is longer than its limit of 8 bytes | stream 1:9: offset 8: top is longer than its limit of 8 bytes
word "abcdefgh": scan 5 true | prefix 5 | validate 1:6: offset 5: word is longer than its limit of 5 bytes | stream 1:6: offset 5: word is longer than its limit of 5 bytes
word "ab1": scan 2 true | prefix 2 | validate 1:3: offset 2: word: found '1', expected %x41-5A / %x61-7A (in word: ALPHA › %x41-5A) | stream 1:3: offset 2: word: found '1', expected %x41-5A / %x61-7A (in word: ALPHA › %x41-5A)
word "": scan -1 false | prefix -1 | validate 1:1: offset 0: word: found end of input, expected %x41-5A / %x61-7A (in word: ALPHA › %x41-5A) | stream 1:1: offset 0: word: found end of input, expected %x41-5A / %x61-7A (in word: ALPHA › %x41-5A)
inner "<abcdefgh>": validate 1:7: offset 6: word is longer than its limit of 5 bytes | stream 1:7: offset 6: word is longer than its limit of 5 bytes
inner "<ab1>": validate 1:4: offset 3: inner: found '1', expected ">" (in inner: ">") | stream 1:4: offset 3: inner: found '1', expected ">" (in inner: ">")
`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestExternCaptures: CaptureR reports the captures inside a rule with an
// @extern, as streaming does. The extern's function gives only the length
// of a match, so CaptureR runs the rule's machine where captured rules run
// inside it; it had used the function and dropped their spans. Match,
// Scan and Validate still call it, and CaptureR does where nothing inside
// is captured.
func TestExternCaptures(t *testing.T) {
	const src = `top = "<" tok ">" *( "," word )
; @extern scanTok
tok = key "=" 1*DIGIT
; @capture
key = 1*ALPHA
; @capture
; @extern scanWord
word = 1*ALPHA
`
	const driver = `package main

import "fmt"

var calls int

func scanTok(b []byte) int {
	calls++
	i := 0
	for i < len(b) && (b[i]|0x20 >= 'a' && b[i]|0x20 <= 'z') {
		i++
	}
	if i == 0 || i == len(b) || b[i] != '=' {
		return -1
	}
	i++
	j := i
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	if i == j {
		return -1
	}
	return i
}

func scanWord(b []byte) int {
	calls++
	i := 0
	for i < len(b) && (b[i]|0x20 >= 'a' && b[i]|0x20 <= 'z') {
		i++
	}
	if i == 0 {
		return -1
	}
	return i
}

type handler struct{ spans []Span }

func (h *handler) Start(c, start int)       {}
func (h *handler) Span(c int, b []byte)     {}
func (h *handler) End(c int, start, end int) { h.spans = append(h.spans, Span{c, start, end}) }

func main() {
	in := []byte("<ab=12>,cd")
	spans, err := CaptureTop(in, nil)
	fmt.Println("CaptureTop:", spans, err)
	spans, err = CaptureTok(in[1:6], nil)
	fmt.Println("CaptureTok:", spans, err)
	var h handler
	var m TopMachine
	m.SetHandler(&h)
	m.Write(in)
	fmt.Println("streaming:", h.spans, m.Close())
	calls = 0
	fmt.Println("MatchTop:", MatchTop(in), "calls", calls)
}
`
	g, err := syntax.ParseString("extern.abnf", src, syntax.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out, err := gen.Generate(g, gen.Options{Rules: []string{"top", "tok"}, Package: "main", Command: "abnfc gen (test)", Source: "extern.abnf"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), []byte("module externs\n\ngo 1.26\n"))
	writeFile(t, filepath.Join(dir, "zz_abnf.go"), out)
	writeFile(t, filepath.Join(dir, "main.go"), []byte(driver))
	got := string(goTool(t, dir, nil, "run", "."))
	// KeyCapture is 0, WordCapture 1.
	want := `CaptureTop: [{0 1 3} {1 8 10}] <nil>
CaptureTok: [{0 0 2}] <nil>
streaming: [{0 1 3} {1 8 10}] <nil>
MatchTop: true calls 2
`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
