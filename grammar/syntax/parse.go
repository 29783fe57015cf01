package syntax

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/abnfc/abnfc/grammar"
)

// The participle grammar. These structs never leave this file: parse
// converts them to the grammar IR at once.
type (
	pFile struct {
		Rules []*pRule `parser:"( @@ | EOR )*"`
	}
	pRule struct {
		Pos  lexer.Position
		Name string `parser:"@Name"`
		Def  string `parser:"@DefinedAs"`
		Alt  *pAlt  `parser:"@@ EOR"`
	}
	pAlt struct {
		Pos   lexer.Position
		Items []*pConcat `parser:"@@ ( Alt @@ )*"`
	}
	pConcat struct {
		Pos   lexer.Position
		Items []*pRepeat `parser:"@@+"`
	}
	pRepeat struct {
		Pos    lexer.Position
		Repeat *string   `parser:"( @Repeat |"`
		List   *string   `parser:"@List )?"`
		Elem   *pElement `parser:"@@"`
	}
	pElement struct {
		Pos    lexer.Position
		Name   *string `parser:"@Name"`
		Group  *pAlt   `parser:"| LParen @@ RParen"`
		Option *pAlt   `parser:"| LBrack @@ RBrack"`
		String *string `parser:"| @String"`
		NumVal *string `parser:"| @NumVal"`
		Prose  *string `parser:"| @Prose"`
		Quote  *string `parser:"| @Quote"`
	}
)

// The grammar above is LL(1): every choice is made on the next token, and
// the scanner ends each rule with an EOR token. No lookahead past it
// (UseLookahead(0)) commits a branch as soon as it has taken a token, so a
// syntax error is reported at the token where the mistake is: with more
// lookahead, participle backtracks out of a group or an alternative that
// failed after a token or two and reports the error at its start
// ("a = "a" ( "b" / )" at the "(", not the ")").
var parser = participle.MustBuild[pFile](
	participle.Lexer(definition{}),
	participle.UseLookahead(0),
)

// Options configure Parse.
type Options struct {
	// Dialect is the notation of the source.
	Dialect grammar.Dialect
	// NoPrelude leaves out the dialect's built-in rules.
	NoPrelude bool
}

// Source is one named grammar source text.
type Source struct {
	Name string
	Text []byte
}

// ParseFile reads and parses the grammar in the named file.
func ParseFile(path string, opts Options) (*grammar.Grammar, error) {
	src, err := ReadSource(path)
	if err != nil {
		return nil, err
	}
	return Parse([]Source{{Name: path, Text: src}}, opts)
}

// ReadSource reads the grammar source in the named file, but no more than
// one byte beyond MaxSize: Parse reports a larger source, with the
// position where it crosses the limit.
func ReadSource(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, MaxSize+1))
}

// Parse parses the sources as one grammar: rules from all of them are
// merged, "=/" extends a rule defined with "=" in any source (in another
// source whatever their order; within one source after the "="), and the
// dialect's prelude
// is added unless opts.NoPrelude. The error, if any, is a
// grammar.ErrorList of positioned syntax errors (and duplicate
// definitions, which make the grammar ambiguous to read).
func Parse(srcs []Source, opts Options) (*grammar.Grammar, error) {
	g := &grammar.Grammar{Dialect: opts.Dialect}
	var errs grammar.ErrorList
	if !opts.NoPrelude {
		if err := addPrelude(g, opts.Dialect); err != nil {
			return nil, err
		}
	}
	c := converter{g: g, dialect: opts.Dialect, defined: map[string]*grammar.Rule{}}
	total := 0
	for _, src := range srcs {
		if total += len(src.Text); total > MaxTotal {
			errs.Add(grammar.Pos{File: src.Name, Line: 1, Col: 1}, grammar.SeverityError, "",
				"the grammar sources come to more than the limit of %d bytes (%d MiB) together; this one is not read", MaxTotal, MaxTotal>>20)
			c.incomplete = true
			break
		}
		errs = append(errs, c.file(src.Name, src.Text)...)
	}
	errs = append(errs, c.extend()...)
	errs.Sort()
	if errs.HasErrors() {
		return g, errs
	}
	g.Diagnostics = errs
	return g, nil
}

// ParseString is Parse of a single source.
func ParseString(name, src string, opts Options) (*grammar.Grammar, error) {
	return Parse([]Source{{Name: name, Text: []byte(src)}}, opts)
}

type converter struct {
	g       *grammar.Grammar
	dialect grammar.Dialect
	file_   string
	// defined holds the rules defined by the user's sources, by key.
	defined map[string]*grammar.Rule
	errs    grammar.ErrorList
	// redefined records prelude rules the user redefined.
	// rule is the name of the rule being converted, for messages.
	rule_ string
	// alts holds the incremental alternatives (=/) read so far, in
	// order; extend adds them once every source is read.
	alts []incremental
	// incomplete is set when a source's rules were not all read (a
	// syntax error, the size limit).
	incomplete bool
}

// incremental is one "=/" (RFC 5234 §3.3).
type incremental struct {
	pos     grammar.Pos
	name    string
	def     grammar.Node
	annots  []grammar.Annotation
	dropped bool // reported already
}

func (c *converter) pos(p lexer.Position) grammar.Pos {
	return grammar.Pos{File: c.file_, Offset: p.Offset, Line: p.Line, Col: p.Column}
}

func (c *converter) errorf(p grammar.Pos, rule, format string, args ...any) {
	c.errs.Add(p, grammar.SeverityError, rule, format, args...)
}

// file parses one source rule by rule: lexing and parsing stop at the
// first syntax error, and only one rule's tokens are held at a time.
func (c *converter) file(name string, src []byte) grammar.ErrorList {
	c.file_ = name
	c.errs = nil
	s := newScanner(name, src, c.dialect)
	type parsed struct {
		rule *pRule
		last int // the line of the rule's last token
	}
	var rules []parsed
	for {
		toks := s.next()
		end := toks[len(toks)-1]
		if end.Type == tokEOF && len(toks) == 1 {
			break
		}
		if len(s.errs) > 0 {
			continue // lex on, to report up to 10 lexical errors
		}
		// The rule ends in EOR; participle wants an EOF after it.
		eof := end
		eof.Type, eof.Value = tokEOF, ""
		pl, err := lexer.Upgrade(&replay{toks: toks, end: eof})
		if err != nil {
			c.incomplete = true
			return grammar.ErrorList{{Pos: grammar.Pos{File: name}, Msg: err.Error()}}
		}
		f, err := parser.ParseFromLexer(pl)
		if err != nil {
			var perr participle.Error
			p := grammar.Pos{File: name}
			msg := err.Error()
			if errors.As(err, &perr) {
				p = c.pos(perr.Position())
				msg = perr.Message()
			}
			c.errorf(p, "", "syntax error: %s", cleanMessage(msg))
			c.incomplete = true
			return c.errs
		}
		// The rule's last line is where its last token ends, as the EOR
		// after it says: a prose-val of the RFC 2616 dialect may wrap
		// over lines, and an annotation on the line of its '>' is the
		// rule's.
		last := end.Pos.Line
		for _, r := range f.Rules {
			rules = append(rules, parsed{r, last})
		}
	}
	if len(s.errs) > 0 {
		c.incomplete = true
		return s.errs
	}
	own := map[int]bool{}
	for _, cm := range s.comments {
		if cm.own {
			own[cm.pos.Line] = true
		}
	}
	first := len(c.alts)
	used := map[int]bool{}
	for _, r := range rules {
		c.rule(r.rule, annotationsFor(s.comments, own, r.rule.Pos.Line, r.last, used))
	}
	// An annotation that belongs to no rule (a blank line between it
	// and the rule, or after the rule's last line) would be dropped
	// without a word: a @limit that limits nothing, a @root that makes
	// no root.
	for _, cm := range s.comments {
		name, args, ok := annotation(cm.text)
		switch {
		case ok && name == "":
			// "; @ root" would be an annotation named "" and go
			// unread: no rule reads it, and Check reads none it does
			// not know.
			hint := ""
			if w := strings.Fields(args)[0]; len(w) <= 40 {
				hint = fmt.Sprintf(" (%s, not @ %s?)", grammar.AnnotationName(w), w)
				if grammar.AnnotationName(w) != "@"+w {
					hint = ""
				}
			}
			c.errorf(cm.pos, "", "annotation with no name: white space follows \"@\"%s", hint)
		case ok && !used[cm.pos.Offset]:
			c.errorf(cm.pos, "", "annotation %s belongs to no rule: an annotation is written on a line of its rule, or in the comment lines directly above it with no blank line between", grammar.AnnotationName(name))
		}
	}
	// Within one source, "=/" follows the rule's "=": an "=/" of a rule
	// this source defines only after it is an error, as it always was.
	for i := first; i < len(c.alts); i++ {
		a := &c.alts[i]
		if prev := c.defined[grammar.Key(a.name)]; prev != nil && prev.Pos.File == name && prev.Pos.Offset > a.pos.Offset {
			c.errorf(a.pos, a.name, "%s =/ comes before %s's definition at %s: within one source, =/ follows the rule's =", a.name, prev.Name, prev.Pos)
			a.dropped = true
		}
	}
	return c.errs
}

// extend adds the incremental alternatives to their rules, once every
// source is read: "=/" in one source extends a rule defined with "=" in
// any other, whatever the order of the sources (RFC 5234 §3.3: rulesets
// assembled from several specifications), and after an import has
// yielded to the definition it cites. The alternatives are added in the
// order they were read. An "=/" of a rule that no source defines is an
// error at it, unless a source was not read whole (a source with a syntax
// error defines none of its rules).
func (c *converter) extend() grammar.ErrorList {
	var errs grammar.ErrorList
	for _, a := range c.alts {
		if a.dropped {
			continue
		}
		prev := c.defined[grammar.Key(a.name)]
		switch {
		case prev != nil:
			prev.Def = appendAlt(prev.Def, a.def)
			prev.Annotations = append(prev.Annotations, a.annots...)
		case c.incomplete:
		case c.g.Lookup(a.name) != nil:
			// A rule of the dialect's prelude (RFC 5234 App. B's core
			// rules, RFC 2616 §2.2's basic rules): "=/" adds alternatives
			// to a rule the grammar defines (RFC 5234 §3.3), and a
			// built-in rule is only replaced by a definition of the
			// grammar's own.
			errs.Add(a.pos, grammar.SeverityError, a.name, "%s =/ extends built-in rule %s, which the grammar does not define: define it with = first", a.name, a.name)
		default:
			errs.Add(a.pos, grammar.SeverityError, a.name, "%s =/ extends rule %s, which no source defines with =", a.name, a.name)
		}
	}
	return errs
}

// annotationsFor returns the "@" comments of the rule on lines first to
// last: those on its own lines, and those in the block of whole-line
// comments directly above it (no blank line between). cs is in source
// order, and own holds the lines of whole-line comments; the work is in
// proportion to the rule's comments, not the source's. The offsets of
// the comments it returns are set in used.
func annotationsFor(cs []comment, own map[int]bool, first, last int, used map[int]bool) []grammar.Annotation {
	lo := first
	for own[lo-1] {
		lo--
	}
	var out []grammar.Annotation
	i := sort.Search(len(cs), func(i int) bool { return cs[i].pos.Line >= lo })
	for _, cm := range cs[i:] {
		if cm.pos.Line > last {
			break
		}
		name, args, ok := annotation(cm.text)
		if !ok {
			continue
		}
		used[cm.pos.Offset] = true
		out = append(out, grammar.Annotation{Pos: cm.pos, Name: name, Args: args})
	}
	return out
}

// annotation splits the text of a comment that is an annotation, "@name
// args", into its name and arguments: the name ends at the first white
// space (a space, a tab), and the arguments are trimmed of it.
func annotation(text string) (name, args string, ok bool) {
	t := strings.TrimSpace(text)
	if !strings.HasPrefix(t, "@") || len(t) == 1 {
		return "", "", false
	}
	t = t[1:]
	if i := strings.IndexFunc(t, unicode.IsSpace); i >= 0 {
		return t[:i], strings.TrimSpace(t[i:]), true
	}
	return t, "", true
}

// cleanMessage rewrites participle's message in the terms of ABNF: no
// names of this package's structs or tokens.
func cleanMessage(msg string) string {
	// An EOR token has no text.
	msg = strings.Replace(msg, `unexpected token ""`, "unexpected end of rule", 1)
	// participle quotes the token whole; a quoted string or prose-val
	// can be as long as the source, so the message quotes it bounded.
	if rest, ok := strings.CutPrefix(msg, "unexpected token "); ok {
		if q, err := strconv.QuotedPrefix(rest); err == nil {
			if tok, err := strconv.Unquote(q); err == nil {
				msg = "unexpected token " + grammar.Excerpt(tok, 24) + rest[len(q):]
			}
		}
	}
	head, exp, ok := strings.Cut(msg, " (expected ")
	if !ok {
		return msg
	}
	var want []string
	add := func(s string) {
		for _, w := range want {
			if w == s {
				return
			}
		}
		want = append(want, s)
	}
	for _, word := range firstWords(strings.TrimSuffix(exp, ")")) {
		switch strings.ToLower(strings.Trim(word, `"<>`)) {
		case "pelement", "palt", "pconcat", "prepeat":
			add("an element")
		case "definedas":
			add(`"=" or "=/"`)
		case "eor":
			// Not what the message says came (a = … "expected an
			// element or end of rule" at the end of the rule).
			if !strings.HasPrefix(head, "unexpected end of rule") {
				add("end of rule")
			}
		case "eof":
			add("end of input")
		case "lparen":
			add(`"("`)
		case "rparen":
			add(`")"`)
		case "lbrack":
			add(`"["`)
		case "rbrack":
			add(`"]"`)
		case "alt":
			add(`"/"`)
		case "name":
			add("a rule name")
		default:
			add(word)
		}
	}
	if len(want) == 0 {
		return head
	}
	return head + " (expected " + strings.Join(want, " or ") + ")"
}

// firstWords returns what may come first in participle's EBNF of what
// it expected: the first word of each alternative ("PAlt <rparen>" is
// the rest of a sequence, of which only PAlt may come next; "a | b" are
// two alternatives).
func firstWords(exp string) []string {
	var out []string
	depth, start := 0, true
	for _, w := range strings.Fields(exp) {
		if w == "|" {
			start = start || depth == 0
			continue
		}
		if t := strings.Trim(w, "()*+?!"); start && t != "" {
			out = append(out, t)
			start = false
		}
		depth += strings.Count(w, "(") - strings.Count(w, ")")
	}
	return out
}

func (c *converter) rule(r *pRule, annots []grammar.Annotation) {
	p := c.pos(r.Pos)
	c.rule_ = r.Name
	def := c.alt(r.Alt)
	k := grammar.Key(r.Name)
	if r.Def == "=/" {
		// Added once every source is read (extend).
		c.alts = append(c.alts, incremental{pos: p, name: r.Name, def: def, annots: annots})
		return
	}
	if prev := c.defined[k]; prev != nil {
		switch {
		// Rule names are case-insensitive (RFC 5234 §2.1), and an import
		// may spell the name otherwise than the document it cites: RFC
		// 9110 has language-tag = <Language-Tag, see [RFC5646], ...>.
		case prev.Pos.File != p.File && isImport(def):
			// An import of a rule defined here already: nothing to add.
			return
		case prev.Pos.File != p.File && isImport(prev.Def):
			// The definition an earlier import stood for (the name stays
			// as first written, as the rules that use it spell it).
			prev.Pos, prev.Def, prev.Annotations = p, def, annots
			return
		case prev.Name == r.Name && prev.Pos.File != p.File && grammar.Equal(prev.Def, def) && len(annots) == 0:
			// Two documents that define a rule alike (RFC 9110 and
			// RFC 9112 both have method = token) agree.
			return
		}
		if prev.Name != r.Name {
			c.errorf(p, r.Name, "rule %s collides with rule %s defined at %s (rule names are case-insensitive)", r.Name, prev.Name, prev.Pos)
		} else {
			c.errorf(p, r.Name, "duplicate definition of rule %s (first defined at %s; use =/ to add alternatives)", r.Name, prev.Pos)
		}
		return
	}
	if b := c.g.Lookup(r.Name); b != nil && b.Builtin && isImport(def) {
		// An import of a core rule (DIGIT = <DIGIT, see [RFC5234]>): the
		// built-in rule is that definition.
		return
	}
	nr := &grammar.Rule{Name: r.Name, Pos: p, Def: def, Annotations: annots}
	if old := c.g.Add(nr); old != nil && old.Builtin && !grammar.Equal(old.Def, nr.Def) {
		c.errs.Add(p, grammar.SeverityNote, r.Name, "rule %s replaces the built-in %s rule", r.Name, c.dialect)
	}
	c.defined[k] = nr
}

// isImport reports whether a rule's definition is an import: one
// prose-val that cites another document, as RFC 9112's collected ABNF
// (Appendix A) writes the rules it takes from RFC 9110:
//
//	token = <token, see [HTTP], Section 5.6.2>
//
// Read together with the document that defines the rule, an import yields
// to the definition (in either order) instead of being a duplicate; alone
// a rule that reaches it is refused (grammar.Check warns).
func isImport(def grammar.Node) bool {
	p, ok := def.(*grammar.Prose)
	return ok && p.Cites()
}

// appendAlt returns the alternation of a and b, flattened.
func appendAlt(a, b grammar.Node) grammar.Node {
	var alts []grammar.Node
	for _, n := range []grammar.Node{a, b} {
		if x, ok := n.(*grammar.Alt); ok {
			alts = append(alts, x.Alts...)
		} else {
			alts = append(alts, n)
		}
	}
	return &grammar.Alt{P: a.Pos(), Alts: alts}
}

func (c *converter) alt(a *pAlt) grammar.Node {
	if len(a.Items) == 1 {
		return c.concat(a.Items[0])
	}
	n := &grammar.Alt{P: c.pos(a.Pos)}
	for _, it := range a.Items {
		n.Alts = append(n.Alts, c.concat(it))
	}
	return n
}

func (c *converter) concat(a *pConcat) grammar.Node {
	if len(a.Items) == 1 {
		return c.repeat(a.Items[0])
	}
	n := &grammar.Concat{P: c.pos(a.Pos)}
	for _, it := range a.Items {
		n.Items = append(n.Items, c.repeat(it))
	}
	return n
}

func (c *converter) repeat(r *pRepeat) grammar.Node {
	elem := c.element(r.Elem)
	p := c.pos(r.Pos)
	switch {
	case r.Repeat != nil:
		min, max, err := bounds(*r.Repeat, "*", c.rule_)
		if err != nil {
			c.errorf(p, c.rule_, "%v", err)
		}
		return &grammar.Repeat{P: p, Min: min, Max: max, Item: elem}
	case r.List != nil:
		min, max, err := bounds(*r.List, "#", c.rule_)
		if err != nil {
			c.errorf(p, c.rule_, "%v", err)
		}
		return &grammar.List{P: p, Min: min, Max: max, Item: elem}
	}
	return elem
}

// maxCount bounds repetition counts so that no later stage can be asked for
// an absurd unrolling.
const maxCount = 1 << 16

// bounds parses "n*m", "*", "n" (exactly n) and the '#' forms.
func bounds(s, op, rule string) (min, max int, err error) {
	lo, hi, found := strings.Cut(s, op)
	if !found {
		n, err := count(s, rule)
		return n, n, err
	}
	min, max = 0, grammar.Inf
	if lo != "" {
		if min, err = count(lo, rule); err != nil {
			return 0, grammar.Inf, err
		}
	}
	if hi != "" {
		if max, err = count(hi, rule); err != nil {
			return min, grammar.Inf, err
		}
	}
	return min, max, nil
}

func count(s, rule string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n > maxCount {
		return 0, fmt.Errorf("repetition count %s in rule %s is larger than %d", grammar.Excerpt(s, 12), rule, maxCount)
	}
	return n, nil
}

func (c *converter) element(e *pElement) grammar.Node {
	p := c.pos(e.Pos)
	switch {
	case e.Name != nil:
		return &grammar.Ref{P: p, Name: *e.Name}
	case e.Group != nil:
		return c.alt(e.Group)
	case e.Option != nil:
		return &grammar.Repeat{P: p, Min: 0, Max: 1, Item: c.alt(e.Option)}
	case e.String != nil:
		s := *e.String
		fold, marked := true, false
		if s[0] == '%' {
			fold, marked = s[1]|0x20 == 'i', true
			s = s[2:]
		}
		l := grammar.NewLiteral(p, s[1:len(s)-1], fold)
		l.Insensitive = marked && l.Fold // %i"...": case-insensitive even under @case-sensitive
		return l
	case e.NumVal != nil:
		n, err := numVal(p, *e.NumVal, c.rule_)
		if err != nil {
			c.errorf(p, c.rule_, "%v", err)
			return grammar.NewLiteral(p, "", false)
		}
		return n
	case e.Prose != nil:
		s := *e.Prose
		return &grammar.Prose{P: p, Text: s[1 : len(s)-1]}
	case e.Quote != nil:
		return grammar.NewLiteral(p, `"`, false)
	}
	panic("unreachable")
}

// numVal converts %x41, %x41-5A and %x0D.0A (RFC 5234 §4 num-val) in
// rule. Its errors quote s bounded (grammar.Excerpt): the digits can be
// as many as the line holds.
func numVal(p grammar.Pos, s, rule string) (grammar.Node, error) {
	base := map[byte]int{'x': 16, 'd': 10, 'b': 2}[s[1]|0x20]
	body := s[2:]
	if lo, hi, ok := strings.Cut(body, "-"); ok {
		l, err := byteVal(lo, base, s, rule)
		if err != nil {
			return nil, err
		}
		h, err := byteVal(hi, base, s, rule)
		if err != nil {
			return nil, err
		}
		if l > h {
			return nil, fmt.Errorf("num-val range %s in rule %s is empty: %#02x > %#02x", grammar.Excerpt(s, 24), rule, l, h)
		}
		return &grammar.Range{P: p, Lo: l, Hi: h}, nil
	}
	var b []byte
	for _, part := range strings.Split(body, ".") {
		v, err := byteVal(part, base, s, rule)
		if err != nil {
			return nil, err
		}
		b = append(b, v)
	}
	return grammar.NewLiteral(p, string(b), false), nil
}

// byteVal converts the digits of one value of the num-val whole in rule.
// A value too large for 64 bits is above 0xFF like any other (strconv
// reports a range error, not a syntax error, for it).
func byteVal(digits string, base int, whole, rule string) (byte, error) {
	v, err := strconv.ParseUint(digits, base, 64)
	if errors.Is(err, strconv.ErrRange) || err == nil && v > 0xFF {
		return 0, fmt.Errorf("num-val %s in rule %s is above 0xFF: abnfc grammars describe bytes", grammar.Excerpt(whole, 24), rule)
	}
	if err != nil || digits == "" {
		return 0, fmt.Errorf("malformed num-val %s in rule %s", grammar.Excerpt(whole, 24), rule)
	}
	return byte(v), nil
}
