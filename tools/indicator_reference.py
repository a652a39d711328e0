#!/usr/bin/env python3
"""Reference values for tests/indicators_data.rs, computed independently of tradestat with Python's
decimal at 80 digits and rounded half to even to the finest Decimal grid (the largest scale <= 28
whose mantissa fits 96 bits). Reads tests/data/gravity_cross_section.csv (flows in millions of USD)
and tests/data/world_exports_sitc_1998_2000.csv (US dollars)."""
import csv
import os
from decimal import Decimal as D, getcontext, ROUND_HALF_EVEN

getcontext().prec = 80
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data")


def grid(v):
    for s in range(28, -1, -1):
        q = (v * D(10) ** s).quantize(D(1), rounding=ROUND_HALF_EVEN)
        if abs(q) < 2**96:
            return (q / D(10) ** s).normalize()
    raise OverflowError(v)


rows = list(csv.DictReader(open(os.path.join(DATA, "gravity_cross_section.csv"))))
flows = {(r["iso_o"], r["iso_d"]): D(r["flow"]) * D(10**6) for r in rows}
X, xw = {}, {}
for (o, d), v in flows.items():
    X[o] = X.get(o, D(0)) + v
    xw[d] = xw.get(d, D(0)) + v
Xw = sum(X.values())
print("gravity: share and intensity of exports")
for a, b in [("KAZ", "TUR"), ("TUR", "KAZ"), ("DEU", "FRA"), ("USA", "CHN")]:
    print(a, b, grid(flows[(a, b)] / X[a]), grid((flows[(a, b)] * Xw) / (X[a] * xw[b])))
print("gravity: HHI over partners (value, N, normalized)")
for a in ["KAZ", "TUR"]:
    vals = [v for (o, d), v in flows.items() if o == a]
    s = sum(vals)
    n = sum(1 for v in vals if v != 0)
    sq = sum(v * v for v in vals)
    print(a, grid(sq / (s * s)), n, grid((n * sq - s * s) / ((n - 1) * s * s)))

rows = list(csv.DictReader(open(os.path.join(DATA, "world_exports_sitc_1998_2000.csv"))))
ex = {(r["country"], r["product"]): D(r["value"]) for r in rows}
Xc, xk = {}, {}
for (c, k), v in ex.items():
    Xc[c] = Xc.get(c, D(0)) + v
    xk[k] = xk.get(k, D(0)) + v
Xw = sum(Xc.values())
print("SITC: RCA")
for c, k in [("kaz", "6821"), ("tur", "8451"), ("rom", "8423"), ("deu", "7810"), ("kaz", "3221")]:
    print(c, k, grid((ex[(c, k)] * Xw) / (Xc[c] * xk[k])))
