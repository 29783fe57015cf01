package parser

import (
	"bytes"
	"errors"
	"io"
	"strconv"
)

// The chunked transfer-coding, RFC 2616 §3.6.1:
//
//	Chunked-Body   = *chunk
//	                 last-chunk
//	                 trailer-part      ; RFC 2616 "trailer"
//	                 CRLF
//	chunk          = chunk-size [ chunk-extension ] CRLF
//	                 chunk-data CRLF
//	chunk-size     = 1*HEX
//	last-chunk     = 1*("0") [ chunk-extension ] CRLF
//	chunk-extension= *( ";" chunk-ext-name [ "=" chunk-ext-val ] )
//	chunk-ext-name = token
//	chunk-ext-val  = token | quoted-string
//	chunk-data     = chunk-size(OCTET)
//	trailer-part   = *(entity-header CRLF)
//
// The quoted-string of a chunk-ext-val has no CR or LF here (RFC 7230
// §4.1.1; grammar/rfc2616/NOTES.md): RFC 2616's admits a fold and "" CR,
// which would carry a chunk line past its CRLF.

// ChunkedOptions are the limits and leniencies of a ChunkedReader, the
// decoder of the chunked transfer-coding (RFC 2616 §3.6.1). The zero value
// is strict, with the default limits.
type ChunkedOptions struct {
	// AllowBareLF accepts a lone LF wherever the grammar has CRLF (after the
	// chunk-size line, after chunk-data, in the trailer). RFC 2616 §19.3
	// suggests tolerance ("recognize a single LF as a line terminator and
	// ignore the leading CR"), but for a server or a proxy it is a request
	// smuggling risk: when two parsers on the path disagree on where a
	// chunk line or the body ends, one of them sees a request the other
	// thought was body data. Leave it off unless every parser in front of
	// and behind this one treats bare LF the same way.
	AllowBareLF bool
	// RejectFolding rejects trailer fields folded over several lines, as
	// Options.RejectFolding does header fields (RFC 7230 §3.2.4); a
	// Reader passes it on.
	RejectFolding bool
	// AllowSpaceBeforeColon accepts white space between a trailer
	// field's name and its colon, as Options.AllowSpaceBeforeColon does
	// in a head (RFC 7230 §3.2.4 refuses it), and drops it from the name;
	// a Reader passes it on.
	AllowSpaceBeforeColon bool
	// MaxSizeDigits limits the number of HEX digits in a chunk-size, leading
	// zeros included. 0 means 16, the most an int64 can need; more than 16
	// is allowed, but a value that does not fit in an int64 is always an
	// error. A Reader takes it from Options.MaxChunkSizeDigits.
	MaxSizeDigits int
	// MaxLineBytes limits the chunk-size line (chunk-size, extensions and
	// CRLF). 0 means 4096. A Reader takes it from Options.MaxChunkLineBytes.
	MaxLineBytes int
	// MaxTrailerBytes limits the trailer-part and the final CRLF, in bytes
	// as received. 0 means 8192. The trailer fields are kept in one buffer
	// of this size, allocated when the first trailer field arrives. A
	// Reader takes it from Options.MaxTrailerBytes.
	MaxTrailerBytes int
	// MaxTrailerFields limits the number of trailer fields, as
	// Options.MaxHeaders does a head's (§3.6.1: the trailer holds
	// entity-header fields). 0 means 100. A Reader takes it from
	// Options.MaxHeaders.
	MaxTrailerFields int
	// BufferSize is the size of the read buffer. 0 means 4096. Chunk data
	// goes straight into the caller's slice when the buffer is empty.
	BufferSize int
}

// The default limits of ChunkedOptions, and of the chunk limits of Options.
const (
	defaultChunkSizeDigits  = 16
	defaultChunkLineBytes   = 4096
	defaultChunkTrailer     = 8192
	defaultTrailerFields    = 100
	defaultChunkBufferBytes = 4096
)

// ChunkedOptions returns the ChunkedOptions a Reader under o decodes a
// chunked body with (RFC 2616 §3.6.1): o's AllowBareLF, RejectFolding and
// AllowSpaceBeforeColon,
// and its MaxChunkSizeDigits, MaxChunkLineBytes, MaxTrailerBytes and
// MaxHeaders as MaxSizeDigits, MaxLineBytes, MaxTrailerBytes and
// MaxTrailerFields (0, the default, stays 0). o may be nil, for the zero
// ChunkedOptions.
func (o *Options) ChunkedOptions() ChunkedOptions {
	if o == nil {
		return ChunkedOptions{}
	}
	return ChunkedOptions{
		AllowBareLF:           o.AllowBareLF,
		RejectFolding:         o.RejectFolding,
		AllowSpaceBeforeColon: o.AllowSpaceBeforeColon,
		MaxSizeDigits:         o.MaxChunkSizeDigits,
		MaxLineBytes:          o.MaxChunkLineBytes,
		MaxTrailerBytes:       o.MaxTrailerBytes,
		MaxTrailerFields:      o.MaxHeaders,
	}
}

// chunkedLimits names the limits of a ChunkedReader in its errors: as
// ChunkedOptions fields, or, in a Reader, as the Options fields they come
// from.
type chunkedLimits struct{ digits, line, trailer, fields string }

var (
	chunkedOptionNames = chunkedLimits{"ChunkedOptions.MaxSizeDigits", "ChunkedOptions.MaxLineBytes", "ChunkedOptions.MaxTrailerBytes", "ChunkedOptions.MaxTrailerFields"}
	readerOptionNames  = chunkedLimits{"Options.MaxChunkSizeDigits", "Options.MaxChunkLineBytes", "Options.MaxTrailerBytes", "Options.MaxHeaders"}
)

// TrailerField is one field of the trailer-part of a Chunked-Body (RFC 2616
// §3.6.1, §14.40), as received: Name as written (compare it with
// case-insensitive functions, §4.2), Value without leading and trailing
// LWS, with each line folding (CRLF followed by SP or HT, §2.2) removed and
// the white space of the continuation line kept.
type TrailerField struct {
	Name, Value []byte
	// Offset is where the field's line starts: counted from the first
	// byte a ChunkedReader read, as its errors are, and from the start of
	// the stream in a Reader's Trailer (as Header.Offset is where a
	// head's field starts).
	Offset int
}

// A ChunkedReader decodes a Chunked-Body (RFC 2616 §3.6.1) as it streams:
// Read returns the chunk-data and io.EOF after the last-chunk, the
// trailer-part and the final CRLF.
//
// Memory is bounded: one read buffer of fixed size and, when there are
// trailer fields, one trailer buffer of MaxTrailerBytes and a table of at
// most MaxTrailerFields fields (ChunkedOptions); chunk-data is never
// buffered beyond the read buffer, whatever the chunk-size.
//
// Syntax is checked strictly against the grammar: the chunk-size is HEX
// digits (no white space, no sign, no "0x"; at most MaxSizeDigits of them,
// and its value must fit in an int64, so it never overflows); each
// chunk-extension is matched by the generated Chunked-Body machine
// (extensions are checked but otherwise ignored, as §3.6.1 allows: "MUST
// ignore chunk-extension extensions they do not understand"); exactly
// chunk-size octets of chunk-data must be followed by CRLF; each trailer
// field is matched by the generated message-header machine, and must have
// no white space between its field-name and ":" (RFC 7230 §3.2.4 made that
// an error, to prevent request smuggling; RFC 2616's grammar admits it).
// CRLF means CR LF: a bare LF is an error unless AllowBareLF is set.
//
// Errors in the body are *Error with Section "3.6.1", the Rule broken
// ("chunk-size", "chunk-extension", "chunk-data", "message-header",
// "Chunked-Body", ...) and the Offset of the offending byte in the chunked
// stream, counted from the first byte read from the underlying reader; the
// message says it too. Line and Col are 0 here: counting the lines of the
// chunk-data (which is binary, and a line number in it means little) would
// double the cost of reading a body with large chunks; a Reader, which
// knows the whole stream, fills them in, and its errors in a chunked body
// count Offset from the start of the stream, not of the body. Errors are
// sticky: every later Read returns the same error. A stream that ends
// before the Chunked-Body does gives an *Error wrapping
// io.ErrUnexpectedEOF; a limit exceeded gives one wrapping ErrLimit, at
// the first byte past the limit, whose message names the limit's field.
// Other errors of the underlying reader are returned as they are, and a
// later Read tries again. An error the underlying reader returns together
// with data is returned once that data has been decoded, without reading
// it again (it need not repeat the error, io.EOF either).
//
// A ChunkedReader reads ahead into its buffer, so bytes after the
// Chunked-Body may have been read from the underlying reader by the time
// Read returns io.EOF: Rest returns them.
type ChunkedReader struct {
	r    io.Reader
	opts ChunkedOptions
	// names names the limits in errors.
	names *chunkedLimits
	buf   []byte
	rpos  int // buf[rpos:wpos] is read but not consumed
	wpos  int

	state chunkedState
	err   error // sticky
	// pending is an error the source returned with data, returned
	// once that data has been used, without reading the source again.
	pending error

	// Position of buf[rpos] in the stream.
	off int64

	// The chunk being read.
	lineLen   int   // bytes of the current chunk-size line so far
	digits    int   // HEX digits of chunk-size so far
	size      int64 // chunk-size
	remaining int64 // chunk-data still to read
	// short makes fill read only a chunk-size line's worth after a chunk
	// larger than buf, whose data Read copies straight into the caller's
	// slice: a full buffer would copy the next chunk's data twice.
	short      bool
	shortRead  int   // what fill reads when short: see lineEnd
	extStart   int64 // stream offset of the chunk-extension
	hasExt     bool
	extMachine ChunkedBodyMachine

	// The trailer-part.
	trailerBytes int // received so far
	tbuf         []byte
	fieldStart   int // of the current field in tbuf, or -1
	colon        int // offset of ":" in tbuf, or -1
	fieldOff     int64
	fieldEnd     int64 // where the field's last line ended (its CR or LF)
	hdrMachine   MessageHeaderMachine
	trailers     []TrailerField
}

type chunkedState uint8

const (
	chunkStSizeFirst    chunkedState = iota // at the first HEX digit of chunk-size
	chunkStSize                             // in chunk-size
	chunkStExt                              // in chunk-extension
	chunkStLineLF                           // after the CR of the chunk-size line
	chunkStData                             // in chunk-data
	chunkStDataCR                           // at the CR after chunk-data
	chunkStDataLF                           // at the LF after chunk-data
	chunkStTrailerStart                     // at the start of a trailer line
	chunkStTrailerLine                      // in a trailer line
	chunkStTrailerLF                        // after the CR of a trailer line
	chunkStEndLF                            // after the CR of the final CRLF
	chunkStDone
)

var chunkedStateNames = [...]string{
	chunkStSizeFirst:    "chunk-size",
	chunkStSize:         "chunk-size",
	chunkStExt:          "chunk-extension",
	chunkStLineLF:       "chunk",
	chunkStData:         "chunk-data",
	chunkStDataCR:       "chunk",
	chunkStDataLF:       "chunk",
	chunkStTrailerStart: "trailer-part",
	chunkStTrailerLine:  "message-header",
	chunkStTrailerLF:    "trailer-part",
	chunkStEndLF:        "Chunked-Body",
}

// NewChunkedReader returns a ChunkedReader that decodes the Chunked-Body
// read from r (RFC 2616 §3.6.1). opts may be nil for the strict defaults.
func NewChunkedReader(r io.Reader, opts *ChunkedOptions) *ChunkedReader {
	c := &ChunkedReader{names: &chunkedOptionNames}
	if opts != nil {
		c.opts = *opts
	}
	o := &c.opts
	if o.MaxSizeDigits <= 0 {
		o.MaxSizeDigits = defaultChunkSizeDigits
	}
	if o.MaxLineBytes <= 0 {
		o.MaxLineBytes = defaultChunkLineBytes
	}
	if o.MaxTrailerBytes <= 0 {
		o.MaxTrailerBytes = defaultChunkTrailer
	}
	if o.MaxTrailerFields <= 0 {
		o.MaxTrailerFields = defaultTrailerFields
	}
	if o.BufferSize <= 0 {
		o.BufferSize = defaultChunkBufferBytes
	}
	c.buf = make([]byte, o.BufferSize)
	c.Reset(r)
	return c
}

// Reset makes c read a new Chunked-Body from r, keeping its options and
// buffers (so a reused ChunkedReader does not allocate). Bytes buffered
// from the previous reader are dropped; Trailer's result becomes invalid.
func (c *ChunkedReader) Reset(r io.Reader) {
	c.r = r
	c.rpos, c.wpos = 0, 0
	c.state, c.err, c.pending = chunkStSizeFirst, nil, nil
	c.off = 0
	c.lineLen, c.digits, c.size, c.remaining = 0, 0, 0, 0
	c.short = false
	c.hasExt = false
	c.trailerBytes, c.fieldStart, c.colon = 0, -1, -1
	c.tbuf = c.tbuf[:0]
	c.trailers = c.trailers[:0]
}

// Trailer returns the trailer fields (RFC 2616 §3.6.1 trailer-part) once
// Read has returned io.EOF, or nil. The slices point into c's buffer and
// stay valid until Reset.
func (c *ChunkedReader) Trailer() []TrailerField {
	if c.state != chunkStDone || len(c.trailers) == 0 {
		return nil
	}
	return c.trailers
}

// TrailerValue returns the value of the first trailer field called name
// (case-insensitively, §4.2) once Read has returned io.EOF, or nil, as
// Message.Header does for a head's fields.
func (c *ChunkedReader) TrailerValue(name string) []byte { return trailerValue(c.Trailer(), name) }

// trailerValue returns the value of the first of fs called name
// (case-insensitively), or nil.
func trailerValue(fs []TrailerField, name string) []byte {
	for _, f := range fs {
		if equalFold(f.Name, name) {
			return f.Value
		}
	}
	return nil
}

// Rest returns the bytes read from the underlying reader after the end of
// the Chunked-Body (valid once Read has returned io.EOF, until the next
// Read or Reset).
func (c *ChunkedReader) Rest() []byte {
	if c.state != chunkStDone {
		return nil
	}
	return c.buf[c.rpos:c.wpos]
}

// Read reads chunk-data into p. It returns io.EOF once the whole
// Chunked-Body has been read.
func (c *ChunkedReader) Read(p []byte) (n int, err error) {
	if c.err != nil {
		return 0, c.err
	}
	if len(p) == 0 {
		return 0, nil
	}
	for {
		if c.state == chunkStDone {
			if n > 0 {
				return n, nil
			}
			return 0, io.EOF
		}
		if c.state == chunkStData {
			if n == len(p) {
				return n, nil
			}
			if c.rpos < c.wpos {
				k := int(min(int64(c.wpos-c.rpos), int64(len(p)-n), c.remaining))
				copy(p[n:n+k], c.buf[c.rpos:c.rpos+k])
				c.rpos += k
				c.consume(p[n : n+k])
				n += k
				if c.remaining -= int64(k); c.remaining == 0 {
					c.state = chunkStDataCR
				}
				continue
			}
			if n > 0 {
				return n, nil // do not block with data in hand
			}
			// Nothing buffered: read straight into p.
			m, rerr := c.read(p[:min(int64(len(p)), c.remaining)])
			c.consume(p[:m])
			n = m
			if c.remaining -= int64(m); c.remaining == 0 {
				c.state = chunkStDataCR
			}
			if rerr != nil {
				if n > 0 && rerr == io.EOF {
					c.pending = rerr // the truncation is reported by the next Read
					return n, nil
				}
				return n, c.readError(rerr)
			}
			continue
		}
		if c.rpos == c.wpos {
			if n > 0 {
				return n, nil
			}
			if err := c.fill(); err != nil {
				return 0, err
			}
		}
		if err := c.frame(); err != nil {
			c.err = err
			return n, err
		}
	}
}

// consume advances the stream position over b (just consumed, from buf or
// read straight into the caller's slice).
func (c *ChunkedReader) consume(b []byte) {
	c.off += int64(len(b))
}

// fill reads more bytes into the (empty) buffer.
func (c *ChunkedReader) fill() error {
	c.rpos, c.wpos = 0, 0
	buf := c.buf
	if c.short && len(buf) > c.shortRead {
		buf = buf[:c.shortRead]
	}
	m, err := c.read(buf)
	c.wpos = m
	if m > 0 {
		c.pending = err // after the data
		return nil
	}
	return c.readError(err)
}

// read reads the source into p: the pending error first, if any, else
// as readSome.
func (c *ChunkedReader) read(p []byte) (int, error) {
	if err := c.pending; err != nil {
		c.pending = nil
		return 0, err
	}
	return readSome(c.r, p)
}

// readSome reads r into p, again after a read of 0, nil, and gives
// io.ErrNoProgress after maxEmptyReads such reads in a row (as
// bufio.Reader does), where a caller would otherwise spin.
func readSome(r io.Reader, p []byte) (int, error) {
	for range maxEmptyReads {
		if n, err := r.Read(p); n > 0 || err != nil {
			return n, err
		}
	}
	return 0, io.ErrNoProgress
}

// chunkedShortRead is what fill reads after a large chunk: the CRLF
// ending its data and a chunk-size line of usual length.
const chunkedShortRead = 32

// readError turns an error of the underlying reader into Read's error.
func (c *ChunkedReader) readError(err error) error {
	if err != io.EOF {
		return err
	}
	what := chunkedStateNames[c.state]
	c.err = c.errorAt(c.off, "Chunked-Body", "unexpected end of input in "+what, io.ErrUnexpectedEOF)
	return c.err
}

// errorAt returns an *Error at stream offset off.
func (c *ChunkedReader) errorAt(off int64, rule, msg string, wrapped error) *Error {
	return &Error{Offset: int(off), Rule: rule, Section: "3.6.1", Msg: msg, Err: wrapped}
}

// step consumes k bytes of framing from buf.
func (c *ChunkedReader) step(k int) {
	b := c.buf[c.rpos : c.rpos+k]
	c.rpos += k
	c.consume(b)
}

// frame consumes framing bytes from buf (which is not empty) until the
// next chunk-data, the end of the body, or the end of buf.
func (c *ChunkedReader) frame() error {
	for c.rpos < c.wpos {
		b := c.buf[c.rpos:c.wpos]
		ch := b[0]
		switch c.state {
		case chunkStSizeFirst, chunkStSize:
			if v := chunkedUnhex(ch); v >= 0 {
				if c.digits == c.opts.MaxSizeDigits {
					return c.errorAt(c.off, "chunk-size", "chunk-size has more than "+strconv.Itoa(c.opts.MaxSizeDigits)+" HEX digits ("+c.names.digits+")", ErrLimit)
				}
				if c.size > (1<<63-1)>>4 {
					return c.errorAt(c.off, "chunk-size", "chunk-size does not fit in 63 bits", nil)
				}
				c.size = c.size<<4 | int64(v)
				c.digits++
				c.state = chunkStSize
				if err := c.lineByte(1); err != nil {
					return err
				}
				c.step(1)
				continue
			}
			if c.state == chunkStSizeFirst {
				return c.errorAt(c.off, "chunk-size", "found "+abnfbyte(ch)+", expected a HEX digit", nil)
			}
			switch ch {
			case ';':
				c.hasExt, c.extStart = true, c.off
				c.extMachine.Reset()
				c.extMachine.Write(chunkedZero) // a last-chunk, for the grammar
				c.state = chunkStExt
				continue
			case '\r':
				if err := c.lineByte(1); err != nil {
					return err
				}
				c.step(1)
				c.state = chunkStLineLF
				continue
			case '\n':
				if err := c.lineEnd(); err != nil {
					return err
				}
				continue
			}
			return c.errorAt(c.off, "chunk", "found "+abnfbyte(ch)+` after chunk-size, expected ";" or CRLF`, nil)
		case chunkStExt:
			k := bytes.IndexAny(b, "\r\n")
			if k < 0 {
				k = len(b)
			}
			if k > 0 {
				// The grammar first, then the limit (in stream order).
				if err := c.feedExt(b[:min(k, c.opts.MaxLineBytes-c.lineLen)]); err != nil {
					return err
				}
				if err := c.lineByte(k); err != nil {
					return err
				}
				c.step(k)
				continue
			}
			if ch == '\r' {
				if err := c.lineByte(1); err != nil {
					return err
				}
				c.step(1)
				c.state = chunkStLineLF
				continue
			}
			if err := c.lineEnd(); err != nil { // bare LF
				return err
			}
		case chunkStLineLF:
			if ch != '\n' {
				return c.errorAt(c.off, "chunk", "found "+abnfbyte(ch)+" after CR, expected LF", nil)
			}
			if err := c.lineEnd(); err != nil {
				return err
			}
		case chunkStData:
			return nil
		case chunkStDataCR:
			switch {
			case ch == '\r':
				c.step(1)
				c.state = chunkStDataLF
			case ch == '\n' && c.opts.AllowBareLF:
				c.step(1)
				c.startChunk()
			default:
				return c.errorAt(c.off, "chunk-data", "found "+abnfbyte(ch)+" after "+strconv.FormatInt(c.size, 10)+" octets of chunk-data, expected CRLF", nil)
			}
		case chunkStDataLF:
			if ch != '\n' {
				return c.errorAt(c.off, "chunk", "found "+abnfbyte(ch)+" after CR, expected LF", nil)
			}
			c.step(1)
			c.startChunk()
		case chunkStTrailerStart:
			switch ch {
			case ' ', '\t':
				if c.fieldStart < 0 {
					return c.errorAt(c.off, "message-header", "trailer line starts with white space", nil)
				}
				if c.opts.RejectFolding {
					return c.errorAt(c.off, "message-header", "folded trailer field (ChunkedOptions.RejectFolding; RFC 7230 §3.2.4)", nil)
				}
				// Line folding (§2.2 LWS): the field goes on.
				if err := c.feedField(chunkedCRLF, c.off-2); err != nil {
					return err
				}
				c.state = chunkStTrailerLine
				continue
			case '\r', '\n':
				if err := c.endField(); err != nil {
					return err
				}
				if err := c.trailerByte(1); err != nil {
					return err
				}
				if ch == '\n' {
					if !c.opts.AllowBareLF {
						return c.errorAt(c.off, "Chunked-Body", "bare LF, expected CRLF (ChunkedOptions.AllowBareLF)", nil)
					}
					c.step(1)
					c.state = chunkStDone
					return nil
				}
				c.step(1)
				c.state = chunkStEndLF
				continue
			}
			if err := c.endField(); err != nil {
				return err
			}
			if c.tbuf == nil {
				c.tbuf = make([]byte, 0, c.opts.MaxTrailerBytes)
			}
			if len(c.trailers) == c.opts.MaxTrailerFields {
				return c.errorAt(c.off, "trailer-part", "more than "+strconv.Itoa(c.opts.MaxTrailerFields)+" trailer fields ("+c.names.fields+")", ErrLimit)
			}
			c.fieldStart, c.colon, c.fieldOff = len(c.tbuf), -1, c.off
			c.hdrMachine.Reset()
			c.state = chunkStTrailerLine
		case chunkStTrailerLine:
			k := bytes.IndexAny(b, "\r\n")
			if k < 0 {
				k = len(b)
			}
			if k > 0 {
				// Check the bytes in stream order, so that the error does
				// not depend on how the input was split: the grammar, then
				// white space before ":", then the limit.
				lim := min(k, c.opts.MaxTrailerBytes-c.trailerBytes)
				ws := -1
				if c.colon < 0 {
					// Strict: no white space between field-name and ":"
					// (unless AllowSpaceBeforeColon).
					for i, x := range b[:lim] {
						if x == ':' {
							c.colon = len(c.tbuf) + i
							break
						}
						if (x == ' ' || x == '\t') && !c.opts.AllowSpaceBeforeColon {
							ws = i
							break
						}
					}
				}
				end := lim
				if ws >= 0 {
					end = ws
				}
				if err := c.feedField(b[:end], c.off); err != nil {
					return err
				}
				if ws >= 0 {
					return c.errorAt(c.off+int64(ws), "message-header", `white space before ":" in a trailer field (RFC 7230 §3.2.4; AllowSpaceBeforeColon)`, nil)
				}
				if err := c.trailerByte(k); err != nil {
					return err
				}
				c.tbuf = append(c.tbuf, b[:k]...)
				c.step(k)
				continue
			}
			if err := c.trailerByte(1); err != nil {
				return err
			}
			c.fieldEnd = c.off
			if ch == '\n' {
				if !c.opts.AllowBareLF {
					return c.errorAt(c.off, "trailer-part", "bare LF, expected CRLF (ChunkedOptions.AllowBareLF)", nil)
				}
				c.step(1)
				c.state = chunkStTrailerStart
				continue
			}
			c.step(1)
			c.state = chunkStTrailerLF
		case chunkStTrailerLF:
			if ch != '\n' {
				return c.errorAt(c.off, "trailer-part", "found "+abnfbyte(ch)+" after CR, expected LF", nil)
			}
			if err := c.trailerByte(1); err != nil {
				return err
			}
			c.step(1)
			c.state = chunkStTrailerStart
		case chunkStEndLF:
			if ch != '\n' {
				return c.errorAt(c.off, "Chunked-Body", "found "+abnfbyte(ch)+" after CR, expected LF", nil)
			}
			if err := c.trailerByte(1); err != nil {
				return err
			}
			c.step(1)
			c.state = chunkStDone
			return nil
		case chunkStDone:
			return nil
		}
	}
	return nil
}

var (
	chunkedCRLF = []byte("\r\n")
	chunkedZero = []byte("0")
	chunkedEnd  = []byte("\r\n\r\n")
)

// maxEmptyReads is how many reads returning 0, nil in a row make
// ChunkedReader and Reader fail with io.ErrNoProgress.
const maxEmptyReads = 100

// lineByte counts k more bytes of the chunk-size line against its limit.
func (c *ChunkedReader) lineByte(k int) error {
	if c.lineLen+k > c.opts.MaxLineBytes {
		return c.errorAt(c.off+int64(c.opts.MaxLineBytes-c.lineLen), "chunk", "chunk-size line longer than "+strconv.Itoa(c.opts.MaxLineBytes)+" bytes ("+c.names.line+")", ErrLimit)
	}
	c.lineLen += k
	return nil
}

// trailerByte counts k more bytes of the trailer against its limit.
func (c *ChunkedReader) trailerByte(k int) error {
	if c.trailerBytes+k > c.opts.MaxTrailerBytes {
		return c.errorAt(c.off+int64(c.opts.MaxTrailerBytes-c.trailerBytes), "trailer-part", "trailer longer than "+strconv.Itoa(c.opts.MaxTrailerBytes)+" bytes ("+c.names.trailer+")", ErrLimit)
	}
	c.trailerBytes += k
	return nil
}

// lineEnd consumes the LF at buf[rpos] that ends the chunk-size line (after
// CR, or bare), checks the extension and starts the chunk-data or the
// trailer.
func (c *ChunkedReader) lineEnd() error {
	bare := c.state != chunkStLineLF
	if bare && !c.opts.AllowBareLF {
		return c.errorAt(c.off, "chunk", "bare LF, expected CRLF (ChunkedOptions.AllowBareLF)", nil)
	}
	if err := c.lineByte(1); err != nil {
		return err
	}
	if c.hasExt {
		// End the extension as a last-chunk and a Chunked-Body would.
		end := c.off
		if !bare {
			end-- // the CR
		}
		if _, err := c.extMachine.Write(chunkedEnd); err != nil {
			return c.extError(err, end, true)
		}
		if err := c.extMachine.Close(); err != nil {
			return c.extError(err, end, true)
		}
	}
	c.step(1)
	if c.size == 0 {
		c.state = chunkStTrailerStart
		return nil
	}
	c.remaining = c.size
	c.short = c.size >= int64(len(c.buf))
	// After the data, a short fill reads the CRLF that ends it and a
	// chunk-size line as long as this one (chunked bodies tend to repeat
	// their line's shape), and no more: bytes of the next chunk's data
	// read with the line would be copied twice and handed out by a Read
	// of their own. A longer line takes another fill.
	c.shortRead = min(chunkedShortRead, 2+c.lineLen)
	c.state = chunkStData
	return nil
}

// feedExt matches more bytes of the chunk-extension, b, which start at
// stream offset c.off.
func (c *ChunkedReader) feedExt(b []byte) error {
	before := c.extMachine.Offset()
	if _, err := c.extMachine.Write(b); err != nil {
		at := c.off
		var se *SyntaxError
		if errors.As(err, &se) {
			at += int64(se.Offset - before)
		}
		return c.extError(err, at, false)
	}
	return nil
}

// extError reports err of the extension machine at stream offset at; atEnd
// says it came at the end of the line.
func (c *ChunkedReader) extError(err error, at int64, atEnd bool) error {
	var se *SyntaxError
	if !errors.As(err, &se) {
		return c.errorAt(at, "chunk-extension", err.Error(), err)
	}
	found := "end of line"
	if !atEnd && se.Found >= 0 {
		found = abnfbyte(byte(se.Found))
	}
	return c.errorAt(at, "chunk-extension", "found "+found+", expected "+se.Expected+" (in "+se.Where+")", err)
}

// feedField matches more bytes b of the current trailer field, which start
// at stream offset at.
func (c *ChunkedReader) feedField(b []byte, at int64) error {
	before := c.hdrMachine.Offset()
	if _, err := c.hdrMachine.Write(b); err != nil {
		return c.fieldError(err, at, before)
	}
	return nil
}

func (c *ChunkedReader) fieldError(err error, at int64, before int) error {
	var se *SyntaxError
	if errors.As(err, &se) {
		at += int64(se.Offset - before)
		found := "end of field"
		if se.Found >= 0 {
			found = abnfbyte(byte(se.Found))
		}
		return c.errorAt(at, "message-header", "found "+found+" in trailer field, expected "+se.Expected+" (in "+se.Where+")", err)
	}
	return c.errorAt(at, "message-header", err.Error(), err)
}

// endField ends the current trailer field, if any.
func (c *ChunkedReader) endField() error {
	if c.fieldStart < 0 {
		return nil
	}
	if err := c.hdrMachine.Close(); err != nil {
		// Report it at the end of the field's last line.
		return c.fieldError(err, c.fieldEnd, c.hdrMachine.Offset())
	}
	f := c.tbuf[c.fieldStart:]
	if c.colon < 0 { // the machine has rejected this already
		return c.errorAt(c.fieldOff, "message-header", `trailer field without ":"`, nil)
	}
	name := bytes.TrimRight(f[:c.colon-c.fieldStart], " \t\r\n") // AllowSpaceBeforeColon's LWS
	value := bytes.Trim(f[c.colon-c.fieldStart+1:], " \t")
	c.trailers = append(c.trailers, TrailerField{Name: name[:len(name):len(name)], Value: value[:len(value):len(value)], Offset: int(c.fieldOff)})
	c.fieldStart = -1
	return nil
}

// startChunk starts the next chunk-size line.
func (c *ChunkedReader) startChunk() {
	c.state = chunkStSizeFirst
	c.lineLen, c.digits, c.size = 0, 0, 0
	c.hasExt = false
}

func chunkedUnhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c - 'a' + 10)
	case 'A' <= c && c <= 'F':
		return int(c - 'A' + 10)
	}
	return -1
}
