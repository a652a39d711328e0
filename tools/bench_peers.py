#!/usr/bin/env python3
"""Whole-process timing of examples/comtrade_summary.rs against the peers in ../shared/peers
(polars, DuckDB), alternating runs so that all see the same machine load; medians of wall time
and of peak resident memory (/usr/bin/time %e and %M).

Usage: bench_peers.py INPUT.csv [ROUNDS] [PYTHON]
  ours:   target/release/examples/comtrade_summary (CARGO_TARGET_DIR respected), built beforehand
          with `cargo build --release --example comtrade_summary`
  PYTHON: the interpreter with polars and duckdb (default /tmp/peers/bin/python)
"""
import os
import statistics
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
peers = os.path.join(os.path.dirname(root), "shared", "peers")
inp = sys.argv[1]
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
python = sys.argv[3] if len(sys.argv) > 3 else "/tmp/peers/bin/python"
target = os.environ.get("CARGO_TARGET_DIR", os.path.join(root, "target"))
ours = os.path.join(target, "release", "examples", "comtrade_summary")
out = tempfile.mkdtemp()

commands = {
    "tradestat": [ours, inp, "--out", os.path.join(out, "ours.csv")],
    "polars": [python, os.path.join(peers, "peer_polars.py"), inp, os.path.join(out, "polars.csv")],
    "duckdb": [python, os.path.join(peers, "peer_duckdb.py"), inp, os.path.join(out, "duckdb.csv")],
}
results = {name: ([], []) for name in commands}
for _ in range(rounds):
    for name, cmd in commands.items():
        r = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + cmd, capture_output=True, text=True)
        last = r.stderr.strip().splitlines()[-1].split()
        results[name][0].append(float(last[0]))
        results[name][1].append(int(last[1]))
size = os.path.getsize(inp)
print(f"input {inp}: {size / 1e6:.0f} MB; {rounds} alternating rounds; load average {os.getloadavg()[0]:.1f}")
base = statistics.median(results["polars"][0])
for name, (times, rss) in results.items():
    t = statistics.median(times)
    m = statistics.median(rss)
    print(f"{name:10} median {t:.3f} s (runs {', '.join(f'{x:.2f}' for x in times)}), "
          f"{t / base:.2f} of polars' time, peak RSS {m / 1024:.0f} MB ({m * 1024 / size:.2f} of the file)")
print(f"outputs in {out}")
