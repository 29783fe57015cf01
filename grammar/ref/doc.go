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
// Earley explores them all. Time is O(n) for the unambiguous regular
// grammars of HTTP, O(n³) at worst; Limits bound it.
package ref
