// Package extract pulls the ABNF rules out of the plain text of an RFC.
//
// It is the first step of the abnfc flow:
//
//	RFC text ──extract──▶ ABNF source ──parse──▶ grammar model (IR) ──check──▶ …
//
// [Extract] reads the text of an RFC as published by the RFC Editor (with
// page footers such as "Fielding, et al.  Standards Track  [Page 12]",
// page headers such as "RFC 2616  HTTP/1.1  June 1999" and form feeds) or
// as rendered from the newer HTML/XML sources (no pages, prose and rules at
// column 0). It returns the rules it finds, each with the section it appears
// in and the line it starts on. [Write] prints them in RFC 5234 layout, so
// that the ABNF front end in package grammar can read them. Lines end in LF
// or CRLF; a CR anywhere else (text with CR-only line ends) is an error.
//
// # What counts as a rule
//
// A rule starts on a line whose first word is a rule name (letters, digits,
// '-' and '_', starting with a letter) followed by "=" or "=/". It goes on
// over every following line indented deeper than that first line; a blank
// line, or a line indented no deeper, ends it. The blank lines, footer, form
// feed and header of a page break do not end a rule when the first line
// after the break is indented deeper than the rule (RFC 2616's Status-Code
// continues over a page break).
//
// Prose, examples and pseudo-code are told apart from rules by their text:
// the right-hand side must read as ABNF in the RFC 5234 or the RFC 2616
// dialect (rule names, "quoted strings", RFC 7405 %s"..." and %i"..."
// strings, <prose>, %x41-style numbers, repetitions such as 1*2 and 1#,
// ( ) [ ] | / and ; comments). So
// "bytes=500-999" and "corrected_received_age = max(now - date_value, age_value)"
// are not rules. A rule that has no terminal (no quoted string, prose or
// number) and refers to no rule defined in the document nor to an RFC 5234
// core rule is dropped too: that removes notation examples such as RFC 2616's
// "name = definition" and pseudo-code such as "freshness_lifetime = max_age_value".
//
// The rule text is kept exactly as the RFC wrote it: no dialect conversion
// ("|" stays "|", "<">" and "#rule" stay). RFC 2616 §2.2 also defines a rule
// named <"> (the double quote); it is not a rule name in RFC 5234 terms and
// is not extracted.
//
// # Sections and the default
//
// Headings are recognised at column 0: "3.1 HTTP Version", "2.7.1.  http URI
// Scheme", "Appendix A.  Collected ABNF", "B.1.  Core Rules". The table of
// contents (indented, or with dot leaders) is ignored, and a numbered line is
// only taken as a heading when its number plausibly follows the previous
// heading, so prose that wraps to a line starting with "2.2.2 of [RFC7232]"
// does not move the section. Unnumbered headings such as "Index" or
// "Authors' Addresses" set the section to "".
//
// [Options.Section] selects sections by number ("3.1", "A", "A.2", an
// appendix letter in either case; a section includes its subsections;
// several may be given separated by commas, and "Appendix A" means "A"). "*" selects the whole document. The default ("")
// picks the sections that hold the document's complete grammar:
//
//   - the sections whose heading contains "Collected ABNF" if there are any
//     (RFC 7230 Appendix B, RFC 7233 Appendix D, RFC 9110 Appendix A,
//     RFC 9112 Appendix A); these repeat the rules of the body with the
//     list operators expanded, so taking the body too would define rules twice;
//   - otherwise the sections whose heading contains "ABNF" together with
//     "Definition" or "Core" (RFC 5234 §4 "ABNF Definition of ABNF" and
//     Appendix B "Core ABNF of ABNF", leaving out the explanatory examples
//     of §2 and §3);
//   - otherwise the whole document (RFC 2616).
//
// Within the selection a rule that is defined again with the same text
// (ignoring white space) is kept once; a rule defined again differently is
// kept both times, so that the parser reports it rather than this package
// silently choosing one.
//
// # Quirks of the RFCs
//
// RFC 2616 (186 rules) defines "trailer" (§3.6.1, a chunked body's trailer)
// and "Trailer" (§14.40, the header field) differently; ABNF names are
// case-insensitive, so an RFC 5234 parser sees a rule defined twice. No
// RFC 2616 rule is defined twice identically. Several of its rules are prose
// (OCTET, CHAR, CTL, TEXT, field-content, md5-digest, ...), and it uses rules
// it does not define (absoluteURI, relativeURI, abs_path, authority, host,
// port, query from RFC 2396; mailbox from RFC 822; credentials and challenge
// from RFC 2617). RFC 5234 §2 and §3 define CR, DIGIT, rulename and ruleset
// several times as examples, which is why its default leaves them out.
// RFC 7230 §7 and RFC 9110 §5.6.1 define example-list as an example of the
// list notation; it only shows with "*".
//
// # Layout of the output
//
// Each rule's first line starts at column 0 with the rule name; the rest of
// that line is kept as written (internal alignment and the trailing ";"
// comment included). Continuation lines keep their column relative to the
// rule name: a line written 14 columns right of the name is indented by 14
// spaces, so the RFC's alignment of "|" under "=" survives. That indent is
// always at least 1. Trailing white space is removed, tabs in the indentation
// count to the next multiple of 8.
//
// # Limits
//
// A rule of more than 200 lines is not a rule, and a text of more than
// MaxRules rules (before the checks above) is not an RFC's: Extract
// fails with an *Error at the rule past it, so that its memory stays a
// small multiple of the text's.
package extract
