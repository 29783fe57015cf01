package fuzz

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"testing/iotest"

	"github.com/abnfc/abnfc/parser"
)

// maxMessages bounds the pipelined messages read from one input.
const maxMessages = 16

// Msg is one message, normalised for comparison across engines.
type Msg struct {
	Method, Target, Version string
	Status                  int
	// Headers are (lower-case name, value) pairs, sorted; Host,
	// Content-Length, Transfer-Encoding and Trailer are left out, since
	// net/http moves them out of its Header map (they show in Framing
	// and Host).
	Headers []string
	// Host is the host the request is for (§5.2: an absoluteURI
	// target's, else the Host field's; parser.Message.RequestHost and
	// net/http's Request.Host).
	Host string
	// Framing is "none", "chunked", "length", "byteranges" or "close";
	// Content-Length 0 is "none".
	Framing   string
	Body      string
	KeepAlive bool
	// Start is the stream offset of the message, and End of what
	// follows its body: from the one-shot parse, and from parser.Reader's
	// Offset in the streaming oracle, which must agree with it (the
	// "extent" field); net/http's oracles leave them 0.
	Start, End int
	// Trailer is the trailer of a chunked body (§3.6.1), one
	// "offset name: value" line per field, offsets in the stream: from
	// the one-shot side's ChunkedReader, and from parser.Reader.Trailer
	// in the streaming oracle (the "trailer" field); net/http's oracles
	// leave it "".
	Trailer string
}

// trailerString formats trailer fields for Msg.Trailer, their offsets
// moved by base.
func trailerString(fields []parser.TrailerField, base int) string {
	var b strings.Builder
	for i, f := range fields {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%d %s: %s", f.Offset+base, f.Name, f.Value)
	}
	return b.String()
}

// Outcome is what one engine made of a whole input: the messages it read
// in order and how the stream ended.
type Outcome struct {
	// Verdict is "ok" (the input ends after a complete message),
	// "incomplete" (it ends inside one) or "error".
	Verdict string
	// Err is the error; ErrRule and ErrOffset its rule and stream
	// offset for the generated parser. For NetHTTP, which cannot say
	// where in a head or body it failed, ErrOffset is where the head or
	// body it failed in starts (the error is at or after it); for
	// ServeOnce, ErrRule is "message-body" when its handler failed
	// reading a body (the server gives no offsets). CheckDate, which
	// has no error to report for a date both sides read, passes the time
	// read here instead (RFC 3339), for date-rfc850-year to compare.
	Err       string
	ErrRule   string
	ErrOffset int
	// Limit reports an error that wraps parser.ErrLimit.
	Limit    bool
	Messages []Msg
}

func (o Outcome) verdictOf(err error) string {
	// net/http's "http: unexpected EOF reading trailer" wraps nothing.
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, parser.ErrIncomplete) || strings.Contains(err.Error(), "unexpected EOF") {
		return "incomplete"
	}
	return "error"
}

func (o *Outcome) fail(err error) {
	o.Verdict = o.verdictOf(err)
	o.Err = err.Error()
	o.Limit = errors.Is(err, parser.ErrLimit)
	var e *parser.Error
	if errors.As(err, &e) {
		o.ErrRule, o.ErrOffset = e.Rule, e.Offset
	}
}

// checkTrailer checks parser.Reader's trailer API after the body of m was
// read to its end: Trailer is nil unless the body is chunked, each field's
// Offset is where the stream has its name (Buffered and the trailer are
// gone by then, so only its length is checked against the body's end:
// each field's offset is before Offset), and TrailerValue of a name in
// another case gives the first field of that name (§4.2). It returns what
// went wrong, or "".
func checkTrailer(rd *parser.Reader, m *parser.Message) string {
	tr := rd.Trailer()
	if m.Body != parser.BodyChunked && tr != nil {
		return fmt.Sprintf("Reader.Trailer of a %v body: %v", m.Body, tr)
	}
	for i, f := range tr {
		if int64(f.Offset) >= rd.Offset() {
			return fmt.Sprintf("Reader.Trailer field %s at offset %d, not before the body's end %d", f.Name, f.Offset, rd.Offset())
		}
		want := f.Value
		for _, g := range tr[:i] {
			if strings.EqualFold(string(g.Name), string(f.Name)) {
				want = g.Value
				break
			}
		}
		if got := rd.TrailerValue(strings.ToUpper(string(f.Name))); !bytes.Equal(got, want) {
			return fmt.Sprintf("Reader.TrailerValue(%q) = %q, want %q", strings.ToUpper(string(f.Name)), got, want)
		}
	}
	return ""
}

// ours normalises a parsed head.
func ours(m *parser.Message) Msg {
	g := Msg{Method: string(m.Method), Target: string(m.Target), Version: string(m.Version), Status: m.Status, KeepAlive: m.KeepAlive}
	if m.Kind == parser.Request { // Host is a request field (§14.23)
		g.Host = string(m.RequestHost())
	}
	for _, h := range m.Headers {
		g.Headers = appendHeader(g.Headers, string(h.Name), string(h.Value))
	}
	sort.Strings(g.Headers)
	switch m.Body {
	case parser.BodyNone:
		g.Framing = "none"
	case parser.BodyChunked:
		g.Framing = "chunked"
	case parser.BodyLength:
		g.Framing = "length"
		if m.ContentLength == 0 {
			g.Framing = "none"
		}
	case parser.BodyByteranges:
		g.Framing = "byteranges"
	case parser.BodyClose:
		g.Framing = "close"
	}
	return g
}

// checkLookups checks Message.Header and Header.Known on every field of
// m: Header of the name in another case gives the first field of that
// name whatever its case (§4.2: names are case-insensitive), and Known
// says ok, with the canonical name, exactly for the names of
// parser.KnownFields. It returns what went wrong, or "".
func checkLookups(m *parser.Message) string {
	known := parser.KnownFields()
	for i, h := range m.Headers {
		name := string(h.Name)
		want := h.Value
		for _, g := range m.Headers[:i] {
			if strings.EqualFold(string(g.Name), name) {
				want = g.Value
				break
			}
		}
		if got := m.Header(strings.ToUpper(name)); !bytes.Equal(got, want) {
			return fmt.Sprintf("Message.Header(%q) = %q, want %q", strings.ToUpper(name), got, want)
		}
		canon, isKnown := "", false
		for _, f := range known {
			if strings.EqualFold(f.Name, name) {
				canon, isKnown = f.Name, true
			}
		}
		if got, _, ok := h.Known(); ok != isKnown || got != canon {
			return fmt.Sprintf("Header{%q}.Known() = %q, %v, want %q, %v", name, got, ok, canon, isKnown)
		}
	}
	if m.Header("no such field:") != nil {
		return "Message.Header of a name no field has is not nil"
	}
	return ""
}

func appendHeader(hs []string, name, value string) []string {
	name = strings.ToLower(name)
	switch name {
	case "host", "content-length", "transfer-encoding", "trailer":
		return hs
	}
	return append(hs, name+": "+value)
}

// OneShot parses all of data with Options.ParseRequest (or ParseResponse,
// to a GET) and decodes each body from the remaining bytes, without
// parser.Reader.
func OneShot(data []byte, kind parser.Kind) Outcome { return oneShot(data, kind, "GET", nil) }

// OneShotResponse is OneShot of a response to a request with method.
func OneShotResponse(data []byte, method string) Outcome {
	return oneShot(data, parser.Response, method, nil)
}

// oneShot is OneShot with opts (nil: strict), under which it reads as
// parser.Reader does: empty lines before a request are no part of it,
// a chunked body is read under opts.ChunkedOptions (AllowBareLF,
// RejectFolding and the chunk limits), and with AllowBareLF the close
// delimiter of a multipart/byteranges body and the line end after it take
// a bare LF.
func oneShot(data []byte, kind parser.Kind, method string, opts *parser.Options) Outcome {
	if opts == nil {
		opts = &parser.Options{}
	}
	bareLF := opts.AllowBareLF
	var o Outcome
	var m parser.Message
	off := 0
	for len(o.Messages) < maxMessages {
		if n := len(o.Messages); n > 0 && o.Messages[n-1].Framing == "byteranges" {
			// The CRLF after a close delimiter.
			if bytes.HasPrefix(data[off:], []byte("\r\n")) {
				off += 2
			} else if bareLF && bytes.HasPrefix(data[off:], []byte("\n")) {
				off++
			}
		}
		if off == len(data) || kind == parser.Request && opts.AllowLeadingEmptyLines && parser.OnlyEmptyLines(data[off:], bareLF) {
			// §4.1: empty lines before the end are ignored, as a
			// parser.Reader's stream ends after them.
			o.Verdict = "ok"
			return o
		}
		var n int
		var err error
		if kind == parser.Request {
			n, err = opts.ParseRequest(data[off:], &m)
		} else {
			n, err = opts.ParseResponse(data[off:], &m, []byte(method))
		}
		if err != nil {
			var e *parser.Error
			if errors.As(err, &e) {
				e.Offset += off
			}
			o.fail(err)
			return o
		}
		if p := checkLookups(&m); p != "" {
			o.Verdict = p
			return o
		}
		msg := ours(&m)
		// Where the head starts, after the empty lines before it.
		msg.Start = off + n - m.HeadLen
		off += n
		body, used, trailer, err := oneShotBody(data[off:], &m, opts)
		msg.Body = string(body)
		msg.Trailer = trailerString(trailer, off)
		if err != nil {
			// Body errors are positioned in the stream, as
			// parser.Reader positions them.
			var e *parser.Error
			if errors.As(err, &e) {
				e.Offset += off
			}
			o.fail(err)
			return o
		}
		off += used
		msg.End = off
		o.Messages = append(o.Messages, msg)
		if m.Body == parser.BodyClose || kind == parser.Response {
			o.Verdict = "ok"
			return o
		}
	}
	o.Verdict = "ok" // stop after maxMessages
	return o
}

// oneShotBody decodes the body of m at the start of b and returns it, the
// bytes it used and the trailer of a chunked body (offsets from b's
// start).
func oneShotBody(b []byte, m *parser.Message, opts *parser.Options) ([]byte, int, []parser.TrailerField, error) {
	switch m.Body {
	case parser.BodyLength:
		if int64(len(b)) < m.ContentLength {
			return b, len(b), nil, io.ErrUnexpectedEOF
		}
		return b[:m.ContentLength], int(m.ContentLength), nil, nil
	case parser.BodyClose:
		return b, len(b), nil, nil
	case parser.BodyChunked:
		br := bytes.NewReader(b)
		co := opts.ChunkedOptions()
		cr := parser.NewChunkedReader(br, &co)
		body, err := io.ReadAll(cr)
		if err != nil {
			return body, len(b), nil, err
		}
		used := len(b) - br.Len() - len(cr.Rest())
		return body, used, cr.Trailer(), nil
	case parser.BodyByteranges:
		// Up to the close delimiter: the CRLF after it is optional (RFC
		// 2046 §5.1.1), and the next message skips it, as parser.Reader.
		// It starts the body or follows CRLF (delimiter := CRLF
		// dash-boundary), or with AllowBareLF any LF.
		delim := []byte("--" + string(m.Boundary) + "--")
		for i := 0; i+len(delim) <= len(b); i++ {
			lineStart := i == 0 || i >= 2 && b[i-2] == '\r' && b[i-1] == '\n' || opts.AllowBareLF && b[i-1] == '\n'
			if lineStart && bytes.HasPrefix(b[i:], delim) {
				return b[:i+len(delim)], i + len(delim), nil, nil
			}
		}
		return b, len(b), nil, io.ErrUnexpectedEOF
	}
	return nil, 0, nil, nil
}

// chunkReader returns the data in reads of random sizes (1 to 16 bytes).
type chunkReader struct {
	b []byte
	r *rand.Rand
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.b) == 0 {
		return 0, io.EOF
	}
	n := 1 + c.r.Intn(16)
	n = min(n, len(p), len(c.b))
	copy(p, c.b[:n])
	c.b = c.b[n:]
	return n, nil
}

// stallReader is a chunkReader that, while a head is read (streaming
// says when), sometimes returns a timeout instead of bytes, as a
// net.Conn whose read deadline passes does: never twice in a row, so the
// stream goes on. parser.Reader returns a timeout in a head and reads on
// at the next call, or returns the error the bytes so far already hold.
type stallReader struct {
	chunkReader
	head, stalled bool
}

func (s *stallReader) Read(p []byte) (int, error) {
	if s.head && !s.stalled && s.r.Intn(3) == 0 {
		s.stalled = true
		return 0, errStall
	}
	s.stalled = false
	return s.chunkReader.Read(p)
}

// readingHead tells s whether a head is being read.
func (s *stallReader) readingHead(on bool) { s.head = on }

// stallError is stallReader's timeout.
type stallError struct{}

func (stallError) Error() string { return "injected read timeout" }
func (stallError) Timeout() bool { return true }

var errStall error = stallError{}

// Streaming reads data with parser.Reader from src (a response to a GET).
func Streaming(src io.Reader, kind parser.Kind) Outcome { return streaming(src, kind, "GET", nil, nil) }

// StreamingResponse is Streaming of a response to a request with method.
func StreamingResponse(src io.Reader, method string) Outcome {
	return streaming(src, parser.Response, method, nil, nil)
}

// streaming reads src with parser.Reader under opts (strict when nil),
// as a response to method when kind is parser.Response. When data, all
// that src gives, is at hand, Reader.Buffered must hold
// data from Offset on after each head and each body read to its end;
// where it does not, the verdict says so.
func streaming(src io.Reader, kind parser.Kind, method string, opts *parser.Options, data []byte) Outcome {
	if opts == nil {
		opts = &parser.Options{}
	}
	var o Outcome
	rd := parser.NewReader(src, opts)
	buffered := func(after string) bool {
		if data == nil {
			return true
		}
		b, off := rd.Buffered(), rd.Offset()
		if off < 0 || off+int64(len(b)) > int64(len(data)) || !bytes.Equal(b, data[off:off+int64(len(b))]) {
			o.Verdict = fmt.Sprintf("Buffered after %s %d at Offset %d: %q", after, len(o.Messages), off, b)
			return false
		}
		return true
	}
	var m parser.Message
	// A source that may time out in a head (stallReader) is read again
	// after each timeout, as a server reads on after a read deadline;
	// none comes in a body, where a timeout is the Reader's last error.
	// A Reader that kept returning the timeout would be read again a
	// bounded number of times, and its timeout be its verdict.
	stall, _ := src.(interface{ readingHead(bool) })
	for len(o.Messages) < maxMessages {
		var err error
		if stall != nil {
			stall.readingHead(true)
		}
		for tries := 0; ; tries++ {
			if kind == parser.Request {
				err = rd.ReadRequest(&m)
			} else {
				if len(o.Messages) > 0 {
					o.Verdict = "ok"
					return o
				}
				err = rd.ReadResponse(&m, []byte(method))
			}
			if err != errStall || tries > 2*len(data)+16 {
				break
			}
		}
		if stall != nil {
			stall.readingHead(false)
		}
		if err == io.EOF {
			o.Verdict = "ok"
			return o
		}
		if err != nil {
			o.fail(err)
			return o
		}
		msg := ours(&m)
		if !buffered("head") {
			return o
		}
		// Where the head starts (after the CRLF of a close delimiter).
		start := int(rd.Offset()) - m.HeadLen
		body, err := io.ReadAll(rd.Body())
		msg.Body = string(body)
		if err != nil {
			o.fail(err)
			return o
		}
		if !buffered("body") {
			return o
		}
		if p := checkTrailer(rd, &m); p != "" {
			o.Verdict = p
			return o
		}
		msg.Trailer = trailerString(rd.Trailer(), 0)
		msg.Start, msg.End = start, int(rd.Offset())
		o.Messages = append(o.Messages, msg)
		if m.Body == parser.BodyClose {
			o.Verdict = "ok"
			return o
		}
	}
	o.Verdict = "ok"
	return o
}

// NetHTTP reads data with http.ReadRequest (or http.ReadResponse, to a
// GET), reading each body to EOF, since net/http reports chunk errors
// late.
func NetHTTP(data []byte, kind parser.Kind) Outcome { return netHTTP(data, kind, "GET") }

// NetHTTPResponse is NetHTTP of a response to a request with method
// (http.ReadResponse with an http.Request of that Method).
func NetHTTPResponse(data []byte, method string) Outcome {
	return netHTTP(data, parser.Response, method)
}

func netHTTP(data []byte, kind parser.Kind, method string) Outcome {
	var o Outcome
	src := bytes.NewReader(data)
	br := bufio.NewReader(src)
	// at is the stream offset net/http has read up to.
	at := func() int { return len(data) - src.Len() - br.Buffered() }
	for len(o.Messages) < maxMessages {
		if _, err := br.Peek(1); err == io.EOF {
			o.Verdict = "ok"
			return o
		}
		// An error in a head is at its start, one in a body at the
		// body's (see Outcome.ErrOffset).
		start := at()
		var g Msg
		var body io.ReadCloser
		var framing func(te []string, cl int64) string = func(te []string, cl int64) string {
			switch {
			case len(te) > 0 && te[0] == "chunked":
				return "chunked"
			case cl > 0:
				return "length"
			case cl < 0:
				return "close"
			}
			return "none"
		}
		if kind == parser.Request {
			req, err := http.ReadRequest(br)
			if err != nil {
				if err == io.EOF {
					err = io.ErrUnexpectedEOF
				}
				o.fail(err)
				o.ErrOffset = start
				return o
			}
			g = Msg{Method: req.Method, Target: req.RequestURI, Version: req.Proto, Host: req.Host, KeepAlive: !req.Close}
			for k, vs := range req.Header {
				for _, v := range vs {
					g.Headers = appendHeader(g.Headers, k, v)
				}
			}
			g.Framing = framing(req.TransferEncoding, req.ContentLength)
			if g.Framing == "close" {
				g.Framing = "none"
			}
			body = req.Body
		} else {
			if len(o.Messages) > 0 {
				o.Verdict = "ok"
				return o
			}
			resp, err := http.ReadResponse(br, &http.Request{Method: method})
			if err != nil {
				if err == io.EOF {
					err = io.ErrUnexpectedEOF
				}
				o.fail(err)
				o.ErrOffset = start
				return o
			}
			g = Msg{Version: resp.Proto, Status: resp.StatusCode, KeepAlive: !resp.Close}
			for k, vs := range resp.Header {
				for _, v := range vs {
					g.Headers = appendHeader(g.Headers, k, v)
				}
			}
			g.Framing = framing(resp.TransferEncoding, resp.ContentLength)
			// To HEAD, net/http reports the Content-Length and
			// Transfer-Encoding fields (what a GET would have had,
			// §9.4, §14.13) and reads no body (http.NoBody): the
			// framing it reads by is none.
			if method == "HEAD" && resp.Body == http.NoBody {
				g.Framing = "none"
			}
			body = resp.Body
		}
		sort.Strings(g.Headers)
		start = at()
		b, err := io.ReadAll(body)
		g.Body = string(b)
		if err != nil {
			o.fail(err)
			o.ErrOffset = start
			return o
		}
		o.Messages = append(o.Messages, g)
		if g.Framing == "close" {
			o.Verdict = "ok"
			return o
		}
	}
	o.Verdict = "ok"
	return o
}

// compareOutcomes records the differences of theirs from ours under
// oracle. fields selects what is compared beyond the verdict and the
// number of messages; class explains a difference.
func compareOutcomes(r *Result, oracle string, data []byte, our, their Outcome, fields []string, class func(field string) string) {
	if our.Verdict != their.Verdict {
		r.add(oracle, "verdict", our.Verdict+" "+our.Err, their.Verdict+" "+their.Err, class("verdict"))
		return
	}
	if oracle == OracleStream && our.Verdict == "error" && (our.ErrRule != their.ErrRule || our.ErrOffset != their.ErrOffset) {
		r.add(oracle, "error", fmt.Sprintf("%s@%d", our.ErrRule, our.ErrOffset), fmt.Sprintf("%s@%d", their.ErrRule, their.ErrOffset), "")
	}
	if len(our.Messages) != len(their.Messages) {
		r.add(oracle, "messages", strconv.Itoa(len(our.Messages)), strconv.Itoa(len(their.Messages)), class("messages"))
		return
	}
	for i := range our.Messages {
		a, b := our.Messages[i], their.Messages[i]
		for _, f := range fields {
			x, y := a.field(f), b.field(f)
			if x != y {
				field := fmt.Sprintf("%s[%d]", f, i)
				r.add(oracle, field, x, y, class(field))
			}
		}
	}
}

func (m Msg) field(f string) string {
	switch f {
	case "method":
		return m.Method
	case "target":
		return m.Target
	case "version":
		return m.Version
	case "status":
		return strconv.Itoa(m.Status)
	case "headers":
		return strings.Join(m.Headers, "\n")
	case "host":
		return m.Host
	case "framing":
		return m.Framing
	case "body":
		return m.Body
	case "keep-alive":
		return strconv.FormatBool(m.KeepAlive)
	case "extent":
		return strconv.Itoa(m.Start) + "-" + strconv.Itoa(m.End)
	case "trailer":
		return m.Trailer
	}
	return "?" + f
}

var allFields = []string{"method", "target", "version", "status", "headers", "host", "framing", "body", "keep-alive"}

// streamFields adds, for the streaming oracle, where each message starts
// and ends in the stream (parser.Reader.Offset against the one-shot
// parse) and the trailer of a chunked body with its stream offsets
// (parser.Reader.Trailer against the one-shot side's ChunkedReader).
var streamFields = append(allFields[:len(allFields):len(allFields)], "extent", "trailer")

// Options of the message checks.
type Options struct {
	// Server adds the real http.Server on loopback as an oracle for
	// requests (one TCP connection per check).
	Server bool
	// Seed seeds the random read sizes of the streaming oracle.
	Seed int64
}

// CheckRequest checks a stream of requests against all request oracles,
// with the loopback server.
func CheckRequest(data []byte) Result { return CheckRequestWith(data, Options{Server: true}) }

// CheckRequestWith is CheckRequest with options.
func CheckRequestWith(data []byte, o Options) Result {
	return checkMessage(data, parser.Request, o)
}

// CheckResponse checks a response against the response oracles. It
// answers a GET, or the method an optional first line names (see
// SplitMethod), which is not part of the response.
func CheckResponse(data []byte) Result { return checkMessage(data, parser.Response, Options{}) }

// MethodMarker starts the optional first line of a response target's
// input, "; method " token CRLF, which names the method of the request
// the response answers (GET without it). No response starts with ";"
// (Status-Line starts with "HTTP/", §6.1), so a file without the line
// keeps its meaning.
const MethodMarker = "; method "

// SplitMethod splits a response target's input into the method its
// first line names (MethodMarker, a token (§2.2) and CRLF) and the
// response after it; without a well-formed line, it returns "GET" and
// all of data.
func SplitMethod(data []byte) (method string, rest []byte) {
	if !bytes.HasPrefix(data, []byte(MethodMarker)) {
		return "GET", data
	}
	line, rest, ok := bytes.Cut(data[len(MethodMarker):], []byte("\r\n"))
	// field-name is token (§4.2), so its generated matcher checks one.
	if !ok || !parser.MatchFieldName(line) {
		return "GET", data
	}
	return string(line), rest
}

func checkMessage(data []byte, kind parser.Kind, o Options) Result {
	target, method, raw := "request", "GET", data
	if kind == parser.Response {
		target = "response"
		// Every oracle reads the response after the method line;
		// Classify, given the whole input, splits it off again.
		method, data = SplitMethod(data)
	}
	one := oneShot(data, kind, method, nil)
	r := Result{Target: target, Verdict: one.Verdict, ErrRule: one.ErrRule}
	// Oracle 1: each line through the generated functions and ref, for
	// every message the one-shot parse read (the first refMessages) and
	// the bytes after them.
	from := 0
	for i, m := range one.Messages {
		if i == refMessages || m.End <= from {
			break
		}
		compareLines(&r, data[max(from, m.Start):m.End], kind)
		from = m.End
	}
	if from < len(data) && len(one.Messages) < refMessages {
		compareLines(&r, data[from:], kind)
	}
	// Oracle 4: the message rules written again over each head.
	compareModel(&r, data, one, kind, method)
	// What the strict parse took is in the grammar.
	acceptedHeads(&r, data, one)
	// Oracle 3: streaming, whole, one byte at a time, random chunks.
	seed := o.Seed
	if seed == 0 {
		seed = int64(len(data)) + 1
		for _, c := range data {
			seed = seed*31 + int64(c)
		}
	}
	compareStreaming(&r, data, kind, method, nil, one, seed)
	// And under options the seed picks, lenient ones and limits: the
	// one-shot parse under them against parser.Reader under them.
	lopts := pickOptions(seed)
	compareStreaming(&r, data, kind, method, lopts, oneShot(data, kind, method, lopts), seed)
	// Oracle 4 for the leniencies: the empty lines before a request.
	if kind == parser.Request {
		compareLeadingEmptyLines(&r, data, lopts)
	}
	// And for the others that have one (lenient.go).
	compareLenient(&r, data, kind, method, lopts)
	// Oracle 2: net/http.
	nh := netHTTP(data, kind, method)
	oracle := OracleNetHTTP
	if kind == parser.Response {
		oracle = OracleNetHTTPResp
	}
	compareOutcomes(&r, oracle, data, one, nh, allFields, func(f string) string {
		return Classify(target, oracle, f, raw, one, nh)
	})
	if o.Server && kind == parser.Request {
		srv, err := ServeOnce(data)
		if err != nil {
			// Once more, on a connection of its own: on a loaded
			// machine a check can time out (serverTimeout), which is
			// no answer of the server's.
			srv, err = ServeOnce(data)
		}
		if err != nil {
			r.add(OracleServer, "setup", "", err.Error(), "")
		} else {
			compareServer(&r, data, one, srv)
		}
	}
	return r
}

// compareStreaming is oracle 3 under opts: parser.Reader over the whole
// of data, one byte at a time, in reads of random sizes, and in reads of
// random sizes with timeouts in the heads (read on after each) must read
// what the one-shot parse one (under the same opts) read.
func compareStreaming(r *Result, data []byte, kind parser.Kind, method string, opts *parser.Options, one Outcome, seed int64) {
	for i, src := range []io.Reader{
		bytes.NewReader(data),
		iotest.OneByteReader(bytes.NewReader(data)),
		&chunkReader{b: data, r: rand.New(rand.NewSource(seed))},
		&stallReader{chunkReader: chunkReader{b: data, r: rand.New(rand.NewSource(seed + 1))}},
	} {
		s := streaming(src, kind, method, opts, data)
		var sub Result
		compareOutcomes(&sub, OracleStream, data, one, s, streamFields, func(string) string { return "" })
		for _, d := range sub.Disagreements {
			if opts != nil {
				d.Field = fmt.Sprintf("%s (options %+v, read %d)", d.Field, *opts, i)
			}
			r.Disagreements = append(r.Disagreements, d)
		}
	}
}

// pickOptions returns the parser.Options the seed picks for the second
// streaming comparison: each leniency of Options on or off, in a quarter
// of the cases small head limits, and in another quarter small chunk
// limits (MaxChunkSizeDigits, MaxChunkLineBytes, MaxTrailerBytes).
func pickOptions(seed int64) *parser.Options {
	rnd := rand.New(rand.NewSource(seed))
	bit := func() bool { return rnd.Intn(2) == 1 }
	o := &parser.Options{
		AllowBareLF:                 bit(),
		AllowLeadingEmptyLines:      bit(),
		AllowTolerantStartLine:      bit(),
		AllowContentLengthWithTE:    bit(),
		AllowDuplicateContentLength: bit(),
		AllowInvalidDates:           bit(),
		AllowSpaceBeforeColon:       bit(),
		SkipValueGrammars:           bit(),
		RejectFolding:               bit(),
	}
	if rnd.Intn(4) == 0 {
		o.MaxStartLine = 8 + rnd.Intn(64)
		o.MaxHeaderBytes = 16 + rnd.Intn(256)
		o.MaxHeaders = 1 + rnd.Intn(8)
	}
	if rnd.Intn(4) == 0 {
		o.MaxChunkSizeDigits = 1 + rnd.Intn(20)
		o.MaxChunkLineBytes = 1 + rnd.Intn(64)
		o.MaxTrailerBytes = 1 + rnd.Intn(64)
	}
	return o
}

// refMessages bounds the messages of one input that oracle 1 checks, as
// the reference parser is slow.
const refMessages = 4

// compareLines runs oracle 1 over a message: the start line, each header
// line (message-header and its own §14 rule) and a chunked body, as far
// as the one-shot parse got.
func compareLines(r *Result, data []byte, kind parser.Kind) {
	lines := splitCRLF(data)
	if len(lines) == 0 {
		return
	}
	start := "Request-Line"
	if kind == parser.Response {
		start = "Status-Line"
	}
	compareRule(r, start, lines[0].withEnd)
	i := 1
	for ; i < len(lines) && len(lines[i].text) > 0 && i < 64; i++ {
		var text []byte
		text, i = joinFolds(lines, i)
		compareRule(r, "message-header", text)
		if rule, ok := headerRule(text); ok {
			compareRule(r, rule, bytes.TrimRight(text, " \t"))
		}
	}
	if i < len(lines) && lines[i].end > 0 {
		if rest := data[lines[i].end:]; bytes.Contains(bytes.ToLower(data[:lines[i].end]), []byte("chunked")) && len(rest) > 0 {
			compareRule(r, "Chunked-Body", rest)
		}
	}
}

// acceptedHeads holds each head the strict one-shot parse read to the
// generated rules, which oracle 1 holds to ref: the head must match
// message-head, and each field line (folds kept) its own §14 rule. The
// parse may refuse more (§4.2 repeats, §4.4, limits), never take less.
func acceptedHeads(r *Result, data []byte, one Outcome) {
	for _, m := range one.Messages {
		head := msgHead(data, m)
		if head == nil {
			continue
		}
		acceptsOnlyGrammar(r, "message-head", head, true, false)
		compareSpans(r, head)
		lines := splitCRLF(head[:len(head)-2])
		for i := 1; i < len(lines); i++ {
			var text []byte
			text, i = joinFolds(lines, i)
			if rule, ok := headerRule(text); ok {
				// Trailing LWS, a fold of white space included, is no
				// part of the value (§4.2).
				acceptsOnlyGrammar(r, rule, bytes.TrimRight(text, " \t\r\n"), true, false)
			}
		}
	}
}

// msgHead returns the head of message m of data, up to and with the
// empty line (a strict parse's heads end at the first CRLF CRLF), or nil.
func msgHead(data []byte, m Msg) []byte {
	end := bytes.Index(data[m.Start:m.End], []byte("\r\n\r\n"))
	if end < 0 {
		return nil
	}
	return data[m.Start : m.Start+end+4]
}

// joinFolds returns the field line lines[i] with its continuation lines
// (§2.2 LWS) joined to it, CRLF kept, and the index of its last line.
func joinFolds(lines []line, i int) ([]byte, int) {
	text := lines[i].text
	for i+1 < len(lines) && len(lines[i+1].text) > 0 && (lines[i+1].text[0] == ' ' || lines[i+1].text[0] == '\t') {
		text = append(append(append([]byte(nil), text...), "\r\n"...), lines[i+1].text...)
		i++
	}
	return text, i
}

// headerRule returns the generated §14 rule of a field line, by its name
// whatever its case (§4.2: "host" is Host).
func headerRule(text []byte) (string, bool) {
	c := bytes.IndexByte(text, ':')
	if c <= 0 {
		return "", false
	}
	f, ok := ruleFuncs(string(bytes.TrimRight(text[:c], " \t")))
	return f.Name, ok && isHeaderRule(f.Name)
}

// isHeaderRule reports whether a generated rule is a §14 header line rule.
func isHeaderRule(name string) bool {
	return len(name) > 0 && name[0] >= 'A' && name[0] <= 'Z' && name != "Request-Line" && name != "Status-Line" && name != "Chunked-Body" && name != "HTTP-date"
}

type line struct {
	text    []byte // without its CRLF
	withEnd []byte // with it
	end     int    // offset after the CRLF, 0 if the input ends first
}

// splitCRLF splits data at CRLF only (a bare LF stays inside a line, as
// the strict grammar sees it).
func splitCRLF(data []byte) []line {
	var ls []line
	off := 0
	for off < len(data) && len(ls) < 200 {
		i := bytes.Index(data[off:], []byte("\r\n"))
		if i < 0 {
			ls = append(ls, line{text: data[off:], withEnd: data[off:]})
			break
		}
		ls = append(ls, line{text: data[off : off+i], withEnd: data[off : off+i+2], end: off + i + 2})
		off += i + 2
	}
	return ls
}
