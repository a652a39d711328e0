#!/usr/bin/env python3
"""Whole-process timing of tradestat's examples against the peers in ../shared/peers (polars,
DuckDB, pandas), alternating runs so that all see the same machine load; medians of wall time
and of peak resident memory (/usr/bin/time %e and %M).

Usage: bench_peers.py INPUT.csv [ROUNDS] [PYTHON]
       bench_peers.py --indicators [ROUNDS] [PYTHON]
  default mode: examples/comtrade_summary.rs against peer_polars.py and peer_duckdb.py on INPUT.csv,
          built beforehand with `cargo build --release --example comtrade_summary`
  --indicators: examples/indicator_tables.rs against peer_indicators.py, two jobs on the shared
          data: `rca` (every country x product of world_exports_sitc_1998_2000.csv; peers pl_rca,
          duck_rca, pd_rca) and `yotov` (partner shares, trade intensity and partner HHI of every
          exporter and year of yotov_agtpa_trade.csv; peers pl_yotov, duck_yotov, pd_yotov); built
          beforehand with `cargo build --release --example indicator_tables`. The values are then
          compared with polars' (largest relative difference).
  ours:   target/release/examples/... (CARGO_TARGET_DIR respected)
  PYTHON: the interpreter with polars, duckdb and pandas (default /tmp/peers/bin/python)
"""
import csv
import os
import statistics
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
shared = os.path.join(os.path.dirname(root), "shared")
if not os.path.isdir(os.path.join(shared, "peers")):
    shared = "/work/shared"
peers = os.path.join(shared, "peers")
target = os.environ.get("CARGO_TARGET_DIR", os.path.join(root, "target"))
args = sys.argv[1:]
indicators = "--indicators" in args
args = [a for a in args if a != "--indicators"]
if not indicators:
    inp, args = args[0], args[1:]
rounds = int(args[0]) if len(args) > 0 else (3 if indicators else 5)
python = args[1] if len(args) > 1 else "/tmp/peers/bin/python"
out = tempfile.mkdtemp()


def run_rounds(commands, env=None):
    results = {name: ([], []) for name in commands}
    for _ in range(rounds):
        for name, cmd in commands.items():
            r = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + cmd, capture_output=True,
                               text=True, env=env)
            if r.returncode != 0:
                sys.exit(f"{name} failed: {r.stderr}")
            last = r.stderr.strip().splitlines()[-1].split()
            results[name][0].append(float(last[0]))
            results[name][1].append(int(last[1]))
    return results


def report(title, results, size=None):
    print(f"{title}; {rounds} alternating rounds; load average {os.getloadavg()[0]:.1f}")
    base = statistics.median(results["polars"][0])
    base_rss = statistics.median(results["polars"][1])
    for name, (times, rss) in results.items():
        t = statistics.median(times)
        m = statistics.median(rss)
        extra = f" ({m * 1024 / size:.2f} of the file)" if size else f", {m / base_rss:.2f} of polars' peak"
        print(f"{name:10} median {t:.3f} s (runs {', '.join(f'{x:.2f}' for x in times)}), "
              f"{t / base:.2f} of polars' time, peak RSS {m / 1024:.0f} MB{extra}")


def largest_difference(ours, theirs, keys, columns, rename=None):
    """Largest relative difference between our CSV and a peer's, joined on `keys`."""
    def load(path, fix):
        with open(path, newline="") as f:
            return {tuple(fix(k, row[k]) for k in keys): row for row in csv.DictReader(f)}
    a = load(ours, lambda k, v: v.upper())
    b = load(theirs, lambda k, v: (rename or {}).get(v.upper(), v.upper()))
    worst, missing = 0.0, 0
    for key, row in a.items():
        other = b.get(key)
        if other is None:
            missing += 1
            continue
        for ca, cb in columns:
            x, y = float(row[ca]), float(other[cb])
            if x != y:
                worst = max(worst, abs(x - y) / max(abs(x), abs(y)))
    return worst, missing, len(a), len(b)


if indicators:
    ours = os.path.join(target, "release", "examples", "indicator_tables")
    peer = os.path.join(peers, "peer_indicators.py")
    env = dict(os.environ, SHARED=shared, DATA=os.path.join(shared, "data"))
    for job, modes in [("rca", ["pl_rca", "duck_rca", "pd_rca"]),
                       ("yotov", ["pl_yotov", "duck_yotov", "pd_yotov"])]:
        commands = {"tradestat": [ours, job, out]}
        for mode in modes:
            commands[{"pl": "polars", "duck": "duckdb", "pd": "pandas"}[mode.split("_")[0]]] = \
                [python, peer, mode, out]
        report(f"job {job}", run_rounds(commands, env))
        # The SITC file's legacy codes, as tradestat maps them.
        legacy = {"ROM": "ROU", "ZAR": "COD", "TMP": "TLS",
                  "ANT": "NETHERLANDS ANTILLES (FORMER)", "SCG": "SERBIA AND MONTENEGRO (FORMER)"}
        if job == "rca":
            diff = largest_difference(f"{out}/rca.csv", f"{out}/pl_rca.csv", ["country", "product"],
                                      [("rca", "rca")], legacy)
        else:
            diff = largest_difference(f"{out}/yotov_share.csv", f"{out}/pl_yotov_share.csv",
                                      ["year", "exporter", "importer"],
                                      [("share", "share"), ("intensity", "intensity")], legacy)
        print(f"  values against polars: largest relative difference {diff[0]:.2e}; "
              f"{diff[1]} of our {diff[2]} rows not found among polars' {diff[3]}")
else:
    ours = os.path.join(target, "release", "examples", "comtrade_summary")
    commands = {
        "tradestat": [ours, inp, "--out", os.path.join(out, "ours.csv")],
        "polars": [python, os.path.join(peers, "peer_polars.py"), inp, os.path.join(out, "polars.csv")],
        "duckdb": [python, os.path.join(peers, "peer_duckdb.py"), inp, os.path.join(out, "duckdb.csv")],
    }
    size = os.path.getsize(inp)
    report(f"input {inp}: {size / 1e6:.0f} MB", run_rounds(commands), size)
print(f"outputs in {out}")
