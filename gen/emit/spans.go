package emit

import (
	"fmt"
	"strings"

	"github.com/abnfc/abnfc/gen/automata"
)

// spansFunc writes SpansR for a rule annotated @spans: its constants, the
// tables of its span machine and the machine as goto code, in which an
// edge with marks records where spans open and appends them as they
// close (automata.CompileSpans says how marks are decided).
func (f *file) spansFunc(r Rule) {
	m := r.Spans
	n := f.cfg.Prefix + GoName(r.Rule.Name)
	name := f.id("Spans_" + GoName(r.Rule.Name))
	f.P()
	f.P("// The spans Spans", n, " reports, as Span.Capture (@spans of rule ", r.Rule.Name, ").")
	f.P("const (")
	for i, sp := range m.Spans {
		f.P(n, "Span", GoName(sp), " = ", i, " // ", sp)
	}
	f.P(")")
	f.P()
	f.P("// ", n, "SpanNames holds the rule name of each ", n, "Span constant.")
	f.P("var ", n, "SpanNames = [...]string{")
	for _, sp := range m.Spans {
		f.P(fmt.Sprintf("%q,", sp))
	}
	f.P("}")
	f.P()
	f.P("// Spans", n, " returns the length of the longest prefix of b in the language")
	f.P("// of rule ", r.Rule.Name, " (as Scan", n, " does) and appends to dst the spans of")
	f.P("// ", strings.Join(m.Spans, ", "), " in that prefix, in one pass: each span when it")
	f.P("// ends, inner before outer, with Capture one of the ", n, "Span constants.")
	f.P("// An empty match reports no span. Without a match it returns dst")
	f.P("// unchanged, -1 and false.")
	f.P("func Spans", n, "(b []byte, dst []", f.cfg.Prefix, "Span) ([]", f.cfg.Prefix, "Span, int, bool) {")
	finals := false
	for _, s := range m.States {
		if s.Accept && s.Final != 0 {
			finals = true
		}
	}
	// A rule whose span rules only match empty has no marks at all.
	if len(m.Marks) > 1 {
		f.P("var open [", len(m.Spans), "]int")
	}
	if finals {
		f.P("var lastOpen [", len(m.Spans), "]int")
	}
	f.P("base := len(dst)")
	f.P("i, last, lastN, lastSt := 0, -1, base, 0")
	f.P("var c byte")
	_, order := f.loopTables(name, m)
	f.P("goto s0")
	f.gotoStates(name, m, gotoCode{
		accept: func(si int) {
			if finals {
				f.P("last, lastN, lastSt, lastOpen = i, len(dst), ", si, ", open")
			} else {
				f.P("last, lastN = i, len(dst)")
			}
		},
		end:  func(int) { f.P("goto done") },
		fail: func(int) { f.P("goto done") },
		marks: func(e automata.Edge) {
			f.marks(m.Marks[e.Marks], "i", r.SpansNullable)
		},
	})
	f.P("done:")
	f.P("if last < 0 {")
	f.P("return dst[:base], -1, false")
	f.P("}")
	f.P("dst = dst[:lastN]")
	if finals {
		f.P("open = lastOpen")
		f.P("switch lastSt {")
		for si, s := range m.States {
			if s.Accept && s.Final != 0 {
				f.P("case ", si, ":")
				f.marks(m.Marks[s.Final], "last", r.SpansNullable)
			}
		}
		f.P("}")
	} else {
		f.P("_ = lastSt")
	}
	f.P("return dst, last, true")
	f.P("}")
	f.classTable(name, m)
	f.writeLoops(name, order)
}

// marks writes the statements of span marks at position at (less each
// mark's Back). A span whose rule cannot match the empty string (by
// nullable, see Rule.SpansNullable) always ends after it opened, so its
// close appends without testing for an empty match: a compare and a
// branch per span saved (SpansMessageHead 0.92-0.96 of the time on the
// browser head, side by side at both 64-byte phases).
func (f *file) marks(ms []automata.Mark, at string, nullable []bool) {
	for _, k := range ms {
		pos := at
		if k.Back > 0 {
			pos = fmt.Sprint(at, " - ", k.Back)
		}
		if k.Open {
			f.P("open[", k.Span, "] = ", pos)
			continue
		}
		span := fmt.Sprint(f.cfg.Prefix, "Span{Capture: ", k.Span, ", Start: open[", k.Span, "], End: ")
		if nullable != nil && !nullable[k.Span] {
			f.P("dst = append(dst, ", span, pos, "})")
			continue
		}
		f.P("if p := ", pos, "; p > open[", k.Span, "] {")
		f.P("dst = append(dst, ", span, "p})")
		f.P("}")
	}
}
