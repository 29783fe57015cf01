package syntax

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"github.com/abnfc/abnfc/grammar"
)

// Token types produced by the lexer. EOR ends a rule: it is emitted before
// a token that starts a new rule and at the end of the input.
const (
	tokEOF  lexer.TokenType = lexer.EOF
	tokName lexer.TokenType = iota + 1
	tokDefinedAs
	tokAlt
	tokLParen
	tokRParen
	tokLBrack
	tokRBrack
	tokRepeat
	tokList
	tokString
	tokNumVal
	tokProse
	tokQuote
	tokEOR
)

var symbols = map[string]lexer.TokenType{
	"EOF":       tokEOF,
	"Name":      tokName,
	"DefinedAs": tokDefinedAs,
	"Alt":       tokAlt,
	"LParen":    tokLParen,
	"RParen":    tokRParen,
	"LBrack":    tokLBrack,
	"RBrack":    tokRBrack,
	"Repeat":    tokRepeat,
	"List":      tokList,
	"String":    tokString,
	"NumVal":    tokNumVal,
	"Prose":     tokProse,
	"Quote":     tokQuote,
	"EOR":       tokEOR,
}

// definition satisfies participle's lexer.Definition so that the parser
// knows the token types. Lexing itself is done by lex, ahead of parsing.
type definition struct{}

func (definition) Symbols() map[string]lexer.TokenType { return symbols }

func (definition) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	return nil, fmt.Errorf("syntax: use lex")
}

// replay feeds pre-lexed tokens to participle, then end (an EOF token)
// for ever.
type replay struct {
	toks []lexer.Token
	end  lexer.Token
	i    int
}

func (r *replay) Next() (lexer.Token, error) {
	if r.i >= len(r.toks) {
		return r.end, nil
	}
	t := r.toks[r.i]
	r.i++
	return t, nil
}

// comment is a ";" comment with its position.
type comment struct {
	pos  grammar.Pos
	text string // after the ";", trimmed of trailing CR
	// own reports whether the comment is alone on its line.
	own bool
}

// MaxNesting bounds the depth of nested groups and options, so that a
// hostile grammar cannot exhaust the stack (regexp/syntax's maxHeight).
const MaxNesting = 200

// MaxSize bounds the size of one grammar source, in bytes. RFC grammars
// are far smaller (RFC 9110's collected ABNF is about 10 KB, all of RFC
// 2616 with its prose about 420 KB), and a larger source is more likely an
// accident than a grammar. A source that is larger gets an error at the
// first byte beyond the limit.
const MaxSize = 1 << 20

// MaxRuleTokens bounds the tokens of one rule (names, operators,
// strings, num-vals, prose-vals): each costs some hundreds of bytes while
// its rule is parsed. RFC rules have tens; a rule listing thousands of
// keywords fits.
const MaxRuleTokens = 1 << 16

// MaxName bounds the length of a rule name, in bytes. Messages carry
// rule names, some twice ("undefined rule x (in rule y)"), and so do the
// identifiers of generated code; RFC rule names have tens of bytes.
const MaxName = 256

// MaxTotal bounds the sources of one Parse together, in bytes: the grammar
// built from them is held whole, so many sources of MaxSize each would
// use memory without limit.
const MaxTotal = 4 << 20

// scanner is a hand-written ABNF lexer: the dialect decides which
// characters are operators, and line structure decides where rules end
// (RFC 5234 §4: a rule ends at a line that does not start with white space).
type scanner struct {
	file    string
	src     []byte
	dialect grammar.Dialect

	off, line, lineStart int
	toks                 []lexer.Token
	comments             []comment
	errs                 grammar.ErrorList
	inRule               bool
	depth                int
	// open holds the positions of the rule's unclosed ( and [.
	open []grammar.Pos
	// end is the position just after the rule's last token, where an
	// EOR is placed so that errors at the end of a rule point there.
	end grammar.Pos
	// aborted is set when lexing gave up on the rest of the source.
	aborted bool
}

func newScanner(file string, src []byte, d grammar.Dialect) *scanner {
	s := &scanner{file: file, src: src, dialect: d, line: 1}
	if len(src) > MaxSize {
		// Point at the first byte beyond the limit, and read no further.
		line := 1 + bytes.Count(src[:MaxSize], []byte("\n"))
		lineStart := bytes.LastIndexByte(src[:MaxSize], '\n') + 1
		p := grammar.Pos{File: file, Offset: MaxSize, Line: line, Col: MaxSize - lineStart + 1}
		s.errs.Add(p, grammar.SeverityError, "", "grammar is larger than the limit of %d bytes (%d KiB)", MaxSize, MaxSize>>10)
		s.off = len(src)
	}
	// A UTF-8 byte order mark, as some editors write, is no part of the
	// grammar; columns on the first line count from after it.
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) && s.off == 0 {
		s.off, s.lineStart = 3, 3
	}
	return s
}

func (s *scanner) pos(off int) grammar.Pos {
	return grammar.Pos{File: s.file, Offset: off, Line: s.line, Col: off - s.lineStart + 1}
}

func (s *scanner) errorf(off int, format string, args ...any) {
	s.errs.Add(s.pos(off), grammar.SeverityError, "", format, args...)
}

func (s *scanner) emit(t lexer.TokenType, start int, val string) {
	if len(s.toks) == MaxRuleTokens {
		// Parsing a rule costs some hundreds of bytes a token: bound it
		// here rather than by the source's size alone.
		s.errorf(start, "rule %s has more than %d tokens", s.toks[0].Value, MaxRuleTokens)
		s.off = len(s.src)
		s.aborted = true
		return
	}
	s.emitAt(t, s.pos(start), val)
	s.end = s.pos(s.off)
}

// maxLexErrors is the number of errors after which lexing stops.
const maxLexErrors = 10

func (s *scanner) emitAt(t lexer.TokenType, p grammar.Pos, val string) {
	s.toks = append(s.toks, lexer.Token{Type: t, Value: val,
		Pos: lexer.Position{Filename: p.File, Offset: p.Offset, Line: p.Line, Column: p.Col}})
}

// endRule ends the current rule, if any, with an EOR just after its last
// token. A group or option still open is an error at its "(" or "[".
func (s *scanner) endRule() {
	if s.inRule {
		// When lexing stopped early (too many errors, or nesting too
		// deep), the rule's end is not known.
		stopped := s.aborted || len(s.errs) >= maxLexErrors
		for i := len(s.open) - 1; i >= 0 && !stopped; i-- {
			p := s.open[i]
			close := ")"
			if s.src[p.Offset] == '[' {
				close = "]"
			}
			s.errs.Add(p, grammar.SeverityError, "", "%q is not closed: missing %q before the end of the rule", s.src[p.Offset:p.Offset+1], close)
		}
		s.emitAt(tokEOR, s.end, "")
		s.inRule = false
		s.depth = 0
		s.open = s.open[:0]
	}
}

func isAlpha(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func (s *scanner) isNameByte(c byte) bool {
	return isAlpha(c) || isDigit(c) || c == '-' || (c == '_' && s.dialect == grammar.RFC2616)
}

// startsRule reports whether the name at off is followed, on the same
// line, by "=" or "=/": only a new rule can look like that, so rules pasted
// with indentation from RFC text are recognised too.
func (s *scanner) startsRule(off int) bool {
	i := off
	for i < len(s.src) && s.isNameByte(s.src[i]) {
		i++
	}
	for i < len(s.src) && (s.src[i] == ' ' || s.src[i] == '\t') {
		i++
	}
	return i < len(s.src) && s.src[i] == '='
}

// next lexes the source up to the end of the next rule and returns that
// rule's tokens, ending in EOR; at the end of the input it returns the
// final EOF token alone. The slice is reused by the following call, so
// that memory is bounded by the longest rule, not the source: a syntax
// error in the first rule is found without lexing the rest. Lexing stops
// after maxLexErrors errors, with one more saying so.
func (s *scanner) next() []lexer.Token {
	s.toks = s.toks[:0]
	for s.off < len(s.src) && len(s.errs) < maxLexErrors && !s.aborted {
		c := s.src[s.off]
		start := s.off
		atLineStart := start == s.lineStart
		switch {
		case c == '\n':
			s.off++
			s.line++
			s.lineStart = s.off
		case c == '\r' && (s.off+1 == len(s.src) || s.src[s.off+1] != '\n'):
			// RFC 5234 §4: lines end in CRLF (LF alone is accepted too).
			// A file with CR line ends would read as one line; say so
			// once, and read no further.
			s.errorf(start, "a CR not followed by LF: lines end with CRLF or LF (RFC 5234 §4), not CR alone")
			s.off = len(s.src)
		case c == ' ' || c == '\t' || c == '\r':
			s.off++
		case c == ';':
			end := start
			// A comment ends at LF, or at a CR without one, which the
			// loop then reports: a file with CR line ends must not read
			// as one long comment.
			for end < len(s.src) && s.src[end] != '\n' && !(s.src[end] == '\r' && (end+1 == len(s.src) || s.src[end+1] != '\n')) {
				end++
			}
			text := string(s.src[start+1 : end])
			if len(text) > 0 && text[len(text)-1] == '\r' {
				text = text[:len(text)-1]
			}
			own := true
			for i := s.lineStart; i < start; i++ {
				if s.src[i] != ' ' && s.src[i] != '\t' {
					own = false
				}
			}
			s.comments = append(s.comments, comment{pos: s.pos(start), text: text, own: own})
			s.off = end
		default:
			if s.inRule && (atLineStart || (isAlpha(c) && s.onlySpaceBefore(start) && s.startsRule(start))) {
				// A new rule starts here: end the current one, and lex
				// this token in the next call.
				s.endRule()
				return s.toks
			}
			s.inRule = true
			s.token(c, start)
		}
	}
	if len(s.errs) >= maxLexErrors && s.off < len(s.src) && !s.aborted {
		// Say that the rest goes unread, rather than let the list look
		// complete.
		s.aborted = true
		s.errs.Add(s.pos(s.off), grammar.SeverityError, "", "%d errors: the rest of the grammar, from here, is not read", len(s.errs))
	}
	if s.inRule {
		s.endRule()
		return s.toks
	}
	s.emit(tokEOF, s.off, "")
	return s.toks
}

func (s *scanner) onlySpaceBefore(off int) bool {
	for i := s.lineStart; i < off; i++ {
		if s.src[i] != ' ' && s.src[i] != '\t' {
			return false
		}
	}
	return true
}

func (s *scanner) token(c byte, start int) {
	switch {
	case isAlpha(c):
		s.off++
		for s.off < len(s.src) && (isAlpha(s.src[s.off]) || isDigit(s.src[s.off]) || s.src[s.off] == '-' || s.src[s.off] == '_') {
			s.off++
		}
		if s.off-start > MaxName {
			s.errorf(start, "rule name %s is longer than the limit of %d bytes", grammar.Excerpt(string(s.src[start:start+25]), 24), MaxName)
			return
		}
		name := string(s.src[start:s.off])
		if s.dialect != grammar.RFC2616 {
			for i := 0; i < len(name); i++ {
				if name[i] == '_' {
					s.errorf(start+i, "'_' in rule name %s is RFC 2616 notation; use -dialect rfc2616", name)
					break
				}
			}
		}
		s.emit(tokName, start, name)
	case c == '=':
		s.off++
		if s.off < len(s.src) && s.src[s.off] == '/' {
			s.off++
		}
		s.emit(tokDefinedAs, start, string(s.src[start:s.off]))
	case c == '/' || c == '|':
		s.off++
		if c == '|' && s.dialect != grammar.RFC2616 {
			s.errorf(start, "'|' alternation is RFC 2616 notation; use '/' or -dialect rfc2616")
		}
		if c == '/' && s.dialect == grammar.RFC2616 {
			s.errorf(start, "'/' is not an operator in RFC 2616 notation; alternation is '|'")
		}
		s.emit(tokAlt, start, string(c))
	case c == '(' || c == '[':
		s.off++
		s.depth++
		if s.depth > MaxNesting {
			s.errorf(start, "groups and options nested more than %d deep", MaxNesting)
			s.off = len(s.src)
			s.aborted = true
			return
		}
		t := tokLParen
		if c == '[' {
			t = tokLBrack
		}
		s.open = append(s.open, s.pos(start))
		s.emit(t, start, string(c))
	case c == ')' || c == ']':
		s.off++
		s.depth--
		opener := byte('(')
		if c == ']' {
			opener = '['
		}
		// A mismatched close leaves the opener open, to be reported.
		if n := len(s.open); n > 0 && s.src[s.open[n-1].Offset] == opener {
			s.open = s.open[:n-1]
		}
		t := tokRParen
		if c == ']' {
			t = tokRBrack
		}
		s.emit(t, start, string(c))
	case isDigit(c) || c == '*' || c == '#':
		s.repeat(start)
	case c == '"':
		s.quoted(start, start)
	case c == '%':
		s.percent(start)
	case c == '<':
		s.prose(start)
	default:
		s.off++
		s.errorf(start, "unexpected character %s", quoteByte(c))
	}
}

// repeat lexes "n*m", "n", "*", and the list forms "n#m" and "#".
func (s *scanner) repeat(start int) {
	for s.off < len(s.src) && isDigit(s.src[s.off]) {
		s.off++
	}
	t := tokRepeat
	if s.off < len(s.src) && (s.src[s.off] == '*' || s.src[s.off] == '#') {
		if s.src[s.off] == '#' {
			t = tokList
			if !s.dialect.HasLists() {
				s.errorf(s.off, "'#' lists are RFC 2616 or RFC 7230 notation; use -dialect rfc2616 or rfc7230")
			}
		}
		s.off++
		for s.off < len(s.src) && isDigit(s.src[s.off]) {
			s.off++
		}
	}
	s.emit(t, start, string(s.src[start:s.off]))
	// RFC 5234 §4: repetition = [repeat] element, with no c-wsp between.
	if s.off >= len(s.src) || strings.IndexByte(" \t\r\n;", s.src[s.off]) >= 0 {
		s.errorf(s.off, "repetition %s must be followed directly by its element, without white space (RFC 5234 §4: repetition = [repeat] element)", s.src[start:s.off])
	}
}

// quoted lexes a quoted string starting at q; start includes any %s or %i
// prefix. RFC 5234 §4 char-val: no escapes, any of %x20-21 / %x23-7E.
func (s *scanner) quoted(start, q int) {
	s.off = q + 1
	for s.off < len(s.src) && s.src[s.off] != '"' {
		c := s.src[s.off]
		if c == '\n' || c == '\r' {
			s.errorf(start, "quoted string not terminated before end of line")
			return
		}
		if c < 0x20 || c > 0x7e {
			s.errorf(s.off, "byte %#02x is not allowed in a quoted string; use a num-val such as %%x%02X", c, c)
		}
		s.off++
	}
	if s.off >= len(s.src) {
		s.errorf(start, "quoted string not terminated")
		return
	}
	s.off++
	s.emit(tokString, start, string(s.src[start:s.off]))
}

// percent lexes %s"..." and %i"..." (RFC 7405) and num-vals (RFC 5234 §4):
// %x41, %x41-5A, %x0D.0A, likewise %d and %b.
func (s *scanner) percent(start int) {
	s.off++
	if s.off >= len(s.src) {
		s.errorf(start, "'%%' at end of input")
		return
	}
	switch s.src[s.off] | 0x20 {
	case 's', 'i':
		if s.off+1 < len(s.src) && s.src[s.off+1] == '"' {
			s.quoted(start, s.off+1)
			return
		}
		s.errorf(start, "%%%c must be followed by a quoted string", s.src[s.off])
		s.off++
		return
	case 'x', 'd', 'b':
		s.off++
		for s.off < len(s.src) && (isAlpha(s.src[s.off]) || isDigit(s.src[s.off]) || s.src[s.off] == '.' || s.src[s.off] == '-') {
			s.off++
		}
		s.emit(tokNumVal, start, string(s.src[start:s.off]))
	default:
		s.errorf(start, "'%%' must be followed by x, d, b, s or i")
		// Skip what looks like the rest of it (%q41), so that it draws
		// no second error; never a line end, which the scanner counts.
		if c := s.src[s.off]; c != '\n' && c != '\r' {
			s.off++
		}
		for s.off < len(s.src) && (isAlpha(s.src[s.off]) || isDigit(s.src[s.off]) || s.src[s.off] == '.' || s.src[s.off] == '-') {
			s.off++
		}
	}
}

// prose lexes <...> (RFC 5234 §4 prose-val). In RFC 2616 notation <"> is
// the double quote character (§2.2).
//
// RFC 5234 §4 allows only printable US-ASCII in prose:
//
//	prose-val = "<" *(%x20-3D / %x3F-7E) ">"
//
// RFC 2616 wraps prose over lines, so there a line break (CRLF or LF) and
// HT may stand in it too (its TEXT, with LWS). Any other byte (a control,
// a bare CR, an 8-bit byte such as a byte order mark or UTF-8) is an
// error at that byte: the first of each prose-val is reported.
func (s *scanner) prose(start int) {
	if s.dialect == grammar.RFC2616 && s.off+2 < len(s.src) && s.src[s.off+1] == '"' && s.src[s.off+2] == '>' {
		s.off += 3
		s.emit(tokQuote, start, `<">`)
		return
	}
	p := s.pos(start)
	s.off++
	depth := 1
	bad := -1              // offset of the first byte prose may not hold
	var badPos grammar.Pos // its position
	for s.off < len(s.src) {
		c := s.src[s.off]
		lineEnd := c == '\n' || c == '\r' && s.off+1 < len(s.src) && s.src[s.off+1] == '\n'
		if lineEnd && s.dialect != grammar.RFC2616 {
			break // RFC 5234 §4: prose-val is one line
		}
		if c == '\n' {
			// RFC 2616 wraps long prose over lines (TEXT in §2.2).
			s.line++
			s.lineStart = s.off + 1
		}
		if !lineEnd && !s.proseByte(c) && bad < 0 {
			bad, badPos = s.off, s.pos(s.off)
		}
		if c == '<' && s.dialect == grammar.RFC2616 {
			depth++ // RFC 2616 nests: <any TEXT except <">>
		}
		if c == '>' {
			depth--
			if depth == 0 {
				break
			}
		}
		s.off++
	}
	terminated := s.off < len(s.src) && s.src[s.off] == '>'
	if bad >= 0 {
		end := s.off
		if terminated {
			end++
		}
		rule := ""
		if len(s.toks) > 0 && s.toks[0].Type == tokName {
			rule = s.toks[0].Value
		}
		in := ""
		if rule != "" {
			in = " in rule " + rule
		}
		allowed := `RFC 5234 §4 allows only %x20-3D / %x3F-7E between "<" and ">"`
		if s.dialect == grammar.RFC2616 {
			allowed = "RFC 2616 prose is printable US-ASCII, HT and line breaks"
		}
		s.errs.Add(badPos, grammar.SeverityError, rule, "prose-val %s%s holds byte %#02x: %s",
			grammar.Excerpt(string(s.src[start:end]), 24), in, s.src[bad], allowed)
	}
	if !terminated {
		s.errs.Add(p, grammar.SeverityError, "", "prose-val not terminated: missing '>'")
		return
	}
	s.off++
	s.emitAt(tokProse, p, string(s.src[start:s.off]))
	// The rule's end is after the '>', which is on a later line than
	// the '<' when the prose-val wraps (RFC 2616 dialect).
	s.end = s.pos(s.off)
}

// proseByte reports whether c may stand in a prose-val of the scanner's
// dialect, line breaks aside: %x20-7E ('>' ends it), and in RFC 2616 HT.
func (s *scanner) proseByte(c byte) bool {
	return c >= 0x20 && c <= 0x7e || c == '\t' && s.dialect == grammar.RFC2616
}

// quoteByte quotes c for a message: printable ASCII as itself, anything
// else as \xNN (string(c) would print 0xFF as "ÿ").
func quoteByte(c byte) string {
	if c < 0x20 || c > 0x7e {
		return fmt.Sprintf(`"\x%02x"`, c)
	}
	return fmt.Sprintf("%q", string(c))
}
