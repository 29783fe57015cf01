package stylebench

import (
	"math/rand"
	"testing"

	"github.com/abnfc/abnfc/grammar/rfc2616"
	"github.com/abnfc/abnfc/grammar/sample"
	"github.com/abnfc/abnfc/internal/gentest"
)

func TestGeneratedFiles(t *testing.T) {
	gentest.Check(t, "go generate ./gen/internal/stylebench/...")
}

var rules = []struct {
	rule  string
	input string
	fns   map[string]func([]byte) bool
}{
	{"Request-Line", "GET /pub/WWW/TheProject.html?query=abnf&x=1 HTTP/1.1\r\n",
		map[string]func([]byte) bool{"goto": MatchGRequestLine, "table": MatchTRequestLine, "switch": MatchSRequestLine}},
	{"HTTP-date", "Sun, 06 Nov 1994 08:49:37 GMT",
		map[string]func([]byte) bool{"goto": MatchGHTTPDate, "table": MatchTHTTPDate, "switch": MatchSHTTPDate}},
	{"message-header", "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0",
		map[string]func([]byte) bool{"goto": MatchGMessageHeader, "table": MatchTMessageHeader, "switch": MatchSMessageHeader}},
	{"Accept", "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
		map[string]func([]byte) bool{"goto": MatchGAccept, "table": MatchTAccept, "switch": MatchSAccept}},
	{"field-value", "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0 and more text",
		map[string]func([]byte) bool{"goto": MatchGFieldValue, "table": MatchTFieldValue, "switch": MatchSFieldValue}},
}

// TestStylesAgree: the three styles give the same answer on samples,
// near-misses and random bytes.
func TestStylesAgree(t *testing.T) {
	g, err := rfc2616.Grammar()
	if err != nil {
		t.Fatal(err)
	}
	rnd := rand.New(rand.NewSource(3))
	n := 0
	for _, r := range rules {
		s, err := sample.New(g, r.rule, sample.Options{Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		inputs := [][]byte{[]byte(r.input)}
		for i := 0; i < 30; i++ {
			d, err := s.NextDerivation()
			if err != nil {
				t.Fatal(err)
			}
			inputs = append(inputs, d.Bytes)
			for _, nm := range s.NearMisses(d, rnd, func([]byte) bool { return false }) {
				inputs = append(inputs, nm.Input)
			}
			b := make([]byte, rnd.Intn(20))
			rnd.Read(b)
			inputs = append(inputs, b)
		}
		for _, in := range inputs {
			n++
			want := r.fns["table"](in)
			for style, fn := range r.fns {
				if got := fn(in); got != want {
					t.Errorf("%s %s(%q) = %v, table says %v", r.rule, style, in, got, want)
				}
			}
		}
	}
	t.Logf("compared %d inputs", n)
}

func BenchmarkStyles(b *testing.B) {
	for _, r := range rules {
		in := []byte(r.input)
		for _, style := range []string{"goto", "table", "switch"} {
			fn := r.fns[style]
			if !fn(in) {
				b.Fatalf("%s %s does not match", style, r.rule)
			}
			b.Run("rule="+r.rule+"/style="+style, func(b *testing.B) {
				b.SetBytes(int64(len(in)))
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					fn(in)
				}
			})
		}
	}
}
