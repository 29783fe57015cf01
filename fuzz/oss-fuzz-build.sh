#!/bin/bash -eu
# oss-fuzz-build.sh: libFuzzer builds of the fuzz targets.
#
# 1. Under OSS-Fuzz or ClusterFuzzLite (the project's build.sh runs
#    "$SRC/abnfc/fuzz/oss-fuzz-build.sh"): builds every native target
#    with compile_native_go_fuzzer, as OSS-Fuzz builds Go projects, and
#    puts each target's seed corpus (corpus/<target>/) and the dictionary
#    next to it in $OUT.
#
# 2. Locally (./fuzz/oss-fuzz-build.sh -local [Target] [seconds]): builds
#    the go-fuzz entry point of Target (gofuzz.go) as a libFuzzer archive
#    with the pinned go-fuzz-build -libfuzzer, links it with clang
#    -fsanitize=fuzzer, and runs it for the given seconds on a copy of the
#    seed corpus. Needs clang (apt-get install -y clang).
root=$(cd "$(dirname "$0")/.." && pwd)
targets="Request Response Header Chunked Date QValue Range Rule FastPath Spans"

if [ "${1:-}" = -local ]; then
	t=${2:-Date}
	secs=${3:-20}
	lower=$(echo "$t" | tr 'A-Z' 'a-z')
	work=${WORK:-/tmp/abnfc-libfuzzer}
	mkdir -p "$work/corpus-$lower"
	cp "$root/corpus/$lower/"* "$work/corpus-$lower/" 2>/dev/null || true
	cd "$root"
	go run github.com/dvyukov/go-fuzz/go-fuzz-build -libfuzzer -func "Fuzz$t" -o "$work/$lower.a" ./fuzz
	clang -fsanitize=fuzzer "$work/$lower.a" -o "$work/fuzz-$lower"
	"$work/fuzz-$lower" -dict="$root/fuzz/http.dict" -max_total_time="$secs" -print_final_stats=1 \
		-artifact_prefix="$work/crash-$lower-" "$work/corpus-$lower"
	exit $?
fi

: "${OUT:?run under OSS-Fuzz/ClusterFuzzLite, or pass -local}"
cd "$root"
for t in $targets; do
	lower=$(echo "$t" | tr 'A-Z' 'a-z')
	compile_native_go_fuzzer github.com/abnfc/abnfc/fuzz "Fuzz$t" "fuzz_$lower"
	if ls corpus/"$lower"/* >/dev/null 2>&1; then
		zip -qj "$OUT/fuzz_${lower}_seed_corpus.zip" corpus/"$lower"/*
	fi
	cp fuzz/http.dict "$OUT/fuzz_$lower.dict"
done
