package bench

import "testing"

// BenchmarkCopyPlacement copies what the chunked-upload body's data is
// (64 blocks of 8 KiB at a stride of 8200 bytes, 6 bytes past each
// stride: "2000" CRLF before each block, CRLF after it) into one buffer,
// with copy, the way a decoder that reads chunk-data straight into its
// caller's slice has its source (a bytes.Reader) copy it. It measures no
// code of ours: it shows how much the speed of runtime.memmove for 8 KiB
// depends on where its source and destination sit, which decides the
// chunked-vs-httputil line on some machines (bench/README.md, session 17).
//
//   - dst=aligned: a 16-byte aligned destination (a new 32 KiB slice, as
//     the benchmark's caller passes) and a source 6 or 14 bytes past an
//     8-byte boundary. On amd64, memmove copies 2048 bytes or more to a
//     16-byte aligned destination with REP MOVSQ where the CPU prefers it
//     (ERMS, FSRM).
//   - dst=aligned,src=aligned: the same with each source block moved to a
//     64-byte boundary.
//   - dst=offset8: the destination 8 bytes past the slice's start, which
//     memmove copies with its AVX loop whatever the source's alignment.
func BenchmarkCopyPlacement(b *testing.B) {
	const block, stride, blocks = 8192, 8200, 64
	src := make([]byte, blocks*stride+64)
	dst := make([]byte, 32<<10)
	for _, tc := range []struct {
		name     string
		dst      []byte
		srcAlign bool
	}{
		{"dst=aligned", dst, false},
		{"dst=aligned,src=aligned", dst, true},
		{"dst=offset8", dst[8:], false},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(blocks * block)
			b.ReportAllocs()
			for b.Loop() {
				for k := range blocks {
					o := k*stride + 6
					if tc.srcAlign {
						o &^= 63
					}
					copy(tc.dst[:block], src[o:o+block])
				}
			}
		})
	}
}
