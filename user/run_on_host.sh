#!/bin/sh
# run_on_host.sh: runs the user test programs natively on the host Linux and saves their
# output, the reference that the same binaries' output on Keel is compared with.
#
# Usage: user/run_on_host.sh [BIN_DIR [OUT_DIR]]
#   BIN_DIR  the built programs (default build/sim-asan/user/bin, made by
#            `cmake --build --preset sim-asan --target keel-user-programs`)
#   OUT_DIR  where NAME.out and NAME.glibc.out go (default BIN_DIR/../host-output)
#
# Each program runs twice, built with musl (NAME) and with glibc (NAME.glibc); the two
# outputs of a differential program must be the same, apart from lines starting with
# '#', which carry counts and times. The fuzzer runs 100,000 calls with seed 1.
# Exits 0 when every program exited 0 and the musl and glibc outputs agree.
set -u
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../build/sim-asan/user/bin}
bin=$(cd "$bin" && pwd) || exit 2
out=${2:-$bin/../host-output}
mkdir -p "$out"
out=$(cd "$out" && pwd)

failures=0
# program and its arguments; the test programs find each other through BIN_DIR
run() {
    name=$1
    shift
    for variant in "$name" "$name.glibc"; do
        start=$(date +%s%N)
        "$bin/$variant" "$@" >"$out/$variant.out" 2>&1
        status=$?
        ms=$(( ($(date +%s%N) - start) / 1000000 ))
        summary=$(grep -E '^# passed|^fuzz:' "$out/$variant.out" | tail -1)
        printf '%-18s exit %-3d %6d ms  %s\n' "$variant" "$status" "$ms" "$summary"
        [ "$status" -eq 0 ] || failures=$((failures + 1))
    done
    grep -v '^#' "$out/$name.out" >"$out/$name.compared"
    grep -v '^#' "$out/$name.glibc.out" >"$out/$name.glibc.compared"
    if ! cmp -s "$out/$name.compared" "$out/$name.glibc.compared"; then
        echo "  $name and $name.glibc differ:"
        diff "$out/$name.compared" "$out/$name.glibc.compared" | head -20
        failures=$((failures + 1))
    fi
    rm -f "$out/$name.compared" "$out/$name.glibc.compared"
}

run true
run fileops
run procops "$bin"
run memops
run sysops
run sigtests "$bin"
run pollops
run usertests "$bin"
run fuzz 1 100000
echo "outputs in $out"
[ "$failures" -eq 0 ]
