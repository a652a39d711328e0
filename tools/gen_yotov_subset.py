#!/usr/bin/env python3
"""Cuts the rows of six countries out of ../shared/data/yotov_agtpa_trade.csv into
tests/data/yotov_subset.csv, and computes, independently of tradestat, the sums the integration
test `tests/trade_yotov.rs` checks (tests/data/yotov_expected.csv).

A row of the source is the exporter's exports to the importer in millions of current US dollars;
rows with exporter = importer are domestic flows. Sums use Python's `decimal` with enough digits
to be exact; growth is (t - (t-1)) / (t-1), one division at 28 significant digits, half to even.

Run from the repository root: python3 tools/gen_yotov_subset.py
"""
import csv
from decimal import Decimal, getcontext, ROUND_HALF_EVEN
from pathlib import Path

COUNTRIES = ["CHN", "DEU", "FRA", "JPN", "TUR", "USA"]
PAIRS = [("TUR", "DEU"), ("DEU", "FRA"), ("USA", "CHN"), ("JPN", "USA")]
SOURCE = Path("../shared/data/yotov_agtpa_trade.csv")
ORIGIN = (
    "# origin: ../shared/data/yotov_agtpa_trade.csv (Yotov, Piermartini, Monteiro & Larch, "
    "An Advanced Guide to Trade Policy Analysis, WTO/UNCTAD 2016, via pachadotdev/tradepolicy); "
    "licence CC BY 4.0; rows of CHN DEU FRA JPN TUR USA only; trade in millions of current US dollars; "
    "a row is the exporter's export"
)

getcontext().prec = 60
rows = []
with SOURCE.open() as f:
    for row in csv.DictReader(f):
        if row["exporter"] in COUNTRIES and row["importer"] in COUNTRIES:
            rows.append(row)

out = Path("tests/data/yotov_subset.csv")
with out.open("w", newline="") as f:
    f.write(ORIGIN + "\n")
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["exporter", "importer", "year", "trade"])
    for r in rows:
        w.writerow([r["exporter"], r["importer"], r["year"], r["trade"]])

MILLION = Decimal(10) ** 6
value = {}
for r in rows:
    value[(r["exporter"], r["importer"], int(r["year"]))] = Decimal(r["trade"]) * MILLION

years = sorted({int(r["year"]) for r in rows})
expected = Path("tests/data/yotov_expected.csv")
with expected.open("w", newline="") as f:
    f.write("# computed by tools/gen_yotov_subset.py from tests/data/yotov_subset.csv, in US dollars\n")
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["a", "b", "year", "exports", "imports", "turnover", "turnover_growth"])
    for a, b in PAIRS:
        previous = None
        for y in years:
            x = value[(a, b, y)]
            m = value[(b, a, y)]
            t = x + m
            growth = ""
            if previous is not None and previous > 0:
                getcontext().prec = 28
                getcontext().rounding = ROUND_HALF_EVEN
                growth = str((t - previous) / previous)
                getcontext().prec = 60
            w.writerow([a, b, y, str(x.normalize()), str(m.normalize()), str(t.normalize()), growth])
            previous = t
print(f"{len(rows)} rows; {len(PAIRS) * len(years)} expected lines")
