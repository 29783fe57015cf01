package extract

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Rule is one ABNF rule found in an RFC's text.
type Rule struct {
	Name    string // the rule name as written
	Text    string // the rule in RFC 5234 layout, newline-terminated, without the "; RFC" comment
	Section string // "3.1", "A", "A.2", ...; "" before the first heading or after an unnumbered one
	Line    int    // 1-based line of the rule's first line in the input
}

// Options controls [Extract].
type Options struct {
	// Section restricts extraction to sections by number: "3.1", "A" or
	// "Appendix A", "A.2" (an appendix letter in either case, "a.2"
	// too); a section includes its subsections, and several
	// may be separated by commas. "*" is the whole document. "" (the
	// default) is the document's grammar sections: see the package
	// documentation.
	Section string
}

// WholeDocument is the [Options.Section] value that selects every section.
const WholeDocument = "*"

// maxRuleLines caps the lines of one rule (RFC 2616's Status-Code, the
// longest known, has 45). A longer candidate is not a rule; the cap keeps
// Extract linear on hostile input.
const maxRuleLines = 200

// MaxRules caps the rules Extract finds in a text, before the reference
// check and the section selection: RFC 2616 has about 300, counting
// those its appendices repeat. A text with more is not an RFC's, and
// the cap bounds the memory its candidates take (a 16 MiB file of
// "a = b" lines had taken 890 MB; an audit).
const MaxRules = 100000

// Error is an error at a place in the text: Line and Col are 1-based, Col
// counting bytes.
type Error struct {
	Line, Col int
	Msg       string
}

// Error formats e as "line:col: msg"; a caller that knows the file's name
// puts it in front.
func (e *Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// Extract returns the ABNF rules in text, the plain text of an RFC, in the
// order they appear. It fails with an *Error at the first CR that does not
// end a line (lines end in LF or CRLF), at the rule past MaxRules, and
// when opts names a section the text does not have.
func Extract(text []byte, opts Options) ([]Rule, error) {
	// A UTF-8 byte order mark is skipped, as in grammar files; columns
	// still count it.
	bom := 0
	if bytes.HasPrefix(text, []byte("\xef\xbb\xbf")) {
		text, bom = text[3:], 3
	}
	src, lines, err := splitLines(text, bom)
	if err != nil {
		return nil, err
	}
	heads := findHeadings(src, lines)
	cands, err := findRules(src, lines, heads)
	if err != nil {
		return nil, err
	}

	sel, err := selection(opts.Section, heads)
	if err != nil {
		return nil, err
	}

	// Names defined anywhere in the document, for the reference check.
	defined := make(map[string]bool, len(cands)+len(coreRules))
	for _, n := range coreRules {
		defined[n] = true
	}
	for _, c := range cands {
		defined[strings.ToLower(c.Name)] = true
	}

	var rules []Rule
	seen := make(map[string]bool)
	for _, c := range cands {
		if !sel.has(c.Section) || !c.plausible(defined) {
			continue
		}
		key := strings.ToLower(c.Name) + "\x00" + strings.Join(strings.Fields(c.Text), " ")
		if seen[key] {
			continue
		}
		seen[key] = true
		rules = append(rules, c.Rule)
	}
	return rules, nil
}

// Write prints rules in RFC 5234 layout, each preceded by a comment
// "; RFC <rfc> §<section>, line <line>" and separated by blank lines. The
// section part is left out for rules outside any numbered section, the
// "RFC <rfc>" part when rfc is "" ("; line 20"). An rfc of other than
// letters, digits, ".", "-" and "_" (a file name, say) is written as a
// Go string literal in ASCII, so that it stays in its comment.
func Write(w io.Writer, rfc string, rules []Rule) error {
	plain := func(r rune) bool {
		return r < 0x80 && (isLetter(byte(r)) || isDigit(byte(r)) || strings.ContainsRune(".-_", r))
	}
	if strings.IndexFunc(rfc, func(r rune) bool { return !plain(r) }) >= 0 {
		rfc = strconv.QuoteToASCII(rfc)
	}
	bw := bufio.NewWriter(w)
	for i, r := range rules {
		if i > 0 {
			bw.WriteByte('\n')
		}
		var where []string
		if rfc != "" {
			where = append(where, "RFC "+rfc)
		}
		if r.Section != "" {
			where = append(where, "§"+r.Section)
		}
		where = append(where, "line "+strconv.Itoa(r.Line))
		bw.WriteString("; " + strings.Replace(strings.Join(where, " "), " line", ", line", 1) + "\n")
		bw.WriteString(r.Text)
		if !strings.HasSuffix(r.Text, "\n") {
			bw.WriteByte('\n')
		}
	}
	return bw.Flush()
}

// coreRules are the RFC 5234 Appendix B.1 core rules, lower case.
var coreRules = []string{
	"alpha", "bit", "char", "cr", "crlf", "ctl", "digit", "dquote", "hexdig",
	"htab", "lf", "lwsp", "octet", "sp", "vchar", "wsp",
}

// lineKind classifies an input line.
type lineKind uint8

const (
	lineText  lineKind = iota // a line with text
	lineBlank                 // an empty or all-blank line
	linePage                  // a form feed, page header or page footer
)

// line is one input line, or a run of blank lines: the text's only
// copy is one string, src, and a line holds offsets into it, so that the
// lines of a text take a small multiple of its size (a text of 16 MiB of
// empty lines took 2.6 GB as a string and five words a line).
type line struct {
	off, end int32 // src[off:end]: without the line end, leading form feeds and trailing white space
	num      int32 // 1-based line number (of the first, for a run of blank lines)
	indent   int32 // columns of leading white space, tabs to the next multiple of 8
	kind     lineKind
}

// text returns the line's text in src.
func (l line) text(src string) string { return src[l.off:l.end] }

// maxText is the longest text Extract reads: a line's offsets are int32.
const maxText = 1<<31 - 1

// splitLines splits text into lines, accepting LF and CRLF line ends and a
// missing final line end, and classifies page furniture; consecutive blank
// lines are one line (lineBlank), which is all that the rest of Extract
// tells apart. A CR inside a line is an error: text with CR-only line ends
// would otherwise read as one long line with no rules in it.
// The first line's columns start after skip bytes.
func splitLines(text []byte, skip int) (string, []line, error) {
	if len(text) > maxText {
		return "", nil, &Error{Line: 1, Col: 1, Msg: fmt.Sprintf("text of %d bytes is longer than %d", len(text), maxText)}
	}
	// each calls f for each line, with its offset in text and length
	// without the LF.
	each := func(f func(off, n int) bool) {
		for off := 0; off < len(text); {
			n := bytes.IndexByte(text[off:], '\n')
			next := off + n + 1
			if n < 0 {
				n, next = len(text)-off, len(text)
			}
			if !f(off, n) {
				return
			}
			off = next
		}
	}
	// blank reports whether a line is blank and no page break: white
	// space (a CR too) not starting with a form feed.
	blank := func(s []byte) bool {
		return len(bytes.TrimRight(s, " \t\r\f\v")) == 0 && !bytes.HasPrefix(s, []byte("\f"))
	}
	count, prevBlank := 0, false
	each(func(off, n int) bool {
		b := blank(text[off : off+n])
		if !b || !prevBlank {
			count++
		}
		prevBlank = b
		return true
	})
	src := string(text)
	lines := make([]line, 0, count)
	var err error
	num := 0
	prevBlank = false
	each(func(off, n int) bool {
		num++
		s := src[off : off+n]
		if i := strings.IndexByte(strings.TrimRight(s, "\r"), '\r'); i >= 0 {
			if num > 1 {
				skip = 0
			}
			err = &Error{Line: num, Col: skip + i + 1, Msg: "a CR not followed by LF: lines must end in LF or CRLF"}
			return false
		}
		b := blank(text[off : off+n])
		if b && prevBlank {
			return true // one line stands for the run
		}
		prevBlank = b
		l := line{num: int32(num)}
		ff := strings.HasPrefix(s, "\f")
		t := strings.TrimLeft(s, "\f")
		start := off + len(s) - len(t)
		t = strings.TrimRight(t, " \t\r\f\v")
		l.off, l.end = int32(start), int32(start+len(t))
		for _, c := range t {
			if c == ' ' {
				l.indent++
			} else if c == '\t' {
				l.indent = l.indent/8*8 + 8
			} else {
				break
			}
		}
		switch {
		case isPageFooter(t) || isPageHeader(t):
			l.kind = linePage
		case strings.TrimLeft(t, " \t") == "":
			l.kind = lineBlank
			if ff {
				l.kind = linePage
			}
		}
		lines = append(lines, l)
		return true
	})
	if err != nil {
		return "", nil, err
	}
	return src, lines, nil
}

// isPageFooter reports whether s is a page footer such as
// "Fielding, et al.            Standards Track                    [Page 12]".
func isPageFooter(s string) bool {
	if s == "" || s[0] == ' ' || s[0] == '\t' || !strings.HasSuffix(s, "]") {
		return false
	}
	i := strings.LastIndex(s, "[Page ")
	return i > 0 && allDigits(s[i+len("[Page "):len(s)-1])
}

// isPageHeader reports whether s is a page header such as
// "RFC 2616                        HTTP/1.1                       June 1999".
func isPageHeader(s string) bool {
	rest, ok := strings.CutPrefix(s, "RFC ")
	if !ok {
		return false
	}
	i := strings.IndexAny(rest, " \t")
	if i <= 0 || !allDigits(rest[:i]) || !strings.HasPrefix(rest[i:], "  ") {
		return false
	}
	j := strings.LastIndexByte(s, ' ')
	return j > 0 && len(s)-j-1 == 4 && allDigits(s[j+1:])
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// heading is a section heading found in the text.
type heading struct {
	line    int    // index into lines
	section string // "3.1", "A", "B.1"; "" for an unnumbered heading
	title   string
}

// unnumbered lists the unnumbered headings that end the numbered section
// before them.
var unnumbered = map[string]bool{
	"abstract": true, "status of this memo": true, "copyright notice": true,
	"table of contents": true, "index": true, "authors' addresses": true,
	"author's address": true, "authors addresses": true, "acknowledgements": true,
	"acknowledgments": true, "full copyright statement": true,
	"intellectual property": true, "acknowledgement": true, "acknowledgment": true,
	"contributors": true, "references": true,
}

// findHeadings returns the section headings of the text in order.
func findHeadings(src string, lines []line) []heading {
	var heads []heading
	var last []int
	for i, l := range lines {
		if l.kind != lineText || l.indent != 0 {
			continue
		}
		text := l.text(src)
		if unnumbered[strings.ToLower(text)] {
			heads = append(heads, heading{line: i, title: text})
			continue
		}
		sec, title, key, ok := parseHeading(text)
		if !ok || !follows(last, key) {
			continue
		}
		last = key
		heads = append(heads, heading{line: i, section: sec, title: title})
	}
	return heads
}

// appendixBase is added to an appendix letter's index so that appendices
// order after numbered sections.
const appendixBase = 1000

// parseHeading parses a numbered heading line: "3.1 HTTP Version",
// "2.7.1.  http URI Scheme", "Appendix A.  Collected ABNF", "B.1.  Core Rules".
// key is the section number as integers, appendix letters as appendixBase+n.
func parseHeading(s string) (section, title string, key []int, ok bool) {
	if len(s) > 90 || strings.Contains(s, "...") || strings.Contains(s, ". . .") {
		return "", "", nil, false
	}
	var num string
	if rest, found := strings.CutPrefix(s, "Appendix "); found {
		if rest == "" || rest[0] < 'A' || rest[0] > 'Z' {
			return "", "", nil, false
		}
		num, title = cutNumber(rest)
		if len(strings.TrimSuffix(num, ".")) != 1 {
			return "", "", nil, false
		}
	} else {
		num, title = cutNumber(s)
		// Without "Appendix", a lettered heading has a subsection number
		// ("B.1."): prose at column 0 may start with "A ".
		if num != "" && isLetter(num[0]) && len(strings.TrimSuffix(num, ".")) < 3 {
			return "", "", nil, false
		}
	}
	if num == "" {
		return "", "", nil, false
	}
	num = strings.TrimSuffix(num, ".")
	for i, part := range strings.Split(num, ".") {
		if i == 0 && len(part) == 1 && part[0] >= 'A' && part[0] <= 'Z' {
			key = append(key, appendixBase+int(part[0]-'A'))
			continue
		}
		n, err := strconv.Atoi(part)
		if err != nil || !allDigits(part) || n > 999 {
			return "", "", nil, false
		}
		key = append(key, n)
	}
	// A heading's title is a short phrase, not the rest of a sentence.
	if strings.HasSuffix(title, ".") || strings.HasSuffix(title, ",") || strings.Contains(title, ". ") {
		if title != "" {
			return "", "", nil, false
		}
	}
	return num, title, key, true
}

// cutNumber splits "3.1.  Title" into "3.1." and "Title". The number is
// empty when s does not start with one followed by white space (or the end
// of the line, for "Appendix A").
func cutNumber(s string) (num, title string) {
	i := 0
	for i < len(s) && (s[i] == '.' || s[i] >= '0' && s[i] <= '9' || i == 0 && s[i] >= 'A' && s[i] <= 'Z') {
		i++
	}
	if i == 0 || s[0] == '.' || strings.Contains(s[:i], "..") {
		return "", ""
	}
	if i < len(s) && s[i] != ' ' && s[i] != '\t' {
		return "", ""
	}
	num, title = s[:i], strings.TrimSpace(s[i:])
	if num[0] >= 'A' && num[0] <= 'Z' && len(num) > 1 && num[1] != '.' {
		return "", ""
	}
	if title == "" && !(num[0] >= 'A' && num[0] <= 'Z') {
		return "", ""
	}
	return num, title
}

// follows reports whether a heading numbered next plausibly follows one
// numbered last (nil before the first heading, when any section up to 99
// or Appendix A will do): a subsection of last, or the next one or two of last or of
// one of its ancestors, or a subsection of those, where every added level
// starts at 1 or 2 (RFC 2616 goes from "13" straight to "13.1.1"); or the
// first appendix.
func follows(last, next []int) bool {
	low := func(ns []int) bool {
		for _, n := range ns {
			if n < 1 || n > 2 {
				return false
			}
		}
		return true
	}
	if len(last) == 0 {
		return len(next) >= 1 && (next[0] <= 99 || next[0] == appendixBase) && low(next[1:])
	}
	if len(next) > len(last) && equalInts(next[:len(last)], last) && low(next[len(last):]) {
		return true
	}
	for p := 0; p < len(last) && p < len(next); p++ {
		if equalInts(next[:p], last[:p]) && next[p] > last[p] && next[p] <= last[p]+2 && low(next[p+1:]) {
			return true
		}
	}
	return next[0] == appendixBase && last[0] < appendixBase && low(next[1:])
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// selected is a set of section prefixes; nil means every section.
type selected []string

func (s selected) has(section string) bool {
	if s == nil {
		return true
	}
	for _, p := range s {
		if section == p || strings.HasPrefix(section, p+".") {
			return true
		}
	}
	return false
}

// selection resolves an Options.Section value against the headings.
func selection(opt string, heads []heading) (selected, error) {
	opt = strings.TrimSpace(opt)
	switch opt {
	case WholeDocument:
		return nil, nil
	case "":
		var sel selected
		for _, h := range heads {
			if h.section != "" && strings.Contains(strings.ToLower(h.title), "collected abnf") {
				sel = append(sel, h.section)
			}
		}
		if sel != nil {
			return sel, nil
		}
		for _, h := range heads {
			t := strings.ToLower(h.title)
			if h.section != "" && strings.Contains(t, "abnf") && (strings.Contains(t, "definition") || strings.Contains(t, "core")) {
				sel = append(sel, h.section)
			}
		}
		return sel, nil // nil: the whole document
	}
	var sel selected
	for _, s := range strings.Split(opt, ",") {
		s = strings.TrimSpace(s)
		if len(s) > len("appendix ") && strings.EqualFold(s[:len("appendix ")], "appendix ") {
			s = s[len("appendix "):]
		}
		s = strings.TrimPrefix(s, "§")
		s = strings.TrimSuffix(s, ".")
		// An appendix is a capital letter in the text ("A.2"); "a.2"
		// means it too.
		s = strings.ToUpper(s)
		found := false
		for _, h := range heads {
			if h.section != "" && (h.section == s || strings.HasPrefix(h.section, s+".")) {
				found = true
				break
			}
		}
		if !found {
			return nil, fmt.Errorf("extract: no section %q in the text", s)
		}
		sel = append(sel, s)
	}
	return sel, nil
}

// candidate is a rule whose text reads as ABNF, before the reference check.
type candidate struct {
	Rule
	terminal bool     // has a quoted string, prose or number
	refs     []string // rule names referred to, lower case
}

// plausible reports whether c is more than notation or pseudo-code: it has
// a terminal or refers to a rule defined in the document or a core rule.
func (c *candidate) plausible(defined map[string]bool) bool {
	if c.terminal {
		return true
	}
	self := strings.ToLower(c.Name)
	for _, r := range c.refs {
		if r != self && defined[r] {
			return true
		}
	}
	return false
}

// findRules returns every rule in the text whose right-hand side reads as
// ABNF, with its section; more than MaxRules are an *Error at the one
// past the cap.
func findRules(src string, lines []line, heads []heading) ([]candidate, error) {
	var cands []candidate
	h, section := 0, ""
	for i := 0; i < len(lines); {
		for h < len(heads) && heads[h].line <= i {
			section = heads[h].section
			h++
		}
		l := lines[i]
		name, ok := ruleName(l.text(src))
		if l.kind != lineText || !ok {
			i++
			continue
		}
		segs := ruleLines(lines, i)
		for m := len(segs); m > 0; m-- {
			var idx []int
			for _, s := range segs[:m] {
				idx = append(idx, s...)
			}
			c, ok := scanRule(src, lines, idx, name)
			if ok && len(cands) == MaxRules {
				t := l.text(src)
				return nil, &Error{Line: c.Line, Col: len(t) - len(strings.TrimLeft(t, " \t")) + 1, Msg: fmt.Sprintf("more than %d rules (extract.MaxRules): not the text of an RFC", MaxRules)}
			}
			if ok {
				c.Section = section
				cands = append(cands, c)
				i = idx[len(idx)-1]
				break
			}
		}
		i++
	}
	return cands, nil
}

// ruleName returns the rule name that starts s if s starts a rule
// ("name =" or "name =/").
func ruleName(s string) (string, bool) {
	s = strings.TrimLeft(s, " \t")
	n := nameLen(s)
	if n == 0 {
		return "", false
	}
	rest := strings.TrimLeft(s[n:], " \t")
	if !strings.HasPrefix(rest, "=") {
		return "", false
	}
	return s[:n], true
}

// nameLen returns the length of the rule name at the start of s, or 0.
func nameLen(s string) int {
	if s == "" || !isLetter(s[0]) {
		return 0
	}
	n := 1
	for n < len(s) && (isLetter(s[n]) || isDigit(s[n]) || s[n] == '-' || s[n] == '_') {
		n++
	}
	return n
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }

// ruleLines returns the indices of the lines of the rule starting at
// lines[start], in segments split at page breaks: the caller drops trailing
// segments when the text after a page break does not read as ABNF.
func ruleLines(lines []line, start int) [][]int {
	ind := lines[start].indent
	segs := [][]int{{start}}
	total := 1
	for j := start + 1; j < len(lines) && total <= maxRuleLines; {
		if lines[j].kind == lineText {
			if lines[j].indent <= ind {
				break
			}
			segs[len(segs)-1] = append(segs[len(segs)-1], j)
			total++
			j++
			continue
		}
		k, page := j, false
		for k < len(lines) && lines[k].kind != lineText {
			page = page || lines[k].kind == linePage
			k++
		}
		if !page || k == len(lines) || lines[k].indent <= ind {
			break
		}
		segs = append(segs, nil)
		j = k
	}
	if total > maxRuleLines {
		return nil
	}
	return segs
}

// scanRule checks that the lines idx of a rule named name read as ABNF and
// lays them out.
func scanRule(src string, lines []line, idx []int, name string) (candidate, bool) {
	var c candidate
	var sc scanner
	first := lines[idx[0]]
	head := strings.TrimLeft(first.text(src), " \t")
	rest := strings.TrimLeft(head[len(name):], " \t")
	rest = strings.TrimPrefix(rest[1:], "/") // after "=" or "=/"
	if !sc.scan(rest) {
		return c, false
	}
	var b strings.Builder
	b.WriteString(head)
	b.WriteByte('\n')
	for _, j := range idx[1:] {
		l := lines[j]
		text := strings.TrimLeft(l.text(src), " \t")
		if !sc.scan(text) {
			return c, false
		}
		b.WriteString(strings.Repeat(" ", int(l.indent-first.indent)))
		b.WriteString(text)
		b.WriteByte('\n')
	}
	if sc.prose > 0 || sc.elems == 0 {
		return c, false
	}
	c.Name, c.Text, c.Line = name, b.String(), int(first.num)
	c.terminal, c.refs = sc.terminal, sc.refs
	return c, true
}

// scanner checks the right-hand side of a rule, line by line, in the RFC
// 5234 and RFC 2616 dialects. Prose (<...>, which may nest as in
// <any TEXT except <">>) may span lines; quoted strings may not.
type scanner struct {
	prose    int // depth of < > nesting
	elems    int
	terminal bool
	refs     []string
}

// scan reads one line; it reports false when the line is not ABNF.
func (sc *scanner) scan(s string) bool {
	i := 0
	// str steps over the char-val whose opening quote is at open (a
	// terminal element); it reports false when no quote closes it.
	str := func(open int) bool {
		j := strings.IndexByte(s[open+1:], '"')
		if j < 0 {
			return false
		}
		i = open + j + 2
		sc.elems++
		sc.terminal = true
		return true
	}
	for i < len(s) {
		c := s[i]
		if sc.prose > 0 {
			switch c {
			case '<':
				sc.prose++
			case '>':
				sc.prose--
				if sc.prose == 0 {
					sc.elems++
					sc.terminal = true
				}
			}
			i++
			continue
		}
		switch {
		case c == ' ' || c == '\t':
			i++
		case c == ';':
			return true
		case c == '"':
			if !str(i) {
				return false
			}
		case c == '<':
			sc.prose = 1
			i++
		case c == '%':
			i++
			// RFC 7405 §2.1: %s"..." is case-sensitive, %i"..." is
			// case-insensitive (ABNF strings are themselves
			// case-insensitive, so %S and %I too).
			if i+1 < len(s) && strings.IndexByte("sSiI", s[i]) >= 0 && s[i+1] == '"' {
				if !str(i + 1) {
					return false
				}
				continue
			}
			if i >= len(s) || !strings.ContainsRune("bBdDxX", rune(s[i])) {
				return false
			}
			i++
			start := i
			for i < len(s) && (isHex(s[i]) || s[i] == '.' || s[i] == '-') {
				i++
			}
			if i == start || !isHex(s[start]) {
				return false
			}
			sc.elems++
			sc.terminal = true
		case isDigit(c) || c == '*' || c == '#':
			for i < len(s) && (isDigit(s[i]) || s[i] == '*' || s[i] == '#') {
				i++
			}
			// A repetition prefixes an element.
			if i >= len(s) || !(isLetter(s[i]) || strings.IndexByte("([\"<%", s[i]) >= 0) {
				return false
			}
		case isLetter(c):
			n := nameLen(s[i:])
			sc.refs = append(sc.refs, strings.ToLower(s[i:i+n]))
			sc.elems++
			i += n
		case strings.IndexByte("()[]|/", c) >= 0:
			i++
		default:
			return false
		}
	}
	return true
}

func isHex(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }
