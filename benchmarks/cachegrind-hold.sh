#!/usr/bin/env bash
# Counts instructions and data-cache misses per executed event of the whole-simulator hold model
# (SimulatorHoldBenchmark's workload) with valgrind's cachegrind: reproducible on a loaded
# machine, where wall-clock figures are not. It runs the model twice, executing EVENTS and
# 3 x EVENTS events after the same set-up and warm-up, and divides the difference by 2 x EVENTS,
# so that JVM start, set-up and JIT compilation cancel out.
#
#   benchmarks/cachegrind-hold.sh QUEUE N DELAYS [WARMUP] [EVENTS]
#   e.g. benchmarks/cachegrind-hold.sh ladder 1000000 exponential
#
# QUEUE: pq-baseline, heap4 or ladder; DELAYS: exponential, bimodal or pareto. The simulated
# caches: 32 KiB L1 data, 16 MiB last level (the VM does not report its own). CLASSES=dir puts
# other sim-core classes first on the class path, to count an older build.
# Build first: mvn -B -q -pl benchmarks -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
queue=$1 n=$2 delays=$3 warmup=${4:-3000000} events=${5:-1000000}
cp=benchmarks/target/benchmarks.jar
if [ -n "${CLASSES:-}" ]; then cp=$CLASSES:$cp; fi

count() {
  valgrind --tool=cachegrind --cache-sim=yes --D1=32768,8,64 --LL=16777216,16,64 \
      --cachegrind-out-file=/dev/null --smc-check=all-non-file \
    java -Xbatch -XX:-UsePerfData -XX:+UnlockDiagnosticVMOptions \
      -XX:GuaranteedSafepointInterval=0 -XX:+UseSerialGC -Xms1g -Xmx1g \
      -cp "$cp" netsim.bench.SimulatorHoldBenchmark "$queue" "$n" "$delays" "$warmup" "$1" 2>&1 |
    awk '/I *refs:/ {gsub(",", "", $4); i = $4}
         /D1 *misses:/ {gsub(",", "", $4); d = $4}
         /LLd misses:/ {gsub(",", "", $4); l = $4}
         END {print i, d, l}'
}

read -r i1 d1 l1 < <(count "$events")
read -r i3 d3 l3 < <(count $((3 * events)))
awk -v q="$queue" -v n="$n" -v dl="$delays" -v e="$events" \
    -v i1="$i1" -v d1="$d1" -v l1="$l1" -v i3="$i3" -v d3="$d3" -v l3="$l3" 'BEGIN {
  printf "%s n=%s %s, per event: instructions %.0f, L1d misses %.2f, LL data misses %.2f\n",
    q, n, dl, (i3 - i1) / (2 * e), (d3 - d1) / (2 * e), (l3 - l1) / (2 * e)
}'
