package parser

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http/httputil"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

type chunkedCase struct {
	name, in string
	want     string
	trailer  []string // "Name|Value"
	rest     string
	opts     *ChunkedOptions
}

var chunkedValid = []chunkedCase{
	// RFC 2616 §3.6.1 (with the extension written as the 2616 grammar has
	// it: no white space after ";").
	{name: "§3.6.1 chunks, extension and trailer",
		in:      "1a;ignore-stuff-here\r\nabcdefghijklmnopqrstuvwxyz\r\n10\r\n1234567890abcdef\r\n0\r\nsome-footer: some-value\r\nanother-footer: another-value\r\n\r\n",
		want:    "abcdefghijklmnopqrstuvwxyz1234567890abcdef",
		trailer: []string{"some-footer|some-value", "another-footer|another-value"}},
	{name: "§3.6.1 empty body", in: "0\r\n\r\n"},
	{name: "§3.6.1 last-chunk 1*(\"0\")", in: "000\r\n\r\n"},
	{name: "§3.6.1 one chunk", in: "5\r\nhello\r\n0\r\n\r\n", want: "hello"},
	{name: "§3.6.1 upper-case HEX", in: "A\r\n0123456789\r\n0\r\n\r\n", want: "0123456789"},
	{name: "§3.6.1 lower-case HEX", in: "a\r\n0123456789\r\n0\r\n\r\n", want: "0123456789"},
	{name: "§3.6.1 leading zeros", in: "0005\r\nhello\r\n0\r\n\r\n", want: "hello"},
	{name: "§3.6.1 16 HEX digits", in: "0000000000000005\r\nhello\r\n0\r\n\r\n", want: "hello"},
	{name: "§3.6.1 chunk-data holding CRLF and a last-chunk", in: "7\r\n0\r\n\r\n\r\n\r\n0\r\n\r\n", want: "0\r\n\r\n\r\n"},
	{name: "§3.6.1 chunk-data of all bytes", in: "3\r\n\x00\xff\n\r\n0\r\n\r\n", want: "\x00\xff\n"},
	{name: "§3.6.1 chunk-extension name only", in: "5;a\r\nhello\r\n0\r\n\r\n", want: "hello"},
	{name: "§3.6.1 chunk-extension token value", in: "5;a=b;c=d\r\nhello\r\n0\r\n\r\n", want: "hello"},
	{name: "§3.6.1 chunk-extension quoted-string value", in: "5;name=\"va lue;x=\\\"y\\\"\"\r\nhello\r\n0\r\n\r\n", want: "hello"},
	{name: "§3.6.1 extension on last-chunk", in: "5\r\nhello\r\n0;done=1\r\n\r\n", want: "hello"},
	{name: "§3.6.1 trailer with empty value", in: "0\r\nX-Empty:\r\n\r\n", trailer: []string{"X-Empty|"}},
	{name: "§3.6.1 trailer value LWS trimmed", in: "0\r\nX-A: \t v \t\r\n\r\n", trailer: []string{"X-A|v"}},
	{name: "§2.2 trailer with line folding", in: "0\r\nX-A: 1\r\n  2\r\n\t3\r\nX-B: 4\r\n\r\n", trailer: []string{"X-A|1  2\t3", "X-B|4"}},
	{name: "§3.6.1 bytes after the body", in: "0\r\n\r\nGET / HTTP/1.1\r\n", rest: "GET / HTTP/1.1\r\n"},
	// ChunkedOptions.AllowBareLF (RFC 2616 §19.3 tolerance).
	{name: "§19.3 AllowBareLF everywhere", in: "5\nhello\n3;x\nabc\n0\nX: y\n z\n\n", want: "helloabc",
		trailer: []string{"X|y z"}, opts: &ChunkedOptions{AllowBareLF: true}},
	{name: "§19.3 AllowBareLF still takes CRLF", in: "5\r\nhello\r\n0\r\n\r\n", want: "hello", opts: &ChunkedOptions{AllowBareLF: true}},
	{name: "§3.6.1 MaxSizeDigits above 16, leading zeros", in: "000000000000000000005\r\nhello\r\n0\r\n\r\n", want: "hello", opts: &ChunkedOptions{MaxSizeDigits: 32}},
}

type chunkedErrCase struct {
	name, in   string
	off        int
	rule, want string
	is         error
	opts       *ChunkedOptions
}

var chunkedInvalid = []chunkedErrCase{
	// chunk-size = 1*HEX, never overflowing.
	{name: "§3.6.1 chunk-size overflow ffffffffffffffffff", in: "ffffffffffffffffff\r\n", off: 15, rule: "chunk-size", want: "does not fit"},
	{name: "§3.6.1 chunk-size 2^63", in: "8000000000000000\r\n", off: 15, rule: "chunk-size", want: "does not fit"},
	{name: "§3.6.1 chunk-size more than 16 digits", in: "00000000000000001\r\n", off: 16, rule: "chunk-size", want: "more than 16", is: ErrLimit},
	{name: "§3.6.1 MaxSizeDigits 4", in: "00005\r\nhello\r\n0\r\n\r\n", off: 4, rule: "chunk-size", is: ErrLimit, opts: &ChunkedOptions{MaxSizeDigits: 4}},
	{name: "§3.6.1 no chunk-size", in: ";a\r\n", off: 0, rule: "chunk-size", want: "expected a HEX digit"},
	{name: "§3.6.1 empty line", in: "\r\n", off: 0, rule: "chunk-size"},
	{name: "§3.6.1 leading space", in: " 5\r\nhello\r\n0\r\n\r\n", off: 0, rule: "chunk-size"},
	{name: "§3.6.1 space after chunk-size", in: "5 \r\nhello\r\n0\r\n\r\n", off: 1, rule: "chunk"},
	{name: "§3.6.1 0x prefix", in: "0x5\r\nhello\r\n0\r\n\r\n", off: 1, rule: "chunk"},
	{name: "§3.6.1 sign", in: "-5\r\nhello\r\n0\r\n\r\n", off: 0, rule: "chunk-size"},
	{name: "§3.6.1 non-HEX in size", in: "5g\r\nhello\r\n0\r\n\r\n", off: 1, rule: "chunk"},
	// chunk-extension = *( ";" chunk-ext-name [ "=" chunk-ext-val ] )
	{name: "§3.6.1 chunk-extension empty name", in: "5;\r\nhello\r\n0\r\n\r\n", off: 2, rule: "chunk-extension", want: "end of line"},
	{name: "§3.6.1 chunk-extension space after ;", in: "1a; ignore-stuff-here\r\n", off: 3, rule: "chunk-extension", want: "found 0x20"},
	{name: "§3.6.1 chunk-extension space in value", in: "5;a=b c\r\nhello\r\n0\r\n\r\n", off: 5, rule: "chunk-extension"},
	{name: "§3.6.1 chunk-extension empty value", in: "5;a=\r\nhello\r\n0\r\n\r\n", off: 4, rule: "chunk-extension"},
	{name: "§3.6.1 chunk-extension unterminated quoted-string", in: "5;a=\"x\r\nhello\r\n0\r\n\r\n", off: 6, rule: "chunk-extension"},
	{name: "§3.6.1 chunk-extension NUL", in: "5;a\x00\r\nhello\r\n0\r\n\r\n", off: 3, rule: "chunk-extension"},
	{name: "§3.6.1 chunk line too long", in: "5;" + strings.Repeat("a", 5000) + "\r\n", off: 4096, rule: "chunk", is: ErrLimit},
	// chunk = chunk-size [ chunk-extension ] CRLF chunk-data CRLF
	{name: "§3.6.1 missing CRLF after data", in: "5\r\nhelloX\r\n0\r\n\r\n", off: 8, rule: "chunk-data", want: "after 5 octets"},
	{name: "§3.6.1 data longer than chunk-size", in: "3\r\nhello\r\n0\r\n\r\n", off: 6, rule: "chunk-data"},
	{name: "§3.6.1 CR without LF after data", in: "5\r\nhello\rX", off: 9, rule: "chunk"},
	{name: "§3.6.1 CR without LF after size", in: "5\rhello", off: 2, rule: "chunk"},
	// CRLF, not bare LF.
	{name: "§2.2 bare LF after chunk-size", in: "5\nhello\r\n0\r\n\r\n", off: 1, rule: "chunk", want: "bare LF"},
	{name: "§2.2 bare LF after extension", in: "5;a\nhello\r\n0\r\n\r\n", off: 3, rule: "chunk", want: "bare LF"},
	{name: "§2.2 bare LF after chunk-data", in: "5\r\nhello\n0\r\n\r\n", off: 8, rule: "chunk-data"},
	{name: "§2.2 bare LF after last-chunk", in: "0\n\r\n", off: 1, rule: "chunk", want: "bare LF"},
	{name: "§2.2 bare LF in trailer", in: "0\r\nX: y\n\r\n", off: 7, rule: "trailer-part", want: "bare LF"},
	{name: "§2.2 bare LF at the end", in: "0\r\n\n", off: 3, rule: "Chunked-Body", want: "bare LF"},
	// trailer-part = *(entity-header CRLF)
	{name: "§3.6.1 trailer white space before colon", in: "0\r\nX : y\r\n\r\n", off: 4, rule: "message-header", want: "white space before"},
	{name: "§3.6.1 trailer starts with white space", in: "0\r\n X: y\r\n\r\n", off: 3, rule: "message-header"},
	// RFC 7230 §3.2.4 deprecates folding: RejectFolding refuses it in
	// trailers as Options.RejectFolding does in heads.
	{name: "RFC 7230 §3.2.4 folded trailer", in: "0\r\nX: a\r\n b\r\n\r\n", off: 9, rule: "message-header", want: "folded trailer field", opts: &ChunkedOptions{RejectFolding: true}},
	{name: "§3.6.1 trailer without colon", in: "0\r\nNoColon\r\n\r\n", off: 10, rule: "message-header"},
	{name: "§3.6.1 trailer with a CTL", in: "0\r\nX: a\x01b\r\n\r\n", off: 7, rule: "message-header"},
	{name: "§3.6.1 trailer bad field-name", in: "0\r\nX(: y\r\n\r\n", off: 4, rule: "message-header"},
	{name: "§3.6.1 trailer bad byte before white space (fuzz)", in: "0\r\n\xff ", off: 3, rule: "message-header", want: "found 0xff"},
	{name: "§3.6.1 trailer too long", in: "0\r\nX: " + strings.Repeat("y", 100) + "\r\n\r\n", off: 67, rule: "trailer-part", is: ErrLimit, opts: &ChunkedOptions{MaxTrailerBytes: 64}},
	// Truncated streams.
	{name: "§3.6.1 truncated: empty", in: "", off: 0, rule: "Chunked-Body", is: io.ErrUnexpectedEOF},
	{name: "§3.6.1 truncated in chunk-size", in: "5", off: 1, rule: "Chunked-Body", is: io.ErrUnexpectedEOF},
	{name: "§3.6.1 truncated in chunk-data", in: "5\r\nhel", off: 6, rule: "Chunked-Body", is: io.ErrUnexpectedEOF, want: "in chunk-data"},
	{name: "§3.6.1 truncated after chunk-data", in: "5\r\nhello", off: 8, rule: "Chunked-Body", is: io.ErrUnexpectedEOF},
	{name: "§3.6.1 truncated: no last-chunk", in: "5\r\nhello\r\n", off: 10, rule: "Chunked-Body", is: io.ErrUnexpectedEOF},
	{name: "§3.6.1 truncated: no final CRLF", in: "0\r\n", off: 3, rule: "Chunked-Body", is: io.ErrUnexpectedEOF},
	{name: "§3.6.1 truncated in trailer", in: "0\r\nX: y\r\n", off: 9, rule: "Chunked-Body", is: io.ErrUnexpectedEOF},
	{name: "§3.6.1 truncated: huge chunk-size", in: "7fffffffffffffff\r\nabc", off: 21, rule: "Chunked-Body", is: io.ErrUnexpectedEOF},
}

func trailerStrings(c *ChunkedReader) []string {
	var s []string
	for _, f := range c.Trailer() {
		s = append(s, string(f.Name)+"|"+string(f.Value))
	}
	return s
}

// readers returns the ways the tests feed the chunked stream.
func testReaders(in string) map[string]io.Reader {
	return map[string]io.Reader{
		"whole":       strings.NewReader(in),
		"one byte":    iotest.OneByteReader(strings.NewReader(in)),
		"half":        iotest.HalfReader(strings.NewReader(in)),
		"data+EOF":    iotest.DataErrReader(strings.NewReader(in)),
		"bufio small": bufio.NewReaderSize(iotest.OneByteReader(strings.NewReader(in)), 16),
	}
}

// RFC 2616 §3.6.1: valid bodies, fed in every way, read in every way,
// give the same data and trailers.
func TestChunkedReader(t *testing.T) {
	for _, tt := range chunkedValid {
		t.Run(tt.name, func(t *testing.T) {
			for rname := range testReaders(tt.in) {
				for _, small := range []bool{false, true} {
					c := NewChunkedReader(testReaders(tt.in)[rname], tt.opts)
					var got []byte
					var err error
					if small { // one byte per Read of ours
						got, err = io.ReadAll(iotest.OneByteReader(c))
					} else {
						got, err = io.ReadAll(c)
					}
					if err != nil {
						t.Fatalf("%s, small=%v: error %v", rname, small, err)
					}
					if string(got) != tt.want {
						t.Errorf("%s, small=%v: data %q, want %q", rname, small, got, tt.want)
					}
					if tr := trailerStrings(c); !reflect.DeepEqual(tr, tt.trailer) {
						t.Errorf("%s, small=%v: trailer %q, want %q", rname, small, tr, tt.trailer)
					}
					for _, f := range c.Trailer() {
						if !strings.HasPrefix(tt.in[f.Offset:], string(f.Name)+":") {
							t.Errorf("%s, small=%v: field %s at offset %d, where the input has %.10q", rname, small, f.Name, f.Offset, tt.in[f.Offset:])
						}
					}
					if rname == "whole" && string(c.Rest()) != tt.rest {
						t.Errorf("Rest() = %q, want %q", c.Rest(), tt.rest)
					}
					if n, err := c.Read(make([]byte, 4)); n != 0 || err != io.EOF {
						t.Errorf("%s: Read after EOF = %d, %v", rname, n, err)
					}
				}
			}
			// testing/iotest's conformance checks of an io.Reader.
			if err := iotest.TestReader(NewChunkedReader(strings.NewReader(tt.in), tt.opts), []byte(tt.want)); err != nil {
				t.Errorf("iotest.TestReader: %v", err)
			}
		})
	}
}

func TestChunkedReaderErrors(t *testing.T) {
	for _, tt := range chunkedInvalid {
		t.Run(tt.name, func(t *testing.T) {
			var first error
			for rname, r := range testReaders(tt.in) {
				c := NewChunkedReader(r, tt.opts)
				_, err := io.ReadAll(c)
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("%s: error %v, want an *Error", rname, err)
				}
				if e.Offset != tt.off || e.Line != 0 || e.Col != 0 || e.Rule != tt.rule || e.Section != "3.6.1" {
					t.Errorf("%s: error at offset %d %d:%d %q §%s; want offset %d 0:0 %q §3.6.1 (%v)",
						rname, e.Offset, e.Line, e.Col, e.Rule, e.Section, tt.off, tt.rule, e)
				}
				if at := fmt.Sprintf("offset %d: ", tt.off); !contains(e.Error(), at) {
					t.Errorf("%s: error %q does not say %q", rname, e.Error(), at)
				}
				if !contains(e.Error(), tt.want) {
					t.Errorf("%s: error %q does not say %q", rname, e, tt.want)
				}
				if tt.is != nil && !errors.Is(err, tt.is) {
					t.Errorf("%s: error %v is not %v", rname, err, tt.is)
				}
				if tt.is != io.ErrUnexpectedEOF && errors.Is(err, io.ErrUnexpectedEOF) {
					t.Errorf("%s: error %v wraps io.ErrUnexpectedEOF", rname, err)
				}
				if n, err2 := c.Read(make([]byte, 4)); n != 0 || err2 != err {
					t.Errorf("%s: Read after the error = %d, %v; want the same error again", rname, n, err2)
				}
				if first == nil {
					first = err
				} else if err.Error() != first.Error() {
					t.Errorf("%s: error %q differs from %q", rname, err, first)
				}
			}
		})
	}
}

// errAfterReader returns err once after n bytes, then reads on.
type errAfterReader struct {
	r    io.Reader
	n    int
	err  error
	done bool
}

func (e *errAfterReader) Read(p []byte) (int, error) {
	if !e.done && e.n == 0 {
		e.done = true
		return 0, e.err
	}
	if !e.done && len(p) > e.n {
		p = p[:e.n]
	}
	n, err := e.r.Read(p)
	e.n -= n
	return n, err
}

// An error of the underlying reader is returned as it is, and a later Read
// goes on.
func TestChunkedReaderIOError(t *testing.T) {
	in := "5\r\nhello\r\n3\r\nabc\r\n0\r\n\r\n"
	for n := 0; n < len(in); n++ {
		r := &errAfterReader{r: strings.NewReader(in), n: n, err: iotest.ErrTimeout}
		c := NewChunkedReader(r, &ChunkedOptions{BufferSize: 1})
		var got []byte
		var saw bool
		buf := make([]byte, 3)
		for {
			k, err := c.Read(buf)
			got = append(got, buf[:k]...)
			if err == io.EOF {
				break
			}
			if err != nil {
				if err != iotest.ErrTimeout || saw {
					t.Fatalf("at %d: error %v", n, err)
				}
				saw = true
			}
		}
		if string(got) != "helloabc" || !saw {
			t.Errorf("error after %d bytes: got %q, saw the error: %v", n, got, saw)
		}
	}
}

// RFC 2616 §3.6.1: on valid bodies the data is what net/http/httputil's
// chunked reader gives.
func TestChunkedReaderAgainstHTTPUtil(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 300; i++ {
		body, data := randomChunked(r)
		want, err := io.ReadAll(httputil.NewChunkedReader(bytes.NewReader(body)))
		if err != nil {
			t.Fatalf("httputil on %q: %v", body, err)
		}
		if !bytes.Equal(want, data) {
			t.Fatalf("the generator and httputil disagree on %q", body)
		}
		// 33 and 64: chunks larger than the buffer make fill read short
		// (chunkedShortRead) before the next chunk-size line.
		for _, bs := range []int{1, 7, 33, 64, 4096} {
			got, err := io.ReadAll(iotest.HalfReader(NewChunkedReader(iotest.HalfReader(bytes.NewReader(body)), &ChunkedOptions{BufferSize: bs})))
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("buffer %d on %q: %q, %v; httputil %q", bs, body, got, err, want)
			}
		}
	}
}

// randomChunked returns a valid Chunked-Body and its data.
func randomChunked(r *rand.Rand) (body, data []byte) {
	var b bytes.Buffer
	for n := r.IntN(6); n > 0; n-- {
		size := r.IntN(300) + 1
		chunk := make([]byte, size)
		for i := range chunk {
			chunk[i] = byte(r.IntN(256))
		}
		data = append(data, chunk...)
		f := "%x"
		if r.IntN(2) == 0 {
			f = "%X"
		}
		fmt.Fprintf(&b, f, size)
		if r.IntN(3) == 0 {
			b.WriteString(";ext=\"v\";x")
		}
		b.WriteString("\r\n")
		b.Write(chunk)
		b.WriteString("\r\n")
	}
	b.WriteString("0\r\n")
	if r.IntN(2) == 0 {
		b.WriteString("X-Checksum: abc\r\n")
	}
	b.WriteString("\r\n")
	return b.Bytes(), data
}

// Memory stays constant: a reused reader allocates nothing per body,
// whatever the chunk sizes.
func TestChunkedReaderAllocs(t *testing.T) {
	body := largeChunked(1<<20, 64<<10)
	br := bytes.NewReader(body)
	c := NewChunkedReader(br, nil)
	buf := make([]byte, 32<<10)
	n := testing.AllocsPerRun(10, func() {
		br.Reset(body)
		c.Reset(br)
		for {
			_, err := c.Read(buf)
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	})
	if n != 0 {
		t.Errorf("reading a 1 MiB chunked body allocates %v times, want 0", n)
	}
}

func largeChunked(total, chunk int) []byte {
	var b bytes.Buffer
	data := bytes.Repeat([]byte("0123456789abcdef"), chunk/16+1)[:chunk]
	for n := 0; n < total; n += chunk {
		fmt.Fprintf(&b, "%x\r\n", chunk)
		b.Write(data)
		b.WriteString("\r\n")
	}
	b.WriteString("0\r\n\r\n")
	return b.Bytes()
}

func BenchmarkChunkedReader(b *testing.B) {
	for _, chunk := range []int{64 << 10, 1 << 10, 64} {
		body := largeChunked(1<<20, chunk)
		b.Run(fmt.Sprintf("chunk=%d/abnfc", chunk), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(body)))
			br := bytes.NewReader(body)
			c := NewChunkedReader(br, nil)
			buf := make([]byte, 32<<10)
			for b.Loop() {
				br.Reset(body)
				c.Reset(br)
				if _, err := io.CopyBuffer(io.Discard, struct{ io.Reader }{c}, buf); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("chunk=%d/httputil", chunk), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(body)))
			br := bytes.NewReader(body)
			buf := make([]byte, 32<<10)
			for b.Loop() {
				br.Reset(body)
				if _, err := io.CopyBuffer(io.Discard, struct{ io.Reader }{httputil.NewChunkedReader(br)}, buf); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Extensions and trailers do not allocate either once the reader has its
// trailer buffer.
func TestChunkedReaderAllocsExtensionsTrailers(t *testing.T) {
	body := []byte("5;a=b;c=\"d e\"\r\nhello\r\n0;last\r\nX-A: 1\r\nX-B: 2\r\n\r\n")
	br := bytes.NewReader(body)
	c := NewChunkedReader(br, nil)
	buf := make([]byte, 64)
	n := testing.AllocsPerRun(10, func() {
		br.Reset(body)
		c.Reset(br)
		for {
			_, err := c.Read(buf)
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if len(c.Trailer()) != 2 {
			t.Fatalf("trailer %q", trailerStrings(c))
		}
	})
	if n != 0 {
		t.Errorf("a reused reader allocates %v times per body with extensions and trailers, want 0", n)
	}
}

type zeroReader struct{}

func (zeroReader) Read([]byte) (int, error) { return 0, nil }

// A reader that never makes progress gives io.ErrNoProgress, not a hang.
func TestChunkedReaderNoProgress(t *testing.T) {
	c := NewChunkedReader(zeroReader{}, nil)
	if _, err := c.Read(make([]byte, 8)); err != io.ErrNoProgress {
		t.Errorf("Read = %v, want io.ErrNoProgress", err)
	}
	c = NewChunkedReader(io.MultiReader(strings.NewReader("5\r\n"), zeroReader{}), &ChunkedOptions{BufferSize: 3})
	if _, err := c.Read(make([]byte, 8)); err != io.ErrNoProgress {
		t.Errorf("Read in chunk-data = %v, want io.ErrNoProgress", err)
	}
}

// RFC 2616 §3.6.1: whatever ChunkedReader accepts, httputil's reader
// reads as the same data; read byte by byte it gives the same result; it
// never panics.
func FuzzChunkedReader(f *testing.F) {
	for _, tt := range chunkedValid {
		f.Add(tt.in)
	}
	for _, tt := range chunkedInvalid {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		c := NewChunkedReader(strings.NewReader(in), &ChunkedOptions{MaxTrailerBytes: 256, MaxLineBytes: 64})
		got, err := io.ReadAll(c)
		c1 := NewChunkedReader(iotest.OneByteReader(strings.NewReader(in)), &ChunkedOptions{MaxTrailerBytes: 256, MaxLineBytes: 64, BufferSize: 1})
		got1, err1 := io.ReadAll(iotest.OneByteReader(c1))
		if !bytes.Equal(got, got1) || fmt.Sprint(err) != fmt.Sprint(err1) || !reflect.DeepEqual(trailerStrings(c), trailerStrings(c1)) {
			t.Fatalf("%q: whole %q, %v; byte by byte %q, %v", in, got, err, got1, err1)
		}
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Offset < 0 || e.Offset > len(in) {
				t.Fatalf("%q: error %#v", in, err)
			}
			return
		}
		want, herr := io.ReadAll(httputil.NewChunkedReader(strings.NewReader(in)))
		if herr != nil || !bytes.Equal(got, want) {
			t.Fatalf("%q: %q; httputil %q, %v", in, got, want, herr)
		}
	})
}

// TestChunkedReaderAgreesWithGrammar: on chunked bodies whose chunk sizes
// are right (which a grammar cannot count), ChunkedReader accepts exactly
// what the generated Chunked-Body rule matches. A quoted chunk-ext-val
// with a fold or a "\" CR in it had matched RFC 2616's quoted-string while
// the reader, which ends a chunk line at its first CR or LF, refused it
// (grammar/rfc2616/message.abnf now leaves CR and LF out of it, as RFC
// 7230 §4.1.1 does).
func TestChunkedReaderAgreesWithGrammar(t *testing.T) {
	for _, tc := range []struct{ name, in string }{
		{"plain", "3\r\nabc\r\n0\r\n\r\n"},
		{"token extension", "3;a=b\r\nabc\r\n0;c\r\n\r\n"},
		{"quoted extension", "3;a=\"x y\\\"z\"\r\nabc\r\n0\r\n\r\n"},
		{"tab in a quoted extension", "3;a=\"x\ty\"\r\nabc\r\n0\r\n\r\n"},
		{"fold in a quoted extension", "3;a=\"x\r\n y\"\r\nabc\r\n0\r\n\r\n"},
		{"quoted CR", "3;a=\"\\\r\"\r\nabc\r\n0\r\n\r\n"},
		{"quoted LF", "3;a=\"\\\n\"\r\nabc\r\n0\r\n\r\n"},
		{"quoted NUL", "3;a=\"\\\x00\"\r\nabc\r\n0\r\n\r\n"},
		{"white space before the extension", "3 ;a\r\nabc\r\n0\r\n\r\n"},
		{"trailer", "0\r\nX: a\r\n\r\n"},
		{"folded trailer", "0\r\nX: a\r\n b\r\n\r\n"},
		{"bare LF", "3\nabc\r\n0\r\n\r\n"},
		{"last-chunk of zeros", "000\r\n\r\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cr := NewChunkedReader(strings.NewReader(tc.in), nil)
			_, err := io.ReadAll(cr)
			reader := err == nil && len(cr.Rest()) == 0
			if grammar := MatchChunkedBody([]byte(tc.in)); reader != grammar {
				t.Errorf("ChunkedReader accepts: %v (%v); MatchChunkedBody: %v", reader, err, grammar)
			}
		})
	}
}

// TestChunkedTrailerSpaceBeforeColon: Options.AllowSpaceBeforeColon
// reaches a Reader's trailer fields (ChunkedOptions.AllowSpaceBeforeColon),
// as it does head fields: "X : a" is the field X. Strict, it is refused
// at the white space (RFC 7230 §3.2.4). (An audit found the head
// accepting what the trailer refused under the same Options.)
func TestChunkedTrailerSpaceBeforeColon(t *testing.T) {
	const in = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-Sum : 5\r\nY\r\n : 6\r\n\r\n"
	for _, tt := range []struct {
		name string
		opts *Options
		err  int // offset of the error, -1 for none
	}{
		{"strict", nil, strings.Index(in, "X-Sum ") + len("X-Sum")},
		{"AllowSpaceBeforeColon", &Options{AllowSpaceBeforeColon: true}, -1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rd := NewReader(strings.NewReader(in), tt.opts)
			var m Message
			if err := rd.ReadRequest(&m); err != nil {
				t.Fatal(err)
			}
			_, err := io.Copy(io.Discard, rd.Body())
			if tt.err >= 0 {
				var e *Error
				if !errors.As(err, &e) || e.Offset != tt.err || !strings.Contains(e.Msg, `white space before ":"`) {
					t.Fatalf("%v, want the white space before \":\" at %d", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := string(rd.TrailerValue("X-Sum")) + "," + string(rd.TrailerValue("Y")); got != "5,6" {
				t.Errorf("trailer X-Sum, Y = %q, want 5,6 (%v)", got, rd.Trailer())
			}
		})
	}
}
