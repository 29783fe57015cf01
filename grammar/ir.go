package grammar

import (
	"fmt"
	"strconv"
	"strings"
)

// Inf is the Max of an unbounded repetition or list.
const Inf = -1

// Node is an element of a rule's definition. The concrete types are Alt,
// Concat, Repeat, List, Ref, Literal, Range and Prose.
type Node interface {
	// Pos returns where the element starts in its source.
	Pos() Pos
	node()
}

// Alt is an alternation: any one of Alts matches. ABNF alternation is
// unordered (RFC 5234 §3.2), unlike a PEG's first-match choice.
type Alt struct {
	P    Pos
	Alts []Node
}

// Concat is a concatenation: Items in order (RFC 5234 §3.1).
type Concat struct {
	P     Pos
	Items []Node
}

// Repeat is a repetition of Item between Min and Max times; Max is Inf for
// no upper bound. An optional element "[x]" is Repeat{Min: 0, Max: 1}
// (RFC 5234 §3.6–§3.8).
type Repeat struct {
	P        Pos
	Min, Max int
	Item     Node
}

// List is a comma-separated list "<n>#<m>element" of RFC 2616 §2.1 or
// RFC 7230 §7. Null elements are allowed and not counted; the whitespace
// allowed around the commas depends on the grammar's dialect. Lower turns a
// List into plain ABNF.
type List struct {
	P        Pos
	Min, Max int
	Item     Node
}

// Ref is a reference to a rule by name. Rule names are case-insensitive.
type Ref struct {
	P    Pos
	Name string
}

// Literal is a string of bytes. Fold reports a case-insensitive match of
// ASCII letters (a quoted string in RFC 5234 §2.3, %i"..." in RFC 7405);
// num-vals and %s"..." strings have Fold false. A literal without ASCII
// letters always has Fold false, so equal languages have equal literals.
// Insensitive marks a literal written %i"..." (RFC 7405): it keeps Fold
// in a rule annotated @case-sensitive, which makes only the rule's plain
// quoted strings exact.
type Literal struct {
	P           Pos
	Text        string
	Fold        bool
	Insensitive bool
}

// Range is a num-val range of single bytes, %x30-39 (RFC 5234 §3.4).
type Range struct {
	P      Pos
	Lo, Hi byte
}

// Prose is a prose-val, <text> (RFC 5234 §4). It matches nothing by itself:
// Lower resolves a prose-val that names a defined rule to a reference and
// reports the others.
type Prose struct {
	P    Pos
	Text string
}

// The Pos methods return where each node starts (Node.Pos).
func (n *Alt) Pos() Pos     { return n.P }
func (n *Concat) Pos() Pos  { return n.P }
func (n *Repeat) Pos() Pos  { return n.P }
func (n *List) Pos() Pos    { return n.P }
func (n *Ref) Pos() Pos     { return n.P }
func (n *Literal) Pos() Pos { return n.P }
func (n *Range) Pos() Pos   { return n.P }
func (n *Prose) Pos() Pos   { return n.P }

func (*Alt) node()     {}
func (*Concat) node()  {}
func (*Repeat) node()  {}
func (*List) node()    {}
func (*Ref) node()     {}
func (*Literal) node() {}
func (*Range) node()   {}
func (*Prose) node()   {}

// NewLiteral returns a literal for text, normalising Fold to false when text
// has no ASCII letters.
func NewLiteral(pos Pos, text string, fold bool) *Literal {
	return &Literal{P: pos, Text: text, Fold: fold && hasLetter(text)}
}

func hasLetter(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c >= 'a' && c <= 'z' {
			return true
		}
	}
	return false
}

// Annotation is a tuning or semantic directive written as an ABNF comment
// starting with "@", such as "; @lws" or "; @limit 8190". Comments keep the
// grammar valid ABNF for other tools.
type Annotation struct {
	Pos  Pos
	Name string // without the "@", up to the first white space
	Args string // the rest of the comment, trimmed
}

// AnnotationName writes an annotation's name for a message: @name, or
// quoted as a Go string ("@na\x01me") when it holds a byte that is not
// printable ASCII, so that no control byte reaches a terminal.
func AnnotationName(name string) string {
	for i := 0; i < len(name); i++ {
		if name[i] <= ' ' || name[i] >= 0x7f {
			return strconv.Quote("@" + name)
		}
	}
	return "@" + name
}

// Well-known annotation names. The front end accepts any name; these are
// the ones abnfc interprets.
const (
	// AnnotRoot marks an entry point for the reachability check.
	AnnotRoot = "root"
	// AnnotLWS applies RFC 2616 §2.1's implied *LWS to the rule's own
	// concatenations.
	AnnotLWS = "lws"
	// AnnotCaseSensitive makes the rule's own quoted strings case-sensitive.
	AnnotCaseSensitive = "case-sensitive"
)

// Rule is a named rule with its whole definition: incremental alternatives
// (=/) are already merged into one Alt.
type Rule struct {
	Name        string // as first written
	Pos         Pos    // position of the name in the first definition
	Def         Node
	Annotations []Annotation
	Builtin     bool // from the dialect's prelude, not the user's source
}

// Annotation returns the rule's annotation called name, if any.
func (r *Rule) Annotation(name string) (Annotation, bool) {
	for _, a := range r.Annotations {
		if a.Name == name {
			return a, true
		}
	}
	return Annotation{}, false
}

// Has reports whether the rule carries the annotation called name.
func (r *Rule) Has(name string) bool {
	_, ok := r.Annotation(name)
	return ok
}

// Grammar is a set of rules in one dialect. Rules keeps definition order:
// the prelude's rules first, then the user's in source order.
type Grammar struct {
	Dialect Dialect
	Rules   []*Rule
	// Diagnostics holds the warnings and notes of reading the source
	// (such as a rule replacing a built-in one); Check reports them too.
	Diagnostics ErrorList
	byName      map[string]*Rule
}

// Key returns the case-folded form of a rule name used for lookup.
func Key(name string) string { return strings.ToLower(name) }

// Lookup returns the rule called name (case-insensitively), or nil.
func (g *Grammar) Lookup(name string) *Rule {
	return g.byName[Key(name)]
}

// Add adds r, replacing any rule of the same name in place. It returns the
// rule it replaced, or nil.
func (g *Grammar) Add(r *Rule) (old *Rule) {
	if g.byName == nil {
		g.byName = make(map[string]*Rule)
	}
	k := Key(r.Name)
	if old = g.byName[k]; old != nil {
		for i, x := range g.Rules {
			if x == old {
				g.Rules[i] = r
			}
		}
	} else {
		g.Rules = append(g.Rules, r)
	}
	g.byName[k] = r
	return old
}

// UserRules returns the rules that are not from the prelude.
func (g *Grammar) UserRules() []*Rule {
	var out []*Rule
	for _, r := range g.Rules {
		if !r.Builtin {
			out = append(out, r)
		}
	}
	return out
}

// Walk calls f for n and, while f returns true, for each node below it in
// depth-first order.
func Walk(n Node, f func(Node) bool) {
	if n == nil || !f(n) {
		return
	}
	switch n := n.(type) {
	case *Alt:
		for _, a := range n.Alts {
			Walk(a, f)
		}
	case *Concat:
		for _, a := range n.Items {
			Walk(a, f)
		}
	case *Repeat:
		Walk(n.Item, f)
	case *List:
		Walk(n.Item, f)
	}
}

// Equal reports whether a and b are the same element, ignoring positions
// and the spelling of rule names' case.
func Equal(a, b Node) bool {
	switch a := a.(type) {
	case *Alt:
		b, ok := b.(*Alt)
		return ok && equalSlices(a.Alts, b.Alts)
	case *Concat:
		b, ok := b.(*Concat)
		return ok && equalSlices(a.Items, b.Items)
	case *Repeat:
		b, ok := b.(*Repeat)
		return ok && a.Min == b.Min && a.Max == b.Max && Equal(a.Item, b.Item)
	case *List:
		b, ok := b.(*List)
		return ok && a.Min == b.Min && a.Max == b.Max && Equal(a.Item, b.Item)
	case *Ref:
		b, ok := b.(*Ref)
		return ok && Key(a.Name) == Key(b.Name)
	case *Literal:
		b, ok := b.(*Literal)
		return ok && a.Text == b.Text && a.Fold == b.Fold && a.Insensitive == b.Insensitive
	case *Range:
		b, ok := b.(*Range)
		return ok && a.Lo == b.Lo && a.Hi == b.Hi
	case *Prose:
		b, ok := b.(*Prose)
		return ok && a.Text == b.Text
	}
	return a == nil && b == nil
}

func equalSlices(a, b []Node) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}

// EqualGrammars reports whether a and b have the same user rules with equal
// definitions and annotations, ignoring positions. It returns a description
// of the first difference.
func EqualGrammars(a, b *Grammar) (bool, string) {
	ar, br := a.UserRules(), b.UserRules()
	if len(ar) != len(br) {
		return false, fmt.Sprintf("%d rules vs %d", len(ar), len(br))
	}
	for i := range ar {
		x, y := ar[i], br[i]
		if x.Name != y.Name {
			return false, fmt.Sprintf("rule %d: %s vs %s", i, x.Name, y.Name)
		}
		if !Equal(x.Def, y.Def) {
			return false, fmt.Sprintf("rule %s: definitions differ", x.Name)
		}
		if len(x.Annotations) != len(y.Annotations) {
			return false, fmt.Sprintf("rule %s: annotations differ", x.Name)
		}
		for j := range x.Annotations {
			if x.Annotations[j].Name != y.Annotations[j].Name || x.Annotations[j].Args != y.Annotations[j].Args {
				return false, fmt.Sprintf("rule %s: annotation %d differs", x.Name, j)
			}
		}
	}
	return true, ""
}

// Reachable returns r and the rules reachable from it through references,
// breadth first in order of appearance (undefined references are
// skipped).
func Reachable(g *Grammar, r *Rule) []*Rule {
	seen := map[*Rule]bool{r: true}
	out := []*Rule{r}
	for i := 0; i < len(out); i++ {
		Walk(out[i].Def, func(n Node) bool {
			if ref, ok := n.(*Ref); ok {
				if x := g.Lookup(ref.Name); x != nil && !seen[x] {
					seen[x] = true
					out = append(out, x)
				}
			}
			return true
		})
	}
	return out
}

// ReachableKeys is Reachable as a set of rule keys (see Key).
func ReachableKeys(g *Grammar, r *Rule) map[string]bool {
	keys := map[string]bool{}
	for _, x := range Reachable(g, r) {
		keys[Key(x.Name)] = true
	}
	return keys
}
