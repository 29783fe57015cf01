// Package ref is the reference parser: it interprets a grammar directly
// with exact context-free semantics. It is slow and obviously correct, the
// oracle that generated parsers are checked against.
//
// In the flow of abnfc
//
//	ABNF source ──parse──▶ grammar IR ──Lower──▶ core ABNF ──▶ ref (oracle)
//	                                                    └────▶ gen (NFA → DFA)
//
// ref and gen both start from grammar.Lower's output, so list expansion,
// implied LWS, case rules and prose resolution mean the same to both.
//
// The algorithm is Earley's, with Aycock and Horspool's treatment of
// nullable rules, over a BNF compiled from the IR: each rule becomes a
// nonterminal, unbounded repetitions become left-recursive nonterminals
// (linear for Earley) and bounded ones chains of optionals. ABNF is not a
// PEG: alternatives are unordered and repetitions are not greedy, and
// Earley explores them all. Time is O(n) for unambiguous grammars whose
// repetitions are unbounded (left-recursive once compiled), as RFC 2616's
// HTTP messages are, and O(n³) at worst. Right recursion is quadratic:
// Joop Leo's optimization is not implemented, so a right-recursive
// derivation of length d keeps O(d) items in each of its d sets
// (a = "x" [a] on 5,000 bytes takes seconds; 20,000 reach
// Limits.MaxItems), and so does a bounded repetition n*m x of long
// input, whose m-n optionals are a right-recursive chain. Limits bound
// the work, and a parse that reaches one fails with a *LimitError that
// gives the input offset reached.
package ref
