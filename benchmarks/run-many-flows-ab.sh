#!/usr/bin/env bash
# Issue 15's many-flows ratio, A/B: ManyFlowsBenchmark at 10 and 10,000 flows (-f 1 -wi 5 -i 15) for each
# benchmarks jar given, alternated ROUNDS times; per run, the medians of the 15 single shots (ms per
# window, with their range) and the per-event ratio = (10,000-flow median / 10-flow median) / 1.109 (the
# windows hold 554,464 and 499,999 events). Medians, because a single shot's layout (whether a young
# collection fell between the set-up and the window) and the machine's neighbours spread them by 2x.
#   bash benchmarks/run-many-flows-ab.sh 3 /path/old-benchmarks.jar benchmarks/target/benchmarks.jar
# Extra JVM flags for the forks: JVM_FLAGS="-XX:+UseTransparentHugePages". JMH's -jvmArgsAppend replaces
# the benchmark's own @Fork flags, so only then are its heap flags repeated here (keep them as in @Fork).
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 ROUNDS JAR [JAR...]" >&2; exit 2; }
rounds=$1
shift
extra=()
if [ -n "${JVM_FLAGS:-}" ]; then
  extra=(-jvmArgsAppend "-Xms2g -Xmx2g -XX:+AlwaysPreTouch $JVM_FLAGS")
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for ((r = 1; r <= rounds; r++)); do
  for jar in "$@"; do
    java -jar "$jar" netsim.bench.ManyFlowsBenchmark -p flows=10,10000 -f 1 -wi 5 -i 15 \
      ${extra[@]+"${extra[@]}"} >"$out" 2>&1 \
      || { echo "$jar failed:" >&2; tail -20 "$out" >&2; exit 1; }
    python3 - "$jar" "$out" <<'PY'
import re, statistics, sys, time
shots, flows = {}, None
for line in open(sys.argv[2]):
    m = re.search(r'flows = (\d+)', line)
    if line.startswith('# Parameters') and m:
        flows = int(m.group(1))
    m = re.match(r'Iteration\s+\d+:\s+([\d.]+)', line)
    if m:
        shots.setdefault(flows, []).append(float(m.group(1)))
small, large = shots[10], shots[10000]
a, b = statistics.median(small), statistics.median(large)
load = open('/proc/loadavg').read().split()[0]
print("%s load %s %s: 10 flows %.1f ms (%.1f-%.1f), 10000 flows %.1f ms (%.1f-%.1f), per-event ratio %.2f"
      % (time.strftime('%H:%M:%S', time.gmtime()), load, sys.argv[1], a, min(small), max(small),
         b, min(large), max(large), b / a / 1.109))
PY
  done
done
