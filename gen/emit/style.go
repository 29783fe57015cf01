package emit

import (
	"fmt"
	"sort"
	"strings"

	"github.com/abnfc/abnfc/gen/automata"
	"github.com/abnfc/abnfc/grammar"
)

// Styles of the emitted code. The table and switch styles differ only in
// MatchR of a rule that compiles to one machine without calls, @limit or
// @extern; everything else runs the engine's tables. The goto style
// writes every machine as goto code: MatchR, ScanR and the streaming
// machine's Write of such a rule run it directly, and the engine runs it
// for the machines of every other rule between calls and returns.
const (
	// StyleTable interprets the transition table in a loop (the engine).
	StyleTable = "table"
	// StyleSwitch is a loop over the input with a switch on the state and,
	// inside, a switch on the byte's class.
	StyleSwitch = "switch"
	// StyleGoto gives every state a label and jumps between them, as
	// Ragel's -G2.
	StyleGoto = "goto"
)

// MaxGotoStates is the most states that the goto style writes as one
// goto function, the default of Config.MaxGotoStates (abnfc gen
// -max-goto-states). A machine with more runs from its tables: MatchR,
// ScanR and the streaming Write of its rule run the engine's loop, as in
// the table style, and so does MatchR of a rule with calls whose
// machines have more states in all. The Go compiler's time and memory on
// a goto function grow about as the square of its states; measured on
// this 2-vCPU VM (go build of the generated file, 2026-12), a literal of
// n bytes (n+1 states, each with a word test of the literal chain):
//
//	states   goto            table          switch
//	1001     3.0 s  0.47 GB  0.15 s 0.03 GB 0.26 s 0.07 GB
//	2001    12.3 s  1.42 GB  0.15 s 0.04 GB 0.57 s 0.09 GB
//	4001    54 s    4.8 GB   0.23 s 0.04 GB 0.99 s 0.13 GB
//	19001   >25 min >24 GB   0.32 s 0.09 GB 11.8 s 0.52 GB
//
// (4001 and 19001 in goto style as an audit measured them.) An
// alternation of 320 random 10-byte words (2248 states) took 7.4 s and
// 0.43 GB as goto code, 0.47 s as tables. The largest machine of
// parser/zz_rfc2616.go is From's, 1614 states (4.3 s as goto code), the
// next Accept's, 356; 2048 keeps them all goto code and bounds the worst
// function at about 13 s and 1.5 GB. A rule of -write-goto is counted
// twice (its second copy measured 3 to 7 times the Run function's time);
// SpansR, goto code only, is refused past the limit.
const MaxGotoStates = 2048

// Styles lists the styles, the default first: goto measured fastest
// (about 1.9× the table style's throughput over five RFC 2616 rules; see
// the README's generator section and gen/internal/stylebench).
var Styles = []string{StyleGoto, StyleTable, StyleSwitch}

// direct reports whether the rule's MatchR can be emitted in code: one
// machine that calls nothing (not even itself).

// uint16Points is the most return points a goto frame of uint16 holds
// (a variable, so that a test can make uint32 frames on a small rule).
var uint16Points = 1 << 16

func direct(p *automata.Program) bool {
	if len(p.Machines) != 1 {
		return false
	}
	for _, s := range p.Machines[0].States {
		for _, e := range s.Next {
			if e.Call >= 0 {
				return false
			}
		}
	}
	return true
}

// targets groups the classes of state s by their edge (target state and
// marks), in class order, skipping dead edges and calls.
func targets(s *automata.State) (order []automata.Edge, classes map[automata.Edge][]int) {
	classes = map[automata.Edge][]int{}
	for c, e := range s.Next {
		if e.Dead() || e.Call >= 0 {
			continue
		}
		if _, ok := classes[e]; !ok {
			order = append(order, e)
		}
		classes[e] = append(classes[e], c)
	}
	sort.SliceStable(order, func(i, j int) bool { return order[i].To < order[j].To })
	return order, classes
}

func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = fmt.Sprint(x)
	}
	return strings.Join(s, ", ")
}

// loopSet returns the bytes on which state si stays put.
func loopSet(m *automata.Machine, si int) automata.ByteSet {
	var set automata.ByteSet
	for c, e := range m.States[si].Next {
		if e.Call < 0 && e.To == si && e.Marks == 0 {
			set.Or(m.Bytes(c))
		}
	}
	return set
}

// matchFunc emits the direct MatchR body in the given style.
func (f *file) matchFunc(r Rule, style string) {
	m := r.Program.Machines[0]
	name := f.dfaName(r, 0)
	fn := f.id("match" + GoName(r.Rule.Name))
	f.P()
	f.P("// ", fn, " is Match", f.cfg.Prefix, GoName(r.Rule.Name), " as ", style, " code (abnfc gen -style ", style, ").")
	f.P("func ", fn, "(b []byte) bool {")
	switch style {
	case StyleSwitch:
		f.P("st := 0")
		f.P("for i := 0; i < len(b); i++ {")
		f.P("switch st {")
		for si, s := range m.States {
			f.P("case ", si, ": // ", stateDesc(m, s))
			if f.skipLoop(name, m, si, false) {
				f.P("if i == len(b) {")
				f.P("return ", s.Accept)
				f.P("}")
			}
			f.classSwitch(name, "b[i]", m, s, func(e automata.Edge) { f.P("st = ", e.To) })
		}
		f.P("}")
		f.P("}")
		f.P("return ", name, ".accept[st]")
	case StyleGoto:
		f.P("i, _, st, _, _ := ", name, "Run(b, 0)")
		f.P("return i == len(b) && st >= 0 && ", name, ".accept[st]")
	}
	f.P("}")
}

// gotoCode says what gotoStates writes besides the states' edges.
type gotoCode struct {
	// accept writes the statements run at accepting state si (after its
	// run of bytes is skipped).
	accept func(si int)
	// end writes the statements at the end of b in state si, fail those
	// for a byte without an edge in state si (the byte at b[i-1]).
	end, fail func(si int)
	// lines counts the LFs taken in nl and nlEnd.
	lines bool
	// inline writes the SWAR part of skip loops in place rather than as
	// a call of the file's LoopNSkip (see skipLoop).
	inline bool
	// marks writes the statements of an edge's span marks.
	marks func(e automata.Edge)
}

// gotoStates writes the labelled states of goto code over b from i, with
// c the current byte. At each state the run of bytes it stays on is
// skipped; see gotoCode for the rest.
func (f *file) gotoStates(name string, m *automata.Machine, g gotoCode) {
	lf := int(m.Class['\n'])
	for si, s := range m.States {
		f.P("s", si, ": // ", stateDesc(m, s))
		set := loopSet(m, si)
		loopLF := g.lines && set.Has('\n')
		if loopLF {
			f.P("from = i")
		}
		skipped := f.skipLoop(name, m, si, g.inline)
		if skipped && loopLF {
			f.P("nl, nlEnd = ", f.id("countNL"), "(b, from, i, nl, nlEnd)")
		}
		if g.accept != nil && s.Accept {
			g.accept(si)
		}
		if skipped {
			f.exitTest(name, m, si, g)
		}
		f.chainTest(m, si)
		// i is never above len(b); compared unsigned, the compiler
		// proves b[i] in bounds and drops its check (also in the loops).
		f.P("if uint(i) >= uint(len(b)) {")
		g.end(si)
		f.P("}")
		f.P("c = b[i]")
		f.P("i++")
		f.P("switch ", name, "Class[c] {")
		order, classes := targets(s)
		for _, e := range order {
			f.P("case ", joinInts(classes[e]), ": // ", classBytes(m, classes[e]))
			// Count the LFs the edge takes (its classes may hold more).
			if g.lines && s.Next[lf] == e {
				f.P("if c == '\\n' {")
				f.P("nl, nlEnd = nl+1, i")
				f.P("}")
			}
			if g.marks != nil && e.Marks != 0 {
				g.marks(e)
			}
			f.P("goto s", e.To)
		}
		f.P("default:")
		g.fail(si)
		f.P("}")
	}
}

// swarMinSet is the least size of a loop set skipped by SWAR.
const swarMinSet = 128

// classSwitch writes a switch on the class of byte expression x with one
// case per edge of s (written by move), and returns false for the bytes s
// has no edge for.
func (f *file) classSwitch(name, x string, m *automata.Machine, s *automata.State, move func(e automata.Edge)) {
	f.P("switch ", name, "Class[", x, "] {")
	order, classes := targets(s)
	for _, e := range order {
		f.P("case ", joinInts(classes[e]), ": // ", classBytes(m, classes[e]))
		move(e)
	}
	f.P("default:")
	f.P("return false")
	f.P("}")
}

// runFunc emits the goto code of machine m, called name+"Run": from
// state st over b it takes the plain edges (not calls) and returns where
// it stopped, the end of the longest accepted prefix of b (-1 for none)
// and the state it stopped in, as -1-state when it stopped at b[i] for
// want of a plain edge. The engine runs it between calls and returns;
// the goto style's Match, Scan and machine Write of a direct rule call
// it themselves.
func (f *file) runFunc(name string, m *automata.Machine) {
	f.P()
	f.P("// ", name, "Run runs the machine of ", m.Rule, " over b from state st as goto code:")
	f.P("// it returns where it stopped, the end of the longest matching prefix of b")
	f.P("// (or -1), and the state, as -1-state when b[i] has no plain edge.")
	f.P("func ", name, "Run(b []byte, st int32) (i, last int, state int32, nl, nlEnd int) {")
	f.P("i, last = 0, -1")
	f.gotoEntry(m)
	f.P("return 0, -1, -1 - st, 0, 0 // not a state of the machine")
	f.gotoStates(name, m, gotoCode{
		accept: func(int) { f.P("last = i") },
		end:    func(si int) { f.P("return i, last, ", si, ", nl, nlEnd") },
		fail:   func(si int) { f.P("return i - 1, last, ", -1-si, ", nl, nlEnd") },
		lines:  true,
	})
	f.P("}")
}

// gotoEntry writes the locals of goto code (c, and from when a loop
// stays on LF) and the switch that enters it in state st.
func (f *file) gotoEntry(m *automata.Machine) {
	f.P("var c byte")
	for si := range m.States {
		if set := loopSet(m, si); set.Has('\n') {
			f.P("var from int // where a loop that stays on LF began")
			break
		}
	}
	f.P("switch st {")
	for si := range m.States {
		f.P("case ", si, ":")
		f.P("goto s", si)
	}
	f.P("}")
}

// directFuncs emits Scan and the machine's Write of a direct rule in the
// goto style, over the machine's goto code.
func (f *file) directFuncs(r Rule) {
	run := f.dfaName(r, 0) + "Run"
	f.P()
	f.P("func ", f.id("scan"+GoName(r.Rule.Name)), "(b []byte) (int, bool) {")
	f.P("_, last, _, _, _ := ", run, "(b, 0)")
	f.P("return last, last >= 0")
	f.P("}")
	if r.WriteGoto {
		f.writeGotoFunc(r)
		return
	}
	f.P()
	f.P("// ", f.id("write"+GoName(r.Rule.Name)), " is ", f.cfg.Prefix, GoName(r.Rule.Name), "Machine.Write: the goto code")
	f.P("// resumes in the state of the last chunk and leaves the runner as the")
	f.P("// engine's write would; a byte without an edge goes to the engine, which")
	f.P("// reports the error as for any machine.")
	f.P("func ", f.id("write"+GoName(r.Rule.Name)), "(r *", f.id("runner"), ", b []byte) (int, error) {")
	f.P("if r.prog == nil { // the machine's zero value")
	f.P("r.reset(&", f.id("Prog_"+GoName(r.Rule.Name)), ")")
	f.P("}")
	f.P("if r.err != nil {")
	f.P("return 0, r.err")
	f.P("}")
	f.P("i, last, st, nl, nlEnd := ", run, "(b, r.st)")
	f.P("if st < 0 {")
	f.P("return r.stopped(b, i, -1-st, last, nl, nlEnd)")
	f.P("}")
	f.P("return r.wrote(i, st, last, nl, nlEnd), nil")
	f.P("}")
}

// writeGotoFunc writes Machine.Write of a direct rule as goto code of its
// own (abnfc gen -write-goto), the states of runFunc again with the
// runner's bookkeeping at one exit. The usual Write calls a function that
// calls the goto code and then keeps the runner's books; this one is a
// single call a chunk, which is what a chunk costs most: on the browser
// head of bench/ in 64-byte pieces (nine Writes), about 6 ns of 150 in
// time, though only 95 of 4,300 instructions (see bench/README.md,
// session 8). The price is a second copy of the rule's states, hence a
// flag for the rules a program streams.
func (f *file) writeGotoFunc(r Rule) {
	name := f.dfaName(r, 0)
	m := r.Program.Machines[0]
	fn := f.id("write" + GoName(r.Rule.Name))
	f.P()
	f.P("// ", fn, " is ", f.cfg.Prefix, GoName(r.Rule.Name), "Machine.Write as goto code of its own")
	f.P("// (abnfc gen -write-goto): it resumes in the state of the last chunk, keeps")
	f.P("// the runner's books as the engine's write would at its one exit, and")
	f.P("// hands a byte without an edge to the engine, which reports the error as")
	f.P("// for any machine.")
	f.P("func ", fn, "(r *", f.id("runner"), ", b []byte) (int, error) {")
	f.P("if r.prog == nil { // the machine's zero value")
	f.P("r.reset(&", f.id("Prog_"+GoName(r.Rule.Name)), ")")
	f.P("}")
	f.P("if r.err != nil {")
	f.P("return 0, r.err")
	f.P("}")
	f.P("i, last, nl, nlEnd := 0, -1, 0, 0")
	f.P("st := r.st")
	f.gotoEntry(m)
	f.P("return r.stopped(b, 0, st, -1, 0, 0) // not a state of the machine")
	f.gotoStates(name, m, gotoCode{
		accept: func(int) { f.P("last = i") },
		end: func(si int) {
			f.P("st = ", si)
			f.P("goto out")
		},
		fail:   func(si int) { f.P("return r.stopped(b, i-1, ", si, ", last, nl, nlEnd)") },
		lines:  true,
		inline: true,
	})
	// wrote's statements, written out: Go does not inline a call into a
	// function this large.
	f.P("out:")
	f.P("r.lines(nl, nlEnd)")
	f.P("if last >= 0 {")
	f.P("r.lastAccept = r.off + last")
	f.P("}")
	f.P("r.off += i")
	f.P("r.st = st")
	f.P("return i, nil")
	f.P("}")
}

// skipLoop writes the fast path of state si, a loop over the bytes it
// stays on, and reports whether it has one. With inline, the SWAR part
// of a long run's loop is written in place instead of as a call of the
// file's LoopNSkip: in a -write-goto Write, where a chunk that ends in a
// field value resumes in its run, so that every such chunk paid a call
// (with the spills around it) besides the one at the run's end. Writing
// it in place took one more 64-byte Write in a field value from 6.0 to
// 4.2-4.4 ns, and the browser head in 64-byte pieces from 1.53 to 1.42
// times MatchMessageHead (bench/ run.sh -quick, three runs each, session
// 20). One-shot code keeps the call (see swarSkip): in place there too,
// MatchMessageHead took 0.974-0.997 of the time and ParseRequest with
// SkipValueGrammars 0.998-1.041 (bench/ ab.sh -layouts 3), for 2,000 more
// lines.
func (f *file) skipLoop(name string, m *automata.Machine, si int, inline bool) bool {
	set := loopSet(m, si)
	if set.Empty() {
		return false
	}
	// Runs are long only over large sets (field-value's, ctext's): there
	// eight bytes at a time first.
	loop := f.loopName(name, m, si)
	if swarLoop(set) {
		skip := f.skipNames[set.String()]
		if inline {
			f.inlineSkip(set, loop, skip, fmt.Sprint("s", si, "skipped"))
			return true
		}
		if f.cfg.SIMD {
			// The vector loop, or the main file's SWAR loop itself: in the
			// default build abnfsimd is the constant false and this is one
			// direct call. (A wrapper would stay a call of its own: Go
			// inlines next to nothing into a function this large.)
			f.P("if ", f.id("simd"), " {")
			f.P("i = ", skip, "(b, i)")
			f.P("} else {")
			f.P("i = ", strings.TrimSuffix(skip, "Skip"), "SWAR(b, i)")
			f.P("}")
			return true
		}
		f.P("i = ", skip, "(b, i)")
		return true
	}
	if f.cfg.SIMD && nibbleLoop(set) && !f.shortRun(m, si) {
		// Tokens and URIs: 32 bytes a step with -simd, then the table.
		f.P("if ", f.id("simd"), " {")
		f.P("i, _ = ", f.vecNames[set.String()], "(b, i)")
		f.P("}")
	}
	if set.Count() >= unrollMinSet {
		f.unrolledLoop(loop)
	}
	f.P("for uint(i) < uint(len(b)) && ", loop, "[b[i]] {")
	f.P("i++")
	f.P("}")
	return true
}

// inlineSkip writes the skip loop of set in place (swarSkip), its table
// named loop, ending at the label skipped. With -simd, the vector loop skip (the build-tagged
// LoopNSkip) runs instead where abnfsimd is true; where it is the
// constant false, the compiler drops that call.
func (f *file) inlineSkip(set automata.ByteSet, loop, skip, skipped string) {
	rs, _ := stopRanges(set)
	if f.cfg.SIMD {
		f.P("if ", f.id("simd"), " {")
		f.P("i = ", skip, "(b, i)")
		f.P("goto ", skipped)
		f.P("}")
	}
	f.P("{")
	f.swarSkip(set, rs, loop, "goto "+skipped)
	f.P("}")
	f.P(skipped, ":")
}

// shortRun reports whether the loop of state si is over the bytes of a
// rule annotated @short (a token), whose runs get no vector loop.
func (f *file) shortRun(m *automata.Machine, si int) bool {
	set := loopSet(m, si)
	for _, a := range f.short {
		if set.SubsetOf(a) {
			return true
		}
	}
	return false
}

// alphabet returns the bytes that the literals and ranges of rule name,
// and of the rules it refers to, spell: for token, its 76 characters.
// (The separators a #rule list or @lws implies are not in it; @short is
// for words.)
func alphabet(g *grammar.Grammar, name string) automata.ByteSet {
	var set automata.ByteSet
	seen := map[string]bool{}
	var rule func(name string)
	rule = func(name string) {
		r := g.Lookup(name)
		if r == nil || seen[grammar.Key(name)] {
			return
		}
		seen[grammar.Key(name)] = true
		grammar.Walk(r.Def, func(n grammar.Node) bool {
			switch n := n.(type) {
			case *grammar.Range:
				set.Add(n.Lo, n.Hi)
			case *grammar.Literal:
				for _, c := range []byte(n.Text) {
					set.Add(c, c)
					if n.Fold && (c|0x20 >= 'a' && c|0x20 <= 'z') {
						set.Add(c^0x20, c^0x20)
					}
				}
			case *grammar.Ref:
				rule(n.Name)
			}
			return true
		})
	}
	rule(name)
	return set
}

// unrollMinSet is the least size of a loop set whose table loop is
// unrolled: tokens, URI characters; not LWS or DIGIT, whose runs are a
// byte or two.
const unrollMinSet = 32

// unroll is the bytes a step of an unrolled table loop.
const unroll = 8

// unrolledLoop writes the table loop unroll bytes a step; the plain loop
// after it takes the last bytes and confirms the stop.
//
// The steps are not for the fewer bound tests alone. A one-byte loop is a
// few instructions with a taken branch a byte, and on AMD's cores it runs
// at about two cycles a byte instead of one when it straddles a 64-byte
// line, which depends on where the linker puts the function (at a
// multiple of 32 bytes, Go's function alignment): the same
// SpansMessageHead took 190 or 219 ns on the browser head by its address
// alone. Four bytes a step, both placements took 174 ns; eight, 0.92–0.94
// of that again, at both placements (old and new copies timed side by
// side in one process, each at both 64-byte phases).
func (f *file) unrolledLoop(loop string) {
	f.P("for len(b)-i >= ", unroll, " {")
	f.P("w := b[i : i+", unroll, " : i+", unroll, "]")
	for k := 0; k < unroll; k++ {
		f.P("if !", loop, "[w[", k, "]] {")
		if k > 0 {
			f.P("i += ", k)
		}
		f.P("break")
		f.P("}")
	}
	f.P("i += ", unroll)
	f.P("}")
}

// loopName returns the name of the loop table emitted for state si.
func (f *file) loopName(name string, m *automata.Machine, si int) string {
	return name + "Loop" + fmt.Sprint(f.loopIDs[name][loopSet(m, si).String()])
}

func classBytes(m *automata.Machine, classes []int) string {
	var set automata.ByteSet
	for _, c := range classes {
		set.Or(m.Bytes(c))
	}
	s := set.String()
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}

// stateDesc describes a state for a comment: its grammar positions, or
// its machine's rule when it has none (a final state).
func stateDesc(m *automata.Machine, s *automata.State) string {
	if len(s.Labels) == 0 {
		if s.Accept {
			return m.Rule + " (end)"
		}
		return m.Rule
	}
	return strings.Join(labels(s), "; ")
}

// gotoProgram reports whether MatchR of a rule with calls is emitted as
// one goto function over all its machines: in the goto style, when no
// machine is observed (captured), limited or extern, and its machines
// have at most Config.MaxGotoStates states in all. Its stack is an
// array on the Go stack up to inlineDepth frames, past them a slice.
func (f *file) gotoProgram(r Rule) bool {
	return f.gotoProgramStyle(r) && f.programStates(r.Program) <= f.cfg.MaxGotoStates
}

// gotoProgramStyle is gotoProgram before the size of the function is
// weighed.
func (f *file) gotoProgramStyle(r Rule) bool {
	if f.cfg.Style != StyleGoto || direct(r.Program) {
		return false
	}
	for _, m := range r.Program.Machines {
		gr := r.Grammar.Lookup(m.Rule)
		if m.Observed || gr != nil && (gr.Has(AnnotLimit) || gr.Has(AnnotExtern) || gr.Has(AnnotCapture)) {
			return false
		}
	}
	return true
}

// programStates is the number of states of all p's machines: the most
// that programMatchFunc writes as one goto function (it writes those that
// goto code can reach).
func (f *file) programStates(p *automata.Program) int {
	n := 0
	for _, m := range p.Machines {
		n += len(m.States)
	}
	return n
}

// programMatchFunc writes MatchR of a rule with calls as one goto
// function: a label per state of every machine, and the frames of calls
// on an array of return points, with the semantics of automata.Runner. A
// call re-reads its byte in the callee's start state; a machine returns,
// re-reading the byte in the caller's return state, when it is in an
// accepting state and the byte has no edge; a call deeper than the
// nesting limit fails the match, as in the engine.
func (f *file) programMatchFunc(r Rule) {
	p := r.Program
	fn := f.id("match" + GoName(r.Rule.Name))
	// Return points: (machine, state) pairs, numbered.
	type point struct{ m, s int }
	var points []point
	pointIndex := map[point]int{}
	for mi, m := range p.Machines {
		for _, s := range m.States {
			for _, e := range s.Next {
				if e.Call >= 0 && !e.Tail {
					pt := point{mi, e.To}
					if _, ok := pointIndex[pt]; !ok {
						pointIndex[pt] = len(points)
						points = append(points, pt)
					}
				}
			}
		}
	}
	label := func(mi, si int) string { return fmt.Sprintf("m%ds%d", mi, si) }
	// The states goto code can reach: through edges, calls and returns
	// (not the return state of a tail call).
	reach := map[point]bool{{0, 0}: true}
	queue := []point{{0, 0}}
	for _, pt := range points {
		if !reach[pt] {
			reach[pt] = true
			queue = append(queue, pt)
		}
	}
	for len(queue) > 0 {
		pt := queue[0]
		queue = queue[1:]
		for _, e := range p.Machines[pt.m].States[pt.s].Next {
			next := point{pt.m, e.To}
			if e.Call >= 0 {
				next = point{e.Call, 0}
			}
			if !e.Dead() && !reach[next] {
				reach[next] = true
				queue = append(queue, next)
			}
		}
	}
	f.P()
	f.P("// ", fn, " is Match", f.cfg.Prefix, GoName(r.Rule.Name), " as goto code over all the machines of the rule,")
	f.P("// with the frames of calls on an array (at most ", f.id("MaxDepth"), ").")
	// Without an accepting state to reach, the rule matches nothing (a
	// rule it calls recurses without end: x = x "a"), and the code below
	// would have a label ret and a stack that nothing uses, which Go
	// refuses.
	accepts := false
	for pt := range reach {
		accepts = accepts || p.Machines[pt.m].States[pt.s].Accept
	}
	if !accepts {
		f.P("func ", fn, "(b []byte) bool {")
		f.P("return false // no input reaches an accepting state")
		f.P("}")
		return
	}
	f.P("func ", fn, "(b []byte) bool {")
	// A frame holds the number of its return point: uint16 unless a rule
	// has more return points than that counts (a constant too large for
	// its type would not compile).
	frame := "uint16"
	if len(points) > uint16Points {
		frame = "uint32"
	}
	// Up to inlineDepth frames an array; a deeper limit a slice on the
	// Go stack that append moves to the heap past inlineDepth frames.
	deep := f.cfg.MaxDepth > inlineDepth
	if deep {
		f.P("stack := make([]", frame, ", 0, ", inlineDepth, ")")
	} else {
		f.P("var stack [", f.id("MaxDepth"), "]", frame)
	}
	f.P("depth, i := 0, 0")
	f.P("var c byte")
	f.P("goto m0s0")
	for mi, m := range p.Machines {
		name := f.dfaName(r, mi)
		for si, s := range m.States {
			if !reach[point{mi, si}] {
				continue
			}
			f.P(label(mi, si), ": // ", stateDesc(m, s))
			f.skipLoop(name, m, si, false)
			f.P("if uint(i) >= uint(len(b)) {")
			if s.Accept {
				f.P("if depth == 0 {")
				f.P("return true")
				f.P("}")
				f.P("goto ret")
			} else {
				f.P("return false")
			}
			f.P("}")
			f.P("c = b[i]")
			f.P("i++")
			f.P("switch ", name, "Class[c] {")
			var order []automata.Edge
			classes := map[automata.Edge][]int{}
			for c, e := range s.Next {
				if e.Dead() {
					continue
				}
				if _, ok := classes[e]; !ok {
					order = append(order, e)
				}
				classes[e] = append(classes[e], c)
			}
			for _, e := range order {
				f.P("case ", joinInts(classes[e]), ": // ", classBytes(m, classes[e]))
				switch {
				case e.Call < 0:
					f.P("goto ", label(mi, e.To))
				case e.Tail:
					f.P("i-- // a tail call: nothing to return to")
					f.P("goto m", e.Call, "s0")
				default:
					if deep {
						f.P("if depth == ", f.id("MaxDepth"), " {")
						f.P("return false")
						f.P("}")
						f.P("stack = append(stack[:depth], ", pointIndex[point{mi, e.To}], ") // ", label(mi, e.To))
					} else {
						f.P("if depth == len(stack) {")
						f.P("return false")
						f.P("}")
						f.P("stack[depth] = ", pointIndex[point{mi, e.To}], " // ", label(mi, e.To))
					}
					f.P("depth++")
					f.P("i--")
					f.P("goto m", e.Call, "s0")
				}
			}
			f.P("default:")
			if s.Accept {
				f.P("if depth > 0 {")
				f.P("i--")
				f.P("goto ret")
				f.P("}")
			}
			f.P("return false")
			f.P("}")
		}
	}
	f.P("ret:")
	f.P("depth--")
	f.P("switch stack[depth] {")
	for k, pt := range points {
		f.P("case ", k, ":")
		f.P("goto ", label(pt.m, pt.s))
	}
	f.P("}")
	f.P("return false")
	f.P("}")
}
