#!/bin/sh
# smoke.sh: run each native fuzz target for a short while (default
# 20 s) with go test -fuzz, and print execs/s per target. Exit status 1 if
# any target finds a failure (go test saves it in testdata/fuzz/FuzzX/;
# keep it there as a regression, or move it into corpus/<target>/).
#
#   fuzz/smoke.sh [fuzztime]        e.g. fuzz/smoke.sh 20s
set -u
fuzztime=${1:-20s}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
status=0
for t in FuzzRequest FuzzResponse FuzzHeader FuzzChunked FuzzDate FuzzQValue FuzzRange FuzzRule FuzzFastPath FuzzSpans; do
	# A short -fuzzminimizetime: minimising a new interesting input (60 s
	# by default) stalls the run and can outlast -fuzztime.
	out=$(go test -run '^$' -fuzz "^$t\$" -fuzztime "$fuzztime" -fuzzminimizetime 2s ./fuzz/ 2>&1)
	rc=$?
	# Go's engine sometimes ends a run that reached -fuzztime while a worker
	# was busy with "context deadline exceeded" and no failing input: that
	# is the engine stopping, not a finding. A finding always writes its
	# input to testdata/fuzz/.
	if [ $rc -ne 0 ] && printf '%s\n' "$out" | grep -q 'context deadline exceeded' &&
		! printf '%s\n' "$out" | grep -q 'Failing input written'; then
		rc=0
		note=" (the engine stopped at the deadline while busy; no failing input)"
	else
		note=""
	fi
	# The last "fuzz: elapsed: 1m2s, execs: N (R/sec)" line: average rate
	# (the elapsed time in Go's duration form, minutes and seconds).
	rate=$(printf '%s\n' "$out" | grep -o 'elapsed: [0-9hms]*, execs: [0-9]*' | tail -1 |
		awk '{ d = $2; sub(/,$/, "", d); s = 0
			if (match(d, /[0-9]+h/)) s += 3600 * substr(d, RSTART, RLENGTH - 1)
			if (match(d, /[0-9]+m/)) s += 60 * substr(d, RSTART, RLENGTH - 1)
			if (match(d, /[0-9]+s/)) s += substr(d, RSTART, RLENGTH - 1)
			n = $4 + 0
			if (n == 0) printf "0 execs: the run ended before fuzzing began (loading the coverage baseline); give it longer"
			else if (s > 0) printf "%d execs in %ds: %d/s", n, s, n / s
			else printf "%d execs", n }')
	[ -n "$rate" ] || rate="0 execs: the run ended before fuzzing began (loading the coverage baseline); give it longer"
	if [ $rc -ne 0 ]; then
		status=1
		printf '%-14s FAIL %s\n' "$t" "$rate"
		printf '%s\n' "$out" | tail -n 30
	else
		printf '%-14s ok   %s%s\n' "$t" "$rate" "$note"
	fi
done
exit $status
