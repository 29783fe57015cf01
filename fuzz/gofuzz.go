//go:build gofuzz

package fuzz

// go-fuzz entry points (build with the pinned go-fuzz-build, see
// README.md and gofuzz.sh). Each returns 1 for an input the generated
// parser accepts (go-fuzz then prefers it), 0 otherwise, and panics on a
// disagreement that no divergence class explains, so go-fuzz records it
// as a crasher.

func goFuzz(r Result) int {
	if r.Failed() {
		panic("unexplained disagreement: " + r.String())
	}
	if r.Verdict == "ok" {
		return 1
	}
	return 0
}

// FuzzRequest is the go-fuzz entry point of CheckRequest (without the
// loopback server: go-fuzz workers run many processes).
func FuzzRequest(data []byte) int { return goFuzz(CheckRequestWith(data, Options{})) }

// FuzzResponse is the go-fuzz entry point of CheckResponse.
func FuzzResponse(data []byte) int { return goFuzz(CheckResponse(data)) }

// FuzzHeader is the go-fuzz entry point of CheckHeader.
func FuzzHeader(data []byte) int { return goFuzz(CheckHeader(data)) }

// FuzzChunked is the go-fuzz entry point of CheckChunked.
func FuzzChunked(data []byte) int { return goFuzz(CheckChunked(data)) }

// FuzzDate is the go-fuzz entry point of CheckDate.
func FuzzDate(data []byte) int { return goFuzz(CheckDate(data)) }

// FuzzQValue is the go-fuzz entry point of CheckQValue.
func FuzzQValue(data []byte) int { return goFuzz(CheckQValue(data)) }

// FuzzRange is the go-fuzz entry point of CheckRange.
func FuzzRange(data []byte) int { return goFuzz(CheckRange(data)) }

// FuzzRule is the go-fuzz entry point of CheckRuleIndexed.
func FuzzRule(data []byte) int { return goFuzz(CheckRuleIndexed(data)) }

// FuzzFastPath is the go-fuzz entry point of CheckFastPath.
func FuzzFastPath(data []byte) int { return goFuzz(CheckFastPath(data)) }

// FuzzSpans is the go-fuzz entry point of CheckSpans (without its
// reference parser check, as for every target under go-fuzz).
func FuzzSpans(data []byte) int { return goFuzz(CheckSpans(data)) }
