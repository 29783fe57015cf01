package bench

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/textproto"
	"strings"

	"github.com/abnfc/abnfc/grammar/ref"
	"github.com/abnfc/abnfc/grammar/rfc2616"
	"github.com/abnfc/abnfc/parser"
	hertzproto "github.com/cloudwego/hertz/pkg/protocol"
	hertzreq "github.com/cloudwego/hertz/pkg/protocol/http1/req"
	"github.com/valyala/fasthttp"
)

// Summary is what a parser found in a request head, so that a test can
// check that every peer really parsed the input before it is timed.
type Summary struct {
	Method, Target, Host string
	// Fields is the number of header fields, Host included; -1 when the
	// parser does not report fields (the reference parser only matches).
	Fields int
}

// A HeadParser parses the request head at the start of its input, again
// and again, reusing its state as a server does between requests.
type HeadParser interface {
	// Parse parses the head at the start of in; an error means the
	// parser refused it. The implementations' Parse and Summary methods
	// are these.
	Parse(in []byte) error
	// Summary describes the head parsed last; it may allocate.
	Summary() Summary
}

// HeadImpl names a HeadParser.
type HeadImpl struct {
	Name string
	New  func() HeadParser
}

// HeadImpls are our parser and its peers, in the order of the tables.
var HeadImpls = []HeadImpl{
	{"abnfc", func() HeadParser { return new(ABNFC) }},
	{"abnfc-generic", func() HeadParser { return &ABNFC{Opts: parser.Options{SkipValueGrammars: true}} }},
	{"abnfc-spans", func() HeadParser { return new(ABNFCSpans) }},
	{"net-http", func() HeadParser { return NewNetHTTP() }},
	{"textproto", func() HeadParser { return NewTextproto() }},
	{"fasthttp", func() HeadParser { return NewFasthttp() }},
	{"hertz", func() HeadParser { return new(Hertz) }},
	{"ref", func() HeadParser { return NewRef() }},
}

// ABNFC is parser.Options{}.ParseRequest: strict RFC 2616, every field
// checked against message-header and the §14 fields against their own
// grammar, with zero-copy spans.
type ABNFC struct {
	Opts parser.Options
	M    parser.Message
}

func (p *ABNFC) Parse(in []byte) error {
	_, err := p.Opts.ParseRequest(in, &p.M)
	return err
}

func (p *ABNFC) Summary() Summary {
	return Summary{string(p.M.Method), string(p.M.Target), string(p.M.Host), len(p.M.Headers)}
}

// ABNFCSpans is the generated one-pass scanner alone,
// parser.SpansMessageHead: the request line and every field checked
// against RFC 2616's grammar (§5.1 Request-Line, §4.2 message-header) with
// the spans of the method, target, version, each field and its name
// captured; no §14 field grammars and no message rules, which
// ParseRequest adds.
type ABNFCSpans struct {
	Spans []parser.Span
	in    []byte
}

func (p *ABNFCSpans) Parse(in []byte) error {
	spans, _, ok := parser.SpansMessageHead(in, p.Spans[:0])
	p.Spans, p.in = spans, in
	if !ok {
		return errors.New("SpansMessageHead: no match")
	}
	return nil
}

func (p *ABNFCSpans) Summary() Summary {
	var s Summary
	text := func(x parser.Span) string { return string(p.in[x.Start:x.End]) }
	var name string
	for _, x := range p.Spans {
		switch x.Capture {
		case parser.MessageHeadSpanMethod:
			s.Method = text(x)
		case parser.MessageHeadSpanRequestURI:
			s.Target = text(x)
		case parser.MessageHeadSpanFieldName:
			name = text(x)
		case parser.MessageHeadSpanMessageHeader:
			s.Fields++
			if strings.EqualFold(name, "Host") {
				_, v, _ := strings.Cut(text(x), ":")
				s.Host = strings.Trim(v, " \t")
			}
		}
	}
	return s
}

// bufSize is the bufio size of the peers: the largest head (headers100,
// 6.5 kB) must fit in fasthttp's buffer.
const bufSize = 16 << 10

// NetHTTP is http.ReadRequest over a reused bufio.Reader.
type NetHTTP struct {
	rd  *bytes.Reader
	br  *bufio.Reader
	req *http.Request
}

// NewNetHTTP returns a NetHTTP with its bufio.Reader.
func NewNetHTTP() *NetHTTP {
	rd := bytes.NewReader(nil)
	return &NetHTTP{rd: rd, br: bufio.NewReaderSize(rd, bufSize)}
}

func (p *NetHTTP) Parse(in []byte) error {
	p.rd.Reset(in)
	p.br.Reset(p.rd)
	req, err := http.ReadRequest(p.br)
	p.req = req
	return err
}

func (p *NetHTTP) Summary() Summary {
	n := 0
	for _, v := range p.req.Header {
		n += len(v)
	}
	if p.req.Host != "" {
		n++ // ReadRequest moves Host out of Header
	}
	return Summary{p.req.Method, p.req.RequestURI, p.req.Host, n}
}

// Textproto is net/textproto's ReadMIMEHeader, which net/http uses for the
// fields; the request line is skipped unchecked (ReadSlice), so this
// measures the fields only.
type Textproto struct {
	rd     *bytes.Reader
	br     *bufio.Reader
	tp     *textproto.Reader
	line   []byte
	header textproto.MIMEHeader
}

// NewTextproto returns a Textproto with its bufio.Reader and textproto.Reader.
func NewTextproto() *Textproto {
	rd := bytes.NewReader(nil)
	br := bufio.NewReaderSize(rd, bufSize)
	return &Textproto{rd: rd, br: br, tp: textproto.NewReader(br)}
}

func (p *Textproto) Parse(in []byte) error {
	p.rd.Reset(in)
	p.br.Reset(p.rd)
	line, err := p.br.ReadSlice('\n')
	if err != nil {
		return err
	}
	p.line = line
	p.header, err = p.tp.ReadMIMEHeader()
	return err
}

func (p *Textproto) Summary() Summary {
	f := bytes.Fields(p.line)
	n := 0
	for _, v := range p.header {
		n += len(v)
	}
	return Summary{string(f[0]), string(f[1]), p.header.Get("Host"), n}
}

// Fasthttp is fasthttp's RequestHeader.Read over a reused bufio.Reader.
type Fasthttp struct {
	rd *bytes.Reader
	br *bufio.Reader
	h  fasthttp.RequestHeader
}

// NewFasthttp returns a Fasthttp with its bufio.Reader.
func NewFasthttp() *Fasthttp {
	rd := bytes.NewReader(nil)
	return &Fasthttp{rd: rd, br: bufio.NewReaderSize(rd, bufSize)}
}

func (p *Fasthttp) Parse(in []byte) error {
	p.rd.Reset(in)
	p.br.Reset(p.rd)
	return p.h.Read(p.br)
}

func (p *Fasthttp) Summary() Summary {
	n := 0
	for range p.h.All() {
		n++
	}
	return Summary{string(p.h.Method()), string(p.h.RequestURI()), string(p.h.Host()), n}
}

// Hertz is hertz's request-header parser (pkg/protocol/http1/req.ReadHeader)
// over HertzReader, a zero-copy network.Reader of the input.
type Hertz struct {
	r HertzReader
	h hertzproto.RequestHeader
}

func (p *Hertz) Parse(in []byte) error {
	p.r.Reset(in)
	return hertzreq.ReadHeader(&p.h, &p.r)
}

func (p *Hertz) Summary() Summary {
	n := 0
	p.h.VisitAll(func(k, v []byte) { n++ })
	return Summary{string(p.h.Method()), string(p.h.RequestURI()), string(p.h.Host()), n}
}

// Ref is the reference parser (Earley, grammar/ref) on RFC 2616's Request
// rule over the head: it only answers match or not.
type Ref struct {
	p  *ref.Parser
	ok bool
}

// NewRef returns a Ref: the reference parser of rule Request of the
// embedded RFC 2616 grammar.
func NewRef() *Ref {
	g, err := rfc2616.Grammar()
	if err != nil {
		panic(err)
	}
	p, err := ref.New(g, "Request")
	if err != nil {
		panic(err)
	}
	return &Ref{p: p}
}

var errNoMatch = errors.New("ref: no match")

func (p *Ref) Parse(in []byte) error {
	if p.ok = p.p.Match(in); !p.ok {
		return errNoMatch
	}
	return nil
}

func (p *Ref) Summary() Summary { return Summary{Fields: -1} }

// HeadLen returns the length of the head at the start of in.
func HeadLen(in []byte) int {
	i := bytes.Index(in, []byte("\r\n\r\n"))
	if i < 0 {
		panic(fmt.Sprintf("no head in %.40q", in))
	}
	return i + 4
}
