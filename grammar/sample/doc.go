// Package sample generates strings from a grammar: random samples of a
// rule, a set of samples that covers every alternative and every 2-path of
// the grammar, and near-misses, single labelled edits of a sample that the
// reference parser classifies as in or out of the language.
//
// In the flow of abnfc
//
//	ABNF source ──parse──▶ grammar IR ──Lower──▶ core ABNF ──▶ ref (oracle)
//	                                                 │            ▲
//	                                                 ▼            │ checks
//	                                              sample ─────────┘
//	                                                 │
//	                                                 ▼
//	                      test inputs for gen's parsers, fuzz seeds, corpus/
//
// sample works, like ref and gen, on grammar.Lower's output, so list
// expansion, implied LWS and case rules mean the same here as in the
// parsers the samples test.
//
// # Random samples
//
// A Sampler expands its rule top down. Before the depth limit
// (Options.MaxDepth, counted in rule references) and while the output is
// below the size target (Options.MaxSize), it picks alternatives at
// random — uniformly up to half the depth limit, then weighted by
// 1/(1+h), h the height of an alternative's shortest derivation, to steer
// toward the way out — and repetition counts uniformly between the
// minimum and a bound (Options.MaxRepeat); a case-insensitive literal
// gets a random case for each letter. Past either limit, or after
// MaxSteps nodes expanded (nested repetitions of what may be empty, such
// as *(*(*(""))), reach neither of the other limits), it takes the
// shortest way out: for every rule and node New computes, as a least
// fixpoint, the length of its shortest string and the height of the
// lowest derivation of that length, and the sampler then takes the
// alternative with the least (length, height) and the minimum repetition
// count, or a single iteration when the repeated item's shortest string
// is empty (they would all give the empty string). Heights fall by one at
// each rule reference along such a path, so generation terminates on
// every grammar whose start rule has a finite derivation; New reports the
// start rules that have none, such as a = "x" a. Alternatives whose
// shortest string is over MaxInput (1 MiB) are never taken. The shortest
// way out skips what derives only the empty string (s = n0 "y", n0 = n1
// n1, ... would be 2^depth nodes of nothing), but what it must produce
// can still take many nodes (a = 1000(1000(b)), b a chain of rules to
// "x"), so MaxWork bounds the nodes of one sample in all: past it Next,
// NextDerivation and Coverage fail with a *WorkError.
//
// # Coverage
//
// A choice point is an Alt node of the lowered grammar reachable from the
// start rule; an alternative is a pair (X, i) of a choice point X and the
// index i of one of its alternatives. A 2-path is a pair of alternatives
// (X, i) → (Y, j) such that some derivation from the start rule enters
// choice point Y inside alternative i of X with no other choice point in
// between: from X.Alts[i] down to Y the derivation passes only through
// concatenations, repetitions and rule references. In a derivation tree
// these are the pairs of a choice node and its nearest choice-node
// ancestor. Coverage generates samples until each alternative and each
// 2-path that has a finite derivation has been produced at least once,
// aiming each new sample at the first target not yet covered, and
// reports those that have none as impossible. A rule with no choice point
// (RFC 2616's HTTP-Version) is covered by one sample.
//
// # Near-misses
//
// NearMisses makes single edits of a sample at points its Derivation
// suggests: insertions of SP, HT, CR, LF, NUL, DEL, 0x80 or 0xFF at
// terminal boundaries, case flips of letters, dropped or duplicated
// separators (terminals made of punctuation or white space), a sign, "0x"
// or leading zeros before a run of digits, and split or duplicated lines.
// Each is classified by a matcher, normally the reference parser, so a
// near-miss is known to be in or out of the language, or, when the
// reference parser gives up at one of its limits, marked as unknown
// (NearMiss.Err) rather than out.
package sample
