package automata_test

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/abnfc/abnfc/gen/automata"
	"github.com/abnfc/abnfc/grammar"
	"github.com/abnfc/abnfc/grammar/ref"
	"github.com/abnfc/abnfc/grammar/rfc2616"
	"github.com/abnfc/abnfc/grammar/sample"
	"github.com/abnfc/abnfc/grammar/syntax"
)

// parseLowered parses an ABNF source and lowers it.
func parseLowered(t *testing.T, name, src string) (g, low *grammar.Grammar) {
	t.Helper()
	g, err := syntax.ParseString(name, src, syntax.Options{})
	if err != nil {
		t.Fatal(err)
	}
	low, err = grammar.Lower(g)
	if err != nil {
		t.Fatal(err)
	}
	return g, low
}

// refSpans returns the non-empty spans of the rules in spans in the
// reference parser's tree of in, ordered as a machine reports them:
// by end, inner before outer.
func refSpans(t *testing.T, rp *ref.Parser, in []byte, spans []string) [][3]int {
	t.Helper()
	tree, _, err := rp.Tree(in)
	if err != nil {
		t.Fatalf("ref tree of %q: %v", in, err)
	}
	var out [][3]int
	var walk func(n *ref.Node)
	walk = func(n *ref.Node) {
		for _, c := range n.Children {
			walk(c)
		}
		for i, s := range spans {
			if strings.EqualFold(n.Rule, s) && n.End > n.Start {
				out = append(out, [3]int{i, n.Start, n.End})
			}
		}
	}
	for _, c := range tree.Children {
		walk(c)
	}
	return out
}

func TestSpans(t *testing.T) {
	const src = `
pair  = key "=" val *( ";" key "=" val )
key   = 1*ALPHA
val   = 1*DIGIT / DQUOTE *( %x20-21 / %x23-7E ) DQUOTE / ""
line  = word *( 1*" " word ) *" " CRLF
word  = 1*ALPHA
fold  = name ":" value CRLF *( name ":" value CRLF ) CRLF
name  = 1*ALPHA
value = *( %x21-7E / " " / CRLF " " )
outer = "<" inner ">" inner
inner = *"x"
kvs   = kv *( ";" kv )
kv    = k "=" v
k     = 1*ALPHA
v     = *DIGIT
`
	g, low := parseLowered(t, "spans.abnf", src)
	tests := []struct {
		name   string
		root   string
		spans  []string
		inputs []string
	}{
		{"pairs", "pair", []string{"key", "val"}, []string{"a=1", "ab=12;c=\"x y\"", "a=", "a=;b=", "a=1;", "=1", "a=1;b=2;cd=345"}},
		{"trailing spaces", "line", []string{"word"}, []string{"ab cd\r\n", "ab  \r\n", "a\r\n", "a b c   \r\n", " a\r\n"}},
		// A value's end is decided only by the byte after CRLF.
		{"folding", "fold", []string{"name", "value"}, []string{"a:b\r\n\r\n", "a:b\r\n c\r\nd:\r\n\r\n", "a:\r\n \r\n\r\n", "a: b \r\n  \r\nc:d\r\n\r\n", "a:b\r\n"}},
		{"outer inner", "outer", []string{"inner"}, []string{"<>", "<x>xx", "<xx>", "<>x"}},
		// Nested spans: kv holds k and v; a span ends inner before outer.
		{"nested", "kvs", []string{"kv", "k", "v"}, []string{"a=1", "ab=12;c=", "a=;b=3", "a=1;", "=1"}},
		{"nested outer last", "kvs", []string{"v", "kv"}, []string{"a=1;b=22", "a="}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := automata.CompileSpans(low, tt.root, tt.spans, automata.Options{})
			if err != nil {
				t.Fatal(err)
			}
			rp, err := ref.New(g, tt.root)
			if err != nil {
				t.Fatal(err)
			}
			for _, in := range tt.inputs {
				checkSpans(t, m, rp, []byte(in), tt.spans)
			}
		})
	}
}

// checkSpans compares a span machine with the reference parser on in:
// the longest matching prefix and, when all of in matches, the spans.
func checkSpans(t *testing.T, m *automata.Machine, rp *ref.Parser, in []byte, spans []string) {
	t.Helper()
	res, err := rp.Parse(in)
	if err != nil {
		t.Fatal(err)
	}
	want := -1
	if len(res.Prefixes) > 0 {
		want = res.Prefixes[len(res.Prefixes)-1]
	}
	got, n := m.ScanSpans(in)
	if n != want {
		t.Errorf("ScanSpans(%q): prefix %d, ref's longest is %d", in, n, want)
		return
	}
	if n < 0 {
		return
	}
	if w := refSpans(t, rp, in[:n], spans); fmt.Sprint(got) != fmt.Sprint(w) {
		t.Errorf("ScanSpans(%q) = %v, ref's tree has %v", in[:n], got, w)
	}
}

// TestSpansErrors: where spans are not decided by the input, or a rule
// recurses, CompileSpans says so instead of guessing.
func TestSpansErrors(t *testing.T) {
	const src = `
amb   = *a-run *b-run
a-run = 1*"x"
b-run = 1*"x"
late  = x-word 20*"y" "!" / 1*"x" 20*"y" "?"
x-word = 1*"x"
rec   = "(" *rec ")"
top   = rec
quad  = w *OCTET 4500"a"
w     = "w"
chain = w c1 "a" / "b"
c1    = c2 "a" / "b"
c2    = c3 "a" / "b"
c3    = "c"
`
	_, low := parseLowered(t, "bad.abnf", src)
	tests := []struct {
		name, root string
		spans      []string
		want       string
		opts       automata.Options
	}{
		{"ambiguous", "amb", []string{"a-run", "b-run"}, "bad.abnf:2:1: ", automata.Options{}},
		{"too late", "late", []string{"x-word"}, "not decided within 16 bytes", automata.Options{}},
		{"recursive", "top", []string{"rec"}, "recurses", automata.Options{}},
		{"unused", "amb", []string{"x-word"}, "not used by it", automata.Options{}},
		{"undefined", "amb", []string{"nope"}, "not defined", automata.Options{}},
		// Within the state limit, but its states stand for a quadratic
		// number of NFA states (gigabytes before the bound).
		{"subset items", "quad", []string{"w"}, "bad.abnf:9:1: spans of rule quad: the DFA stands for more than 10000000 NFA states in all", automata.Options{}},
		// The NFAs of the rules used, added up (MaxTotalNFAStates).
		{"total NFA states", "chain", []string{"w"}, "compiling rule chain builds more than 20 NFA states in all", automata.Options{MaxTotalNFAStates: 20}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := automata.CompileSpans(low, tt.root, tt.spans, tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// messageHeadSpans compiles RFC 2616's message-head with its @spans, and
// the reference parser of the rule.
func messageHeadSpans(t testing.TB) (*automata.Machine, *ref.Parser, []string) {
	g, err := rfc2616.Grammar()
	if err != nil {
		t.Fatal(err)
	}
	low, err := grammar.Lower(g)
	if err != nil {
		t.Fatal(err)
	}
	a, ok := g.Lookup("message-head").Annotation("spans")
	if !ok {
		t.Fatal("message-head has no @spans")
	}
	spans := strings.FieldsFunc(a.Args, func(r rune) bool { return r == ',' || r == ' ' })
	m, err := automata.CompileSpans(low, "message-head", spans, automata.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rp, err := ref.NewWithLimits(g, "message-head", ref.Limits{MaxInput: 300, MaxItems: ref.DefaultLimits.MaxItems})
	if err != nil {
		t.Fatal(err)
	}
	return m, rp, spans
}

// FuzzSpansMessageHead compares the span machine of message-head with the
// reference parser's tree on any input of up to 300 bytes (the reference
// parser is slow on long ambiguous lines).
func FuzzSpansMessageHead(f *testing.F) {
	for _, s := range []string{
		"GET / HTTP/1.1\r\nHost: a\r\n\r\n",
		"GET / HTTP/1.1\r\nA: x\r\n y\r\n\tz\r\nB:\r\n \r\n\r\n",
		"HTTP/1.1 404 Not Found\r\nA : b\r\n\r\nbody",
		"HTTPX / HTTP/1.1\r\n\r\n",
	} {
		f.Add([]byte(s))
	}
	m, rp, spans := messageHeadSpans(f)
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) > 300 {
			return
		}
		checkSpans(t, m, rp, in, spans)
	})
}

// TestSpansMessageHead checks the spans the parser package uses (the
// @spans of RFC 2616's message-head: the request line's parts,
// message-header and field-name) against the reference parser on
// samples, near-misses and hand-written heads with folding, empty values
// and implied LWS.
func TestSpansMessageHead(t *testing.T) {
	m, rp, spans := messageHeadSpans(t)
	t.Logf("message-head with spans %v: %d states, %d classes", m.Spans, len(m.States), m.NumClasses)
	g, err := rfc2616.Grammar()
	if err != nil {
		t.Fatal(err)
	}
	inputs := []string{
		"GET / HTTP/1.1\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: a\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: a\r\n\r\nbody",
		"GET / HTTP/1.1\r\nA:\r\nB: \r\nC :x\r\n\r\n",
		"GET / HTTP/1.1\r\nA: x\r\n y\r\n\tz\r\nB:\r\n \r\n\r\n",
		"HTTP/1.1 200 OK\r\nA: b\r\n\r\n",
		"GET / HTTP/1.1\r\nA: x\r\n",
		"GET / HTTP/1.1\r\nA x\r\n\r\n",
		"HTTPX / HTTP/1.1\r\n\r\n",
		"HTTP /x HTTP/12.34\r\n\r\n",
		"HTTP/1.1 404 Not Found\r\nA: b\r\n\r\n",
		"OPTIONS * HTTP/1.0\r\n\r\n",
		"GET http://a.b:80/c?d HTTP/1.1\r\n\r\n",
	}
	for _, in := range inputs {
		checkSpans(t, m, rp, []byte(in), spans)
	}
	s, err := sample.New(g, "message-head", sample.Options{Seed: 2, MaxSize: 300})
	if err != nil {
		t.Fatal(err)
	}
	rnd := rand.New(rand.NewSource(2))
	for i := 0; i < 40; i++ {
		d, err := s.NextDerivation()
		if err != nil {
			t.Fatal(err)
		}
		checkSpans(t, m, rp, d.Bytes, spans)
		for _, nm := range s.NearMisses(d, rnd, rp.Match) {
			checkSpans(t, m, rp, nm.Input, spans)
		}
	}
}
