package ref

import (
	"sort"
)

// item is an Earley item: production prod with the dot before rhs[dot],
// started at input offset origin.
type item struct {
	prod, dot, origin int32
}

func less(a, b item) bool {
	if a.prod != b.prod {
		return a.prod < b.prod
	}
	if a.dot != b.dot {
		return a.dot < b.dot
	}
	return a.origin < b.origin
}

// chart is the Earley chart of one input: sets[k] holds the items valid
// after k bytes, sorted once the set is complete.
type chart struct {
	p     *prog
	input []byte
	sets  [][]item
	// waiting[k][nt] lists the items of sets[k] whose next symbol is nt.
	waiting []map[int32][]int32
	// ends lists the lengths of the prefixes of input in L(start).
	ends  []int
	items int
	// last is the last set that is not empty.
	last int
}

// errLimit is returned when a parse needs more items than allowed.
type errLimit struct{ items int }

// recognize runs the Earley recognizer (with Aycock and Horspool's
// handling of nullable nonterminals) over input. It stops early when a
// set comes out empty: no longer prefix can match.
func recognize(p *prog, input []byte, maxItems int) (*chart, error) {
	n := len(input)
	c := &chart{p: p, input: input, sets: make([][]item, n+1), waiting: make([]map[int32][]int32, n+1)}
	seen := map[item]struct{}{}
	var next map[item]struct{}
	add := func(k int, it item, dedupe map[item]struct{}) {
		if _, ok := dedupe[it]; ok {
			return
		}
		dedupe[it] = struct{}{}
		c.sets[k] = append(c.sets[k], it)
	}
	startProd := int32(p.nts[p.start].prods[0])
	add(0, item{startProd, 0, 0}, seen)
	for k := 0; k <= n; k++ {
		next = map[item]struct{}{}
		predicted := map[int32]bool{}
		wait := map[int32][]int32{}
		c.waiting[k] = wait
		set := &c.sets[k]
		for i := 0; i < len(*set); i++ {
			it := (*set)[i]
			pr := &p.prods[it.prod]
			if int(it.dot) == len(pr.rhs) {
				// Complete: advance the items of the origin set waiting
				// for this nonterminal.
				lhs := int32(pr.lhs)
				for _, w := range c.waiting[it.origin][lhs] {
					wi := c.sets[it.origin][w]
					add(k, item{wi.prod, wi.dot + 1, wi.origin}, seen)
				}
				if it.prod == startProd && it.origin == 0 {
					c.ends = append(c.ends, k)
				}
				continue
			}
			s := pr.rhs[it.dot]
			if s.isTerm() {
				if k < n && p.terms[s.term()].has(input[k]) {
					add(k+1, item{it.prod, it.dot + 1, it.origin}, next)
				}
				continue
			}
			nt := int32(s)
			wait[nt] = append(wait[nt], int32(i))
			if !predicted[nt] {
				predicted[nt] = true
				for _, q := range p.nts[nt].prods {
					add(k, item{int32(q), 0, int32(k)}, seen)
				}
			}
			if p.nts[nt].nullable {
				add(k, item{it.prod, it.dot + 1, it.origin}, seen)
			}
		}
		c.items += len(*set)
		if len(*set) > 0 {
			c.last = k
		}
		if c.items > maxItems {
			return c, errLimit{c.items}
		}
		sort.Slice(*set, func(a, b int) bool { return less((*set)[a], (*set)[b]) })
		// The waiting index now points into the unsorted order; rebuild it.
		for nt := range wait {
			wait[nt] = wait[nt][:0]
		}
		for i, it := range *set {
			pr := &p.prods[it.prod]
			if int(it.dot) < len(pr.rhs) && !pr.rhs[it.dot].isTerm() {
				nt := int32(pr.rhs[it.dot])
				wait[nt] = append(wait[nt], int32(i))
			}
		}
		seen = next
		if k < n && len(c.sets[k+1]) == 0 {
			break
		}
	}
	return c, nil
}

// has reports whether set k holds it.
func (c *chart) has(k int, it item) bool {
	set := c.sets[k]
	i := sort.Search(len(set), func(i int) bool { return !less(set[i], it) })
	return i < len(set) && set[i] == it
}

// matched reports whether the whole input is in the language.
func (c *chart) matched() bool {
	return len(c.ends) > 0 && c.ends[len(c.ends)-1] == len(c.input)
}
