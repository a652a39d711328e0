#!/usr/bin/env python3
"""Golden vectors for tradestat::math::quotient_of_products: (n1*n2)/(d1*d2) computed with Python's
decimal at 200 digits, rounded half to even to the finest Decimal grid (the largest scale <= 28
whose mantissa fits 96 bits). Writes tests/data/quotient_vectors.csv. Deterministic (seed 7)."""
from decimal import Decimal as D, getcontext, ROUND_HALF_EVEN
import os
import random

getcontext().prec = 200
random.seed(7)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "quotient_vectors.csv")


def rnd():
    m = random.randrange(1, 2**96)
    s = random.randrange(0, 29)
    if random.random() < 0.3:
        m = random.randrange(1, 10 ** random.randrange(1, 15))
    return D(m).scaleb(-s) * (1 if random.random() < 0.8 else -1)


def grid(v):
    for s in range(28, -1, -1):
        q = (v * D(10) ** s).quantize(D(1), rounding=ROUND_HALF_EVEN)
        if abs(q) < 2**96:
            return q / D(10) ** s
    return None


rows = []
while len(rows) < 60:
    n = [rnd() for _ in range(2)]
    d = [rnd() for _ in range(2)]
    g = grid(n[0] * n[1] / (d[0] * d[1]))
    if g is None:
        continue
    rows.append((n, d, g.normalize() if g != 0 else D(0)))
with open(OUT, "w") as f:
    f.write("# quotient_of_products golden vectors: (n1*n2)/(d1*d2) at 200 digits with Python decimal, "
            "rounded half to even to the finest Decimal grid. Regenerate: python3 tools/gen_quotient_vectors.py\n")
    f.write("n1,n2,d1,d2,expected\n")
    for n, d, g in rows:
        f.write(",".join(format(x, "f") for x in n + d + [g]) + "\n")
print(f"wrote {OUT}: {len(rows)} rows")
