package bench

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httputil"

	"github.com/abnfc/abnfc/parser"
	hertzproto "github.com/cloudwego/hertz/pkg/protocol"
	hertzreq "github.com/cloudwego/hertz/pkg/protocol/http1/req"
	"github.com/valyala/fasthttp"
)

// ReaderStream is one parser.Reader over an endless stream of the same
// request, each copy arriving in reads of at most n bytes (never spanning
// two requests). Next reads the next copy, so the cost of NewReader is paid
// once, as it is once per connection.
type ReaderStream struct {
	src *cycleReader
	rd  *parser.Reader
}

type cycleReader struct {
	data []byte
	off  int
	n    int
}

func (c *cycleReader) Read(p []byte) (int, error) {
	if c.off == len(c.data) {
		c.off = 0
	}
	k := min(len(p), c.n, len(c.data)-c.off)
	copy(p, c.data[c.off:c.off+k])
	c.off += k
	return k, nil
}

// NewReaderStream returns a ReaderStream of req in reads of n bytes.
func NewReaderStream(req []byte, n int) *ReaderStream {
	src := &cycleReader{data: req, n: n}
	return &ReaderStream{src: src, rd: parser.NewReader(src, nil)}
}

// Next reads the next request head into m.
func (s *ReaderStream) Next(m *parser.Message) error { return s.rd.ReadRequest(m) }

var (
	errBareLF  = errors.New("bare LF")
	errFolding = errors.New("folded field: this driver does not join continuation lines")
	errNoEnd   = errors.New("the head does not end")
)

// MatchHead checks a request head one-shot with the generated matchers:
// MatchRequestLine on the Request-Line (with its CRLF) and
// MatchMessageHeader on each field (without its CRLF). It returns the
// number of fields. It is the one-shot twin of HeadMachines.Stream.
func MatchHead(in []byte) (int, error) {
	i := bytes.IndexByte(in, '\n')
	if i < 1 || in[i-1] != '\r' {
		return 0, errBareLF
	}
	if !parser.MatchRequestLine(in[:i+1]) {
		return 0, errors.New("Request-Line does not match")
	}
	in = in[i+1:]
	fields := 0
	for {
		i := bytes.IndexByte(in, '\n')
		if i < 1 || in[i-1] != '\r' {
			return fields, errBareLF
		}
		if i == 1 {
			return fields, nil
		}
		if in[0] == ' ' || in[0] == '\t' {
			return fields, errFolding
		}
		if !parser.MatchMessageHeader(in[:i-1]) {
			return fields, errors.New("message-header does not match")
		}
		fields++
		in = in[i+1:]
	}
}

// HeadMachines checks a request head as it streams in, with the generated
// resumable machines: RequestLineMachine and MessageHeaderMachine get each
// piece of a line as it arrives, and are closed at its end. The line ends
// are found the way MatchHead finds them, so the two differ only in the
// machines.
type HeadMachines struct {
	rl parser.RequestLineMachine
	mh parser.MessageHeaderMachine
}

var cr = []byte{'\r'}

// Stream checks the head at the start of in, fed in pieces of n bytes, and
// returns the number of fields.
func (h *HeadMachines) Stream(in []byte, n int) (int, error) {
	const (
		stLine       = iota // in the Request-Line
		stFieldStart        // at the start of a line after it
		stField             // in a field
		stEnd               // after the CR of the empty line
	)
	st := stLine
	pendingCR := false // a field's piece ended with CR
	fields := 0
	h.rl.Reset()
	for off := 0; off < len(in); off += n {
		c := in[off:min(off+n, len(in))]
		for len(c) > 0 {
			switch st {
			case stLine:
				i := bytes.IndexByte(c, '\n')
				if i < 0 {
					if _, err := h.rl.Write(c); err != nil {
						return fields, err
					}
					c = nil
					continue
				}
				if _, err := h.rl.Write(c[:i+1]); err != nil {
					return fields, err
				}
				if err := h.rl.Close(); err != nil {
					return fields, err
				}
				c = c[i+1:]
				st = stFieldStart
			case stFieldStart:
				switch c[0] {
				case '\r':
					st = stEnd
					c = c[1:]
					continue
				case ' ', '\t':
					return fields, errFolding
				}
				h.mh.Reset()
				st = stField
			case stField:
				i := bytes.IndexByte(c, '\n')
				seg := c
				if i >= 0 {
					seg = c[:i]
				}
				hadCR := pendingCR
				pendingCR = false
				if hadCR && i != 0 {
					if _, err := h.mh.Write(cr); err != nil { // a bare CR: the machine fails
						return fields, err
					}
				}
				if i < 0 {
					if seg[len(seg)-1] == '\r' {
						seg, pendingCR = seg[:len(seg)-1], true
					}
					if _, err := h.mh.Write(seg); err != nil {
						return fields, err
					}
					c = nil
					continue
				}
				if !(i == 0 && hadCR) {
					if i == 0 || seg[i-1] != '\r' {
						return fields, errBareLF
					}
					if _, err := h.mh.Write(seg[:i-1]); err != nil {
						return fields, err
					}
				}
				if err := h.mh.Close(); err != nil {
					return fields, err
				}
				fields++
				c = c[i+1:]
				st = stFieldStart
			case stEnd:
				if c[0] != '\n' {
					return fields, errBareLF
				}
				return fields, nil
			}
		}
	}
	return fields, errNoEnd
}

// PipelineImpl reads a stream of pipelined requests to its end.
type PipelineImpl struct {
	Name string
	// New returns a function that reads all of a stream and returns the
	// number of requests; it keeps its buffers between calls where the
	// parser allows that.
	New func() func(stream []byte) (int, error)
}

// Run reads stream once with a new state.
func (p PipelineImpl) Run(stream []byte) (int, error) { return p.New()(stream) }

// PipelineImpls are the stream readers.
var PipelineImpls = []PipelineImpl{
	{"abnfc", func() func([]byte) (int, error) {
		// parser.Reader has no Reset: one per stream (per connection).
		var m parser.Message
		return func(stream []byte) (int, error) {
			r := parser.NewReader(bytes.NewReader(stream), nil)
			n := 0
			for {
				err := r.ReadRequest(&m)
				if err == io.EOF {
					return n, nil
				}
				if err != nil {
					return n, err
				}
				n++
			}
		}
	}},
	{"net-http", func() func([]byte) (int, error) {
		rd := bytes.NewReader(nil)
		br := bufio.NewReaderSize(rd, bufSize)
		return func(stream []byte) (int, error) {
			rd.Reset(stream)
			br.Reset(rd)
			n := 0
			for {
				if _, err := br.Peek(1); err == io.EOF {
					return n, nil
				}
				req, err := http.ReadRequest(br)
				if err != nil {
					return n, err
				}
				if req.Body != http.NoBody {
					io.Copy(io.Discard, req.Body)
				}
				n++
			}
		}
	}},
	{"fasthttp", func() func([]byte) (int, error) {
		rd := bytes.NewReader(nil)
		br := bufio.NewReaderSize(rd, bufSize)
		var h fasthttp.RequestHeader
		return func(stream []byte) (int, error) {
			rd.Reset(stream)
			br.Reset(rd)
			n := 0
			for {
				if _, err := br.Peek(1); err == io.EOF {
					return n, nil
				}
				if err := h.Read(br); err != nil {
					return n, err
				}
				n++
			}
		}
	}},
	{"hertz", func() func([]byte) (int, error) {
		var r HertzReader
		var h hertzproto.RequestHeader
		return func(stream []byte) (int, error) {
			r.Reset(stream)
			n := 0
			for r.Len() > 0 {
				if err := hertzreq.ReadHeader(&h, &r); err != nil {
					return n, err
				}
				n++
			}
			return n, nil
		}
	}},
}

// OursChunked decodes a Chunked-Body with parser.ChunkedReader, reused
// through Reset, into a caller's buffer.
type OursChunked struct {
	rd  *bytes.Reader
	c   *parser.ChunkedReader
	buf []byte
}

// NewOursChunked returns an OursChunked that reads into a buffer of n bytes.
func NewOursChunked(n int) *OursChunked {
	return &OursChunked{rd: bytes.NewReader(nil), c: parser.NewChunkedReader(nil, nil), buf: make([]byte, n)}
}

// Decode reads all of body and returns the number of data bytes.
func (d *OursChunked) Decode(body []byte) (int, error) {
	d.rd.Reset(body)
	d.c.Reset(d.rd)
	return drain(d.c, d.buf)
}

// HTTPUtilChunked decodes a Chunked-Body with httputil.NewChunkedReader
// over a reused bufio.Reader (the reader itself cannot be reset).
type HTTPUtilChunked struct {
	rd  *bytes.Reader
	br  *bufio.Reader
	buf []byte
}

// NewHTTPUtilChunked returns an HTTPUtilChunked that reads into a buffer
// of n bytes.
func NewHTTPUtilChunked(n int) *HTTPUtilChunked {
	rd := bytes.NewReader(nil)
	return &HTTPUtilChunked{rd: rd, br: bufio.NewReader(rd), buf: make([]byte, n)}
}

// Decode reads all of body and returns the number of data bytes.
func (d *HTTPUtilChunked) Decode(body []byte) (int, error) {
	d.rd.Reset(body)
	d.br.Reset(d.rd)
	return drain(httputil.NewChunkedReader(d.br), d.buf)
}

func drain(r io.Reader, buf []byte) (int, error) {
	n := 0
	for {
		k, err := r.Read(buf)
		n += k
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
	}
}

// HeadMachine runs parser.MessageHeadMachine, the machine of RFC 2616's
// whole head (message-head = start-line *(message-header CRLF) CRLF,
// split out of §4.1 generic-message), over a head fed in pieces of n
// bytes: one machine, no line splitting. Its one-shot counterpart is
// parser.MatchMessageHead.
type HeadMachine struct{ m parser.MessageHeadMachine }

// Stream matches head in pieces of n bytes.
func (h *HeadMachine) Stream(head []byte, n int) error {
	h.m.Reset()
	for off := 0; off < len(head); off += n {
		if _, err := h.m.Write(head[off:min(off+n, len(head))]); err != nil {
			return err
		}
	}
	return h.m.Close()
}
