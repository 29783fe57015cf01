package bench

import (
	"net/http"
	"testing"

	"github.com/abnfc/abnfc/parser"
)

// The benchmarks name their sub-benchmarks input=X/impl=Y, so that
//
//	go test -bench . -count 6 | benchstat -col /impl -
//
// puts the parsers side by side; run.sh does that and prints the ratios.
// Each parser is checked once on the input before its loop (the Test
// functions of peers_test.go check the values).

// BenchmarkHead parses one request head, strictly for abnfc (request line
// and every field against the grammar, spans recorded), as each peer
// parses it. b.SetBytes is the head's length for every parser.
func BenchmarkHead(b *testing.B) {
	for _, in := range Heads {
		head := in.Data[:HeadLen(in.Data)]
		for _, impl := range HeadImpls {
			b.Run("input="+in.Name+"/impl="+impl.Name, func(b *testing.B) {
				p := impl.New()
				if err := p.Parse(in.Data); err != nil {
					b.Fatal(err)
				}
				b.SetBytes(int64(len(head)))
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					p.Parse(in.Data)
				}
			})
		}
	}
}

// BenchmarkStream compares the streaming paths with the one-shot ones on
// the browser request arriving in 64-byte reads:
//
//   - impl=abnfc is Options.ParseRequest on the whole head;
//   - impl=abnfc-reader-64B is parser.Reader over a source that returns 64
//     bytes a read (one Reader for all iterations, as for a connection);
//   - impl=net-http-64B is http.ReadRequest over a bufio.Reader of the same
//     source, for scale.
func BenchmarkStream(b *testing.B) {
	in := BrowserGET.Data
	b.Run("input=browser/impl=abnfc", func(b *testing.B) {
		var p ABNFC
		if err := p.Parse(in); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(in)))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			p.Parse(in)
		}
	})
	b.Run("input=browser/impl=abnfc-reader-64B", func(b *testing.B) {
		s := NewReaderStream(in, 64)
		var m parser.Message
		if err := s.Next(&m); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(in)))
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			s.Next(&m)
		}
	})
	b.Run("input=browser/impl=net-http-64B", func(b *testing.B) {
		p := NewNetHTTP()
		src := NewChunkReader(in, 64)
		p.br.Reset(src)
		b.SetBytes(int64(len(in)))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			src.Reset(in)
			p.br.Reset(src)
			if _, err := http.ReadRequest(p.br); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkMachine compares the generated machines fed 64-byte pieces
// (HeadMachines.Stream) with the generated one-shot matchers (MatchHead) on
// the browser request: the same grammar checks, the same line splitting,
// no spans and no §14 field grammars.
func BenchmarkMachine(b *testing.B) {
	in := BrowserGET.Data
	b.Run("input=browser/impl=abnfc", func(b *testing.B) {
		if _, err := MatchHead(in); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(in)))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			MatchHead(in)
		}
	})
	head := in[:HeadLen(in)]
	b.Run("input=browser/impl=head", func(b *testing.B) {
		if !parser.MatchMessageHead(head) {
			b.Fatal("MatchMessageHead rejects the head")
		}
		b.SetBytes(int64(len(in)))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			parser.MatchMessageHead(head)
		}
	})
	for _, n := range []int{64, 1} {
		b.Run("input=browser/impl=head-machine-"+itoa(n)+"B", func(b *testing.B) {
			var m HeadMachine
			if err := m.Stream(head, n); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				m.Stream(head, n)
			}
		})
	}
	for _, n := range []int{64, 1} {
		b.Run("input=browser/impl=machine-"+itoa(n)+"B", func(b *testing.B) {
			var m HeadMachines
			if _, err := m.Stream(in, n); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				m.Stream(in, n)
			}
		})
	}
}

// BenchmarkPipeline reads 100 pipelined requests to the end of the stream.
func BenchmarkPipeline(b *testing.B) {
	in := Pipeline100
	for _, impl := range PipelineImpls {
		b.Run("input="+in.Name+"/impl="+impl.Name, func(b *testing.B) {
			run := impl.New()
			if n, err := run(in.Data); err != nil || n != in.Requests {
				b.Fatalf("%d requests, %v", n, err)
			}
			b.SetBytes(int64(len(in.Data)))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				run(in.Data)
			}
		})
	}
}

// BenchmarkChunked decodes the Chunked-Body of the upload (64 chunks of 8
// KiB) into a 32 KiB buffer, and, with 64-byte chunks, a body of many
// small chunks.
func BenchmarkChunked(b *testing.B) {
	bodies := []struct {
		name string
		body []byte
	}{
		{"chunked-upload", ChunkedBody()},
		{"small-chunks", SmallChunks(4096, 64)},
	}
	for _, in := range bodies {
		for _, impl := range []struct {
			name string
			d    interface{ Decode([]byte) (int, error) }
		}{
			{"abnfc", NewOursChunked(32 << 10)},
			{"httputil", NewHTTPUtilChunked(32 << 10)},
		} {
			b.Run("input="+in.name+"/impl="+impl.name, func(b *testing.B) {
				if _, err := impl.d.Decode(in.body); err != nil {
					b.Fatal(err)
				}
				b.SetBytes(int64(len(in.body)))
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					impl.d.Decode(in.body)
				}
			})
		}
	}
}

// BenchmarkDate parses an HTTP-date in each form of §3.3.1.
func BenchmarkDate(b *testing.B) {
	forms := []string{"rfc1123", "rfc850", "asctime"}
	for i, d := range Dates {
		bd := []byte(d)
		b.Run("input="+forms[i]+"/impl=abnfc", func(b *testing.B) {
			if _, err := ParseHTTPDate(bd); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(bd)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				ParseHTTPDate(bd)
			}
		})
		b.Run("input="+forms[i]+"/impl=net-http", func(b *testing.B) {
			if _, err := http.ParseTime(d); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(d)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				http.ParseTime(d)
			}
		})
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + itoa(n%10)
}
