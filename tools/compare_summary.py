#!/usr/bin/env python3
"""Compare comtrade_summary's output with a peer's (../shared/peers): DuckDB's exact DECIMAL sums
must equal ours exactly; polars' float sums are counted where they differ.

Usage: compare_summary.py OURS.csv PEER.csv

Peers write Comtrade codes; ours writes alpha-3 for countries. The codes of the countries in
tools/gen_comtrade.py are mapped to alpha-3; other codes stay numbers. Amounts are compared as
Python decimals (exact); growth is compared exactly to ours rounded where the peer is exact
(never: DuckDB divides in double), so for growth the relative difference must be below 1e-12.
"""
import csv
import sys
from decimal import Decimal, getcontext

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from gen_comtrade import COUNTRIES  # noqa: E402

getcontext().prec = 80
CODE = {str(code): iso for code, iso, _ in COUNTRIES}


def load(path, peer):
    rows = {}
    with open(path, newline="") as f:
        r = csv.reader(f)
        next(r)
        for row in r:
            rep, par, year = row[0], row[1], row[2]
            if peer:
                rep, par = CODE.get(rep, rep), CODE.get(par, par)
            vals = [Decimal(v) for v in row[3:7]]
            growth = row[7]
            rows[(rep, par, int(year))] = (vals, growth)
    return rows


def main():
    ours, peer = load(sys.argv[1], False), load(sys.argv[2], True)
    missing = set(peer) - set(ours)
    extra = set(ours) - set(peer)
    amount_diff = 0
    turnover_diff = 0
    growth_diff = 0
    peer_infinite = 0
    examples = []
    for key in set(ours) & set(peer):
        (a, ga), (b, gb) = ours[key], peer[key]
        if a != b:
            amount_diff += 1
        if a[2] != b[2]:
            turnover_diff += 1
        if gb in ("inf", "-inf", "nan", "-nan") and ga == "":
            peer_infinite += 1  # the peer divided by a zero turnover; ours leaves growth empty
        elif (ga == "") != (gb == ""):
            growth_diff += 1
            examples.append((key, ga, gb))
        elif ga and gb:
            x, y = Decimal(ga), Decimal(gb)
            if abs(x - y) > abs(x) * Decimal("1e-12") + Decimal("1e-15"):
                growth_diff += 1
                examples.append((key, ga, gb))
    print(f"rows: ours {len(ours)}, peer {len(peer)}; only in peer {len(missing)}, only in ours {len(extra)}")
    print(f"rows with any amount different: {amount_diff}; turnovers different: {turnover_diff}; growth different (beyond 1e-12 relative): {growth_diff}; "
          f"peer's growth infinite where ours is empty (previous turnover zero): {peer_infinite}")
    for key, ga, gb in sorted(examples)[:5]:
        print("growth differs:", key, "ours", repr(ga), "peer", repr(gb))
    for key in sorted(missing)[:5]:
        print("only in peer:", key, peer[key])
    for key in sorted(extra)[:5]:
        print("only in ours:", key, ours[key])


if __name__ == "__main__":
    main()
