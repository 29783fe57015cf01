package parser

import (
	"bytes"
	"errors"
	"fmt"
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

// byterangesByteAtATime is the model of bodyReader.byteranges: the
// Reader's earlier code, which took the body one byte at a time through
// the buffer and followed the close delimiter with a counter. The new
// code must give the same bytes, in Reads of the same sizes, and the same
// errors at the same offsets.
func (b *bodyReader) byterangesByteAtATime(p []byte) (int, error) {
	size := len(b.delim)
	r := b.rd
	n := 0
	for n < len(p) {
		if r.r == r.w {
			if n > 0 {
				return n, nil
			}
			if r.srcErr != nil && r.srcErr != io.EOF {
				return 0, r.srcErr
			}
			if r.srcErr != nil {
				e := &Error{Offset: int(r.off), Rule: "multipart/byteranges", Section: "19.2", Msg: "the stream ends before the close delimiter", Err: io.ErrUnexpectedEOF}
				r.place(e)
				return 0, e
			}
			r.fill()
			continue
		}
		c := r.buf[r.r]
		p[n] = c
		n++
		r.consume(1)
		switch {
		case b.match > 0 && c == b.delim[b.match]:
			b.match++
		case b.match == 0 && c == '-' && !b.midLine:
			b.match = 1
		default:
			b.match = 0
		}
		// A line ends with CRLF, or a bare LF with AllowBareLF (RFC
		// 2046 §5.1.1: delimiter := CRLF dash-boundary).
		b.midLine = !(c == '\n' && (b.cr || b.bareLF))
		b.cr = c == '\r'
		if b.match == size {
			b.done, r.afterDelim = true, true
			return n, nil
		}
	}
	return n, nil
}

// modelBody reads a Reader's byteranges body with the model.
type modelBody struct{ b *bodyReader }

func (m modelBody) Read(p []byte) (int, error) {
	if m.b.done || m.b.rd == nil {
		return 0, io.EOF
	}
	if m.b.framing != BodyByteranges {
		return m.b.Read(p)
	}
	return m.b.byterangesByteAtATime(p)
}

// splitReader gives data in reads of at most n bytes, then err (io.EOF
// when nil; errStall: 0, nil for ever, which the Reader turns into
// io.ErrNoProgress).
type splitReader struct {
	data []byte
	n    int
	err  error
}

var errStall = errors.New("0, nil for ever")

func (s *splitReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if len(s.data) == 0 {
		switch s.err {
		case nil:
			return 0, io.EOF
		case errStall:
			return 0, nil
		}
		return 0, s.err
	}
	k := copy(p[:min(len(p), s.n)], s.data)
	s.data = s.data[k:]
	return k, nil
}

// diffByteranges reads a response, its body in Reads of size bytes and
// the next response from a source that gives stream in reads of src bytes
// (then srcErr, io.EOF when nil), with the reader and with the model side
// by side, both with opts (traceOptions or bareLFOptions). It returns "" when every call gave the same and the Readers
// then stood at the same place, else what differed.
//
// rd holds the two Readers, reused: a Reader is large (its history).
func diffByteranges(rd *[2]*Reader, opts *Options, stream string, src, size int, srcErr error) string {
	var m [2]Message
	var body [2]io.Reader
	var p [2][]byte
	var errs [2]error
	for k := range rd {
		s := &splitReader{data: []byte(stream), n: src, err: srcErr}
		if rd[k] == nil {
			rd[k] = NewReader(s, opts)
		} else {
			*rd[k] = Reader{src: s, opts: opts, buf: rd[k].buf} // as NewReader
		}
		errs[k] = rd[k].ReadResponse(&m[k], nil)
		body[k], p[k] = rd[k].Body(), make([]byte, size)
	}
	body[1] = modelBody{&rd[1].body}
	if d := diffCall("head", 0, 0, nil, nil, errs[0], errs[1]); d != "" || errs[0] != nil {
		if d == "" {
			d = fmt.Sprintf("head: %v", errs[0]) // the heads are valid
		}
		return d
	}
	if m[0].Body != BodyByteranges {
		return "not multipart/byteranges: " + m[0].Body.String()
	}
	for i := 0; ; i++ {
		var n [2]int
		for k := range rd {
			n[k], errs[k] = body[k].Read(p[k])
		}
		if d := diffCall("Read", n[0], n[1], p[0][:n[0]], p[1][:n[1]], errs[0], errs[1]); d != "" {
			return fmt.Sprintf("%s %d", d, i)
		}
		if d := diffPlace(rd[0], rd[1]); d != "" {
			return fmt.Sprintf("after Read %d: %s", i, d)
		}
		if errs[0] != nil {
			break
		}
	}
	// A Read after the end, or the error, gives the same; so does a
	// zero-length one.
	var n [2]int
	for k := range rd {
		n[k], errs[k] = body[k].Read(p[k])
	}
	if d := diffCall("Read again", n[0], n[1], p[0][:n[0]], p[1][:n[1]], errs[0], errs[1]); d != "" {
		return d
	}
	for k := range rd {
		n[k], errs[k] = body[k].Read(nil)
	}
	if d := diffCall("Read(nil)", n[0], n[1], nil, nil, errs[0], errs[1]); d != "" {
		return d
	}
	for k := range rd {
		errs[k] = rd[k].ReadResponse(&m[k], nil)
	}
	if d := diffCall("next", m[0].Status, m[1].Status, nil, nil, errs[0], errs[1]); d != "" {
		return d
	}
	return diffPlace(rd[0], rd[1])
}

// diffCall compares the results of a call on the two Readers.
func diffCall(what string, n0, n1 int, b0, b1 []byte, err0, err1 error) string {
	if n0 != n1 || !bytes.Equal(b0, b1) || (err0 == nil) != (err1 == nil) || err0 != nil && (err0.Error() != err1.Error() || errors.Is(err0, io.ErrUnexpectedEOF) != errors.Is(err1, io.ErrUnexpectedEOF)) {
		return fmt.Sprintf("%s: got %d %q %v, want (byte at a time) %d %q %v", what, n0, b0, err0, n1, b1, err1)
	}
	return ""
}

// diffPlace compares the Readers' Offset and Buffered.
func diffPlace(r0, r1 *Reader) string {
	if r0.Offset() != r1.Offset() || !bytes.Equal(r0.Buffered(), r1.Buffered()) {
		return fmt.Sprintf("Offset %d, Buffered %q; want (byte at a time) %d, %q", r0.Offset(), r0.Buffered(), r1.Offset(), r1.Buffered())
	}
	return ""
}

// traceOptions keep the Readers of diffByteranges small; bareLFOptions
// (a buffer of the same size) let a bare LF end a line, and so start the
// close delimiter.
var (
	traceOptions  = &Options{MaxStartLine: 64, MaxHeaderBytes: 512}
	bareLFOptions = &Options{MaxStartLine: 64, MaxHeaderBytes: 512, AllowBareLF: true}
)

// byterangesHead returns a response head whose body is
// multipart/byteranges with the boundary (a quoted-string when quoted).
func byterangesHead(boundary string, quoted bool) string {
	if quoted {
		boundary = `"` + boundary + `"`
	}
	return "HTTP/1.1 206 Partial Content\r\nContent-Type: multipart/byteranges; boundary=" + boundary + "\r\n\r\n"
}

// byterangesBodies returns bodies for the boundary: the close delimiter
// "--" boundary "--" cut at every position, at the body's start, after
// CRLF, after LF, mid-line and before the real one; CR alone; CRLF "--"
// near misses; and token strings drawn at random (seeded), some with the
// delimiter inside. Most end with the close delimiter; some do not.
func byterangesBodies(boundary string, random int) []string {
	delim := "--" + boundary + "--"
	end := "\r\n" + delim
	var out []string
	for k := 0; k <= len(delim); k++ {
		cut := delim[:k]
		out = append(out,
			cut,
			cut+end,
			cut+"x"+end,
			"x\r\n"+cut,
			"x\r\n"+cut+"x"+end,
			"x\n"+cut+end,
			"x"+cut+end,
			"\r"+cut+end,
			"\r\n\r"+cut+end,
			"\r\n"+cut+"\r\n"+cut+end,
			cut+"\n"+delim,
			"x\n"+cut+"\n"+cut+"\r"+end,
		)
	}
	out = append(out,
		"--"+boundary+"\r\nContent-Range: bytes 0-3/4\r\n\r\nab--"+boundary+"--cd"+end,
		"\r\n--\r\n-\r\n---"+end,
		"\r\r\r\n\n--"+boundary+"-x"+end,
		delim+delim,
		"\n"+delim,
	)
	tokens := []string{"x", "\r", "\n", "\r\n", "-", "--", "--" + boundary, "--" + boundary + "-", delim, "\r\n--" + boundary, end, boundary, "-" + boundary[:1]}
	rnd := rand.New(rand.NewPCG(uint64(len(boundary)), 14))
	for range random {
		var sb strings.Builder
		for range 1 + rnd.IntN(5) {
			sb.WriteString(tokens[rnd.IntN(len(tokens))])
		}
		if rnd.IntN(4) > 0 {
			sb.WriteString(end)
		}
		out = append(out, sb.String())
	}
	return out
}

// byterangesTails follow a body in the stream: nothing, the optional CRLF
// after the close delimiter (RFC 2046 §5.1.1: close-delimiter
// transport-padding [CRLF epilogue]), a pipelined response (§8.1.2.2)
// with and without the CRLF, a CR alone.
var byterangesTails = []string{"", "\r\n", "\r\nHTTP/1.1 204 No Content\r\n\r\n", "HTTP/1.1 204 No Content\r\n\r\n", "\r"}

// TestReaderByterangesModel: the multipart/byteranges body reader, which
// takes whole runs of the buffer, gives what the byte-at-a-time model
// gives (RFC 2616 §19.2, §4.4 rule 4: the body ends with its close
// delimiter): the same bytes in Reads of the same sizes, the same errors
// at the same offsets, the same Buffered and the same next message, for
// every size of the source's reads and of the caller's from one byte up
// (see compareByteranges), strictly (a line ends with CRLF: RFC 2046
// §5.1.1, delimiter := CRLF dash-boundary) and with AllowBareLF (with two
// of the boundaries: it does not depend on them). Boundaries: one byte; with "-" in it; one
// that starts with "-"; and a quoted one with a space and the other
// bchars that a token cannot hold (RFC 2046 §5.1.1; a folded one, §2.2's
// LWS in a quoted-string, is outside its grammar, and refused).
func TestReaderByterangesModel(t *testing.T) {
	random := 25
	if testing.Short() {
		random = 5
	}
	for _, bc := range []struct {
		name, boundary string
		quoted         bool
	}{
		{"B", "B", false},
		{"with dash", "a-b", false},
		{"dash first", "-x", false},
		{"quoted", "a b()", true},
	} {
		head := byterangesHead(bc.boundary, bc.quoted)
		for i, body := range byterangesBodies(bc.boundary, random) {
			for j, tail := range byterangesTails {
				t.Run(fmt.Sprintf("%s/%d/%d", bc.name, i, j), func(t *testing.T) {
					compareByteranges(t, traceOptions, head, body, tail, nil)
				})
				if bc.name == "B" || bc.name == "quoted" {
					t.Run(fmt.Sprintf("%s/%d/%d/bare LF", bc.name, i, j), func(t *testing.T) {
						compareByteranges(t, bareLFOptions, head, body, tail, nil)
					})
				}
			}
			// A source that fails, or stalls, after the body: its error
			// is returned as it is, and again at every later Read (with
			// one boundary: they do not depend on it).
			if bc.name != "B" {
				continue
			}
			for _, srcErr := range []error{errSource, errStall} {
				t.Run(fmt.Sprintf("%s/%d/%v", bc.name, i, srcErr), func(t *testing.T) {
					compareByteranges(t, traceOptions, head, body, "", srcErr)
				})
			}
		}
	}
}

// compareByteranges compares the reader and the model on head+body+tail
// for every size of the caller's Reads from 1 to len(body)+1 and every
// size of the source's reads from 1 to len(body)+3 (past the body, into
// the next head) and the whole stream; the source ends with srcErr
// (io.EOF when nil). (Caller sizes past len(body)+1 read as it does;
// the source's sizes stop at len(body)+3 to keep the test short.)
func compareByteranges(t *testing.T, opts *Options, head, body, tail string, srcErr error) {
	t.Helper()
	stream := head + body + tail
	var rd [2]*Reader
	for src := 1; src <= len(stream); src++ {
		if src > len(body)+3 {
			src = len(stream)
		}
		for size := 1; size <= len(body)+1; size++ {
			if d := diffByteranges(&rd, opts, stream, src, size, srcErr); d != "" {
				t.Fatalf("stream %q, source reads of %d, Reads of %d: %s", stream, src, size, d)
			}
		}
	}
}

// byterangesBoundaries are FuzzReaderByteranges' boundaries, chosen by a
// byte of the input: tokens, and a quoted-string with a space and bchars
// that a token cannot hold (RFC 2046 §5.1.1).
var byterangesBoundaries = []struct {
	boundary string
	quoted   bool
}{
	{"B", false},
	{"a-b", false},
	{"-x", false},
	{"THIS_STRING_SEPARATES", false},
	{"a b:=?", true},
}

// FuzzReaderByteranges: for any body after a multipart/byteranges head,
// read in Reads of any size from a source of any read size that ends, fails
// or stalls, strictly or with AllowBareLF, the body reader gives what the
// byte-at-a-time model gives (RFC 2616 §19.2, §4.4 rule 4). The seeds are
// in testdata/fuzz/FuzzReaderByteranges.
func FuzzReaderByteranges(f *testing.F) {
	f.Fuzz(func(t *testing.T, body string, which, src, size, end uint8) {
		bc := byterangesBoundaries[int(which)%len(byterangesBoundaries)]
		srcErr := []error{nil, errSource, errStall}[int(end)%3]
		opts := []*Options{traceOptions, bareLFOptions}[int(end)/3%2]
		stream := byterangesHead(bc.boundary, bc.quoted) + body
		var rd [2]*Reader
		if d := diffByteranges(&rd, opts, stream, 1+int(src), 1+int(size), srcErr); d != "" {
			t.Fatalf("stream %q, source reads of %d, Reads of %d: %s", stream, 1+int(src), 1+int(size), d)
		}
	})
}

// TestReaderByterangesDelimiterAfterCRLF: the close delimiter of a
// multipart/byteranges body (RFC 2616 §19.2) starts a line, after CRLF
// (RFC 2046 §5.1.1: delimiter := CRLF dash-boundary) or at the body's
// start; after a bare LF only with AllowBareLF. Each body is read whole
// in Reads of 1, 3 and 4096 bytes, from a source that gives 1, 2 or all
// of the stream at a time (a CR and its LF in two reads), then the next
// response.
func TestReaderByterangesDelimiterAfterCRLF(t *testing.T) {
	const next = "HTTP/1.1 204 No Content\r\n\r\n"
	for _, tc := range []struct {
		name, body string
		bareLF     bool
		want       string // the body Read gives; the rest is next
	}{
		{"CRLF", "a\r\n--B--", false, "a\r\n--B--"},
		{"body start", "--B--", false, "--B--"},
		{"CR CRLF", "a\r\r\n--B--", false, "a\r\r\n--B--"},
		{"LF CRLF", "a\n\r\n--B--", false, "a\n\r\n--B--"},
		{"bare LF", "a\n--B--\r\n--B--", false, "a\n--B--\r\n--B--"},
		{"bare LF first", "\n--B--\r\n--B--", false, "\n--B--\r\n--B--"},
		{"bare LF after a near miss", "--B-x\n--B--\r\n--B--", false, "--B-x\n--B--\r\n--B--"},
		{"LF CR", "a\n\r--B--\r\n--B--", false, "a\n\r--B--\r\n--B--"},
		{"bare LF allowed", "a\n--B--", true, "a\n--B--"},
		{"bare LF first allowed", "\n--B--", true, "\n--B--"},
		{"CRLF, bare LF allowed", "a\r\n--B--", true, "a\r\n--B--"},
	} {
		stream := byterangesHead("B", false) + tc.body + "\r\n" + next
		opts := traceOptions
		if tc.bareLF {
			opts = bareLFOptions
		}
		for _, src := range []int{1, 2, len(stream)} {
			for _, size := range []int{1, 3, 4096} {
				t.Run(fmt.Sprintf("%s/src=%d/read=%d", tc.name, src, size), func(t *testing.T) {
					rd := NewReader(&splitReader{data: []byte(stream), n: src}, opts)
					var m Message
					if err := rd.ReadResponse(&m, nil); err != nil {
						t.Fatal(err)
					}
					p := make([]byte, size)
					var body []byte
					for {
						n, err := rd.Body().Read(p)
						body = append(body, p[:n]...)
						if err == io.EOF {
							break
						}
						if err != nil {
							t.Fatalf("after %q: %v", body, err)
						}
					}
					if string(body) != tc.want {
						t.Errorf("body %q, want %q", body, tc.want)
					}
					if err := rd.ReadResponse(&m, nil); err != nil || m.Status != 204 {
						t.Errorf("next response: %d, %v; want 204", m.Status, err)
					}
				})
			}
		}
	}
}
