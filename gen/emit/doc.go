// Package emit writes compiled machines as Go source: the second half of
// the generator.
//
// In the flow of abnfc
//
//	core ABNF ──automata──▶ machines ──emit──▶ gofmt'd Go source
//
// it builds the file through a small P(...) writer (after protogen's
// GeneratedFile) from the automata model, never by pasting grammar text
// into code. Each requested rule gets MatchR, ScanR, ValidateR and a
// streaming RMachine; each machine gets readable tables: a byte-class
// table written as 'a': 3 entries, a transition table with one commented
// line per state naming its grammar position, and 256-entry tables for the
// self-loop fast path. A small engine, the same for every file, runs them.
// In the goto style (the default) every machine is also written as goto
// code, which MatchR, ScanR and the streaming Write of a rule without calls
// run directly and the engine runs between calls and returns (style.go),
// up to MaxGotoStates states (Config.MaxGotoStates): a larger machine
// runs from its tables, as the Go compiler's cost on a goto function
// grows about as the square of its states;
// for the rules of Rule.WriteGoto (abnfc gen -write-goto) the streaming
// Write is a second copy of the goto code that keeps the runner's books
// itself, one call a chunk (writeGotoFunc);
// MatchR of a recursive rule is one goto function over all its machines,
// with its frames on an array; self-loops over large sets skip sixteen
// and eight bytes at a time by SWAR (swar.go), the other table loops over
// sets of 32 bytes or more take eight bytes a step (style.go,
// unrolledLoop), and runs of states that spell a literal are tested a
// word at a time (chain.go); with Config.SIMD those loops also get an
// AVX2 version in a pair of build-tagged files (simd.go), except loops
// over the bytes of a rule annotated @short (tokens). A rule annotated @spans also gets
// SpansR, the goto code of its span machine (automata.CompileSpans), whose
// edges record where the named rules' matches start and end (spans.go).
// The SWAR and vector loops read whole words while b's capacity holds
// them, so generated functions may read (never write) bytes of
// b[len(b):cap(b)]; their results never depend on those bytes.
//
// The rule quoted above MatchR, its position and the header's command
// line and sources are written with the bytes outside printable ASCII
// escaped as \xNN (escapeText): a file name or RFC 2616 prose cannot make
// the file unformattable or carry bidirectional characters into it.
//
// Generated code imports only the standard library (simd/archsimd, in
// the file built with GOEXPERIMENT=simd only, is part of it).
package emit
