package emit_test

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/abnfc/abnfc/gen"
	"github.com/abnfc/abnfc/gen/automata"
	"github.com/abnfc/abnfc/grammar"
	"github.com/abnfc/abnfc/grammar/ref"
	"github.com/abnfc/abnfc/grammar/rfc2616"
	"github.com/abnfc/abnfc/grammar/sample"
)

// spansDriver runs each SpansR over lines of "rule TAB Go-quoted input"
// from stdin and prints "n ok spans": dst starts with one sentinel span,
// which must survive.
const spansDriver = `package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

var funcs = map[string]func([]byte) (string, int, bool){
	"pair": wrap(SpansPair),
	"line": wrap(SpansLine),
	"fold": wrap(SpansFold),
	"empty": wrap(SpansEmpty),
	"message-head": func(b []byte) (string, int, bool) {
		dst := []HSpan{{Capture: -7, Start: -7, End: -7}}
		out, n, ok := SpansHMessageHead(b, dst)
		return show(len(out), out[0].Capture, func(i int) [3]int { return [3]int{out[i].Capture, out[i].Start, out[i].End} }), n, ok
	},
}

func wrap(f func([]byte, []Span) ([]Span, int, bool)) func([]byte) (string, int, bool) {
	return func(b []byte) (string, int, bool) {
		dst := []Span{{Capture: -7, Start: -7, End: -7}}
		out, n, ok := f(b, dst)
		return show(len(out), out[0].Capture, func(i int) [3]int { return [3]int{out[i].Capture, out[i].Start, out[i].End} }), n, ok
	}
}

func show(n, sentinel int, at func(int) [3]int) string {
	if sentinel != -7 {
		return "sentinel overwritten"
	}
	var s []string
	for i := 1; i < n; i++ {
		s = append(s, fmt.Sprint(at(i)))
	}
	return "[" + strings.Join(s, " ") + "]"
}

func main() {
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		rule, q, _ := strings.Cut(sc.Text(), "\t")
		in, err := strconv.Unquote(q)
		if err != nil {
			panic(err)
		}
		spans, n, ok := funcs[rule]([]byte(in))
		fmt.Println(n, ok, spans)
	}
}
`

// TestSpansEndToEnd generates SpansR for the @spans rules of
// testdata/spans.abnf and for RFC 2616's message-head, builds them with a
// driver and checks every result against automata's ScanSpans (the
// specification, itself checked against the reference parser's trees)
// on samples, near-misses, hand-written inputs and random bytes.
func TestSpansEndToEnd(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), []byte("module spans\n\ngo 1.26\n"))
	writeFile(t, filepath.Join(dir, "main.go"), []byte(spansDriver))
	cases := []struct {
		grammar, prefix string
		rules           []string
	}{
		{"spans.abnf", "", []string{"pair", "line", "fold", "empty"}},
		{rfc2616.Name, "H", []string{"message-head"}},
	}
	rnd := rand.New(rand.NewSource(3))
	var lines bytes.Buffer
	type want struct {
		rule, in, out string
	}
	var wants []want
	for _, c := range cases {
		g := loadGrammar(t, c.grammar)
		src, err := gen.Generate(g, gen.Options{Rules: c.rules, Package: "main", Prefix: c.prefix, Command: "spans", Source: c.grammar})
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, "zz_"+c.prefix+"spans.go"), src)
		low, err := grammar.Lower(g)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range c.rules {
			a, _ := g.Lookup(name).Annotation("spans")
			m, err := automata.CompileSpans(low, name, gen.SpanRules(a.Args), automata.Options{})
			if err != nil {
				t.Fatal(err)
			}
			rp, err := ref.New(g, name)
			if err != nil {
				t.Fatal(err)
			}
			s, err := sample.New(g, name, sample.Options{Seed: 3, MaxSize: 600})
			if err != nil {
				t.Fatal(err)
			}
			inputs := [][]byte{nil, []byte("x"), []byte("a=1;b=\"q r\""), []byte("ab cd  \r\n"),
				[]byte("abc:" + strings.Repeat("v w", 20) + "\r\n   x\r\nb:\r\n\r\n"),
				[]byte("GET / HTTP/1.1\r\nHost: a\r\nX:\r\n y\r\n\r\nbody")}
			for i := 0; i < 60; i++ {
				d, err := s.NextDerivation()
				if err != nil {
					t.Fatal(err)
				}
				inputs = append(inputs, d.Bytes)
				for _, nm := range s.NearMisses(d, rnd, rp.Match) {
					inputs = append(inputs, nm.Input)
				}
				// A prefix, and the input with bytes after it.
				if len(d.Bytes) > 0 {
					inputs = append(inputs, d.Bytes[:rnd.Intn(len(d.Bytes))], append(append([]byte(nil), d.Bytes...), "\r\nx"...))
				}
			}
			for i := 0; i < 20; i++ {
				b := make([]byte, rnd.Intn(16))
				rnd.Read(b)
				inputs = append(inputs, b)
			}
			for _, in := range inputs {
				spans, n := m.ScanSpans(in)
				s := make([]string, len(spans))
				for i, x := range spans {
					s[i] = fmt.Sprint(x)
				}
				wants = append(wants, want{name, string(in), fmt.Sprintf("%d %v [%s]", n, n >= 0, strings.Join(s, " "))})
				fmt.Fprintf(&lines, "%s\t%s\n", name, strconv.Quote(string(in)))
			}
		}
	}
	bin := filepath.Join(dir, "driver")
	goTool(t, dir, nil, "build", "-o", bin, ".")
	out := runWithStdin(t, bin, lines.Bytes())
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	i := 0
	for ; sc.Scan(); i++ {
		if i >= len(wants) {
			t.Fatalf("driver printed more lines than inputs")
		}
		if got := sc.Text(); got != wants[i].out {
			t.Errorf("Spans of %s on %q: generated code says %s, ScanSpans %s", wants[i].rule, wants[i].in, got, wants[i].out)
		}
	}
	if i != len(wants) {
		t.Fatalf("driver printed %d lines for %d inputs", i, len(wants))
	}
	t.Logf("compared %d inputs", len(wants))
}

// runWithStdin runs bin with stdin and returns its output.
func runWithStdin(t *testing.T, bin string, stdin []byte) []byte {
	t.Helper()
	cmd := exec.Command(bin)
	cmd.Stdin = bytes.NewReader(stdin)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v", bin, err)
	}
	return out
}
