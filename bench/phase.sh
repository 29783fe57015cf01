#!/usr/bin/env bash
# phase.sh times one generated function of the parser at another revision
# against the working tree's, each copy at both 64-byte phases.
#
#	./phase.sh HEAD~1                     # SpansMessageHead, HEAD~1 vs the working tree
#	./phase.sh HEAD~1 abnfmatchAccept     # another function of parser/zz_rfc2616.go
#
# Go starts a function at a multiple of 32 bytes, so at one of two phases
# of a 64-byte line, and the same code can run at different speeds at the
# two (a one-byte loop that straddles a line; session 6 measured 190 and
# 219 ns for two copies of one SpansMessageHead). Two copies of a whole
# package (ab.sh) or two functions side by side both carry that luck, so
# this script puts four copies in one test binary: the old and the new
# body, then a filler function, then both again, and builds it twice with
# fillers of different sizes, so that each body is timed at both phases
# (the test prints every copy's address mod 64). It then times the four
# old/new pairings in alternating rounds, as TestTargets does, and prints
# their ratios new/old (below 1: the working tree is faster).
#
# The copies live in package parser (a temporary file zz_phase_test.go,
# removed afterwards), so they use the working tree's tables: the old body
# must compile against them, which holds for changes to the shape of the
# code, not to its tables. The function must have the signature of
# SpansMessageHead or of a MatchR matcher (func([]byte) bool); it runs on
# the browser GET of testdata/.
set -euo pipefail
cd "$(dirname "$0")"
[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: phase.sh REVISION [FUNCTION]" >&2; exit 2; }
rev=$1
fn=${2:-SpansMessageHead}
gen=../parser/zz_rfc2616.go
out=../parser/zz_phase_test.go
trap 'rm -f "$out"' EXIT

body() { # body FILE NEWNAME: the function fn of FILE, renamed
	awk -v fn="$fn" -v nn="$2" '
		$0 ~ "^func " fn "\\(" { on = 1; sub("^func " fn "\\(", "func " nn "(") }
		on { print }
		on && /^}/ { exit }' "$1"
}
old=$(mktemp)
trap 'rm -f "$out" "$old"' EXIT
git show "$rev:parser/zz_rfc2616.go" > "$old"
[ -n "$(body "$old" x)" ] || { echo "phase.sh: no func $fn in parser/zz_rfc2616.go at $rev" >&2; exit 1; }
[ -n "$(body "$gen" x)" ] || { echo "phase.sh: no func $fn in the working tree's parser/zz_rfc2616.go" >&2; exit 1; }
if grep -q "^func $fn(b \[\]byte) bool" "$gen"; then
	kind=match
else
	kind=spans
fi

for fill in 0 1; do
	{
		echo "//go:build phase"
		echo
		echo "package parser"
		echo
		body "$old" phaseOldA
		echo
		body "$gen" phaseNewA
		for ((k = 0; k < fill; k++)); do
			echo
			echo "//go:noinline"
			echo "func phaseFill$k(a, b int) int {"
			echo "	if a > b {"
			echo "		phaseSink += a * b"
			echo "	}"
			echo "	return a + b"
			echo "}"
		done
		echo
		echo "var phaseSink int"
		echo
		echo "func phaseFill(a, b int) {"
		for ((k = 0; k < fill; k++)); do echo "	phaseFill$k(a, b)"; done
		echo "}"
		echo
		body "$old" phaseOldB
		echo
		body "$gen" phaseNewB
		echo
		echo "const phaseKind = \"$kind\""
	} > "$out"
	echo "# $fn: $(git rev-parse --short "$rev") (old) vs the working tree (new), build $((fill + 1)) of 2"
	go test -count=1 -tags phase -run '^TestPhase$' -v ../parser/ | grep -E '^(phase|PHASE|---|FAIL|ok)' | grep -v '^ok' || { echo "phase.sh: the test failed (does the old body compile against the new tables?)" >&2; exit 1; }
done
