package parser

import (
	"math/rand"
	"testing"

	"github.com/abnfc/abnfc/grammar/ref"
	"github.com/abnfc/abnfc/grammar/rfc2616"
	"github.com/abnfc/abnfc/grammar/sample"
)

type machine interface {
	Reset()
	Write([]byte) (int, error)
	Close() error
}

func stream(mk func() machine) func([][]byte) bool {
	return func(chunks [][]byte) bool {
		m := mk()
		m.Reset()
		for _, c := range chunks {
			if _, err := m.Write(c); err != nil {
				return false
			}
		}
		return m.Close() == nil
	}
}

// TestGeneratedAgainstReference runs the committed generated code against
// the reference parser on samples, near-misses and random bytes: Match,
// Scan and the streaming machine fed in random chunks must agree exactly.
func TestGeneratedAgainstReference(t *testing.T) {
	g, err := rfc2616.Grammar()
	if err != nil {
		t.Fatal(err)
	}
	rnd := rand.New(rand.NewSource(2))
	compared := 0
	streams := map[string]func([][]byte) bool{
		"Request-Line":   stream(func() machine { return new(RequestLineMachine) }),
		"message-header": stream(func() machine { return new(MessageHeaderMachine) }),
		"Chunked-Body":   stream(func() machine { return new(ChunkedBodyMachine) }),
		"HTTP-date":      stream(func() machine { return new(HTTPDateMachine) }),
		"User-Agent":     stream(func() machine { return new(UserAgentMachine) }),
		"Accept":         stream(func() machine { return new(AcceptMachine) }),
	}
	for _, gen := range Rules {
		rp, err := ref.New(g, gen.Name)
		if err != nil {
			t.Fatal(err)
		}
		s, err := sample.New(g, gen.Name, sample.Options{Seed: 2, MaxSize: 1024})
		if err != nil {
			t.Fatal(err)
		}
		var inputs [][]byte
		ds, _, err := s.Coverage()
		if err != nil {
			t.Logf("%s: coverage incomplete: %v", gen.Name, err)
		}
		for i := 0; i < 3; i++ {
			d, err := s.NextDerivation()
			if err != nil {
				t.Fatal(err)
			}
			ds = append(ds, d)
		}
		for _, d := range ds {
			inputs = append(inputs, d.Bytes)
			for _, nm := range s.NearMisses(d, rnd, rp.Match) {
				inputs = append(inputs, nm.Input)
			}
		}
		for i := 0; i < 20; i++ {
			b := make([]byte, rnd.Intn(16))
			rnd.Read(b)
			inputs = append(inputs, b)
		}
		for _, in := range inputs {
			compared++
			res, err := rp.Parse(in)
			if err != nil {
				t.Fatal(err)
			}
			if got := gen.Match(in); got != res.Match {
				t.Errorf("Match %s (%q) = %v, ref %v", gen.Name, in, got, res.Match)
			}
			if err := gen.Validate(in); (err == nil) != res.Match {
				t.Errorf("Validate %s (%q) = %v, ref %v", gen.Name, in, err, res.Match)
			}
			want := -1
			if len(res.Prefixes) > 0 {
				want = res.Prefixes[len(res.Prefixes)-1]
			}
			if n, _ := gen.Scan(in); n != want {
				t.Errorf("Scan %s (%q) = %d, ref's longest prefix %d", gen.Name, in, n, want)
			}
			write := streams[gen.Name]
			if write == nil {
				continue
			}
			var chunks [][]byte
			for rest := in; len(rest) > 0; {
				k := 1 + rnd.Intn(len(rest))
				chunks = append(chunks, rest[:k])
				rest = rest[k:]
			}
			if got := write(chunks); got != res.Match {
				t.Errorf("%s machine (%q in %d chunks) = %v, ref %v", gen.Name, in, len(chunks), got, res.Match)
			}
		}
	}
	t.Logf("compared %d inputs on %d generated rules", compared, len(Rules))
}
