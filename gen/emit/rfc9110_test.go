package emit_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/abnfc/abnfc/gen"
	"github.com/abnfc/abnfc/gen/emit"
	"github.com/abnfc/abnfc/grammar"
	"github.com/abnfc/abnfc/grammar/ref"
	"github.com/abnfc/abnfc/grammar/sample"
	"github.com/abnfc/abnfc/grammar/syntax"
)

// loadHTTPGrammar reads RFC 9110's and RFC 9112's collected ABNF
// (grammar/extract/testdata) together, as "abnfc -grammar a,b" does.
func loadHTTPGrammar(t testing.TB) *grammar.Grammar {
	t.Helper()
	var srcs []syntax.Source
	for _, name := range []string{"rfc9110-A.abnf", "rfc9112-A.abnf"} {
		p := filepath.Join("..", "..", "grammar", "extract", "testdata", name)
		b, err := syntax.ReadSource(p)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, syntax.Source{Name: p, Text: b})
	}
	for _, p := range strings.Split(os.Getenv("ABNFC_RFC9110_EXTRA"), ",") {
		if p == "" {
			continue
		}
		b, err := syntax.ReadSource(p)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, syntax.Source{Name: p, Text: b})
	}
	g, err := syntax.Parse(srcs, syntax.Options{})
	if err != nil {
		t.Fatalf("parse RFC 9110 + 9112: %v", err)
	}
	return g
}

// mutate returns n random edits of the inputs: bytes deleted, inserted,
// replaced or doubled, chosen among bytes that matter to HTTP's syntax.
func mutate(rnd *rand.Rand, inputs [][]byte, n int) [][]byte {
	special := []byte(" \t\r\n,;=\"\\()<>/:?@[]{}*%!#-.0019AZaz\x00\x7f\x80\xff")
	var out [][]byte
	for i := 0; i < n && len(inputs) > 0; i++ {
		b := bytes.Clone(inputs[rnd.Intn(len(inputs))])
		for k := 1 + rnd.Intn(3); k > 0; k-- {
			pos := 0
			if len(b) > 0 {
				pos = rnd.Intn(len(b) + 1)
			}
			c := special[rnd.Intn(len(special))]
			switch op := rnd.Intn(4); {
			case op == 0 && pos < len(b):
				b = append(b[:pos], b[pos+1:]...)
			case op == 1 && pos < len(b):
				b[pos] = c
			case op == 2 && pos < len(b):
				end := pos + 1 + rnd.Intn(min(8, len(b)-pos))
				b = append(b[:end], append(bytes.Clone(b[pos:end]), b[end:]...)...)
			default:
				b = append(b[:pos], append([]byte{c}, b[pos:]...)...)
			}
		}
		out = append(out, b)
	}
	return out
}

// rfc9110Rules are the rules TestRFC9110EndToEnd generates by default:
// RFC 9112's message framing (status-line, field-line with 9110's
// field-value, chunked-body with its extensions and trailers), and RFC
// 9110's dates, ranges, lists with parameters and weights, the recursive
// comment, quoted strings, auth challenges and entity tags.
var rfc9110Rules = []string{
	"status-line", "field-line", "chunked-body", "Transfer-Encoding",
	"HTTP-date", "IMF-fixdate", "Range", "Content-Range", "Accept", "Content-Type",
	"User-Agent", "comment", "quoted-string", "WWW-Authenticate", "Authorization",
	"If-None-Match", "TE", "Retry-After", "Connection", "Expect",
}

// TestRFC9110EndToEnd generates the rules of RFC 9110 + RFC 9112 that
// need no definition from another document and compares every generated
// Match, Scan, Validate and Machine with automata.Runner and the reference
// parser, as TestEndToEnd does (goto, table and switch styles; one chunking
// per input; the default build), over sampler output, coverage sets,
// near-misses, random bytes and random edits of those.
//
// Knobs for longer runs: ABNFC_RFC9110_ALL=1 generates every rule that
// needs no other document (136), ABNFC_RFC9110_RULES=a,b chosen rules,
// ABNFC_RFC9110_EXTRA=x.abnf,y.abnf adds grammars (say RFC 3986's, with
// host renamed uri-host, so that request-line and HTTP-message resolve),
// ABNFC_RFC9110_SEED=n adds samples up to 3000 bytes and their edits, and
// ABNFC_RFC9110_SIMD=1 builds with GOEXPERIMENT=simd.
func TestRFC9110EndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a driver")
	}
	start := time.Now()
	g := loadHTTPGrammar(t)
	low, err := grammar.Lower(g)
	var lowErrs grammar.ErrorList
	if err != nil && !errors.As(err, &lowErrs) {
		t.Fatal(err)
	}
	var names []string
	if os.Getenv("ABNFC_RFC9110_ALL") != "" {
		for _, r := range g.Rules {
			if r.Builtin {
				continue
			}
			if _, err := gen.Compile(low, r.Name, lowErrs, gen.Options{}); err == nil {
				names = append(names, r.Name)
			}
		}
	} else if env := os.Getenv("ABNFC_RFC9110_RULES"); env != "" {
		names = strings.Split(env, ",")
	} else {
		names = rfc9110Rules
	}
	dir := t.TempDir()
	rnd := rand.New(rand.NewSource(1))
	for _, style := range []struct{ suffix, style string }{{"", emit.StyleGoto}, {"t", emit.StyleTable}, {"s", emit.StyleSwitch}} {
		fs, err := gen.GenerateFiles(g, gen.Options{Rules: names, Package: "main", Prefix: "C0" + style.suffix, Style: style.style, SIMD: true, Command: "e2e", Source: "rfc9110+9112"})
		if err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "zz_http_"+style.style+".go")
		simd, nosimd := gen.SIMDFileNames(out)
		writeFile(t, out, fs.Main)
		writeFile(t, simd, fs.SIMD)
		writeFile(t, nosimd, fs.NoSIMD)
	}
	var table strings.Builder
	var rules []*e2eRule
	for _, name := range names {
		p, err := gen.Compile(low, name, lowErrs, gen.Options{})
		if err != nil {
			t.Fatalf("Compile(%s): %v", name, err)
		}
		rp, err := ref.New(g, name)
		if err != nil {
			t.Fatal(err)
		}
		r := &e2eRule{key: name, rule: name, prefix: "C0", prog: p, ref: rp}
		r.inputs = e2eInputs(t, g, name, rp, rnd, 0)
		r.inputs = append(r.inputs, mutate(rnd, r.inputs, 100)...)
		if seed, _ := strconv.Atoi(os.Getenv("ABNFC_RFC9110_SEED")); seed != 0 {
			s, err := sample.New(g, name, sample.Options{Seed: int64(seed), MaxSize: 3000})
			if err != nil {
				t.Fatal(err)
			}
			var big [][]byte
			for k := 0; k < 40; k++ {
				b, err := s.Next()
				if err != nil {
					t.Fatal(err)
				}
				big = append(big, b)
			}
			r.inputs = append(r.inputs, big...)
			r.inputs = append(r.inputs, mutate(rnd, big, 100)...)
		}
		rules = append(rules, r)
		id := "C0" + emit.GoName(name)
		fmt.Fprintf(&table, "\t%q: {Match%s, Scan%s, Validate%s, new(%sMachine), convC0, Match%s, Match%s, nil},\n", name, id, id, id, id, "C0t"+emit.GoName(name), "C0s"+emit.GoName(name))
	}
	writeFile(t, filepath.Join(dir, "go.mod"), []byte("module e2e\n\ngo 1.26\n"))
	writeFile(t, filepath.Join(dir, "main.go"), []byte(driverSource(table.String(), 1)))
	var in bytes.Buffer
	type line struct {
		r      *e2eRule
		input  []byte
		chunks []int
	}
	var lines []line
	for _, r := range rules {
		for _, b := range r.inputs {
			chunks := randomChunks(rnd, len(b))
			lines = append(lines, line{r, b, chunks})
			fmt.Fprintf(&in, "%s\t%s\t%s\n", r.key, sample.Escape(b), joinInts(chunks))
		}
	}
	writeFile(t, filepath.Join(dir, "inputs.txt"), in.Bytes())
	var env []string
	if os.Getenv("ABNFC_RFC9110_SIMD") != "" {
		env = []string{"GOEXPERIMENT=simd"}
	}
	bin := filepath.Join(dir, "driver")
	goTool(t, dir, env, "build", "-o", bin, ".")
	cmd := exec.Command(bin, filepath.Join(dir, "inputs.txt"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("driver: %v\n%s", err, stderr.Bytes())
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	groups, counts := map[string]string{}, map[string]int{}
	var kinds []string
	matched := map[string]int{}
	i := 0
	for ; sc.Scan(); i++ {
		var got driverResult
		if err := json.Unmarshal(sc.Bytes(), &got); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		l := lines[i]
		if got.Match {
			matched[l.r.key]++
		}
		for _, e := range []*driverErr{got.Validate, got.Close} {
			if e != nil && !e.TooDeep && e.Expected == "" {
				t.Errorf("%s %q: a syntax error with an empty Expected: %s", l.r.key, l.input, e.Msg)
			}
		}
		for _, msg := range compareResult(l.r, l.input, l.chunks, &got) {
			kind := l.r.key + ": " + msg[:strings.IndexAny(msg+"=", "=,")]
			if _, ok := groups[kind]; !ok {
				kinds = append(kinds, kind)
				groups[kind] = fmt.Sprintf("%q (chunks %v): %s", l.input, l.chunks, msg)
			}
			counts[kind]++
		}
	}
	if i != len(lines) {
		t.Fatalf("driver printed %d results for %d inputs", i, len(lines))
	}
	for _, r := range rules {
		if matched[r.key] < len(r.inputs)/10 || matched[r.key] > len(r.inputs)*9/10 {
			t.Logf("%s: %d of %d inputs match", r.key, matched[r.key], len(r.inputs))
		}
	}
	for _, k := range kinds {
		t.Errorf("%s: %d failures; first: %s", k, counts[k], groups[k])
	}
	t.Logf("compared %d inputs on %d rules in %v", len(lines), len(rules), time.Since(start).Round(time.Millisecond))
}
