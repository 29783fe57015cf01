#!/usr/bin/env bash
# ab.sh compares ParseRequest of this tree with ParseRequest of the parser
# package at another revision, on every head input, strict and with
# SkipValueGrammars, timed in alternating rounds in one process (as the
# targets are): sequential runs of old and new code on a shared VM differ
# by more than most changes do.
#
#	./ab.sh HEAD~3      # the parser at HEAD~3 against the working tree
#
# It copies that revision's parser/*.go (no tests) to internal/abold
# (ignored by git) and runs TestAB (ab_test.go, build tag ab). Each line:
# input, option, the median ns/op of each side, and the median of the
# per-round ratios new/old (below 1: the working tree is faster).
set -euo pipefail
cd "$(dirname "$0")"
[ $# -eq 1 ] || { echo "usage: ab.sh REVISION" >&2; exit 2; }
rev=$1
rm -rf internal/abold
mkdir -p internal/abold
for f in $(git ls-tree --name-only "$rev" ../parser/ | grep '\.go$' | grep -v '_test\.go$'); do
	git show "$rev:parser/$(basename "$f")" > "internal/abold/$(basename "$f")"
done
echo "# old: parser at $(git rev-parse --short "$rev"); new: the working tree"
go test -count=1 -tags ab -run '^TestAB$' -v . -args -targets | grep '^AB'
