#!/usr/bin/env bash
# Thread CPU time per executed event of the whole-simulator hold model (SimulatorHoldBenchmark's
# workload), in blocks after a warm-up; prints the minimum and median block. On a loaded machine
# the time a thread waits for a core is not counted, so two builds alternated in the same minutes
# compare where JMH's wall-clock scores do not (cache pollution by other processes still counts).
#
#   benchmarks/cpu-hold.sh BENCH_JAR QUEUE N DELAYS [JVM flags...]
#   e.g. benchmarks/cpu-hold.sh benchmarks/target/benchmarks.jar ladder 1000000 exponential -XX:+UseG1GC
#
# Defaults: 3 M events of warm-up, 15 blocks of 1 M (WARMUP, BLOCKS, PER_BLOCK override them);
# heap -Xms2g -Xmx2g -XX:+AlwaysPreTouch as the JMH benchmark's forks. The collector is the JVM's
# default (G1, as in the JMH forks) unless a flag names one.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=$1 queue=$2 n=$3 delays=$4
shift 4
classes=$(mktemp -d)
trap 'rm -rf "$classes"' EXIT
javac --release 17 -nowarn -cp "$jar" -d "$classes" benchmarks/cpu-hold/CpuHold.java
java -Xms2g -Xmx2g -XX:+AlwaysPreTouch "$@" -cp "$classes:$jar" netsim.bench.CpuHold \
  "$queue" "$n" "$delays" "${WARMUP:-3000000}" "${BLOCKS:-15}" "${PER_BLOCK:-1000000}"
