#!/usr/bin/env bash
# Runs the recorded benchmark suite (about 50 minutes) and writes JMH's text and JSON output to
# benchmarks/results/. Build first: mvn -B -q -pl benchmarks -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
out=benchmarks/results
mkdir -p "$out"
jar=benchmarks/target/benchmarks.jar

run() {
  local name=$1
  shift
  java -jar "$jar" "$@" -prof gc -rf json -rff "$out/$name.json" | tee "$out/$name.txt"
}

run hold 'netsim.bench.HoldBenchmark'
run churn 'netsim.bench.TimerChurnBenchmark'
run simulator-hold 'netsim.bench.SimulatorHoldBenchmark'
run simulator-churn 'netsim.bench.SimulatorChurnBenchmark'
run hold-skewed 'netsim.bench.HoldBenchmark' -p delays=bimodal,pareto -p n=100000,1000000
run random-draw 'netsim.bench.RandomDrawBenchmark'
