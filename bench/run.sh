#!/usr/bin/env bash
# run.sh runs the benchmarks of bench/ and prints benchstat's table, a table
# of ratios to abnfc, and the speed targets of issue 8.
#
#	./run.sh                 # all benchmarks, -count 6 (several minutes)
#	./run.sh -quick          # only the targets, interleaved (under a minute)
#	./run.sh -count 10 -bench 'Head|Chunked' -o results.txt
set -euo pipefail
cd "$(dirname "$0")"

usage() {
	echo "usage: run.sh [-quick] [-count N] [-bench REGEXP] [-benchtime D] [-o FILE]" >&2
	exit 2
}

quick=0 count=6 bench=. benchtime=1s out=
while [ $# -gt 0 ]; do
	case $1 in
	-quick) quick=1 ;;
	-count) [ $# -ge 2 ] || usage; count=$2; shift ;;
	-bench) [ $# -ge 2 ] || usage; bench=$2; shift ;;
	-benchtime) [ $# -ge 2 ] || usage; benchtime=$2; shift ;;
	-o) [ $# -ge 2 ] || usage; out=$2; shift ;;
	*) usage ;;
	esac
	shift
done

machine() {
	echo "# $(go version), GOEXPERIMENT=$(go env GOEXPERIMENT), $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
}

# targets runs TestTargets, which alternates our parser and the peer in
# rounds in one process and takes medians, and prints its lines.
targets() {
	local log
	log=$(mktemp)
	if ! go test -count=1 -run '^TestTargets$' -v . -args -targets >"$log" 2>&1; then
		cat "$log" >&2
		rm -f "$log"
		exit 1
	fi
	grep -E '^measure ' "$log" || true
	grep -E '^target ' "$log"
	rm -f "$log"
}

machine
if [ $quick = 1 ]; then
	targets
	exit 0
fi

benchstat=$(command -v benchstat || true)
if [ -z "$benchstat" ]; then
	benchstat=$(go env GOPATH)/bin/benchstat
	[ -x "$benchstat" ] || go install golang.org/x/perf/cmd/benchstat@latest
fi

tmpout=
if [ -z "$out" ]; then
	out=$(mktemp)
	tmpout=1
fi
# One test binary, run -count times with -test.count 1, so that every round
# passes over all the parsers: noise from other processes then spreads over
# all of them instead of falling on whichever ran during a burst.
bin=$(mktemp -d)
trap 'rm -rf "$bin"; if [ -n "$tmpout" ]; then rm -f "$out"; fi' EXIT
go test -c -o "$bin/bench.test" .
: >"$out"
for ((i = 1; i <= count; i++)); do
	echo "# round $i of $count" >&2
	"$bin/bench.test" -test.run '^$' -test.bench "$bench" -test.benchmem -test.benchtime "$benchtime" -test.timeout 60m | tee -a "$out"
done
echo
"$benchstat" -table .name -row /input -col /impl "$out"
echo
go run ./internal/ratios "$out"
echo
targets
