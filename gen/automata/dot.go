package automata

import (
	"fmt"
	"io"
	"strings"
)

// WriteDot writes the program as Graphviz DOT: one cluster per machine,
// states labelled with the grammar positions they stand for, edges with
// their bytes, calls dashed.
func (p *Program) WriteDot(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "digraph %q {\n\trankdir=LR;\n\tnode [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=10];\n\tedge [fontname=\"Helvetica\", fontsize=9];\n", p.Rule)
	for mi, m := range p.Machines {
		fmt.Fprintf(&b, "\tsubgraph cluster_%d {\n\t\tlabel=%q;\n", mi, m.Rule)
		for si, s := range m.States {
			label := fmt.Sprintf("%s %d", m.Rule, si)
			if len(s.Labels) > 0 {
				ls := make([]string, len(s.Labels))
				for i, l := range s.Labels {
					ls[i] = ShortLabel(l)
				}
				if len(ls) > 4 {
					ls = append(ls[:4:4], fmt.Sprintf("(%d more)", len(s.Labels)-4))
				}
				label += "\n" + strings.Join(ls, "\n")
			}
			shape := ""
			if s.Accept {
				shape = ", peripheries=2"
			}
			fmt.Fprintf(&b, "\t\tm%d_s%d [label=%q%s];\n", mi, si, label, shape)
		}
		b.WriteString("\t}\n")
		for si, s := range m.States {
			// Group classes with the same edge.
			type key struct{ to, call int }
			var order []key
			sets := map[key]ByteSet{}
			for c, e := range s.Next {
				if e.Dead() {
					continue
				}
				k := key{e.To, e.Call}
				if _, ok := sets[k]; !ok {
					order = append(order, k)
				}
				set := sets[k]
				set.Or(m.Bytes(c))
				sets[k] = set
			}
			for _, k := range order {
				lbl := sets[k].String()
				if len(lbl) > 40 {
					lbl = lbl[:37] + "..."
				}
				if k.call >= 0 {
					fmt.Fprintf(&b, "\tm%d_s%d -> m%d_s0 [label=%q, style=dashed];\n", mi, si, k.call, "call "+lbl)
					fmt.Fprintf(&b, "\tm%d_s%d -> m%d_s%d [label=%q, style=dotted];\n", mi, si, mi, k.to, "return")
					continue
				}
				fmt.Fprintf(&b, "\tm%d_s%d -> m%d_s%d [label=%q];\n", mi, si, mi, k.to, lbl)
			}
		}
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// ShortLabel drops the rule name a state's label says twice, where the
// reference is to the rule whose element the state is at:
// "Request-Line: HTTP-Version › HTTP-Version: %s"HTTP"" reads
// "Request-Line: HTTP-Version › %s"HTTP"". Generated code and DOT
// output show labels so.
func ShortLabel(label string) string {
	outer, inner, ok := strings.Cut(label, " › ")
	if !ok || strings.Contains(inner, " › ") {
		return label
	}
	rule, elem, ok := strings.Cut(inner, ": ")
	if !ok {
		return label
	}
	if _, ref, ok := strings.Cut(outer, ": "); ok && strings.EqualFold(ref, rule) {
		return outer + " › " + elem
	}
	return label
}
