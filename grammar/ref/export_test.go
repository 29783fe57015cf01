package ref

// Derivations counts, up to 2, the derivations of p's rule over input
// that Tree chooses among: derivations in the compiled program in which
// no (nonterminal, span) is nested in itself, so that Tree's ambiguous
// flag can be checked against it. It is brute force and shares no code
// with the chart or the builder: every split of every production is
// tried, and a child over the same span as its parent is counted with
// the (nonterminal, span) pairs above it excluded. Children over a
// smaller span cannot meet those pairs, so their counts are memoized.
func Derivations(p *Parser, input []byte) int {
	prog := p.prog
	type key struct{ nt, i, j int }
	memo := map[key]int{}
	var count func(nt, i, j int, active []key) int
	// rhsCount counts the ways rhs[t:] derives input[at:j], up to 2.
	var rhsCount func(rhs []symbol, t, at, i, j int, active []key) int
	rhsCount = func(rhs []symbol, t, at, i, j int, active []key) int {
		if t == len(rhs) {
			if at == j {
				return 1
			}
			return 0
		}
		s := rhs[t]
		if s.isTerm() {
			if at < j && prog.terms[s.term()].Has(input[at]) {
				return rhsCount(rhs, t+1, at+1, i, j, active)
			}
			return 0
		}
		n := 0
		for end := at; end <= j && n < 2; end++ {
			var c int
			if at == i && end == j {
				c = count(int(s), at, end, active)
			} else {
				c = count(int(s), at, end, nil)
			}
			if c == 0 {
				continue
			}
			n += c * rhsCount(rhs, t+1, end, i, j, active)
		}
		return min(n, 2)
	}
	count = func(nt, i, j int, active []key) int {
		k := key{nt, i, j}
		for _, a := range active {
			if a == k {
				return 0
			}
		}
		if len(active) == 0 {
			if n, ok := memo[k]; ok {
				return n
			}
		}
		n := 0
		for _, q := range prog.nts[nt].prods {
			n += rhsCount(prog.prods[q].rhs, 0, i, i, j, append(active[:len(active):len(active)], k))
			if n >= 2 {
				break
			}
		}
		n = min(n, 2)
		if len(active) == 0 {
			memo[k] = n
		}
		return n
	}
	return count(prog.start, 0, len(input), nil)
}
