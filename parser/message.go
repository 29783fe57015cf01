package parser

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"

	"github.com/abnfc/abnfc/internal/headpath"
)

// Kind tells requests from responses.
type Kind uint8

// The kinds of message.
const (
	Request Kind = iota + 1
	Response
)

// String returns "request", "response", or "message" for the zero Kind.
func (k Kind) String() string {
	switch k {
	case Request:
		return "request"
	case Response:
		return "response"
	}
	return "message"
}

// Framing is how the end of a message body is found (§4.4).
type Framing uint8

// The ways a message body ends, in the order §4.4 considers them.
const (
	// BodyNone: no body (1xx, 204, 205 and 304 responses, responses to HEAD,
	// 2xx responses to CONNECT, after which the connection is a tunnel
	// (§9.9, RFC 2817 §5.3), requests without Content-Length or
	// Transfer-Encoding).
	BodyNone Framing = iota
	// BodyChunked: Transfer-Encoding other than identity (§4.4 rule 2).
	BodyChunked
	// BodyLength: Content-Length bytes (§4.4 rule 3).
	BodyLength
	// BodyByteranges: a multipart/byteranges body, which delimits
	// itself (§4.4 rule 4): a response's only, since a request has a
	// body only with Content-Length or Transfer-Encoding (§4.3).
	BodyByteranges
	// BodyClose: a response body that ends when the connection closes
	// (§4.4 rule 5).
	BodyClose
)

// String names the framing: "none", "chunked", "content-length",
// "multipart/byteranges" or "close-delimited"; a value that is none of the
// constants is "Framing(n)".
func (f Framing) String() string {
	names := [...]string{"none", "chunked", "content-length", "multipart/byteranges", "close-delimited"}
	if int(f) < len(names) {
		return names[f]
	}
	return "Framing(" + strconv.Itoa(int(f)) + ")"
}

// Header is one header field, as zero-copy slices of the parsed input.
type Header struct {
	// Name is the field-name; Value the field-value without leading or
	// trailing LWS (§4.2). A folded value keeps its CRLF SP sequences.
	Name, Value []byte
	// Offset is where the field's line starts in the input.
	Offset int
	// known is 1 + the index of the field in knownHeaders, or 0.
	known int8
}

// Known reports whether the field is one RFC 2616 §14 defines, with its
// canonical name and section; such a field was checked against its own
// grammar.
func (h Header) Known() (name, section string, ok bool) {
	i := h.index()
	if i < 0 {
		return "", "", false
	}
	k := &knownHeaders[i]
	return k.Name, k.Section, true
}

// index returns the field's index in knownHeaders, or -1.
func (h *Header) index() int {
	if h.known <= 0 || int(h.known) > len(knownHeaders) {
		return -1
	}
	return int(h.known) - 1
}

// Message is a parsed message head. Parse functions reuse its Headers
// slice, so a Message can be parsed into again without allocating.
type Message struct {
	Kind Kind
	// Request line (§5.1): Method, Target (the Request-URI) and Version.
	Method, Target []byte
	// Status line (§6.1): Version, Status and Reason.
	Status int
	Reason []byte
	// Version is "HTTP/x.y"; Major and Minor are its numbers.
	Version      []byte
	Major, Minor int
	Headers      []Header

	// Body says how the body ends (§4.4); ContentLength is its length
	// for BodyLength (0 otherwise: DeclaredLength gives the
	// Content-Length of a response without a body, to HEAD say), and
	// Boundary the multipart boundary for
	// BodyByteranges (a quoted one with its quoted-pairs undone, §2.2; in
	// RFC 2046 §5.1.1's grammar, or the head is refused).
	Body          Framing
	ContentLength int64
	Boundary      []byte
	// KeepAlive reports a persistent connection after this message
	// (§8.1.2.1, §19.6.2): HTTP/1.1 unless Connection has "close",
	// HTTP/1.0 only with "keep-alive" and no "close" (§14.10), and
	// never when an HTTP/1.0 message has a Transfer-Encoding field
	// (RFC 9112 §6.1: close the connection after it; RFC 2616 §8.1.4
	// lets either side close), nor after a response whose body ends
	// when the connection closes (BodyClose: §4.4 rule 5, and rule 2's
	// transfer-codings without chunked), whatever its Connection says.
	KeepAlive bool
	// Upgrade reports that the message has an Upgrade field and the
	// "upgrade" token in Connection (§14.42, §14.10): in a request, the
	// client asks to switch protocols, and if the server answers 101
	// (Switching Protocols) the bytes after this request are the new
	// protocol's (§10.1.2); in a 101 response, the switch is made; in
	// another response (a 426, say) it names protocols the server would
	// switch to, and no switch is made. A
	// Reader's user who switches takes those bytes from Reader.Buffered
	// and the connection, not from the next ReadRequest. An Upgrade field
	// without the token is an error in HTTP/1.1 (§14.42: the keyword
	// "MUST be supplied"), and so is a 101 without Upgrade. In an
	// HTTP/1.0 message, which no 101 may answer (§10.1: "servers MUST
	// NOT send a 1xx response to an HTTP/1.0 client"), Upgrade is false.
	Upgrade bool
	// Expect100 reports "Expect: 100-continue" in an HTTP/1.1 (or later)
	// request (§8.2.3, §14.20): a server may answer 100 (Continue). In an
	// HTTP/1.0 (or earlier) request it is false, for §8.2.3 forbids the
	// 100 there ("MUST NOT send a 100 (Continue) response if such a
	// request comes from an HTTP/1.0 (or earlier) client"; RFC 7231
	// §5.1.1: the server "MUST ignore that expectation").
	// UnknownExpect reports a request's expectation other than that,
	// which a server answers with 417. Both are false in a response
	// (Expect is a request-header field).
	Expect100, UnknownExpect bool
	// Host is the Host field's value (§14.23). RequestHost gives the host
	// a request is for, which §5.2 takes from an absoluteURI target.
	Host []byte
	// HeadLen is the length of the head: start line, headers and the
	// empty line, without the empty lines before a request line that
	// Options.AllowLeadingEmptyLines skips (ParseRequest's n counts them).
	HeadLen int

	// spans is the buffer of SpansMessageHead, kept for the next message.
	spans []Span
	// declared is the Content-Length field's value when hasDeclared
	// (DeclaredLength).
	declared    int64
	hasDeclared bool
}

// RequestHost returns the host a request is for, by RFC 2616 §5.2. When
// the Request-URI is an absoluteURI, "the host is part of the
// Request-URI. Any Host header field value in the request MUST be
// ignored" (rule 1): RequestHost returns the host and port of its
// authority ("//" after the scheme), without the userinfo of a
// server-based authority (RFC 2396 §3.2.2), or nil when it has none
// ("http:/a", "mailto:a@b": no host, for which rule 3 asks a 400).
// Otherwise it returns the Host field's value (rule 2), or nil when
// there is none. A CONNECT target without "/" is an authority (§5.1.2),
// not an absoluteURI, so its host is the Host field's. The result is a
// slice of the message's bytes, like Host, and whether it is a valid
// host on the server (rule 3) is the caller's to decide.
func (m *Message) RequestHost() []byte {
	if h, absolute := absoluteHost(m.Target, string(m.Method) == "CONNECT"); absolute {
		return h
	}
	return m.Host
}

// absoluteHost reports whether the target t is an absoluteURI (RFC 2396
// §3: scheme ":" hier_part | opaque_part) and returns its host: the
// authority of a net_path ("//" authority, up to the next "/" or "?"),
// after the userinfo when it has one "@" (userinfo holds no "@", so an
// authority with more is a reg_name, whole); nil without an authority or
// for an empty one.
func absoluteHost(t []byte, connect bool) (host []byte, absolute bool) {
	// scheme = alpha *( alpha | digit | "+" | "-" | "." ) (RFC 2396 §3.1)
	i := 0
	for i < len(t) && isSchemeByte(t[i], i == 0) {
		i++
	}
	if i == 0 || i == len(t) || t[i] != ':' || connect && indexByte(t, '/') < 0 {
		return nil, false
	}
	rest := t[i+1:]
	if len(rest) < 2 || rest[0] != '/' || rest[1] != '/' {
		return nil, true
	}
	a := rest[2:]
	for j, c := range a {
		if c == '/' || c == '?' {
			a = a[:j]
			break
		}
	}
	if at := indexByte(a, '@'); at >= 0 && indexByte(a[at+1:], '@') < 0 {
		a = a[at+1:]
	}
	if len(a) == 0 {
		return nil, true
	}
	return a, true
}

// isSchemeByte reports whether c may stand in a URI scheme, first or
// later (RFC 2396 §3.1).
func isSchemeByte(c byte, first bool) bool {
	if l := c | 0x20; 'a' <= l && l <= 'z' {
		return true
	}
	return !first && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.')
}

// Header returns the value of the first field called name
// (case-insensitively), or nil.
func (m *Message) Header(name string) []byte {
	for i := range m.Headers {
		if equalFold(m.Headers[i].Name, name) {
			return m.Headers[i].Value
		}
	}
	return nil
}

// Options choose leniencies and limits. The zero value is strict RFC 2616
// with the default limits. Each leniency accepts something RFC 2616
// forbids, and says what it risks.
type Options struct {
	// AllowBareLF accepts LF without CR as a line end (§19.3 suggests
	// it). Risk: a peer that ends lines only at CRLF sees different
	// lines — the basis of request smuggling.
	AllowBareLF bool
	// AllowLeadingEmptyLines skips empty lines before a request line
	// (§4.1: servers SHOULD ignore them, but clients MUST NOT send them).
	// A Reader's stream of requests may end after them (§4.1: "Certain
	// buggy HTTP/1.0 client implementations generate extra CRLF's after
	// a POST request"), which ParseRequest, not knowing that nothing
	// follows, calls ErrIncomplete (OnlyEmptyLines tells them apart).
	AllowLeadingEmptyLines bool
	// AllowTolerantStartLine accepts any amount of SP or HT between the
	// fields of the start line (§19.3: "any amount of SP or HT characters
	// between fields, even though only a single SP is required"), and
	// only there: not before the first field, nor after a request line's
	// HTTP-Version (which a fourth field would need). It takes more white
	// space than a single SP, never less: a Status-Line with an empty
	// Reason-Phrase still needs white space after the Status-Code
	// ("HTTP/1.1 200" is refused at its line end), as §6.1's grammar has
	// it (Status-Line = HTTP-Version SP Status-Code SP Reason-Phrase CRLF)
	// and RFC 9112 §4 keeps it ("A server MUST send the space that
	// separates the status-code from the reason-phrase even when the
	// reason-phrase is absent").
	AllowTolerantStartLine bool
	// AllowContentLengthWithTE accepts Content-Length together with a
	// Transfer-Encoding and ignores the Content-Length, as §4.4 says
	// recipients do (senders MUST NOT send both), unless the
	// Transfer-Encoding is itself ignored (an HTTP/1.0 message whose
	// Connection names it, §14.10): then Content-Length frames the body.
	// Risk: the classic CL.TE request smuggling when another hop picks
	// Content-Length.
	AllowContentLengthWithTE bool
	// AllowDuplicateContentLength accepts several Content-Length fields
	// with the same decimal value, leading zeros aside (RFC 7230 §3.3.2;
	// §4.2 forbids repeating a field that is not a list). Risk: hops that take the first or last of differing values.
	AllowDuplicateContentLength bool
	// AllowInvalidDates accepts a value that is not an HTTP-date (§3.3.1)
	// in the three fields whose invalid dates RFC 2616 tells recipients
	// how to treat: Expires ("MUST treat other invalid date formats,
	// especially including the value "0", as in the past", §14.21),
	// If-Modified-Since ("if the passed If-Modified-Since date is
	// invalid, the response is exactly the same as for a normal GET",
	// §14.25) and If-Unmodified-Since ("If the specified date is invalid,
	// the header is ignored", §14.28). The value must still be
	// field-content (§4.2); ParseHTTPDate then fails on it, and the
	// caller applies the rule. Senders MUST send HTTP-dates, so strict
	// parsing refuses these. Risk: none for framing; a cache that reads
	// such an Expires as a date rather than as "in the past".
	AllowInvalidDates bool
	// AllowSpaceBeforeColon accepts white space (LWS, a fold too) between
	// a field-name and its colon, which RFC 2616's implied LWS allows
	// (§2.1, §4.2) and RFC 7230 §3.2.4 forbids: "A server MUST reject any
	// received request message that contains whitespace between a header
	// field-name and colon". Risk: request smuggling, as other hops read
	// "Transfer-Encoding : chunked" as a field of another name (net/http
	// does) or drop it.
	AllowSpaceBeforeColon bool
	// SkipValueGrammars checks the fields of §14 that the message rules
	// do not read against message-header (§4.2) only, not against their
	// own grammars; Content-Length, Transfer-Encoding, Host, Connection,
	// Expect, Content-Type, Upgrade and Trailer, which decide framing and
	// connection handling (Message.Upgrade) or which the message rules
	// check (§14.40), are always checked in full. It risks passing on a value
	// that a later consumer misreads (a malformed Range or Accept, say),
	// and saves the time of those grammars (see bench/README.md).
	SkipValueGrammars bool
	// RejectFolding rejects header values folded over several lines,
	// which RFC 2616 allows (§2.2 LWS) and RFC 7230 §3.2.4 deprecates; a
	// Reader rejects folded trailer fields too (ChunkedOptions.RejectFolding).
	RejectFolding bool

	// MaxStartLine, MaxHeaderBytes and MaxHeaders bound a head (default
	// 8190, 65536 and 100); MaxHeaders bounds the trailer fields of the
	// chunked bodies a Reader reads too (ChunkedOptions.MaxTrailerFields).
	MaxStartLine, MaxHeaderBytes, MaxHeaders int

	// MaxChunkSizeDigits, MaxChunkLineBytes and MaxTrailerBytes bound the
	// chunked bodies a Reader reads (RFC 2616 §3.6.1), as the
	// ChunkedOptions fields MaxSizeDigits, MaxLineBytes and
	// MaxTrailerBytes do (ChunkedOptions returns them): the HEX digits
	// of a chunk-size, leading zeros included (default 16; a chunk-size
	// that does not fit in an int64 is an error whatever the limit), the
	// chunk-size line with its chunk-extension and CRLF (default 4096),
	// and the trailer-part with the final CRLF, as received (default
	// 8192). 0 means the default. A body that exceeds one fails with an
	// *Error wrapping ErrLimit, at the stream offset of the first byte
	// past the limit, whose message names the Options field.
	MaxChunkSizeDigits, MaxChunkLineBytes, MaxTrailerBytes int
}

func (o *Options) limits() (line, head, count int) {
	line, head, count = 8190, 64<<10, 100
	if o != nil {
		if o.MaxStartLine > 0 {
			line = o.MaxStartLine
		}
		if o.MaxHeaderBytes > 0 {
			head = o.MaxHeaderBytes
		}
		if o.MaxHeaders > 0 {
			count = o.MaxHeaders
		}
	}
	return
}

// ErrIncomplete is returned when the input ends before the head does.
var ErrIncomplete = errors.New("parser: incomplete message head")

var crlf = []byte("\r\n")

// head is the state of parsing one message head.
type head struct {
	o   *Options
	b   []byte
	m   *Message
	off int
	// start is where the start line begins: after the empty lines that
	// Options.AllowLeadingEmptyLines skips, which are no part of the head.
	start int
}

// limitErr marks e as a limit exceeded: errors.Is(e, ErrLimit).
func limitErr(e *Error) *Error {
	e.Err = ErrLimit
	return e
}

func (h *head) errorf(off int, rule, section, format string, args ...any) *Error {
	e := &Error{Offset: off, Rule: rule, Section: section, Msg: fmt.Sprintf(format, args...)}
	e.Line, e.Col = lineCol(h.b, off)
	return e
}

// positioned turns the error of a generated parser that was fed input
// starting at base into an *Error positioned in the whole input.
func (h *head) positioned(err error, base int, rule, section string) *Error {
	e := syntaxError(err, rule, section, base)
	e.Line, e.Col = lineCol(h.b, e.Offset)
	return e
}

// line returns the line starting at off: its content (without the line
// end) and the offset after its line end. It fails on a bare CR or LF
// where CRLF is required, and returns ErrIncomplete at the end of b.
func (h *head) line(off int, rule, section string) (content []byte, next int, err error) {
	i := bytes.IndexByte(h.b[off:], '\n')
	end := len(h.b)
	if i >= 0 {
		end = off + i
	}
	// A CR anywhere but right before the LF is a bare CR.
	if j := bytes.IndexByte(h.b[off:end], '\r'); j >= 0 && off+j != end-1 {
		if off+j+1 < len(h.b) {
			return nil, 0, h.errorf(off+j, rule, section, "bare CR: lines end with CRLF (§2.2)")
		}
	}
	if i < 0 {
		return nil, 0, ErrIncomplete
	}
	if end > off && h.b[end-1] == '\r' {
		return h.b[off : end-1], end + 1, nil
	}
	if h.o != nil && h.o.AllowBareLF {
		return h.b[off:end], end + 1, nil
	}
	return nil, 0, h.errorf(end, rule, section, "bare LF: lines end with CRLF (§2.2)")
}

// lineEnd returns the offset after the line end of the line at off, or
// the error h.line gives for it.
func (h *head) lineEnd(off int) (int, error) {
	_, next, err := h.line(off, "message-header", "4.2")
	return next, err
}

// ParseRequest parses the request head at the start of b into m and
// returns its length. It reports ErrIncomplete when b ends first, and an
// *Error for any violation of RFC 2616 (§4, §5, §14), positioned in b:
// the earliest, at the first byte at which no valid head could continue
// (a bad byte before a line end that is not CRLF, before the end of b, or
// before a limit is crossed later on its line, is reported as itself;
// rules over a whole field, such as §4.2's on repeated fields, apply once
// the field has ended), so that a prefix of b that holds the error gives
// the same error as b. One error is placed before the byte that decides
// it: white space between a field-name and its colon (RFC 7230 §3.2.4,
// which §2.1's implied LWS would allow) is reported at the white space
// once the colon has arrived, so a prefix that ends in that white space
// is incomplete. It
// does not allocate once m.Headers has grown to the number of fields,
// except to undo the quoted-pairs of a quoted multipart/byteranges
// boundary (Message.Boundary).
func (o *Options) ParseRequest(b []byte, m *Message) (int, error) {
	h := head{o: o, b: b, m: m}
	return h.parse(Request, nil)
}

// ParseResponse parses the response head at the start of b into m.
// method is the request's method, which decides whether the response has
// a body (§4.4: none after HEAD; none in a 2xx after CONNECT, which opens
// a tunnel, §9.9); nil means unknown (neither).
func (o *Options) ParseResponse(b []byte, m *Message, method []byte) (int, error) {
	h := head{o: o, b: b, m: m}
	return h.parse(Response, method)
}

// ParseRequest is Options.ParseRequest with the zero Options: strict RFC
// 2616, the default limits.
func ParseRequest(b []byte, m *Message) (int, error) {
	return (*Options)(nil).ParseRequest(b, m)
}

// ParseResponse is Options.ParseResponse with the zero Options: strict
// RFC 2616, the default limits.
func ParseResponse(b []byte, m *Message, method []byte) (int, error) {
	return (*Options)(nil).ParseResponse(b, m, method)
}

func (h *head) parse(kind Kind, method []byte) (int, error) {
	if !noFast && h.fastOK() {
		if n, ok := h.fast(kind, method); ok {
			return n, nil
		}
	}
	return h.lineByLine(kind, method)
}

func init() { headpath.ParseLineByLine = parseLineByLine }

// parseLineByLine is headpath.ParseLineByLine: the head at the start of
// b by the line-by-line path alone, for package fuzz's fastpath target.
func parseLineByLine(opts, m any, b, method []byte, response bool) (int, error) {
	o, _ := opts.(*Options)
	h := head{o: o, b: b, m: m.(*Message)}
	if response {
		return h.lineByLine(Response, method)
	}
	return h.lineByLine(Request, nil)
}

// lineByLine parses the head a line at a time: the path that says what
// is wrong and where, and the one the leniencies fast knows nothing of
// take.
func (h *head) lineByLine(kind Kind, method []byte) (int, error) {
	m := h.m
	*m = Message{Kind: kind, Headers: m.Headers[:0], spans: m.spans[:0]}
	maxLine, maxHead, maxCount := h.o.limits()
	off := 0
	// §4.1: an HTTP/1.1 client MUST NOT preface a request with CRLF.
	for kind == Request && off < len(h.b) && (h.b[off] == '\r' || h.b[off] == '\n') {
		if h.o == nil || !h.o.AllowLeadingEmptyLines {
			return 0, h.errorf(off, "Request", "4.1", "empty line before the request line (Options.AllowLeadingEmptyLines accepts it)")
		}
		_, next, err := h.line(off, "Request", "4.1")
		if err != nil {
			return 0, err
		}
		off = next
	}
	h.start = off
	// The error reported is the earliest in the input: the first byte at
	// which no valid head could continue. So the grammar of the line's
	// content is checked up to a line end that is not CRLF (§2.2), the
	// end of the input, or the limit, before any of those is reported;
	// and the line that crosses the limit is reported as such, whatever
	// comes after it and however much of the input is at hand: an error
	// of the line past the limit (a bare CR or LF), or a line not yet
	// ended, gives the limit error. Each error depends only on the bytes
	// up to its own, so that parsing a prefix of the input (as Reader
	// does) and the whole of it agree.
	start, next, err := h.line(off, "start-line", "4.1")
	if err != nil {
		// The content of the line seen so far: up to the byte in error, a
		// bare CR included, or to the end of the input, less a CR that
		// may start the line end.
		content := len(h.b) - off
		if err == ErrIncomplete {
			if content > 0 && h.b[len(h.b)-1] == '\r' {
				content--
			}
		} else if e, ok := err.(*Error); ok {
			content = e.Offset - off
			if h.b[e.Offset] == '\r' {
				content++
			}
		}
		// The bytes before the one in error (or the end), within the limit.
		checked := min(content, maxLine)
		if e, ok := err.(*Error); ok {
			checked = min(e.Offset-off, maxLine)
		}
		if e := h.startLinePrefix(kind, h.b[off:off+checked], off); e != nil {
			return 0, e
		}
		if content > maxLine {
			return 0, limitErr(h.errorf(off, "start-line", "4.1", "start line longer than %d bytes (Options.MaxStartLine)", maxLine))
		}
		return 0, err
	}
	if len(start) > maxLine {
		if e := h.startLinePrefix(kind, start[:maxLine], off); e != nil {
			return 0, e
		}
		return 0, limitErr(h.errorf(off, "start-line", "4.1", "start line longer than %d bytes (Options.MaxStartLine)", maxLine))
	}
	if kind == Request {
		err = h.requestLine(start, off)
	} else {
		err = h.statusLine(start, off)
	}
	if err != nil {
		return 0, err
	}
	off = next
	// Header fields until the empty line (§4.1). Their bytes, with the
	// empty line, may not exceed maxHead: the first byte at index limit
	// or later crosses it, and the line it is on is reported, however
	// much of the input is at hand, unless an error comes before it.
	fields := off
	limit := fields + maxHead
	tooLong := func(at int) error {
		return limitErr(h.errorf(at, "message-header", "4.2", "header fields longer than %d bytes (Options.MaxHeaderBytes)", maxHead))
	}
	for {
		line, next, err := h.line(off, "message-header", "4.2")
		if err == nil && len(line) == 0 {
			if next > limit {
				return 0, tooLong(off)
			}
			off = next
			break
		}
		// A line that is not the empty line (nor its start) starts a
		// field, decided at its first byte.
		if off < len(h.b) && h.b[off] != '\r' && h.b[off] != '\n' {
			switch {
			case off >= limit:
				return 0, tooLong(off)
			case h.b[off] == ' ' || h.b[off] == '\t':
				return 0, h.errorf(off, "message-header", "4.2", "a header line starts with white space but no field precedes it to continue")
			case len(m.Headers) == maxCount:
				return 0, limitErr(h.errorf(off, "message-header", "4.2", "more than %d header fields (Options.MaxHeaders)", maxCount))
			}
		}
		// The field's lines: continuation lines (LWS folding, §2.2)
		// extend it. stop is what ends them early: a line end that is
		// not CRLF, a refused fold, or ErrIncomplete.
		end, stop := next, err
		for stop == nil && end < len(h.b) && (h.b[end] == ' ' || h.b[end] == '\t') {
			if h.o != nil && h.o.RejectFolding {
				stop = h.errorf(end, "message-header", "4.2", "folded header value (Options.RejectFolding; RFC 7230 §3.2.4)")
				break
			}
			end, stop = h.lineEnd(end)
		}
		if stop == nil && end == len(h.b) {
			stop = ErrIncomplete // the field might continue
		}
		if stop == nil && end <= limit {
			if err := h.field(off, end, true); err != nil {
				return 0, err
			}
			off = end
			continue
		}
		// reach is the end of the bytes seen of the field (the byte in
		// error included), checked the end of those the grammar checks:
		// up to the byte in error, or the end of the input less a CR that
		// may start a line end, and not past the limit.
		reach, checked := end, end
		if e, ok := stop.(*Error); ok {
			reach, checked = e.Offset+1, e.Offset
		} else if stop == ErrIncomplete {
			reach, checked = len(h.b), len(h.b)
			if h.b[checked-1] == '\r' {
				checked--
			}
		}
		if err := h.field(off, min(checked, limit), false); err != nil {
			return 0, err
		}
		if reach > limit {
			return 0, tooLong(off)
		}
		return 0, stop
	}
	m.HeadLen = off - h.start
	if err := h.messageRules(method); err != nil {
		return 0, err
	}
	return off, nil
}

// spaceBeforeColonOK reports whether the options accept white space
// between a field-name and its colon.
func (h *head) spaceBeforeColonOK() bool { return h.o != nil && h.o.AllowSpaceBeforeColon }

// noFast turns the one-pass path off, for the tests that compare it
// with the line-by-line one.
var noFast bool

// fastOK reports whether the options let fast take the head: it knows no
// leniency that changes line ends, start lines or folding.
func (h *head) fastOK() bool {
	o := h.o
	return o == nil || !(o.AllowBareLF || o.AllowLeadingEmptyLines || o.AllowTolerantStartLine || o.RejectFolding)
}

// fast parses a head that is well-formed, complete and within the limits
// in one pass over its bytes: SpansMessageHead checks the whole head
// against §4.1's message-head (so the start line against §5.1's
// Request-Line or §6.1's Status-Line and every field against §4.2's
// message-header) and reports where the start line's parts, each field
// and its name are; then a known field is checked with its own grammar.
// It reports false for anything else (errors, an incomplete head, a
// limit, a start line of the other kind), and parse then starts over on
// the line-by-line path, which says what is wrong and where; so both
// paths accept the same heads with the same result, which
// TestFastPathAgrees checks.
func (h *head) fast(kind Kind, method []byte) (int, bool) {
	b, m := h.b, h.m
	*m = Message{Kind: kind, Headers: m.Headers[:0], spans: m.spans[:0]}
	spans, end, ok := SpansMessageHead(b, m.spans)
	m.spans = spans
	if !ok {
		return 0, false
	}
	// The start line's spans, then pairs of field-name and message-header
	// (inner before outer) from where the fields start.
	var fields int
	switch {
	case kind == Request && len(spans) >= 3 && spans[0].Capture == MessageHeadSpanMethod &&
		spans[1].Capture == MessageHeadSpanRequestURI && spans[2].Capture == MessageHeadSpanHTTPVersion:
		// A Request-Line (an empty Request-URI goes the line-by-line way).
		m.Method, m.Target, m.Version = b[spans[0].Start:spans[0].End], b[spans[1].Start:spans[1].End], b[spans[2].Start:spans[2].End]
		fields = spans[2].End + 2
		spans = spans[3:]
	case kind == Response && len(spans) >= 1 && spans[0].Capture == MessageHeadSpanHTTPVersion && spans[0].Start == 0:
		// A Status-Line: HTTP-Version SP Status-Code SP Reason-Phrase.
		v := spans[0].End
		spans = spans[1:]
		fields = end - 2
		if len(spans) > 0 {
			fields = spans[1].Start
		}
		m.Version, m.Status, m.Reason = b[:v], atoi3(b[v+1:v+4]), b[v+5:fields-2]
	default:
		return 0, false
	}
	m.Major, m.Minor = version(m.Version)
	maxLine, maxHead, maxCount := h.o.limits()
	if fields-2 > maxLine || end-fields > maxHead || len(spans)/2 > maxCount {
		return 0, false
	}
	for j := 0; j+1 < len(spans); j += 2 {
		ns, fs := spans[j], spans[j+1]
		if ns.Capture != MessageHeadSpanFieldName || fs.Capture != MessageHeadSpanMessageHeader {
			return 0, false
		}
		name, text := b[ns.Start:ns.End], b[fs.Start:fs.End]
		// A known field is checked with its own grammar (as the
		// line-by-line path does), any other by message-head's.
		k := lookupHeader(name)
		if k >= 0 && h.ownGrammar(k) && !knownHeaders[k].Match(trimRightLWS(text)) {
			return 0, false
		}
		// The colon follows the name after implied LWS (§2.1), which is
		// refused unless allowed (the line-by-line path says so).
		colon := ns.End
		for b[colon] != ':' {
			colon++
		}
		if colon != ns.End && !h.spaceBeforeColonOK() {
			return 0, false
		}
		// Fill the new element in place (no Header built and copied).
		if len(m.Headers) < cap(m.Headers) {
			m.Headers = m.Headers[:len(m.Headers)+1]
		} else {
			m.Headers = append(m.Headers, Header{})
		}
		hd := &m.Headers[len(m.Headers)-1]
		hd.Name, hd.Value, hd.Offset, hd.known = name, trimLWS(b[colon+1:fs.End]), fs.Start, int8(k+1)
		if k >= 0 && !knownHeaders[k].List && h.known(k, fs.Start) != nil {
			return 0, false
		}
	}
	m.HeadLen = end
	if h.messageRules(method) != nil {
		return 0, false
	}
	return end, true
}

// fieldEnd returns the end of the field that starts at off, after the
// CRLF of its last line, when every line ends in CRLF with no other CR,
// and a byte that starts no continuation line follows; otherwise -1 (an
// error or an incomplete head, for the line-by-line path to report).
func fieldEnd(b []byte, off int) int {
	for {
		i := bytes.IndexByte(b[off:], '\n')
		if i < 1 || b[off+i-1] != '\r' || bytes.IndexByte(b[off:off+i-1], '\r') >= 0 {
			return -1
		}
		off += i + 1
		if off == len(b) {
			return -1
		}
		if b[off] != ' ' && b[off] != '\t' {
			return off
		}
	}
}

// requestLine checks a Request-Line (§5.1) and splits it.
func (h *head) requestLine(line []byte, off int) error {
	m := h.m
	if h.o != nil && h.o.AllowTolerantStartLine {
		return h.tolerantLine(line, off, "Request-Line", "5.1", true)
	}
	// The line with its CRLF, when it has one: the fast path.
	if end := off + len(line) + 2; !(end <= len(h.b) && h.b[end-2] == '\r' && MatchRequestLine(h.b[off:end])) {
		var rl RequestLineMachine
		rl.Reset()
		rl.Write(line)
		rl.Write(crlf)
		if err := rl.Close(); err != nil {
			return h.positioned(err, off, "Request-Line", "5.1")
		}
	}
	sp1 := indexByte(line, ' ')
	sp2 := sp1 + 1 + indexByte(line[sp1+1:], ' ')
	m.Method, m.Target, m.Version = line[:sp1], line[sp1+1:sp2], line[sp2+1:]
	m.Major, m.Minor = version(m.Version)
	return nil
}

// startLinePrefix checks line, the start of a start line of the kind at
// off that a byte in error, the end of the input or the limit cut short,
// and reports an error in it that no bytes after it could undo.
func (h *head) startLinePrefix(kind Kind, line []byte, off int) error {
	rule, section := "Request-Line", "5.1"
	if kind == Response {
		rule, section = "Status-Line", "6.1"
	}
	if h.o != nil && h.o.AllowTolerantStartLine {
		return h.tolerantLine(line, off, rule, section, false)
	}
	var err error
	if kind == Request {
		var rl RequestLineMachine
		rl.Reset()
		_, err = rl.Write(line)
	} else {
		var sl StatusLineMachine
		sl.Reset()
		_, err = sl.Write(line)
	}
	if err != nil {
		return h.positioned(err, off, rule, section)
	}
	return nil
}

// tolerantLine accepts runs of SP and HT between the fields of a start
// line (§19.3) and checks the fields with the strict grammar. whole
// reports a whole line; else line is the start of one, cut short by a
// byte in error, the end of the input or the limit, and tolerantLine only
// reports an error that no bytes after it could undo.
func (h *head) tolerantLine(line []byte, off int, rule, section string, whole bool) error {
	// §19.3 tolerates white space between the fields, not before the
	// first or after a request's last, and not a fourth field.
	if len(line) > 0 && (line[0] == ' ' || line[0] == '\t') {
		return h.errorf(off, rule, section, "white space before the start line's first field")
	}
	var f [3][]byte
	// at holds where each field starts in line; a missing reason phrase
	// is at the line's end.
	at := [3]int{len(line), len(line), len(line)}
	n, i := 0, 0
	for i < len(line) && n < 3 {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		j := i
		for j < len(line) && (n == 2 && h.m.Kind == Response || line[j] != ' ' && line[j] != '\t') {
			j++
		}
		if j > i {
			f[n], at[n] = line[i:j], i
			n++
		}
		i = j
	}
	// A request's line goes on after its HTTP-Version (the reason phrase
	// takes a response's rest): an error, after any in the three fields,
	// which are then checked as a line that goes on.
	more := i < len(line)
	// Check the fields joined by single SPs, as the strict grammar has
	// them: the fields seen, and a SP after the last when white space
	// follows it. A missing field, or the white space before an empty
	// Reason-Phrase (§6.1), is then the grammar's error, at the line's
	// end: §19.3 tolerates more white space between fields, not less.
	written, sep := n, n > 0 && at[n-1]+len(f[n-1]) < len(line)
	if more {
		sep, whole = false, false
	}
	var err error
	var rl RequestLineMachine
	var sl StatusLineMachine
	if h.m.Kind == Request {
		rl.Reset()
		err = writeFields(lineMachine{rl: &rl}, f[:written], sep, whole)
	} else {
		sl.Reset()
		err = writeFields(lineMachine{sl: &sl}, f[:written], sep, whole)
	}
	if err != nil {
		// Position the error in the line as received, not in the
		// joined fields the machine read.
		e := syntaxError(err, rule, section, 0)
		e.Offset = off + joinedOffset(f[:written], at, len(line), e.Offset)
		e.Line, e.Col = lineCol(h.b, e.Offset)
		return e
	}
	if more {
		return h.errorf(off+i, rule, section, "more after the request line's HTTP-Version: white space or a fourth field")
	}
	if !whole {
		return nil
	}
	if h.m.Kind == Request {
		h.m.Method, h.m.Target, h.m.Version = f[0], f[1], f[2]
	} else {
		h.m.Version, h.m.Reason = f[0], f[2]
		h.m.Status = atoi3(f[1])
	}
	h.m.Major, h.m.Minor = version(h.m.Version)
	return nil
}

// joinedOffset maps an offset in the fields f joined by single SPs, as
// writeFields writes them, to one in the line of length n they were taken
// from, where field k starts at at[k]. A separator maps to the end of the
// field before it, and anything after the last field (a SP after it, the
// CRLF) to the line's end.
func joinedOffset(f [][]byte, at [3]int, n, o int) int {
	pos := 0
	for k := range f {
		if o <= pos+len(f[k]) {
			return at[k] + o - pos
		}
		pos += len(f[k]) + 1
	}
	return n
}

// lineMachine is the generated streaming machine of a start line, a
// Request-Line's (rl) or a Status-Line's (sl). Not an interface: a
// machine behind one escaped to the heap, an allocation in every parse
// under AllowTolerantStartLine (an audit).
type lineMachine struct {
	rl *RequestLineMachine
	sl *StatusLineMachine
}

func (m lineMachine) Write(b []byte) (int, error) {
	if m.rl != nil {
		return m.rl.Write(b)
	}
	return m.sl.Write(b)
}

func (m lineMachine) Close() error {
	if m.rl != nil {
		return m.rl.Close()
	}
	return m.sl.Close()
}

// writeFields writes the fields of a start line with single SPs between
// them, and one after the last when sep is set; then, when whole, the
// CRLF, and closes the machine. It returns the first error.
func writeFields(m lineMachine, f [][]byte, sep, whole bool) error {
	var err error
	write := func(b []byte) {
		if err == nil {
			_, err = m.Write(b)
		}
	}
	for k := range f {
		if k > 0 {
			write(space)
		}
		write(f[k])
	}
	if sep {
		write(space)
	}
	if !whole || err != nil {
		return err
	}
	write(crlf)
	if err != nil {
		return err
	}
	return m.Close()
}

var space = []byte{' '}

// statusLine checks a Status-Line (§6.1) and splits it.
func (h *head) statusLine(line []byte, off int) error {
	m := h.m
	if h.o != nil && h.o.AllowTolerantStartLine {
		return h.tolerantLine(line, off, "Status-Line", "6.1", true)
	}
	if end := off + len(line) + 2; !(end <= len(h.b) && h.b[end-2] == '\r' && MatchStatusLine(h.b[off:end])) {
		var sl StatusLineMachine
		sl.Reset()
		sl.Write(line)
		sl.Write(crlf)
		if err := sl.Close(); err != nil {
			return h.positioned(err, off, "Status-Line", "6.1")
		}
	}
	sp1 := indexByte(line, ' ')
	m.Version = line[:sp1]
	m.Status = atoi3(line[sp1+1 : sp1+4])
	m.Reason = line[sp1+5:]
	m.Major, m.Minor = version(m.Version)
	return nil
}

// field checks the header field in b[off:end] and records it. whole
// reports a whole field, its lines with their ends; else b[off:end] is the
// start of one, without the byte in error that ends it early (or the end
// of the input), and field only reports an error of those bytes: one that
// no bytes after them could undo. Of the errors found, the earliest in
// the input is reported (on the same byte, the first found).
func (h *head) field(off, end int, whole bool) error {
	text := h.b[off:end]
	if whole {
		// The field without its final line end.
		n := len(text) - 1
		if n > 0 && text[n-1] == '\r' {
			n--
		}
		text = text[:n]
	}
	colon := indexByte(text, ':')
	k := -1
	if colon > 0 {
		k = lookupHeader(trimLWS(text[:colon]))
	}
	// Every field must match the generic message-header (§4.2), a known
	// one its own grammar too. The own grammars are not all parts of
	// message-header's language: their quoted-strings admit a quoted-pair
	// of a CTL (§2.2), which the *TEXT reading of field-content does not
	// (grammar/rfc2616/message.abnf), and the fast path (SpansMessageHead)
	// checks message-header for every field, so this path does too.
	// Where ownGrammar says no (SkipValueGrammars, AllowInvalidDates),
	// only message-header applies.
	own := k >= 0 && h.ownGrammar(k)
	var first *Error
	if !whole || !MatchMessageHeader(text) {
		var mh MessageHeaderMachine
		mh.Reset()
		if err := h.feed(&mh, text, whole); err != nil {
			first = h.positioned(err, off, "message-header", "4.2")
		}
	}
	// RFC 7230 §3.2.4: no white space between the name and the colon,
	// when the name and what follows it up to the colon matched.
	if colon > 0 && !h.spaceBeforeColonOK() && (first == nil || first.Offset > off+colon) {
		if name := trimLWS(text[:colon]); len(name) < colon {
			first = h.errorf(off+len(name), "message-header", "4.2", `white space before ":" (RFC 7230 §3.2.4; Options.AllowSpaceBeforeColon)`)
		}
	}
	if own {
		// §4.2: leading and trailing LWS is not part of the
		// field-content; the field's own grammar (with its implied LWS)
		// covers the rest.
		kh := &knownHeaders[k]
		v := trimRightLWS(text)
		// Match reads v as received: under AllowBareLF a bare LF in it
		// stands for CRLF (§19.3), and only validateLine reads it so (a
		// quoted-pair "\" before it quotes that CR, not the LF).
		bareLF := h.o != nil && h.o.AllowBareLF && hasBareLF(v)
		if !(whole && !bareLF && kh.Match(v)) {
			if err := h.validateLine(kh.Validate, v); err != nil {
				var se *SyntaxError
				// Of a start, only an error before its end.
				if whole || errors.As(err, &se) && se.Offset < len(v) {
					if e := h.positioned(err, off, kh.Name, kh.Section); first == nil || e.Offset < first.Offset {
						first = e
					}
				}
			}
		}
	}
	if first != nil {
		return first
	}
	if !whole {
		return nil
	}
	name := trimLWS(text[:colon])
	value := trimLWS(text[colon+1:])
	h.m.Headers = append(h.m.Headers, Header{Name: name, Value: value, Offset: off, known: int8(k + 1)})
	if k >= 0 {
		return h.known(k, off)
	}
	return nil
}

// ownGrammar reports whether the known field k is checked against its own
// grammar: not under Options.SkipValueGrammars for a field the message
// rules do not read, nor under Options.AllowInvalidDates for the date
// fields whose invalid values §14.21, §14.25 and §14.28 let recipients
// handle.
func (h *head) ownGrammar(k int) bool {
	if h.o == nil {
		return true
	}
	return !(h.o.SkipValueGrammars && !ruleField[k] || h.o.AllowInvalidDates && dateField[k])
}

// feed writes a field to the message-header machine, turning bare LF line
// ends into CRLF when Options.AllowBareLF lets them through, and returns
// the first error, positioned in text (not in what the machine read):
// Close's when whole, else only Write's. An error at a CR written for a
// bare LF is placed at the LF.
func (h *head) feed(m *MessageHeaderMachine, text []byte, whole bool) error {
	added := 0 // the CRs written that text does not have
	var err error
	for len(text) > 0 && err == nil {
		i := indexByte(text, '\n')
		switch {
		case i < 0:
			_, err = m.Write(text)
			text = nil
		case i > 0 && text[i-1] == '\r':
			_, err = m.Write(text[:i+1])
			text = text[i+1:]
		default:
			if _, err = m.Write(text[:i]); err == nil {
				if _, err = m.Write(crlf); err == nil {
					added++
				}
			}
			text = text[i+1:]
		}
	}
	if err == nil && whole {
		err = m.Close()
	}
	return unshift(err, added)
}

// unshift moves the offset of a generated parser's error back by the n
// CRs written before it that the input does not have.
func unshift(err error, n int) error {
	var se *SyntaxError
	if n == 0 || !errors.As(err, &se) {
		return err
	}
	c := *se
	c.Offset -= n
	return &c
}

// known checks the rule of §4.2 that only list-valued fields may repeat
// for the field defined in §14 that was recorded last, at off.
func (h *head) known(k int, off int) error {
	kh := &knownHeaders[k]
	if kh.List {
		return nil
	}
	last := len(h.m.Headers) - 1
	for i := 0; i < last; i++ {
		if h.m.Headers[i].index() == k {
			if k == hContentLength && h.o != nil && h.o.AllowDuplicateContentLength && sameDecimal(h.m.Headers[i].Value, h.m.Headers[last].Value) {
				return nil
			}
			return h.errorf(off, kh.Name, "4.2", "%s appears more than once; only list-valued fields may repeat", kh.Name)
		}
	}
	return nil
}

// sameDecimal reports whether two Content-Length values (1*DIGIT) are the
// same decimal value, leading zeros aside (RFC 7230 §3.3.2: "identical
// decimal values"), however long.
func sameDecimal(a, b []byte) bool {
	trim := func(v []byte) []byte {
		for len(v) > 1 && v[0] == '0' {
			v = v[1:]
		}
		return v
	}
	return string(trim(a)) == string(trim(b))
}

// hasBareLF reports a LF in b with no CR before it: a line end that only
// AllowBareLF reads (§19.3). A fold's CRLF is none: any LF had sent each
// folded field of a known name under the option down validateLine's
// copying path (two allocations a parse; an audit).
func hasBareLF(b []byte) bool {
	for i := 0; ; {
		j := indexByte(b[i:], '\n')
		if j < 0 {
			return false
		}
		if i+j == 0 || b[i+j-1] != '\r' {
			return true
		}
		i += j + 1
	}
}

// validateLine runs a generated validator over a field, with bare LF
// line ends made CRLF when they are allowed; the error is positioned in
// text.
func (h *head) validateLine(validate func([]byte) error, text []byte) error {
	if h.o == nil || !h.o.AllowBareLF || !hasBareLF(text) {
		return validate(text)
	}
	// Rare: a folded field with bare LF ends under AllowBareLF. Copy it
	// with CRLF (bounded by MaxHeaderBytes).
	fixed := make([]byte, 0, len(text)+8)
	for i, c := range text {
		if c == '\n' && (i == 0 || text[i-1] != '\r') {
			fixed = append(fixed, '\r')
		}
		fixed = append(fixed, c)
	}
	err := validate(fixed)
	var se *SyntaxError
	if !errors.As(err, &se) {
		return err
	}
	// The CRs added before the error's offset (not one there, which
	// stands for the LF after it).
	added, at := 0, 0 // at: the offset in fixed of text[i]
	for i, c := range text {
		if at >= se.Offset {
			break
		}
		if c == '\n' && (i == 0 || text[i-1] != '\r') {
			added++
			at++
		}
		at++
	}
	return unshift(err, added)
}

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}

// trimLWS removes leading and trailing LWS (SP, HT, CR, LF).
func trimLWS(b []byte) []byte { return trimRightLWS(trimLeftLWS(b)) }

// trimLeftLWS removes leading LWS.
func trimLeftLWS(b []byte) []byte {
	for len(b) > 0 && isLWS(b[0]) {
		b = b[1:]
	}
	return b
}

func trimRightLWS(b []byte) []byte {
	for len(b) > 0 && isLWS(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

func isLWS(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// version reads "HTTP/x.y" (already checked by the grammar); numbers that
// do not fit saturate.
func version(v []byte) (major, minor int) {
	i := indexByte(v, '/') + 1
	major, i = atoiSat(v, i)
	minor, _ = atoiSat(v, i+1)
	return
}

func atoiSat(b []byte, i int) (int, int) {
	n := 0
	for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
		if n < 1<<20 {
			n = n*10 + int(b[i]-'0')
		}
	}
	return n, i
}

func atoi3(b []byte) int {
	if len(b) != 3 {
		return 0
	}
	return int(b[0]-'0')*100 + int(b[1]-'0')*10 + int(b[2]-'0')
}
