package grammar

import (
	"fmt"
	"io"
	"strings"
)

// Print writes the user rules of g in canonical form: annotations as
// "; @name args" comment lines above their rule, one rule per line (long
// alternations wrapped at their top-level operators), minimal
// parentheses, literals as quoted strings where that is exact and as %s or
// %x forms otherwise. Parsing the output in g's dialect yields an equal
// grammar (EqualGrammars), which a test checks.
func Print(w io.Writer, g *Grammar) error {
	var b strings.Builder
	for i, r := range g.UserRules() {
		if i > 0 {
			b.WriteByte('\n')
		}
		PrintRule(&b, g.Dialect, r)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// PrintRule writes one rule in canonical form.
func PrintRule(b *strings.Builder, d Dialect, r *Rule) {
	for _, a := range r.Annotations {
		b.WriteString("; @" + a.Name)
		if a.Args != "" {
			b.WriteString(" " + a.Args)
		}
		b.WriteByte('\n')
	}
	head := r.Name + " = "
	alts := []Node{r.Def}
	if a, ok := r.Def.(*Alt); ok {
		alts = a.Alts
	}
	op := altOp(d)
	line := head
	indent := strings.Repeat(" ", len(head)-2)
	for i, a := range alts {
		s := Format(d, a)
		if _, ok := a.(*Alt); ok {
			s = "(" + s + ")"
		}
		if i > 0 {
			if len(line)+len(op)+len(s) > 78 {
				b.WriteString(line + "\n")
				line = indent + op[1:]
			} else {
				line += op
			}
		}
		line += s
	}
	b.WriteString(line + "\n")
}

// Format returns n in the notation of dialect d, as Print writes it.
func Format(d Dialect, n Node) string {
	var b strings.Builder
	format(&b, d, n)
	return b.String()
}

func format(b *strings.Builder, d Dialect, n Node) {
	switch n := n.(type) {
	case *Alt:
		for i, a := range n.Alts {
			if i > 0 {
				b.WriteString(altOp(d))
			}
			formatParen(b, d, a, isAlt)
		}
	case *Concat:
		for i, a := range n.Items {
			if i > 0 {
				b.WriteByte(' ')
			}
			formatParen(b, d, a, func(n Node) bool { return isAlt(n) || isConcat(n) })
		}
	case *Repeat:
		if n.Min == 0 && n.Max == 1 {
			b.WriteByte('[')
			format(b, d, n.Item)
			b.WriteByte(']')
			return
		}
		b.WriteString(bounds(n.Min, n.Max, "*"))
		formatParen(b, d, n.Item, needsParenAsItem)
	case *List:
		b.WriteString(bounds(n.Min, n.Max, "#"))
		formatParen(b, d, n.Item, needsParenAsItem)
	case *Ref:
		b.WriteString(n.Name)
	case *Literal:
		b.WriteString(formatLiteral(d, n))
	case *Range:
		fmt.Fprintf(b, "%%x%02X-%02X", n.Lo, n.Hi)
	case *Prose:
		b.WriteString("<" + n.Text + ">")
	}
}

func isAlt(n Node) bool    { _, ok := n.(*Alt); return ok }
func isConcat(n Node) bool { _, ok := n.(*Concat); return ok }

func needsParenAsItem(n Node) bool {
	switch n := n.(type) {
	case *Alt, *Concat, *List:
		return true
	case *Repeat:
		return !(n.Min == 0 && n.Max == 1)
	}
	return false
}

func formatParen(b *strings.Builder, d Dialect, n Node, need func(Node) bool) {
	if need(n) {
		b.WriteByte('(')
		format(b, d, n)
		b.WriteByte(')')
		return
	}
	format(b, d, n)
}

func bounds(min, max int, op string) string {
	switch {
	case min == max && op == "*":
		return fmt.Sprint(min)
	case min == max:
		return fmt.Sprintf("%d%s%d", min, op, max)
	case max == Inf && min == 0:
		return op
	case max == Inf:
		return fmt.Sprint(min) + op
	case min == 0:
		return op + fmt.Sprint(max)
	}
	return fmt.Sprintf("%d%s%d", min, op, max)
}

func formatLiteral(d Dialect, l *Literal) string {
	quotable := true
	for i := 0; i < len(l.Text); i++ {
		if c := l.Text[i]; c < 0x20 || c > 0x7e || c == '"' {
			quotable = false
		}
	}
	switch {
	case d == RFC2616 && l.Text == `"`:
		return `<">`
	case quotable && l.Insensitive:
		return `%i"` + l.Text + `"`
	case quotable && (l.Fold || !hasLetter(l.Text)):
		return `"` + l.Text + `"`
	case quotable:
		return `%s"` + l.Text + `"`
	case l.Fold:
		// Not produced by the parser: a case-insensitive literal with bytes
		// a quoted string cannot hold. Spell each letter as an alternation.
		var parts []string
		for i := 0; i < len(l.Text); i++ {
			c := l.Text[i]
			if hasLetter(string(c)) {
				parts = append(parts, fmt.Sprintf("(%%x%02X%s%%x%02X)", c&^0x20, altOp(d), c|0x20))
			} else {
				parts = append(parts, fmt.Sprintf("%%x%02X", c))
			}
		}
		return "(" + strings.Join(parts, " ") + ")"
	}
	var b strings.Builder
	b.WriteString("%x")
	for i := 0; i < len(l.Text); i++ {
		if i > 0 {
			b.WriteByte('.')
		}
		fmt.Fprintf(&b, "%02X", l.Text[i])
	}
	return b.String()
}

// altOp is the alternation operator of d, with spaces.
func altOp(d Dialect) string {
	if d == RFC2616 {
		return " | "
	}
	return " / "
}
