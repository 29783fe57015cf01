package ref

import (
	"slices"
	"sort"
)

// item is an Earley item: production prod with the dot before rhs[dot],
// started at input offset origin.
type item struct {
	prod, dot, origin int32
}

func cmpItem(a, b item) int {
	if a.prod != b.prod {
		return int(a.prod - b.prod)
	}
	if a.dot != b.dot {
		return int(a.dot - b.dot)
	}
	return int(a.origin - b.origin)
}

func less(a, b item) bool { return cmpItem(a, b) < 0 }

// wait records that item idx of a set waits for nonterminal nt.
type wait struct{ nt, idx int32 }

// chart is the Earley chart of one input: set(k) holds the items valid
// after k bytes, sorted once the set is complete. The sets, and the lists
// of their waiting items, are runs of a few large arrays (see runs).
type chart struct {
	p     *prog
	input []byte
	sets  runs[item]
	// waits' run k lists, sorted by nonterminal, the items of set k whose
	// next symbol is a nonterminal.
	waits runs[wait]
	// ends lists the lengths of the prefixes of input in L(start).
	ends []int
	// nitems counts the items of the sets.
	nitems int
	// steps counts the work of completion: each waiting item looked at.
	steps int
	// last is the last set that is not empty.
	last int
}

// set returns the items of set k.
func (c *chart) set(k int) []item { return c.sets.get(k) }

// itemSet is a hash set of items, cleared in O(1) by a generation stamp.
type itemSet struct {
	keys []item
	gen  []uint32
	cur  uint32
	n    int
}

func (s *itemSet) reset() {
	s.cur++
	s.n = 0
	if len(s.keys) == 0 {
		s.keys = make([]item, 64)
		s.gen = make([]uint32, 64)
	}
}

// add inserts it and reports whether it was new.
func (s *itemSet) add(it item) bool {
	if 2*(s.n+1) > len(s.keys) {
		s.grow()
	}
	mask := uint32(len(s.keys) - 1)
	h := (uint32(it.prod)*0x9E3779B1 ^ uint32(it.dot)*0x85EBCA77 ^ uint32(it.origin)*0xC2B2AE3D) & mask
	for s.gen[h] == s.cur {
		if s.keys[h] == it {
			return false
		}
		h = (h + 1) & mask
	}
	s.gen[h] = s.cur
	s.keys[h] = it
	s.n++
	return true
}

func (s *itemSet) grow() {
	old, oldGen, cur := s.keys, s.gen, s.cur
	s.keys = make([]item, 2*len(old))
	s.gen = make([]uint32, 2*len(old))
	s.cur, s.n = 1, 0
	for i, it := range old {
		if oldGen[i] == cur {
			s.add(it)
		}
	}
}

// recognize runs the Earley recognizer (with Aycock and Horspool's
// handling of nullable nonterminals) over input. It stops early when a
// set comes out empty: no longer prefix can match.
func recognize(p *prog, input []byte, maxItems, maxSteps int) (*chart, error) {
	n := len(input)
	c := &chart{p: p, input: input, sets: newRuns[item](n + 1), waits: newRuns[wait](n + 1)}
	// store adds set k, sorted or not, to the chart; finish, at the end,
	// leaves the sets from k+1 on empty.
	store := func(k int, set []item) { c.sets.add(k, set) }
	finish := func(k int) {
		c.sets.close(k)
		c.waits.close(k)
	}
	// fail stores set k, unfinished, when a limit stops the parse.
	fail := func(k int, set []item) {
		store(k, set)
		c.waits.add(k, nil)
		finish(k)
	}
	var cur, next itemSet
	cur.reset()
	next.reset()
	predicted := make([]int, len(p.nts)) // set index+1 at which nt was predicted
	startProd := int32(p.nts[p.start].prods[0])
	cur.add(item{startProd, 0, 0})
	// set is the set in progress, scanned the items of the next one.
	set, scanned := []item{{startProd, 0, 0}}, []item(nil)
	// pending lists the waits of the set in progress, unsorted, and
	// indexes them by nonterminal: waiter[nt] is 1 + the index in pending
	// of the last item waiting for nt (valid when waitSet[nt] is k+1), and
	// pendingNext[i] is 1 + the index of the one before it, or 0. So a
	// completion within the set looks only at the items waiting for its
	// own nonterminal: a scan of all of pending had made a set of W
	// waiting items cost O(W²) (s = 0*12000[a] gave up on the empty input).
	var pending []wait
	var pendingNext []int32
	waiter := make([]int32, len(p.nts))
	waitSet := make([]int32, len(p.nts))
	var ws []wait
	for k := 0; k <= n; k++ {
		pending, pendingNext = pending[:0], pendingNext[:0]
		add := func(it item) {
			if cur.add(it) {
				set = append(set, it)
			}
		}
		for i := 0; i < len(set); i++ {
			it := set[i]
			pr := &p.prods[it.prod]
			if int(it.dot) == len(pr.rhs) {
				// Complete: advance the items of the origin set waiting
				// for this nonterminal.
				lhs := int32(pr.lhs)
				if int(it.origin) == k {
					if waitSet[lhs] == int32(k+1) {
						for x := waiter[lhs]; x != 0; x = pendingNext[x-1] {
							wi := set[pending[x-1].idx]
							add(item{wi.prod, wi.dot + 1, wi.origin})
							c.steps++
						}
					}
				} else {
					ws := c.waits.get(int(it.origin))
					origin := c.set(int(it.origin))
					j, _ := slices.BinarySearchFunc(ws, lhs, func(w wait, nt int32) int { return int(w.nt - nt) })
					for ; j < len(ws) && ws[j].nt == lhs; j++ {
						wi := origin[ws[j].idx]
						add(item{wi.prod, wi.dot + 1, wi.origin})
						c.steps++
					}
				}
				if c.steps > maxSteps {
					c.nitems += len(set)
					c.last = k
					fail(k, set)
					return c, &LimitError{Offset: k, Limit: "MaxSteps", Max: maxSteps}
				}
				if it.prod == startProd && it.origin == 0 {
					c.ends = append(c.ends, k)
				}
				continue
			}
			s := pr.rhs[it.dot]
			if s.isTerm() {
				if k < n && p.terms[s.term()].Has(input[k]) {
					adv := item{it.prod, it.dot + 1, it.origin}
					if next.add(adv) {
						scanned = append(scanned, adv)
					}
				}
				continue
			}
			nt := int32(s)
			pending = append(pending, wait{nt, int32(i)})
			prev := int32(0)
			if waitSet[nt] == int32(k+1) {
				prev = waiter[nt]
			}
			pendingNext = append(pendingNext, prev)
			waiter[nt], waitSet[nt] = int32(len(pending)), int32(k+1)
			if predicted[nt] != k+1 {
				predicted[nt] = k + 1
				for _, q := range p.nts[nt].prods {
					add(item{int32(q), 0, int32(k)})
				}
			}
			if p.nts[nt].nullable {
				add(item{it.prod, it.dot + 1, it.origin})
			}
		}
		c.nitems += len(set)
		if len(set) > 0 {
			c.last = k
		}
		if c.nitems > maxItems {
			fail(k, set)
			return c, &LimitError{Offset: k, Limit: "MaxItems", Max: maxItems}
		}
		slices.SortFunc(set, cmpItem)
		store(k, set)
		// Index the waiting items by position in the sorted set.
		ws = ws[:0]
		for i, it := range set {
			pr := &p.prods[it.prod]
			if int(it.dot) < len(pr.rhs) && !pr.rhs[it.dot].isTerm() {
				ws = append(ws, wait{int32(pr.rhs[it.dot]), int32(i)})
			}
		}
		slices.SortFunc(ws, func(a, b wait) int { return int(a.nt - b.nt) })
		c.waits.add(k, ws)
		cur, next = next, cur
		next.reset()
		set, scanned = scanned, set[:0]
		if k == n || len(set) == 0 {
			finish(k)
			break
		}
	}
	return c, nil
}

// has reports whether set k holds it.
func (c *chart) has(k int, it item) bool {
	set := c.set(k)
	i := sort.Search(len(set), func(i int) bool { return !less(set[i], it) })
	return i < len(set) && set[i] == it
}

// matched reports whether the whole input is in the language.
func (c *chart) matched() bool {
	return len(c.ends) > 0 && c.ends[len(c.ends)-1] == len(c.input)
}
