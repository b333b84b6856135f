#!/usr/bin/env bash
# Runs the ns-3 comparison: the same work in ns-3 and in netsim, alternating, RUNS times each
# (default 3; FLOW_RUNS for the dumbbell), and prints every run and the medians. For each process:
# wall time, CPU time (user + system) and peak RSS (/usr/bin/time), and what the simulator itself
# prints (events, the transfer's duration, the wall time of the simulation alone). PARTS chooses
# the parts (default "bulk warm flows"):
#   bulk:    the 100 MB transfer at 1% loss: benchmarks/ns3/target/bulk-transfer against
#            java -cp benchmarks/target/benchmarks.jar netsim.bench.TcpBulkTransferBenchmark 100 0.01;
#   warm:    netsim's transfer warm (JMH, one fork: the simulation alone, after warm-up);
#   flows:   the dumbbell with FLOWS flows (default "10 100 1000"): benchmarks/ns3/target/many-flows N
#            against netsim.bench.ManyFlowsBenchmark --no-heap N, both in steady state (the window
#            opens 2 s after every connection is established);
#   process: the 100 MB transfer as a whole process, ns-3 beside netsim's JVM under settings for
#            start-up and footprint (PROCESS_HEAP, default 64m): as is; with a class-data archive
#            of the benchmarks jar (made once per jar, as ./netsim makes its own); with SerialGC and
#            a heap of PROCESS_HEAP; with both.
# Build first: mvn -B -q -pl benchmarks -am package -DskipTests && benchmarks/ns3/build.sh
# The machine's load average is printed before and after: on a shared machine, say so with the
# figures.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${RUNS:-3}
flows=${FLOWS:-10 100 1000}
flow_runs=${FLOW_RUNS:-$runs}
parts=" ${PARTS:-bulk warm flows} "
heap=${PROCESS_HEAP:-64m}
jar=${JAR:-benchmarks/target/benchmarks.jar} # JAR: a copy, to build while it runs
ns3=benchmarks/ns3/target
for needed in "$jar" "$ns3/bulk-transfer" "$ns3/many-flows"; do
  [ -e "$needed" ] || { echo "missing $needed: build first (see the top of $0)" >&2; exit 2; }
done
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# timed LABEL COMMAND...: runs the command, prints its output and "LABEL wall cpu peak", and
# appends "LABEL seconds kilobytes cpu-seconds" to the log for the medians.
timed() {
  local label=$1
  shift
  local times
  times=$(mktemp)
  /usr/bin/time -f '%e %M %U %S' -o "$times" "$@"
  read -r seconds kilobytes user system <"$times"
  rm -f "$times"
  local cpu
  cpu=$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.2f", u + s }')
  echo "$label: $seconds s, cpu $cpu s, $kilobytes KB"
  echo "$label $seconds $kilobytes $cpu" >>"$log"
}

median() { # the median of the numbers on stdin
  sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

summary() { # LABEL: its median wall time, CPU time and peak RSS
  local label=$1
  echo "$label median: $(awk -v l="$label" '$1 == l { print $2 }' "$log" | median) s," \
    "cpu $(awk -v l="$label" '$1 == l { print $4 }' "$log" | median) s," \
    "$(awk -v l="$label" '$1 == l { print $3 }' "$log" | median) KB"
}

want() { [[ $parts == *" $1 "* ]]; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $(date -u '+%F %T UTC')"
if want bulk; then
  echo "== 100 MB transfer, 1% loss, whole process =="
  for ((i = 1; i <= runs; i++)); do
    timed ns3-bulk "$ns3/bulk-transfer" 100 0.01
    timed netsim-bulk java -cp "$jar" netsim.bench.TcpBulkTransferBenchmark 100 0.01
  done
  summary ns3-bulk
  summary netsim-bulk
fi

if want warm; then
  echo "== 100 MB transfer, netsim warm (JMH single shot, 1 fork, 3 warm-up + 5 measured) =="
  java -jar "$jar" 'netsim.bench.TcpBulkTransferBenchmark' -f 1 -wi 3 -i 5 2>&1 | tail -4
fi

if want process; then
  archive=${jar%.jar}.jsa
  if [ ! -f "$archive" ] || [ "$jar" -nt "$archive" ]; then
    java -XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off \
      -cp "$jar" netsim.bench.TcpBulkTransferBenchmark 1 0.01 >/dev/null
  fi
  cds=(-XX:SharedArchiveFile="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off)
  small=(-XX:+UseSerialGC -Xms"$heap" -Xmx"$heap")
  bulk=(netsim.bench.TcpBulkTransferBenchmark 100 0.01)
  echo "== 100 MB transfer, whole process: ns-3, and netsim's JVM as is, with CDS, SerialGC + $heap, both =="
  for ((i = 1; i <= runs; i++)); do
    timed ns3-process "$ns3/bulk-transfer" 100 0.01
    timed netsim-plain java -cp "$jar" "${bulk[@]}"
    timed netsim-cds java "${cds[@]}" -cp "$jar" "${bulk[@]}"
    timed netsim-serial java "${small[@]}" -cp "$jar" "${bulk[@]}"
    timed netsim-cds-serial java "${cds[@]}" "${small[@]}" -cp "$jar" "${bulk[@]}"
  done
  for label in ns3-process netsim-plain netsim-cds netsim-serial netsim-cds-serial; do
    summary "$label"
  done
fi

for n in $flows; do
  want flows || break
  echo "== dumbbell, $n flows, steady state, 5 s measured window, whole process =="
  for ((i = 1; i <= flow_runs; i++)); do
    timed "ns3-flows-$n" "$ns3/many-flows" "$n"
    timed "netsim-flows-$n" java -cp "$jar" netsim.bench.ManyFlowsBenchmark --no-heap "$n"
  done
  summary "ns3-flows-$n"
  summary "netsim-flows-$n"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%F %T UTC')"
