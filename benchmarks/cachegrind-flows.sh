#!/usr/bin/env bash
# Counts instructions and data-cache misses per executed event of ManyFlowsBenchmark's dumbbell
# with valgrind's cachegrind: reproducible on a loaded machine, where wall-clock figures are not.
# It runs the dumbbell twice, each to steady state and WARMUP_MS of simulated time more (for the
# JIT), then WINDOW_MS and 3 x WINDOW_MS of simulated time, and divides the difference of the
# counts by the difference of the events executed, so that JVM start, set-up and JIT compilation
# cancel out.
#
#   benchmarks/cachegrind-flows.sh FLOWS [WARMUP_MS] [WINDOW_MS] [fixed|scaled]
#   e.g. benchmarks/cachegrind-flows.sh 10000
#
# scaled: the dumbbell whose bandwidths and queues grow with FLOWS (ManyFlowsBenchmark's
# bottleneck=scaled), where every flow runs as one of 10 does; WARMUP_MS and WINDOW_MS are the
# fixed dumbbell's, run 10 / FLOWS as long (about as many events).
#
# The simulated caches: 32 KiB L1 data, 16 MiB last level (the VM does not report its own); LL=bytes
# sets another last level (e.g. LL=524288, this machine's L2 per core), a power of two times 16 x 64
# bytes.
# -XX:-ImplicitNullChecks: compiled code's null checks are explicit. The VM's implicit ones trap a
# SIGSEGV and look its pc up in the compiled code, which valgrind's translation does not keep: at
# 10,000 flows the VM died with SIGSEGV at address 0xc in C2's TreeMap code (the reassembly queue)
# after minutes of counting (session 9's lost counts too). Both builds run with it alike.
# CLASSES=dir-or-jar puts other classes first on the class path, to count an older build.
# Build first: mvn -B -q -pl benchmarks -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
flows=$1 warmup=${2:-1000} window=${3:-200} bottleneck=${4:-fixed} ll=${LL:-16777216}
cp=benchmarks/target/benchmarks.jar
if [ -n "${CLASSES:-}" ]; then cp=$CLASSES:$cp; fi

count() {
  valgrind --tool=cachegrind --cache-sim=yes --D1=32768,8,64 --LL="$ll",16,64 \
      --cachegrind-out-file=/dev/null --smc-check=all-non-file \
    java -Xbatch -XX:-UsePerfData -XX:+UnlockDiagnosticVMOptions \
      -XX:GuaranteedSafepointInterval=0 -XX:-ImplicitNullChecks -XX:+UseSerialGC -Xms2g -Xmx2g \
      -cp "$cp" netsim.bench.ManyFlowsBenchmark --count "$flows" "$warmup" "$1" "${@:2}" 2>&1 |
    awk '/counted-events/ {e = $2}
         /I *refs:/ {gsub(",", "", $4); i = $4}
         /D1 *misses:/ {gsub(",", "", $4); d = $4}
         /LLd misses:/ {gsub(",", "", $4); l = $4}
         END {print e, i, d, l}'
}

extra=()
if [ "$bottleneck" != fixed ]; then extra=("$bottleneck"); fi
read -r e1 i1 d1 l1 < <(count "$window" "${extra[@]}")
read -r e3 i3 d3 l3 < <(count $((3 * window)) "${extra[@]}")
awk -v f="$flows" -v b="$bottleneck" -v e1="$e1" -v e3="$e3" \
    -v i1="$i1" -v d1="$d1" -v l1="$l1" -v i3="$i3" -v d3="$d3" -v l3="$l3" 'BEGIN {
  e = e3 - e1
  printf "flows=%s (%s), %d events counted, per event: instructions %.0f, L1d misses %.2f, LL data misses %.2f\n",
    f, b, e, (i3 - i1) / e, (d3 - d1) / e, (l3 - l1) / e
}'
