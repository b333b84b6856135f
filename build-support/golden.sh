#!/usr/bin/env bash
# Golden comparison: runs one build of netsim over every path a user can take and keeps what each
# command printed, its exit status and the files it wrote, so that two builds can be compared
# byte for byte with `diff -r`:
#
#   build-support/golden.sh NETSIM_JAR BENCH_JAR OUT SUITE_DIR
#   diff -r OUT_OF_THE_OLD_BUILD OUT_OF_THE_NEW_BUILD    # must print nothing
#
# NETSIM_JAR is the shaded netsim.jar, BENCH_JAR the benchmarks jar, SUITE_DIR the packetdrill
# scripts folder of the same tree (it moves between versions; its files are copied into OUT).
# OUT must be new or empty. For each command NAME, OUT holds NAME.cmd (the command, with "netsim"
# for the jar), NAME.stdout, NAME.stderr and NAME.exit; the files commands write go under OUT/out/.
# Every command runs inside OUT with relative paths, so printed paths are the same in any OUT.
#
# Inputs come from this script's repository: experiments/examples, experiments/sweeps and the
# broken configs of build-support/golden-configs (copied into OUT/inputs). GOLDEN_JOBS (default:
# the number of processors) commands run at once; the results do not depend on it.
set -euo pipefail

if [ $# -ne 4 ]; then
  echo "usage: $0 NETSIM_JAR BENCH_JAR OUT SUITE_DIR" >&2
  exit 2
fi
absolute() { (cd "$(dirname "$1")" && printf '%s/%s\n' "$(pwd)" "$(basename "$1")"); }
netsim_jar=$(absolute "$1")
bench_jar=$(absolute "$2")
out=$3
suite=$4
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jobs_at_once=${GOLDEN_JOBS:-$(nproc 2>/dev/null || echo 2)}

for f in "$netsim_jar" "$bench_jar"; do
  [ -f "$f" ] || { echo "golden: no such jar: $f" >&2; exit 2; }
done
[ -d "$suite" ] || { echo "golden: no such packetdrill suite folder: $suite" >&2; exit 2; }
if [ -e "$out" ] && [ -n "$(ls -A "$out")" ]; then
  echo "golden: $out exists and is not empty" >&2
  exit 2
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)

# Nothing from the caller's environment may change what the JVM prints or how it sizes itself:
# a fixed heap pins the messages that name it; C1 only and the serial collector, since most
# runs are short.
unset JDK_JAVA_OPTIONS JAVA_TOOL_OPTIONS _JAVA_OPTIONS
export LC_ALL=C TZ=UTC
java_options=(-Xmx1g -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData)
bench_options=("${java_options[@]}")

# A class-data archive of the netsim jar, made by one run outside OUT, saves each of the few
# hundred commands a third of its start-up; without it (an older JVM) they start as usual.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
if java "${java_options[@]}" -XX:ArchiveClassesAtExit="$scratch/netsim.jsa" \
    -jar "$netsim_jar" run lost-final-ack --out "$scratch/warm-up" >/dev/null 2>&1 \
    && [ -f "$scratch/netsim.jsa" ]; then
  java_options+=(-XX:SharedArchiveFile="$scratch/netsim.jsa")
fi

mkdir -p "$out/inputs" "$out/out"
cp -R "$root/experiments/examples" "$out/inputs/examples"
cp -R "$root/experiments/sweeps" "$out/inputs/sweeps"
cp -R "$root/build-support/golden-configs" "$out/inputs/configs"
cp -R "$suite" "$out/inputs/suite"
cd "$out"

# step NAME ARGS...: runs `netsim ARGS` in OUT and records NAME.cmd/.stdout/.stderr/.exit.
step() {
  local name=$1
  shift
  printf 'netsim %s\n' "$*" >"$name.cmd"
  local status=0
  java "${java_options[@]}" -jar "$netsim_jar" "$@" >"$name.stdout" 2>"$name.stderr" || status=$?
  echo "$status" >"$name.exit"
}

# normalize NAME [unordered]: replaces in NAME.stdout and NAME.stderr what differs between two
# runs by design: the absolute path of OUT (sweep and merge print their files' absolute paths),
# a sweep's rate and time left and, with "unordered" (more than one worker), the order in which
# its runs finish: those lines are sorted, without their counter "(k/n)" and rate.
normalize() {
  local name=$1 order=${2:-}
  for file in "$name.stdout" "$name.stderr"; do
    sed -E -e "s|$out/|OUT/|g" \
      -e 's|[0-9.]+ runs/s, about [0-9hms]+ left$|R runs/s, about T left|' \
      -e 's|[0-9.]+ runs/s, done in [0-9hms]+$|R runs/s, done in T|' "$file" >"$file.tmp"
    if [ "$order" = unordered ]; then
      # The lines "run N done (k/n): ..." keep their place as a block, sorted by run.
      awk '/^run [0-9]+ done \([0-9]+\/[0-9]+\)/ {
             sub(/done \([0-9]+\//, "done (k/")
             sub(/; R runs\/s, .*$/, "")
             if (!seen++) print "@@RUNS@@"
             print > "/dev/stderr"
             next
           }
           { print }' "$file.tmp" 2>"$file.runs" >"$file.rest"
      sort "$file.runs" >"$file.sorted"
      awk -v sorted="$file.sorted" '
           $0 == "@@RUNS@@" { while ((getline line < sorted) > 0) print line; next }
           { print }' "$file.rest" >"$file.tmp"
      rm -f "$file.runs" "$file.rest" "$file.sorted"
    fi
    mv "$file.tmp" "$file"
  done
}

# bench NAME ARGS...: the bare-API benchmark's main, which prints its event count.
bench() {
  local name=$1
  shift
  printf 'java -cp benchmarks.jar %s\n' "$*" >"$name.cmd"
  local status=0
  java "${bench_options[@]}" -cp "$bench_jar" "$@" >"$name.stdout" 2>"$name.stderr" || status=$?
  echo "$status" >"$name.exit"
}

# spawn COMMAND...: runs COMMAND in the background, at most GOLDEN_JOBS at once.
spawn() {
  while [ "$(jobs -rp | wc -l)" -ge "$jobs_at_once" ]; do
    wait -n || true
  done
  "$@" &
}

# --- help, version, the scenario list, usage mistakes ---------------------------------------
spawn step help --help
spawn step help-command help
spawn step help-command-run help run
spawn step no-arguments
spawn step version --version
spawn step version-short -V
spawn step scenarios scenarios
for command in run validate scenarios packetdrill sweep merge hunt shrink; do
  spawn step "help-$command" "$command" --help
done
spawn step usage-run-no-file run
spawn step usage-run-unknown-scenario run lost-final-ak
spawn step usage-run-missing-file run inputs/nope.yaml
spawn step usage-run-bad-seed run lost-final-ack --seed x --out out/usage-run-bad-seed
spawn step usage-run-bad-set run lost-final-ack --set 'links[0].delay=fast' \
  --out out/usage-run-bad-set
spawn step usage-run-set-out-of-range run lost-final-ack --set 'links[3].delay=1ms' \
  --out out/usage-run-set-out-of-range
spawn step usage-run-set-malformed run lost-final-ack --set 'links[x]=1' \
  --out out/usage-run-set-malformed
spawn step usage-unknown-command frobnicate
spawn step usage-unknown-option run lost-final-ack --frobnicate
spawn step usage-hunt-unknown-detector hunt lost-syn --until nope --seeds 1..3
spawn step usage-hunt-bad-seeds hunt lost-syn --until stale-syn --seeds 5..1
spawn step hunt-finds-nothing hunt lost-syn --until stale-syn --seeds 1..5
spawn step usage-shrink-seed-does-not-fire shrink lost-final-ack --seed 1 --until stale-syn \
  --out out/usage-shrink.yaml
spawn step usage-sweep-without-sweep sweep inputs/examples/lost-syn.yaml --out out/usage-sweep
spawn step usage-sweep-bad-shard sweep inputs/sweeps/loss-sweep.yaml --shard 3/2 \
  --out out/usage-shard
spawn step usage-merge-no-shares merge --out out/usage-merge
spawn step usage-merge-missing-share merge --out out/usage-merge-missing inputs/nope
spawn step usage-packetdrill-missing-script packetdrill inputs/nope.pkt
spawn step usage-packetdrill-unknown-profile packetdrill --profile bsd \
  inputs/suite/mission/syn-in-time-wait.pkt

# --- every built-in scenario, as is, with --plots and with --check --------------------------
scenarios=$(java "${java_options[@]}" -jar "$netsim_jar" scenarios | awk '{print $1}')
for s in $scenarios; do
  spawn step "run-$s" run "$s" --out "out/run-$s"
  spawn step "run-$s-plots" run "$s" --plots --check --out "out/run-$s-plots"
done

# --- every example file, with its own seed and with seed 9; validate of each ----------------
for file in inputs/examples/*.yaml inputs/sweeps/*.yaml; do
  name=$(basename "$file" .yaml)
  spawn step "validate-$name" validate "$file"
done
for file in inputs/examples/*.yaml; do
  name=$(basename "$file" .yaml)
  spawn step "file-$name" run "$file" --out "out/file-$name"
  spawn step "file-$name-seed9" run "$file" --seed 9 --out "out/file-$name-seed9"
done

# --- bulk-transfer with each part of the model switched on ----------------------------------
variant() {
  spawn step "variant-$1" run bulk-transfer --set "$2" --out "out/variant-$1"
}
variant reno tcp.congestionControl=reno
variant cubic tcp.congestionControl=cubic
variant delayed-ack tcp.delayedAck=true
variant jitter 'links[0].jitter=5ms'
variant duplicate 'links[0].duplicate=0.02'
variant corrupt 'links[0].corrupt=0.01'
variant reorder 'links[0].reorder=0.05'
variant red 'links[0].queue={kind: red, min: 5, max: 15, packets: 30}'
variant codel 'links[0].queue={kind: codel, packets: 30}'
variant gilbert-elliott 'links[0].loss={model: gilbert-elliott, p: 0.02, r: 0.3}'
spawn step variant-jitter-paretonormal-reorders run bulk-transfer --set 'links[0].jitter=5ms' \
  --set 'links[0].jitterDistribution=paretonormal' --set 'links[0].jitterReorders=true' \
  --out out/variant-jitter-paretonormal-reorders
spawn step variant-slow-link run bulk-transfer --set 'links[0].bandwidth=1Mbps' \
  --set 'links[0].queue={kind: droptail, packets: 10}' --out out/variant-slow-link

# --- hunt (README's example, and each detector), shrink and a run of its result -------------
hunt_file=inputs/examples/hunt-random-impairments.yaml
spawn step hunt-stale-syn hunt "$hunt_file" --until stale-syn --seeds 1..200 --limit 3
for detector in final-ack-lost simultaneous-open simultaneous-close half-open syn-in-time-wait \
    challenge-ack data-violation; do
  spawn step "hunt-$detector" hunt "$hunt_file" --until "$detector" --seeds 1..40
done
shrink_and_run() {
  step shrink-stale-syn shrink "$hunt_file" --seed 9 --until stale-syn
  step shrink-stale-syn-run run out/hunt-random-impairments-seed9-stale-syn.yaml \
    --out out/shrink-stale-syn-run
}
spawn shrink_and_run

# --- sweep, the same sweep in two shards, their merge ---------------------------------------
sweep_file=inputs/sweeps/loss-sweep.yaml
parallel_sweep() {
  step sweep sweep "$sweep_file" --parallel 2 --out out/sweep
  normalize sweep unordered
}
spawn parallel_sweep
shards_and_merge() {
  step sweep-shard-1 sweep "$sweep_file" --parallel 1 --shard 1/2 --out out/sweep-shard-1
  step sweep-shard-2 sweep "$sweep_file" --parallel 1 --shard 2/2 --out out/sweep-shard-2
  step sweep-merge merge --out out/sweep-merged out/sweep-shard-1 out/sweep-shard-2
  step sweep-resume sweep "$sweep_file" --parallel 1 --shard 1/2 --out out/sweep-shard-1
  for name in sweep-shard-1 sweep-shard-2 sweep-merge sweep-resume; do
    normalize "$name"
  done
}
spawn shards_and_merge

# --- packetdrill: the whole suite with a report, and the profiles ---------------------------
packetdrill_suite() {
  local scripts
  scripts=$(cd inputs && find suite -name '*.pkt' | sort | sed 's|^|inputs/|')
  # shellcheck disable=SC2086
  step packetdrill-suite packetdrill --report out/packetdrill-report $scripts
}
spawn packetdrill_suite
spawn step packetdrill-mission packetdrill inputs/suite/mission/*.pkt
spawn step packetdrill-linux packetdrill --profile linux -D LINUX \
  inputs/suite/mission/syn-in-established.pkt inputs/suite/mission/syn-in-time-wait.pkt
spawn step packetdrill-freebsd packetdrill --profile freebsd inputs/suite/mission/*.pkt

# --- validate of every broken config ----------------------------------------------------------
for file in inputs/configs/hand/*.yaml inputs/configs/fuzz/*.yaml; do
  name=$(basename "$(dirname "$file")")-$(basename "$file" .yaml)
  spawn step "broken-$name" validate "$file"
done
# run reports a config mistake as validate does, and writes nothing.
spawn step broken-run-unknown-key run inputs/configs/hand/unknown-key.yaml --out out/broken-run
spawn step broken-sweep-value sweep inputs/configs/hand/sweep-value-out-of-range.yaml \
  --out out/broken-sweep

# --- the bare API's event counts ------------------------------------------------------------
spawn bench bench-10mb netsim.bench.TcpBulkTransferBenchmark 10 0.05
spawn bench bench-100mb netsim.bench.TcpBulkTransferBenchmark 100 0.01

wait
echo "golden: $(ls "$out"/*.exit | wc -l) commands recorded in $out" >&2
