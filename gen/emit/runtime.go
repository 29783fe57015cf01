package emit

// runtime is the engine every generated file carries once: a table-driven
// DFA interpreter with a fast path for self-loops and an explicit stack
// for calls into recursive rules. It mirrors automata.Runner exactly.
// "ABNF" is replaced by the file's prefix (abnf + -prefix), "SyntaxError"
// by the prefixed error type name, and "MAXDEPTH" by the nesting limit.
const runtime = `
// ABNFMaxDepth is the nesting limit of recursive rules (abnfc gen -depth).
const ABNFMaxDepth = MAXDEPTH

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
	// where and expected describe each state for error messages.
	where    []string
	expected []string
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
}

type ABNFframe struct {
	dfa, st int32
	chain   bool
}

// ABNFrunner is the state of one match: small, and no allocation per
// byte or per chunk.
type ABNFrunner struct {
	prog       *ABNFprog
	cur, st    int32
	depth      int
	stack      [ABNFMaxDepth]ABNFframe
	off        int
	line, lineStart int
	lastAccept int
	err        error
}

func (r *ABNFrunner) reset(p *ABNFprog) {
	r.prog, r.cur, r.st, r.depth, r.off, r.err = p, 0, 0, 0, 0, nil
	r.line, r.lineStart = 1, 0
	r.lastAccept = -1
	r.note()
}

// note records the current offset as a matching prefix if it is one.
func (r *ABNFrunner) note() {
	if r.prog.dfas[r.cur].accept[r.st] && (r.depth == 0 || r.stack[r.depth-1].chain) {
		r.lastAccept = r.off
	}
}

// write consumes b, stopping at the first error.
func (r *ABNFrunner) write(b []byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	d := r.prog.dfas[r.cur]
	st := r.st
	i := 0
	for i < len(b) {
		if l := d.loop[st]; l != nil {
			// Fast path: a run of bytes that keep the machine in place.
			j := i
			for j < len(b) && l[b[j]] {
				j++
			}
			if j > i {
				r.count(b[i:j])
				r.off += j - i
				i = j
				r.st = st
				r.note()
				if i == len(b) {
					break
				}
			}
		}
		c := b[i]
		n := d.next[st*d.nclass+int32(d.class[c])]
		if n >= 0 {
			st = n
			if c == '\n' {
				r.line, r.lineStart = r.line+1, r.off+1
			}
			r.off++
			i++
			r.st = st
			if d.accept[st] && (r.depth == 0 || r.stack[r.depth-1].chain) {
				r.lastAccept = r.off
			}
			continue
		}
		r.st = st
		if n == -1 {
			if d.accept[st] && r.depth > 0 {
				r.depth--
				f := r.stack[r.depth]
				r.cur, st = f.dfa, f.st
				d = r.prog.dfas[r.cur]
				continue
			}
			r.err = r.syntaxError(c, false)
			return i, r.err
		}
		call := r.prog.calls[-2-n]
		if !call.tail {
			if r.depth == ABNFMaxDepth {
				r.err = r.syntaxError(c, true)
				return i, r.err
			}
			chain := d.accept[call.ret] && (r.depth == 0 || r.stack[r.depth-1].chain)
			r.stack[r.depth] = ABNFframe{r.cur, call.ret, chain}
			r.depth++
		}
		r.cur, st = call.dfa, 0
		d = r.prog.dfas[r.cur]
	}
	r.st = st
	return len(b), nil
}

func (r *ABNFrunner) count(b []byte) {
	for k, c := range b {
		if c == '\n' {
			r.line, r.lineStart = r.line+1, r.off+k+1
		}
	}
}

// close ends the input: every open nested match must be able to end.
func (r *ABNFrunner) close() error {
	if r.err != nil {
		return r.err
	}
	for r.depth > 0 && r.prog.dfas[r.cur].accept[r.st] {
		r.depth--
		f := r.stack[r.depth]
		r.cur, r.st = f.dfa, f.st
	}
	if r.depth == 0 && r.prog.dfas[r.cur].accept[r.st] {
		return nil
	}
	r.err = r.syntaxError(0, false)
	r.err.(*SyntaxError).Found = -1
	return r.err
}

func (r *ABNFrunner) syntaxError(c byte, deep bool) error {
	d := r.prog.dfas[r.cur]
	e := &SyntaxError{Rule: d.rule, Where: d.where[r.st], Offset: r.off, Line: r.line, Col: r.off - r.lineStart + 1, Found: int(c), Expected: d.expected[r.st]}
	if deep {
		e.Expected = ""
		e.TooDeep = true
	}
	return e
}

// ABNFmatch reports whether all of b is in the language of p.
func ABNFmatch(p *ABNFprog, b []byte) bool {
	if len(p.dfas) == 1 {
		// One machine and no calls: the tight loop.
		d := p.dfas[0]
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
	r.reset(p)
	if _, err := r.write(b); err != nil {
		return false
	}
	return r.close() == nil
}

// ABNFscan returns the length of the longest prefix of b in the language.
func ABNFscan(p *ABNFprog, b []byte) (int, bool) {
	var r ABNFrunner
	r.reset(p)
	r.write(b)
	return r.lastAccept, r.lastAccept >= 0
}

// ABNFparse is ABNFmatch with a *SyntaxError saying where and why.
func ABNFparse(p *ABNFprog, b []byte) error {
	var r ABNFrunner
	r.reset(p)
	if _, err := r.write(b); err != nil {
		return err
	}
	return r.close()
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
	// TooDeep reports a recursive rule nested deeper than ABNFMaxDepth.
	TooDeep bool
}

func (e *SyntaxError) Error() string {
	found := "end of input"
	if e.Found >= 0 {
		found = ABNFbyte(byte(e.Found))
	}
	if e.TooDeep {
		return fmt.Sprintf("%d:%d: offset %d: %s: %s nests deeper than %d", e.Line, e.Col, e.Offset, e.Rule, e.Where, ABNFMaxDepth)
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
