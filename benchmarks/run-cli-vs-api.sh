#!/usr/bin/env bash
# The CLI path against the bare API on the same work (issue 12, section 1): the 100 MB transfer of
# TcpBulkTransferBenchmark, as a whole process, RUNS times each (default 3), alternating, with the
# medians of wall time, peak RSS and CPU time (user + system; on a shared machine the steadier
# figure) from /usr/bin/time:
#   api:    java -cp benchmarks/target/benchmarks.jar netsim.bench.TcpBulkTransferBenchmark 100 0.01
#   cli:    java -jar experiments/cli/target/netsim.jar run benchmarks/experiments/bulk-100mb.yaml
#           (trace, pcap and summary written; ladder and plots off)
#   netsim: ./netsim run benchmarks/experiments/bulk-100mb.yaml, the command as users run it: the
#           same jar, started from its class-data archive (made by one ./netsim call before the runs)
#   before: with BEFORE_JAR=path/to/an/older/netsim.jar, that jar as cli runs, for a before/after
# then once the same YAML as a 1 GB transfer under -Xmx128m, which must end with status 0 and
# every output. Targets: cli at most 1.5 x api; the 1 GB run completes.
# Build first: mvn -B -q package -DskipTests. Outputs go to a temporary directory (OUT to choose
# it; about 0.3 GB per 100 MB run and 2.7 GB for the 1 GB one), deleted at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
api_jar=benchmarks/target/benchmarks.jar
cli_jar=experiments/cli/target/netsim.jar
yaml=benchmarks/experiments/bulk-100mb.yaml
for needed in "$api_jar" "$cli_jar"; do
  [ -e "$needed" ] || { echo "missing $needed: mvn -B -q package -DskipTests" >&2; exit 2; }
done
out=${OUT:-$(mktemp -d)}
log=$(mktemp)
trap 'rm -rf "$log" "$out"' EXIT

# timed LABEL COMMAND...: runs it, prints its last line and "LABEL: wall peak cpu", and appends
# "LABEL seconds kilobytes cpu-seconds" to the log for the medians.
timed() {
  local label=$1
  shift
  local times output status=0
  times=$(mktemp)
  output=$(/usr/bin/time -f '%e %M %U %S' -o "$times" "$@" 2>&1) || status=$?
  read -r seconds kilobytes user system < <(tail -1 "$times")
  cpu=$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.2f", u + s }')
  rm -f "$times"
  [ "$status" -eq 0 ] || { echo "$label failed (status $status):"; echo "$output"; exit 1; }
  echo "$label: $seconds s $kilobytes KB cpu $cpu s | $(echo "$output" | grep -m1 -E 'events=|ended at')"
  echo "$label $seconds $kilobytes $cpu" >>"$log"
}

median() { # the median of the numbers on stdin
  sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

column() { awk -v l="$1" -v c="$2" '$1 == l { print $c }' "$log" | median; }

./netsim --version >/dev/null # builds nothing if the jar is fresh; makes the class-data archive
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $(date -u '+%F %T UTC')"
for ((i = 1; i <= runs; i++)); do
  timed api java -cp "$api_jar" netsim.bench.TcpBulkTransferBenchmark 100 0.01
  rm -rf "$out/b100"
  timed cli java -jar "$cli_jar" run "$yaml" --out "$out/b100"
  rm -rf "$out/b100"
  timed netsim ./netsim run "$yaml" --out "$out/b100"
  if [ -n "${BEFORE_JAR:-}" ]; then
    rm -rf "$out/b100"
    timed before java -jar "$BEFORE_JAR" run "$yaml" --out "$out/b100"
  fi
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
done
ls -l "$out/b100"
rm -rf "$out/b100"
ratio() { awk -v c="$1" -v a="$2" 'BEGIN { printf "%.2f", c / a }'; }
api_s=$(column api 2) api_cpu=$(column api 4)
echo "api median: $api_s s $(column api 3) KB cpu $api_cpu s"
# Each round's ratio (its run against the api run just before it, under much the same load), and
# their median: steadier than the ratio of the medians when the load drifts.
round_ratios() { # LABEL COLUMN
  paste <(awk -v c="$2" '$1 == "api" { print $c }' "$log") \
    <(awk -v l="$1" -v c="$2" '$1 == l { print $c }' "$log") | awk '{ printf "%.2f\n", $2 / $1 }'
}
for label in cli netsim ${BEFORE_JAR:+before}; do
  label_s=$(column "$label" 2) label_cpu=$(column "$label" 4)
  echo "$label median: $label_s s $(column "$label" 3) KB cpu $label_cpu s;" \
    "$label / api: wall $(ratio "$label_s" "$api_s"), cpu $(ratio "$label_cpu" "$api_cpu")" \
    "(target: at most 1.5)"
  echo "  per round, wall: $(round_ratios "$label" 2 | paste -sd' '), median" \
    "$(round_ratios "$label" 2 | median); cpu: $(round_ratios "$label" 4 | paste -sd' '), median" \
    "$(round_ratios "$label" 4 | median)"
done
echo "load average after the 100 MB runs: $(cut -d' ' -f1-3 /proc/loadavg)"

timed cli-1GB-Xmx128m java -Xmx128m -jar "$cli_jar" run "$yaml" --set 'clients[0].send=1GB' \
  --out "$out/b1g"
ls -l "$out/b1g"
grep -m2 '"bytesDelivered"' "$out/b1g/summary.json" | tail -1
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%F %T UTC')"
