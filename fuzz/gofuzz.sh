#!/bin/sh
# gofuzz.sh: run a go-fuzz campaign on one target, coordinator and worker
# processes on 127.0.0.1, with the go-fuzz pinned in the module (tools.go).
#
#   fuzz/gofuzz.sh [-target Date] [-duration 60] [-procs N] [-workdir DIR]
#
# Targets are the go-fuzz entry points of fuzz/gofuzz.go: Request,
# Response, Header, Chunked, Date, QValue, Range, Rule, FastPath, Spans.
# The corpus
# directory is seeded from corpus/<target>/.
# Crashers (unexplained disagreements, which panic) land in
# WORKDIR/crashers; copy each into corpus/<target>/ as a regression.
set -eu
target=Date duration=60 procs=$(nproc) workdir=""
usage() {
	echo "usage: $0 [-target T] [-duration SECONDS] [-procs N] [-workdir DIR]" >&2
	echo "targets: Request Response Header Chunked Date QValue Range Rule FastPath Spans" >&2
	exit 2
}
while [ $# -gt 0 ]; do
	[ $# -ge 2 ] || usage
	case $1 in
	-target) target=$2; shift 2 ;;
	-duration) duration=$2; shift 2 ;;
	-procs) procs=$2; shift 2 ;;
	-workdir) workdir=$2; shift 2 ;;
	*) usage ;;
	esac
done
# The entry point's name, whatever the case given (-target date is Date).
lower=$(echo "$target" | tr 'A-Z' 'a-z')
target=""
for t in Request Response Header Chunked Date QValue Range Rule FastPath Spans; do
	if [ "$(echo "$t" | tr 'A-Z' 'a-z')" = "$lower" ]; then
		target=$t
	fi
done
[ -n "$target" ] || usage
root=$(cd "$(dirname "$0")/.." && pwd)
workdir=${workdir:-/tmp/abnfc-gofuzz/$lower}
mkdir -p "$workdir/corpus"
# Absolute, as the script runs from the module's root below: a relative
# -workdir had its seeds copied here and the campaign run, unseeded, in a
# directory of that name under the module.
workdir=$(cd "$workdir" && pwd)
cp "$root/corpus/$lower/"* "$workdir/corpus/" 2>/dev/null || true
cd "$root"
bin=$workdir/fuzz-$lower.zip
# Rebuilt when any package the entry points build from (the module's own,
# as go list gives them under the gofuzz tag) or go.mod/go.sum is newer
# than the binary.
dirs=$(go list -tags gofuzz -deps -f '{{if not .Standard}}{{if .Module}}{{if .Module.Main}}{{.Dir}}{{end}}{{end}}{{end}}' ./fuzz)
stale=""
if [ ! -f "$bin" ] || [ -n "$(find $dirs -maxdepth 1 -name '*.go' -newer "$bin" | head -1)" ] || [ go.mod -nt "$bin" ] || [ go.sum -nt "$bin" ]; then
	stale=1
fi
# GOFUZZ_SH_PLAN=1 only says whether the binary would be rebuilt (the
# script's test; a build takes minutes).
if [ -n "${GOFUZZ_SH_PLAN:-}" ]; then
	if [ -n "$stale" ]; then echo "plan: build Fuzz$target"; else echo "plan: reuse Fuzz$target"; fi
	exit 0
fi
if [ -n "$stale" ]; then
	echo "building $bin with the pinned go-fuzz-build" >&2
	go run github.com/dvyukov/go-fuzz/go-fuzz-build -func "Fuzz$target" -o "$bin" ./fuzz
fi
# The go-fuzz binary is built, not run with "go run": "go run" starts it
# as a child, and a kill of "go run" left the fuzzer running (session 12
# found one still busy half an hour after its campaign).
fuzzer=$workdir/go-fuzz
go build -o "$fuzzer" github.com/dvyukov/go-fuzz/go-fuzz
# The coordinator listens on 127.0.0.1; one worker process joins it (in a
# cluster, run more workers on other machines with -worker=HOST:PORT).
port=$((20000 + $$ % 20000))
# (go-fuzz has no dictionary flag: it takes tokens from the code's
# literals and comparisons, "sonar"; http.dict is for libFuzzer.)
"$fuzzer" -workdir "$workdir" -coordinator "127.0.0.1:$port" >"$workdir/coordinator.log" 2>&1 &
coord=$!
worker="" sleeper=""
# Stop both however the script ends (its time is up, an error, ^C, a
# kill); the worker's -procs test processes exit with it.
stop() {
	kill $sleeper $worker $coord 2>/dev/null || true
	wait $sleeper $worker $coord 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT TERM
sleep 2
"$fuzzer" -bin "$bin" -worker "127.0.0.1:$port" -procs "$procs" >"$workdir/worker.log" 2>&1 &
worker=$!
# sleep in the background and wait for it: a trapped TERM or INT does not
# interrupt a foreground command, so "kill SCRIPT" would otherwise leave
# the fuzzers running until the duration was up; it interrupts wait.
sleep "$duration" &
sleeper=$!
wait "$sleeper"
stop
trap - EXIT
tail -n 3 "$workdir/coordinator.log"
echo "crashers: $(ls "$workdir/crashers" 2>/dev/null | grep -vc '\.' || true)" >&2
