package emit

// runtime is the engine every generated file carries once: a table-driven
// DFA interpreter with a fast path for self-loops and an explicit stack
// for calls into other machines (recursive, captured, limited or extern
// rules). It follows automata.Runner exactly, adding captures, limits and
// externs. Identifiers starting with ABNF get the file's prefix;
// SyntaxError, Span and Handler get the exported prefix; MAXDEPTH becomes
// the nesting limit.
const runtime = `
// ABNFMaxDepth is the nesting limit of machines calling machines
// (recursive, captured, limited and extern rules; abnfc gen -depth).
const ABNFMaxDepth = MAXDEPTH

// ABNFinlineDepth is the number of frames the runner holds in itself:
// deeper nesting keeps its frames in a slice that grows as deep as a match
// goes, so that a large ABNFMaxDepth costs nothing to a shallow match.
const ABNFinlineDepth = INLINEDEPTH

// ABNFdfa is one deterministic machine: a rule compiled to states over
// byte classes.
type ABNFdfa struct {
	rule   string
	class  *[256]uint8
	nclass int32
	// next[state*nclass+class] is the next state, -1 for none, or
	// -2-i for the call calls[i].
	next   []int32
	accept []bool
	// loop[state], when not nil, holds the bytes on which the state
	// stays where it is: the fast path skips runs of them.
	loop []*[256]bool
	// where and expected describe each state for error messages, as
	// indexes into ABNFstrings.
	where    []uint16
	expected []uint16
	// capture is the capture index of the rule, or -1.
	capture int
	// limit bounds the length of a match of the rule (@limit), or 0.
	limit int
	// extern, when set, matches the rule in one-shot mode (@extern): it
	// returns the length of the longest prefix of b in the rule's
	// language, or -1. Streaming uses the machine.
	extern func(b []byte) int
	// captures is set when captured rules run inside the machine: their
	// spans are not seen through extern, which gives only a length, so
	// CaptureR runs the machine instead.
	captures bool
	// run, when set, is the machine as goto code (abnfc gen -style goto):
	// from state st over b it follows the plain edges and returns where
	// it stopped, the end of the longest accepted prefix of b (or -1) and
	// the state, as -1-state when b[i] has no plain edge (a call, or none).
	// It also counts the LFs it took, nl, and returns the index after the
	// last one, nlEnd, for the line numbers of errors.
	run func(b []byte, st int32) (i, last int, state int32, nl, nlEnd int)
}

// ABNFcall enters machine dfa; afterwards the caller goes on in state ret.
// A tail call needs no stack frame.
type ABNFcall struct {
	dfa  int32
	ret  int32
	tail bool
}

// ABNFprog is the set of machines of one rule; dfas[0] is the rule's own.
type ABNFprog struct {
	dfas  []*ABNFdfa
	calls []ABNFcall
	// limit is dfas[0].limit, or ABNFnoLimit without one; empty is 0
	// when dfas[0]'s start state accepts, else -1. Both are written out
	// so that reset does no lookup and is inlined.
	limit, empty int
}

type ABNFframe struct {
	dfa, st int32
	chain   bool
	// start is where the callee's match began; limit the caller's.
	start, limit int
}

// ABNFrunner is the state of one match: small, and no allocation per
// byte or per chunk.
type ABNFrunner struct {
	prog            *ABNFprog
	cur, st         int32
	depth           int
	stack           [ABNFinlineDepth]ABNFframe
	more            []ABNFframe // frames past ABNFinlineDepth
	off             int
	limit           int // the offset no match may reach
	line, lineStart int
	lastAccept      int
	err             error
	// whole is the entire input in one-shot mode (externs run on it).
	whole   []byte
	oneShot bool
	// capturing is set in CaptureR, which runs the machine rather than
	// an extern of one with captures inside.
	capturing bool
	spans     []Span
	handler   Handler
}

const ABNFnoLimit = int(^uint(0) >> 1)

func (r *ABNFrunner) reset(p *ABNFprog) {
	// Field by field: zeroing the whole struct would clear the stack,
	// which is always written before it is read.
	r.prog, r.cur, r.st, r.depth, r.off = p, 0, 0, 0, 0
	r.line, r.lineStart, r.err = 1, 0, nil
	r.whole, r.oneShot, r.capturing, r.spans = nil, false, false, nil
	r.limit, r.lastAccept = p.limit, p.empty // as note would: the stack is empty
}

// note records the current offset as a matching prefix if it is one.
func (r *ABNFrunner) note() {
	if r.prog.dfas[r.cur].accept[r.st] && (r.depth == 0 || r.frame(r.depth-1).chain) {
		r.lastAccept = r.off
	}
}

// writeFrom is a machine's Write: write, from a reset to p when the
// machine is its zero value.
func (r *ABNFrunner) writeFrom(p *ABNFprog, b []byte) (int, error) {
	if r.prog == nil {
		r.reset(p)
	}
	return r.write(b)
}

// closeFrom is a machine's Close: close, from a reset to p when the
// machine is its zero value.
func (r *ABNFrunner) closeFrom(p *ABNFprog) error {
	if r.prog == nil {
		r.reset(p)
	}
	return r.close()
}

// write consumes b, stopping at the first error.
func (r *ABNFrunner) write(b []byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	chunk := r.off // offset of b[0]
	d := r.prog.dfas[r.cur]
	st := r.st
	i := 0
	for i < len(b) {
		if d.run != nil && r.limit-r.off >= len(b)-i {
			// The goto code takes the plain edges; the table step below
			// takes the byte it stops at (a call, a return or an error).
			k, last, s, nl, nlEnd := d.run(b[i:], st)
			if last >= 0 && (r.depth == 0 || r.frame(r.depth-1).chain) {
				r.lastAccept = r.off + last
			}
			r.lines(nl, nlEnd)
			r.off += k
			i += k
			if s >= 0 {
				st = s
				continue
			}
			st = -1 - s
		}
		if l := d.loop[st]; l != nil {
			// Fast path: a run of bytes that keep the machine in place.
			end := len(b)
			if r.limit-r.off < end-i {
				end = i + r.limit - r.off
			}
			j := i
			for j < end && l[b[j]] {
				j++
			}
			if j > i {
				r.count(b[i:j])
				r.off += j - i
				i = j
				r.st = st
				r.note()
				continue
			}
		}
		c := b[i]
		n := d.next[st*d.nclass+int32(d.class[c])]
		if n >= 0 {
			if r.off >= r.limit {
				r.st = st
				r.err = r.syntaxError(c, ABNFtooLong)
				break
			}
			st = n
			if c == '\n' {
				r.line, r.lineStart = r.line+1, r.off+1
			}
			r.off++
			i++
			if d.accept[st] && (r.depth == 0 || r.frame(r.depth-1).chain) {
				r.lastAccept = r.off
			}
			continue
		}
		r.st = st
		if n == -1 {
			if d.accept[st] && r.depth > 0 {
				r.pop(b, chunk)
				st, d = r.st, r.prog.dfas[r.cur]
				continue
			}
			r.err = r.syntaxError(c, ABNFunexpected)
			break
		}
		call := r.prog.calls[-2-n]
		callee := r.prog.dfas[call.dfa]
		if callee.extern != nil && r.oneShot && !(r.capturing && callee.captures) {
			// The user's function matches the rule on the rest of the
			// input. Where it finds no match, or one past a limit, the
			// machine below runs instead and says where and why.
			if k := callee.extern(r.whole[r.off:]); k >= 0 && (callee.limit == 0 || k <= callee.limit) && k <= r.limit-r.off && r.off+k <= chunk+len(b) {
				if callee.capture >= 0 {
					r.spans = append(r.spans, Span{Capture: callee.capture, Start: r.off, End: r.off + k})
				}
				r.count(b[i : i+k])
				r.off += k
				i += k
				st = call.ret
				r.st = st
				r.note()
				continue
			}
		}
		if !call.tail {
			if r.depth == ABNFMaxDepth {
				r.err = r.syntaxError(c, ABNFtooDeep)
				break
			}
			chain := d.accept[call.ret] && (r.depth == 0 || r.frame(r.depth-1).chain)
			r.push(ABNFframe{dfa: r.cur, st: call.ret, chain: chain, start: r.off, limit: r.limit})
			if r.handler != nil && !r.oneShot && callee.capture >= 0 {
				r.handler.Start(callee.capture, r.off)
			}
			if callee.limit > 0 && callee.limit < r.limit-r.off { // no overflow: r.off <= r.limit
				r.limit = r.off + callee.limit
			}
		}
		r.cur, st = call.dfa, 0
		d = callee
	}
	if r.err == nil {
		r.st = st
		i = len(b)
	}
	// Report the parts of open captures that lie in this chunk.
	if r.handler != nil {
		for k := 0; k < r.depth; k++ {
			if cp := r.prog.dfas[r.calleeOf(k)].capture; cp >= 0 {
				from := r.frame(k).start - chunk
				if from < 0 {
					from = 0
				}
				if from < i {
					r.handler.Span(cp, b[from:i])
				}
			}
		}
	}
	return i, r.err
}

// frame returns stack frame k, in the runner or past ABNFinlineDepth in
// more.
func (r *ABNFrunner) frame(k int) *ABNFframe {
	if k < len(r.stack) {
		return &r.stack[k]
	}
	return &r.more[k-len(r.stack)]
}

// push adds frame f at r.depth (below ABNFMaxDepth): past
// ABNFinlineDepth, more grows (an allocation only the first time a match
// nests that deep).
func (r *ABNFrunner) push(f ABNFframe) {
	switch k := r.depth - len(r.stack); {
	case k < 0:
		r.stack[r.depth] = f
	case k < len(r.more):
		r.more[k] = f
	default:
		r.more = append(r.more, f)
	}
	r.depth++
}

// calleeOf returns the machine running above frame k.
func (r *ABNFrunner) calleeOf(k int) int32 {
	if k+1 < r.depth {
		return r.frame(k + 1).dfa
	}
	return r.cur
}

// pop returns from the current machine, ending its capture.
func (r *ABNFrunner) pop(b []byte, chunk int) {
	r.depth--
	f := *r.frame(r.depth)
	if cp := r.prog.dfas[r.cur].capture; cp >= 0 {
		if r.oneShot {
			r.spans = append(r.spans, Span{Capture: cp, Start: f.start, End: r.off})
		} else if r.handler != nil {
			from := f.start - chunk
			if from < 0 {
				from = 0
			}
			if to := r.off - chunk; from < to {
				r.handler.Span(cp, b[from:to])
			}
			r.handler.End(cp, f.start, r.off)
		}
	}
	r.cur, r.st, r.limit = f.dfa, f.st, f.limit
}

// count counts the lines of b, which starts at r.off. One-shot runs
// skip it: syntaxError counts the lines of the whole input then.
func (r *ABNFrunner) count(b []byte) {
	if !r.oneShot {
		r.lines(ABNFcountNL(b, 0, len(b), 0, 0))
	}
}

var ABNFnewline = []byte{'\n'}

// lines records nl LFs taken by goto code from r.off, the last one
// ending before r.off+nlEnd.
func (r *ABNFrunner) lines(nl, nlEnd int) {
	if nl > 0 {
		r.line, r.lineStart = r.line+nl, r.off+nlEnd
	}
}

// ABNFcountNL adds the LFs of b[from:to] to nl and returns the index
// after the last one (else nlEnd): eight bytes at a time, by the exact
// zero-byte test on each word XOR LFs, as the pieces of a stream are
// short and a call to bytes.Count costs more. The engine counts chunks
// with it, and goto code the loops that stay on LF.
func ABNFcountNL(b []byte, from, to, nl, nlEnd int) (int, int) {
	k := from
	for ; to-k >= 8; k += 8 {
		w := b[k : k+8]
		x := (uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 | uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56) ^ 0x0a0a0a0a0a0a0a0a
		if m := ^(((x & 0x7f7f7f7f7f7f7f7f) + 0x7f7f7f7f7f7f7f7f) | x) & 0x8080808080808080; m != 0 {
			nl, nlEnd = nl+bits.OnesCount64(m), k+8-bits.LeadingZeros64(m)>>3
		}
	}
	for ; k < to; k++ {
		if b[k] == '\n' {
			nl, nlEnd = nl+1, k+1
		}
	}
	return nl, nlEnd
}

// wrote records that goto code consumed b[:i] with nl LFs (the last one
// ending at nlEnd) and stopped in state st, with last the end of the
// longest matching prefix in b or -1.
func (r *ABNFrunner) wrote(i int, st int32, last, nl, nlEnd int) int {
	r.lines(nl, nlEnd)
	if last >= 0 {
		r.lastAccept = r.off + last
	}
	r.off += i
	r.st = st
	return i
}

// stopped records that goto code consumed b[:i] in state st and found no
// edge for b[i]; the engine then reports the error.
func (r *ABNFrunner) stopped(b []byte, i int, st int32, last, nl, nlEnd int) (int, error) {
	r.wrote(i, st, last, nl, nlEnd)
	n, err := r.write(b[i:])
	return i + n, err
}

// ABNFclosed is the error of a Write after a Close that succeeded: the
// input has ended (its nested matches too), and Reset starts a new one.
type ABNFclosed struct{}

func (ABNFclosed) Error() string { return "write after Close: Reset starts a new input" }

// close ends the input: every open nested match must be able to end.
// Once it has, the input is over: Write returns ABNFclosed (as the sticky
// error, so that Write pays nothing more for it) and close nil again.
func (r *ABNFrunner) close() error {
	if r.err == (ABNFclosed{}) {
		return nil
	}
	if r.err != nil {
		return r.err
	}
	for r.depth > 0 && r.prog.dfas[r.cur].accept[r.st] {
		r.pop(nil, r.off)
	}
	if r.depth == 0 && r.prog.dfas[r.cur].accept[r.st] {
		r.err = ABNFclosed{}
		return nil
	}
	r.err = r.syntaxError(0, ABNFunexpectedEnd)
	return r.err
}

const (
	ABNFunexpected = iota
	ABNFunexpectedEnd
	ABNFtooDeep
	ABNFtooLong
)

func (r *ABNFrunner) syntaxError(c byte, kind int) error {
	d := r.prog.dfas[r.cur]
	if r.oneShot {
		before := r.whole
		if r.off < len(before) {
			before = before[:r.off]
		}
		r.line, r.lineStart = 1+bytes.Count(before, ABNFnewline), bytes.LastIndexByte(before, '\n')+1
	}
	e := &SyntaxError{Rule: d.rule, Where: ABNFstrings[d.where[r.st]], Offset: r.off, Line: r.line, Col: r.off - r.lineStart + 1, Found: int(c), Expected: ABNFstrings[d.expected[r.st]]}
	switch kind {
	case ABNFunexpectedEnd:
		e.Found = -1
	case ABNFtooDeep:
		e.TooDeep = true
	case ABNFtooLong:
		e.TooLong = true
		// Name the rule whose limit was reached: the innermost whose
		// match, from where it began, ends at r.limit (an outer limit can
		// be the nearer one).
		for k := r.depth; k >= 0; k-- {
			dk, start := r.prog.dfas[0], 0
			if k > 0 {
				dk, start = r.prog.dfas[r.calleeOf(k-1)], r.frame(k-1).start
			}
			if dk.limit > 0 && dk.limit == r.limit-start {
				e.Rule, e.Limit = dk.rule, dk.limit
				break
			}
		}
	}
	return e
}

// ABNFmatch reports whether all of b is in the language of p.
func ABNFmatch(p *ABNFprog, b []byte) bool {
	if d := p.dfas[0]; len(p.dfas) == 1 && len(p.calls) == 0 && d.limit == 0 && d.extern == nil {
		// One machine and no calls: the tight loop.
		st := int32(0)
		for i := 0; i < len(b); i++ {
			if l := d.loop[st]; l != nil {
				for i < len(b) && l[b[i]] {
					i++
				}
				if i == len(b) {
					break
				}
			}
			st = d.next[st*d.nclass+int32(d.class[b[i]])]
			if st < 0 {
				return false
			}
		}
		return d.accept[st]
	}
	var r ABNFrunner
	return r.oneShotRun(p, b, nil, false) == nil
}

// oneShotRun matches all of b, collecting capture spans into spans;
// capturing is set for CaptureR.
func (r *ABNFrunner) oneShotRun(p *ABNFprog, b []byte, spans []Span, capturing bool) error {
	r.reset(p)
	r.oneShot, r.whole, r.spans, r.capturing = true, b, spans, capturing
	if x := p.dfas[0].extern; x != nil && !(capturing && p.dfas[0].captures) {
		if n := x(b); n == len(b) && len(b) <= r.limit {
			return nil
		}
		// No match, or one past the limit: the machine says where and why.
	}
	if _, err := r.write(b); err != nil {
		return err
	}
	return r.close()
}

// ABNFscan returns the length of the longest prefix of b in the language.
func ABNFscan(p *ABNFprog, b []byte) (int, bool) {
	var r ABNFrunner
	r.reset(p)
	r.oneShot, r.whole = true, b
	if x := p.dfas[0].extern; x != nil {
		// Past the limit, the longest prefix within it is the machine's.
		if n := x(b); n <= r.limit {
			return n, n >= 0
		}
	}
	r.write(b)
	return r.lastAccept, r.lastAccept >= 0
}

// ABNFvalidate is ABNFmatch with a *SyntaxError saying where and why.
func ABNFvalidate(p *ABNFprog, b []byte) error {
	var r ABNFrunner
	return r.oneShotRun(p, b, nil, false)
}

// ABNFcapture matches all of b and appends the spans of its captures to
// dst, each when its match ends (so inner spans come before outer ones).
func ABNFcapture(p *ABNFprog, b []byte, dst []Span) ([]Span, error) {
	var r ABNFrunner
	err := r.oneShotRun(p, b, dst, true)
	return r.spans, err
}

// Span is the extent of one captured match: input[Start:End] matched the
// rule with index Capture.
type Span struct {
	Capture    int
	Start, End int
}

// Handler receives captures in streaming mode: Start when a captured
// match begins, at its offset; Span with each part of it, one part per
// chunk it overlaps, in input order (as llhttp's data callbacks); End when
// it is complete.
type Handler interface {
	Start(capture int, start int)
	Span(capture int, b []byte)
	End(capture int, start, end int)
}

// SyntaxError reports input that does not match a rule.
type SyntaxError struct {
	Rule   string // the rule being matched
	Where  string // the position in the grammar
	Offset int    // of the offending byte
	Line   int    // 1-based, counting LF
	Col    int    // 1-based, in bytes
	// Found is the offending byte, or -1 at the end of the input.
	Found int
	// Expected lists the bytes that could have come next.
	Expected string
	// TooDeep reports machines nested deeper than ABNFMaxDepth.
	TooDeep bool
	// TooLong reports a match of Rule longer than its @limit, Limit.
	TooLong bool
	Limit   int
}

// Error formats e as "line:col: offset N: rule: found X, expected Y (in
// position)", or says which limit the input exceeded.
func (e *SyntaxError) Error() string {
	found := "end of input"
	if e.Found >= 0 {
		found = ABNFbyte(byte(e.Found))
	}
	switch {
	case e.TooDeep:
		return fmt.Sprintf("%d:%d: offset %d: %s: %s nests deeper than %d", e.Line, e.Col, e.Offset, e.Rule, e.Where, ABNFMaxDepth)
	case e.TooLong:
		return fmt.Sprintf("%d:%d: offset %d: %s is longer than its limit of %d bytes", e.Line, e.Col, e.Offset, e.Rule, e.Limit)
	}
	return fmt.Sprintf("%d:%d: offset %d: %s: found %s, expected %s (in %s)", e.Line, e.Col, e.Offset, e.Rule, found, e.Expected, e.Where)
}

func ABNFbyte(c byte) string {
	if c > 0x20 && c < 0x7f {
		return strconv.QuoteRune(rune(c))
	}
	return fmt.Sprintf("%#02x", c)
}
`
