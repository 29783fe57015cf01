package parser

import (
	"bytes"
	"errors"
	"io"
)

// Reader reads a stream of pipelined messages (§8.1.2.2): a head, then its
// body, then the next head. Heads are parsed as ParseRequest and
// ParseResponse do, so a head that arrives one byte at a time gives the
// same result as one that arrives whole. Memory is bounded by the head
// limits of Options and the chunked reader's buffers.
type Reader struct {
	src  io.Reader
	opts *Options
	buf  []byte
	r, w int
	// keep is the end of the head read last, whose bytes buf[:keep]
	// hold while its body is read: fill compacts the unread bytes down
	// to keep, not to 0, so that the Message's slices stay valid until
	// the next ReadRequest or ReadResponse, which sets keep to 0.
	keep int
	// off is the stream offset of buf[r].
	off int64
	// srcErr is an error of the source: sticky, but for a timeout in a
	// head (see temporary).
	srcErr error

	body    bodyReader
	chunked *ChunkedReader
	started bool
	// scanned is the buffer index up to which no empty line was found.
	scanned int
	// skipped reports that empty lines before the head being read were
	// consumed (Options.AllowLeadingEmptyLines): kept across a timeout.
	skipped bool
	// parses counts the heads parsed, whole or not (tests bound it).
	parses int
	// afterDelim reports that a multipart/byteranges body ended at its
	// close delimiter: the next head skips one CRLF after it.
	afterDelim bool
	// delim is the close delimiter "--" boundary "--" of the
	// multipart/byteranges body being read (RFC 2046 §5.1.1), in one
	// slice for scanDelim (Message.Boundary is only its middle).
	delim []byte

	// Line accounting over consumed bytes, so that every error has a
	// line and column in the stream: nl counts consumed LFs, lineStart
	// is the offset after the last one, and hist keeps the last
	// len(hist) consumed bytes (by offset modulo its size) to place an
	// error inside bytes the chunked reader read ahead.
	nl        int64
	lineStart int64
	hist      [8192]byte
}

// NewReader returns a Reader of the messages in src.
func NewReader(src io.Reader, opts *Options) *Reader {
	_, head, _ := opts.limits()
	line, _, _ := opts.limits()
	return &Reader{src: src, opts: opts, buf: make([]byte, head+line+bodyRoom)}
}

// bodyRoom is the room a body has in the buffer after its head at least,
// as the head's bytes stay where they are while the body is read: the
// buffer holds the longest head and bodyRoom more, and a head that ends
// closer to the buffer's end (or in its last quarter) is moved to its
// start first (see next).
const bodyRoom = 4096

// ReadRequest reads the next request head into m. Its slices stay valid
// until the next ReadRequest or ReadResponse, while the body is read
// too: the head's bytes stay in the buffer, which the body's bytes pass
// through after them. The body of the previous
// message, if not read to its end through Body, is read and discarded
// first. At the end of the stream between messages it returns io.EOF.
// Errors are *Error positioned in the stream: Offset, Line and Col count
// from the start of the stream, for heads and bodies alike. An error of
// the source other than io.EOF (io.ErrNoProgress after many reads of 0,
// nil) is returned as it is, in a head or in a body of any framing (then
// Offset is at the head's start, and Buffered holds what was read of it,
// or after the body bytes read); the Reader keeps it, and every later
// read returns it again. In a head, the bytes read before such an error
// are parsed first: if they already hold an error that no later byte
// could undo (ParseRequest reports the earliest error of a prefix), that
// *Error is returned instead, the one the complete head would give, at
// the same Offset, Line and Col.
//
// A timeout of the source in a head (an error with a Timeout method that
// reports true, as a net.Conn's Read returns after its read deadline) is
// not kept: the bytes read stay buffered, and the next ReadRequest goes
// on reading the same head, as though the source had not stopped. So a
// server can read with a short deadline, learn at each expiry whether
// the partial head is already invalid, and read on with a new deadline
// if not. A timeout in a body is kept, as other errors are.
func (r *Reader) ReadRequest(m *Message) error {
	return r.next(m, Request, nil)
}

// ReadResponse reads the next response head into m; method is the method
// of the request it answers (a response to HEAD has no body, §4.4, nor a
// 2xx response to CONNECT, after which Buffered holds the tunnel's first
// bytes, §9.9). Nor has a 1xx, 204, 205 or 304 response (§4.4 rule 1;
// §10.2.6 for 205): after a
// 1xx the next ReadResponse reads the response that follows it (§10.1),
// and after a 101 (Switching Protocols) Buffered holds the new protocol's
// first bytes (§10.1.2). After a body that ends when the connection
// closes (BodyClose, §4.4 rule 5) the next ReadResponse reads it to its
// end, if the caller has not, and returns io.EOF. Errors, of the source
// and in a partial head at a timeout among them, are as ReadRequest's.
func (r *Reader) ReadResponse(m *Message, method []byte) error {
	return r.next(m, Response, method)
}

// Body returns the body of the message read last: it returns io.EOF at
// the body's end, as §4.4 frames it.
func (r *Reader) Body() io.Reader { return &r.body }

// Buffered returns the bytes read from the source and not yet consumed,
// which start at Offset: after ReadRequest or ReadResponse, those after
// the head (the body's first bytes, or what follows a message without a
// body); after a body has been read to io.EOF, those after the body (a
// multipart/byteranges body ends with its close delimiter: the
// transport-padding and CRLF that may follow it are skipped by the next
// ReadRequest or ReadResponse);
// after an error in a head, those from that head's start. A server that
// switches protocols after a request (CONNECT, §9.9; Upgrade, §14.42)
// hands them to the new protocol before it reads the source again. While
// a chunked body is being read, the chunked reader holds the bytes it has
// read ahead, which Buffered does not include. The slice is valid until
// the next call of a method of r.
func (r *Reader) Buffered() []byte { return r.buf[r.r:r.w] }

// Offset returns the stream offset of the first byte not yet consumed
// (Buffered's first byte).
func (r *Reader) Offset() int64 { return r.off }

// Position returns the line and column (from 1, as the Reader's errors
// count them) of stream offset off, a byte already consumed: a field of
// the head just read, say (its offset is Offset() - HeadLen +
// Header.Offset). It remembers the last 8192 bytes consumed; for an
// offset before them or after Offset it returns 0, 0.
func (r *Reader) Position(off int64) (line, col int) { return r.position(off) }

// Trailer returns the trailer fields of the chunked body of the message
// read last (RFC 2616 §3.6.1 trailer, announced by the Trailer header
// field, §14.40) once Body has returned io.EOF; nil before then, for a
// body without trailer fields or not chunked, and after an error in the
// body. As Message.Headers, the fields are slices of the Reader's own
// buffer (its trailer buffer, of Options.MaxTrailerBytes, and a table of
// at most Options.MaxHeaders fields, both kept for the next body), valid
// until the next ReadRequest or ReadResponse; each field's Offset is the stream offset of its line.
// Each field matched message-header (§4.2); the grammars of §14 are not
// applied to them, and whether they are the fields the Trailer header
// announced is the caller's to check. To get the trailer without the
// body, read the body to its end: io.Copy(io.Discard, r.Body()).
func (r *Reader) Trailer() []TrailerField {
	b := &r.body
	if b.framing != BodyChunked || !b.done || b.chunked == nil {
		return nil
	}
	return b.chunked.Trailer()
}

// TrailerValue returns the value of the first field of Trailer called
// name (case-insensitively, §4.2), or nil, as Message.Header does for the
// head's fields.
func (r *Reader) TrailerValue(name string) []byte { return trailerValue(r.Trailer(), name) }

func (r *Reader) next(m *Message, kind Kind, method []byte) error {
	if r.started {
		// Skip the rest of the last body (none, for most requests).
		if b := &r.body; !(b.done || b.rd == nil || b.framing == BodyNone || b.framing == BodyLength && b.left == 0) {
			if _, err := io.Copy(io.Discard, b); err != nil {
				return err
			}
		}
		if r.body.closed {
			return io.EOF // a close-delimited body ends the stream
		}
	}
	r.started = true
	// The last message's slices may change from here on.
	r.keep = 0
	// With Options.AllowLeadingEmptyLines, the empty lines before a
	// request are consumed here, as the parser would skip them: parsing
	// them again at every read would take time quadratic in their number,
	// and their empty lines would make mayEndHead parse a head that has
	// not begun. r.skipped remembers them (across a timeout too); a
	// stream that ends after them ends cleanly (ParseRequest, which
	// cannot know that no more comes, says ErrIncomplete of them alone).
	leading := kind == Request && r.opts != nil && r.opts.AllowLeadingEmptyLines
	for {
		if r.afterDelim && !r.skipDelimCRLF() {
			if r.srcErr != nil {
				// A timeout (skipDelimCRLF waits on no other error):
				// the CRLF may still come, for the next call to skip.
				err := r.srcErr
				r.srcErr = nil
				return err
			}
			r.fill()
			continue
		}
		if leading && r.skipEmptyLines(r.opts.AllowBareLF) {
			r.skipped = true
		}
		// Parse only once the head can be complete (an empty line has
		// arrived), at the end of the source, or when the buffer is full:
		// the result is the same as parsing at every read, without
		// parsing a head that arrives in small pieces again and again.
		if !r.mayEndHead() {
			r.fill()
			continue
		}
		n, err := r.parse(m, kind, method)
		if err == nil && r.r > 0 && len(r.buf)-(r.r+n) < max(bodyRoom, len(r.buf)/4) && r.bodyMayFill(m, n) {
			// The head's bytes stay in place while its body is read,
			// and the body would have less than bodyRoom (or a
			// quarter of the buffer) after them, so that every fill
			// would read little: move the buffered bytes to the
			// buffer's start and parse them there again (once per
			// pass over the buffer at most: a head near its end, whose
			// body is not buffered whole).
			r.compact(0)
			n, err = r.parse(m, kind, method)
		}
		if err == nil {
			r.consume(n)
			r.keep = r.r
			r.skipped = false
			r.body = bodyReader{rd: r, framing: m.Body, left: m.ContentLength, start: r.off, bareLF: r.opts != nil && r.opts.AllowBareLF}
			if m.Body == BodyByteranges {
				// In a slice reused by the next messages: no allocation
				// per message.
				r.delim = append(append(append(r.delim[:0], "--"...), m.Boundary...), "--"...)
				r.body.delim = r.delim
			}
			if m.Body == BodyChunked {
				if r.chunked == nil {
					co := r.opts.ChunkedOptions()
					r.chunked = NewChunkedReader(&r.body, &co)
					r.chunked.names = &readerOptionNames
				}
				r.chunked.Reset(sourceReader{r})
				r.body.chunked = r.chunked
			}
			return nil
		}
		if err != ErrIncomplete {
			var e *Error
			if errors.As(err, &e) {
				e.Offset += int(r.off)
				// Line and Col count from the head's start: make them
				// count from the stream's.
				if e.Line == 1 {
					e.Col += int(r.off - r.lineStart)
				}
				if e.Line > 0 {
					e.Line += int(r.nl)
				}
			}
			return err
		}
		if r.srcErr != nil {
			if r.srcErr == io.EOF && r.r == r.w {
				// Empty lines skipped before the end (AllowLeadingEmptyLines)
				// were ignored, as §4.1 has it: "Certain buggy HTTP/1.0
				// client implementations generate extra CRLF's after a
				// POST request"; the stream ends cleanly after them.
				return io.EOF
			}
			if r.srcErr == io.EOF {
				e := &Error{Offset: int(r.off) + r.w - r.r, Rule: kind.String(), Section: "4.1", Msg: "the stream ends inside a message head", Err: io.ErrUnexpectedEOF}
				e.Line, e.Col = lineCol(r.buf[r.r:r.w], r.w-r.r)
				if e.Line == 1 {
					e.Col += int(r.off - r.lineStart)
				}
				e.Line += int(r.nl)
				return e
			}
			err := r.srcErr
			if temporary(err) {
				// The next call reads the source again, and parses the
				// bytes buffered with those that come then.
				r.srcErr = nil
			}
			return err
		}
		if r.w == len(r.buf) && r.r == 0 {
			e := limitErr(&Error{Offset: int(r.off), Rule: kind.String(), Section: "4.1", Msg: "message head does not fit the limits (Options.MaxHeaderBytes)"})
			r.place(e)
			return e
		}
		r.fill()
	}
}

// temporary reports whether err, an error of the source, is a timeout
// (a net.Conn's read deadline, os.ErrDeadlineExceeded), after which the
// source may be read again.
func temporary(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// parse parses the buffered bytes as a head of the kind into m.
func (r *Reader) parse(m *Message, kind Kind, method []byte) (int, error) {
	r.parses++
	if kind == Request {
		return r.opts.ParseRequest(r.buf[r.r:r.w], m)
	}
	return r.opts.ParseResponse(r.buf[r.r:r.w], m, method)
}

// bodyMayFill reports whether reading the body of m, whose head is the
// n bytes at buf[r.r:], may read the source: it has one, and it is not
// a Content-Length body already buffered whole.
func (r *Reader) bodyMayFill(m *Message, n int) bool {
	switch m.Body {
	case BodyNone:
		return false
	case BodyLength:
		return m.ContentLength > int64(r.w-r.r-n)
	}
	return true
}

// mayEndHead reports whether parsing the buffered bytes may give more than
// ErrIncomplete: they hold an empty line (LF, optional CR, LF), the source
// has ended, or the buffer is full.
func (r *Reader) mayEndHead() bool {
	if r.srcErr != nil || (r.w == len(r.buf) && r.r == 0) {
		return true
	}
	b := r.buf[r.r:r.w]
	// The usual case first: the bytes end with the empty line.
	if n := len(b); n >= 2 && b[n-1] == '\n' && (b[n-2] == '\n' || n >= 3 && b[n-2] == '\r' && b[n-3] == '\n') {
		return true
	}
	i := max(r.scanned-r.r, 0)
	for i < len(b) {
		// The next LF (IndexByte: vector instructions, one call per line).
		k := bytes.IndexByte(b[i:], '\n')
		if k < 0 {
			break
		}
		i += k
		j := i + 1
		if j < len(b) && b[j] == '\n' || j+1 < len(b) && b[j] == '\r' && b[j+1] == '\n' {
			return true
		}
		if j >= len(b)-1 {
			r.scanned = r.r + i // the empty line may follow this LF
			return false
		}
		i = j
	}
	r.scanned = r.w
	if r.scanned > r.r {
		r.scanned-- // a CR may precede the next LF
	}
	return false
}

// skipDelimCRLF consumes the transport-padding (SP and HT) and the CRLF
// (or, with AllowBareLF, LF) that may follow the close delimiter of a
// multipart/byteranges body (RFC 2046 §5.1.1: close-delimiter
// transport-padding [CRLF epilogue]). It reports
// false when it needs more bytes to tell (after a timeout of the source
// too: they may still come).
func (r *Reader) skipDelimCRLF() bool {
	ended := r.srcErr != nil && !temporary(r.srcErr)
	n, ok := delimEnd(r.buf[r.r:r.w], r.opts != nil && r.opts.AllowBareLF, ended)
	if !ok {
		return false
	}
	r.afterDelim = false
	r.consume(n)
	return true
}

// delimEnd returns the length of what follows a close delimiter at the
// start of b and ends the body with it: the transport-padding (SP and HT;
// at most maxPadding bytes) before the CRLF (or, with bareLF, LF), which
// "receivers MUST be able to handle" (RFC 2046 §5.1.1: close-delimiter
// transport-padding [CRLF epilogue]), with that line end; the padding
// alone where the stream has ended after it; else 0, and the next head
// starts at b. It reports false when b, which the stream may extend
// (not ended), is too short to tell.
func delimEnd(b []byte, bareLF, ended bool) (int, bool) {
	p := 0
	for p < len(b) && p < maxPadding && (b[p] == ' ' || b[p] == '\t') {
		p++
	}
	rest := b[p:]
	if !ended && p < maxPadding && (len(rest) == 0 || len(rest) == 1 && rest[0] == '\r') {
		return 0, false
	}
	switch n := lineEnd(rest, bareLF); {
	case n > 0:
		return p + n, true
	case len(rest) == 0:
		return p, true // padding, then the end of the stream
	}
	return 0, true
}

// ByterangesLen frames the multipart/byteranges body at the start of b
// (Message.Body is BodyByteranges, with Message.Boundary), as Reader does
// (RFC 2616 §19.2, §4.4 rule 4): the body ends with the close delimiter
// "--" boundary "--" at the start of a line (the body's first byte, or
// after CRLF; after a bare LF too with Options.AllowBareLF, RFC 2046
// §5.1.1), and n is its length, the delimiter included. used adds the
// transport-padding and CRLF after the delimiter, which are not body but
// end it (the next message starts after them; b is taken to be all of
// the stream). Without a close delimiter in b, ok is false and n and used
// are len(b); so it is when boundary is not one of RFC 2046's (1 to 70
// bchars, the last not a space), which Message.Boundary always is.
func ByterangesLen(b, boundary []byte, opts *Options) (n, used int, ok bool) {
	if _, msg := checkBoundary(boundary); msg != "" || len(b) == 0 {
		return len(b), len(b), false
	}
	bareLF := opts != nil && opts.AllowBareLF
	delim := make([]byte, 0, len(boundary)+4)
	delim = append(append(append(delim, "--"...), boundary...), "--"...)
	br := bodyReader{delim: delim, bareLF: bareLF}
	n, ok = br.scanDelim(b)
	if !ok {
		return len(b), len(b), false
	}
	k, _ := delimEnd(b[n:], bareLF, true)
	return n, n + k, true
}

// maxPadding bounds the transport-padding skipped after a close delimiter:
// more is left to the next head, which refuses it.
const maxPadding = 256

// lineEnd returns the length of the line end at the start of b: 2 for
// CRLF, 1 for LF when bareLF allows it, else 0.
func lineEnd(b []byte, bareLF bool) int {
	switch {
	case len(b) >= 2 && b[0] == '\r' && b[1] == '\n':
		return 2
	case bareLF && len(b) >= 1 && b[0] == '\n':
		return 1
	}
	return 0
}

// OnlyEmptyLines reports whether b is one or more empty lines (CRLF, or
// LF alone with bareLF) and nothing else: what a Reader under
// Options.AllowLeadingEmptyLines ignores at the end of a stream of
// requests (RFC 2616 §4.1: "servers SHOULD ignore any empty line(s)
// received where a Request-Line is expected"), where ParseRequest, which
// cannot know that nothing follows, returns ErrIncomplete.
func OnlyEmptyLines(b []byte, bareLF bool) bool {
	n := 0
	for k := lineEnd(b, bareLF); k > 0; k = lineEnd(b[n:], bareLF) {
		n += k
	}
	return n > 0 && n == len(b)
}

// skipEmptyLines consumes the empty lines (CRLF, or LF with bareLF) at
// the start of the buffer and reports whether there were any.
func (r *Reader) skipEmptyLines(bareLF bool) bool {
	b := r.buf[r.r:r.w]
	n := 0
	for k := lineEnd(b, bareLF); k > 0; k = lineEnd(b[n:], bareLF) {
		n += k
	}
	if n > 0 {
		r.consume(n)
	}
	return n > 0
}

// fill reads more of the source into the buffer, compacting it first
// down to keep (the bytes before it are the head whose body is read),
// rounded up to a multiple of 64: copies to and from an aligned buffer
// are faster (BenchmarkReaderByteranges: 9% with a 137-byte head).
func (r *Reader) fill() {
	r.compact(min((r.keep+63)&^63, len(r.buf)))
	n, err := readSome(r.src, r.buf[r.w:])
	r.w += n
	if err != nil {
		r.srcErr = err
	}
}

// compact moves the unread bytes buf[r.r:r.w] down to buf[to:], or up
// when there are none.
func (r *Reader) compact(to int) {
	if d := r.r - to; d > 0 || d < 0 && r.r == r.w {
		copy(r.buf[to:], r.buf[r.r:r.w])
		r.r, r.w, r.scanned = to, r.w-d, r.scanned-d
	}
}

func (r *Reader) consume(n int) {
	b := r.buf[r.r : r.r+n]
	if c := bytes.Count(b, nlByte); c > 0 {
		r.nl += int64(c)
		r.lineStart = r.off + int64(bytes.LastIndexByte(b, '\n')) + 1
	}
	if len(b) > len(r.hist) {
		b = b[len(b)-len(r.hist):]
	}
	at := (r.off + int64(n) - int64(len(b))) % int64(len(r.hist))
	k := copy(r.hist[at:], b)
	copy(r.hist[:], b[k:])
	r.r += n
	r.off += int64(n)
}

var nlByte = []byte{'\n'}

// position returns the line and column of stream offset e, which must not
// be after the consumed offset r.off nor more than len(r.hist) before it.
func (r *Reader) position(e int64) (line, col int) {
	line = int(r.nl) + 1
	start := r.lineStart
	if e > r.off || r.off-e > int64(len(r.hist)) {
		return 0, 0
	}
	// Take back the LFs between e and the consumed offset.
	for x := r.off - 1; x >= e; x-- {
		if r.hist[x%int64(len(r.hist))] == '\n' {
			line--
			start = -1
		}
	}
	if start < 0 {
		// The line of e starts after the last LF before it, or at the
		// stream's start; if that is before the remembered bytes, the
		// column is unknown.
		x := e - 1
		for ; x >= 0 && r.off-x <= int64(len(r.hist)); x-- {
			if r.hist[x%int64(len(r.hist))] == '\n' {
				break
			}
		}
		if x >= 0 && r.off-x > int64(len(r.hist)) {
			return 0, 0
		}
		start = x + 1
	}
	return line, int(e-start) + 1
}

// place sets the line and column of a body error from its offset.
func (r *Reader) place(err error) {
	var e *Error
	if errors.As(err, &e) && e.Line == 0 {
		e.Line, e.Col = r.position(int64(e.Offset))
	}
}

// sourceReader reads the stream after the head: buffered bytes first. The
// chunked reader reads through it; what it reads ahead it gives back.
type sourceReader struct{ r *Reader }

func (s sourceReader) Read(p []byte) (int, error) {
	r := s.r
	if len(p) == 0 {
		return 0, nil // not a read of the source, which could block
	}
	if r.r == r.w {
		if r.srcErr != nil {
			return 0, r.srcErr
		}
		r.fill()
		if r.r == r.w {
			if r.srcErr != nil {
				return 0, r.srcErr
			}
			return 0, nil
		}
	}
	n := copy(p, r.buf[r.r:r.w])
	r.consume(n)
	return n, nil
}

// unread puts bytes read ahead by the chunked reader back in front.
func (r *Reader) unread(b []byte) {
	if len(b) == 0 {
		return
	}
	if c := bytes.Count(b, nlByte); c > 0 {
		r.nl -= int64(c)
		// The last LF before the unread bytes is in the history.
		r.lineStart = 0
		for x := r.off - int64(len(b)) - 1; x >= 0 && r.off-x <= int64(len(r.hist)); x-- {
			if r.hist[x%int64(len(r.hist))] == '\n' {
				r.lineStart = x + 1
				break
			}
		}
	}
	// The bytes are those the chunked reader consumed last, so they are
	// in the buffer just before r.r, after the head's (keep): in place.
	// Else (no such reader) they are put in front at keep.
	if r.r-len(b) >= r.keep {
		r.r -= len(b)
		copy(r.buf[r.r:], b)
	} else {
		rest := append(append([]byte(nil), b...), r.buf[r.r:r.w]...)
		r.r, r.w = r.keep, r.keep+copy(r.buf[r.keep:], rest)
	}
	r.off -= int64(len(b))
}

// bodyReader reads one message body as its framing says.
type bodyReader struct {
	rd      *Reader
	framing Framing
	left    int64
	delim   []byte // "--" boundary "--"
	chunked *ChunkedReader
	done    bool
	closed  bool
	// match counts the bytes of the close delimiter seen at the start
	// of a line at the end of the bytes read (byteranges); midLine
	// reports that the bytes read do not end a line (with CRLF, or LF
	// with bareLF: Options.AllowBareLF), and cr that the last was a CR.
	match   int
	midLine bool
	cr      bool
	bareLF  bool
	// start is the stream offset of the body; shifted reports that a
	// (sticky) chunked error was moved to stream offsets already.
	start   int64
	shifted bool
}

func (b *bodyReader) Read(p []byte) (int, error) {
	if b.done || b.rd == nil {
		return 0, io.EOF
	}
	src := sourceReader{b.rd}
	switch b.framing {
	case BodyNone:
		b.done = true
		return 0, io.EOF
	case BodyLength:
		if b.left == 0 {
			b.done = true
			return 0, io.EOF
		}
		if int64(len(p)) > b.left {
			p = p[:b.left]
		}
		n, err := src.Read(p)
		b.left -= int64(n)
		if err == io.EOF && b.left > 0 {
			e := &Error{Offset: int(b.rd.off), Rule: "message-body", Section: "4.4", Msg: "the stream ends before Content-Length bytes", Err: io.ErrUnexpectedEOF}
			b.rd.place(e)
			return n, e
		}
		return n, err
	case BodyChunked:
		n, err := b.chunked.Read(p)
		if err == io.EOF {
			b.done = true
			b.rd.unread(b.chunked.Rest())
			// Trailer's offsets count from the stream's start (once:
			// a later Read returns at b.done).
			for i := range b.chunked.trailers {
				b.chunked.trailers[i].Offset += int(b.start)
			}
		}
		if err != nil && err != io.EOF && !b.shifted {
			// Declared here: errors.As makes e escape, and a Read that
			// allocates would allocate per call.
			var e *Error
			if errors.As(err, &e) {
				// The chunked reader counts from the body's start.
				e.Offset += int(b.start)
				b.shifted = true
				b.rd.place(e)
			}
		}
		return n, err
	case BodyClose:
		n, err := src.Read(p)
		if err == io.EOF {
			b.done, b.closed = true, true
		}
		return n, err
	case BodyByteranges:
		return b.byteranges(p)
	}
	return 0, io.EOF
}

// byteranges reads a multipart/byteranges body up to and including its
// close delimiter "--boundary--" at the start of a line (RFC 2046
// §5.1.1; RFC 2616 §19.2, and §3.7.2: "the "end" of the message-body is
// indicated by the ending multipart boundary"). It copies a whole run of
// the buffer, as many bytes as p holds, at once: scanDelim finds where in
// it the delimiter ends, and keeps the length of one that the run's end
// cuts (match) for the next run. Every byte up to the delimiter's end is
// body (the delimiter too), so none is held back for the next read. The
// CRLF after the delimiter is optional (RFC 2046's close-delimiter
// transport-padding [CRLF epilogue]), so the body ends at the delimiter,
// without waiting for more, and the next head skips the CRLF if it is
// there.
func (b *bodyReader) byteranges(p []byte) (int, error) {
	r := b.rd
	if len(p) == 0 {
		return 0, nil // not a read of the source, which could block
	}
	for r.r == r.w {
		if r.srcErr != nil && r.srcErr != io.EOF {
			return 0, r.srcErr // as the other framings: not the end
		}
		if r.srcErr != nil {
			e := &Error{Offset: int(r.off), Rule: "multipart/byteranges", Section: "19.2", Msg: "the stream ends before the close delimiter", Err: io.ErrUnexpectedEOF}
			r.place(e)
			return 0, e
		}
		r.fill()
	}
	run := r.buf[r.r:r.w]
	if len(run) > len(p) {
		run = run[:len(p)]
	}
	n, end := b.scanDelim(run)
	copy(p, run[:n])
	r.consume(n)
	if end {
		b.done, r.afterDelim = true, true
	}
	return n, nil
}

// scanDelim scans run, the bytes of the body after those scanned before,
// for the close delimiter b.delim. It returns the length of run up to the
// delimiter's end and true, or len(run) and false. An attempt to match
// the delimiter starts at a "-" that starts a line (after CRLF, or a bare
// LF with Options.AllowBareLF, or the body's first byte: RFC 2046 §5.1.1,
// "delimiter := CRLF dash-boundary", and the body may start with
// dash-boundary), goes on while the bytes match, and at the first byte
// that does not, ends; the search for the next attempt goes on from that
// byte. b.match counts the bytes of an attempt that the end of run cuts,
// b.midLine reports that run does not end a line, and b.cr that its last
// byte is a CR. (The delimiter holds no CR nor LF: RFC 2046's bchars.)
//
// It finds the same end as matching one byte at a time (the Reader did
// that before): a candidate start is found with bytes.Index, and only
// attempts compare byte by byte.
func (b *bodyReader) scanDelim(run []byte) (int, bool) {
	delim := b.delim
	i := 0   // where to look for the next attempt's LF
	at := -1 // where the attempt at hand starts (in run)
	if b.match > 0 || !b.midLine && run[0] == '-' {
		at = 0 // one that goes on from the last run, or at run's start
	}
	for {
		if at < 0 {
			k := bytes.Index(run[i:], lfDash)
			if k < 0 {
				break
			}
			if lf := i + k; !b.bareLF && !(lf > 0 && run[lf-1] == '\r' || lf == 0 && b.cr) {
				i = lf + 1 // a bare LF starts no line
				continue
			}
			at = i + k + 1
		}
		m := b.match
		n := 0
		for at+n < len(run) && m+n < len(delim) && run[at+n] == delim[m+n] {
			n++
		}
		if m+n == len(delim) {
			b.match = 0
			return at + n, true
		}
		if at+n == len(run) {
			// n > 0 or m > 0, and the delimiter holds no CR nor LF.
			b.match = m + n
			b.midLine, b.cr = true, false
			return len(run), false
		}
		// run[at+n] does not match: the attempt ends there, and an LF
		// there may start the next line.
		b.match = 0
		i, at = at+n, -1
	}
	b.match = 0
	b.endRun(run)
	return len(run), false
}

// endRun sets b.midLine and b.cr after run, scanned to its end.
func (b *bodyReader) endRun(run []byte) {
	last := run[len(run)-1]
	crlf := len(run) > 1 && run[len(run)-2] == '\r' || len(run) == 1 && b.cr
	b.midLine = !(last == '\n' && (b.bareLF || crlf))
	b.cr = last == '\r'
}

var lfDash = []byte("\n-")
