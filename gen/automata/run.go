package automata

import "fmt"

// DefaultMaxDepth is the nesting limit of Run when none is given.
const DefaultMaxDepth = 32

// Runner executes a Program byte by byte, exactly as generated code does;
// it is the specification the emitter follows, and tests compare it with
// the reference parser. The zero Runner is not ready: use NewRunner.
type Runner struct {
	p        *Program
	maxDepth int
	cur, st  int
	stack    []frame
	off      int
	// lastAccept is the longest prefix known to match, or -1.
	lastAccept int
	err        error
}

type frame struct {
	m, st int
	// chain reports that the return state and every state below it are
	// accepting, so that popping all frames would accept.
	chain bool
}

// NewRunner returns a Runner for p with the given nesting limit (≤ 0 for
// DefaultMaxDepth).
func NewRunner(p *Program, maxDepth int) *Runner {
	if maxDepth <= 0 {
		maxDepth = DefaultMaxDepth
	}
	r := &Runner{p: p, maxDepth: maxDepth}
	r.Reset()
	return r
}

// Reset starts a new input.
func (r *Runner) Reset() {
	r.cur, r.st, r.stack, r.off, r.err = 0, 0, r.stack[:0], 0, nil
	r.lastAccept = -1
	r.note()
}

// note records the current offset as a matching prefix if it is one.
func (r *Runner) note() {
	if r.p.Machines[r.cur].States[r.st].Accept && (len(r.stack) == 0 || r.stack[len(r.stack)-1].chain) {
		r.lastAccept = r.off
	}
}

// Write feeds bytes; it returns the bytes consumed and the first error.
func (r *Runner) Write(b []byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	for i, c := range b {
		if err := r.step(c); err != nil {
			r.err = err
			return i, err
		}
		r.off++
		r.note()
	}
	return len(b), nil
}

func (r *Runner) step(c byte) error {
	for {
		m := r.p.Machines[r.cur]
		s := m.States[r.st]
		e := s.Next[m.Class[c]]
		switch {
		case e.Dead():
			if s.Accept && len(r.stack) > 0 {
				f := r.stack[len(r.stack)-1]
				r.stack = r.stack[:len(r.stack)-1]
				r.cur, r.st = f.m, f.st
				continue
			}
			return fmt.Errorf("offset %d: rule %s: unexpected %s", r.off, m.Rule, describeByte(c))
		case e.Call >= 0:
			if !e.Tail {
				if len(r.stack) >= r.maxDepth {
					return fmt.Errorf("offset %d: rule %s nests more than %d deep", r.off, r.p.Machines[e.Call].Rule, r.maxDepth)
				}
				chain := m.States[e.To].Accept && (len(r.stack) == 0 || r.stack[len(r.stack)-1].chain)
				r.stack = append(r.stack, frame{r.cur, e.To, chain})
			}
			r.cur, r.st = e.Call, 0
			continue
		default:
			r.st = e.To
			return nil
		}
	}
}

// Close ends the input and reports whether all of it matched.
func (r *Runner) Close() error {
	if r.err != nil {
		return r.err
	}
	for len(r.stack) > 0 && r.p.Machines[r.cur].States[r.st].Accept {
		f := r.stack[len(r.stack)-1]
		r.stack = r.stack[:len(r.stack)-1]
		r.cur, r.st = f.m, f.st
	}
	if len(r.stack) == 0 && r.p.Machines[r.cur].States[r.st].Accept {
		return nil
	}
	return fmt.Errorf("offset %d: rule %s: unexpected end of input", r.off, r.p.Machines[r.cur].Rule)
}

// Match reports whether all of b is in the language of the program's rule.
func (p *Program) Match(b []byte) bool {
	r := NewRunner(p, 0)
	if _, err := r.Write(b); err != nil {
		return false
	}
	return r.Close() == nil
}

// Scan returns the length of the longest prefix of b in the language.
func (p *Program) Scan(b []byte) (n int, ok bool) {
	r := NewRunner(p, 0)
	r.Write(b)
	return r.lastAccept, r.lastAccept >= 0
}
