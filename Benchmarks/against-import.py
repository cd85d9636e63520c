#!/usr/bin/env python3
"""`handoff import --route` of a CSV against sqlite3's own `.import` of it, round after round on the same
run: each round times `.import` into a new file, then each build's `import --route` into a new workspace
(each directory removed inside the time), and takes each build's ratio to that round's `.import`. The
machine is shared and noisy; ratios taken within a round, then their median, hold where absolute times
do not.

Usage: Benchmarks/against-import.py ROUNDS CSV HANDOFF [HANDOFF...]   (the rulebook: examples/rulebook.yaml)
"""
import os, shutil, statistics, subprocess, sys, tempfile, time

rounds, csv, builds = int(sys.argv[1]), os.path.abspath(sys.argv[2]), [os.path.abspath(b) for b in sys.argv[3:]]
rulebook = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'examples', 'rulebook.yaml')

def timed(command):
    work = tempfile.mkdtemp()
    try:
        start = time.monotonic()
        subprocess.run(command(work), check=True, stdout=subprocess.DEVNULL)
        shutil.rmtree(work)
        return time.monotonic() - start
    finally:
        shutil.rmtree(work, ignore_errors=True)

ceiling = lambda w: ['sqlite3', f'{w}/raw.db', '-cmd', '.mode csv', f'.import {csv} leads']
routed = lambda b: lambda w: [b, 'import', csv, '--route', '--db', f'{w}/w.db', '--rules', rulebook, '--now', '2026-11-24T14:30:00Z']
ratios, base = {b: [] for b in builds}, []
for _ in range(rounds):
    s = timed(ceiling)
    base.append(s)
    for b in builds:
        ratios[b].append(timed(routed(b)) / s)
print(f'sqlite3 .import: median {statistics.median(base):.3f} s over {rounds} rounds')
for b in builds:
    v = sorted(ratios[b])
    print(f'{b}: median {statistics.median(v):.2f}x .import (rounds {v[0]:.2f}x to {v[-1]:.2f}x)')
