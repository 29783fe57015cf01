package bench

import (
	"bytes"
	"embed"
	"io"
	"strconv"
	"strings"
)

//go:generate go run ./internal/mktestdata

//go:embed testdata/*.http testdata/dates.txt
var testdata embed.FS

// Input is one benchmark input.
type Input struct {
	Name string
	// Data is the whole input: a head, a head and its body, or a stream.
	Data []byte
	// Requests is the number of requests in Data.
	Requests int
}

func load(name string) []byte {
	b, err := testdata.ReadFile("testdata/" + name)
	if err != nil {
		panic(err)
	}
	return b
}

// The inputs, from testdata (written by internal/mktestdata).
var (
	BrowserGET    = Input{"browser", load("browser_get.http"), 1}
	Kittyhell     = Input{"kittyhell", load("kittyhell.http"), 1}
	APIPost       = Input{"api-post", load("api_post.http"), 1}
	Headers100    = Input{"headers100", load("headers100.http"), 1}
	ChunkedUpload = Input{"chunked-upload", load("chunked_upload.http"), 1}
	Pipeline100   = Input{"pipeline100", load("pipeline100.http"), 100}
)

// Heads are the single-request inputs whose head every peer parses.
var Heads = []Input{BrowserGET, Kittyhell, APIPost, Headers100}

// Dates are the HTTP-dates of testdata/dates.txt, one per form of RFC 2616
// §3.3.1: rfc1123-date, rfc850-date, asctime-date.
var Dates = strings.Split(strings.TrimSuffix(string(load("dates.txt")), "\n"), "\n")

// ChunkedBody returns the Chunked-Body of the chunked upload (the bytes
// after its head).
func ChunkedBody() []byte {
	d := ChunkedUpload.Data
	i := bytes.Index(d, []byte("\r\n\r\n"))
	return d[i+4:]
}

// ChunkReader returns its data in reads of at most N bytes, the way a
// socket delivers a request that arrives in small segments.
type ChunkReader struct {
	data []byte
	N    int
}

// NewChunkReader returns a ChunkReader of data in reads of n bytes.
func NewChunkReader(data []byte, n int) *ChunkReader { return &ChunkReader{data, n} }

// Reset starts reading data again.
func (r *ChunkReader) Reset(data []byte) { r.data = data }

// Read copies at most N bytes of what is left into p; io.EOF at the end.
func (r *ChunkReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	if len(p) > r.N {
		p = p[:r.N]
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

// SmallChunks returns a Chunked-Body of n chunks of size bytes each.
func SmallChunks(n, size int) []byte {
	var b bytes.Buffer
	data := bytes.Repeat([]byte{'x'}, size)
	for i := 0; i < n; i++ {
		b.WriteString(strconv.FormatInt(int64(size), 16))
		b.WriteString("\r\n")
		b.Write(data)
		b.WriteString("\r\n")
	}
	b.WriteString("0\r\n\r\n")
	return b.Bytes()
}
