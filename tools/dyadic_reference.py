#!/usr/bin/env python3
"""Independent sums (Python `decimal`, exact) of the dyadic tables the tests read through
tradestat::io::dyadic, written to tests/data/dyadic_expected.csv.

Usage: dyadic_reference.py SHARED_DATA_DIR > tests/data/dyadic_expected.csv

Rows: file, key, rows, sum_usd (the value in US dollars: Yotov and gravity flows are millions,
the SITC world exports units). For Yotov the key is the year and the sum is over all rows of
that year (domestic rows included) plus, as key "YEAR-domestic", the domestic rows alone; for the
gravity cross-section one key "all"; for the SITC file one key per SITC section (first digit).
"""
import csv
import sys
from collections import defaultdict
from decimal import Decimal, getcontext

getcontext().prec = 80  # exact sums: far more digits than any sum has

d = sys.argv[1]
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["file", "key", "rows", "sum_usd"])

rows, sums = defaultdict(int), defaultdict(Decimal)
with open(f"{d}/yotov_agtpa_trade.csv", newline="") as f:
    for r in csv.DictReader(f):
        v = Decimal(r["trade"]) * 1000000
        rows[r["year"]] += 1
        sums[r["year"]] += v
        if r["exporter"] == r["importer"]:
            rows[r["year"] + "-domestic"] += 1
            sums[r["year"] + "-domestic"] += v
for k in sorted(rows):
    w.writerow(["yotov", k, rows[k], format(sums[k].normalize(), "f")])

n, s = 0, Decimal(0)
with open(f"{d}/gravity_cross_section.csv", newline="") as f:
    for r in csv.DictReader(f):
        n += 1
        s += Decimal(r["flow"]) * 1000000
w.writerow(["gravity", "all", n, format(s.normalize(), "f")])

rows, sums = defaultdict(int), defaultdict(Decimal)
with open(f"{d}/world_exports_sitc_1998_2000.csv", newline="") as f:
    for r in csv.DictReader(f):
        k = r["product"][0]
        rows[k] += 1
        sums[k] += Decimal(r["value"])
for k in sorted(rows):
    w.writerow(["sitc", k, rows[k], format(sums[k].normalize(), "f")])
