#!/usr/bin/env bash
# Runs the ns-3 comparison: the same work in ns-3 and in netsim, alternating, RUNS times each
# (default 3; FLOW_RUNS for the dumbbell), and prints every run and the medians. For each process:
# wall time and peak RSS (/usr/bin/time -f '%e s %M KB'), and what the simulator itself prints
# (events, the transfer's duration, the wall time of the simulation alone).
#   1. The 100 MB transfer at 1% loss: benchmarks/ns3/target/bulk-transfer against
#      java -cp benchmarks/target/benchmarks.jar netsim.bench.TcpBulkTransferBenchmark 100 0.01,
#      then netsim warm (JMH, one fork: the simulation alone, after warm-up).
#   2. The dumbbell with FLOWS flows (default "10 100 1000"): benchmarks/ns3/target/many-flows N
#      against netsim.bench.ManyFlowsBenchmark --no-heap N.
# Build first: mvn -B -q -pl benchmarks -am package -DskipTests && benchmarks/ns3/build.sh
# The machine's load average is printed before and after: on a shared machine, say so with the
# figures.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${RUNS:-3}
flows=${FLOWS:-10 100 1000}
flow_runs=${FLOW_RUNS:-$runs}
jar=benchmarks/target/benchmarks.jar
ns3=benchmarks/ns3/target
for needed in "$jar" "$ns3/bulk-transfer" "$ns3/many-flows"; do
  [ -e "$needed" ] || { echo "missing $needed: build first (see the top of $0)" >&2; exit 2; }
done
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# timed LABEL COMMAND...: runs the command, prints its output and "LABEL wall peak", and appends
# "LABEL seconds kilobytes" to the log for the medians.
timed() {
  local label=$1
  shift
  local times
  times=$(mktemp)
  /usr/bin/time -f '%e %M' -o "$times" "$@"
  read -r seconds kilobytes <"$times"
  rm -f "$times"
  echo "$label: $seconds s $kilobytes KB"
  echo "$label $seconds $kilobytes" >>"$log"
}

median() { # the median of the numbers on stdin
  sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

summary() { # LABEL: its median wall time and peak RSS
  local label=$1
  echo "$label median: $(awk -v l="$label" '$1 == l { print $2 }' "$log" | median) s" \
    "$(awk -v l="$label" '$1 == l { print $3 }' "$log" | median) KB"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $(date -u '+%F %T UTC')"
echo "== 100 MB transfer, 1% loss, whole process =="
for ((i = 1; i <= runs; i++)); do
  timed ns3-bulk "$ns3/bulk-transfer" 100 0.01
  timed netsim-bulk java -cp "$jar" netsim.bench.TcpBulkTransferBenchmark 100 0.01
done
summary ns3-bulk
summary netsim-bulk

echo "== 100 MB transfer, netsim warm (JMH single shot, 1 fork, 3 warm-up + 5 measured) =="
java -jar "$jar" 'netsim.bench.TcpBulkTransferBenchmark' -f 1 -wi 3 -i 5 2>&1 | tail -4

for n in $flows; do
  echo "== dumbbell, $n flows, 2 s warm-up + 5 s measured window, whole process =="
  for ((i = 1; i <= flow_runs; i++)); do
    timed "ns3-flows-$n" "$ns3/many-flows" "$n"
    timed "netsim-flows-$n" java -cp "$jar" netsim.bench.ManyFlowsBenchmark --no-heap "$n"
  done
  summary "ns3-flows-$n"
  summary "netsim-flows-$n"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%F %T UTC')"
