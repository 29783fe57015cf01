package main

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"sync"

	"github.com/abnfc/abnfc/parser"
)

// kindMode chooses how the kind of each message is decided.
type kindMode int

const (
	kindAuto     kindMode = iota // "HTTP/" starts a response
	kindRequest                  // -request
	kindResponse                 // -response
)

// checker holds what validation needs besides the input.
type checker struct {
	opts parser.Options
	kind kindMode
	// head makes responses answer a HEAD request (no body, §4.4 rule 1).
	head bool
	// afterClose reads the bytes after a message that closes the
	// connection as more messages (-allow data-after-close), instead of
	// refusing them (§8.1.2.1).
	afterClose bool
}

// message is what httpcheck reports of one message.
type message struct {
	Kind    parser.Kind
	Valid   bool
	Offset  int // of the message's first byte in the input
	Method  []byte
	Target  []byte
	Version []byte
	Status  int
	Reason  []byte
	Headers [][2][]byte
	// Host is the host a request is for (RFC 2616 §5.2,
	// parser.Message.RequestHost): an absoluteURI target's, else the
	// Host field's; nil for a response.
	Host []byte
	// BodyLength is the number of body bytes read: the decoded
	// chunk-data for a chunked body, the bytes up to the end of input for
	// a close-delimited one.
	BodyLength int64
	// Trailer holds the trailer fields of a chunked body (§3.6.1), read
	// with it.
	Trailer   [][2][]byte
	KeepAlive bool
	// Answers is, under -pair, the offset in the requests input of the
	// request a response answers (or, for a 1xx, is interim to), when
	// Paired.
	Answers int
	Paired  bool
}

// diag is one error, positioned in the whole input.
type diag struct {
	Offset    int
	Line, Col int // 1-based, in bytes; 0 when unknown
	Rule      string
	Section   string
	Msg       string
}

// result is the outcome of validating one input.
type result struct {
	Name     string
	Data     []byte // the input, for showing offending lines
	Messages []message
	Errors   []diag
	// Rest is the end of the input after a message that hands the
	// connection to another protocol, which is not validated; nil when
	// there is none.
	Rest *rest
	// Unanswered notes the requests that -pair found no response to;
	// nil when there are none, and always without -pair.
	Unanswered *unanswered
}

// rest is the end of an input that httpcheck does not read as HTTP: the
// bytes after a message that hands the connection to another protocol.
type rest struct {
	Offset, Length int
	Line, Col      int
	// After says after what, and why the bytes are another protocol's;
	// Section is the RFC 2616 section that says so.
	After, Section string
}

// Valid reports that every message is valid and the input does not end
// inside one.
func (r *result) Valid() bool { return len(r.Errors) == 0 }

// messages keeps parsed messages, whose Headers slices the parser reuses.
var messages = sync.Pool{New: func() any { return new(parser.Message) }}

// isResponse reports whether the message at the start of b is a response.
func (c *checker) isResponse(b []byte) bool {
	switch c.kind {
	case kindRequest:
		return false
	case kindResponse:
		return true
	}
	return bytes.HasPrefix(b, []byte("HTTP/"))
}

// validate checks the stream of pipelined messages in data, stopping at
// the first error (the parser cannot resynchronize after one), and after a
// message that hands the connection to another protocol (handsOver: a 101
// response, a CONNECT request, a request with Upgrade), whose bytes are
// left as res.Rest. Bytes after a message that closes the connection are
// an error, unless afterClose.
//
// It drives the parser over the bytes in memory rather than through
// parser.Reader because Reader does not say where in the stream a message
// starts: that is needed to position errors of chunked bodies, which
// ChunkedReader counts from the start of the body.
func (c *checker) validate(name string, data []byte) *result {
	res := &result{Name: name, Data: data}
	c.scan(res, data, func(m message) { res.Messages = append(res.Messages, m) })
	return res
}

// scan is validate for res, whose Data is data, but for its messages: it
// passes each to each, in order, and keeps none, so that an input of many
// small messages needs memory for one at a time, not several times the
// input's size. It returns the number of messages and of valid ones.
func (c *checker) scan(res *result, data []byte, each func(message)) (count, valid int) {
	s := c.newStream(res, data, each)
	defer s.release()
	var method []byte
	if c.head {
		method = []byte("HEAD")
	}
	for s.next(method) {
		s.follow()
	}
	return s.count, s.valid
}

// stream is scan's place in one input: it validates one message at a
// time (next), and leaves what follows a message (follow, handOver,
// checkClose) to its caller, so that -pair can drive two of them, the
// two directions of a connection, in step.
type stream struct {
	c    *checker
	res  *result
	data []byte
	each func(message)
	// off is where the next message starts.
	off int
	// m is the message next parsed last; its slices point into data or
	// into buffers that the next call of next reuses.
	m  *parser.Message
	mp *parser.Message // m's pooled home, returned by release
	// start is the offset of m.
	start int
	// done is set once the input has ended, an error has stopped it, or
	// its rest has been left unvalidated.
	done bool
	// count and valid count the messages passed to each, and the valid
	// ones among them.
	count, valid int
	// answers is, under -pair, the offset of the request that the next
	// response answers; -1 for none (and always without -pair).
	answers int
}

// newStream returns a stream over data, whose outcome goes to res and
// whose messages go to each. Its release must be called once it is done.
func (c *checker) newStream(res *result, data []byte, each func(message)) *stream {
	mp := messages.Get().(*parser.Message)
	m := *mp
	return &stream{c: c, res: res, data: data, each: each, m: &m, mp: mp, answers: -1}
}

// release returns the stream's message to the pool.
func (s *stream) release() {
	s.mp.Headers = s.m.Headers[:0]
	messages.Put(s.mp)
}

// emit passes m to each and counts it.
func (s *stream) emit(m message) {
	s.count++
	if m.Valid {
		s.valid++
	}
	s.each(m)
}

// next validates the message at the stream's place, a response answering
// a request with method (nil: unknown, as ParseResponse takes it) or a
// request, as the checker's kind says, and passes it to each. It reports
// whether the message is valid; then s.m is it, and the stream's place is
// after it. It reports false, and the stream is done, at the end of the
// input (or of its validated part) and after an error, which is recorded.
func (s *stream) next(method []byte) bool {
	if s.done || s.off >= len(s.data) {
		s.done = true
		return false
	}
	c, off := s.c, s.off
	b := s.data[off:]
	if c.opts.AllowLeadingEmptyLines && !c.isResponse(b) && parser.OnlyEmptyLines(b, c.opts.AllowBareLF) {
		// §4.1: empty lines where a Request-Line is expected are
		// ignored, and the input ends after them, as parser.Reader's
		// stream does (buggy HTTP/1.0 clients send CRLF after a POST).
		s.done = true
		return false
	}
	var n int
	var err error
	resp := c.isResponse(b)
	if resp {
		n, err = c.opts.ParseResponse(b, s.m, method)
	} else {
		n, err = c.opts.ParseRequest(b, s.m)
	}
	kind := parser.Request
	if resp {
		kind = parser.Response
	}
	s.start = off
	if err != nil {
		s.done = true
		s.emit(message{Kind: kind, Offset: off})
		if err == parser.ErrIncomplete {
			s.res.addError(off+len(b), kind.String(), "4.1", "the input ends inside a message head")
		} else {
			s.res.addErr(off, err)
		}
		return false
	}
	msg := newMessage(s.m, off)
	msg.Answers, msg.Paired = s.answers, s.answers >= 0
	bodyLen, used, err := c.body(s.m, s.data, off+n, &msg)
	msg.BodyLength = bodyLen
	if err != nil {
		s.done = true
		s.emit(msg)
		s.res.addErr(off+n, err)
		return false
	}
	msg.Valid = true
	s.emit(msg)
	s.off = off + n + used
	return true
}

// follow applies to what follows s.m, the message next just validated,
// the rules of an input alone: the rest after a message that hands the
// connection over is not validated, and nothing follows one that closes
// it.
func (s *stream) follow() {
	if after, section := handsOver(s.m); after != "" {
		s.handOver(after, section)
		return
	}
	s.checkClose()
}

// left reports whether bytes follow the stream's place.
func (s *stream) left() bool { return !s.done && s.off < len(s.data) }

// handOver ends the validation of the input at the stream's place, after
// the message that after describes (RFC 2616 §section says why the bytes
// may be another protocol's); the bytes left, if any, become res.Rest.
func (s *stream) handOver(after, section string) {
	if s.left() {
		line, col := lineCol(s.data, s.off)
		s.res.Rest = &rest{Offset: s.off, Length: len(s.data) - s.off, Line: line, Col: col, After: after, Section: section}
	}
	s.done = true
}

// checkClose records the error of bytes after s.m when s.m closes the
// connection (§8.1.2.1), unless afterClose, and then stops the stream.
func (s *stream) checkClose() {
	if s.m.KeepAlive || s.c.afterClose || !s.left() {
		return
	}
	s.res.addError(s.off, "Connection", "8.1.2.1", closes(s.m))
	s.done = true
}

// handsOver says whether the connection may carry another protocol after
// the message m, a valid one: after what, and the section that says so;
// "" when it stays HTTP. httpcheck sees one side of the connection, so a
// request that asks for a switch ends what it validates, whatever the
// answer would have been (as llhttp hands the rest to its user).
func handsOver(m *parser.Message) (after, section string) {
	switch {
	case m.Kind == parser.Response && m.Status == 101:
		// §10.1.2: "The server will switch protocols to those defined
		// by the response's Upgrade header field immediately after the
		// empty line which terminates the 101 response".
		return "a 101 (Switching Protocols) response: the connection carries the protocol its Upgrade field names", "10.1.2"
	case m.Kind == parser.Request && string(m.Method) == "CONNECT":
		// §9.9: CONNECT is "for use with a proxy that can dynamically
		// switch to being a tunnel"; RFC 2817 §5.2: after a 2xx
		// answer the connection is a tunnel.
		return "a CONNECT request: the connection is a tunnel if the server answers 2xx", "9.9"
	case m.Kind == parser.Request && m.Upgrade:
		// §14.42, §10.1.2: the switch happens if the server answers
		// 101.
		return "a request with Upgrade: the connection carries another protocol if the server answers 101 (Switching Protocols)", "14.42"
	}
	return "", ""
}

// http10 reports whether the version major.minor is HTTP/1.0 or earlier,
// which knows no persistent connection by default (§19.6.2) and no 1xx
// (§10.1).
func http10(major, minor int) bool { return major < 1 || major == 1 && minor < 1 }

// closes says why nothing follows m, whose KeepAlive is false
// (§8.1.2.1: "that request becomes the last one for the connection").
func closes(m *parser.Message) string {
	what, who := "request", "client"
	if m.Kind == parser.Response {
		what, who = "response", "server"
	}
	why := "says Connection: close (§14.10)"
	if http10(m.Major, m.Minor) {
		why = "is HTTP/1.0 without Connection: keep-alive, or with close or Transfer-Encoding (§19.6.2)"
	}
	return "data after the connection's last message: the " + what + " before it " + why + ", so the " + who + " closes the connection after it (-allow data-after-close reads on)"
}

// newMessage copies what is reported of m, which starts at off.
func newMessage(m *parser.Message, off int) message {
	msg := message{
		Kind: m.Kind, Offset: off,
		Method: m.Method, Target: m.Target, Version: m.Version,
		Status: m.Status, Reason: m.Reason, KeepAlive: m.KeepAlive,
		Headers: make([][2][]byte, len(m.Headers)),
	}
	for i, h := range m.Headers {
		msg.Headers[i] = [2][]byte{h.Name, h.Value}
	}
	if m.Kind == parser.Request {
		msg.Host = m.RequestHost()
	}
	return msg
}

// body frames the body of m, which starts at data[start:], as §4.4 says.
// It returns the body length (decoded for chunked), the bytes of input it
// takes, and an error positioned from start; a chunked body's trailer
// fields go to msg.
func (c *checker) body(m *parser.Message, data []byte, start int, msg *message) (length int64, used int, err error) {
	b := data[start:]
	switch m.Body {
	case parser.BodyLength:
		if int64(len(b)) < m.ContentLength {
			return int64(len(b)), len(b), &parser.Error{Offset: len(b), Rule: "message-body", Section: "4.4", Msg: "the input ends before Content-Length bytes"}
		}
		return m.ContentLength, int(m.ContentLength), nil
	case parser.BodyChunked:
		return c.chunked(b, msg)
	case parser.BodyByteranges:
		// RFC 2046 §5.1.1, RFC 2616 §19.2: up to and including the close
		// delimiter at the start of a line, then the transport-padding
		// and CRLF that end the body, as parser.Reader frames it.
		if n, used, ok := parser.ByterangesLen(b, m.Boundary, &c.opts); ok {
			return int64(n), used, nil
		}
		return int64(len(b)), len(b), &parser.Error{Offset: len(b), Rule: "multipart/byteranges", Section: "19.2", Msg: "the input ends before the close delimiter"}
	case parser.BodyClose:
		return int64(len(b)), len(b), nil
	}
	return 0, 0, nil
}

// chunked decodes the Chunked-Body at the start of b (§3.6.1), and puts
// its trailer fields in msg.
func (c *checker) chunked(b []byte, msg *message) (length int64, used int, err error) {
	src := bytes.NewReader(b)
	co := c.opts.ChunkedOptions()
	cr := parser.NewChunkedReader(src, &co)
	buf := make([]byte, 4096)
	for {
		k, err := cr.Read(buf)
		length += int64(k)
		if err == io.EOF {
			// The fields point into cr's buffer, which stays
			// valid: cr is this body's own and is not Reset.
			for _, f := range cr.Trailer() {
				msg.Trailer = append(msg.Trailer, [2][]byte{f.Name, f.Value})
			}
			return length, len(b) - src.Len() - len(cr.Rest()), nil
		}
		if err != nil {
			return length, len(b), err
		}
	}
}

// addErr records err, whose offset counts from base.
func (r *result) addErr(base int, err error) {
	var e *parser.Error
	if !errors.As(err, &e) {
		r.addError(base, "", "", err.Error())
		return
	}
	r.addError(base+e.Offset, e.Rule, e.Section, trimOffset(e.Msg))
}

// trimOffset removes the " at offset N" that ChunkedReader appends to its
// messages: N counts from the body's start, and the diagnostic gives the
// position in the input instead.
func trimOffset(msg string) string {
	i := strings.LastIndex(msg, " at offset ")
	if i < 0 {
		return msg
	}
	for _, c := range msg[i+len(" at offset "):] {
		if c < '0' || c > '9' {
			return msg
		}
	}
	return msg[:i]
}

func (r *result) addError(off int, rule, section, msg string) {
	line, col := lineCol(r.Data, off)
	r.Errors = append(r.Errors, diag{Offset: off, Line: line, Col: col, Rule: rule, Section: section, Msg: msg})
}

// lineCol returns the 1-based line and byte column of off in b; lines end
// at LF.
func lineCol(b []byte, off int) (line, col int) {
	off = min(off, len(b))
	line = 1 + bytes.Count(b[:off], []byte{'\n'})
	start := bytes.LastIndexByte(b[:off], '\n') + 1
	return line, off - start + 1
}
