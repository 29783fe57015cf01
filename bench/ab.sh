#!/usr/bin/env bash
# ab.sh compares the parser package of the working tree with the parser
# package at another revision, timed in alternating rounds in one process
# (as the targets are): sequential runs of old and new code on a shared VM
# differ by more than most changes do.
#
#	./ab.sh HEAD~3              # the parser at HEAD~3 against the working tree
#	./ab.sh -layouts 5 HEAD~3   # 5 code layouts, each run both ways round
#	ROUNDS=21 ./ab.sh ...       # fewer rounds a line (default 61)
#
# It copies that revision's parser/*.go (no tests) and the working tree's
# to internal/abold and internal/abnew (both ignored by git) and runs
# TestAB (ab_test.go, build tag ab). Each line: input, what was timed,
# the median ns/op of each side, and the median of the per-round ratios
# new/old (below 1: the working tree is faster).
#
# Code placement alone moves these ratios. With the same source in both
# copies (./ab.sh HEAD, no change), SpansMessageHead measured new/old
# 0.77-1.04 over seven layouts, median 0.84: the copy in internal/abnew
# was faster only for where the linker put it. So a single run says
# nothing about a change of less than about 15 %. With -layouts K, each
# of K builds puts filler functions of pseudo-random sizes in front of
# each copy's code, and runs twice: once as above and once with the
# copies swapped (old code in internal/abnew; that run's ratios are
# inverted), so that the bias of either place cancels. The summary gives
# per line the median of the 2K ratios and their range; a change is real
# when the median moves well beyond what the same command gives with no
# change (run it as ./ab.sh -layouts K HEAD first). TestAB prints where each
# copy's scanner sits modulo 64 (one of two phases, as functions start at
# multiples of 32 bytes), which alone moved one function by 15 % (session 6).
set -euo pipefail
cd "$(dirname "$0")"
layouts=1
if [ "${1:-}" = "-layouts" ]; then
	layouts=$2
	shift 2
fi
[ $# -eq 1 ] || { echo "usage: ab.sh [-layouts K] REVISION" >&2; exit 2; }
rev=$1
copy() { # copy DIR REV|-: a parser package at a revision, or the working tree
	rm -rf "internal/$1"
	mkdir -p "internal/$1"
	if [ "$2" = - ]; then
		for f in ../parser/*.go; do
			case $f in *_test.go) ;; *) cp "$f" "internal/$1/" ;; esac
		done
		return
	fi
	for f in $(git ls-tree --name-only "$2" ../parser/ | grep '\.go$' | grep -v '_test\.go$'); do
		git show "$2:parser/$(basename "$f")" > "internal/$1/$(basename "$f")"
	done
}
pad() { # pad DIR N: a filler function of N statements ahead of the package's code
	{
		echo "package parser"
		echo
		echo "// abPad moves the code after it (ab.sh -layouts); abPadSink keeps it linked."
		echo "var abPadSink = abPad(1)"
		echo
		echo "func abPad(a int) int {"
		for ((k = 0; k < $2; k++)); do echo "	a = a*31 + $k"; echo "	a ^= a >> 7"; done
		echo "	return a"
		echo "}"
	} > "internal/$1/aaa_pad.go"
}
echo "# old: parser at $(git rev-parse --short "$rev"); new: the working tree; $layouts layout(s)"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
run() { # run TAG: TestAB's lines, tagged
	go test -count=1 -tags ab -run '^TestAB$' -v . -args -targets -rounds "${ROUNDS:-61}" | grep '^AB' | sed "s/^AB/$1/" | tee -a "$out"
}
if [ "$layouts" -le 1 ]; then
	copy abold "$rev"
	copy abnew -
	run AB
	exit
fi
for ((l = 1; l <= layouts; l++)); do
	echo "# layout $l"
	copy abold "$rev"
	copy abnew -
	pad abold $(((l * 37) % 61))
	pad abnew $(((l * 53 + 11) % 67))
	run AB
	echo "# layout $l, swapped: old code in internal/abnew (ratios are old/new)"
	copy abold -
	copy abnew "$rev"
	pad abold $(((l * 53 + 11) % 67))
	pad abnew $(((l * 37) % 61))
	run ABS
done
echo "# median new/old over $layouts layouts, both ways round [min max]"
awk '$2 == "phase" { next }
{ key = $2 " " $3; x = $NF; if ($1 == "ABS") x = 1 / x
	r[key] = r[key] " " x; if (!(key in seen)) { seen[key] = 1; order[++n] = key } }
END {
	for (k = 1; k <= n; k++) {
		m = split(substr(r[order[k]], 2), v, " ")
		for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (v[j] + 0 < v[i] + 0) { t = v[i]; v[i] = v[j]; v[j] = t }
		printf "ABL %-40s %.3f [%.3f %.3f]\n", order[k], (v[int((m + 1) / 2)] + v[int(m / 2) + 1]) / 2, v[1], v[m]
	}
}' "$out"
