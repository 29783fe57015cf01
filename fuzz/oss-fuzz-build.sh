#!/bin/bash -eu
# oss-fuzz-build.sh: libFuzzer builds of the fuzz targets.
#
# 1. Under OSS-Fuzz or ClusterFuzzLite (the project's build.sh runs
#    "$SRC/abnfc/fuzz/oss-fuzz-build.sh"): builds every native target
#    with compile_native_go_fuzzer, as OSS-Fuzz builds Go projects, from
#    a staged copy of the module (see stage), and puts each target's seed
#    corpus (corpus/<target>/) and the dictionary next to it in $OUT. Not
#    run here (no OSS-Fuzz image); TestOSSFuzzStage checks the staging
#    against the grep compile_native_go_fuzzer does.
#
# 2. Locally (./fuzz/oss-fuzz-build.sh -local [Target] [seconds]): builds
#    the go-fuzz entry point of Target (gofuzz.go; any case, date is
#    Date; WORK, default /tmp/abnfc-libfuzzer, may be relative) as a libFuzzer archive
#    with the pinned go-fuzz-build -libfuzzer, links it with clang
#    -fsanitize=fuzzer, and runs it for the given seconds on a copy of the
#    seed corpus. Needs clang (apt-get install -y clang).
# The options of the first line again: "bash oss-fuzz-build.sh" (as the
# README runs the scripts, and a build.sh may) reads no options from it,
# and a failed step was followed by the next.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
targets="Request Response Header Chunked Date QValue Range Rule FastPath Spans"

# target prints the entry point named $1 whatever its case (date is Date),
# or fails with the list of targets.
target() {
	for t in $targets; do
		if [ "$(echo "$t" | tr 'A-Z' 'a-z')" = "$(echo "$1" | tr 'A-Z' 'a-z')" ]; then
			echo "$t"
			return 0
		fi
	done
	echo "oss-fuzz-build.sh: no target $1 (targets: $targets)" >&2
	return 2
}

if [ "${1:-}" = -local ]; then
	t=$(target "${2:-Date}") || exit 2
	secs=${3:-20}
	lower=$(echo "$t" | tr 'A-Z' 'a-z')
	work=${WORK:-/tmp/abnfc-libfuzzer}
	mkdir -p "$work/corpus-$lower"
	work=$(cd "$work" && pwd) # absolute: the build runs from the root
	# OSS_FUZZ_BUILD_PLAN=1 only says what would be built, and where (the
	# script's test; a build takes minutes and needs clang).
	if [ -n "${OSS_FUZZ_BUILD_PLAN:-}" ]; then
		echo "plan: Fuzz$t in $work"
		exit 0
	fi
	cp "$root/corpus/$lower/"* "$work/corpus-$lower/" 2>/dev/null || true
	cd "$root"
	go run github.com/dvyukov/go-fuzz/go-fuzz-build -libfuzzer -func "Fuzz$t" -o "$work/$lower.a" ./fuzz
	clang -fsanitize=fuzzer "$work/$lower.a" -o "$work/fuzz-$lower"
	"$work/fuzz-$lower" -dict="$root/fuzz/http.dict" -max_total_time="$secs" -print_final_stats=1 \
		-artifact_prefix="$work/crash-$lower-" "$work/corpus-$lower"
	exit $?
fi

# stage copies the module (without .git) to $1 and leaves its fuzz/
# directory only what compile_native_go_fuzzer can take: it finds a
# target's harness with "grep -r -l FuzzX" over the package's directory
# and needs exactly one file, native_test.go, while the name is also in
# the go-fuzz entry points (gofuzz.go), the docs, the scripts and some
# tests. The package's own code stays; the harness needs nothing else.
stage() {
	rm -rf "$1"
	mkdir -p "$1"
	(cd "$root" && tar --exclude=./.git -cf - .) | (cd "$1" && tar -xf -)
	(
		cd "$1/fuzz"
		find . -maxdepth 1 -type f ! -name '*.go' -delete
		rm -f gofuzz.go refs_gofuzz.go
		for f in *_test.go; do
			[ "$f" = native_test.go ] || rm -f "$f"
		done
		rm -rf testdata
	)
}

if [ "${1:-}" = -stage ]; then
	# Only stage, into $2 (the script's test checks what the grep finds).
	stage "${2:?-stage DIR}"
	exit 0
fi

: "${OUT:?run under OSS-Fuzz/ClusterFuzzLite, or pass -local}"
staged=${WORK:-/tmp}/abnfc-ossfuzz
stage "$staged"
cd "$staged"
for t in $targets; do
	lower=$(echo "$t" | tr 'A-Z' 'a-z')
	compile_native_go_fuzzer github.com/abnfc/abnfc/fuzz "Fuzz$t" "fuzz_$lower"
	if ls corpus/"$lower"/* >/dev/null 2>&1; then
		zip -qj "$OUT/fuzz_${lower}_seed_corpus.zip" corpus/"$lower"/*
	fi
	cp "$root/fuzz/http.dict" "$OUT/fuzz_$lower.dict"
done
