package parser

import (
	"bufio"
	"bytes"
	"net/http"
	"testing"

	"github.com/abnfc/abnfc/grammar/ref"
	"github.com/abnfc/abnfc/grammar/rfc2616"
)

var benchInputs = []struct {
	rule  string
	match func([]byte) bool
	input string
}{
	{"Request-Line", MatchRequestLine, "GET /pub/WWW/TheProject.html?query=abnf&x=1 HTTP/1.1\r\n"},
	{"HTTP-date", MatchHTTPDate, "Sun, 06 Nov 1994 08:49:37 GMT"},
	{"message-header", MatchMessageHeader, "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"},
	{"Accept", MatchAccept, "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"},
	{"User-Agent", MatchUserAgent, "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"},
}

// BenchmarkMatch runs each generated MatchR against the reference parser
// on the same input in the same run: compare with
//
//	go test -bench Match -count 6 ./parser/ | benchstat -col /impl -
func BenchmarkMatch(b *testing.B) {
	g, err := rfc2616.Grammar()
	if err != nil {
		b.Fatal(err)
	}
	for _, bi := range benchInputs {
		in := []byte(bi.input)
		rp, err := ref.New(g, bi.rule)
		if err != nil {
			b.Fatal(err)
		}
		if !bi.match(in) || !rp.Match(in) {
			b.Fatalf("%s does not match %q", bi.rule, in)
		}
		b.Run("rule="+bi.rule+"/impl=generated", func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				bi.match(in)
			}
		})
		b.Run("rule="+bi.rule+"/impl=ref", func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				rp.Match(in)
			}
		})
	}
}

// TestMatchAllocs: matching allocates nothing, one-shot or streaming.
func TestMatchAllocs(t *testing.T) {
	in := []byte(benchInputs[0].input)
	if n := testing.AllocsPerRun(100, func() { MatchRequestLine(in) }); n != 0 {
		t.Errorf("MatchRequestLine allocates %v times", n)
	}
	var m UserAgentMachine
	ua := []byte(benchInputs[4].input)
	if n := testing.AllocsPerRun(100, func() {
		m.Reset()
		m.Write(ua[:20])
		m.Write(ua[20:])
		m.Close()
	}); n != 0 {
		t.Errorf("UserAgentMachine allocates %v times", n)
	}
}

// browserGET is a modern browser's navigation request (10 fields).
const browserGET = "GET /wiki/Hypertext_Transfer_Protocol HTTP/1.1\r\n" +
	"Host: en.wikipedia.org\r\n" +
	"User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0\r\n" +
	"Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8\r\n" +
	"Accept-Language: en-US,en;q=0.5\r\n" +
	"Accept-Encoding: gzip, deflate, br\r\n" +
	"Referer: https://www.google.com/\r\n" +
	"Connection: keep-alive\r\n" +
	"Upgrade-Insecure-Requests: 1\r\n" +
	"Sec-Fetch-Dest: document\r\n" +
	"Sec-Fetch-Mode: navigate\r\n" +
	"\r\n"

// BenchmarkParseRequest parses the browser request strictly (every field
// against its grammar, spans recorded) next to net/http's ReadRequest:
//
//	go test -bench ParseRequest -count 6 ./parser/ | benchstat -col /impl -
func BenchmarkParseRequest(b *testing.B) {
	in := []byte(browserGET)
	b.Run("impl=abnfc", func(b *testing.B) {
		var m Message
		b.SetBytes(int64(len(in)))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := (*Options)(nil).ParseRequest(in, &m); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=abnfc-generic", func(b *testing.B) {
		var m Message
		o := &Options{SkipValueGrammars: true}
		b.SetBytes(int64(len(in)))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := o.ParseRequest(in, &m); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=net-http", func(b *testing.B) {
		rd := bytes.NewReader(in)
		br := bufio.NewReader(rd)
		b.SetBytes(int64(len(in)))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			rd.Reset(in)
			br.Reset(rd)
			if _, err := http.ReadRequest(br); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkMessageHeadMachine takes apart what the streaming machine of
// the whole head costs over the one-shot matcher (bench/'s
// stream64-machine-vs-oneshot line):
//
//	go test -run '^$' -bench MessageHeadMachine -count 6 ./parser/ | benchstat -col /feed -
//
// feed=oneshot is MatchMessageHead, the goto code over the whole head.
// feed=whole is Reset, one Write of the whole head and Close: the
// machine's fixed costs (the runner's reset, the books at Write's exit,
// Close's checks). feed=64B is Reset, a Write per 64-byte piece and
// Close: its difference from feed=whole is what the piece boundaries
// cost. feed=empty/in=name and feed=empty/in=value are nine Writes of
// zero bytes after a head cut inside a field name or a field value, the
// floor of one boundary in each (a boundary in a value also calls the
// SWAR skip loop again).
func BenchmarkMessageHeadMachine(b *testing.B) {
	head := []byte(browserGET)
	if !MatchMessageHead(head) {
		b.Fatal("browserGET is not a message-head")
	}
	b.Run("feed=oneshot", func(b *testing.B) {
		b.SetBytes(int64(len(head)))
		b.ReportAllocs()
		for b.Loop() {
			MatchMessageHead(head)
		}
	})
	var m MessageHeadMachine
	b.Run("feed=whole", func(b *testing.B) {
		b.SetBytes(int64(len(head)))
		b.ReportAllocs()
		for b.Loop() {
			m.Reset()
			m.Write(head)
			if err := m.Close(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("feed=64B", func(b *testing.B) {
		b.SetBytes(int64(len(head)))
		b.ReportAllocs()
		for b.Loop() {
			m.Reset()
			for p := head; len(p) > 0; {
				k := min(64, len(p))
				m.Write(p[:k])
				p = p[k:]
			}
			if err := m.Close(); err != nil {
				b.Fatal(err)
			}
		}
	})
	// The head cut where each line starts, twelve pieces: no piece ends
	// inside a run of bytes, so what this costs over feed=whole is the
	// eleven more Writes themselves (bench/README.md, session 21: about
	// as much a Write as at the 64-byte cuts, most of which end in a
	// field value).
	b.Run("feed=lines", func(b *testing.B) {
		var lines [][]byte
		for p := head; len(p) > 0; {
			k := bytes.IndexByte(p, '\n') + 1
			lines, p = append(lines, p[:k]), p[k:]
		}
		b.SetBytes(int64(len(head)))
		b.ReportAllocs()
		for b.Loop() {
			m.Reset()
			for _, l := range lines {
				m.Write(l)
			}
			if err := m.Close(); err != nil {
				b.Fatal(err)
			}
		}
	})
	// The floor of resuming in pieces: the machine's goto code
	// (abnfDfa_MessageHead_0Run, the same states MatchMessageHead and the
	// engine run) called on each 64-byte piece with nothing carried over
	// but the state: no runner, no Reset or Close, no line or prefix
	// books, no error checks. What it costs over feed=oneshot is what the
	// boundaries alone cost (bench/README.md, session 13).
	b.Run("feed=64B-bare", func(b *testing.B) {
		b.SetBytes(int64(len(head)))
		b.ReportAllocs()
		for b.Loop() {
			st := int32(0)
			for p := head; len(p) > 0; {
				k := min(64, len(p))
				_, _, st, _, _ = abnfDfa_MessageHead_0Run(p[:k], st)
				p = p[k:]
			}
			if st < 0 {
				b.Fatal("no edge at state", -1-st)
			}
		}
	})
	for _, cut := range []struct{ in, prefix string }{
		{"name", "GET / HTTP/1.1\r\nUser-Ag"},
		{"value", "GET / HTTP/1.1\r\nUser-Agent: Mozi"},
	} {
		b.Run("feed=empty/in="+cut.in, func(b *testing.B) {
			m.Reset()
			if n, err := m.Write([]byte(cut.prefix)); n != len(cut.prefix) || err != nil {
				b.Fatal(n, err)
			}
			empty := head[:0]
			b.ReportAllocs()
			for b.Loop() {
				for range 9 {
					m.Write(empty)
				}
			}
		})
	}
}
