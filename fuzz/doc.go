// Package fuzz is the differential fuzzing harness of abnfc: it checks the
// generated RFC 2616 parsers (package parser) against independent oracles.
//
// In the flow of abnfc
//
//	grammar/rfc2616 ─▶ parser (generated + API) ─▶ fuzz ─▶ cmd/httpfuzz
//	grammar/ref ───────────────────────────────────▲  ▲
//	net/http, net/http/httputil ───────────────────┘  └── corpus/ (seeds, regressions)
//
// Each target has one engine-neutral check function (CheckRequest,
// CheckResponse, CheckHeader, CheckChunked, CheckDate, CheckQValue,
// CheckRange, CheckRule, CheckFastPath, CheckSpans) returning a Result. The same functions back the
// native Go fuzz targets (native_test.go), the go-fuzz entry points
// (gofuzz.go, build tag gofuzz), the corpus replay test, and the campaign
// engine of cmd/httpfuzz.
//
// The oracles, compared on normalised results (see Outcome):
//
//  1. OracleRef: every generated rule function against the reference
//     Earley parser (grammar/ref) on the same bytes, line by line for
//     messages: the match, the longest prefix, and where Validate's
//     error is. They must agree exactly, on inputs of at most 512 bytes
//     (longer ones skip this oracle, and so do the rare parses past
//     ref.Limits), on the first four messages of a stream; go-fuzz builds
//     leave it out (README.md).
//  2. OracleNetHTTP, OracleNetHTTPResp, OracleServer, OracleChunked,
//     OracleTime, OracleServeContent, OracleTextproto, OracleFloat:
//     net/http and friends. Every
//     disagreement must belong to a divergence class of DIVERGENCES.md;
//     Classify names it by re-checking the class's condition on the input.
//  3. OracleStream: one-shot parsing against parser.Reader fed in random
//     chunks (with timeouts in heads too, read on after each) and one
//     byte at a time. They must agree exactly.
//  4. OracleModel: for requests and responses, the framing and persistence
//     of each message against RFC 2616's message rules (§4.4, §3.6, §8.1)
//     written again over the head's lines (model.go). They must agree
//     exactly; it checks what the transfer-encoding class leaves net/http
//     unable to check. Under each leniency of parser.Options, the lenient
//     parse against the strict parse of the input rewritten as the RFC
//     reads the leniency (lenient.go), offsets mapped back.
//  5. OracleLineByLine: the head parsed by the parser's API, which takes
//     the one-pass path for a well-formed head, against the line-by-line
//     path alone (internal/headpath). They must agree exactly.
//
// Every message oracle reads at most 16 pipelined messages of an input
// (maxMessages) and leaves the rest unchecked: a stream of 16 valid
// requests followed by garbage is "ok".
//
// A Result has Failed when some disagreement has no class; fuzz drivers save
// such inputs and corpus/ keeps them as regressions.
package fuzz
