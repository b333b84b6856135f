#!/usr/bin/env bash
# The CLI's start-up as an A/B of two netsim.jar builds, each run as ./netsim runs it, alternated:
#   bash benchmarks/run-cli-start-ab.sh ROUNDS JAR_A JAR_B [SEND]
# runs `run benchmarks/experiments/bulk-100mb.yaml --set clients[0].send=SEND` (default 1MB: a run
# that is mostly start-up; 100MB for the whole transfer of benchmarks/run-cli-vs-api.sh) ROUNDS times
# per jar, and prints each run's wall and CPU seconds (/usr/bin/time) and the medians per jar.
# Each jar runs through a launcher of its own, copied into a scratch directory laid out as the
# repository (so it builds nothing), with the flags that launcher gives and the class-data archive
# it makes: this tree's ./netsim, or LAUNCHER_A / LAUNCHER_B to choose another, e.g. an older one
# to measure the launcher too:
#   git show main:netsim >/tmp/netsim-main
#   LAUNCHER_A=/tmp/netsim-main bash benchmarks/run-cli-start-ab.sh 9 OLD.jar NEW.jar
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=$1 send=${4:-1MB}
jars=("$2" "$3")
launchers=("${LAUNCHER_A:-netsim}" "${LAUNCHER_B:-netsim}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for i in 0 1; do # the launcher and the jar, and the archive the launcher makes of it
  mkdir -p "$work/$i/experiments/cli/target"
  cp "${launchers[$i]}" "$work/$i/netsim"
  chmod +x "$work/$i/netsim"
  cp -p "${jars[$i]}" "$work/$i/experiments/cli/target/netsim.jar"
  "$work/$i/netsim" --version >/dev/null
done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); send=$send; $(date -u '+%T UTC')"
for ((r = 1; r <= rounds; r++)); do
  for i in 0 1; do
    rm -rf "$work/out"
    /usr/bin/time -f "%e %U %S" -o "$work/t" "$work/$i/netsim" \
      run benchmarks/experiments/bulk-100mb.yaml --set "clients[0].send=$send" --out "$work/out" \
      >/dev/null
    read -r wall user sys <"$work/t"
    echo "$i $wall $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" >>"$work/log"
    echo "round $r jar ${jars[$i]}: wall $wall s, cpu $(tail -1 "$work/log" | cut -d' ' -f3) s"
  done
done
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for i in 0 1; do
  echo "median ${jars[$i]} (${launchers[$i]}): wall $(awk -v i=$i '$1 == i { print $2 }' "$work/log" | median) s," \
    "cpu $(awk -v i=$i '$1 == i { print $3 }' "$work/log" | median) s"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
