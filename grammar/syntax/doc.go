// Package syntax reads ABNF source text into the grammar IR. It is the
// only package that knows participle: a hand-written lexer (line structure,
// dialect operators, positions) feeds participle, whose structs are
// converted to grammar nodes at once.
//
// In the flow of abnfc
//
//	RFC text ──extract──▶ ABNF source ──syntax.Parse──▶ grammar IR ──check──▶ …
//
// this package is the second arrow. It accepts three dialects (see
// grammar.Dialect): RFC 5234 with RFC 7405, RFC 2616 §2.1, and RFC 5234 with
// the RFC 7230 §7 list extension. Line ends may be LF or CRLF.
//
// Quoted strings and prose-vals hold printable US-ASCII only (RFC 5234 §4:
// char-val %x20-21 / %x23-7E, prose-val %x20-3D / %x3F-7E); the RFC 2616
// dialect's prose may also hold HT and wrap over lines. Any other byte
// (a control, a bare CR, a byte order mark, UTF-8) is an error at that
// byte.
//
// # Rules and lines
//
// As in RFC 5234 §4, a rule starts at a line whose first byte is not white
// space, and continues over indented lines. ABNF copied from RFC text is
// often indented as a whole, so a line whose first word is a rule name
// followed by "=" or "=/" also starts a rule: no valid continuation line
// can look like that.
//
// As RFC 5234 §4 writes it, repetition = [repeat] element: no white space
// may stand between a repeat ("3", "*", "1*2", "#") and its element, so
// a = 3 "x" is an error. A group or option left open is reported at its
// "(" or "[".
//
// One leniency: the elements of a concatenation need no white space
// between them where the tokens end unambiguously, so a = b"x" and
// a = ("a")("b") read as a = b "x" and a = ("a") ("b"). RFC 5234 §4
// writes concatenation = repetition *(1*c-wsp repetition); accepting
// the missing space changes no grammar's meaning, since no reading other
// than the concatenation exists.
//
// # Several sources
//
// Parse reads several sources as one grammar. A rule defined twice is an
// error, except across documents: an import (a definition that is one
// prose-val citing another document, as RFC 9112's Appendix A writes
// token = <token, see [HTTP], Section 5.6.2>) yields to the definition in
// the document it cites, in either order (an import of a core rule, as
// DIGIT = <DIGIT, see [RFC5234]>, to the built-in rule), and two sources
// that define a rule alike agree.
//
// Incremental alternatives (=/, RFC 5234 §3.3) serve rulesets assembled
// from several specifications: "=/" in one source extends a rule defined
// with "=" in any other source, whatever the order of the sources (a
// directory is read in name order), and extends the definition an import
// yields to. Within one source, "=/" follows the rule's "=" (an "=/"
// before it is an error). The alternatives are added once every source is
// read, in the order they were read; an "=/" of a rule that no source
// defines is an error at the "=/".
//
// # Annotations
//
// A comment whose text starts with "@" is an annotation of the rule it is
// written in (on one of the rule's lines, up to the line where its last
// token ends: the '>' of a prose-val the RFC 2616 dialect wraps over
// lines) or of the rule directly below a block of whole-line comments
// (with no blank line between). The grammar stays plain ABNF for other
// tools:
//
//	; @root
//	; @lws
//	Accept = "Accept" ":" #( media-range [ accept-params ] )
//
// The name ends at the first white space (a space or a tab); the rest,
// trimmed, is its arguments. An annotation that belongs to no rule (a
// blank line between it and the rule below, or after the last line of
// the rule above) is an error at it: a @limit or @root there would be
// dropped without a word.
//
// See the grammar package for the annotations abnfc interprets.
//
// # Limits
//
// The sources of one Parse come to at most MaxTotal bytes (4 MiB)
// together; the first that crosses the limit gets an error and is not read.
// A source is at most MaxSize bytes (1 MiB); a larger one gets an error at
// the first byte beyond the limit. A rule has at most MaxRuleTokens
// tokens (65536), so that parsing one costs tens of MB at most, and a
// rule name at most MaxName bytes (256), so that messages, which carry
// rule names, stay short. Groups nest at most MaxNesting deep;
// repetition counts are at most 65536; num-vals are bytes (at most %xFF).
// A source is lexed and parsed one rule at a time and parsing stops at the
// first syntax error, so memory follows the longest rule, not the source.
package syntax
