#!/usr/bin/env bash
# Instructions and simulated cache misses per event of ManyFlowsBenchmark's fixed dumbbell, per
# JIT-compiled method, with valgrind's callgrind: where cachegrind-flows.sh gives totals, this says
# which compiled method (with what it inlined) takes them, and it runs about ten times faster, since
# only the counted window is instrumented.
#
#   benchmarks/callgrind-flows.sh FLOWS [WARMUP_MS] [WINDOW_MS]
#   e.g. benchmarks/callgrind-flows.sh 10000 5000 200
#
# Two runs (WINDOW_MS and 3 x WINDOW_MS, at once), each to steady state and WARMUP_MS more with
# callgrind's instrumentation off (--instr-atstart=no), turned on (callgrind_control -i on) when the
# driver (callgrind-flows/WindowDriver.java) reports the warm-up done. attribute.py maps every
# instruction to the VM's perf map (-XX:+DumpPerfMapAtExit) and divides the difference of the two
# runs by the difference of their events, so that the exit and the caches' cold start cancel out.
# The JIT compiler's own work in the window shows as native:... lines and varies from run to run
# (it may come out negative); the "JIT-compiled code" line, the simulation's, is the steady figure.
# The caches and VM flags are cachegrind-flows.sh's (LL=bytes sets the simulated last level, default
# 16777216 = 16 MiB; LL=524288 counts what misses this machine's 512 KiB L2 per core, LL=4194304
# the share of its 32 MiB L3 that busy neighbours may leave; a power of two times 16 x 64 bytes).
# BY=Ir sorts by instructions, TOP=N lines.
# OUT=dir keeps the runs (default: a temporary directory); CLASSES=dir-or-jar puts other classes
# first on the class path, to count another build; JAVA_FLAGS="..." adds VM flags after the
# script's (e.g. -XX:CompileCommand=dontinline,netsim.tcp.ConnectionTable::* to count a callee
# apart). JAVA_FLAGS=-XX:+ImplicitNullChecks counts the code real runs get: the script turns
# implicit null checks off for valgrind's sake (cachegrind-flows.sh says why), and C2 then tests
# for null explicitly, where real runs load from the object tested, at times ahead of the branch,
# reading an object that the source's path never touches; only a count with them on shows such a
# load (valgrind has counted 10,000 flows with them on). Build first:
# mvn -B -q -pl benchmarks -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
flows=$1 warmup=${2:-5000} window=${3:-200} ll=${LL:-16777216}
cp=$PWD/benchmarks/target/benchmarks.jar
if [ -n "${CLASSES:-}" ]; then cp=$CLASSES:$cp; fi
out=${OUT:-$(mktemp -d)}
mkdir -p "$out/driver"
javac --release 17 -nowarn -cp "$cp" -d "$out/driver" benchmarks/callgrind-flows/WindowDriver.java

count() { # count DIR WINDOW_MS
  local d=$1
  mkdir -p "$d"
  (cd "$d" && exec valgrind --tool=callgrind --instr-atstart=no --cache-sim=yes \
      --D1=32768,8,64 --LL="$ll",16,64 --dump-instr=yes --callgrind-out-file="$d/cg.out.%p" \
      --smc-check=all-non-file \
    java -Xbatch -XX:-UsePerfData -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit \
      -XX:GuaranteedSafepointInterval=0 -XX:-ImplicitNullChecks -XX:+UseSerialGC -Xms2g -Xmx2g \
      ${JAVA_FLAGS:-} -cp "$out/driver:$cp" netsim.bench.WindowDriver "$flows" "$warmup" "$2" "$d/GO" \
      >"$d/log" 2>&1) &
  local vg=$!
  until grep -q window-start "$d/log" 2>/dev/null; do
    kill -0 "$vg" 2>/dev/null || { echo "callgrind run in $d died: see $d/log" >&2; return 1; }
    sleep 5
  done
  local pid
  pid=$(basename "$(ls "$d"/cg.out.*)" | sed 's/^cg\.out\.//')
  callgrind_control -i on "$pid" >/dev/null
  touch "$d/GO"
  wait "$vg"
  mv "/tmp/perf-$pid.map" "$d/"
}

count "$out/1x" "$window" &
one=$!
count "$out/3x" $((3 * window))
wait "$one"
echo "flows=$flows, warm-up ${warmup} ms, windows ${window} and $((3 * window)) ms, LL $ll bytes (runs in $out)"
python3 benchmarks/callgrind-flows/attribute.py "$out/1x" "$out/3x"
