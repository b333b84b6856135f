#!/usr/bin/env python3
"""Per-method costs of ManyFlowsBenchmark's window under callgrind (benchmarks/callgrind-flows.sh).

attribute.py RUN_1X RUN_3X [JSON_OUT]

Each RUN directory holds a callgrind output (cg.out.PID, --dump-instr=yes --cache-sim=yes), the VM's
perf map of the same process (perf-PID.map, -XX:+DumpPerfMapAtExit) and the driver's log with
"counted-events N". Every instruction's costs go to the JIT-compiled method whose code holds it (a
compiled method with the callees it inlined), or to the native function callgrind names. The
difference of the two runs, divided by the difference of their events, is the cost per event of
the window alone: the JVM's exit, the perf map's writing and the simulated caches' cold start
cancel out. Prints the total per event (instructions, L1 data misses, last-level data misses), the
simulation's share (JIT-compiled code) and the methods by last-level misses (BY=Ir: by instructions).
Last-level misses are also split into reads (DLmr) and writes (DLmw). Most writes missed are
allocation: the first store to a fresh line of the young generation. Callgrind's cache model has no
prefetcher (neither the hardware's nor, as far as we know, the JIT's allocation prefetches), so
those likely cost less on the machine than their count suggests; the reads are the misses a core
waits for.
"""
import bisect
import collections
import glob
import json
import os
import re
import sys


def perf_map(directory, pid):
    starts, ends, names = [], [], []
    for path in glob.glob(os.path.join(directory, 'perf-%s.map' % pid)):
        rows = []
        with open(path) as lines:
            for line in lines:
                parts = line.rstrip('\n').split(' ', 2)
                if len(parts) == 3:
                    rows.append((int(parts[0], 16), int(parts[1], 16), parts[2]))
        rows.sort()
        for start, size, name in rows:
            starts.append(start)
            ends.append(start + size)
            names.append(re.sub(r'^\[[^\]]*\] ', '', name))
    return starts, ends, names


def position(token, previous):
    if token == '*':
        return previous
    if token[0] in '+-':
        step = int(token[1:], 16) if token[1:].startswith('0x') else int(token[1:])
        return previous + step if token[0] == '+' else previous - step
    return int(token, 16) if token.startswith('0x') else int(token)


def load(directory):
    """Costs per method [Ir, D1 misses, LL data misses] of one run, and its counted events."""
    out = glob.glob(os.path.join(directory, 'cg.out.*'))[0]
    pid = out.rsplit('.', 1)[1]
    starts, ends, names = perf_map(directory, pid)
    costs = collections.defaultdict(lambda: [0, 0, 0, 0, 0])
    function_names = {}
    function = '?'
    positions = 1
    address = 0
    call_line = False
    with open(out) as lines:
        for line in lines:
            first = line[0]
            if first.isdigit() or first in '+-*':
                fields = line.split()
                address = position(fields[0], address)
                if call_line:  # the inclusive cost of a call: counted in the callee
                    call_line = False
                    continue
                # events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw
                v = [int(x) for x in fields[positions:]] + [0] * 9
                i = bisect.bisect_right(starts, address) - 1
                key = names[i] if i >= 0 and address < ends[i] else 'native:' + function
                cost = costs[key]
                cost[0] += v[0]
                cost[1] += v[4] + v[5]
                cost[2] += v[7] + v[8]
                cost[3] += v[7]
                cost[4] += v[8]
            elif line.startswith(('fn=', 'cfn=')):
                m = re.match(r'c?fn=\((\d+)\)(?: (.*))?', line.strip())
                if m and m.group(2) is not None:
                    function_names[m.group(1)] = m.group(2)
                if first == 'f' and m:
                    function = function_names.get(m.group(1), '?')
            elif line.startswith('calls='):
                call_line = True
            elif line.startswith('positions:'):
                positions = len(line.split()) - 1
    events = None
    with open(os.path.join(directory, 'log')) as log:
        for line in log:
            if line.startswith('counted-events'):
                events = int(line.split()[1])
    return costs, events


def main():
    costs1, events1 = load(sys.argv[1])
    costs3, events3 = load(sys.argv[2])
    events = events3 - events1
    per_event = {}
    for key in set(costs1) | set(costs3):
        a = costs1.get(key, [0, 0, 0, 0, 0])
        b = costs3.get(key, [0, 0, 0, 0, 0])
        per_event[key] = [(b[i] - a[i]) / events for i in range(5)]
    if len(sys.argv) > 3:
        with open(sys.argv[3], 'w') as out:
            json.dump(per_event, out, indent=0, sort_keys=True)
    total = [sum(v[i] for v in per_event.values()) for i in range(5)]
    java = [sum(v[i] for k, v in per_event.items() if not k.startswith('native:'))
            for i in range(5)]
    print('%d events counted; per event: instructions %.0f, L1d misses %.2f, LL data misses %.3f'
          ' (reads %.3f, writes %.3f)' % (events, *total))
    print('  of which JIT-compiled code (the simulation): %.0f, %.2f, %.3f (%.3f, %.3f)'
          % tuple(java))
    column = 0 if os.environ.get('BY') == 'Ir' else 2
    print('%9s %8s %8s %8s %8s  method (JIT-compiled with its inlined callees) or native:function'
          % ('Ir', 'D1mr', 'LLdmr', 'LLdmr-r', 'LLdmr-w'))
    for key, v in sorted(per_event.items(), key=lambda kv: -kv[1][column])[:int(os.environ.get('TOP', '25'))]:
        print('%9.1f %8.2f %8.3f %8.3f %8.3f  %s' % (*v, key[:120]))


if __name__ == '__main__':
    main()
