// Package automata compiles grammar rules to deterministic machines: the
// first half of the generator.
//
// In the flow of abnfc
//
//	grammar IR ──Lower──▶ core ABNF ──automata──▶ machines ──emit──▶ Go source
//
// a root rule becomes a Program of one or more Machines. Every rule that is
// not recursive is inlined into its caller's NFA (Thompson's
// construction), which is determinised by subset construction over byte
// classes computed once per machine and minimised by Moore's partition
// refinement. Rules that truly recurse (a cycle of references, such as RFC
// 2616's nested comment), and rules the caller asks to keep apart (for
// captures), become machines of their own, entered through call edges:
// the pushdown part. A call or a return is decided by the next byte alone;
// where the grammar would need more than that, Compile fails with a
// positioned error instead of guessing, so a compiled Program always
// accepts exactly the language of its rule. Calls in tail position need no
// stack (right recursion runs in constant space).
//
// CompileSpans builds the other kind of machine: one DFA for a rule
// without recursion whose edges carry marks where the matches of chosen
// rules start and end (spans.go), decided at fixed offsets once every
// path through the NFA agrees, or a positioned error.
package automata
