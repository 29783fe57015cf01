package parser

import (
	"os"
	"testing"
)

func BenchmarkTmpSpans(b *testing.B) {
	in, err := os.ReadFile("../bench/testdata/browser_get.http")
	if err != nil {
		b.Fatal(err)
	}
	dst := make([]Span, 0, 64)
	b.SetBytes(int64(len(in)))
	for i := 0; i < b.N; i++ {
		SpansMessageHead(in, dst[:0])
	}
}
