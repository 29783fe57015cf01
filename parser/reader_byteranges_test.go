package parser

import (
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// byterangesMessage returns a 206 response whose multipart/byteranges
// body (RFC 2616 §19.2) has one part with data, then the
// close delimiter and its CRLF.
func byterangesMessage(data []byte) []byte {
	const boundary = "THIS_STRING_SEPARATES"
	var sb strings.Builder
	sb.WriteString("HTTP/1.1 206 Partial Content\r\nDate: Wed, 15 Nov 1995 06:25:24 GMT\r\n" +
		"Content-Type: multipart/byteranges; boundary=" + boundary + "\r\n\r\n")
	sb.WriteString("--" + boundary + "\r\nContent-Type: application/octet-stream\r\n")
	sb.WriteString("Content-Range: bytes 0-" + strconv.Itoa(len(data)-1) + "/" + strconv.Itoa(len(data)) + "\r\n\r\n")
	sb.Write(data)
	sb.WriteString("\r\n--" + boundary + "--\r\n")
	return []byte(sb.String())
}

// cyclic reads data again and again, in reads of at most max bytes.
type cyclic struct {
	data []byte
	pos  int
	max  int
}

func (c *cyclic) Read(p []byte) (int, error) {
	p = p[:min(len(p), c.max)]
	n := copy(p, c.data[c.pos:])
	c.pos = (c.pos + n) % len(c.data)
	return n, nil
}

// BenchmarkReaderByteranges reads responses with a 64 KiB
// multipart/byteranges body through Reader.Body, with a 32 KiB buffer,
// from a source that gives 16 KiB per read: random bytes, and text lines
// (some of which start with "--").
func BenchmarkReaderByteranges(b *testing.B) {
	rnd := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 64<<10)
	for i := range random {
		random[i] = byte(rnd.Uint32())
	}
	var lines []byte
	for i := 0; len(lines) < 64<<10; i++ {
		if i%7 == 0 {
			lines = append(lines, "--THIS_STRING"...)
		}
		lines = append(lines, "Lorem ipsum dolor sit amet, consectetur adipiscing elit.\r\n"...)
	}
	lines = lines[:64<<10]
	for _, bc := range []struct {
		name string
		data []byte
	}{
		{"random", random},
		{"lines", lines},
	} {
		b.Run(bc.name, func(b *testing.B) {
			msg := byterangesMessage(bc.data)
			rd := NewReader(&cyclic{data: msg, max: 16 << 10}, nil)
			buf := make([]byte, 32<<10)
			var m Message
			b.SetBytes(int64(len(msg)))
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if err := rd.ReadResponse(&m, nil); err != nil {
					b.Fatal(err)
				}
				n := 0
				for {
					k, err := rd.Body().Read(buf)
					n += k
					if err == io.EOF {
						break
					}
					if err != nil {
						b.Fatal(err)
					}
				}
				if n < len(bc.data) {
					b.Fatalf("body of %d bytes", n)
				}
			}
		})
	}
}
