// Package grammar is the model of an ABNF grammar that every part of abnfc
// shares: rules, their definitions as a small tree of nodes (Alt, Concat,
// Repeat, List, Ref, Literal, Range, Prose), source positions, positioned
// diagnostics, the checks, a canonical printer, and Lower, which turns the
// notations of each dialect into core ABNF with one meaning.
//
// In the flow of abnfc
//
//	RFC text ──extract──▶ ABNF source ──parse──▶ grammar IR ──check──▶ checked grammar
//	                                                  │                  │
//	                                                  ▼           reference parser
//	                                           gen (NFA → DFA)
//
// this package is the IR in the middle. The syntax subpackage reads source
// text into it, extract pulls ABNF out of RFC text, and rfc2616 embeds RFC
// 2616's grammar.
//
// # Dialects
//
// Dialect RFC5234 is RFC 5234 with RFC 7405's %s"..." (case-sensitive) and
// %i"..." strings; RFC2616 is RFC 2616 §2.1 ("|" alternation, <"> for the
// double quote, #rule lists, rule names with "_", the §2.2 basic rules
// built in); RFC7230 is RFC5234 plus RFC 7230 §7 lists. Every dialect
// accepts num-vals and %s/%i strings, so that fixes to an RFC's grammar can
// be precise. Quoted strings have no escapes in any dialect: "\" is one
// backslash. Rule names are case-insensitive; two definitions whose names
// differ only in case are a collision and an error, never merged.
//
// # Annotations
//
// Annotations are ABNF comments that start with "@" (see package syntax
// for where they attach). abnfc interprets:
//
//	; @root            an entry point for the reachability check
//	; @lws             RFC 2616 §2.1 implied *LWS in this rule
//	; @case-sensitive  this rule's quoted strings match case-sensitively
//
// and the generator adds its own (@capture, @spans, @extern, @limit,
// @short; see package gen/emit).
//
// # Implied LWS
//
// RFC 2616 §2.1 says that LWS "can be included between any two adjacent
// words (token or quoted-string), and separators" — but it must not apply
// to the request line, dates or URIs, and §3.7 forbids it inside media
// types. abnfc therefore applies it only to rules marked @lws, and only to
// their own definition, not to the rules they reference: in such a rule
// *LWS may stand between any two adjacent elements of a concatenation, and
// between the iterations of a repetition, unless the repeated element
// always matches a single byte (so 1*DIGIT stays one word). Lower makes the
// *LWS explicit; the reference parser and the generator both work on its
// output, so they cannot disagree about it.
//
// # Lists
//
// "<n>#<m>element" is a comma-separated list with null elements allowed
// and not counted, and white space around the commas (*LWS in RFC 2616,
// OWS in RFC 7230); in RFC 2616 also before the first element and after
// a last comma (§2.1). ExpandList gives the exact core ABNF. It holds the
// element twice, so Lower bounds the nodes that such copies add
// (MaxCopies a rule, MaxGrammarCopies a grammar): lists nested a dozen
// levels deep are an error.
package grammar
