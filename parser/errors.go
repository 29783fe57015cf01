package parser

import (
	"errors"
	"fmt"
)

// Error is a violation of RFC 2616 found in input: where it is, which rule
// of the grammar or which message rule it breaks, and the RFC section.
type Error struct {
	// Offset is the byte offset in the input (the message stream, the
	// header value, or the date string, as the function says), or -1
	// where the error is about values passed in, not about bytes of input
	// (ResolveRanges): then the error has no position.
	Offset int
	// Line and Col are 1-based, Col in bytes; lines end at LF.
	Line, Col int
	// Rule names the grammar rule (such as "Request-Line") or the message
	// rule (such as "message-length") that failed.
	Rule string
	// Section is the RFC 2616 section, such as "14.23".
	Section string
	// Msg says what is wrong.
	Msg string
	// Err is the underlying error, if any (a *SyntaxError from a generated
	// parser, or an I/O error).
	Err error
}

// Error formats e as "line:col: [rule] message (RFC 2616 §section)", with
// "offset N: " in place of line:col where the line is not known, and
// nothing there where the offset is -1 (no position).
func (e *Error) Error() string {
	// Line and column where known; else the offset (as in a body read
	// by a ChunkedReader alone).
	pos := ""
	switch {
	case e.Line > 0:
		pos = fmt.Sprintf("%d:%d: ", e.Line, e.Col)
	case e.Offset >= 0:
		pos = fmt.Sprintf("offset %d: ", e.Offset)
	}
	sec := ""
	if e.Section != "" {
		sec = " (RFC 2616 §" + e.Section + ")"
	}
	return fmt.Sprintf("%s[%s] %s%s", pos, e.Rule, e.Msg, sec)
}

// Unwrap returns e.Err, so that errors.Is sees ErrLimit and I/O errors.
func (e *Error) Unwrap() error { return e.Err }

// ErrLimit is wrapped by errors that report a configured limit exceeded.
var ErrLimit = errors.New("limit exceeded")

// lineCol returns the 1-based line and column of offset off in b.
func lineCol(b []byte, off int) (line, col int) {
	line, start := 1, 0
	for i := 0; i < off && i < len(b); i++ {
		if b[i] == '\n' {
			line++
			start = i + 1
		}
	}
	return line, off - start + 1
}

// syntaxError converts the error of a generated parser for rule, which
// RFC 2616 defines in section, into an *Error at base+its offset.
func syntaxError(err error, rule, section string, base int) *Error {
	e := &Error{Rule: rule, Section: section, Err: err, Offset: base}
	var se *SyntaxError
	if errors.As(err, &se) {
		e.Offset += se.Offset
		e.Line, e.Col = se.Line, se.Col
		found := "end of input"
		if se.Found >= 0 {
			found = abnfbyte(byte(se.Found))
		}
		e.Msg = fmt.Sprintf("found %s, expected %s (in %s)", found, se.Expected, se.Where)
		if se.TooDeep {
			e.Msg = se.Where + " nests too deep"
		}
		return e
	}
	e.Msg = err.Error()
	return e
}
