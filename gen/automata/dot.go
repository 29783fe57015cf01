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
				ls := s.Labels
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
