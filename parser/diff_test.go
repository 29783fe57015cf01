package parser

import (
	"math/rand"
	"testing"

	"github.com/abnfc/abnfc/grammar/ref"
	"github.com/abnfc/abnfc/grammar/rfc2616"
	"github.com/abnfc/abnfc/grammar/sample"
)

// generated lists the committed generated parsers by rule.
var generated = []struct {
	rule  string
	match func([]byte) bool
	scan  func([]byte) (int, bool)
	write func(chunks [][]byte) bool
}{
	{"Request-Line", MatchRequestLine, ScanRequestLine, stream(func() machine { return new(RequestLineMachine) })},
	{"Status-Line", MatchStatusLine, ScanStatusLine, stream(func() machine { return new(StatusLineMachine) })},
	{"message-header", MatchMessageHeader, ScanMessageHeader, stream(func() machine { return new(MessageHeaderMachine) })},
	{"field-name", MatchFieldName, ScanFieldName, stream(func() machine { return new(FieldNameMachine) })},
	{"field-value", MatchFieldValue, ScanFieldValue, stream(func() machine { return new(FieldValueMachine) })},
	{"Chunked-Body", MatchChunkedBody, ScanChunkedBody, stream(func() machine { return new(ChunkedBodyMachine) })},
	{"chunk-size", MatchChunkSize, ScanChunkSize, stream(func() machine { return new(ChunkSizeMachine) })},
	{"qvalue", MatchQvalue, ScanQvalue, stream(func() machine { return new(QvalueMachine) })},
	{"HTTP-date", MatchHTTPDate, ScanHTTPDate, stream(func() machine { return new(HTTPDateMachine) })},
	{"ranges-specifier", MatchRangesSpecifier, ScanRangesSpecifier, stream(func() machine { return new(RangesSpecifierMachine) })},
	{"content-range-spec", MatchContentRangeSpec, ScanContentRangeSpec, stream(func() machine { return new(ContentRangeSpecMachine) })},
	{"Host", MatchHost, ScanHost, stream(func() machine { return new(HostMachine) })},
	{"User-Agent", MatchUserAgent, ScanUserAgent, stream(func() machine { return new(UserAgentMachine) })},
	{"Accept", MatchAccept, ScanAccept, stream(func() machine { return new(AcceptMachine) })},
	{"media-type", MatchMediaType, ScanMediaType, stream(func() machine { return new(MediaTypeMachine) })},
}

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
	for _, gen := range generated {
		rp, err := ref.New(g, gen.rule)
		if err != nil {
			t.Fatal(err)
		}
		s, err := sample.New(g, gen.rule, sample.Options{Seed: 2, MaxSize: 1024})
		if err != nil {
			t.Fatal(err)
		}
		var inputs [][]byte
		ds, _, err := s.Coverage()
		if err != nil {
			t.Logf("%s: coverage incomplete: %v", gen.rule, err)
		}
		for i := 0; i < 10; i++ {
			ds = append(ds, s.NextDerivation())
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
			if got := gen.match(in); got != res.Match {
				t.Errorf("Match%s(%q) = %v, ref %v", gen.rule, in, got, res.Match)
			}
			want := -1
			if len(res.Prefixes) > 0 {
				want = res.Prefixes[len(res.Prefixes)-1]
			}
			if n, _ := gen.scan(in); n != want {
				t.Errorf("Scan%s(%q) = %d, ref's longest prefix %d", gen.rule, in, n, want)
			}
			var chunks [][]byte
			for rest := in; len(rest) > 0; {
				k := 1 + rnd.Intn(len(rest))
				chunks = append(chunks, rest[:k])
				rest = rest[k:]
			}
			if got := gen.write(chunks); got != res.Match {
				t.Errorf("%sMachine(%q in %d chunks) = %v, ref %v", gen.rule, in, len(chunks), got, res.Match)
			}
		}
	}
	t.Logf("compared %d inputs on %d generated rules", compared, len(generated))
}
